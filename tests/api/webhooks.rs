//! API.md §8.4, webhooks: subscriptions, events stored with their changes, signed deliveries,
//! retries that survive a restart, order per subscription, and no private targets.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use exclusive_talent::db::entities::{InvoiceStatus, PayoutStatus, webhook_event};
use hmac::{Hmac, KeyInit, Mac};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::fixtures;
use crate::helpers::{TestApp, TestUser, id_of};

/// One POST the receiver got.
#[derive(Debug, Clone)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: Vec<u8>,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A webhook receiver on 127.0.0.1: it records every POST and answers with the statuses it is
/// given, in turn, then 200.
#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    async fn start(answers: &[u16]) -> (Self, String) {
        let receiver = Self::default();
        receiver
            .answers
            .lock()
            .expect("answers")
            .extend(answers.iter().copied());
        let router = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, router).await });
        (receiver, url)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("received").clone()
    }

    /// Waits until `count` POSTs have come, for at most `within`.
    async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let received = self.received();
            if received.len() >= count || tokio::time::Instant::now() >= deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    receiver.received.lock().expect("received").push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: body.to_vec(),
    });
    let answer = receiver.answers.lock().expect("answers").pop_front();
    StatusCode::from_u16(answer.unwrap_or(200)).unwrap_or(StatusCode::OK)
}

/// The signature Standard Webhooks expects, computed here from the specification (not by the
/// service's code).
fn expected_signature(secret: &str, received: &Received) -> String {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"))
        .expect("base64");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("a key");
    mac.update(format!("{}.{}.", received.id, received.timestamp).as_bytes());
    mac.update(&received.body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

async fn app_allowing_private_targets() -> TestApp {
    TestApp::spawn_with(|config| config.webhooks_allow_private_targets = true).await
}

/// Subscribes `url` to `events`; returns (id, secret).
async fn subscribe(
    app: &TestApp,
    admin: &TestUser,
    url: &str,
    events: &[&str],
) -> (String, String) {
    let res = app
        .post(
            "/api/admin/webhooks",
            &admin.token,
            json!({"url": url, "events": events}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let secret = res.body["secret"].as_str().expect("secret").to_owned();
    (id_of(&res.body), secret)
}

async fn deliveries(app: &TestApp, admin: &TestUser, subscription: &str) -> Vec<Value> {
    app.walk(
        &format!("/api/admin/webhooks/{subscription}/deliveries"),
        &admin.token,
        50,
    )
    .await
}

async fn create_goal(app: &TestApp, creator: &TestUser, title: &str) -> Value {
    app.created(
        "/api/creator/goals",
        &creator.token,
        json!({"goalType": "revenue", "title": title, "targetValue": 100}),
    )
    .await
}

async fn stored_events(app: &TestApp) -> Vec<String> {
    let mut rows = webhook_event::Entity::find()
        .all(&app.db)
        .await
        .expect("events");
    rows.sort_by_key(|row| row.id);
    rows.into_iter().map(|row| row.event_type).collect()
}

#[tokio::test]
async fn a_subscription_gets_each_event_signed_with_its_secret() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[]).await;
    let (subscription, secret) = subscribe(&app, &admin, &url, &["goal.created"]).await;
    let bytes = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ prefix"))
        .expect("padded base64");
    assert_eq!(bytes.len(), 32);

    let goal = create_goal(&app, &creator, "Reach 100k").await;
    let received = receiver.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1, "delivered within 5 s of the commit");
    let delivery = &received[0];
    assert_eq!(delivery.signature, expected_signature(&secret, delivery));
    let timestamp: i64 = delivery.timestamp.parse().expect("seconds");
    assert!((chrono::Utc::now().timestamp() - timestamp).abs() < 60);
    let body = delivery.json();
    assert_eq!(body["type"], "goal.created");
    assert_eq!(body["id"].as_str(), Some(delivery.id.as_str()));
    assert!(body["createdAt"].is_string());
    assert_eq!(body["data"]["id"], goal["id"]);
    assert_eq!(body["data"]["title"], "Reach 100k");

    // The log: one row per attempt.
    let mut log = deliveries(&app, &admin, &subscription).await;
    for _ in 0..20 {
        if !log.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        log = deliveries(&app, &admin, &subscription).await;
    }
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["eventId"].as_str(), Some(delivery.id.as_str()));
    assert_eq!(log[0]["type"], "goal.created");
    assert_eq!(log[0]["attempt"], 1);
    assert_eq!(log[0]["status"], "succeeded");
    assert_eq!(log[0]["responseStatus"], 200);

    // The secret is shown once.
    let shown = app
        .get(&format!("/api/admin/webhooks/{subscription}"), &admin.token)
        .await;
    assert_eq!(shown.status, 200);
    assert!(shown.body.get("secret").is_none());
    assert!(!shown.text.contains(&secret));
}

