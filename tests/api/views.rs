//! API.md §6: each creator view has exactly the contract's fields.

use std::collections::BTreeSet;

use exclusive_talent::db::entities::{InvoiceStatus, PayoutStatus};
use sea_orm::Set;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, TestUser};

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

fn set(fields: &[&str]) -> BTreeSet<String> {
    fields.iter().map(|f| (*f).to_owned()).collect()
}

const MONEY: &[&str] = &["amount", "currency", "display"];

async fn first_item(app: &TestApp, user: &TestUser, path: &str) -> Value {
    let res = app.get(path, &user.token).await;
    assert_eq!(res.status, 200, "{path}: {}", res.text);
    assert_eq!(keys(&res.body), set(&["items", "nextCursor"]));
    res.body["items"][0].clone()
}

#[tokio::test]
async fn goal_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let res = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "content", "title": "x"}),
        )
        .await;
    let expected = set(&[
        "id",
        "goalType",
        "title",
        "targetValue",
        "timeframe",
        "progress",
        "active",
        "createdAt",
        "updatedAt",
    ]);
    assert_eq!(keys(&res.body), expected);
    assert_eq!(
        keys(&first_item(&app, &alice, "/api/creator/goals").await),
        expected
    );
}

#[tokio::test]
async fn event_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let agent = app.agent().await;
    fixtures::event(&app, alice.talent_id.unwrap(), Some(agent.id), |_| {}).await;
    let item = first_item(&app, &alice, "/api/creator/events").await;
    assert_eq!(
        keys(&item),
        set(&[
            "id",
            "eventName",
            "eventType",
            "description",
            "location",
            "startAt",
            "endAt",
            "status",
            "creatorNotes",
            "declineReason",
            "createdAt"
        ])
    );
}

#[tokio::test]
async fn task_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let brand = fixtures::brand(&app, "Acme").await;
    let deal = fixtures::deal(&app, talent, brand.id, |_| {}).await;
    fixtures::task(&app, talent, None, |t| {
        t.linked_deal_id = Set(Some(deal.id))
    })
    .await;
    let item = first_item(&app, &alice, "/api/creator/tasks").await;
    assert_eq!(
        keys(&item),
        set(&[
            "id",
            "title",
            "description",
            "taskType",
            "dueAt",
            "completedAt",
            "priority",
            "status",
            "deal"
        ])
    );
    assert_eq!(keys(&item["deal"]), set(&["id", "name"]));
}

#[tokio::test]
async fn deal_view_and_money() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let brand = fixtures::brand(&app, "Acme").await;
    fixtures::deal(&app, alice.talent_id.unwrap(), brand.id, |_| {}).await;
    let item = first_item(&app, &alice, "/api/creator/deals").await;
    assert_eq!(
        keys(&item),
        set(&["id", "name", "brand", "stage", "value", "nextAction"])
    );
    assert_eq!(keys(&item["brand"]), set(&["id", "name"]));
    assert_eq!(keys(&item["value"]), set(MONEY));
}

#[tokio::test]
async fn revenue_summary_view_and_range() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let brand = fixtures::brand(&app, "Acme").await;
    let deal = fixtures::deal(&app, talent, brand.id, |_| {}).await;
    fixtures::invoice(&app, deal.id, 100_000, InvoiceStatus::Paid, |_| {}).await;
    fixtures::payout(&app, talent, 100_000, PayoutStatus::Paid, |_| {}).await;
    let res = app.get("/api/creator/revenue-summary", &alice.token).await;
    assert_eq!(keys(&res.body), set(&["currencies"]));
    let entry = &res.body["currencies"][0];
    assert_eq!(
        keys(entry),
        set(&[
            "currency",
            "totalEarned",
            "earnedThisYear",
            "outstanding",
            "paidOut",
            "pendingPayouts",
            "pipeline",
            "trend",
            "quarters"
        ])
    );
    for money in [
        "totalEarned",
        "earnedThisYear",
        "outstanding",
        "paidOut",
        "pendingPayouts",
    ] {
        assert_eq!(keys(&entry[money]), set(MONEY), "{money}");
    }
    assert_eq!(
        keys(&entry["pipeline"]),
        set(&["low", "high", "currency", "display"])
    );
    assert_eq!(keys(&entry["trend"]), set(&["direction", "changePercent"]));
    assert_eq!(keys(&entry["quarters"][0]), set(&["quarter", "earned"]));
    assert_eq!(keys(&entry["quarters"][0]["earned"]), set(MONEY));
}

#[tokio::test]
async fn social_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let res = app
        .post(
            "/api/creator/socials/connect",
            &alice.token,
            json!({"platform": "x", "handle": "a", "accessToken": "t"}),
        )
        .await;
    let expected = set(&[
        "id",
        "platform",
        "handle",
        "connected",
        "needsReconnect",
        "lastSyncedAt",
        "stats",
    ]);
    assert_eq!(keys(&res.body), expected);
    let list = app.get("/api/creator/socials", &alice.token).await;
    assert_eq!(keys(&list.body), set(&["items"]));
    assert_eq!(keys(&list.body["items"][0]), expected);
}

#[tokio::test]
async fn insight_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    fixtures::insight(&app, alice.talent_id.unwrap(), |i| {
        i.metadata = Set(Some(json!({"a": 1})))
    })
    .await;
    let item = first_item(&app, &alice, "/api/creator/insights").await;
    assert_eq!(
        keys(&item),
        set(&[
            "id",
            "insightType",
            "title",
            "summary",
            "context",
            "priority",
            "isRead",
            "createdAt",
            "expiresAt"
        ])
    );
}

#[tokio::test]
async fn wellness_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let res = app
        .post(
            "/api/creator/wellness-checkin",
            &alice.token,
            json!({"energyLevel": 3, "workload": "busy"}),
        )
        .await;
    let expected = set(&["id", "energyLevel", "workload", "notes", "createdAt"]);
    assert_eq!(keys(&res.body), expected);
    assert_eq!(
        keys(&first_item(&app, &alice, "/api/creator/wellness-history").await),
        expected
    );
}

#[tokio::test]
async fn notification_view() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    fixtures::notification(&app, alice.id, "Hello").await;
    let item = first_item(&app, &alice, "/api/creator/notifications").await;
    assert_eq!(
        keys(&item),
        set(&["id", "type", "title", "body", "readAt", "createdAt"])
    );
}
