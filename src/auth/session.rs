//! Signing in and out, shared by the API (`/api/auth/*`) and the portal's pages: one throttle,
//! one hashing queue, one revocation.

use std::future::Future;

use chrono::{DateTime, Utc};

use super::password;
use crate::app::AppState;
use crate::db::entities::{TalentId, UserId, user};
use crate::db::queries;
use crate::error::{AppError, AppResult};

/// A successful sign-in: the user as the database has them, and their new token.
pub struct SignedIn {
    pub user: user::Model,
    pub talent_id: Option<TalentId>,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Checks an email and password under the login throttle and issues a token. A wrong email
/// and a wrong password are the same 401 (the unknown email is checked against a decoy hash).
pub async fn sign_in(state: &AppState, email: &str, password: String) -> AppResult<SignedIn> {
    let email = queries::users::normalize_email(email);
    let (db, decoy_hash, by_email) = (&state.db, &state.auth.decoy_hash, &email);
    let user = throttled(state, &email, |admitted| async move {
        let user = queries::users::find_by_email(db, by_email).await?;
        let hash = user
            .as_ref()
            .map_or_else(|| decoy_hash.clone(), |u| u.password_hash.clone());
        let password_ok = admitted.verify(password, hash).await;
        match user {
            Some(user) if password_ok && user.active => Ok(user),
            _ => Err(AppError::Unauthorized),
        }
    })
    .await?;
    let talent_id = queries::talents::find_by_user(&state.db, user.id)
        .await?
        .map(|t| t.id);
    let (token, expires_at) = state.auth.tokens.issue(user.id, user.role)?;
    Ok(SignedIn {
        user,
        talent_id,
        token,
        expires_at,
    })
}

/// Signs a user out everywhere: every token issued before now is refused, at once here.
pub async fn sign_out(state: &AppState, user: UserId) -> AppResult<()> {
    queries::users::revoke_tokens(&state.db, user).await?;
    state.auth.forget(user).await;
    Ok(())
}

/// Changes a user's password after checking the current one (a wrong one counts as a failed
/// login), and signs them out everywhere.
pub async fn change_password(
    state: &AppState,
    user: UserId,
    current_password: String,
    new_password: String,
) -> AppResult<()> {
    let user = queries::users::find(&state.db, user)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let (db, email) = (&state.db, user.email.clone());
    throttled(state, &email, |admitted| async move {
        if !admitted.verify(current_password, user.password_hash).await {
            return Err(AppError::Unauthorized);
        }
        let new_hash = admitted.hash(new_password).await?;
        queries::users::change_password(db, user.id, new_hash).await?;
        Ok(())
    })
    .await?;
    state.auth.forget(user.id).await;
    Ok(())
}

/// Runs a password check for `email` under the login throttle (API.md §8.1): it takes a slot
/// before the check (429 when the 10 are taken), and a place in the hashing queue (503 when
/// full). A 401 keeps its slot, as a failure; a success clears the email's failures; any other
/// outcome gives the slot back, since no password was judged.
async fn throttled<T, F, Fut>(state: &AppState, email: &str, check: F) -> AppResult<T>
where
    F: FnOnce(password::Admitted) -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    let failures = &state.auth.login_failures;
    let slot = failures
        .take(email)
        .await
        .map_err(|retry_after_secs| AppError::TooManyRequests { retry_after_secs })?;
    let outcome = match state.auth.hashing.admit() {
        Some(admitted) => check(admitted).await,
        None => Err(AppError::Busy {
            retry_after_secs: 1,
        }),
    };
    match &outcome {
        Ok(_) => failures.clear(email).await,
        Err(AppError::Unauthorized) => {}
        Err(_) => failures.release(email, &slot).await,
    }
    outcome
}
