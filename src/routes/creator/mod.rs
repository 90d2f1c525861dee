//! `/api/creator`: the creator portal. Every handler takes [`crate::auth::CreatorContext`]
//! and returns views from [`crate::views::creator`] only.

use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
