//! Secrets never reach the logs: a run at TRACE level, captured whole, holds no password, no
//! token and no password hash. A binary of its own, since it installs the global subscriber.

#[allow(dead_code)]
#[path = "api/fake_platform.rs"]
mod fake_platform;
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
    // A social account connected through OAuth and synced with a refresh (API.md §8.3): no code,
    // token, verifier or client secret in the logs.
    let oauth_secrets = connect_and_sync_through_oauth().await;
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
    .chain(oauth_secrets.iter().map(String::as_str))
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

/// Connects a creator's YouTube through the fake platform, then syncs it with a token refresh.
/// Returns every secret the flow involved.
async fn connect_and_sync_through_oauth() -> Vec<String> {
    use exclusive_talent::db::entities::{Platform, social_account_connection as social};
    use exclusive_talent::social::sync::{When, run_pass};
    use sea_orm::EntityTrait;
    use sea_orm::sea_query::Expr;

    let fake = fake_platform::FakePlatform::start().await;
    let configured = fake.clone();
    let app = TestApp::spawn_with(move |c| configured.configure(c, Platform::Youtube)).await;
    let creator = app.creator("oauth-logs").await;
    let begun = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({"platform": "youtube"}),
        )
        .await;
    let authorize = begun.body["authorizeUrl"].as_str().unwrap().to_owned();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let approved = browser.get(&authorize).send().await.unwrap();
    let back = approved.headers()["location"].to_str().unwrap().to_owned();
    let back = reqwest::Url::parse(&back).unwrap();
    let callback = format!("{}{}?{}", app.base, back.path(), back.query().unwrap());
    let finished = browser.get(&callback).send().await.unwrap();
    assert_eq!(finished.status(), 303);
    social::Entity::update_many()
        .col_expr(
            social::Column::ExpiresAt,
            Expr::value(Some(chrono::Utc::now())),
        )
        .exec(&app.db)
        .await
        .unwrap();
    let report = run_pass(&app.state, When::Now, |_| {}).await.unwrap();
    assert_eq!((report.synced, report.refreshed), (1, 1));
    let state = back
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let mut secrets = fake.secrets();
    secrets.push(state);
    secrets
}
