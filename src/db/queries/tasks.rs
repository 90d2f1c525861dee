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

// ---- Creator side (the portal): scoped by the caller's `TalentId`, creator-visible types only ----

pub use creator_side::*;

mod creator_side {
    use std::collections::HashMap;

    use chrono::{DateTime, TimeZone, Utc};
    use sea_orm::sea_query::{Expr, Func, SimpleExpr, Value};
    use sea_orm::{
        ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, QueryTrait, Select, TransactionSession, TransactionTrait,
    };
    use uuid::Uuid;

    use crate::db::entities::{TalentId, TaskStatus, TaskType, creator_task as task, deal};
    use crate::db::pagination::{
        KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
    };
    use crate::db::prepared::Prepared;
    use crate::db::queries::notifications::{self, NewNotification};
    use crate::db::queries::{first_rows_and_counts, first_rows_and_counts_statements, now};
    use crate::db::read::Read;

    /// A task with the `{id, name}` of its deal, when it has one.
    #[derive(Debug, Clone)]
    pub struct TaskWithDeal {
        pub task: task::Model,
        pub deal: Option<(Uuid, String)>,
    }

    /// The statuses of an open task.
    pub const OPEN: [TaskStatus; 2] = [TaskStatus::Pending, TaskStatus::InProgress];

    /// The creator's tasks of creator-visible types: the filter every creator task query
    /// starts from, so an internal task is never read, let alone shown.
    fn visible(talent: impl Into<Value>) -> Condition {
        Condition::all()
            .add(task::Column::CreatorId.eq(talent))
            .add(task::Column::TaskType.is_in(TaskType::CREATOR_VISIBLE))
    }

    /// Stands in for a missing due date, so tasks without one sort last.
    fn no_due_date() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// 0 for an open task, 1 for a done or cancelled one.
    fn closed_rank() -> SimpleExpr {
        Expr::case(task::Column::Status.is_in(OPEN), 0)
            .finally(1)
            .into()
    }

    fn due_key() -> SimpleExpr {
        Func::coalesce([Expr::col(task::Column::DueAt), Expr::val(no_due_date())]).into()
    }

