//! `/api/admin`: the agency's API, for staff (admins and agents). Every handler takes
//! [`crate::auth::Staff`] or [`crate::auth::Admin`].

pub mod audit_log;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_log::list_audit_log))
}
