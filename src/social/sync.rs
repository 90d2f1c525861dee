//! The sync pass (API.md §8.3): for every connected account of a configured platform, refresh
//! its token when it expires within a day, read its analytics into the connection, keep the
//! reading, and write a `trend` insight when followers moved 5% or more in 7 days.
//!
//! `serve`'s periodic pass is a job of the job runner (`crate::jobs`, kind [`JOB`]) with a unique
//! key, enqueued at start-up by every instance and claimed by one; it reschedules itself an
//! interval later. One pass at a time across instances, whoever runs it: a pass first takes the
//! `social-sync` lease (`db::queries::leases`, a conditional UPDATE) and gives it back at its
//! end, so `exclusive-talent sync` run by hand never overlaps the job. The job's pass also skips
//! when any pass finished less than an interval ago. An account that fails is logged and counted,
//! and the pass goes on: it fails only when it cannot run at all.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::app::AppState;
use crate::db::entities::{Platform, social_account_connection as social};
use crate::db::queries::jobs::{self, NewJob};
use crate::db::queries::social_sync::{self, NewTrend};
use crate::db::queries::{leases, now};
use crate::social::adapters;
use crate::social::oauth::{GrantError, Provider};

/// The lease a pass holds.
const LEASE: &str = "social-sync";
/// How long a pass may hold the lease: an instance that dies mid-pass holds back the next pass
/// this long at most.
const LEASE_TTL: chrono::Duration = chrono::Duration::hours(1);
/// A token expiring within this is refreshed.
const REFRESH_AHEAD: chrono::Duration = chrono::Duration::days(1);
/// The window a trend is measured over, and how often one platform may have one.
const TREND_WINDOW: chrono::Duration = chrono::Duration::days(7);
/// The change in followers that makes a trend, as a fraction.
const TREND_THRESHOLD: f64 = 0.05;
/// Trend insights' priority (0 lowest).
const TREND_PRIORITY: i32 = 2;

/// When a pass may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Whenever no other pass is running (`exclusive-talent sync`).
    Now,
    /// Only if no pass finished within this interval either (`serve`'s periodic pass).
    Due(Duration),
}

/// What happened to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Analytics read and recorded (`refreshed`: its token was refreshed first).
    Synced { refreshed: bool, trend: bool },
    /// The platform refused the refresh: marked `needsReconnect`.
    RefreshRefused,
    /// The token has expired and there is no refresh token: nothing to do until reconnected.
    Expired,
    /// Something failed (logged); the account is left as it was.
    Failed,
}

/// One account's result, for progress output. Holds no token.
#[derive(Debug, Clone)]
pub struct AccountReport {
    pub platform: Platform,
    pub handle: String,
    pub outcome: Outcome,
}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    /// False when the pass did not run: another was running, or (for a periodic pass) one ran
    /// less than an interval ago.
    pub ran: bool,
    pub accounts: usize,
    pub synced: usize,
    pub refreshed: usize,
    pub refresh_refused: usize,
    pub expired: usize,
    pub failed: usize,
    pub insights: usize,
}

impl PassReport {
    fn count(&mut self, outcome: Outcome) {
        self.accounts += 1;
        match outcome {
            Outcome::Synced { refreshed, trend } => {
                self.synced += 1;
                self.refreshed += usize::from(refreshed);
                self.insights += usize::from(trend);
            }
            Outcome::RefreshRefused => self.refresh_refused += 1,
            Outcome::Expired => self.expired += 1,
            Outcome::Failed => self.failed += 1,
        }
    }
}

/// Runs one pass if it may (see [`When`]), calling `progress` after each account.
/// An error means the pass could not run (the database is unreachable).
pub async fn run_pass(
    app: &AppState,
    when: When,
    mut progress: impl FnMut(&AccountReport),
) -> anyhow::Result<PassReport> {
    let holder = uuid::Uuid::new_v4().to_string();
    let min_interval = match when {
        When::Now => None,
        When::Due(interval) => Some(chrono::Duration::from_std(interval)?),
    };
    if !leases::take(&app.db, LEASE, &holder, LEASE_TTL, min_interval).await? {
        return Ok(PassReport::default());
    }
    let result = sync_all(app, &mut progress).await;
    if let Err(err) = leases::release(&app.db, LEASE, &holder).await {
        tracing::error!(error = %err, "could not give back the social sync lease");
    }
    result
}