    /// A creator's visible tasks: open ones first, then by due date (none last).
    pub async fn list_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        status: Option<TaskStatus>,
        page: &PageRequest,
    ) -> Result<RowPage<TaskWithDeal>, PageError> {
        let mut condition = visible(talent);
        if let Some(status) = status {
            condition = condition.add(task::Column::Status.eq(status));
        }
        let select = task::Entity::find().filter(condition);
        let keys = [
            SortKey::asc(closed_rank(), KeyKind::Int),
            SortKey::asc(due_key(), KeyKind::Time),
            SortKey::asc(Expr::col(task::Column::Id), KeyKind::Uuid),
        ];
        let key_of = |r: &task::Model| {
            vec![
                KeyValue::Int(i64::from(!OPEN.contains(&r.status))),
                KeyValue::Time(r.due_at.unwrap_or_else(no_due_date)),
                KeyValue::Uuid(r.id),
            ]
        };
        let page = fetch_page(db, select, &keys, key_of, page).await?;
        let deals = deal_names(db, talent, &page.rows).await?;
        Ok(page.map(|task| with_deal(task, &deals)))
    }

    /// How many open tasks the overview shows.
    pub const OPEN_SHOWN: u64 = 5;

    /// The overview's tasks: up to [`OPEN_SHOWN`] open visible tasks by due date, with how many
    /// open ones are overdue at `now` and how many fall due in `now..week_end`.
    pub async fn open_summary_for_creator(
        db: &impl Read,
        talent: TalentId,
        now: DateTime<Utc>,
        week_end: DateTime<Utc>,
    ) -> Result<OpenTasks, DbErr> {
        static OPEN_TASKS: Prepared<3> = Prepared::new(|backend, [talent, now, week_end]| {
            let open =
                task::Entity::find().filter(visible(talent).add(task::Column::Status.is_in(OPEN)));
            let by_due_date = |select: Select<task::Entity>| {
                select
                    .order_by_asc(due_key())
                    .order_by_asc(task::Column::Id)
            };
            let overdue = Condition::all().add(task::Column::DueAt.lt(now.clone()));
            let this_week = Condition::all()
                .add(task::Column::DueAt.gte(now))
                .add(task::Column::DueAt.lt(week_end));
            let counts = [Some(overdue), Some(this_week)];
            first_rows_and_counts_statements(backend, open, by_due_date, OPEN_SHOWN, counts)
        });
        // The deals' names in a second statement, not a subquery beside each row: SQLite would
        // evaluate that for every open task it sorts.
        let params = [talent.into(), now.into(), week_end.into()];
        let (rows, [overdue, due_this_week]) =
            first_rows_and_counts(db, &OPEN_TASKS, params).await?;
        let deals = deal_names(db, talent, &rows).await?;
        Ok(OpenTasks {
            tasks: rows.into_iter().map(|t| with_deal(t, &deals)).collect(),
            overdue,
            due_this_week,
        })
    }

    /// The tasks of the creator's calendar feed (API.md §8.4): open, creator-visible and with a
    /// due time, by due time.
    pub async fn calendar_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
    ) -> Result<Vec<task::Model>, DbErr> {
        task::Entity::find()
            .filter(visible(talent))
            .filter(task::Column::Status.is_in(OPEN))
            .filter(task::Column::DueAt.is_not_null())
            .order_by_asc(task::Column::DueAt)
            .order_by_asc(task::Column::Id)
            .all(db)
            .await
    }

    /// The first of a creator's open tasks and figures over all of them.
    #[derive(Debug)]
    pub struct OpenTasks {
        pub tasks: Vec<TaskWithDeal>,
        pub overdue: u64,
        pub due_this_week: u64,
    }

    /// The names of the deals the tasks link to, in one query, for the deals that are the
    /// creator's own: a task never names another creator's deal. Every creator task read
    /// names its deal through this, on both databases.
    async fn deal_names(
        db: &impl Read,
        talent: TalentId,
        tasks: &[task::Model],
    ) -> Result<HashMap<Uuid, String>, DbErr> {
        let ids: Vec<Uuid> = tasks.iter().filter_map(|t| t.linked_deal_id).collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let select = deal::Entity::find()
            .select_only()
            .column(deal::Column::Id)
            .column(deal::Column::Name)
            .filter(deal::Column::TalentId.eq(talent))
            .filter(deal::Column::Id.is_in(ids));
        let rows: Vec<(Uuid, String)> = db.rows(select.build(db.backend())).await?;
        Ok(rows.into_iter().collect())
    }

    fn with_deal(task: task::Model, deals: &HashMap<Uuid, String>) -> TaskWithDeal {
        let deal = task
            .linked_deal_id
            .and_then(|id| deals.get(&id).map(|name| (id, name.clone())));
        TaskWithDeal { task, deal }
    }

    async fn find_visible(
        db: &impl ConnectionTrait,
        talent: TalentId,
        id: Uuid,
    ) -> Result<Option<TaskWithDeal>, DbErr> {
        let Some(row) = task::Entity::find_by_id(id)
            .filter(visible(talent))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let deals = deal_names(db, talent, std::slice::from_ref(&row)).await?;
        Ok(Some(with_deal(row, &deals)))
    }

    /// What became of completing a task.
    #[derive(Debug)]
    pub enum CompleteOutcome {
        /// Now completed; its creator was notified.
        Completed(TaskWithDeal),
        /// Already completed: nothing changed.
        Unchanged(TaskWithDeal),
        /// No such visible task of the creator (internal tasks included).
        NotFound,
        /// The task was cancelled.
        Cancelled,
    }

    /// The one place a creator completes a task: a conditional UPDATE from an open status,
    /// so a repeated or racing completion changes the row once.
    pub async fn complete_for_creator<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        talent: TalentId,
        id: Uuid,
    ) -> Result<CompleteOutcome, DbErr> {
        let now = now();
        let txn = db.begin().await?;
        let changed = task::Entity::update_many()
            .col_expr(task::Column::Status, Expr::value(TaskStatus::Completed))
            .col_expr(task::Column::CompletedAt, Expr::value(now))
            .col_expr(task::Column::UpdatedAt, Expr::value(now))
            .filter(visible(talent))
            .filter(task::Column::Id.eq(id))
            .filter(task::Column::Status.is_in(OPEN))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        let Some(row) = find_visible(&txn, talent, id).await? else {
            return Ok(CompleteOutcome::NotFound);
        };
        if !changed {
            return Ok(match row.task.status {
                TaskStatus::Cancelled => CompleteOutcome::Cancelled,
                _ => CompleteOutcome::Unchanged(row),
            });
        }
        if let Some(staff) = row.task.created_by {
            notifications::create(
                &txn,
                NewNotification {
                    user_id: staff,
                    kind: "task_completed",
                    title: format!("Task completed: {}", row.task.title),
                    body: None,
                    entity_type: Some("creator_task"),
                    entity_id: Some(row.task.id),
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(CompleteOutcome::Completed(row))
    }
}
