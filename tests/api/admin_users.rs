//! `/api/admin/users`: admins manage logins.

use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, id_of};

#[tokio::test]
async fn an_admin_creates_reads_patches_and_deactivates_a_user() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let t = &admin.token;
    let user = app
        .created(
            "/api/admin/users",
            t,
            json!({"email": " Nia@Agency.TEST", "name": "Nia", "role": "agent",
                   "password": "first-password", "adminNotes": "hired in May"}),
        )
        .await;
    let id = id_of(&user);
    assert_eq!(user["email"], "nia@agency.test");
    assert_eq!(user["active"], true);
    assert_eq!(user["onboardingStatus"], "pending");
    assert_eq!(user["adminNotes"], "hired in May");
    assert_eq!(
        app.get(&format!("/api/admin/users/{id}"), t).await.body,
        user
    );
    assert_eq!(
        app.login("nia@agency.test", "first-password").await.status,
        200
    );

    let res = app
        .patch(
            &format!("/api/admin/users/{id}"),
            t,
            json!({"password": "second-password", "onboardingStatus": "approved",
                   "adminNotes": null}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["onboardingStatus"], "approved");
    assert_eq!(res.body["adminNotes"], serde_json::Value::Null);
    assert_eq!(res.body["name"], "Nia");
    assert_eq!(
        app.login("nia@agency.test", "first-password").await.status,
        401
    );
    let login = app.login("nia@agency.test", "second-password").await;
    assert_eq!(login.status, 200);
    let token = login.body["token"].as_str().unwrap().to_owned();
    assert_eq!(app.get("/api/admin/deals", &token).await.status, 200);

    // Deactivation applies to the user's next request.
    let res = app
        .patch(
            &format!("/api/admin/users/{id}"),
            t,
            json!({"active": false}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(app.get("/api/admin/deals", &token).await.status, 401);

    // No delete; an admin cannot lock themselves out.
    assert_eq!(
        app.delete(&format!("/api/admin/users/{id}"), t)
            .await
            .status,
        405
    );
    let res = app
        .patch(
            &format!("/api/admin/users/{}", admin.id),
            t,
            json!({"active": false}),
        )
        .await;
    assert_eq!(res.status, 409);
}

#[tokio::test]
async fn a_taken_email_in_any_case_is_409() {
    let app = TestApp::spawn().await;
    let t = &app.admin().await.token;
    let agent = app.agent().await;
    let res = app
        .post(
            "/api/admin/users",
            t,
            json!({"email": agent.email.to_uppercase(), "name": "Dup", "role": "agent",
                   "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 409);
    let other = app
        .created(
            "/api/admin/users",
            t,
            json!({"email": "other@agency.test", "name": "O", "role": "creator", "password": PASSWORD}),
        )
        .await;
    let res = app
        .patch(
            &format!("/api/admin/users/{}", id_of(&other)),
            t,
            json!({"email": agent.email.to_uppercase()}),
        )
        .await;
    assert_eq!(res.status, 409);
}

#[tokio::test]
async fn the_user_list_filters_by_role_and_active_and_pages() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let t = &admin.token;
    let mut made = vec![admin.id.to_string()];
    for i in 0..6 {
        let role = if i % 2 == 0 { "creator" } else { "agent" };
        let user = app
            .created(
                "/api/admin/users",
                t,
                json!({"email": format!("u{i}@agency.test"), "name": format!("U{i}"),
                       "role": role, "password": PASSWORD, "active": i != 5}),
            )
            .await;
        made.push(id_of(&user));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/users", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(app.ids("/api/admin/users?role=creator", t).await.len(), 3);
    assert_eq!(app.ids("/api/admin/users?role=agent", t).await.len(), 3);
    assert_eq!(
        app.ids("/api/admin/users?active=false", t).await,
        [made[0].clone()]
    );
    assert_eq!(
        app.ids("/api/admin/users?active=true&role=agent", t)
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn user_bodies_are_validated() {
    let app = TestApp::spawn().await;
    let t = &app.admin().await.token;
    let res = app
        .post(
            "/api/admin/users",
            t,
            json!({"email": "not-an-email", "name": "", "role": "agent", "password": "short"}),
        )
        .await;
    assert_eq!(res.status, 422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["email", "name", "password"]);
    let res = app
        .post(
            "/api/admin/users",
            t,
            json!({"email": "a@b.test", "name": "A", "role": "owner", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["role"]);
    let res = app
        .post(
            "/api/admin/users",
            t,
            json!({"email": "a@b.test", "name": "A", "role": "agent", "password": PASSWORD,
                   "passwordHash": "x", "createdAt": "2026-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(res.status, 422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["createdAt", "passwordHash"]);
}
