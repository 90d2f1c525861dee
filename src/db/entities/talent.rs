use sea_orm::entity::prelude::*;

use super::{StringList, TalentId, TalentStage, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "talents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TalentId,
    #[sea_orm(unique)]
    pub user_id: Option<UserId>,
    pub display_name: String,
    pub categories: StringList,
    pub stage: TalentStage,
    /// When the creator's personal data was erased (API.md §8.4); `None` for everyone else.
    pub erased_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
