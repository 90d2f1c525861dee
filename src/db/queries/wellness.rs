//! Wellness check-ins: private to the creator, so every function is scoped by the caller's
//! `TalentId` and no agency endpoint reads this table.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Select,
};

use super::{first_rows_and_counts, first_rows_and_counts_statements, now};
use crate::db::entities::{TalentId, Workload, new_id, wellness_checkin as checkin};
use crate::db::pagination::{
    KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
};
use crate::db::prepared::Prepared;
use crate::db::read::Read;

/// A check-in (validated by the caller).
pub struct NewCheckin {
    pub energy_level: i32,
    pub workload: Workload,
    pub notes: Option<String>,
}

pub async fn create_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    new: NewCheckin,
) -> Result<checkin::Model, DbErr> {
    checkin::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        energy_level: Set(new.energy_level),
        workload: Set(new.workload),
        notes: Set(new.notes),
        created_at: Set(now()),
    }
    .insert(db)
    .await
}

/// The creator's check-ins since `since`, newest first.
pub async fn history_for_creator(
    db: &impl ConnectionTrait,
    talent: TalentId,
    since: DateTime<Utc>,
    page: &PageRequest,
) -> Result<RowPage<checkin::Model>, PageError> {
    let select = checkin::Entity::find()
        .filter(checkin::Column::CreatorId.eq(talent))
        .filter(checkin::Column::CreatedAt.gte(since));
    let keys = [
        SortKey::desc(Expr::col(checkin::Column::CreatedAt), KeyKind::Time),
        SortKey::desc(Expr::col(checkin::Column::Id), KeyKind::Uuid),
    ];
    let key_of = |r: &checkin::Model| vec![KeyValue::Time(r.created_at), KeyValue::Uuid(r.id)];
    fetch_page(db, select, &keys, key_of, page).await
}

/// The creator's latest check-in (the overview's).
/// The overview's wellness: the creator's latest check-in, with how many they made since
/// `since`.
pub async fn latest_summary_for_creator(
    db: &impl Read,
    talent: TalentId,
    since: DateTime<Utc>,
) -> Result<(Option<checkin::Model>, u64), DbErr> {
    static LATEST: Prepared<2> = Prepared::new(|backend, [talent, since]| {
        let checkins = checkin::Entity::find().filter(checkin::Column::CreatorId.eq(talent));
        let newest_first = |select: Select<checkin::Entity>| {
            select
                .order_by_desc(checkin::Column::CreatedAt)
                .order_by_desc(checkin::Column::Id)
        };
        let recent = Condition::all().add(checkin::Column::CreatedAt.gte(since));
        first_rows_and_counts_statements(backend, checkins, newest_first, 1, [Some(recent)])
    });
    let (rows, [recent]) =
        first_rows_and_counts(db, &LATEST, [talent.into(), since.into()]).await?;
    Ok((rows.into_iter().next(), recent))
}
