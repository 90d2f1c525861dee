//! Who may call `/api/admin`, what a bad id gives, and what staff responses never carry.

use serde_json::json;

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn creators_are_refused_the_agency_api_and_agents_the_user_admin() {
    let app = TestApp::spawn().await;
    let creator = app.creator("cleo").await;
    let agent = app.agent().await;
    for path in [
        "/api/admin/talents",
        "/api/admin/deals",
        "/api/admin/notifications",
        "/api/admin/users",
    ] {
        assert_eq!(app.get(path, &creator.token).await.status, 403, "{path}");
    }
    let res = app
        .post("/api/admin/brands", &creator.token, json!({"name": "X"}))
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(app.get("/api/admin/users", &agent.token).await.status, 403);
    let res = app
        .post(
            "/api/admin/users",
            &agent.token,
            json!({"email": "a@b.test", "name": "A", "role": "admin", "password": "long-enough-pw"}),
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(app.get("/api/admin/deals", "").await.status, 401);
}

#[tokio::test]
async fn unknown_ids_are_404_and_malformed_ones_400() {
    let app = TestApp::spawn().await;
    let t = &app.admin().await.token;
    let unknown = uuid::Uuid::now_v7();
    for resource in [
        "users",
        "talents",
        "brands",
        "deals",
        "deliverables",
        "invoices",
        "payments",
        "payouts",
        "opportunities",
        "outreach-tasks",
    ] {
        let res = app
            .get(&format!("/api/admin/{resource}/{unknown}"), t)
            .await;
        assert_eq!(res.status, 404, "{resource}");
        let res = app
            .patch(&format!("/api/admin/{resource}/{unknown}"), t, json!({}))
            .await;
        assert_eq!(res.status, 404, "PATCH {resource}");
        let res = app
            .get(&format!("/api/admin/{resource}/not-a-uuid"), t)
            .await;
        assert_eq!(res.status, 400, "{resource}");
        assert_eq!(res.content_type(), "application/problem+json");
    }
    for nested in ["events", "tasks", "insights", "goals", "socials"] {
        let res = app
            .get(&format!("/api/admin/talents/{unknown}/{nested}"), t)
            .await;
        assert_eq!(res.status, 404, "{nested} of an unknown talent");
        let res = app.get(&format!("/api/admin/talents/x/{nested}"), t).await;
        assert_eq!(res.status, 400, "{nested} of a malformed talent id");
    }
    let res = app
        .patch(
            &format!("/api/admin/notifications/{unknown}/read"),
            t,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 404);
}

#[tokio::test]
async fn bad_filters_and_cursors_are_400() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    for path in [
        "/api/admin/deals?stage=won",
        "/api/admin/deals?talentId=nope",
        "/api/admin/talents?stage=famous",
        "/api/admin/invoices?status=lost",
        "/api/admin/deals?limit=0",
        "/api/admin/deals?cursor=garbage",
    ] {
        assert_eq!(app.get(path, t).await.status, 400, "{path}");
    }
    let admin = app.admin().await;
    assert_eq!(
        app.get("/api/admin/users?active=maybe", &admin.token)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn the_openapi_document_lists_the_agency_paths_from_the_root() {
    let app = TestApp::spawn().await;
    let doc = app
        .request(reqwest::Method::GET, "/api/openapi.json", None, None)
        .await;
    let paths = doc.body["paths"].as_object().expect("paths");
    for path in [
        "/api/admin/users",
        "/api/admin/users/{id}",
        "/api/admin/deals/{id}",
        "/api/admin/outreach-tasks",
        "/api/admin/talents/{talentId}/events/{id}",
        "/api/admin/talents/{talentId}/socials/{platform}/metrics",
        "/api/admin/notifications/{id}/read",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
}

#[tokio::test]
async fn staff_responses_never_carry_password_hashes_or_social_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let creator = app.creator("tia").await;
    let talent = creator.talent_id.unwrap();
    app.insert_social(talent, "instagram", Some("secret-access-token"))
        .await;
    let user = app
        .created(
            "/api/admin/users",
            &admin.token,
            json!({"email": "new@agency.test", "name": "New", "role": "agent",
                   "password": "a-long-password"}),
        )
        .await;
    let texts = [
        app.get("/api/admin/users?limit=200", &admin.token)
            .await
            .text,
        app.get(&format!("/api/admin/users/{}", id_of(&user)), &admin.token)
            .await
            .text,
        app.get(
            &format!("/api/admin/talents/{talent}/socials"),
            &admin.token,
        )
        .await
        .text,
        app.put(
            &format!("/api/admin/talents/{talent}/socials/instagram/metrics"),
            &admin.token,
            json!({"followers": 10, "engagementRate": 0.05, "avgViews": 3}),
        )
        .await
        .text,
    ];
    for text in texts {
        for secret in [
            "passwordHash",
            "password",
            "$argon2",
            "accessToken",
            "refreshToken",
            "secret-access-token",
        ] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
    }
}
