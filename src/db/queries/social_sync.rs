//! What the social sync pass (API.md §8.3) reads and writes: the accounts it syncs, refreshed
//! tokens, readings, and the `trend` insights drawn from them. Tokens come in and go out sealed.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::now;
use crate::db::entities::{
    InsightType, Platform, TalentId, creator_insight, new_id, social_account_connection as social,
    social_reading as reading,
};

/// Connected accounts holding an access token whose platform has not refused a refresh, of the
/// given platforms, oldest first.
pub async fn accounts_to_sync(
    db: &impl ConnectionTrait,
    platforms: &[Platform],
) -> Result<Vec<social::Model>, DbErr> {
    social::Entity::find()
        .filter(social::Column::Connected.eq(true))
        .filter(social::Column::AccessToken.is_not_null())
        .filter(social::Column::RefreshRefused.eq(false))
        .filter(social::Column::Platform.is_in(platforms.iter().copied()))
        .order_by_asc(social::Column::Id)
        .all(db)
        .await
}

/// Stores refreshed (sealed) tokens, unless the creator connected again meanwhile (the stored
/// access token is no longer `was`). False when nothing was stored.
pub async fn store_refreshed(
    db: &impl ConnectionTrait,
    id: Uuid,
    was: &str,
    access_token: String,
    refresh_token: Option<String>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<bool, DbErr> {
    let mut update = social::Entity::update_many()
        .col_expr(social::Column::AccessToken, Expr::value(Some(access_token)))
        .col_expr(social::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(social::Column::UpdatedAt, Expr::value(now()));
    // An answer without a refresh token keeps the stored one.
    if let Some(refresh_token) = refresh_token {
        update = update.col_expr(
            social::Column::RefreshToken,
            Expr::value(Some(refresh_token)),
        );
    }
    let result = update
        .filter(social::Column::Id.eq(id))
        .filter(social::Column::AccessToken.eq(was))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The platform refused the refresh: the creator must connect again (`needsReconnect`).
pub async fn mark_refresh_refused(
    db: &impl ConnectionTrait,
    id: Uuid,
    was: &str,
) -> Result<(), DbErr> {
    social::Entity::update_many()
        .col_expr(social::Column::RefreshRefused, Expr::value(true))
        .col_expr(social::Column::UpdatedAt, Expr::value(now()))
        .filter(social::Column::Id.eq(id))
        .filter(social::Column::AccessToken.eq(was))
        .exec(db)
        .await?;
    Ok(())
}

/// The analytics read from a platform; a figure that could not be read is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub followers: Option<i64>,
    pub engagement_rate: Option<f64>,
    pub avg_views: Option<i64>,
}

/// Writes a sync's figures (and the handle as the platform now spells it) into the connection,
/// stamps `last_synced_at`, and keeps the reading.
pub async fn record_reading(
    db: &impl ConnectionTrait,
    connection: Uuid,
    handle: Option<&str>,
    figures: Figures,
) -> Result<reading::Model, DbErr> {
    let now = now();
    let mut update = social::Entity::update_many()
        .col_expr(social::Column::Followers, Expr::value(figures.followers))
        .col_expr(
            social::Column::EngagementRate,
            Expr::value(figures.engagement_rate),
        )
        .col_expr(social::Column::AvgViews, Expr::value(figures.avg_views))
        .col_expr(social::Column::LastSyncedAt, Expr::value(Some(now)))
        .col_expr(social::Column::UpdatedAt, Expr::value(now));
    if let Some(handle) = handle {
        update = update.col_expr(social::Column::Handle, Expr::value(handle));
    }
    update
        .filter(social::Column::Id.eq(connection))
        .exec(db)
        .await?;
    insert_reading(db, connection, figures, now).await
}

/// A reading inserted as of `taken_at` (tests and data loaders: history before the first sync).
pub async fn insert_reading(
    db: &impl ConnectionTrait,
    connection: Uuid,
    figures: Figures,
    taken_at: DateTime<Utc>,
) -> Result<reading::Model, DbErr> {
    reading::ActiveModel {
        id: Set(new_id()),
        connection_id: Set(connection),
        followers: Set(figures.followers),
        engagement_rate: Set(figures.engagement_rate),
        avg_views: Set(figures.avg_views),
        taken_at: Set(taken_at),
    }
    .insert(db)
    .await
}

/// The earliest reading of a connection taken at or after `since`, other than `except`.
pub async fn earliest_reading_since(
    db: &impl ConnectionTrait,
    connection: Uuid,
    since: DateTime<Utc>,
    except: Uuid,
) -> Result<Option<reading::Model>, DbErr> {
    reading::Entity::find()
        .filter(reading::Column::ConnectionId.eq(connection))
        .filter(reading::Column::TakenAt.gte(since))
        .filter(reading::Column::Id.ne(except))
        .order_by_asc(reading::Column::TakenAt)
        .order_by_asc(reading::Column::Id)
        .one(db)
        .await
}

/// The key in a trend insight's (internal) metadata that names its platform.
const PLATFORM_KEY: &str = "platform";

/// Whether the sync wrote a `trend` insight about this creator's platform since `since`.
pub async fn trend_written_since(
    db: &impl ConnectionTrait,
    talent: TalentId,
    platform: Platform,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let recent = creator_insight::Entity::find()
        .filter(creator_insight::Column::CreatorId.eq(talent))
        .filter(creator_insight::Column::InsightType.eq(InsightType::Trend))
        .filter(creator_insight::Column::CreatedAt.gte(since))
        .all(db)
        .await?;
    let platform = platform.as_str();
    Ok(recent.iter().any(|insight| {
        insight
            .metadata
            .as_ref()
            .and_then(|m| m.get(PLATFORM_KEY))
            .and_then(|p| p.as_str())
            == Some(platform.as_str())
    }))
}

/// A `trend` insight for the creator, valid `valid_for`.
pub struct NewTrend {
    pub talent: TalentId,
    pub platform: Platform,
    pub title: String,
    pub summary: String,
    pub change_percent: i64,
    pub priority: i32,
    pub valid_for: chrono::Duration,
}

pub async fn insert_trend(
    db: &impl ConnectionTrait,
    trend: NewTrend,
) -> Result<creator_insight::Model, DbErr> {
    let now = now();
    creator_insight::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(trend.talent),
        insight_type: Set(InsightType::Trend),
        title: Set(trend.title),
        summary: Set(Some(trend.summary)),
        context: Set(None),
        metadata: Set(Some(serde_json::json!({
            "source": "social_sync",
            PLATFORM_KEY: trend.platform.as_str(),
            "changePercent": trend.change_percent,
        }))),
        priority: Set(trend.priority),
        is_read: Set(false),
        expires_at: Set(Some(now + trend.valid_for)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}
