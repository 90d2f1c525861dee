//! API.md §8.4, safe retries: `Idempotency-Key` on every POST under /api but login.

use futures::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{DEAD_REDIS_URL, Resp, TestApp, TestUser, test_redis_url};

async fn post_with_key(app: &TestApp, user: &TestUser, path: &str, key: &str, body: &str) -> Resp {
    let response = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(&user.token)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(body.to_owned())
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        text,
        body,
    }
}

async fn goal_count(app: &TestApp, user: &TestUser) -> usize {
    app.get("/api/creator/goals?active=all", &user.token)
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_replay_returns_the_first_answer_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let creator = app.creator("retry").await;
    let first = post_with_key(
        &app,
        &creator,
        "/api/creator/goals",
        "key-1",
        r#"{"goalType": "content", "title": "Once"}"#,
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert!(first.header("idempotent-replayed").is_none());
    // The same document, keys in another order and other spacing.
    let again = post_with_key(
        &app,
        &creator,
        "/api/creator/goals",
        "key-1",
        r#"{ "title":"Once","goalType":"content" }"#,
    )
    .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(again.content_type(), first.content_type());
    assert_eq!(goal_count(&app, &creator).await, 1);

    // A refused request is kept too (4xx), and replayed as refused.
    let bad = post_with_key(
        &app,
        &creator,
        "/api/creator/goals",
        "key-2",
        r#"{"goalType": "content", "title": ""}"#,
    )
    .await;
    assert_eq!(bad.status, 422);
    let bad_again = post_with_key(
        &app,
        &creator,
        "/api/creator/goals",
        "key-2",
        r#"{"goalType": "content", "title": ""}"#,
    )
    .await;
    assert_eq!(
        (bad_again.status, bad_again.header("idempotent-replayed")),
        (422, Some("true"))
    );
}

#[tokio::test]
async fn the_same_key_with_another_body_is_422_and_keys_are_per_user_and_path() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mixed").await;
    let other = app.creator("other").await;
    let path = "/api/creator/goals";
    assert_eq!(
        post_with_key(
            &app,
            &creator,
            path,
            "k",
            r#"{"goalType": "content", "title": "A"}"#
        )
        .await
        .status,
        201
    );
    let different = post_with_key(
        &app,
        &creator,
        path,
        "k",
        r#"{"goalType": "content", "title": "B"}"#,
    )
    .await;
    assert_eq!(different.status, 422);
    assert_eq!(different.error_fields(), ["Idempotency-Key"]);
    // Another user with the same key has a key of their own.
    let theirs = post_with_key(
        &app,
        &other,
        path,
        "k",
        r#"{"goalType": "content", "title": "A"}"#,
    )
    .await;
    assert_eq!(
        (theirs.status, theirs.header("idempotent-replayed")),
        (201, None)
    );
    // Another path too.
    let checkin = post_with_key(
        &app,
        &creator,
        "/api/creator/wellness-checkin",
        "k",
        r#"{"energyLevel": 3, "workload": "light"}"#,
    )
    .await;
    assert_eq!(checkin.status, 201);
    assert_eq!(goal_count(&app, &creator).await, 1);
    assert_eq!(goal_count(&app, &other).await, 1);
}

#[tokio::test]
async fn concurrent_requests_with_one_key_create_one_record() {
    let app = TestApp::spawn().await;
    let creator = app.creator("racer").await;
    let statuses: Vec<u16> = futures::stream::iter(0..8)
        .map(|_| async {
            post_with_key(
                &app,
                &creator,
                "/api/creator/goals",
                "race",
                r#"{"goalType": "content", "title": "Race"}"#,
            )
            .await
            .status
        })
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert!(statuses.contains(&201));
    assert_eq!(goal_count(&app, &creator).await, 1, "{statuses:?}");
}

