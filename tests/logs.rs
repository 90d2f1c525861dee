//! Secrets never reach the logs: a run at TRACE level, captured whole, holds no password, no
//! token and no password hash. A binary of its own, since it installs the global subscriber.

#[allow(dead_code)]
#[path = "api/helpers.rs"]
mod helpers;

use std::io::Write;
use std::sync::{Arc, Mutex};

use exclusive_talent::db::entities::Role;
use exclusive_talent::db::queries;
use helpers::{PASSWORD, TestApp};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn a_full_run_logs_no_secret() {
    let captured = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .init();

    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin, "secret-keeper@agency.test").await;
    let creator = app.creator("quiet").await;
    let wrong_password = "wrong-password-PLANTED-1";
    assert_eq!(app.login(&admin.email, wrong_password).await.status, 401);
    assert_eq!(app.get("/api/auth/me", &admin.token).await.status, 200);
    assert_eq!(app.get("/api/auth/me", &creator.token).await.status, 200);
    // Calls that fail deep in the stack log their cause; they must not log the request.
    app.post(
        "/api/auth/login",
        &creator.token,
        json!({"email": admin.email, "password": "unknown-field-PLANTED-2", "x": 1}),
    )
    .await;
    // A creator's private words and tokens.
    let planted = [
        "planted-social-token-3",
        "planted-refresh-token-4",
        "planted wellness note 5",
        "planted prompt 6 about my money",
        "planted goal title 7",
    ];
    let connect = json!({"platform": "tiktok", "handle": "quiet_tt", "accessToken": planted[0], "refreshToken": planted[1]});
    assert_eq!(
        app.post("/api/creator/socials/connect", &creator.token, connect)
            .await
            .status,
        200
    );
    let checkin = json!({"energyLevel": 2, "workload": "busy", "notes": planted[2]});
    assert_eq!(
        app.post("/api/creator/wellness-checkin", &creator.token, checkin)
            .await
            .status,
        201
    );
    let ask = json!({"prompt": planted[3]});
    assert_eq!(
        app.post("/api/creator/ai/ask", &creator.token, ask)
            .await
            .status,
        200
    );
    let goal = json!({"goalType": "content", "title": planted[4]});
    assert_eq!(
        app.post("/api/creator/goals", &creator.token, goal)
            .await
            .status,
        201
    );
    assert_eq!(
        app.get("/api/creator/overview", &creator.token)
            .await
            .status,
        200
    );
    // A calendar feed's URL is its secret: made, fetched, and asked for with an unknown one.
    let feed = app
        .request(
            reqwest::Method::POST,
            "/api/creator/calendar-feed",
            Some(&creator.token),
            None,
        )
        .await;
    assert_eq!(feed.status, 201);
    let feed_url = feed.body["url"].as_str().unwrap().to_owned();
    let feed_token = feed_url
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".ics")
        .to_owned();
    let feed_path = format!("/ical/{feed_token}.ics");
    let fetched = app
        .request(reqwest::Method::GET, &feed_path, None, None)
        .await;
    assert_eq!(fetched.status, 200);
    let unknown_feed = "planted-unknown-feed-token-8";
    let unknown = app
        .request(
            reqwest::Method::GET,
            &format!("/ical/{unknown_feed}.ics"),
            None,
            None,
        )
        .await;
    assert_eq!(unknown.status, 404);
    let hash = queries::users::find(&app.db, admin.id)
        .await
        .unwrap()
        .unwrap()
        .password_hash;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("request"),
        "the capture must hold the run's logs"
    );
    for secret in [
        PASSWORD,
        wrong_password,
        "unknown-field-PLANTED-2",
        admin.token.as_str(),
        creator.token.as_str(),
        hash.as_str(),
        feed_token.as_str(),
        unknown_feed,
    ]
    .into_iter()
    .chain(planted)
    {
        assert!(
            !logs.contains(secret),
            "a secret reached the logs: {secret}"
        );
    }
    // Nor the signature part of any token alone.
    let signature = admin.token.rsplit('.').next().unwrap();
    assert!(!logs.contains(signature));
}
