//! Flows begun and not yet finished: a `state` bound to a creator and a platform, with its PKCE
//! verifier, single-use and valid [`STATE_TTL`]. Kept in Redis when configured (one key per
//! state, read and deleted in one MULTI), else in the database; either way any instance can
//! finish the flow. Neither the state nor the verifier is stored in clear: the key is the state's
//! SHA-256, and the verifier is sealed like the social tokens.
//!
//! Redis is an accelerator here as elsewhere: a flow that could not be written to Redis is
//! written to the database, and a state not found in Redis is looked for in the database.

use chrono::Utc;
use oauth2::{CsrfToken, PkceCodeVerifier};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::db::entities::{Platform, TalentId};
use crate::db::queries::oauth_states;
use crate::error::AppError;

/// How long a creator has to finish a flow at the platform.
pub const STATE_TTL: chrono::Duration = chrono::Duration::minutes(10);

/// A flow taken back by the callback.
pub struct PendingFlow {
    pub talent: TalentId,
    pub verifier: PkceCodeVerifier,
}

/// Lower-case hex SHA-256 of a state.
fn hash(state: &str) -> String {
    Sha256::digest(state.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn redis_key(platform: Platform, state_hash: &str) -> String {
    format!("et:oauth-state:{}:{state_hash}", platform.as_str())
}

/// Keeps a flow just begun.
pub async fn remember(
    app: &AppState,
    talent: TalentId,
    platform: Platform,
    state: &CsrfToken,
    verifier: &PkceCodeVerifier,
) -> Result<(), AppError> {
    let state_hash = hash(state.secret());
    let sealed = app
        .tokens
        .encrypt(verifier.secret())
        .map_err(|err| AppError::Internal(err.into()))?;
    if let Some(redis) = &app.redis {
        let mut pipe = redis::pipe();
        pipe.cmd("SET")
            .arg(redis_key(platform, &state_hash))
            .arg(format!("{talent}:{sealed}"))
            .arg("EX")
            .arg(STATE_TTL.num_seconds())
            .ignore();
        if redis.query::<()>(&pipe).await.is_some() {
            return Ok(());
        }
    }
    let expires_at = crate::db::queries::now() + STATE_TTL;
    oauth_states::insert(&app.db, state_hash, talent, platform, sealed, expires_at).await?;
    Ok(())
}

/// Takes the flow of `state` begun for `platform`, once: `None` when it is unknown, expired,
/// already taken, or was begun for another platform (which leaves it as it was).
pub async fn take(
    app: &AppState,
    platform: Platform,
    state: &str,
) -> Result<Option<PendingFlow>, AppError> {
    let state_hash = hash(state);
    if let Some(redis) = &app.redis {
        let mut pipe = redis::pipe();
        let key = redis_key(platform, &state_hash);
        pipe.atomic()
            .cmd("GET")
            .arg(&key)
            .cmd("DEL")
            .arg(&key)
            .ignore();
        if let Some((Some(value),)) = redis.query::<(Option<String>,)>(&pipe).await {
            return open(app, &value).map(Some);
        }
    }
    let Some(row) = oauth_states::take(&app.db, &state_hash, platform).await? else {
        return Ok(None);
    };
    if row.expires_at <= Utc::now() {
        return Ok(None);
    }
    let verifier = app
        .tokens
        .decrypt(&row.sealed_verifier)
        .map_err(|err| AppError::Internal(err.into()))?;
    Ok(Some(PendingFlow {
        talent: row.creator_id,
        verifier: PkceCodeVerifier::new(verifier),
    }))
}

/// `<talent id>:<sealed verifier>`, as kept in Redis.
fn open(app: &AppState, value: &str) -> Result<PendingFlow, AppError> {
    let corrupt = || AppError::Internal(anyhow::anyhow!("a stored OAuth state is malformed"));
    let (talent, sealed) = value.split_once(':').ok_or_else(corrupt)?;
    let talent: uuid::Uuid = talent.parse().map_err(|_| corrupt())?;
    let verifier = app
        .tokens
        .decrypt(sealed)
        .map_err(|err| AppError::Internal(err.into()))?;
    Ok(PendingFlow {
        talent: TalentId(talent),
        verifier: PkceCodeVerifier::new(verifier),
    })
}
