//! Queries on the creator's own records: staff-side functions and creator-side ones (the latter scoped by the caller's `TalentId`).

// ---- Staff side (the agency API): read, and record analytics ----

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use super::{newest_first, now};
use crate::db::entities::{Platform, TalentId, social_account_connection as social};
use crate::db::pagination::{KeyValue, PageError, PageRequest, RowPage, fetch_page};

/// A talent's social connections (connected or not), newest first.
pub async fn staff_list(
    db: &impl ConnectionTrait,
    talent: TalentId,
    page: &PageRequest,
) -> Result<RowPage<social::Model>, PageError> {
    let select = social::Entity::find().filter(social::Column::CreatorId.eq(talent));
    let keys = newest_first(social::Column::Id);
    fetch_page(db, select, &keys, |r| vec![KeyValue::Uuid(r.id)], page).await
}

/// The analytics of one account, as staff record them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub followers: i64,
    pub engagement_rate: f64,
    pub avg_views: i64,
}

/// Records the analytics of a talent's account on a platform and stamps `last_synced_at`;
/// `None` when that platform was never connected.
pub async fn staff_record_metrics(
    db: &impl ConnectionTrait,
    talent: TalentId,
    platform: Platform,
    metrics: Metrics,
) -> Result<Option<social::Model>, DbErr> {
    let Some(row) = social::Entity::find()
        .filter(social::Column::CreatorId.eq(talent))
        .filter(social::Column::Platform.eq(platform))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = now();
    let mut row: social::ActiveModel = row.into();
    row.followers = Set(Some(metrics.followers));
    row.engagement_rate = Set(Some(metrics.engagement_rate));
    row.avg_views = Set(Some(metrics.avg_views));
    row.last_synced_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(db).await.map(Some)
}

// ---- Creator side (the portal): scoped by the caller's `TalentId`; tokens sealed at rest ----

pub use creator_side::*;

mod creator_side {
    use chrono::{DateTime, Utc};
    use sea_orm::sea_query::{Expr, OnConflict};
    use sea_orm::{
        ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
        QueryOrder, QueryTrait,
    };

    use crate::crypto::{TokenCipher, UndecryptableToken};
    use crate::db::entities::{Platform, TalentId, new_id, social_account_connection as social};
    use crate::db::prepared::Prepared;
    use crate::db::queries::now;
    use crate::db::read::Read;

    /// The creator's connections, one per platform at most.
    pub async fn list_for_creator(
        db: &impl Read,
        talent: TalentId,
    ) -> Result<Vec<social::Model>, DbErr> {
        static CONNECTIONS: Prepared<1> = Prepared::new(|_, [talent]| {
            vec![
                social::Entity::find()
                    .filter(social::Column::CreatorId.eq(talent))
                    .order_by_asc(social::Column::Platform)
                    .into_query(),
            ]
        });
        CONNECTIONS.rows(db, [talent.into()]).await
    }

    pub async fn find_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        platform: Platform,
    ) -> Result<Option<social::Model>, DbErr> {
        social::Entity::find()
            .filter(social::Column::CreatorId.eq(talent))
            .filter(social::Column::Platform.eq(platform))
            .one(db)
            .await
    }

    /// What a creator sends to connect an account; tokens in clear, sealed before storing.
    pub struct Connect<'a> {
        pub platform: Platform,
        pub handle: &'a str,
        pub access_token: Option<&'a str>,
        pub refresh_token: Option<&'a str>,
        pub expires_at: Option<DateTime<Utc>>,
    }

    #[derive(Debug, thiserror::Error)]
    pub enum ConnectError {
        #[error(transparent)]
        Db(#[from] DbErr),
        #[error(transparent)]
        Cipher(#[from] UndecryptableToken),
    }

    /// Creates or replaces the creator's connection of a platform: one INSERT … ON CONFLICT
    /// on the (creator, platform) unique index, so concurrent connects cannot duplicate it.
    /// Recorded analytics stay; the handle, tokens and expiry are replaced, and a refused refresh
    /// is forgotten (a new connect clears `needsReconnect`).
    pub async fn connect_for_creator(
        db: &impl ConnectionTrait,
        cipher: &TokenCipher,
        talent: TalentId,
        new: Connect<'_>,
    ) -> Result<social::Model, ConnectError> {
        let seal = |token: Option<&str>| token.map(|t| cipher.encrypt(t)).transpose();
        let now = now();
        let row = social::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            platform: Set(new.platform),
            handle: Set(new.handle.to_owned()),
            connected: Set(true),
            access_token: Set(seal(new.access_token)?),
            refresh_token: Set(seal(new.refresh_token)?),
            expires_at: Set(new.expires_at),
            last_synced_at: Set(None),
            followers: Set(None),
            engagement_rate: Set(None),
            avg_views: Set(None),
            metadata: Set(None),
            refresh_refused: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        };
        social::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([social::Column::CreatorId, social::Column::Platform])
                    .update_columns([
                        social::Column::Handle,
                        social::Column::Connected,
                        social::Column::AccessToken,
                        social::Column::RefreshToken,
                        social::Column::ExpiresAt,
                        social::Column::RefreshRefused,
                        social::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        find_for_creator(db, talent, new.platform)
            .await?
            .ok_or_else(|| ConnectError::Db(DbErr::RecordNotFound("social connection".into())))
    }

    /// Marks the connection disconnected and erases its tokens; `None` when the creator never
    /// connected that platform.
    pub async fn disconnect_for_creator(
        db: &impl ConnectionTrait,
        talent: TalentId,
        platform: Platform,
    ) -> Result<Option<social::Model>, DbErr> {
        social::Entity::update_many()
            .col_expr(social::Column::Connected, Expr::value(false))
            .col_expr(
                social::Column::AccessToken,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                social::Column::RefreshToken,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                social::Column::ExpiresAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(social::Column::UpdatedAt, Expr::value(now()))
            .filter(social::Column::CreatorId.eq(talent))
            .filter(social::Column::Platform.eq(platform))
            .exec(db)
            .await?;
        find_for_creator(db, talent, platform).await
    }

    /// The tokens of a connection in clear, for a sync job calling the platform. Never used
    /// to answer a request.
    #[derive(Debug)]
    pub struct SyncTokens {
        pub access_token: Option<String>,
        pub refresh_token: Option<String>,
    }

    pub async fn tokens_for_sync(
        db: &impl ConnectionTrait,
        cipher: &TokenCipher,
        talent: TalentId,
        platform: Platform,
    ) -> Result<Option<SyncTokens>, ConnectError> {
        let Some(row) = find_for_creator(db, talent, platform).await? else {
            return Ok(None);
        };
        let open = |stored: Option<String>| stored.map(|s| cipher.decrypt(&s)).transpose();
        Ok(Some(SyncTokens {
            access_token: open(row.access_token)?,
            refresh_token: open(row.refresh_token)?,
        }))
    }
}
