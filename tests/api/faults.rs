//! The database going away and coming back (PostgreSQL only: SQLite is a file in process; these
//! tests are ignored without `TEST_DATABASE_URL`).

use std::time::{Duration, Instant};

use reqwest::Method;

use crate::helpers::TestApp;
use crate::proxy::Proxy;

/// A TestApp whose service reaches PostgreSQL through a proxy the test controls.
/// The third app owns the database and drops it at the end.
async fn app_behind_proxy() -> (TestApp, Proxy, TestApp) {
    let direct = TestApp::spawn().await;
    let proxy = Proxy::start("127.0.0.1:5432".parse().expect("address")).await;
    let proxied_url = direct
        .database_url
        .replacen("127.0.0.1:5432", &proxy.address.to_string(), 1);
    assert_ne!(
        proxied_url, direct.database_url,
        "TEST_DATABASE_URL must name 127.0.0.1:5432"
    );
    let app = direct
        .sibling(|config| {
            config.database_url = proxied_url.clone();
        })
        .await;
    (app, proxy, direct)
}

#[tokio::test]
#[cfg_attr(
    not(test_postgres),
    ignore = "needs TEST_DATABASE_URL=postgres://… (.ci/run sets it)"
)]
async fn a_lost_database_is_503_then_recovers_by_itself() {
    let (app, proxy, _owner) = app_behind_proxy().await;
    let agent = app.agent().await;
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 200);

    proxy.cut();
    let started = Instant::now();
    let ready = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(ready.status, 503);
    let login = app.login(&agent.email, crate::helpers::PASSWORD).await;
    assert_eq!(login.status, 503, "{}", login.text);
    assert_eq!(login.content_type(), "application/problem+json");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "failing must not hang"
    );
    // Liveness is not readiness.
    assert_eq!(
        app.request(Method::GET, "/healthz", None, None)
            .await
            .status,
        200
    );

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let ready = app.request(Method::GET, "/readyz", None, None).await;
        if ready.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "the service did not recover");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        app.login(&agent.email, crate::helpers::PASSWORD)
            .await
            .status,
        200
    );
}

#[tokio::test]
#[cfg_attr(
    not(test_postgres),
    ignore = "needs TEST_DATABASE_URL=postgres://… (.ci/run sets it)"
)]
async fn without_its_database_the_overview_degrades_and_writes_are_503() {
    let (app, proxy, _owner) = app_behind_proxy().await;
    let cached = app.creator("cached").await;
    let uncached = app.creator("uncached").await;
    let goal = serde_json::json!({"goalType": "content", "title": "Before the outage"});
    assert_eq!(
        app.post("/api/creator/goals", &cached.token, goal)
            .await
            .status,
        201
    );
    let before = app.get("/api/creator/overview", &cached.token).await;
    assert_eq!(before.status, 200);
    // Signed in (so identified from memory), but no overview cached yet.
    assert_eq!(
        app.get("/api/creator/goals", &uncached.token).await.status,
        200
    );

    proxy.cut();
    let started = Instant::now();
    let from_cache = app.get("/api/creator/overview", &cached.token).await;
    assert_eq!(from_cache.status, 200);
    assert_eq!(from_cache.body["degraded"], serde_json::json!([]));
    assert_eq!(
        from_cache.body["goals"]["active"][0]["title"],
        "Before the outage"
    );

    let degraded = app.get("/api/creator/overview", &uncached.token).await;
    assert_eq!(degraded.status, 200, "{}", degraded.text);
    let names = degraded.body["degraded"].as_array().unwrap();
    assert_eq!(names.len(), 9, "{names:?}");
    assert_eq!(degraded.body["goals"]["count"], 0);

    let write = app
        .post(
            "/api/creator/goals",
            &cached.token,
            serde_json::json!({"goalType": "content", "title": "During"}),
        )
        .await;
    assert_eq!(write.status, 503, "{}", write.text);
    assert_eq!(write.content_type(), "application/problem+json");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "failing must not hang"
    );

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let write = app
            .post(
                "/api/creator/goals",
                &cached.token,
                serde_json::json!({"goalType": "content", "title": "After"}),
            )
            .await;
        if write.status == 201 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "writes did not recover: {}",
            write.text
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let after = app.get("/api/creator/overview", &uncached.token).await;
    assert_eq!(after.body["degraded"], serde_json::json!([]));
}
