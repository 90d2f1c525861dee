//! The audit log: append-only, readable by admins only.

use exclusive_talent::db::entities::audit_entry;
use exclusive_talent::db::queries::audit_log::{self, Action};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn entries_cannot_be_rewritten_or_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let entity = uuid::Uuid::now_v7();
    let before = json!({"amountMinor": 100});
    audit_log::record(
        &app.db,
        admin.id,
        Action::Update,
        "invoice",
        entity,
        Some(&before),
        Some(&json!({"amountMinor": 200})),
    )
    .await
    .expect("append");
    let update = app
        .db
        .execute_unprepared("UPDATE audit_log SET action = 'forged'")
        .await;
    assert!(update.is_err(), "UPDATE must be refused");
    let delete = app.db.execute_unprepared("DELETE FROM audit_log").await;
    assert!(delete.is_err(), "DELETE must be refused");
    let rows = audit_entry::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "update");
}

#[tokio::test]
async fn admins_read_the_log_newest_first_and_no_one_else_does() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let creator = app.creator("cara").await;
    let first = uuid::Uuid::now_v7();
    let second = uuid::Uuid::now_v7();
    for id in [first, second] {
        audit_log::record(
            &app.db,
            agent.id,
            Action::Create,
            "deal",
            id,
            None,
            Some(&json!({"id": id})),
        )
        .await
        .unwrap();
    }
    let res = app
        .get("/api/admin/audit-log?entityType=deal", &admin.token)
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let items = res.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["entityId"], second.to_string());
    assert_eq!(items[0]["actorEmail"], agent.email.to_lowercase());
    assert_eq!(items[0]["before"], serde_json::Value::Null);

    let filtered = app
        .get(
            &format!("/api/admin/audit-log?entityId={first}"),
            &admin.token,
        )
        .await;
    assert_eq!(filtered.body["items"].as_array().unwrap().len(), 1);

    assert_eq!(
        app.get("/api/admin/audit-log", &agent.token).await.status,
        403
    );
    assert_eq!(
        app.get("/api/admin/audit-log", &creator.token).await.status,
        403
    );
    assert_eq!(
        app.get("/api/admin/audit-log?entityId=not-a-uuid", &admin.token)
            .await
            .status,
        400
    );
}