async fn sync_all(
    app: &AppState,
    progress: &mut impl FnMut(&AccountReport),
) -> anyhow::Result<PassReport> {
    let platforms: Vec<Platform> = app.social.configured().map(|p| p.platform).collect();
    let accounts = social_sync::accounts_to_sync(&app.db, &platforms).await?;
    let mut report = PassReport {
        ran: true,
        ..PassReport::default()
    };
    for account in accounts {
        let Some(provider) = app.social.get(account.platform) else {
            continue;
        };
        let (platform, handle, talent) =
            (account.platform, account.handle.clone(), account.creator_id);
        let outcome = sync_account(app, provider, account).await;
        if outcome != Outcome::Expired {
            app.creator_changed(talent).await;
        }
        report.count(outcome);
        progress(&AccountReport {
            platform,
            handle,
            outcome,
        });
    }
    tracing::info!(
        accounts = report.accounts,
        synced = report.synced,
        refreshed = report.refreshed,
        refresh_refused = report.refresh_refused,
        failed = report.failed,
        insights = report.insights,
        "social sync pass finished"
    );
    Ok(report)
}

async fn sync_account(app: &AppState, provider: &Provider, account: social::Model) -> Outcome {
    let id = account.id;
    let platform = account.platform.as_str();
    match try_sync_account(app, provider, account).await {
        Ok(outcome) => outcome,
        Err(err) => {
            tracing::warn!(connection = %id, platform = %platform, error = %err,
                "social account not synced");
            Outcome::Failed
        }
    }
}

async fn try_sync_account(
    app: &AppState,
    provider: &Provider,
    account: social::Model,
) -> anyhow::Result<Outcome> {
    let sealed_access = account.access_token.clone().unwrap_or_default();
    let mut access = SecretString::from(app.tokens.decrypt(&sealed_access)?);
    let mut refreshed = false;
    let now = now();
    if account
        .expires_at
        .is_some_and(|at| at - now < REFRESH_AHEAD)
    {
        let refresh = account
            .refresh_token
            .as_deref()
            .map(|sealed| app.tokens.decrypt(sealed).map(SecretString::from))
            .transpose()?;
        match refresh {
            Some(refresh) => match provider.refresh(&app.social.http, &refresh).await {
                Ok(grant) => {
                    let stored = social_sync::store_refreshed(
                        &app.db,
                        account.id,
                        &sealed_access,
                        app.tokens.encrypt(grant.access_token.expose_secret())?,
                        grant
                            .refresh_token
                            .as_ref()
                            .map(|t| app.tokens.encrypt(t.expose_secret()))
                            .transpose()?,
                        grant.expires_at,
                    )
                    .await?;
                    if !stored {
                        anyhow::bail!("reconnected during the pass; left to the next one");
                    }
                    access = grant.access_token;
                    refreshed = true;
                }
                Err(GrantError::Refused(reason)) => {
                    tracing::warn!(connection = %account.id, platform = %account.platform.as_str(),
                        %reason, "the platform refused to refresh the token: needs reconnecting");
                    social_sync::mark_refresh_refused(&app.db, account.id, &sealed_access).await?;
                    return Ok(Outcome::RefreshRefused);
                }
                Err(err @ GrantError::Unavailable(_)) => return Err(err.into()),
            },
            None if account.expires_at.is_some_and(|at| at <= now) => return Ok(Outcome::Expired),
            None => {}
        }
    }
    let read = adapters::read_account(&app.social.http, provider, &access, true).await?;
    let reading =
        social_sync::record_reading(&app.db, account.id, Some(&read.handle), read.figures).await?;
    let trend = write_trend(app, &account, &reading).await?;
    Ok(Outcome::Synced { refreshed, trend })
}

/// Writes a `trend` insight when this reading's followers differ by 5% or more from the earliest
/// reading of the last 7 days, unless this platform had one in the last 7 days.
async fn write_trend(
    app: &AppState,
    account: &social::Model,
    reading: &crate::db::entities::social_reading::Model,
) -> anyhow::Result<bool> {
    let since = reading.taken_at - TREND_WINDOW;
    let Some(earliest) =
        social_sync::earliest_reading_since(&app.db, account.id, since, reading.id).await?
    else {
        return Ok(false);
    };
    let Some(change) = follower_change(earliest.followers, reading.followers) else {
        return Ok(false);
    };
    if social_sync::trend_written_since(&app.db, account.creator_id, account.platform, since)
        .await?
    {
        return Ok(false);
    }
    let (title, summary, percent) = trend_words(account.platform, change);
    social_sync::insert_trend(
        &app.db,
        NewTrend {
            talent: account.creator_id,
            platform: account.platform,
            title,
            summary,
            change_percent: percent,
            priority: TREND_PRIORITY,
            valid_for: TREND_WINDOW,
        },
    )
    .await?;
    Ok(true)
}

