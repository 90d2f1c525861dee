//! The creator portal as web pages (API.md §8.2): a third audience beside `admin` and
//! `creator`, served under `/portal` by the same binary.
//!
//! A page is one more way to show a view: each handler takes the signed-in [`Portal`] (the
//! session cookie, the permission check) and calls the very handlers of `/api/creator` (their
//! queries, rules and views), then renders the views with a template of `templates/portal/`.
//! A request from the page's own script (`HX-Request: true`) gets the page's main content
//! alone; any other the whole page. Every action is a plain form post answered by a redirect
//! (303), so the portal works without JavaScript; a post without the form's CSRF proof is 403
//! and changes nothing ([`CsrfForm`]).

mod assets;
mod charts;
pub(crate) mod fmt;
mod session;

mod assistant;
mod deals;
mod events;
mod goals;
mod insights;
mod login;
mod notifications;
mod overview;
mod revenue;
mod socials;
mod tasks;
mod wellness;

use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, LOCATION, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use uuid::Uuid;

use crate::app::AppState;
use crate::error::AppError;

use fmt::Plain;
pub use session::{CsrfForm, CsrfKey, Portal};

/// Every URL of the portal, in one place: templates and handlers name these, never strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalUrl {
    Overview,
    Login,
    Logout,
    Events,
    AcceptEvent(Uuid),
    DeclineEvent(Uuid),
    CalendarLink,
    RevokeCalendarLink,
    Tasks,
    CompleteTask(Uuid),
    Goals,
    Goal(Uuid),
    ArchiveGoal(Uuid),
    Revenue,
    Deals,
    Socials,
    ConnectSocial,
    DisconnectSocial,
    Insights,
    ReadInsight(Uuid),
    Wellness,
    Assistant,
    RateAnswer(Uuid),
    Notifications,
    ReadNotification(Uuid),
}

/// The URLs of one record, for templates (which hand over references).
impl PortalUrl {
    pub fn accept_event(id: impl Plain<Uuid>) -> Self {
        Self::AcceptEvent(id.plain())
    }
    pub fn decline_event(id: impl Plain<Uuid>) -> Self {
        Self::DeclineEvent(id.plain())
    }
    pub fn complete_task(id: impl Plain<Uuid>) -> Self {
        Self::CompleteTask(id.plain())
    }
    pub fn goal(id: impl Plain<Uuid>) -> Self {
        Self::Goal(id.plain())
    }
    pub fn archive_goal(id: impl Plain<Uuid>) -> Self {
        Self::ArchiveGoal(id.plain())
    }
    pub fn read_insight(id: impl Plain<Uuid>) -> Self {
        Self::ReadInsight(id.plain())
    }
    pub fn rate_answer(id: impl Plain<Uuid>) -> Self {
        Self::RateAnswer(id.plain())
    }
    pub fn read_notification(id: impl Plain<Uuid>) -> Self {
        Self::ReadNotification(id.plain())
    }
}

impl std::fmt::Display for PortalUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Overview => write!(f, "/portal"),
            Self::Login => write!(f, "/portal/login"),
            Self::Logout => write!(f, "/portal/logout"),
            Self::Events => write!(f, "/portal/events"),
            Self::AcceptEvent(id) => write!(f, "/portal/events/{id}/accept"),
            Self::DeclineEvent(id) => write!(f, "/portal/events/{id}/decline"),
            Self::CalendarLink => write!(f, "/portal/events/calendar-link"),
            Self::RevokeCalendarLink => write!(f, "/portal/events/calendar-link/revoke"),
            Self::Tasks => write!(f, "/portal/tasks"),
            Self::CompleteTask(id) => write!(f, "/portal/tasks/{id}/complete"),
            Self::Goals => write!(f, "/portal/goals"),
            Self::Goal(id) => write!(f, "/portal/goals/{id}"),
            Self::ArchiveGoal(id) => write!(f, "/portal/goals/{id}/archive"),
            Self::Revenue => write!(f, "/portal/revenue"),
            Self::Deals => write!(f, "/portal/deals"),
            Self::Socials => write!(f, "/portal/socials"),
            Self::ConnectSocial => write!(f, "/portal/socials/connect"),
            Self::DisconnectSocial => write!(f, "/portal/socials/disconnect"),
            Self::Insights => write!(f, "/portal/insights"),
            Self::ReadInsight(id) => write!(f, "/portal/insights/{id}/read"),
            Self::Wellness => write!(f, "/portal/wellness"),
            Self::Assistant => write!(f, "/portal/assistant"),
            Self::RateAnswer(id) => write!(f, "/portal/assistant/{id}/rate"),
            Self::Notifications => write!(f, "/portal/notifications"),
            Self::ReadNotification(id) => write!(f, "/portal/notifications/{id}/read"),
        }
    }
}

