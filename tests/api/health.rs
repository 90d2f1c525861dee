//! Unauthenticated endpoints of API.md §2.

use reqwest::Method;

use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_and_readyz_answer_while_the_database_is_up() {
    let app = TestApp::spawn().await;
    let res = app.request(Method::GET, "/healthz", None, None).await;
    assert_eq!((res.status, res.body["status"].as_str()), (200, Some("ok")));
    let res = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(
        (res.status, res.body["status"].as_str()),
        (200, Some("ready"))
    );
}

#[tokio::test]
async fn readyz_is_503_when_the_database_is_unreachable() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.expect("close the pool");
    let res = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(res.status, 503);
    assert_eq!(res.content_type(), "application/problem+json");
    // The process itself is still alive.
    assert_eq!(
        app.request(Method::GET, "/healthz", None, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = TestApp::spawn().await;
    app.request(Method::GET, "/healthz", None, None).await;
    app.request(Method::GET, "/api/auth/me", None, None).await;
    let res = app.request(Method::GET, "/metrics", None, None).await;
    assert_eq!(res.status, 200);
    assert!(res.content_type().starts_with("text/plain"));
    assert!(
        res.text
            .contains(r#"http_requests_total{method="GET",route="/healthz",status="200"} 1"#),
        "{}",
        res.text
    );
    assert!(res.text.contains(r#"route="/api/auth/me",status="401""#));
    assert!(res.text.contains("http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_describes_errors() {
    let app = TestApp::spawn().await;
    let res = app
        .request(Method::GET, "/api/openapi.json", None, None)
        .await;
    assert_eq!(res.status, 200);
    assert!(res.body["openapi"].as_str().unwrap().starts_with("3.1"));
    let login = &res.body["paths"]["/api/auth/login"]["post"];
    assert!(login["responses"]["200"].is_object());
    assert!(login["responses"]["422"]["content"]["application/problem+json"].is_object());
    assert!(res.body["paths"]["/api/auth/me"]["get"].is_object());
    assert!(res.body["components"]["securitySchemes"]["bearer"].is_object());

    let docs = app.request(Method::GET, "/docs", None, None).await;
    assert_eq!(docs.status, 200);
    assert!(docs.content_type().starts_with("text/html"));
    assert!(docs.text.contains("/api/auth/login"));
}
