//! `GET /api/admin/audit-log`: the append-only record of staff writes to money and users.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::Admin;
use crate::db::entities::UserId;
use crate::db::queries::audit_log::{self, AuditFilter};
use crate::error::AppResult;
use crate::extract::AppQuery;
use crate::pagination::{Page, PageParams};
use crate::views::admin::audit::AuditEntryView;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// `deal`, `invoice`, `payment`, `payout` or `user`.
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
}

/// Audit entries, newest first (admins only).
#[utoipa::path(get, path = "/audit-log", tag = "admin: audit",
    params(AuditQuery, PageParams),
    responses((status = 200, body = Page<AuditEntryView>)))]
pub async fn list_audit_log(
    State(state): State<AppState>,
    _admin: Admin,
    AppQuery(query): AppQuery<AuditQuery>,
    AppQuery(page): AppQuery<PageParams>,
) -> AppResult<Json<Page<AuditEntryView>>> {
    let filter = AuditFilter {
        entity_type: query.entity_type,
        entity_id: query.entity_id,
        actor_id: query.actor_id.map(UserId),
    };
    let rows = audit_log::list(&state.db, &filter, &page.request()?).await?;
    Ok(Json(Page::from_rows(rows, AuditEntryView::from)))
}
