//! `GET /api/creator/overview`: every section, read-your-writes, degradation, ETag, the
//! shared cache.

use exclusive_talent::db::entities::{GoalType, TalentId, creator_goal, new_id};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde_json::{Value, json};

use crate::helpers::{DEAD_REDIS_URL, TestApp, TestUser, test_redis_url};

const SECTIONS: [&str; 9] = [
    "goals",
    "events",
    "tasks",
    "revenue",
    "deals",
    "socials",
    "insights",
    "wellness",
    "notifications",
];

async fn overview(app: &TestApp, creator: &TestUser) -> Value {
    let res = app.get("/api/creator/overview", &creator.token).await;
    assert_eq!(res.status, 200, "{}", res.text);
    res.body
}

/// A goal written straight to the database, past every invalidation: only a fresh
/// computation can show it.
async fn goal_behind_the_cache(app: &TestApp, talent: TalentId, title: &str) {
    let now = chrono::Utc::now();
    creator_goal::ActiveModel {
        id: Set(new_id()),
        creator_id: Set(talent),
        goal_type: Set(GoalType::Content),
        title: Set(title.to_owned()),
        target_value: Set(None),
        timeframe: Set(None),
        progress: Set(0.5),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .expect("insert goal");
}

#[tokio::test]
async fn every_section_is_present_with_its_shape() {
    let app = TestApp::spawn().await;
    let creator = app.creator("olive").await;
    let body = overview(&app, &creator).await;
    for section in SECTIONS {
        assert!(
            body[section].is_object(),
            "missing section {section}: {body}"
        );
    }
    assert!(body["generatedAt"].is_string());
    assert_eq!(body["degraded"], json!([]));
    assert_eq!(body["goals"]["count"], 0);
    assert_eq!(body["goals"]["averageProgress"], 0.0);
    assert_eq!(body["events"]["upcoming"], json!([]));
    assert_eq!(body["events"]["pendingResponse"], 0);
    assert_eq!(body["tasks"]["overdue"], 0);
    assert_eq!(body["tasks"]["dueThisWeek"], 0);
    assert_eq!(body["revenue"]["currencies"], json!([]));
    assert_eq!(body["deals"]["count"], 0);
    assert_eq!(body["socials"]["totalFollowers"], 0);
    assert_eq!(body["insights"]["unreadCount"], 0);
    assert_eq!(body["wellness"]["latest"], Value::Null);
    assert_eq!(body["wellness"]["checkinsLast30Days"], 0);
    assert_eq!(body["notifications"]["unreadCount"], 0);
}

#[tokio::test]
async fn a_creators_own_write_shows_at_once() {
    let app = TestApp::spawn().await;
    let creator = app.creator("wren").await;
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 0);
    let res = app
        .post(
            "/api/creator/goals",
            &creator.token,
            json!({"goalType": "revenue", "title": "Hit 50K", "progress": 0.25}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let res = app
        .post(
            "/api/creator/wellness-checkin",
            &creator.token,
            json!({"energyLevel": 4, "workload": "busy"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let body = overview(&app, &creator).await;
    assert_eq!(body["goals"]["count"], 1);
    assert_eq!(body["goals"]["active"][0]["title"], "Hit 50K");
    assert_eq!(body["goals"]["averageProgress"], 0.25);
    assert_eq!(body["wellness"]["latest"]["energyLevel"], 4);
    assert_eq!(body["wellness"]["checkinsLast30Days"], 1);
}

#[tokio::test]
async fn an_agency_write_about_the_creator_shows_at_once() {
    let app = TestApp::spawn().await;
    let creator = app.creator("ash").await;
    let agent = app.agent().await;
    let talent = creator.talent_id.unwrap();
    assert_eq!(
        overview(&app, &creator).await["events"]["pendingResponse"],
        0
    );
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let res = app
        .post(
            &format!("/api/admin/talents/{talent}/events"),
            &agent.token,
            json!({"eventName": "Launch party", "eventType": "launch", "startAt": start, "status": "invited"}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let body = overview(&app, &creator).await;
    assert_eq!(body["events"]["pendingResponse"], 1);
    assert_eq!(body["events"]["upcoming"][0]["eventName"], "Launch party");
    assert_eq!(body["notifications"]["unreadCount"], 1);
}

#[tokio::test]
async fn the_overview_is_cached_until_a_write_invalidates_it() {
    let app = TestApp::spawn().await;
    let creator = app.creator("ivy").await;
    let talent = creator.talent_id.unwrap();
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 0);
    goal_behind_the_cache(&app, talent, "Unseen").await;
    assert_eq!(
        overview(&app, &creator).await["goals"]["count"],
        0,
        "served from the cache"
    );
    app.post(
        "/api/creator/goals",
        &creator.token,
        json!({"goalType": "content", "title": "Seen"}),
    )
    .await;
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 2);
}

#[tokio::test]
async fn with_ttl_zero_every_call_is_fresh() {
    let app = TestApp::spawn_with(|c| c.overview_cache_ttl_secs = 0).await;
    let creator = app.creator("fern").await;
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 0);
    goal_behind_the_cache(&app, creator.talent_id.unwrap(), "Fresh").await;
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 1);
}

#[tokio::test]
async fn a_failing_section_degrades_alone() {
    let app = TestApp::spawn().await;
    let creator = app.creator("moss").await;
    app.post(
        "/api/creator/goals",
        &creator.token,
        json!({"goalType": "content", "title": "Still here"}),
    )
    .await;
    app.state.overview_faults.fail("revenue");
    let body = overview(&app, &creator).await;
    assert_eq!(body["degraded"], json!(["revenue"]));
    assert_eq!(body["revenue"], json!({"currencies": []}));
    assert_eq!(body["goals"]["active"][0]["title"], "Still here");
    for section in SECTIONS {
        assert!(body[section].is_object(), "{section}");
    }
}

#[tokio::test]
async fn a_matching_etag_is_304() {
    let app = TestApp::spawn().await;
    let creator = app.creator("sage").await;
    let first = app.get("/api/creator/overview", &creator.token).await;
    let etag = first.header("etag").expect("an ETag").to_owned();
    let again = app
        .client
        .get(format!("{}/api/creator/overview", app.base))
        .bearer_auth(&creator.token)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    // After a change the tag moves on and the body comes back.
    app.post(
        "/api/creator/goals",
        &creator.token,
        json!({"goalType": "content", "title": "New"}),
    )
    .await;
    let changed = app
        .client
        .get(format!("{}/api/creator/overview", app.base))
        .bearer_auth(&creator.token)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn two_instances_share_the_cache_and_its_invalidations_through_redis() {
    let redis = test_redis_url();
    let first = TestApp::spawn_with(|c| c.redis_url = Some(redis.clone())).await;
    let second = first.sibling(|c| c.redis_url = Some(redis.clone())).await;
    let creator = first.creator("robin").await;
    let talent = creator.talent_id.unwrap();

    assert_eq!(overview(&first, &creator).await["goals"]["count"], 0);
    goal_behind_the_cache(&first, talent, "Hidden by the shared cache").await;
    // The second instance never computed this overview: it serves the first one's entry.
    assert_eq!(overview(&second, &creator).await["goals"]["count"], 0);
    // A write through the second instance invalidates the entry for the first.
    second
        .post(
            "/api/creator/goals",
            &creator.token,
            json!({"goalType": "content", "title": "Via second"}),
        )
        .await;
    assert_eq!(overview(&first, &creator).await["goals"]["count"], 2);
}

#[tokio::test]
async fn with_redis_down_the_overview_still_answers() {
    let app = TestApp::spawn_with(|c| c.redis_url = Some(DEAD_REDIS_URL.to_owned())).await;
    let creator = app.creator("kite").await;
    let body = overview(&app, &creator).await;
    assert_eq!(body["degraded"], json!([]));
    app.post(
        "/api/creator/goals",
        &creator.token,
        json!({"goalType": "content", "title": "Written"}),
    )
    .await;
    assert_eq!(overview(&app, &creator).await["goals"]["count"], 1);
}

/// On SQLite the overview reads through our own synchronous connections (`db::snapshot`), which
/// decode rows themselves: for every demo creator, the overview they build is the one the pool's
/// connections build, section for section.
#[tokio::test]
async fn the_snapshot_reader_builds_the_same_overview_as_the_pool() {
    use exclusive_talent::auth::CreatorContext;
    use exclusive_talent::db::entities::talent;
    use exclusive_talent::db::{Snapshot, Snapshots};
    use exclusive_talent::overview::{self, Audience, SectionFaults};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = TestApp::spawn().await;
    exclusive_talent::seed::demo::seed(&app.db)
        .await
        .expect("seed")
        .expect("loaded");
    let reader = Snapshots::new(app.db.clone(), &app.database_url);
    let pooled = Snapshots::pooled(app.db.clone());
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    let snapshot = reader.open(deadline).await.expect("a snapshot");
    assert_eq!(
        matches!(snapshot, Snapshot::Sqlite(_)),
        app.database_url.starts_with("sqlite:"),
        "SQLite files are read through the snapshot reader"
    );
    drop(snapshot);

    let creators = talent::Entity::find()
        .filter(talent::Column::UserId.is_not_null())
        .all(&app.db)
        .await
        .expect("talents");
    assert!(creators.len() >= 3);
    let now = chrono::Utc::now();
    let faults = SectionFaults::default();
    let mut seen_rows = 0;
    for creator in creators {
        let ctx = CreatorContext {
            user_id: creator.user_id.expect("linked"),
            talent_id: creator.id,
        };
        let read = serde_json::to_value(
            overview::build(&reader, ctx, Audience::Creator, now, &faults).await,
        )
        .unwrap();
        let pool = serde_json::to_value(
            overview::build(&pooled, ctx, Audience::Creator, now, &faults).await,
        )
        .unwrap();
        assert_eq!(read["degraded"], json!([]), "{read}");
        assert_eq!(read, pool);
        for list in [
            &read["goals"]["active"],
            &read["events"]["upcoming"],
            &read["tasks"]["open"],
            &read["deals"]["active"],
            &read["socials"]["accounts"],
            &read["insights"]["unread"],
            &read["revenue"]["currencies"],
        ] {
            seen_rows += list.as_array().map_or(0, Vec::len);
        }
    }
    assert!(seen_rows > 20, "the demo creators' overviews hold rows");
}

/// PostgreSQL plans each of our prepared statements once per connection (generic plans), rather
/// than again on every execution.
#[tokio::test]
#[cfg_attr(
    not(test_postgres),
    ignore = "needs TEST_DATABASE_URL=postgres://… (.ci/run sets it)"
)]
async fn postgres_connections_use_generic_plans() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::spawn().await;
    assert_eq!(app.db.get_database_backend(), DbBackend::Postgres);
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SHOW plan_cache_mode",
        ))
        .await
        .expect("show")
        .expect("a row");
    let mode: String = row.try_get("", "plan_cache_mode").expect("mode");
    assert_eq!(mode, "force_generic_plan");
}

