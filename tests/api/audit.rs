//! The audit log: append-only, readable by admins only.

use exclusive_talent::db::entities::audit_entry;
use exclusive_talent::db::queries::audit_log::{self, Action};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, id_of};

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

// ---- Staff writes through the API are recorded ----

/// The entries of one record, newest first, as an admin reads them.
async fn log_of(app: &TestApp, admin: &TestUser, entity_type: &str, id: &str) -> Vec<Value> {
    let res = app
        .get(
            &format!("/api/admin/audit-log?entityType={entity_type}&entityId={id}"),
            &admin.token,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    res.body["items"].as_array().expect("items").clone()
}

/// Asserts who did what, and the record before and after.
fn assert_entry(entry: &Value, action: &str, actor: &TestUser, before: &Value, after: &Value) {
    assert_eq!(entry["action"], action, "{entry}");
    assert_eq!(entry["actorId"], actor.id.0.to_string(), "{entry}");
    assert_eq!(entry["actorEmail"], actor.email.to_lowercase(), "{entry}");
    assert_eq!(&entry["before"], before, "{entry}");
    assert_eq!(&entry["after"], after, "{entry}");
    assert!(entry["createdAt"].is_string(), "{entry}");
}

/// PATCHes and asserts a 200, returning the record.
async fn patched(app: &TestApp, path: &str, token: &str, body: Value) -> Value {
    let res = app.patch(path, token, body).await;
    assert_eq!(res.status, 200, "PATCH {path}: {}", res.text);
    res.body
}

#[tokio::test]
async fn deal_writes_are_logged_with_actor_and_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let (talent, brand) = app.talent_and_brand(&agent.token).await;
    let created = app
        .created(
            "/api/admin/deals",
            &agent.token,
            json!({"talentId": talent, "brandId": brand, "name": "Spring campaign",
                   "stage": "lead", "valueMinor": 100000, "currency": "GBP"}),
        )
        .await;
    let id = id_of(&created);
    let path = format!("/api/admin/deals/{id}");
    let patched = patched(
        &app,
        &path,
        &admin.token,
        json!({"valueMinor": 250000, "stage": "negotiation"}),
    )
    .await;
    // Refused writes record nothing: a broken rule, a missing reference, an unknown deal.
    let res = app
        .patch(&path, &agent.token, json!({"valueMinor": -1}))
        .await;
    assert_eq!(res.status, 422);
    let res = app
        .patch(
            &path,
            &agent.token,
            json!({"brandId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(res.status, 422);
    let unknown = uuid::Uuid::now_v7();
    let res = app
        .delete(&format!("/api/admin/deals/{unknown}"), &agent.token)
        .await;
    assert_eq!(res.status, 404);
    assert!(
        log_of(&app, &admin, "deal", &unknown.to_string())
            .await
            .is_empty()
    );
    assert_eq!(app.delete(&path, &agent.token).await.status, 204);

    let log = log_of(&app, &admin, "deal", &id).await;
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_entry(&log[0], "delete", &agent, &patched, &Value::Null);
    assert_entry(&log[1], "update", &admin, &created, &patched);
    assert_eq!(log[1]["before"]["valueMinor"], 100000);
    assert_eq!(log[1]["after"]["valueMinor"], 250000);
    assert_eq!(log[1]["before"]["stage"], "lead");
    assert_eq!(log[1]["after"]["stage"], "negotiation");
    assert_entry(&log[2], "create", &agent, &Value::Null, &created);
    assert!(
        log.iter()
            .all(|e| e["entityType"] == "deal" && e["entityId"] == id)
    );
}

#[tokio::test]
async fn invoice_writes_are_logged_and_refused_deletes_record_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let created = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 250000, "currency": "GBP", "status": "sent"}),
        )
        .await;
    let id = id_of(&created);
    let path = format!("/api/admin/invoices/{id}");
    let paid = patched(&app, &path, t, json!({"status": "paid"})).await;
    // A taken number (409) and a bad body (422) change nothing and record nothing.
    app.created(
        "/api/admin/invoices",
        t,
        json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "draft",
               "invoiceNumber": "ACME-7"}),
    )
    .await;
    assert_eq!(
        app.patch(&path, t, json!({"invoiceNumber": "ACME-7"}))
            .await
            .status,
        409
    );
    assert_eq!(
        app.patch(&path, t, json!({"currency": "pounds"}))
            .await
            .status,
        422
    );
    // The deal has invoices, the invoice a payment: both deletes are refused (409).
    let payment = app
        .created(
            "/api/admin/payments",
            t,
            json!({"invoiceId": id, "amountMinor": 250000, "currency": "GBP", "method": "card"}),
        )
        .await;
    assert_eq!(app.delete(&path, t).await.status, 409);
    assert_eq!(
        app.delete(&format!("/api/admin/deals/{deal}"), t)
            .await
            .status,
        409
    );
    let deal_log = log_of(&app, &admin, "deal", &deal).await;
    assert_eq!(deal_log.len(), 1);
    assert_eq!(deal_log[0]["action"], "create");
    let log = log_of(&app, &admin, "invoice", &id).await;
    assert_eq!(log.len(), 2, "{log:#?}");

    assert_eq!(
        app.delete(&format!("/api/admin/payments/{}", id_of(&payment)), t)
            .await
            .status,
        204
    );
    assert_eq!(app.delete(&path, t).await.status, 204);
    let log = log_of(&app, &admin, "invoice", &id).await;
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_entry(&log[0], "delete", &agent, &paid, &Value::Null);
    assert_entry(&log[1], "update", &agent, &created, &paid);
    assert_eq!(log[1]["before"]["status"], "sent");
    assert_eq!(log[1]["before"]["paidAt"], Value::Null);
    assert_eq!(log[1]["after"]["status"], "paid");
    assert!(log[1]["after"]["paidAt"].is_string());
    assert_entry(&log[2], "create", &agent, &Value::Null, &created);
    assert!(
        created["invoiceNumber"]
            .as_str()
            .is_some_and(|n| n.starts_with("INV-"))
    );
}

