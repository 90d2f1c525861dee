use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{Workload, wellness_checkin};

#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = creator::WellnessView)]
#[serde(rename_all = "camelCase")]
pub struct WellnessView {
    pub id: Uuid,
    /// 1 to 5.
    pub energy_level: i32,
    pub workload: Workload,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<wellness_checkin::Model> for WellnessView {
    fn from(row: wellness_checkin::Model) -> Self {
        let wellness_checkin::Model {
            id,
            creator_id: _,
            energy_level,
            workload,
            notes,
            created_at,
        } = row;
        Self {
            id,
            energy_level,
            workload,
            notes,
            created_at,
        }
    }
}
