use sea_orm::entity::prelude::*;

use super::UserId;

/// The first answer to an `Idempotency-Key` (API.md §8.4); no status while it is running.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: UserId,
    pub method: String,
    pub path: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub response_status: Option<i32>,
    pub response_content_type: Option<String>,
    pub response_body: Option<Vec<u8>>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
