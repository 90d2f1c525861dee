//! API.md §6 goals: list (active filter), create, update, delete; another creator's is 404.

use exclusive_talent::db::entities::creator_goal;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::fixtures::{self, ids};
use crate::helpers::TestApp;

#[tokio::test]
async fn a_creator_sets_changes_lists_and_drops_goals() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;

    let created = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "revenue", "title": "Earn more", "targetValue": 50000, "timeframe": "Q1 2027"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.body["progress"], 0.0);
    assert_eq!(created.body["active"], true);
    assert_eq!(created.body["goalType"], "revenue");
    let id = created.body["id"].as_str().unwrap().to_owned();

    let updated = app
        .patch(
            &format!("/api/creator/goals/{id}"),
            &alice.token,
            json!({"progress": 0.5, "timeframe": null, "title": "Earn much more"}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.body["progress"], 0.5);
    assert_eq!(updated.body["timeframe"], serde_json::Value::Null);
    assert_eq!(updated.body["targetValue"], 50000.0);
    assert_eq!(updated.body["title"], "Earn much more");

    let inactive = app
        .patch(
            &format!("/api/creator/goals/{id}"),
            &alice.token,
            json!({"active": false}),
        )
        .await;
    assert_eq!(inactive.body["active"], false);
    let other = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "content", "title": "Post"}),
        )
        .await;
    let other_id = other.body["id"].as_str().unwrap().to_owned();

    let default = app.get("/api/creator/goals", &alice.token).await;
    assert_eq!(ids(&default.body), [other_id]);
    let only_inactive = app
        .get("/api/creator/goals?active=false", &alice.token)
        .await;
    assert_eq!(ids(&only_inactive.body), [id.as_str()]);
    let all = app.get("/api/creator/goals?active=all", &alice.token).await;
    assert_eq!(ids(&all.body).len(), 2);
    assert_eq!(
        app.get("/api/creator/goals?active=maybe", &alice.token)
            .await
            .status,
        400
    );

    let deleted = app
        .delete(&format!("/api/creator/goals/{id}"), &alice.token)
        .await;
    assert_eq!(deleted.status, 204);
    let again = app
        .delete(&format!("/api/creator/goals/{id}"), &alice.token)
        .await;
    assert_eq!(again.status, 404);
}

#[tokio::test]
async fn goal_bodies_are_validated_and_cannot_set_the_owner() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bad = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "revenue", "title": " ", "targetValue": -1, "progress": 1.5,
                   "timeframe": "x".repeat(51)}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["progress", "targetValue", "timeframe", "title"]);

    let owner = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "revenue", "title": "x", "creatorId": alice.talent_id.unwrap().to_string()}),
        )
        .await;
    assert_eq!(owner.status, 422);
    assert_eq!(owner.error_fields(), ["creatorId"]);
    let kind = app
        .post(
            "/api/creator/goals",
            &alice.token,
            json!({"goalType": "fame", "title": "x"}),
        )
        .await;
    assert_eq!(kind.status, 422);
}

#[tokio::test]
async fn another_creators_goal_is_404_and_unchanged() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let goal = fixtures::goal(&app, bob.talent_id.unwrap(), |_| {}).await;
    let path = format!("/api/creator/goals/{}", goal.id);

    let patch = app
        .patch(&path, &alice.token, json!({"title": "Hijacked"}))
        .await;
    assert_eq!(patch.status, 404);
    assert_eq!(app.delete(&path, &alice.token).await.status, 404);
    let stored = creator_goal::Entity::find_by_id(goal.id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(stored, goal);
    assert!(
        ids(&app
            .get("/api/creator/goals?active=all", &alice.token)
            .await
            .body)
        .is_empty()
    );
}

#[tokio::test]
async fn staff_and_creators_without_a_talent_are_refused() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    assert_eq!(
        app.get("/api/creator/goals", &agent.token).await.status,
        403
    );
    assert_eq!(
        app.get("/api/creator/goals", "not-a-token").await.status,
        401
    );
}
