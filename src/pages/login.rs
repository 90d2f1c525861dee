//! `/portal/login` and `/portal/logout`: signing in with the API's credentials and throttle,
//! for creators only; signing out everywhere.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::session::{session_cookie, with_cookie};
use super::{CsrfForm, NoFields, PageError, PageResult, Portal, PortalUrl, assets, see_other};
use crate::app::AppState;
use crate::auth::session;
use crate::db::entities::Role;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "portal/login.html")]
struct LoginPage<'a> {
    email: &'a str,
    message: Option<String>,
    stylesheet: &'a str,
}

fn login_page(status: StatusCode, email: &str, message: Option<String>) -> PageResult {
    let page = LoginPage {
        email,
        message,
        stylesheet: assets::STYLESHEET.url(),
    };
    let html = page.render().map_err(PageError::render)?;
    Ok((status, Html(html)).into_response())
}

/// The sign-in form; a creator already signed in goes on to the overview.
pub async fn show(signed_in: Result<Portal, PageError>) -> PageResult {
    if signed_in.is_ok() {
        return Ok(see_other(PortalUrl::Overview));
    }
    login_page(StatusCode::OK, "", None)
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// Signs a creator in: the same check, throttle and token as `POST /api/auth/login`, kept in
/// the session cookie. Staff are refused here, with no session made.
pub async fn sign_in(
    State(state): State<AppState>,
    axum::Form(form): axum::Form<SignInForm>,
) -> PageResult {
    let email = form.email.trim().to_owned();
    if email.chars().count() > 254 || form.password.chars().count() > 1024 {
        return login_page(
            StatusCode::UNAUTHORIZED,
            "",
            Some("Wrong email or password.".to_owned()),
        );
    }
    match session::sign_in(&state, &email, form.password).await {
        Ok(signed_in) if signed_in.user.role == Role::Creator && signed_in.talent_id.is_some() => {
            let cookie = session_cookie(&state, Some(&signed_in.token));
            Ok(with_cookie(see_other(PortalUrl::Overview), cookie))
        }
        Ok(_) => login_page(
            StatusCode::FORBIDDEN,
            &email,
            Some(
                "This portal is for the agency's creators. Staff sign in to the agency's tools."
                    .to_owned(),
            ),
        ),
        Err(AppError::Unauthorized) => login_page(
            StatusCode::UNAUTHORIZED,
            &email,
            Some("Wrong email or password.".to_owned()),
        ),
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            let minutes = retry_after_secs.div_ceil(60);
            let mut response = login_page(
                StatusCode::TOO_MANY_REQUESTS,
                &email,
                Some(format!(
                    "Too many attempts for this email. Try again in {minutes} minute{}.",
                    if minutes == 1 { "" } else { "s" }
                )),
            )?;
            response
                .headers_mut()
                .insert(RETRY_AFTER, retry_after_secs.max(1).into());
            Ok(response)
        }
        Err(err) => Err(err.into()),
    }
}

/// Signs the creator out everywhere, as `POST /api/auth/logout` does, and ends the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    portal: Portal,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response, PageError> {
    session::sign_out(&state, portal.ctx.user_id).await?;
    let cookie = session_cookie(&state, None);
    Ok(with_cookie(see_other(PortalUrl::Login), cookie))
}
