//! API.md §6 tasks: creator-visible types only (internal ones 404), open first by due date,
//! completing is idempotent, cancelled is 409, the creator of the task is notified.

use exclusive_talent::db::entities::{TaskStatus, TaskType, creator_task, notification};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::fixtures::{self, ids, in_days};
use crate::helpers::TestApp;

async fn stored(app: &TestApp, id: uuid::Uuid) -> creator_task::Model {
    creator_task::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("task")
}

#[tokio::test]
async fn the_list_holds_visible_types_open_first_by_due_date() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let brand = fixtures::brand(&app, "Acme").await;
    let deal = fixtures::deal(&app, talent, brand.id, |d| {
        d.name = Set("Acme launch".into())
    })
    .await;
    let done = fixtures::task(&app, talent, None, |t| {
        t.status = Set(TaskStatus::Completed);
        t.due_at = Set(Some(in_days(-5)));
    })
    .await;
    let undated = fixtures::task(&app, talent, None, |_| {}).await;
    let later = fixtures::task(&app, talent, None, |t| t.due_at = Set(Some(in_days(5)))).await;
    let sooner = fixtures::task(&app, talent, None, |t| {
        t.due_at = Set(Some(in_days(1)));
        t.status = Set(TaskStatus::InProgress);
        t.linked_deal_id = Set(Some(deal.id));
    })
    .await;
    for internal in [TaskType::Admin, TaskType::Financial] {
        fixtures::task(&app, talent, None, |t| t.task_type = Set(internal)).await;
    }

    let list = app.get("/api/creator/tasks", &alice.token).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let expected: Vec<String> = [&sooner, &later, &undated, &done]
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(ids(&list.body), expected);
    assert_eq!(
        list.body["items"][0]["deal"],
        json!({"id": deal.id, "name": "Acme launch"})
    );
    assert_eq!(list.body["items"][1]["deal"], serde_json::Value::Null);

    let paged = app.get("/api/creator/tasks?limit=3", &alice.token).await;
    let cursor = paged.body["nextCursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/creator/tasks?limit=3&cursor={cursor}"),
            &alice.token,
        )
        .await;
    assert_eq!(ids(&rest.body), [done.id.to_string()]);

    let completed = app
        .get("/api/creator/tasks?status=completed", &alice.token)
        .await;
    assert_eq!(ids(&completed.body), [done.id.to_string()]);
}

#[tokio::test]
async fn completing_notifies_the_creator_of_the_task_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let agent = app.agent().await;
    let task = fixtures::task(&app, alice.talent_id.unwrap(), Some(agent.id), |_| {}).await;
    let path = format!("/api/creator/tasks/{}/complete", task.id);

    let res = app.patch(&path, &alice.token, json!({})).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["status"], "completed");
    assert!(res.body["completedAt"].is_string());
    let sent = notification::Entity::find()
        .filter(notification::Column::UserId.eq(agent.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].kind, "task_completed");

    let before = stored(&app, task.id).await;
    let again = app.patch(&path, &alice.token, json!({})).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body, res.body);
    assert_eq!(stored(&app, task.id).await, before);
    let sent = notification::Entity::find()
        .filter(notification::Column::UserId.eq(agent.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(sent.len(), 1);
}

#[tokio::test]
async fn a_cancelled_task_cannot_be_completed() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let task = fixtures::task(&app, alice.talent_id.unwrap(), None, |t| {
        t.status = Set(TaskStatus::Cancelled);
    })
    .await;
    let res = app
        .patch(
            &format!("/api/creator/tasks/{}/complete", task.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(stored(&app, task.id).await, task);
}

#[tokio::test]
async fn internal_tasks_are_invisible_and_404_by_id() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    for internal in [TaskType::Admin, TaskType::Financial] {
        let task = fixtures::task(&app, alice.talent_id.unwrap(), None, |t| {
            t.task_type = Set(internal)
        })
        .await;
        let res = app
            .patch(
                &format!("/api/creator/tasks/{}/complete", task.id),
                &alice.token,
                json!({}),
            )
            .await;
        assert_eq!(res.status, 404);
        assert_eq!(stored(&app, task.id).await, task);
    }
    assert!(ids(&app.get("/api/creator/tasks", &alice.token).await.body).is_empty());
}

#[tokio::test]
async fn another_creators_task_is_404_and_unchanged() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let task = fixtures::task(&app, bob.talent_id.unwrap(), None, |_| {}).await;
    let res = app
        .patch(
            &format!("/api/creator/tasks/{}/complete", task.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(stored(&app, task.id).await, task);
    assert!(ids(&app.get("/api/creator/tasks", &alice.token).await.body).is_empty());
}
