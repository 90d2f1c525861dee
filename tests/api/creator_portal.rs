//! API.md §6 insights, wellness and notifications.

use exclusive_talent::db::entities::{creator_insight, notification};
use exclusive_talent::db::queries::now;
use sea_orm::{EntityTrait, Set};
use serde_json::json;

use crate::fixtures::{self, days, ids, in_days};
use crate::helpers::TestApp;

#[tokio::test]
async fn insights_hide_expired_ones_and_sort_by_priority_then_newest() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let low_old = fixtures::insight(&app, talent, |i| i.created_at = Set(now() - days(2))).await;
    let low_new = fixtures::insight(&app, talent, |i| i.expires_at = Set(Some(in_days(1)))).await;
    let high = fixtures::insight(&app, talent, |i| {
        i.priority = Set(5);
        i.is_read = Set(true);
        i.created_at = Set(now() - days(9));
    })
    .await;
    let expired = fixtures::insight(&app, talent, |i| {
        i.priority = Set(9);
        i.expires_at = Set(Some(now() - days(1)));
    })
    .await;

    let list = app.get("/api/creator/insights", &alice.token).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let expected: Vec<String> = [&high, &low_new, &low_old]
        .iter()
        .map(|i| i.id.to_string())
        .collect();
    assert_eq!(ids(&list.body), expected);
    let unread = app
        .get("/api/creator/insights?unread=true", &alice.token)
        .await;
    let expected: Vec<String> = [&low_new, &low_old]
        .iter()
        .map(|i| i.id.to_string())
        .collect();
    assert_eq!(ids(&unread.body), expected);

    let read = app
        .patch(
            &format!("/api/creator/insights/{}/mark-read", low_old.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.body["isRead"], true);
    let gone = app
        .patch(
            &format!("/api/creator/insights/{}/mark-read", expired.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn another_creators_insight_is_404_and_unchanged() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let insight = fixtures::insight(&app, bob.talent_id.unwrap(), |_| {}).await;
    let res = app
        .patch(
            &format!("/api/creator/insights/{}/mark-read", insight.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 404);
    let stored = creator_insight::Entity::find_by_id(insight.id)
        .one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, Some(insight));
}

#[tokio::test]
async fn wellness_checkins_are_validated_and_listed_newest_first_within_days() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let first = app
        .post(
            "/api/creator/wellness-checkin",
            &alice.token,
            json!({"energyLevel": 4, "workload": "busy"}),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert_eq!(first.body["energyLevel"], 4);
    let second = app
        .post(
            "/api/creator/wellness-checkin",
            &alice.token,
            json!({"energyLevel": 2, "workload": "overwhelming", "notes": "long week"}),
        )
        .await;
    assert_eq!(second.status, 201);
    app.post(
        "/api/creator/wellness-checkin",
        &bob.token,
        json!({"energyLevel": 5, "workload": "light"}),
    )
    .await;

    let bad = app
        .post(
            "/api/creator/wellness-checkin",
            &alice.token,
            json!({"energyLevel": 6, "workload": "busy", "notes": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["energyLevel", "notes"]);
    let bad = app
        .post(
            "/api/creator/wellness-checkin",
            &alice.token,
            json!({"energyLevel": 3, "workload": "chill"}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["workload"]);

    let history = app.get("/api/creator/wellness-history", &alice.token).await;
    assert_eq!(history.status, 200);
    assert_eq!(
        ids(&history.body),
        [
            second.body["id"].as_str().unwrap(),
            first.body["id"].as_str().unwrap()
        ]
    );
    assert_eq!(
        app.get("/api/creator/wellness-history?days=1", &alice.token)
            .await
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        app.get("/api/creator/wellness-history?days=0", &alice.token)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn notifications_are_the_creators_own_newest_first() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let older = fixtures::notification(&app, alice.id, "Invited to a shoot").await;
    let newer = fixtures::notification(&app, alice.id, "New task").await;
    let bobs = fixtures::notification(&app, bob.id, "Bob's").await;

    let list = app.get("/api/creator/notifications", &alice.token).await;
    assert_eq!(list.status, 200);
    assert_eq!(
        ids(&list.body),
        [newer.id.to_string(), older.id.to_string()]
    );
    assert_eq!(list.body["items"][0]["type"], "event_invited");

    let read = app
        .patch(
            &format!("/api/creator/notifications/{}/read", older.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(read.status, 200);
    assert!(read.body["readAt"].is_string());

    let other = app
        .patch(
            &format!("/api/creator/notifications/{}/read", bobs.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(other.status, 404);
    let stored = notification::Entity::find_by_id(bobs.id)
        .one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, Some(bobs));
}
