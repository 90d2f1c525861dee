//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): by talent, every type, with the internal fields ----

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait, TransactionSession, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::notifications::{self, NewNotification};
use super::{newest_first, now};
use crate::db::entities::{TalentId, TaskStatus, TaskType, creator_task, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The filters of the agency's task list of a talent (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct StaffTaskFilter {
    pub status: Option<TaskStatus>,
    pub task_type: Option<TaskType>,
}

/// A talent's task by id, of any type; `None` when it is another talent's.
pub async fn staff_find(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<Option<creator_task::Model>, DbErr> {
    creator_task::Entity::find_by_id(id)
        .filter(creator_task::Column::CreatorId.eq(talent))
        .one(db)
        .await
}

/// A talent's tasks of every type, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    filter: &StaffTaskFilter,
    page: &PageRequest,
) -> Result<RowPage<creator_task::Model>, PageError> {
    let select = creator_task::Entity::find()
        .filter(creator_task::Column::CreatorId.eq(talent))
        .apply_if(filter.status, |q, v| {
            q.filter(creator_task::Column::Status.eq(v))
        })
        .apply_if(filter.task_type, |q, v| {
            q.filter(creator_task::Column::TaskType.eq(v))
        });
    let keys = newest_first(creator_task::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Staff give a creator a task. When its type is creator-visible and the talent has a login,
/// the creator is notified in the same transaction; internal tasks stay silent.
pub async fn staff_create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mut row: creator_task::ActiveModel,
) -> Result<creator_task::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    stamp_completion(&mut row, now);
    let txn = db.begin().await?;
    let task = row.insert(&txn).await?;
    let login = super::talents::login_of(&txn, task.creator_id).await?;
    if let (true, Some(user_id)) = (task.task_type.is_creator_visible(), login) {
        notifications::create(
            &txn,
            NewNotification {
                user_id,
                kind: "task_assigned",
                title: format!("New task: {}", task.title),
                body: task
                    .due_at
                    .map(|due| format!("Due {}", due.format("%Y-%m-%d %H:%M UTC"))),
                entity_type: Some("task"),
                entity_id: Some(task.id),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(task)
}

/// Saves changes; `completed_at` follows the status (set on completion, cleared on leaving it).
pub async fn staff_update(
    db: &impl ConnectionTrait,
    mut row: creator_task::ActiveModel,
) -> Result<creator_task::Model, DbErr> {
    let now = now();
    stamp_completion(&mut row, now);
    row.updated_at = Set(now);
    row.update(db).await
}

/// `completed_at` is server-set: stamped when a task becomes completed, cleared when it is
/// moved out of completed.
fn stamp_completion(row: &mut creator_task::ActiveModel, at: DateTime<Utc>) {
    if !row.status.is_set() {
        return;
    }
    let completed = row.status.try_as_ref() == Some(&TaskStatus::Completed);
    let stamped = matches!(row.completed_at.try_as_ref(), Some(Some(_)));
    if completed && !stamped {
        row.completed_at = Set(Some(at));
    } else if !completed && stamped {
        row.completed_at = Set(None);
    }
}

/// True when the talent's task was deleted.
pub async fn staff_delete(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<bool, DbErr> {
    let result = creator_task::Entity::delete_many()
        .filter(creator_task::Column::Id.eq(id))
        .filter(creator_task::Column::CreatorId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
