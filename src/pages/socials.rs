//! `/portal/socials`: the creator's accounts, **Connect** (platform and **Handle**) and
//! **Disconnect**, through the API's social handlers.

use askama::Template;
use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::{CsrfForm, PageResult, Portal, PortalUrl, api_body, render_page, see_other};
use crate::app::AppState;
use crate::db::entities::Platform;
use crate::routes::creator::socials;
use crate::views::creator::SocialView;

const PLATFORMS: [Platform; 5] = [
    Platform::Instagram,
    Platform::Tiktok,
    Platform::Youtube,
    Platform::X,
    Platform::Linkedin,
];

#[derive(Template)]
#[template(path = "portal/socials.html")]
struct SocialsPage<'a> {
    csrf: &'a str,
    accounts: Vec<SocialView>,
}

impl SocialsPage<'_> {
    fn platforms(&self) -> Vec<(String, &'static str)> {
        PLATFORMS
            .iter()
            .map(|platform| (platform.as_str(), super::fmt::platform(platform)))
            .collect()
    }
}

pub async fn show(State(state): State<AppState>, portal: Portal) -> PageResult {
    let list = socials::list_socials(State(state), portal.ctx).await?.0;
    let page = SocialsPage {
        csrf: &portal.csrf,
        accounts: list.items,
    };
    render_page(&portal, PortalUrl::Socials, "Socials", &page)
}

#[derive(Deserialize)]
pub struct ConnectForm {
    #[serde(default)]
    platform: String,
    #[serde(default)]
    handle: String,
}

pub async fn connect(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<ConnectForm>,
) -> PageResult {
    let handle = form.handle.trim().trim_start_matches('@');
    let body = api_body(json!({ "platform": form.platform, "handle": handle }))?;
    let _changed = socials::connect_social(State(state), portal.ctx, body).await?;
    Ok(see_other(PortalUrl::Socials))
}

#[derive(Deserialize)]
pub struct DisconnectForm {
    #[serde(default)]
    platform: String,
}

pub async fn disconnect(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<DisconnectForm>,
) -> PageResult {
    let body = api_body(json!({ "platform": form.platform }))?;
    let _changed = socials::disconnect_social(State(state), portal.ctx, body).await?;
    Ok(see_other(PortalUrl::Socials))
}