/// The overview's first few open tasks and active deals are the first of the creator's own
/// lists, in the same order: its own queries, tuned for the overview, agree with the lists'.
#[tokio::test]
async fn the_overviews_lists_are_the_heads_of_the_creators_lists() {
    use exclusive_talent::db::entities::Role;
    use exclusive_talent::seed::demo::{self, DEMO_PASSWORD};

    /// The first five items of the creator's list at `path` whose `field` is one of `values`.
    async fn heads(
        app: &TestApp,
        path: &str,
        token: &str,
        field: &str,
        values: &[&str],
    ) -> Vec<Value> {
        let res = app.get(path, token).await;
        assert_eq!(res.status, 200, "{}", res.text);
        res.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|item| item[field].as_str().is_some_and(|v| values.contains(&v)))
            .take(5)
            .cloned()
            .collect()
    }

    let app = TestApp::spawn().await;
    demo::seed(&app.db).await.expect("seed").expect("loaded");
    let mut compared = 0;
    let mut linked_tasks = 0;
    for login in demo::logins()
        .into_iter()
        .filter(|l| l.role == Role::Creator)
    {
        let res = app.login(login.email, DEMO_PASSWORD).await;
        assert_eq!(res.status, 200, "{}", res.text);
        let token = res.body["token"].as_str().expect("token").to_owned();
        let res = app.get("/api/creator/overview", &token).await;
        assert_eq!(res.status, 200, "{}", res.text);
        let overview = res.body;
        let ids = |items: &Value| -> Vec<String> {
            items
                .as_array()
                .expect("a list")
                .iter()
                .map(|item| item["id"].as_str().expect("id").to_owned())
                .collect()
        };

        let open = heads(
            &app,
            "/api/creator/tasks?limit=100",
            &token,
            "status",
            &["pending", "in_progress"],
        )
        .await;
        assert_eq!(
            ids(&overview["tasks"]["open"]),
            ids(&Value::from(open.clone()))
        );
        // Whole, not only their ids: the deal and brand names the overview reads its own way
        // on PostgreSQL (a subquery) are the lists' too.
        assert_eq!(overview["tasks"]["open"], Value::from(open));

        let active = heads(
            &app,
            "/api/creator/deals?limit=100",
            &token,
            "stage",
            &["negotiation", "contracted", "in_progress"],
        )
        .await;
        assert_eq!(
            ids(&overview["deals"]["active"]),
            ids(&Value::from(active.clone()))
        );
        assert_eq!(overview["deals"]["active"], Value::from(active));
        compared += overview["tasks"]["open"].as_array().map_or(0, Vec::len)
            + overview["deals"]["active"].as_array().map_or(0, Vec::len);
        linked_tasks += overview["tasks"]["open"].as_array().map_or(0, |tasks| {
            tasks.iter().filter(|t| !t["deal"].is_null()).count()
        });
    }
    assert!(
        compared >= 10,
        "the demo creators have open tasks and active deals"
    );
    assert!(linked_tasks >= 1, "some open tasks name their deal");
}