#[tokio::test]
async fn a_failed_delivery_is_retried_after_5_s_with_the_same_id() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[500]).await;
    let (subscription, secret) = subscribe(&app, &admin, &url, &["goal.created"]).await;

    create_goal(&app, &creator, "Reach 100k").await;
    let first = receiver.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(first.len(), 1);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(receiver.received().len(), 1, "the retry waits 5 s");
    let both = receiver.wait_for(2, Duration::from_secs(8)).await;
    assert_eq!(both.len(), 2, "retried");
    assert_eq!(
        both[0].id, both[1].id,
        "webhook-id is the event's, on every attempt"
    );
    assert_eq!(both[0].body, both[1].body);
    assert_eq!(both[1].signature, expected_signature(&secret, &both[1]));

    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = deliveries(&app, &admin, &subscription).await;
    let summary: Vec<(i64, String, Value)> = log
        .iter()
        .map(|d| {
            (
                d["attempt"].as_i64().expect("attempt"),
                d["status"].as_str().expect("status").to_owned(),
                d["responseStatus"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, "succeeded".to_owned(), json!(200)),
            (1, "failed".to_owned(), json!(500)),
        ],
        "newest first, one row per attempt"
    );
}

#[tokio::test]
async fn a_restart_between_attempts_loses_nothing() {
    let mut app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[503]).await;
    subscribe(&app, &admin, &url, &["goal.created"]).await;
    create_goal(&app, &creator, "Reach 100k").await;
    assert_eq!(receiver.wait_for(1, Duration::from_secs(5)).await.len(), 1);

    // The instance stops; another starts on the same database and makes the retry.
    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let restarted = app
        .sibling(|config| config.webhooks_allow_private_targets = true)
        .await;
    let both = receiver.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(both.len(), 2, "the retry came from the restarted instance");
    assert_eq!(both[0].id, both[1].id);
    drop(restarted);
}

