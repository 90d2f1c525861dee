use sea_orm::entity::prelude::*;

/// One sync's analytics of a social account (API.md §8.3), kept for the `trend` insights.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "social_readings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub connection_id: Uuid,
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    pub avg_views: Option<i64>,
    pub taken_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
