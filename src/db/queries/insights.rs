//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): by talent, expired ones and metadata included ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::{newest_first, now};
use crate::db::entities::{TalentId, creator_insight, new_id};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's insight by id; `None` when it is another talent's.
pub async fn staff_find(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<Option<creator_insight::Model>, DbErr> {
    creator_insight::Entity::find_by_id(id)
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .one(db)
        .await
}

/// A talent's insights, expired ones included, newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<creator_insight::Model>, PageError> {
    let select =
        creator_insight::Entity::find().filter(creator_insight::Column::CreatorId.eq(talent));
    let keys = newest_first(creator_insight::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

pub async fn staff_create(
    db: &impl ConnectionTrait,
    mut row: creator_insight::ActiveModel,
) -> Result<creator_insight::Model, DbErr> {
    let now = now();
    row.id = Set(new_id());
    row.created_at = Set(now);
    row.updated_at = Set(now);
    row.insert(db).await
}

pub async fn staff_update(
    db: &impl ConnectionTrait,
    mut row: creator_insight::ActiveModel,
) -> Result<creator_insight::Model, DbErr> {
    row.updated_at = Set(now());
    row.update(db).await
}

/// True when the talent's insight was deleted.
pub async fn staff_delete(
    db: &impl ConnectionTrait,
    talent: TalentId,
    id: Uuid,
) -> Result<bool, DbErr> {
    let result = creator_insight::Entity::delete_many()
        .filter(creator_insight::Column::Id.eq(id))
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

// ---- Creator side (the portal): scoped by the caller's `TalentId`, unexpired only ----

pub use creator_side::*;

mod creator_side {
    use chrono::{DateTime, Utc};
    use sea_orm::sea_query::{Expr, Value};
    use sea_orm::{
        ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
        Select,
    };
    use uuid::Uuid;

    use crate::db::entities::{TalentId, creator_insight as insight};
    use crate::db::pagination::{
        KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
    };
    use crate::db::prepared::Prepared;
    use crate::db::queries::{first_rows_and_counts, first_rows_and_counts_statements, now};
    use crate::db::read::Read;

    /// The creator's insights that have not expired at `now`.
    fn visible(talent: impl Into<Value>, now: impl Into<Value>) -> Condition {
        Condition::all()
            .add(insight::Column::CreatorId.eq(talent))
            .add(
                Condition::any()
                    .add(insight::Column::ExpiresAt.is_null())
                    .add(insight::Column::ExpiresAt.gt(now)),
            )
    }

    fn visible_filtered(
        talent: impl Into<Value>,
        now: impl Into<Value>,
        unread_only: bool,
    ) -> Condition {
        let condition = visible(talent, now);
        if unread_only {
            condition.add(insight::Column::IsRead.eq(false))
        } else {
            condition
        }
    }

    /// Unexpired insights, highest priority first, then newest.
    pub async fn list_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        unread_only: bool,
        page: &PageRequest,
    ) -> Result<RowPage<insight::Model>, PageError> {
        let select = insight::Entity::find().filter(visible_filtered(talent, now(), unread_only));
        let keys = [
            SortKey::desc(Expr::col(insight::Column::Priority), KeyKind::Int),
            SortKey::desc(Expr::col(insight::Column::CreatedAt), KeyKind::Time),
            SortKey::desc(Expr::col(insight::Column::Id), KeyKind::Uuid),
        ];
        let key_of = |r: &insight::Model| {
            vec![
                KeyValue::Int(i64::from(r.priority)),
                KeyValue::Time(r.created_at),
                KeyValue::Uuid(r.id),
            ]
        };
        fetch_page(db, select, &keys, key_of, page).await
    }

    /// How many unread insights the overview shows.
    pub const UNREAD_SHOWN: u64 = 3;

    /// The overview's insights: up to [`UNREAD_SHOWN`] insights unread and unexpired at `now`,
    /// in list order, with how many there are.
    pub async fn unread_summary_for_creator(
        db: &impl Read,
        talent: TalentId,
        now: DateTime<Utc>,
    ) -> Result<(Vec<insight::Model>, u64), DbErr> {
        static UNREAD: Prepared<2> = Prepared::new(|backend, [talent, now]| {
            let unread = insight::Entity::find().filter(visible_filtered(talent, now, true));
            let in_list_order = |select: Select<insight::Entity>| {
                select
                    .order_by_desc(insight::Column::Priority)
                    .order_by_desc(insight::Column::CreatedAt)
                    .order_by_desc(insight::Column::Id)
            };
            first_rows_and_counts_statements(backend, unread, in_list_order, UNREAD_SHOWN, [None])
        });
        let (rows, [count]) =
            first_rows_and_counts(db, &UNREAD, [talent.into(), now.into()]).await?;
        Ok((rows, count))
    }

    /// Marks the creator's unexpired insight read (idempotent); `None` when there is none.
    pub async fn mark_read_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        id: Uuid,
    ) -> Result<Option<insight::Model>, DbErr> {
        let now = now();
        insight::Entity::update_many()
            .col_expr(insight::Column::IsRead, Expr::value(true))
            .col_expr(insight::Column::UpdatedAt, Expr::value(now))
            .filter(visible(talent, now))
            .filter(insight::Column::Id.eq(id))
            .filter(insight::Column::IsRead.eq(false))
            .exec(db)
            .await?;
        insight::Entity::find_by_id(id)
            .filter(visible(talent, now))
            .one(db)
            .await
    }
}