/// A snapshot is one view of the database: a write committed after its first read is not in
/// its later reads (on PostgreSQL this takes REPEATABLE READ; READ COMMITTED would show it).
#[tokio::test]
async fn a_snapshot_does_not_see_writes_committed_after_its_first_read() {
    use exclusive_talent::db::entities::brand;
    use exclusive_talent::db::{Db, Read, Snapshot, Snapshots};
    use sea_orm::sea_query::Expr;
    use sea_orm::{EntityTrait, QuerySelect, QueryTrait};

    async fn brands(db: &impl Read) -> u64 {
        let count = brand::Entity::find()
            .select_only()
            .expr(Expr::cust("COUNT(*)"));
        let rows: Vec<(i64,)> = db.rows(count.build(db.backend())).await.expect("count");
        u64::try_from(rows[0].0).expect("a count")
    }
    /// Brands seen by the snapshot, then by the pool and the snapshot after a write.
    async fn around_a_write(snapshot: &impl Read, pool: &Db) -> (u64, u64, u64) {
        let before = brands(snapshot).await;
        crate::fixtures::brand_in(pool, "Written meanwhile").await;
        (before, brands(pool).await, brands(snapshot).await)
    }

    let app = TestApp::spawn().await;
    let snapshots = Snapshots::new(app.db.clone(), &app.database_url);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    let snapshot = snapshots.open(deadline).await.expect("a snapshot");
    let pool = app.db.clone();
    let (before, pool_after, during) = match snapshot {
        Snapshot::Pooled(txn) => around_a_write(&txn, &pool).await,
        Snapshot::Sqlite(reader) => reader
            .read(async move |snapshot| around_a_write(snapshot, &pool).await)
            .await
            .expect("read in time"),
    };
    assert_eq!(pool_after, before + 1, "the pool sees the write");
    assert_eq!(during, before, "the snapshot does not");
}