#[tokio::test]
async fn a_replayed_answer_notifies_no_one_twice() {
    let app = TestApp::spawn().await;
    let creator = app.creator("answer").await;
    let agent = app.agent().await;
    let event = fixtures::event(&app, creator.talent_id.unwrap(), Some(agent.id), |_| {}).await;
    let path = format!("/api/creator/events/{}/accept", event.id);
    for _ in 0..3 {
        let res = post_with_key(&app, &creator, &path, "accept-once", r#"{"notes": "Yes"}"#).await;
        assert_eq!(res.status, 200);
    }
    let notifications = app.get("/api/admin/notifications", &agent.token).await;
    assert_eq!(notifications.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_keys_are_400_and_other_methods_and_login_ignore_the_header() {
    let app = TestApp::spawn().await;
    let creator = app.creator("keys").await;
    for key in ["", &"k".repeat(256)] {
        let res = post_with_key(
            &app,
            &creator,
            "/api/creator/goals",
            key,
            r#"{"goalType": "content", "title": "A"}"#,
        )
        .await;
        assert_eq!(res.status, 400, "{key:?}");
        assert_eq!(res.content_type(), "application/problem+json");
    }
    assert_eq!(goal_count(&app, &creator).await, 0);
    // PATCH: the header means nothing; both changes apply.
    let goal = app
        .post(
            "/api/creator/goals",
            &creator.token,
            json!({"goalType": "content", "title": "G"}),
        )
        .await;
    let goal_path = format!("/api/creator/goals/{}", goal.body["id"].as_str().unwrap());
    for progress in [0.25, 0.5] {
        let res = app
            .client
            .request(Method::PATCH, format!("{}{goal_path}", app.base))
            .bearer_auth(&creator.token)
            .header("idempotency-key", "same")
            .json(&json!({"progress": progress}))
            .send()
            .await
            .unwrap();
        assert!(res.headers().get("idempotent-replayed").is_none());
    }
    let goals = app.get("/api/creator/goals", &creator.token).await;
    assert_eq!(goals.body["items"][0]["progress"], json!(0.5));
    // Login with a key signs in each time (a new token each time).
    let login = |n: u8| {
        let app = &app;
        let email = creator.email.clone();
        async move {
            let res = app
                .client
                .post(format!("{}/api/auth/login", app.base))
                .header("idempotency-key", "login")
                .json(&json!({"email": email, "password": crate::helpers::PASSWORD}))
                .send()
                .await
                .unwrap();
            (
                n,
                res.headers().get("idempotent-replayed").is_none(),
                res.status().as_u16(),
            )
        }
    };
    assert_eq!(login(1).await, (1, true, 200));
    assert_eq!(login(2).await, (2, true, 200));
}

#[tokio::test]
async fn the_idempotency_key_is_documented_on_every_post() {
    let app = TestApp::spawn().await;
    let doc = app
        .request(Method::GET, "/api/openapi.json", None, None)
        .await
        .body;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(post) = item.get("post") else {
            continue;
        };
        let documented = post["parameters"].as_array().is_some_and(|ps| {
            ps.iter()
                .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header")
        });
        assert_eq!(documented, path != "/api/auth/login", "{path}");
    }
}

async fn keys_in_the_database(app: &TestApp) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    exclusive_talent::db::entities::idempotency_key::Entity::find()
        .count(&app.db)
        .await
        .expect("count keys")
}

#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn with_redis_the_keys_live_there_and_any_instance_replays() {
    let redis = test_redis_url();
    let first = TestApp::spawn_with(|c| c.redis_url = Some(redis.clone())).await;
    let second = first.sibling(|c| c.redis_url = Some(redis.clone())).await;
    let creator = first.creator("shared").await;
    let body = r#"{"goalType": "content", "title": "Once"}"#;
    let statuses: Vec<u16> = futures::stream::iter(0..8)
        .map(|n| {
            let app = if n % 2 == 0 { &first } else { &second };
            let creator = &creator;
            async move {
                post_with_key(app, creator, "/api/creator/goals", "shared-key", body)
                    .await
                    .status
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    let replayed = post_with_key(&second, &creator, "/api/creator/goals", "shared-key", body).await;
    assert_eq!(replayed.status, 201, "{}", replayed.text);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    let other = post_with_key(
        &first,
        &creator,
        "/api/creator/goals",
        "shared-key",
        r#"{"goalType": "content", "title": "Another"}"#,
    )
    .await;
    assert_eq!(other.status, 422, "{}", other.text);
    assert_eq!(goal_count(&first, &creator).await, 1);
    assert_eq!(keys_in_the_database(&first).await, 0, "kept in Redis");
}

#[tokio::test]
async fn with_redis_down_the_keys_are_kept_in_the_database() {
    let app = TestApp::spawn_with(|c| c.redis_url = Some(DEAD_REDIS_URL.to_owned())).await;
    let creator = app.creator("fallback").await;
    let body = r#"{"goalType": "content", "title": "Once"}"#;
    let first = post_with_key(&app, &creator, "/api/creator/goals", "k", body).await;
    assert_eq!(first.status, 201, "{}", first.text);
    let again = post_with_key(&app, &creator, "/api/creator/goals", "k", body).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(goal_count(&app, &creator).await, 1);
    assert_eq!(keys_in_the_database(&app).await, 1);
}
