use sea_orm::entity::prelude::*;

/// A periodic task that one instance at a time runs (the social sync): whoever holds an
/// unexpired lease runs it; `last_finished_at` says when it last ran to its end.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_leases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub holder: Option<String>,
    pub expires_at: DateTimeUtc,
    pub last_finished_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
