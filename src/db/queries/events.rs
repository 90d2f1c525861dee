//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): by talent, with the internal fields ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryTrait, TransactionSession, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::notifications::{self, NewNotification};
use super::{newest_first, now};
use crate::db::entities::{EventStatus, TalentId, creator_event, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// The filters of the agency's event list of a talent (also its query string).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct StaffEventFilter {
    pub status: Option<EventStatus>,
}

/// A talent's event by id; `None` when it is another talent's.
pub async fn staff_find(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<Option<creator_event::Model>, DbErr> {
    creator_event::Entity::find_by_id(id)
        .filter(creator_event::Column::CreatorId.eq(talent))
        .one(db)
        .await
}

/// A talent's events, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    filter: &StaffEventFilter,
    page: &PageRequest,
) -> Result<RowPage<creator_event::Model>, PageError> {
    let select = creator_event::Entity::find()
        .filter(creator_event::Column::CreatorId.eq(talent))
        .apply_if(filter.status, |q, v| {
            q.filter(creator_event::Column::Status.eq(v))
        });
    let keys = newest_first(creator_event::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// Staff put an event in a creator's calendar. The creator, when the talent has a login, is
/// notified in the same transaction.
pub async fn staff_create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    mut row: creator_event::ActiveModel,
) -> Result<creator_event::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    let txn = db.begin().await?;
    let event = row.insert(&txn).await?;
    if let Some(user_id) = super::talents::login_of(&txn, event.creator_id).await? {
        notifications::create(
            &txn,
            NewNotification {
                user_id,
                kind: "event_invited",
                title: format!("New event: {}", event.event_name),
                body: Some(format!(
                    "Starts {}",
                    event.start_at.format("%Y-%m-%d %H:%M UTC")
                )),
                entity_type: Some("event"),
                entity_id: Some(event.id),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(event)
}

pub async fn staff_update(
    db: &impl ConnectionTrait,
    mut row: creator_event::ActiveModel,
) -> Result<creator_event::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when the talent's event was deleted.
pub async fn staff_delete(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<bool, DbErr> {
    let result = creator_event::Entity::delete_many()
        .filter(creator_event::Column::Id.eq(id))
        .filter(creator_event::Column::CreatorId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

// ---- Creator side (the portal): every function is scoped by the caller's `TalentId` ----

pub use creator_side::*;

mod creator_side {
    use chrono::{DateTime, Utc};
    use sea_orm::sea_query::{Expr, Value};
    use sea_orm::{
        ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
        QuerySelect, Select, TransactionSession, TransactionTrait,
    };
    use uuid::Uuid;

    use crate::db::entities::{EventStatus, TalentId, creator_event as event};
    use crate::db::pagination::{
        KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
    };
    use crate::db::prepared::Prepared;
    use crate::db::queries::notifications::{self, NewNotification};
    use crate::db::queries::{first_rows_and_counts, first_rows_and_counts_statements, now};
    use crate::db::read::Read;

    /// Which of a creator's events to list: those starting in `from..=to`, of one status.
    #[derive(Debug, Clone)]
    pub struct EventWindow {
        pub status: Option<EventStatus>,
        pub from: DateTime<Utc>,
        pub to: Option<DateTime<Utc>>,
    }

    /// The creator's events starting at `from` or later.
    fn starting_from(talent: impl Into<Value>, from: impl Into<Value>) -> Condition {
        Condition::all()
            .add(event::Column::CreatorId.eq(talent))
            .add(event::Column::StartAt.gte(from))
    }

    fn in_window(talent: TalentId, window: &EventWindow) -> Condition {
        let mut condition = starting_from(talent, window.from);
        if let Some(to) = window.to {
            condition = condition.add(event::Column::StartAt.lte(to));
        }
        if let Some(status) = window.status {
            condition = condition.add(event::Column::Status.eq(status));
        }
        condition
    }

    /// A creator's events in a window, by start time.
    pub async fn list_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        window: &EventWindow,
        page: &PageRequest,
    ) -> Result<RowPage<event::Model>, PageError> {
        let select = event::Entity::find().filter(in_window(talent, window));
        let keys = [
            SortKey::asc(Expr::col(event::Column::StartAt), KeyKind::Time),
            SortKey::asc(Expr::col(event::Column::Id), KeyKind::Uuid),
        ];
        let key_of = |r: &event::Model| vec![KeyValue::Time(r.start_at), KeyValue::Uuid(r.id)];
        fetch_page(db, select, &keys, key_of, page).await
    }

    /// Up to `limit` events of a window, by start time (the overview's list).
    pub async fn upcoming_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        window: &EventWindow,
        limit: u64,
    ) -> Result<Vec<event::Model>, DbErr> {
        event::Entity::find()
            .filter(in_window(talent, window))
            .order_by_asc(event::Column::StartAt)
            .order_by_asc(event::Column::Id)
            .limit(limit)
            .all(db)
            .await
    }

    /// How many upcoming events the overview shows.
    pub const UPCOMING_SHOWN: u64 = 5;

    /// The overview's events: the next [`UPCOMING_SHOWN`] from `from` on, soonest first, with
    /// how many of all those upcoming await the creator's answer (suggested or invited).
    pub async fn upcoming_summary_for_creator(
        db: &impl Read,
        talent: TalentId,
        from: DateTime<Utc>,
    ) -> Result<(Vec<event::Model>, u64), DbErr> {
        static UPCOMING: Prepared<2> = Prepared::new(|backend, [talent, from]| {
            let upcoming = event::Entity::find().filter(starting_from(talent, from));
            let soonest_first = |select: Select<event::Entity>| {
                select
                    .order_by_asc(event::Column::StartAt)
                    .order_by_asc(event::Column::Id)
            };
            let awaiting = Condition::all()
                .add(event::Column::Status.is_in([EventStatus::Suggested, EventStatus::Invited]));
            first_rows_and_counts_statements(
                backend,
                upcoming,
                soonest_first,
                UPCOMING_SHOWN,
                [Some(awaiting)],
            )
        });
        let (rows, [awaiting]) =
            first_rows_and_counts(db, &UPCOMING, [talent.into(), from.into()]).await?;
        Ok((rows, awaiting))
    }

    /// The statuses an event has in the creator's calendar feed: every one but declined.
    pub const IN_CALENDAR: [EventStatus; 3] = [
        EventStatus::Suggested,
        EventStatus::Invited,
        EventStatus::Accepted,
    ];

    /// Every event of the creator's calendar feed (API.md §8.4), past and future: suggested,
    /// invited and accepted ones, by start time.
    pub async fn calendar_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
    ) -> Result<Vec<event::Model>, DbErr> {
        event::Entity::find()
            .filter(event::Column::CreatorId.eq(talent))
            .filter(event::Column::Status.is_in(IN_CALENDAR))
            .order_by_asc(event::Column::StartAt)
            .order_by_asc(event::Column::Id)
            .all(db)
            .await
    }

    /// A creator's answer to an event.
    #[derive(Debug, Clone)]
    pub enum Answer {
        Accept { notes: Option<String> },
        Decline { reason: Option<String> },
    }

    impl Answer {
        fn status(&self) -> EventStatus {
            match self {
                Self::Accept { .. } => EventStatus::Accepted,
                Self::Decline { .. } => EventStatus::Declined,
            }
        }
    }

    /// What became of an answer.
    #[derive(Debug)]
    pub enum AnswerOutcome {
        /// The event moved to the answer's status; the source user was notified.
        Answered(event::Model),
        /// The event already had this answer: nothing changed.
        Unchanged(event::Model),
        /// The creator has no such event.
        NotFound,
        /// The event already has the other answer.
        AlreadyAnswered(EventStatus),
        /// The event has started (or ended): too late to answer.
        Started,
    }

    /// The one place an event is accepted or declined (API.md §6): only from `suggested` or
    /// `invited`, only before it starts. The change is one conditional UPDATE, so of two
    /// racing answers exactly one changes the row; the other then sees the answered event.
    pub async fn answer_for_creator<C: ConnectionTrait + TransactionTrait>(
        db: &C,
        talent: TalentId,
        id: Uuid,
        answer: Answer,
    ) -> Result<AnswerOutcome, DbErr> {
        let now = now();
        let status = answer.status();
        let (notes, reason) = match answer {
            Answer::Accept { notes } => (notes, None),
            Answer::Decline { reason } => (None, reason),
        };
        let txn = db.begin().await?;
        let mut update = event::Entity::update_many()
            .col_expr(event::Column::Status, Expr::value(status))
            .col_expr(event::Column::UpdatedAt, Expr::value(now));
        update = match status {
            EventStatus::Accepted => {
                update.col_expr(event::Column::CreatorNotes, Expr::value(notes.clone()))
            }
            _ => update.col_expr(event::Column::DeclineReason, Expr::value(reason.clone())),
        };
        let changed = update
            .filter(event::Column::Id.eq(id))
            .filter(event::Column::CreatorId.eq(talent))
            .filter(event::Column::Status.is_in([EventStatus::Suggested, EventStatus::Invited]))
            .filter(event::Column::StartAt.gt(now))
            .filter(
                Condition::any()
                    .add(event::Column::EndAt.is_null())
                    .add(event::Column::EndAt.gt(now)),
            )
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        let row = event::Entity::find_by_id(id)
            .filter(event::Column::CreatorId.eq(talent))
            .one(&txn)
            .await?;
        let Some(row) = row else {
            return Ok(AnswerOutcome::NotFound);
        };
        if !changed {
            return Ok(match row.status {
                current if current == status => AnswerOutcome::Unchanged(row),
                EventStatus::Accepted | EventStatus::Declined => {
                    AnswerOutcome::AlreadyAnswered(row.status)
                }
                EventStatus::Suggested | EventStatus::Invited => AnswerOutcome::Started,
            });
        }
        if let Some(source_user) = row.source_user_id {
            let (kind, verb, body) = match status {
                EventStatus::Accepted => ("event_accepted", "accepted", notes),
                _ => ("event_declined", "declined", reason),
            };
            notifications::create(
                &txn,
                NewNotification {
                    user_id: source_user,
                    kind,
                    title: format!("Event {verb}: {}", row.event_name),
                    body,
                    entity_type: Some("creator_event"),
                    entity_id: Some(row.id),
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(AnswerOutcome::Answered(row))
    }
}
