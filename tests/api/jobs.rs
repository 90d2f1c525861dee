//! The job runner's lease: a job still running past its lease keeps it while its worker renews
//! it, and is claimed again once the renewals stop.

use std::time::Duration;

use exclusive_talent::db::entities::{job, new_id};
use exclusive_talent::db::queries::now;
use exclusive_talent::jobs::holding_lease;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::TestApp;

/// How many times the job has been claimed.
async fn claims(app: &TestApp, id: Uuid) -> i32 {
    job::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read the job")
        .expect("the job is there")
        .attempts
}

#[tokio::test]
async fn a_job_running_past_its_lease_keeps_it_while_renewed_and_loses_it_after() {
    let app = TestApp::spawn().await;
    // A kind no instance runs, written as claimed by a worker of ours for 2 s (claiming it with
    // `jobs::claim` would race the app's own runner). That runner, polling every second, is the
    // other worker that would claim it.
    let lease = chrono::Duration::seconds(2);
    let now = now();
    let job = job::ActiveModel {
        id: Set(new_id()),
        kind: Set("test.long_running".to_owned()),
        queue: Set(None),
        unique_key: Set(None),
        payload: Set(json!({})),
        run_at: Set(now),
        attempts: Set(1),
        locked_until: Set(Some(now + lease)),
        last_error: Set(None),
        created_at: Set(now),
    }
    .insert(&app.db)
    .await
    .expect("a claimed job");
    assert_eq!(claims(&app, job.id).await, 1);

    // Runs for 4 s, twice its lease, renewing it every 0.5 s.
    let work = tokio::time::sleep(Duration::from_secs(4));
    holding_lease(&app.db, job.id, lease, Duration::from_millis(500), work).await;
    assert_eq!(
        claims(&app, job.id).await,
        1,
        "a running job was claimed again"
    );

    // Its worker stops renewing (as if it died): the lease runs out and the runner claims it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(6);
    while claims(&app, job.id).await < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        claims(&app, job.id).await,
        2,
        "claimed again after its lease"
    );
}