/// The portal's routes (not in the OpenAPI document: they answer HTML).
pub fn router() -> Router<AppState> {
    let pages = Router::new()
        .route("/portal", get(overview::show))
        .route("/portal/login", get(login::show).post(login::sign_in))
        .route("/portal/logout", post(login::sign_out))
        .route("/portal/events", get(events::show))
        .route("/portal/events/{id}/accept", post(events::accept))
        .route("/portal/events/{id}/decline", post(events::decline))
        .route("/portal/events/calendar-link", post(events::calendar_link))
        .route(
            "/portal/events/calendar-link/revoke",
            post(events::revoke_calendar_link),
        )
        .route("/portal/tasks", get(tasks::show))
        .route("/portal/tasks/{id}/complete", post(tasks::complete))
        .route("/portal/goals", get(goals::show).post(goals::add))
        .route("/portal/goals/{id}", post(goals::save))
        .route("/portal/goals/{id}/archive", post(goals::archive))
        .route("/portal/revenue", get(revenue::show))
        .route("/portal/deals", get(deals::show))
        .route("/portal/socials", get(socials::show))
        .route("/portal/socials/connect", post(socials::connect))
        .route("/portal/socials/disconnect", post(socials::disconnect))
        .route("/portal/insights", get(insights::show))
        .route("/portal/insights/{id}/read", post(insights::mark_read))
        .route(
            "/portal/wellness",
            get(wellness::show).post(wellness::check_in),
        )
        .route(
            "/portal/assistant",
            get(assistant::show).post(assistant::ask),
        )
        .route("/portal/assistant/{id}/rate", post(assistant::rate))
        .route("/portal/notifications", get(notifications::show))
        .route(
            "/portal/notifications/{id}/read",
            post(notifications::mark_read),
        )
        .layer(middleware::from_fn(page_headers));
    Router::new()
        .route("/", get(|| async { see_other(PortalUrl::Overview) }))
        .route("/portal/static/{name}", get(assets::serve))
        .merge(pages)
}

/// The scripts, styles and forms of a page may come from this origin only; nothing inline.
/// `form-action` stays last: the socials page appends the OAuth platforms' authorization origins
/// to it (a form post answered by a redirect to the platform).
pub(crate) const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Every page: its CSP, never cached, and the request id its error pages show.
async fn page_headers(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let mut response = REQUEST_ID.scope(request_id, next.run(req)).await;
    let headers = response.headers_mut();
    // A page may widen `form-action` (socials); every other directive is this one.
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

tokio::task_local! {
    /// The request id of the page being answered, for its error page.
    static REQUEST_ID: String;
}

/// A redirect after a post (or to the sign-in page): `303 See Other`.
pub fn see_other(to: impl std::fmt::Display) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&to.to_string()) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

/// The navigation, in order: (url, name).
pub const NAVIGATION: [(PortalUrl, &str); 11] = [
    (PortalUrl::Overview, "Overview"),
    (PortalUrl::Events, "Events"),
    (PortalUrl::Tasks, "Tasks"),
    (PortalUrl::Goals, "Goals"),
    (PortalUrl::Revenue, "Revenue"),
    (PortalUrl::Deals, "Deals"),
    (PortalUrl::Socials, "Socials"),
    (PortalUrl::Insights, "Insights"),
    (PortalUrl::Wellness, "Wellness"),
    (PortalUrl::Assistant, "Assistant"),
    (PortalUrl::Notifications, "Notifications"),
];

/// The whole page around a page's main content.
#[derive(Template)]
#[template(path = "portal/shell.html")]
struct Shell<'a> {
    title: &'a str,
    current: PortalUrl,
    display_name: &'a str,
    csrf: &'a str,
    main: &'a str,
    stylesheet: &'a str,
    script: &'a str,
}

