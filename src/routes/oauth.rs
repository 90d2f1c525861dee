//! `/oauth/callback/{platform}`: where a social platform sends the creator's browser back after
//! the authorization page (API.md §8.3). No bearer token: the single-use `state` is the
//! permission, bound to the creator and the platform that began the flow.
//!
//! A platform that is not configured has no flows, so its callback is a bad `state` too.
//!
//! Answers: a bad `state` (missing, unknown, expired, already used, or begun for another platform)
//! is a 400 problem+json and changes nothing — no page of ours sent the browser there, so there is
//! nothing friendlier to return to. Otherwise the state is used up and the browser goes back to
//! `/portal/socials` (303): with the account connected, or, when the platform said no (`error=`
//! on the callback, a refused code exchange, or a profile that cannot be read), with
//! `?failed=<platform>` and the connection as it was.

use axum::extract::State;
use axum::response::Response;
use oauth2::PkceCodeVerifier;
use secrecy::ExposeSecret;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::db::entities::{Platform, TalentId};
use crate::db::queries::socials::{self, Connect};
use crate::db::queries::talents;
use crate::error::{AppError, AppResult};
use crate::extract::{AppPath, AppQuery};
use crate::pages::{PortalUrl, see_other};
use crate::social::{adapters, states};
use crate::webhooks::{Emitted, EventType, emitting};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(oauth_callback))
}

/// What the platform appends to the redirect URI. Other parameters (`scope` …) are ignored.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackParams {
    /// The authorization code (absent when the creator or the platform refused).
    code: Option<String>,
    /// The flow's single-use state.
    state: Option<String>,
    /// The platform's refusal (`access_denied` …).
    error: Option<String>,
}

/// The end of an OAuth flow begun by `POST /api/creator/socials/connect` with only a platform:
/// exchanges the code (with the flow's PKCE verifier) for tokens, reads the account's handle,
/// stores the tokens sealed and sends the browser to `/portal/socials`.
#[utoipa::path(get, path = "/oauth/callback/{platform}", tag = "oauth", security(()),
    params(("platform" = Platform, Path, description = "The platform the flow was begun for"),
        CallbackParams),
    responses(
        (status = 303, description = "To `/portal/socials` (connected), or \
            `/portal/socials?failed=<platform>` when the platform refused"),
        (status = 400, description = "Missing, unknown, expired, used or another platform's `state`")))]
pub async fn oauth_callback(
    State(state): State<AppState>,
    AppPath(platform): AppPath<Platform>,
    AppQuery(params): AppQuery<CallbackParams>,
) -> AppResult<Response> {
    let bad_state = || AppError::BadRequest("unknown, expired or already used state".to_owned());
    if state.social.get(platform).is_none() {
        return Err(bad_state());
    }
    let given = params
        .state
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or_else(bad_state)?;
    let flow = states::take(&state, platform, given)
        .await?
        .ok_or_else(bad_state)?;
    // A creator erased (or deleted) since the flow began connects nothing.
    let live = talents::find(&state.db, flow.talent)
        .await?
        .is_some_and(|talent| talent.erased_at.is_none());
    if !live {
        return Err(bad_state());
    }
    let failed = || {
        see_other(format!(
            "{}?failed={}",
            PortalUrl::Socials,
            platform.as_str()
        ))
    };
    if let Some(error) = &params.error {
        tracing::info!(platform = %platform.as_str(), talent_id = %flow.talent, error = %short(error),
            "the platform refused the authorization");
        return Ok(failed());
    }
    let Some(code) = params.code.filter(|c| !c.is_empty()) else {
        return Ok(failed());
    };
    match finish(&state, platform, flow.talent, code, flow.verifier).await {
        Ok(()) => {
            state.creator_changed(flow.talent).await;
            Ok(see_other(PortalUrl::Socials))
        }
        Err(Finish::Refused(reason)) => {
            tracing::warn!(platform = %platform.as_str(), talent_id = %flow.talent, %reason,
                "OAuth flow not finished");
            Ok(failed())
        }
        Err(Finish::Internal(err)) => Err(err),
    }
}

enum Finish {
    /// The platform refused the code or the profile read: the connection stays as it was.
    Refused(String),
    Internal(AppError),
}

impl<E: Into<AppError>> From<E> for Finish {
    fn from(err: E) -> Self {
        Self::Internal(err.into())
    }
}

async fn finish(
    state: &AppState,
    platform: Platform,
    talent: TalentId,
    code: String,
    verifier: PkceCodeVerifier,
) -> Result<(), Finish> {
    let provider = state
        .social
        .get(platform)
        .ok_or_else(|| Finish::Refused("not configured".to_owned()))?;
    let grant = provider
        .exchange(&state.social.http, code, verifier)
        .await
        .map_err(|err| Finish::Refused(err.to_string()))?;
    let account = adapters::read_account(&state.social.http, provider, &grant.access_token, false)
        .await
        .map_err(|err| Finish::Refused(err.to_string()))?;
    let connect = Connect {
        platform,
        handle: &account.handle,
        access_token: Some(grant.access_token.expose_secret()),
        refresh_token: grant.refresh_token.as_ref().map(|t| t.expose_secret()),
        expires_at: grant.expires_at,
    };
    // As a connect through the API: the agency's webhooks hear of it.
    emitting(state, async |txn| {
        let row = socials::connect_for_creator(txn, &state.tokens, talent, connect).await?;
        Ok(((), Some(Emitted::social(EventType::SocialConnected, &row))))
    })
    .await?;
    Ok(())
}

/// A platform's error code, bounded, for a log line.
fn short(error: &str) -> String {
    error
        .chars()
        .take(64)
        .filter(|c| c.is_ascii_graphic())
        .collect()
}
