//! Social accounts: connect (create or replace per platform, directly or through OAuth), list,
//! disconnect. Tokens are sealed before they are stored and never come back out of this API.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::auth::CreatorContext;
use crate::db::entities::Platform;
use crate::db::queries::now;
use crate::db::queries::socials::{self, Connect, ConnectError};
use crate::error::{AppError, AppResult};
use crate::extract::AppJson;
use crate::social::states;
use crate::validation::{Checks, Validate};
use crate::views::creator::{AuthorizeView, ConnectAnswer, SocialListView, SocialView};
use crate::webhooks::{Emitted, EventType, emitting};

/// Longest token accepted, in characters.
const MAX_TOKEN: usize = 4096;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConnectBody {
    pub platform: Platform,
    /// 1–100 characters, no spaces. Without it (and without tokens), a platform configured for
    /// OAuth answers where to authorize.
    pub handle: Option<String>,
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl Validate for ConnectBody {
    fn validate(&self, check: &mut Checks) {
        if let Some(handle) = &self.handle {
            check.length("handle", handle, 1, 100);
            if handle.chars().any(char::is_whitespace) {
                check.fail("handle", "must not contain spaces");
            }
        }
        check.length_opt("accessToken", self.access_token.as_deref(), 1, MAX_TOKEN);
        check.length_opt("refreshToken", self.refresh_token.as_deref(), 1, MAX_TOKEN);
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DisconnectBody {
    pub platform: Platform,
}

impl Validate for DisconnectBody {
    fn validate(&self, _: &mut Checks) {}
}

impl From<ConnectError> for AppError {
    fn from(err: ConnectError) -> Self {
        match err {
            ConnectError::Db(db) => db.into(),
            ConnectError::Cipher(cipher) => AppError::Internal(cipher.into()),
        }
    }
}

/// The creator's social accounts, one per platform at most (not paginated).
#[utoipa::path(get, path = "/socials", tag = "creator",
    responses((status = 200, body = SocialListView)))]
pub async fn list_socials(
    State(state): State<AppState>,
    ctx: CreatorContext,
) -> AppResult<Json<SocialListView>> {
    let rows = socials::list_for_creator(&state.db, ctx.talent_id).await?;
    let now = now();
    Ok(Json(SocialListView {
        items: rows.into_iter().map(|r| SocialView::new(r, now)).collect(),
    }))
}

/// Connects a platform's account, replacing an earlier connection of that platform. With only
/// `platform`, for a platform the operator configured for OAuth: `{"authorizeUrl"}`, where to
/// send the creator's browser (authorization code with PKCE; the platform then redirects to
/// `/oauth/callback/{platform}`).
#[utoipa::path(post, path = "/socials/connect", tag = "creator",
    request_body = ConnectBody,
    responses((status = 200, body = ConnectAnswer,
        description = "The connection, or `{authorizeUrl}` when only a configured platform was named")))]
pub async fn connect_social(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppJson(body): AppJson<ConnectBody>,
) -> AppResult<Json<ConnectAnswer>> {
    let has_tokens = body.access_token.is_some() || body.refresh_token.is_some();
    let Some(handle) = body.handle.as_deref() else {
        let provider = state.social.get(body.platform).filter(|_| !has_tokens);
        let Some(provider) = provider else {
            return Err(AppError::invalid(
                "handle",
                "is required (this platform is not connected through OAuth here)",
            ));
        };
        let (authorize_url, csrf, verifier) = provider.authorize();
        states::remember(&state, ctx.talent_id, body.platform, &csrf, &verifier).await?;
        return Ok(Json(ConnectAnswer::Authorize(AuthorizeView {
            authorize_url,
        })));
    };
    let connect = Connect {
        platform: body.platform,
        handle,
        access_token: body.access_token.as_deref(),
        refresh_token: body.refresh_token.as_deref(),
        expires_at: body.expires_at,
    };
    let row = emitting(&state, async |txn| {
        let row = socials::connect_for_creator(txn, &state.tokens, ctx.talent_id, connect).await?;
        let emitted = Emitted::social(EventType::SocialConnected, &row);
        Ok((row, Some(emitted)))
    })
    .await?;
    state.creator_changed(ctx.talent_id).await;
    Ok(Json(ConnectAnswer::Connected(SocialView::new(row, now()))))
}

/// Disconnects a platform and erases its tokens; 404 when it was never connected.
#[utoipa::path(post, path = "/socials/disconnect", tag = "creator",
    request_body = DisconnectBody,
    responses((status = 200, body = SocialView)))]
pub async fn disconnect_social(
    State(state): State<AppState>,
    ctx: CreatorContext,
    AppJson(body): AppJson<DisconnectBody>,
) -> AppResult<Json<SocialView>> {
    let row = emitting(&state, async |txn| {
        let was_connected = socials::find_for_creator(txn, ctx.talent_id, body.platform)
            .await?
            .is_some_and(|row| row.connected);
        let row = socials::disconnect_for_creator(txn, ctx.talent_id, body.platform).await?;
        let emitted = row
            .as_ref()
            .filter(|_| was_connected)
            .map(|row| Emitted::social(EventType::SocialDisconnected, row));
        Ok((row, emitted))
    })
    .await?
    .ok_or(AppError::NotFound)?;
    state.creator_changed(ctx.talent_id).await;
    Ok(Json(SocialView::new(row, now())))
}