impl Shell<'_> {
    fn navigation(&self) -> &'static [(PortalUrl, &'static str)] {
        &NAVIGATION
    }
}

/// Renders a page: its main content alone for the page's own script, else the whole page.
pub fn render_page(
    portal: &Portal,
    current: PortalUrl,
    title: &str,
    main: &impl Template,
) -> Result<Response, PageError> {
    let main = main.render().map_err(PageError::render)?;
    if portal.partial {
        return Ok(Html(main).into_response());
    }
    let shell = Shell {
        title,
        current,
        display_name: &portal.display_name,
        csrf: &portal.csrf,
        main: &main,
        stylesheet: assets::STYLESHEET.url(),
        script: assets::SCRIPT.url(),
    };
    let html = shell.render().map_err(PageError::render)?;
    Ok(Html(html).into_response())
}

/// What went wrong on a page, rendered as a page: never a stack trace, always the request id.
#[derive(Debug)]
pub enum PageError {
    /// Not signed in (or the session has ended): to the sign-in page.
    SignIn,
    App(AppError),
}

impl PageError {
    fn render(err: askama::Error) -> Self {
        Self::App(AppError::Internal(anyhow::anyhow!(
            "rendering a page: {err}"
        )))
    }
}

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Unauthorized => Self::SignIn,
            other => Self::App(other),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
    fields: Vec<String>,
    request_id: &'a str,
    stylesheet: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let err = match self {
            Self::SignIn => return see_other(PortalUrl::Login),
            Self::App(err) => err,
        };
        let status = err.status();
        let retry_after = match &err {
            AppError::TooManyRequests { retry_after_secs }
            | AppError::Busy { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let fields = match &err {
            AppError::Validation(errors) => errors
                .iter()
                .map(|e| format!("{}: {}", fmt::field_name(&e.field), e.message))
                .collect(),
            _ => Vec::new(),
        };
        let message = match &err {
            AppError::NotFound => "There is nothing here, or it is not yours.".to_owned(),
            AppError::Validation(_) => "Please check what you entered.".to_owned(),
            other => {
                // Logged once, with its cause, like the API's errors.
                let logged = other.status().is_server_error();
                if logged {
                    tracing::error!(error = ?other, "page failed");
                    "Something went wrong on our side. Please try again.".to_owned()
                } else {
                    other.to_string()
                }
            }
        };
        let request_id = REQUEST_ID.try_with(Clone::clone).unwrap_or_default();
        let page = ErrorPage {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error"),
            message: &message,
            fields,
            request_id: &request_id,
            stylesheet: assets::STYLESHEET.url(),
        };
        let html = page
            .render()
            .unwrap_or_else(|_| "Something went wrong.".to_owned());
        let mut response = (status, Html(html)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        response
    }
}

pub type PageResult = Result<Response, PageError>;

/// A form's fields as the API's body `T`, parsed and validated exactly as the API parses a JSON
/// body (unknown fields, types, rules), so a page cannot send what the API would refuse.
pub fn api_body<T>(fields: serde_json::Value) -> Result<crate::extract::AppJson<T>, AppError>
where
    T: serde::de::DeserializeOwned + crate::validation::Validate,
{
    let bytes = serde_json::to_vec(&fields).map_err(anyhow::Error::from)?;
    crate::extract::parse_body(&bytes).map(crate::extract::AppJson)
}

/// An optional text field: blank means absent.
pub fn filled(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.trim().is_empty())
}

/// The lists a page shows: the first 200 records (the API's largest page).
pub fn first_page() -> crate::extract::AppQuery<crate::pagination::PageParams> {
    crate::extract::AppQuery(crate::pagination::PageParams {
        limit: Some(200),
        cursor: None,
    })
}

/// A number typed into a form, as JSON: a number when it is one, else the text itself, so the
/// API's parsing names the field that is not a number.
pub fn number(text: &str) -> serde_json::Value {
    let text = text.trim();
    text.parse::<i64>()
        .map(serde_json::Value::from)
        .or_else(|_| text.parse::<f64>().map(serde_json::Value::from))
        .unwrap_or_else(|_| serde_json::Value::from(text))
}

/// The fields of a form that sends only its CSRF proof (a button).
#[derive(serde::Deserialize)]
pub struct NoFields {}
