//! API.md §1: every error is problem+json with the contract's status.

use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn malformed_json_is_400_problem() {
    let app = TestApp::spawn().await;
    let res = app
        .raw(
            Method::POST,
            "/api/auth/login",
            None,
            "application/json",
            b"{\"email\": ".to_vec(),
        )
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(res.content_type(), "application/problem+json");
    assert_eq!(res.body["status"], 400);
    assert_eq!(res.body["type"], "about:blank");
    assert!(res.body["title"].is_string() && res.body["detail"].is_string());
}

#[tokio::test]
async fn another_content_type_is_415() {
    let app = TestApp::spawn().await;
    let res = app
        .raw(
            Method::POST,
            "/api/auth/login",
            None,
            "text/plain",
            br#"{"email":"a@b.c","password":"x"}"#.to_vec(),
        )
        .await;
    assert_eq!(res.status, 415);
    assert_eq!(res.content_type(), "application/problem+json");
}

#[tokio::test]
async fn a_body_over_64_kib_is_413() {
    let app = TestApp::spawn().await;
    let big = json!({"email": "a@b.c", "password": "x".repeat(70 * 1024)}).to_string();
    let res = app
        .raw(
            Method::POST,
            "/api/auth/login",
            None,
            "application/json",
            big.into_bytes(),
        )
        .await;
    assert_eq!(res.status, 413);
    assert_eq!(res.content_type(), "application/problem+json");
    assert_eq!(res.body["status"], 413);
}

#[tokio::test]
async fn unknown_and_missing_fields_are_422_naming_each() {
    let app = TestApp::spawn().await;
    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            None,
            Some(json!({"email": "a@b.c", "password": "pw", "role": "admin", "creatorId": "x"})),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.content_type(), "application/problem+json");
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["creatorId", "role"]);

    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            None,
            Some(json!({"email": 5})),
        )
        .await;
    assert_eq!(res.status, 422);
    let fields = res.error_fields();
    assert!(fields.contains(&"email".to_owned()), "{fields:?}");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = TestApp::spawn().await;
    let res = app
        .request(Method::GET, "/api/nothing-here", None, None)
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(res.content_type(), "application/problem+json");
    let res = app
        .request(Method::DELETE, "/api/auth/login", None, None)
        .await;
    assert_eq!(res.status, 405);
    assert_eq!(res.content_type(), "application/problem+json");
}

#[tokio::test]
async fn responses_carry_nosniff_and_a_request_id() {
    let app = TestApp::spawn().await;
    let res = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert!(res.header("x-request-id").is_some());
    assert!(res.header("server").is_none());
}

#[tokio::test]
async fn nul_characters_are_refused_not_a_server_error() {
    // PostgreSQL's text cannot hold U+0000: a NUL in a body or a query used to reach the
    // database and come back as a 500 there.
    let app = TestApp::spawn().await;
    let creator = app.creator("nul").await;
    let admin = app.admin().await;
    let res = app
        .post(
            "/api/creator/goals",
            &creator.token,
            json!({"goalType": "followers", "title": "a\u{0}b", "timeframe": "q\u{0}"}),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["timeframe", "title"]);

    let res = app
        .login("nul\u{0}@example.com", "password-with-\u{0}")
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(res.content_type(), "application/problem+json");

    for path in ["/api/admin/talents?q=%00", "/api/admin/brands?q=a%00b"] {
        let res = app.get(path, &admin.token).await;
        assert_eq!(res.status, 400, "{path}: {}", res.text);
        assert_eq!(res.content_type(), "application/problem+json");
    }
    // Other unusual text still works.
    let res = app
        .get("/api/admin/talents?q=%F0%9F%98%80%E2%80%AE", &admin.token)
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
}
