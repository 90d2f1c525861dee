use sea_orm::entity::prelude::*;

/// One attempt to deliver an event to a subscription.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub event_id: Uuid,
    #[sea_orm(column_name = "type")]
    pub event_type: String,
    /// From 1.
    pub attempt: i32,
    /// `succeeded`, `failed` (will retry) or `exhausted`.
    pub status: String,
    /// None when no answer came.
    pub response_status: Option<i32>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