#[tokio::test]
async fn one_subscription_waits_for_its_earlier_event_and_another_does_not() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (failing, failing_url) = Receiver::start(&[500]).await;
    let (healthy, healthy_url) = Receiver::start(&[]).await;
    subscribe(&app, &admin, &failing_url, &["goal.created"]).await;
    subscribe(&app, &admin, &healthy_url, &["goal.created"]).await;

    for title in ["first", "second", "third"] {
        create_goal(&app, &creator, title).await;
    }
    let titles = |received: &[Received]| -> Vec<String> {
        received
            .iter()
            .map(|r| {
                r.json()["data"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let at_healthy = healthy.wait_for(3, Duration::from_secs(5)).await;
    assert_eq!(titles(&at_healthy), ["first", "second", "third"]);
    // The two queues run independently: the failing one's first attempt may come after the
    // healthy one's three. Once it has failed, nothing else comes before its retry (at 5 s).
    assert_eq!(failing.wait_for(1, Duration::from_secs(5)).await.len(), 1);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        titles(&failing.received()),
        ["first"],
        "the later events wait for the failed one"
    );
    let at_failing = failing.wait_for(4, Duration::from_secs(10)).await;
    assert_eq!(titles(&at_failing), ["first", "first", "second", "third"]);
}

#[tokio::test]
async fn private_targets_are_refused_unless_allowed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for url in [
        "http://127.0.0.1:9/hook",
        "http://localhost/hook",
        "http://10.0.0.8/hook",
        "http://192.168.1.20/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ] {
        let res = app
            .post(
                "/api/admin/webhooks",
                &admin.token,
                json!({"url": url, "events": ["invoice.paid"]}),
            )
            .await;
        assert_eq!(res.status, 422, "{url}: {}", res.text);
        assert_eq!(res.error_fields(), ["url"], "{url}");
    }

    // PATCH checks the same way.
    let allowed = app_allowing_private_targets().await;
    let admin = allowed.admin().await;
    let (id, _) = subscribe(
        &allowed,
        &admin,
        "http://127.0.0.1:9/hook",
        &["invoice.paid"],
    )
    .await;
    let strict = allowed.sibling(|_| {}).await;
    let res = strict
        .patch(
            &format!("/api/admin/webhooks/{id}"),
            &admin.token,
            json!({"url": "http://10.1.2.3/hook"}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(res.error_fields(), ["url"]);
}

#[tokio::test]
async fn subscriptions_are_managed_by_admins_only() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let creator = app.creator("ada").await;
    let body = json!({"url": "http://127.0.0.1:9/hook", "events": ["invoice.paid"]});
    for user in [&agent, &creator] {
        let res = app
            .post("/api/admin/webhooks", &user.token, body.clone())
            .await;
        assert_eq!(res.status, 403, "{}", res.text);
        assert_eq!(
            app.get("/api/admin/webhooks", &user.token).await.status,
            403
        );
    }

    let unknown = app
        .post(
            "/api/admin/webhooks",
            &admin.token,
            json!({"url": "http://127.0.0.1:9/hook", "events": ["invoice.sent"]}),
        )
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.text);
    assert_eq!(unknown.error_fields(), ["events[0]"]);
    let extra = app
        .post(
            "/api/admin/webhooks",
            &admin.token,
            json!({"url": "http://127.0.0.1:9/hook", "events": ["invoice.paid"], "secret": "x"}),
        )
        .await;
    assert_eq!(extra.status, 422);

    let (id, _) = subscribe(&app, &admin, "http://127.0.0.1:9/hook", &["invoice.paid"]).await;
    let listed = app.ids("/api/admin/webhooks", &admin.token).await;
    assert_eq!(listed, vec![id.clone()]);
    let patched = app
        .patch(
            &format!("/api/admin/webhooks/{id}"),
            &admin.token,
            json!({"events": ["payout.paid", "deal.stage_changed"], "active": false}),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    assert_eq!(
        patched.body["events"],
        json!(["payout.paid", "deal.stage_changed"])
    );
    assert_eq!(patched.body["active"], false);
    let deleted = app
        .delete(&format!("/api/admin/webhooks/{id}"), &admin.token)
        .await;
    assert_eq!(deleted.status, 204);
    for path in [
        format!("/api/admin/webhooks/{id}"),
        format!("/api/admin/webhooks/{id}/deliveries"),
    ] {
        assert_eq!(app.get(&path, &admin.token).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn a_deleted_subscription_gets_nothing_more() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[500]).await;
    let (id, _) = subscribe(&app, &admin, &url, &["goal.created"]).await;
    create_goal(&app, &creator, "first").await;
    assert_eq!(receiver.wait_for(1, Duration::from_secs(5)).await.len(), 1);
    let deleted = app
        .delete(&format!("/api/admin/webhooks/{id}"), &admin.token)
        .await;
    assert_eq!(deleted.status, 204);
    tokio::time::sleep(Duration::from_secs(7)).await;
    assert_eq!(receiver.received().len(), 1, "the retry was not made");
}

/// A receiver on 127.0.0.1 answering every POST with a `307` to `to`; returns its address.
async fn redirecting_to(to: &str) -> String {
    let to = to.to_owned();
    let router = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move || async move { (StatusCode::TEMPORARY_REDIRECT, [(LOCATION, to)]) },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    url
}

/// A redirect is an answer, not a new target (which could be anywhere, a private address
/// included): the attempt fails with its status, and the redirect's target gets nothing.
#[tokio::test]
async fn a_redirect_is_not_followed_and_the_attempt_fails() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (elsewhere, elsewhere_url) = Receiver::start(&[]).await;
    let url = redirecting_to(&elsewhere_url).await;
    let (subscription, _) = subscribe(&app, &admin, &url, &["goal.created"]).await;

    create_goal(&app, &creator, "Reach 100k").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let log = loop {
        let log = deliveries(&app, &admin, &subscription).await;
        if !log.is_empty() || tokio::time::Instant::now() >= deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["responseStatus"], 307);
    assert!(elsewhere.received().is_empty(), "the redirect was followed");
}

/// A receiver that takes longer than 15 s to answer has failed that attempt, with no answer
/// recorded, and the event waits for its retry.
#[tokio::test]
async fn no_answer_within_15_s_is_a_failed_attempt() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let router = axum::Router::new().route(
        "/hook",
        axum::routing::post(|| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            StatusCode::OK
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    let (subscription, _) = subscribe(&app, &admin, &url, &["goal.created"]).await;

    create_goal(&app, &creator, "Reach 100k").await;
    tokio::time::sleep(Duration::from_secs(13)).await;
    assert!(
        deliveries(&app, &admin, &subscription).await.is_empty(),
        "the attempt is still waiting for its answer at 13 s"
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(6);
    let log = loop {
        let log = deliveries(&app, &admin, &subscription).await;
        if !log.is_empty() || tokio::time::Instant::now() >= deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(log.len(), 1, "the attempt ended by 19 s: {log:?}");
    assert_eq!(log[0]["status"], "failed");
    assert_eq!(log[0]["responseStatus"], Value::Null);
}

/// Every type is emitted by its change, once; a request that changes nothing emits nothing.
#[tokio::test]
async fn each_change_emits_its_type_once_and_no_change_emits_nothing() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let talent = creator.talent_id.expect("talent");
    let all = [
        "event.accepted",
        "event.declined",
        "task.completed",
        "goal.created",
        "goal.updated",
        "goal.deleted",
        "social.connected",
        "social.disconnected",
        "invoice.paid",
        "payout.paid",
        "deal.stage_changed",
    ];
    // Nothing listens on port 9: deliveries fail, which is not under test here.
    subscribe(&app, &admin, "http://127.0.0.1:9/hook", &all).await;

    let accepted = fixtures::event(&app, talent, Some(admin.id), |_| {}).await;
    let declined = fixtures::event(&app, talent, Some(admin.id), |_| {}).await;
    let path = |id: uuid::Uuid, action: &str| format!("/api/creator/events/{id}/{action}");
    for _ in 0..2 {
        let res = app
            .post(&path(accepted.id, "accept"), &creator.token, json!({}))
            .await;
        assert_eq!(res.status, 200, "{}", res.text);
    }
    let res = app
        .post(&path(declined.id, "decline"), &creator.token, json!({}))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(
        stored_events(&app).await,
        ["event.accepted", "event.declined"]
    );

    let task = fixtures::task(&app, talent, Some(admin.id), |_| {}).await;
    for _ in 0..2 {
        let res = app
            .patch(
                &format!("/api/creator/tasks/{}/complete", task.id),
                &creator.token,
                json!({}),
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text);
    }

    let goal = create_goal(&app, &creator, "Reach 100k").await;
    let goal_path = format!("/api/creator/goals/{}", id_of(&goal));
    let same = app
        .patch(&goal_path, &creator.token, json!({"title": "Reach 100k"}))
        .await;
    assert_eq!(same.status, 200);
    let archived = app
        .patch(&goal_path, &creator.token, json!({"active": false}))
        .await;
    assert_eq!(archived.status, 200);
    assert_eq!(app.delete(&goal_path, &creator.token).await.status, 204);

    let connect = json!({"platform": "youtube", "handle": "ada"});
    assert_eq!(
        app.post("/api/creator/socials/connect", &creator.token, connect)
            .await
            .status,
        200
    );
    let disconnect = json!({"platform": "youtube"});
    for _ in 0..2 {
        let res = app
            .post(
                "/api/creator/socials/disconnect",
                &creator.token,
                disconnect.clone(),
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text);
    }

    let brand = fixtures::brand(&app, "Brand").await;
    let deal = fixtures::deal(&app, talent, brand.id, |_| {}).await;
    let deal_path = format!("/api/admin/deals/{}", deal.id);
    let same_stage = app
        .patch(&deal_path, &admin.token, json!({"stage": "contracted"}))
        .await;
    assert_eq!(same_stage.status, 200, "{}", same_stage.text);
    let moved = app
        .patch(&deal_path, &admin.token, json!({"stage": "in_progress"}))
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);

    let invoice = fixtures::invoice(&app, deal.id, 1000, InvoiceStatus::Sent, |_| {}).await;
    let invoice_path = format!("/api/admin/invoices/{}", invoice.id);
    for status in ["paid", "paid"] {
        let res = app
            .patch(&invoice_path, &admin.token, json!({"status": status}))
            .await;
        assert_eq!(res.status, 200, "{}", res.text);
    }
    let created_paid = app
        .post(
            "/api/admin/payouts",
            &admin.token,
            json!({"talentId": talent, "amountMinor": 5000, "currency": "GBP", "status": "paid"}),
        )
        .await;
    assert_eq!(created_paid.status, 201, "{}", created_paid.text);
    let pending = fixtures::payout(&app, talent, 1000, PayoutStatus::Pending, |_| {}).await;
    let res = app
        .patch(
            &format!("/api/admin/payouts/{}", pending.id),
            &admin.token,
            json!({"status": "scheduled"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);

    assert_eq!(
        stored_events(&app).await,
        [
            "event.accepted",
            "event.declined",
            "task.completed",
            "goal.created",
            "goal.updated",
            "goal.deleted",
            "social.connected",
            "social.disconnected",
            "deal.stage_changed",
            "invoice.paid",
            "payout.paid",
        ]
    );
}

#[tokio::test]
async fn the_payload_is_the_agency_view_and_never_a_token() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[]).await;
    subscribe(&app, &admin, &url, &["social.connected"]).await;
    let res = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({"platform": "tiktok", "handle": "ada", "accessToken": "secret-access-token-123",
                   "refreshToken": "secret-refresh-token-456"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let received = receiver.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    let text = String::from_utf8_lossy(&received[0].body).into_owned();
    assert!(!text.contains("secret-access-token-123"), "{text}");
    assert!(!text.contains("secret-refresh-token-456"), "{text}");
    let data = &received[0].json()["data"];
    assert_eq!(data["handle"], "ada");
    assert_eq!(data["platform"], "tiktok");
    assert_eq!(
        data["talentId"].as_str(),
        Some(creator.talent_id.expect("talent").0.to_string().as_str())
    );
}

#[tokio::test]
async fn a_replayed_request_emits_nothing_twice() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    subscribe(&app, &admin, "http://127.0.0.1:9/hook", &["goal.created"]).await;
    for _ in 0..2 {
        let res = app
            .client
            .post(format!("{}/api/creator/goals", app.base))
            .bearer_auth(&creator.token)
            .header("idempotency-key", "goal-once")
            .json(&json!({"goalType": "revenue", "title": "Once"}))
            .send()
            .await
            .expect("sent");
        assert_eq!(res.status(), 201);
    }
    assert_eq!(stored_events(&app).await, ["goal.created"]);
}

#[tokio::test]
async fn erasure_deletes_the_stored_payloads_that_name_the_creator() {
    let app = app_allowing_private_targets().await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let talent = creator.talent_id.expect("talent");
    subscribe(&app, &admin, "http://127.0.0.1:9/hook", &["goal.created"]).await;
    create_goal(&app, &creator, "Private plans").await;
    let naming = || {
        webhook_event::Entity::find()
            .filter(webhook_event::Column::TalentId.eq(talent))
            .count(&app.db)
    };
    assert_eq!(naming().await.expect("count"), 1);
    let res = app
        .post(
            &format!("/api/admin/talents/{}/erase", talent.0),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(naming().await.expect("count"), 0);
}

/// Two instances run jobs from one table: each delivery is made by one of them, once.
#[tokio::test]
async fn two_instances_deliver_each_event_once() {
    let app = app_allowing_private_targets().await;
    let sibling = app
        .sibling(|config| config.webhooks_allow_private_targets = true)
        .await;
    let admin = app.admin().await;
    let creator = app.creator("ada").await;
    let (receiver, url) = Receiver::start(&[]).await;
    subscribe(&app, &admin, &url, &["goal.created"]).await;
    for n in 0..12 {
        let via = if n % 2 == 0 { &app } else { &sibling };
        create_goal(via, &creator, &format!("goal {n}")).await;
    }
    receiver.wait_for(12, Duration::from_secs(10)).await;
    // Time for a second delivery of any event to arrive, were one made.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut ids: Vec<String> = receiver.received().into_iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 12, "every event delivered, none twice");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "twelve different events");
}
