//! Background jobs: durable work in the database, run by every `serve` instance.
//!
//! A change enqueues its follow-up work (a webhook delivery) with `db::queries::jobs::enqueue` in
//! its own transaction, so the work exists exactly when the change does and survives a restart.
//! Each instance runs [`run`]: it claims one due job at a time per free worker (one statement;
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances never claim the same job), runs it, and
//! deletes it or schedules it again. A claim is a lease: a job whose worker died is claimed
//! again once the lease runs out, so a job runs at least once, and a handler must be safe to
//! repeat. Jobs of one `queue` run one at a time, in the order they were enqueued.
//!
//! Why not a crate: see docs/ARCHITECTURE.md, "Background jobs".

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::{Notify, Semaphore};
use tracing::Instrument;

use uuid::Uuid;

use crate::app::AppState;
use crate::db::Db;
use crate::db::entities::job;
use crate::db::queries::{jobs, now};

/// How often an idle instance looks for due jobs (a due job starts within this of its time).
const POLL: std::time::Duration = std::time::Duration::from_secs(1);
/// Jobs one instance runs at once.
const WORKERS: usize = 4;
/// How often the queued-jobs gauge is refreshed.
const COUNT_EVERY: std::time::Duration = std::time::Duration::from_secs(10);
/// Failed runs of a job before it is dropped, for kinds without a schedule of their own.
const MAX_ATTEMPTS: i32 = 10;

/// What a handler did with its job.
pub enum Outcome {
    /// Done: the job is deleted.
    Done,
    /// Run it again then (a retry on the handler's own schedule, or the next period).
    RunAgainAt(DateTime<Utc>),
}

/// Wakes the runner early, after a commit that enqueued a job.
#[derive(Default)]
pub struct Wakeup(Notify);

impl Wakeup {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// How long a claim holds a job before another worker may take it (its worker presumed dead).
/// A handler that runs longer (a sync pass over many accounts) keeps its job by renewing the
/// lease every [`RENEW_EVERY`].
const LEASE: Duration = Duration::minutes(5);
/// How often a running job's lease is renewed: well within [`LEASE`].
const RENEW_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs jobs until the instance starts draining. Spawned by `app::serve`.
pub async fn run(state: AppState) {
    let workers = Arc::new(Semaphore::new(WORKERS));
    let mut counted = Instant::now() - COUNT_EVERY;
    while !state.draining.load(Ordering::SeqCst) {
        if counted.elapsed() >= COUNT_EVERY {
            count_queued(&state).await;
            counted = Instant::now();
        }
        let Ok(permit) = workers.clone().acquire_owned().await else {
            return;
        };
        match next_job(&state).await {
            Some(job) => {
                let state = state.clone();
                tokio::spawn(async move {
                    run_one(&state, job).await;
                    drop(permit);
                });
            }
            None => {
                drop(permit);
                tokio::select! {
                    () = tokio::time::sleep(POLL) => {}
                    () = state.jobs.0.notified() => {}
                }
            }
        }
    }
}

/// The next due job, claimed; none when there is none or the database is unreachable.
async fn next_job(state: &AppState) -> Option<job::Model> {
    let claimed = async {
        if !jobs::any_due(&state.db).await? {
            return Ok(None);
        }
        jobs::claim(&state.db, LEASE).await
    }
    .await;
    match claimed {
        Ok(job) => job,
        Err(err) => {
            tracing::warn!(error = %err, "cannot claim a job");
            None
        }
    }
}

async fn run_one(state: &AppState, job: job::Model) {
    let started = Instant::now();
    let span =
        tracing::info_span!("job", kind = %job.kind, job_id = %job.id, attempt = job.attempts);
    let handler = dispatch(state, &job).instrument(span);
    let result = holding_lease(&state.db, job.id, LEASE, RENEW_EVERY, handler).await;
    let outcome = match result {
        Ok(Outcome::Done) => jobs::finish(&state.db, job.id).await.map(|()| "done"),
        Ok(Outcome::RunAgainAt(at)) => jobs::run_again(&state.db, job.id, at, None)
            .await
            .map(|()| "again"),
        Err(err) if job.attempts >= MAX_ATTEMPTS => {
            tracing::error!(kind = %job.kind, job_id = %job.id, error = %err, "job failed for the last time; dropped");
            jobs::finish(&state.db, job.id).await.map(|()| "dropped")
        }
        Err(err) => {
            tracing::warn!(kind = %job.kind, job_id = %job.id, error = %err, "job failed; will retry");
            jobs::run_again(
                &state.db,
                job.id,
                now() + backoff(job.attempts),
                Some(err.to_string()),
            )
            .await
            .map(|()| "failed")
        }
    };
    let outcome = outcome.unwrap_or_else(|err| {
        // The lease runs out and the job is claimed again.
        tracing::warn!(kind = %job.kind, job_id = %job.id, error = %err, "cannot record a job's outcome");
        "unrecorded"
    });
    state
        .metrics
        .job_ran(&job.kind, outcome, started.elapsed().as_secs_f64());
    // The next job of this queue was waiting for this one: look again now, not at the next poll.
    state.jobs.now();
}

/// Runs `work` for the job `id`, renewing its lease to `lease` every `every` until it is done,
/// so that no other worker claims a job that is still running however long it takes. A renewal
/// that fails is logged; the lease then runs out as if the worker had died.
pub async fn holding_lease<T>(
    db: &Db,
    id: Uuid,
    lease: Duration,
    every: std::time::Duration,
    work: impl Future<Output = T>,
) -> T {
    let mut work = std::pin::pin!(work);
    let mut renew = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        tokio::select! {
            done = &mut work => return done,
            _ = renew.tick() => {
                if let Err(err) = jobs::extend_lease(db, id, lease).await {
                    tracing::warn!(job_id = %id, error = %err, "cannot renew a job's lease");
                }
            }
        }
    }
}

/// Each kind's handler.
async fn dispatch(state: &AppState, job: &job::Model) -> anyhow::Result<Outcome> {
    match job.kind.as_str() {
        crate::webhooks::DELIVER => crate::webhooks::delivery::deliver(state, job).await,
        crate::social::sync::JOB => crate::social::sync::run_job(state).await,
        // A kind this build does not know: perhaps a newer instance's; leave it to retry.
        other => Err(anyhow::anyhow!("unknown job kind `{other}`")),
    }
}

/// 10 s, 20 s, 40 s … capped at an hour.
fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let seconds = 10_i64.saturating_mul(1_i64 << doublings.min(19));
    Duration::seconds(seconds.min(3600))
}

async fn count_queued(state: &AppState) {
    match jobs::counts(&state.db).await {
        Ok(counts) => state.metrics.jobs_queued(&counts),
        Err(err) => tracing::warn!(error = %err, "cannot count jobs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_ten_seconds_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(4), Duration::seconds(80));
        assert_eq!(backoff(10), Duration::seconds(3600));
        assert_eq!(backoff(1000), Duration::seconds(3600));
    }
}
