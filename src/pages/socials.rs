//! `/portal/socials`: the creator's accounts, **Connect with <Platform>** for the platforms the
//! operator configured for OAuth (a form post answered with a 303 to the platform), **Connect**
//! by platform and **Handle**, and **Disconnect**, through the API's social handlers.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_SECURITY_POLICY;
use serde::Deserialize;
use serde_json::json;

use super::{
    CONTENT_SECURITY_POLICY_VALUE, CsrfForm, PageResult, Portal, PortalUrl, api_body, render_page,
    see_other,
};
use crate::app::AppState;
use crate::db::entities::Platform;
use crate::extract::AppQuery;
use crate::routes::creator::socials;
use crate::social::oauth::PLATFORMS;
use crate::views::creator::{ConnectAnswer, SocialView};

#[derive(Template)]
#[template(path = "portal/socials.html")]
struct SocialsPage<'a> {
    csrf: &'a str,
    accounts: Vec<SocialView>,
    /// The platforms configured for OAuth: (value, name).
    oauth: Vec<(String, &'static str)>,
    /// The platform whose OAuth flow just failed, by name.
    failed: Option<&'static str>,
}

impl SocialsPage<'_> {
    fn platforms(&self) -> Vec<(String, &'static str)> {
        PLATFORMS
            .iter()
            .map(|platform| (platform.as_str(), super::fmt::platform(platform)))
            .collect()
    }
}

#[derive(Deserialize)]
pub struct ShowParams {
    /// Set by the OAuth callback when the platform refused.
    failed: Option<Platform>,
}

pub async fn show(
    State(state): State<AppState>,
    portal: Portal,
    AppQuery(params): AppQuery<ShowParams>,
) -> PageResult {
    let oauth: Vec<(String, &'static str)> = state
        .social
        .configured()
        .map(|p| (p.platform.as_str(), super::fmt::platform(&p.platform)))
        .collect();
    // The Connect with … forms are answered by a redirect to the platform: allow its origin.
    let mut form_action: Vec<&str> = state
        .social
        .configured()
        .map(|p| p.authorize_origin.as_str())
        .collect();
    form_action.dedup();
    let csp = format!("{CONTENT_SECURITY_POLICY_VALUE} {}", form_action.join(" "));
    let social = state.social.clone();
    let list = socials::list_socials(State(state), portal.ctx).await?.0;
    let page = SocialsPage {
        csrf: &portal.csrf,
        accounts: list.items,
        oauth,
        failed: params.failed.map(|p| super::fmt::platform(&p)),
    };
    let mut response = render_page(&portal, PortalUrl::Socials, "Socials", &page)?;
    if social.configured().next().is_some()
        && let Ok(value) = HeaderValue::from_str(csp.trim_end())
    {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct ConnectForm {
    #[serde(default)]
    platform: String,
    /// Absent from the Connect with … forms: the platform is then connected through OAuth.
    handle: Option<String>,
}

pub async fn connect(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(form): CsrfForm<ConnectForm>,
) -> PageResult {
    let body = match form.handle {
        Some(handle) => {
            let handle = handle.trim().trim_start_matches('@').to_owned();
            json!({ "platform": form.platform, "handle": handle })
        }
        None => json!({ "platform": form.platform }),
    };
    let answer = socials::connect_social(State(state), portal.ctx, api_body(body)?).await?;
    match answer.0 {
        ConnectAnswer::Authorize(authorize) => Ok(see_other(authorize.authorize_url)),
        ConnectAnswer::Connected(_) => Ok(see_other(PortalUrl::Socials)),
    }
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
