use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::db::entities::{StringList, brand};

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BrandView {
    pub id: Uuid,
    pub name: String,
    pub values: Vec<String>,
    pub target_audience: Option<String>,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<brand::Model> for BrandView {
    fn from(row: brand::Model) -> Self {
        let brand::Model {
            id,
            name,
            values: StringList(values),
            target_audience,
            website,
            created_at,
            updated_at,
        } = row;
        Self {
            id,
            name,
            values,
            target_audience,
            website,
            created_at,
            updated_at,
        }
    }
}
