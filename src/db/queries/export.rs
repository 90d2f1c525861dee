//! Everything that is a creator's, for their data export (API.md §8.4): every record of theirs,
//! archived, past, declined, completed, cancelled, lost and expired ones included, oldest first.
//! Each query is scoped by the caller's talent (notifications by their login), like every
//! creator query; tasks are the creator-visible types only.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::creator_deals::DealWithBrand;
use super::tasks::TaskWithDeal;
use crate::db::entities::{
    TalentId, TaskType, UserId, ai_prompt_history, brand, creator_event, creator_goal,
    creator_insight, creator_task, deal, notification, social_account_connection, talent,
    wellness_checkin,
};

/// A creator's records, oldest first (ids are UUID v7: id order is creation order).
pub struct CreatorRecords {
    pub talent: talent::Model,
    pub goals: Vec<creator_goal::Model>,
    pub events: Vec<creator_event::Model>,
    pub tasks: Vec<TaskWithDeal>,
    pub deals: Vec<DealWithBrand>,
    pub socials: Vec<social_account_connection::Model>,
    pub insights: Vec<creator_insight::Model>,
    pub wellness: Vec<wellness_checkin::Model>,
    pub ai_history: Vec<ai_prompt_history::Model>,
    pub notifications: Vec<notification::Model>,
}

/// Reads every record of the creator `talent` (whose login is `user`); `None` when the talent
/// is gone.
pub async fn everything_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    user: UserId,
) -> Result<Option<CreatorRecords>, DbErr> {
    let Some(talent_row) = talent::Entity::find_by_id(talent).one(db).await? else {
        return Ok(None);
    };
    let goals = creator_goal::Entity::find()
        .filter(creator_goal::Column::CreatorId.eq(talent))
        .order_by_asc(creator_goal::Column::Id)
        .all(db)
        .await?;
    let events = creator_event::Entity::find()
        .filter(creator_event::Column::CreatorId.eq(talent))
        .order_by_asc(creator_event::Column::Id)
        .all(db)
        .await?;
    let deals = deal::Entity::find()
        .filter(deal::Column::TalentId.eq(talent))
        .order_by_asc(deal::Column::Id)
        .all(db)
        .await?;
    let brand_ids: Vec<Uuid> = deals.iter().map(|d| d.brand_id).collect();
    let brand_names: HashMap<Uuid, String> = brand::Entity::find()
        .filter(brand::Column::Id.is_in(brand_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    // A task names its deal only when the deal is the creator's own.
    let deal_names: HashMap<Uuid, String> = deals.iter().map(|d| (d.id, d.name.clone())).collect();
    let tasks = creator_task::Entity::find()
        .filter(creator_task::Column::CreatorId.eq(talent))
        .filter(creator_task::Column::TaskType.is_in(TaskType::CREATOR_VISIBLE))
        .order_by_asc(creator_task::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|task| {
            let deal = task
                .linked_deal_id
                .and_then(|id| deal_names.get(&id).map(|name| (id, name.clone())));
            TaskWithDeal { task, deal }
        })
        .collect();
    let deals = deals
        .into_iter()
        .map(|deal| {
            let brand_name = brand_names.get(&deal.brand_id).cloned().unwrap_or_default();
            DealWithBrand { deal, brand_name }
        })
        .collect();
    let socials = social_account_connection::Entity::find()
        .filter(social_account_connection::Column::CreatorId.eq(talent))
        .order_by_asc(social_account_connection::Column::Id)
        .all(db)
        .await?;
    let insights = creator_insight::Entity::find()
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .order_by_asc(creator_insight::Column::Id)
        .all(db)
        .await?;
    let wellness = wellness_checkin::Entity::find()
        .filter(wellness_checkin::Column::CreatorId.eq(talent))
        .order_by_asc(wellness_checkin::Column::Id)
        .all(db)
        .await?;
    let ai_history = ai_prompt_history::Entity::find()
        .filter(ai_prompt_history::Column::CreatorId.eq(talent))
        .order_by_asc(ai_prompt_history::Column::Id)
        .all(db)
        .await?;
    let notifications = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    Ok(Some(CreatorRecords {
        talent: talent_row,
        goals,
        events,
        tasks,
        deals,
        socials,
        insights,
        wellness,
        ai_history,
        notifications,
    }))
}