/// The change from `earlier` to `now` as a fraction, when it is 5% or more either way.
pub fn follower_change(earlier: Option<i64>, now: Option<i64>) -> Option<f64> {
    let (earlier, now) = (earlier.filter(|e| *e > 0)?, now?);
    let change = (now - earlier) as f64 / earlier as f64;
    (change.abs() >= TREND_THRESHOLD).then_some(change)
}

/// The insight's title and summary, naming the platform, the direction and the change in whole
/// percent (half away from zero), never a count; and the signed percent.
pub fn trend_words(platform: Platform, change: f64) -> (String, String, i64) {
    let percent = (change * 100.0).round() as i64;
    let name = crate::pages::fmt::platform(&platform);
    let (direction, moved) = if percent >= 0 {
        ("up", "grew")
    } else {
        ("down", "fell")
    };
    let magnitude = percent.abs();
    (
        format!("{name} followers {direction} {magnitude}% this week"),
        format!("Your {name} audience {moved} by {magnitude}% over the last 7 days."),
        percent,
    )
}

/// The job kind of `serve`'s periodic pass (`crate::jobs`); its payload is `{}`.
pub const JOB: &str = "social.sync";
/// The periodic pass's job key: one such job at a time, however many instances enqueue it.
const JOB_KEY: &str = "social-sync";
/// How soon a periodic pass that could not run (the database was down) is tried again.
const RETRY_AFTER_FAILURE: chrono::Duration = chrono::Duration::minutes(5);

fn sync_interval(app: &AppState) -> Option<Duration> {
    let secs = app.config.social.social_sync_interval_secs;
    (secs > 0).then(|| Duration::from_secs(secs))
}

/// Enqueues the periodic pass (`serve` at start-up), unless `SOCIAL_SYNC_INTERVAL_SECS` is 0 or
/// an instance enqueued it already (its unique key). True when this call enqueued it.
pub async fn schedule(app: &AppState) -> Result<bool, sea_orm::DbErr> {
    if sync_interval(app).is_none() {
        return Ok(false);
    }
    let job = NewJob {
        unique_key: Some(JOB_KEY.to_owned()),
        ..NewJob::now(JOB, serde_json::json!({}))
    };
    let queued = jobs::enqueue(&app.db, job).await?;
    if queued {
        app.jobs.now();
    }
    Ok(queued)
}

/// The periodic pass as a job: a pass unless one finished (on any instance, or by
/// `exclusive-talent sync`) within the interval, then the same job again an interval later. It
/// never fails (a periodic job must not be dropped after its retries): a pass that could not run
/// is logged and tried again in 5 minutes.
pub async fn run_job(app: &AppState) -> anyhow::Result<crate::jobs::Outcome> {
    let Some(interval) = sync_interval(app) else {
        // Turned off since it was enqueued.
        return Ok(crate::jobs::Outcome::Done);
    };
    let next = match run_pass(app, When::Due(interval), |_| {}).await {
        Ok(report) => {
            if !report.ran {
                tracing::debug!("social sync: not due, or running elsewhere");
            }
            chrono::Duration::from_std(interval)?
        }
        Err(err) => {
            tracing::error!(error = %err, "social sync pass could not run");
            RETRY_AFTER_FAILURE
        }
    };
    Ok(crate::jobs::Outcome::RunAgainAt(now() + next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_is_five_percent_either_way_in_whole_percent_words() {
        assert_eq!(follower_change(Some(1000), Some(1049)), None);
        assert_eq!(follower_change(Some(1000), Some(951)), None);
        assert_eq!(follower_change(Some(0), Some(951)), None);
        assert_eq!(follower_change(None, Some(951)), None);
        let up = follower_change(Some(1000), Some(1150)).unwrap();
        assert_eq!(
            trend_words(Platform::Youtube, up),
            (
                "YouTube followers up 15% this week".to_owned(),
                "Your YouTube audience grew by 15% over the last 7 days.".to_owned(),
                15
            )
        );
        let down = follower_change(Some(2000), Some(1890)).unwrap();
        assert_eq!(
            trend_words(Platform::Tiktok, down).0,
            "TikTok followers down 6% this week"
        );
        // 12.5% rounds half away from zero.
        let half = follower_change(Some(1000), Some(1125)).unwrap();
        assert_eq!(
            trend_words(Platform::X, half).0,
            "X followers up 13% this week"
        );
    }
}
