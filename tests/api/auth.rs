//! API.md §3: login, tokens, the throttle, deactivation and roles.

use chrono::Utc;
use exclusive_talent::db::entities::{OnboardingStatus, Role, user};
use exclusive_talent::db::queries;
use jsonwebtoken::{EncodingKey, Header};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

/// The secret `Config::for_database` (and so every TestApp) signs with.
const SECRET: &str = exclusive_talent::config::TESTING_JWT_SECRET;

fn mint(secret: &str, claims: serde_json::Value) -> String {
    exclusive_talent::auth::jwt::install_crypto();
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()).unwrap(),
    )
    .unwrap()
}

#[tokio::test]
async fn login_returns_a_token_that_me_accepts() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let res = app.login(&agent.email, PASSWORD).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body["user"]["role"], "agent");
    assert_eq!(res.body["user"]["email"], agent.email.as_str());
    assert!(res.body["expiresAt"].as_str().is_some());
    assert!(res.body["user"].get("passwordHash").is_none());

    let me = app
        .get("/api/auth/me", res.body["token"].as_str().unwrap())
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], agent.id.to_string());
    assert!(me.body.get("talentId").is_none());
}

#[tokio::test]
async fn me_of_a_creator_carries_the_talent_id() {
    let app = TestApp::spawn().await;
    let creator = app.creator("alice").await;
    let me = app.get("/api/auth/me", &creator.token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["role"], "creator");
    assert_eq!(me.body["talentId"], creator.talent_id.unwrap().to_string());
}

#[tokio::test]
async fn email_matches_case_insensitively_and_is_unique_so() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Agent, "Mixed.Case@Agency.test").await;
    assert_eq!(user.email, "Mixed.Case@Agency.test");
    assert_eq!(
        app.login("MIXED.CASE@agency.TEST", PASSWORD).await.status,
        200
    );
    assert_eq!(
        app.login("  mixed.case@agency.test ", PASSWORD)
            .await
            .status,
        200
    );

    let duplicate = queries::users::create(
        &app.db,
        queries::users::NewUser {
            email: "mixed.case@AGENCY.test".to_owned(),
            name: "Other".to_owned(),
            role: Role::Agent,
            password_hash: "x".to_owned(),
            active: true,
            onboarding_status: OnboardingStatus::Pending,
            admin_notes: None,
        },
    )
    .await;
    assert!(duplicate.is_err(), "the unique index must ignore case");
}

#[tokio::test]
async fn unknown_email_and_wrong_password_give_the_same_401() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let wrong_password = app.login(&agent.email, "not-the-password").await;
    let unknown_email = app.login("nobody@agency.test", PASSWORD).await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(unknown_email.status, 401);
    assert_eq!(wrong_password.body, unknown_email.body);
    assert_eq!(wrong_password.content_type(), "application/problem+json");
}

#[tokio::test]
async fn ten_failures_lock_the_email_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let other = app.agent().await;
    for _ in 0..10 {
        assert_eq!(app.login(&agent.email, "wrong-password").await.status, 401);
    }
    let locked = app.login(&agent.email, PASSWORD).await;
    assert_eq!(locked.status, 429);
    let retry_after: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60);
    assert_eq!(locked.content_type(), "application/problem+json");
    // Another email is not affected; the locked one stays locked in another case.
    assert_eq!(app.login(&other.email, PASSWORD).await.status, 200);
    assert_eq!(
        app.login(&agent.email.to_uppercase(), PASSWORD)
            .await
            .status,
        429
    );
}

#[tokio::test]
async fn missing_malformed_forged_and_expired_tokens_are_401() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let now = Utc::now().timestamp();
    let claims =
        |exp: i64| json!({"sub": agent.id.to_string(), "role": "agent", "iat": now, "exp": exp});

    let no_token = app
        .request(reqwest::Method::GET, "/api/auth/me", None, None)
        .await;
    assert_eq!(no_token.status, 401);
    assert_eq!(no_token.content_type(), "application/problem+json");
    assert_eq!(app.get("/api/auth/me", "not-a-jwt").await.status, 401);

    let forged = mint("another-secret-of-at-least-32-bytes!!", claims(now + 3600));
    assert_eq!(app.get("/api/auth/me", &forged).await.status, 401);

    let expired = mint(SECRET, claims(now - 3600));
    assert_eq!(app.get("/api/auth/me", &expired).await.status, 401);

    // `alg: none`: a header and claims with an empty signature.
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let unsigned = format!(
        "{}.{}.",
        b64.encode(br#"{"alg":"none","typ":"JWT"}"#),
        b64.encode(claims(now + 3600).to_string())
    );
    assert_eq!(app.get("/api/auth/me", &unsigned).await.status, 401);

    // A token for a user who does not exist.
    let ghost = mint(
        SECRET,
        json!({"sub": uuid::Uuid::now_v7().to_string(), "role": "agent", "iat": now, "exp": now + 3600}),
    );
    assert_eq!(app.get("/api/auth/me", &ghost).await.status, 401);
}

#[tokio::test]
async fn a_token_minted_elsewhere_with_the_shared_secret_is_accepted() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let now = Utc::now().timestamp();
    let token = mint(
        SECRET,
        json!({"sub": agent.id.to_string(), "role": "agent", "iat": now, "exp": now + 600}),
    );
    let me = app.get("/api/auth/me", &token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], agent.id.to_string());
}

#[tokio::test]
async fn a_token_claiming_another_role_than_the_database_is_refused() {
    let app = TestApp::spawn().await;
    let creator = app.creator("mallory").await;
    let now = Utc::now().timestamp();
    let escalated = mint(
        SECRET,
        json!({"sub": creator.id.to_string(), "role": "admin", "iat": now, "exp": now + 600}),
    );
    assert_eq!(app.get("/api/auth/me", &escalated).await.status, 401);
    assert_eq!(app.get("/api/auth/me", &creator.token).await.status, 200);
}

#[tokio::test]
async fn deactivation_and_role_changes_take_effect_within_the_cache_ttl() {
    let app = TestApp::spawn_with(|config| config.auth_cache_ttl_secs = 1).await;
    let agent = app.agent().await;
    let other = app.agent().await;
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 200);
    assert_eq!(app.get("/api/auth/me", &other.token).await.status, 200);

    let mut row = user::Entity::find_by_id(agent.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.active = Set(false);
    row.update(&app.db).await.unwrap();
    let mut row = user::Entity::find_by_id(other.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.role = Set(Role::Admin);
    row.update(&app.db).await.unwrap();

    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 401);
    assert_eq!(
        app.get("/api/auth/me", &other.token).await.status,
        401,
        "the token's role is stale"
    );
    // A deactivated user cannot sign in again either.
    assert_eq!(app.login(&agent.email, PASSWORD).await.status, 401);
    // The promoted user signs in again and gets a token with the new role.
    let fresh = app.login(&other.email, PASSWORD).await;
    assert_eq!(fresh.body["user"]["role"], "admin");
}

#[tokio::test]
async fn the_service_refuses_to_start_with_a_short_or_missing_secret() {
    use exclusive_talent::app::AppState;
    use secrecy::SecretString;
    let app = TestApp::spawn().await;
    let mut config = app.state.config.as_ref().clone();
    config.jwt_secret = Some(SecretString::from("too-short"));
    assert!(AppState::new(config.clone(), app.db.clone(), false).is_err());
    config.jwt_secret = None;
    assert!(AppState::new(config.clone(), app.db.clone(), false).is_err());
    // `--demo` runs without configured secrets.
    assert!(AppState::new(config, app.db.clone(), true).is_ok());
}