#[tokio::test]
async fn payment_writes_are_logged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let invoice = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 5000, "currency": "GBP", "status": "sent"}),
        )
        .await;
    let created = app
        .created(
            "/api/admin/payments",
            t,
            json!({"invoiceId": id_of(&invoice), "amountMinor": 2000, "currency": "GBP",
                   "method": "bank_transfer", "reference": "first"}),
        )
        .await;
    let id = id_of(&created);
    let path = format!("/api/admin/payments/{id}");
    let res = app
        .post(
            "/api/admin/payments",
            t,
            json!({"invoiceId": uuid::Uuid::now_v7(), "amountMinor": 1, "currency": "GBP",
                   "method": "card"}),
        )
        .await;
    assert_eq!(res.status, 422);
    let updated = patched(
        &app,
        &path,
        &admin.token,
        json!({"amountMinor": 5000, "reference": null}),
    )
    .await;
    assert_eq!(
        app.patch(&path, t, json!({"method": "cheque"}))
            .await
            .status,
        422
    );
    assert_eq!(app.delete(&path, t).await.status, 204);
    assert_eq!(app.delete(&path, t).await.status, 404);

    let log = log_of(&app, &admin, "payment", &id).await;
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_entry(&log[0], "delete", &agent, &updated, &Value::Null);
    assert_entry(&log[1], "update", &admin, &created, &updated);
    assert_eq!(log[1]["before"]["amountMinor"], 2000);
    assert_eq!(log[1]["after"]["amountMinor"], 5000);
    assert_eq!(log[1]["before"]["reference"], "first");
    assert_eq!(log[1]["after"]["reference"], Value::Null);
    assert_entry(&log[2], "create", &agent, &Value::Null, &created);
    // The refused create left no entry of any payment.
    let all = app
        .get("/api/admin/audit-log?entityType=payment", &admin.token)
        .await;
    assert_eq!(all.body["items"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn payout_writes_are_logged() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let created = app
        .created(
            "/api/admin/payouts",
            t,
            json!({"talentId": talent, "dealId": deal, "amountMinor": 40000,
                   "currency": "GBP", "status": "scheduled"}),
        )
        .await;
    let id = id_of(&created);
    let path = format!("/api/admin/payouts/{id}");
    let paid = patched(
        &app,
        &path,
        t,
        json!({"status": "paid", "reference": "BACS-1"}),
    )
    .await;
    // A deal of no talent of this payout is refused (422) and records nothing.
    let res = app
        .patch(&path, t, json!({"dealId": uuid::Uuid::now_v7()}))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(app.delete(&path, &admin.token).await.status, 204);

    let log = log_of(&app, &admin, "payout", &id).await;
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_entry(&log[0], "delete", &admin, &paid, &Value::Null);
    assert_entry(&log[1], "update", &agent, &created, &paid);
    assert_eq!(log[1]["before"]["status"], "scheduled");
    assert_eq!(log[1]["after"]["status"], "paid");
    assert_eq!(log[1]["before"]["paidAt"], Value::Null);
    assert!(log[1]["after"]["paidAt"].is_string());
    assert_eq!(log[1]["after"]["reference"], "BACS-1");
    assert_entry(&log[2], "create", &agent, &Value::Null, &created);
}

#[tokio::test]
async fn user_writes_are_logged_without_any_password_or_hash() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let first_password = "first-secret-password";
    let second_password = "second-secret-password";
    let created = app
        .created(
            "/api/admin/users",
            &admin.token,
            json!({"email": "Rae@Agency.TEST", "name": "Rae", "role": "agent",
                   "password": first_password}),
        )
        .await;
    let id = id_of(&created);
    let path = format!("/api/admin/users/{id}");
    let renamed = patched(
        &app,
        &path,
        &admin.token,
        json!({"password": second_password, "name": "Rae Lee"}),
    )
    .await;
    assert_eq!(
        app.login("rae@agency.test", second_password).await.status,
        200
    );
    let deactivated = patched(&app, &path, &admin.token, json!({"active": false})).await;
    // Refused: a short password (422), a taken email (409), an admin deactivating themselves
    // (409). None is recorded.
    assert_eq!(
        app.patch(&path, &admin.token, json!({"password": "short"}))
            .await
            .status,
        422
    );
    let res = app
        .post(
            "/api/admin/users",
            &admin.token,
            json!({"email": "rae@agency.test", "name": "Again", "role": "agent",
                   "password": first_password}),
        )
        .await;
    assert_eq!(res.status, 409);
    let me = format!("/api/admin/users/{}", admin.id.0);
    assert_eq!(
        app.patch(&me, &admin.token, json!({"active": false}))
            .await
            .status,
        409
    );
    assert!(
        log_of(&app, &admin, "user", &admin.id.0.to_string())
            .await
            .is_empty()
    );

    let log = log_of(&app, &admin, "user", &id).await;
    assert_eq!(log.len(), 3, "{log:#?}");
    assert_entry(&log[0], "update", &admin, &renamed, &deactivated);
    assert_eq!(log[0]["before"]["active"], true);
    assert_eq!(log[0]["after"]["active"], false);
    // The password change is an update whose before and after show no password.
    assert_entry(&log[1], "update", &admin, &created, &renamed);
    assert_eq!(log[1]["before"]["name"], "Rae");
    assert_eq!(log[1]["after"]["name"], "Rae Lee");
    assert_entry(&log[2], "create", &admin, &Value::Null, &created);
    for entry in &log {
        for side in ["before", "after"] {
            if let Some(view) = entry[side].as_object() {
                assert!(
                    view.keys().all(|k| !k.to_lowercase().contains("password")),
                    "{entry}"
                );
            }
        }
    }
    // Nowhere in the whole log, in any form.
    let all = app.get("/api/admin/audit-log", &admin.token).await;
    assert_eq!(all.status, 200);
    assert_eq!(all.body["items"].as_array().map(Vec::len), Some(3));
    for secret in [first_password, second_password, "$argon2", "password"] {
        assert!(!all.text.contains(secret), "{secret} in {}", all.text);
    }
}

