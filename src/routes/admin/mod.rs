//! `/api/admin`: the agency's API, for staff (admins and agents). Every handler takes
//! [`crate::auth::Staff`] or [`crate::auth::Admin`].

use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
