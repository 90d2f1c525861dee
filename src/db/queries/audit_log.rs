//! The append-only audit log of staff writes to money and users.

use sea_orm::sea_query::{Expr, Value, ValueTuple};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, IntoActiveModel, PrimaryKeyTrait, QueryFilter, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionSession, TransactionTrait,
};
use uuid::Uuid;

use super::audit_records::AuditRecord;
use super::{Updated, now};
use crate::db::entities::{UserId, audit_entry, new_id, user};
use crate::db::pagination::{
    KeyKind, KeyValue, PageError, PageRequest, RowPage, SortKey, fetch_page,
};

/// What was done to which record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    /// A creator's personal data erased (entity `talent`, no before or after).
    Erase,
    /// Staff looked at a creator's overview as the creator sees it (entity `talent`).
    Preview,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Erase => "erase",
            Self::Preview => "preview",
        }
    }
}

/// Begins the transaction an audited write shares with its entry: the change and its entry
/// commit together or not at all. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken
/// (waiting out the busy timeout) before the before-state is read, so the write cannot then fail
/// on a stale snapshot. On PostgreSQL the before-state is read `FOR UPDATE`.
pub async fn begin<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// What an audited write did: the record's id and its row before and after, with what the write
/// returns; or nothing changed (not found, refused, already done): nothing is recorded
/// and the transaction is rolled back.
pub enum Audited<T, V> {
    Changed {
        id: Uuid,
        before: Option<V>,
        after: Option<V>,
        value: T,
    },
    Unchanged(T),
}

impl<T, V> Audited<T, V> {
    pub fn created(id: Uuid, after: V, value: T) -> Self {
        Self::Changed {
            id,
            before: None,
            after: Some(after),
            value,
        }
    }

    pub fn updated(id: Uuid, before: V, after: V, value: T) -> Self {
        Self::Changed {
            id,
            before: Some(before),
            after: Some(after),
            value,
        }
    }

    pub fn deleted(id: Uuid, before: V, value: T) -> Self {
        Self::Changed {
            id,
            before: Some(before),
            after: None,
            value,
        }
    }
}

/// Runs `write` in an audit transaction ([`begin`]) and records what it changed as `actor`'s
/// `action` on an `entity_type`: the change and its entry commit together or not at all, and a
/// write that changed nothing records nothing. Every audited write goes through here.
pub async fn audited<C, T, V>(
    db: &C,
    actor: UserId,
    action: Action,
    entity_type: &str,
    write: impl AsyncFnOnce(&C::Transaction) -> Result<Audited<T, V>, DbErr>,
) -> Result<T, DbErr>
where
    C: TransactionTrait,
    V: AuditRecord,
{
    let txn = begin(db).await?;
    match write(&txn).await? {
        Audited::Unchanged(value) => Ok(value),
        Audited::Changed {
            id,
            before,
            after,
            value,
        } => {
            record(
                &txn,
                actor,
                action,
                entity_type,
                id,
                before.as_ref(),
                after.as_ref(),
            )
            .await?;
            txn.commit().await?;
            Ok(value)
        }
    }
}

/// The record `id` of `E`, locked until the transaction ends (on PostgreSQL; SQLite's audit
/// transaction holds the write lock already): what an audited write reads as "before".
pub async fn locked<E>(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<E::Model>, DbErr>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    E::find_by_id(id).lock_exclusive().one(db).await
}

/// Saves `row`'s changes as `actor`'s update of an `entity_type`, with the audit entry (the
/// record before, read under lock, and after) in the same transaction, and returns both. A
/// record gone meanwhile is `RecordNotFound`; `row` must carry the record's id.
pub async fn update<C, A>(
    db: &C,
    actor: UserId,
    entity_type: &str,
    row: A,
) -> Result<Updated<<A::Entity as EntityTrait>::Model>, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A> + AuditRecord + Clone,
    <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let id = match row.get_primary_key_value() {
        Some(ValueTuple::One(Value::Uuid(Some(id)))) => id,
        _ => {
            return Err(DbErr::Custom(format!(
                "an update of a {entity_type} needs its id"
            )));
        }
    };
    audited(db, actor, Action::Update, entity_type, async move |txn| {
        let before = locked::<A::Entity>(txn, id)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("{entity_type} {id}")))?;
        let after = row.update(txn).await?;
        let changed = Updated {
            before: before.clone(),
            after: after.clone(),
        };
        Ok(Audited::updated(id, before, after, changed))
    })
    .await
}

/// Appends an entry. `before`/`after` are kept as [`AuditRecord`]s, which name what is kept (never
/// a password hash). Call it with the transaction of the change when there is one.
pub async fn record<V: AuditRecord>(
    db: &impl ConnectionTrait,
    actor: UserId,
    action: Action,
    entity_type: &str,
    entity_id: Uuid,
    before: Option<&V>,
    after: Option<&V>,
) -> Result<audit_entry::Model, DbErr> {
    let to_json = |record: Option<&V>| record.map(AuditRecord::audit_record);
    let actor_email = user::Entity::find_by_id(actor)
        .one(db)
        .await?
        .map(|u| u.email)
        .unwrap_or_default();
    audit_entry::ActiveModel {
        id: Set(new_id()),
        actor_id: Set(actor),
        actor_email: Set(actor_email),
        action: Set(action.as_str().to_owned()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        before: Set(to_json(before)),
        after: Set(to_json(after)),
        created_at: Set(now()),
    }
    .insert(db)
    .await
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<UserId>,
}

/// Entries newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page: &PageRequest,
) -> Result<RowPage<audit_entry::Model>, PageError> {
    let mut select = audit_entry::Entity::find();
    if let Some(entity_type) = &filter.entity_type {
        select = select.filter(audit_entry::Column::EntityType.eq(entity_type.as_str()));
    }
    if let Some(entity_id) = filter.entity_id {
        select = select.filter(audit_entry::Column::EntityId.eq(entity_id));
    }
    if let Some(actor) = filter.actor_id {
        select = select.filter(audit_entry::Column::ActorId.eq(actor));
    }
    let keys = [SortKey::desc(
        Expr::col(audit_entry::Column::Id),
        KeyKind::Uuid,
    )];
    fetch_page(db, select, &keys, |row| vec![KeyValue::Uuid(row.id)], page).await
}