/// Makes every audit insert fail, as a broken log would.
async fn refuse_audit_inserts(app: &TestApp) {
    let statements: &[&str] = match app.db.get_database_backend() {
        DbBackend::Postgres => &[
            "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$",
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
        ],
        _ => &["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log \
                BEGIN SELECT RAISE(ABORT, 'audit refused'); END"],
    };
    for sql in statements {
        app.db.execute_unprepared(sql).await.expect("trigger");
    }
}

#[tokio::test]
async fn a_write_whose_entry_fails_is_rolled_back() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let agent = app.agent().await;
    let t = &agent.token;
    let (talent, brand) = app.talent_and_brand(t).await;
    let deal = app.deal(t, &talent, &brand).await;
    let invoice = app
        .created(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 5000, "currency": "GBP", "status": "sent"}),
        )
        .await;
    let payout = app
        .created(
            "/api/admin/payouts",
            t,
            json!({"talentId": talent, "amountMinor": 1, "currency": "GBP", "status": "pending"}),
        )
        .await;
    refuse_audit_inserts(&app).await;

    let deal_path = format!("/api/admin/deals/{deal}");
    let before = app.get(&deal_path, t).await.body;
    assert_eq!(
        app.patch(&deal_path, t, json!({"name": "Renamed"}))
            .await
            .status,
        500
    );
    assert_eq!(app.get(&deal_path, t).await.body, before);

    let invoices_before = app.ids("/api/admin/invoices", t).await;
    let res = app
        .post(
            "/api/admin/invoices",
            t,
            json!({"dealId": deal, "amountMinor": 1, "currency": "GBP", "status": "draft"}),
        )
        .await;
    assert_eq!(res.status, 500);
    assert_eq!(app.ids("/api/admin/invoices", t).await, invoices_before);
    let invoice_path = format!("/api/admin/invoices/{}", id_of(&invoice));
    assert_eq!(app.delete(&invoice_path, t).await.status, 500);
    assert_eq!(app.get(&invoice_path, t).await.status, 200);

    let payout_path = format!("/api/admin/payouts/{}", id_of(&payout));
    assert_eq!(app.delete(&payout_path, t).await.status, 500);
    assert_eq!(app.get(&payout_path, t).await.body, payout);

    let users_before = app.ids("/api/admin/users", &admin.token).await;
    let res = app
        .post(
            "/api/admin/users",
            &admin.token,
            json!({"email": "lost@agency.test", "name": "Lost", "role": "agent",
                   "password": "a-long-enough-password"}),
        )
        .await;
    assert_eq!(res.status, 500);
    assert_eq!(
        app.ids("/api/admin/users", &admin.token).await,
        users_before
    );
}
