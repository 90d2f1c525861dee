//! A fake OAuth provider and platform API (YouTube's shapes) on 127.0.0.1:0, for the social
//! OAuth tests: it issues codes at `/authorize`, checks the client secret and the PKCE verifier
//! at `/token`, refreshes (or refuses to), and serves the channel, playlist and video reads.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use exclusive_talent::config::Config;
use exclusive_talent::db::entities::Platform;
use exclusive_talent::social::settings::PlatformSettings;
use secrecy::SecretString;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "fake-client-id";
pub const CLIENT_SECRET: &str = "fake-client-secret-do-not-print";

/// What the fake knows and how it behaves; tests change it between steps.
#[derive(Default)]
pub struct FakeState {
    /// code → (code challenge, redirect URI)
    codes: HashMap<String, (String, String)>,
    access_tokens: HashSet<String>,
    refresh_tokens: HashSet<String>,
    issued: u32,
    /// Every secret the fake handed out or was shown (codes, tokens, PKCE verifiers), to look
    /// for in responses and logs.
    pub secrets: Vec<String>,
    pub followers: i64,
    pub refuse_exchange: bool,
    pub refuse_refresh: bool,
    /// The token endpoint answers 503 with no body.
    pub token_down: bool,
    /// Answer a refresh without a new refresh token.
    pub refresh_without_refresh_token: bool,
    pub fail_videos: bool,
    pub channel_reads: u32,
    pub refreshes: u32,
}

#[derive(Clone)]
pub struct FakePlatform {
    pub base: String,
    pub state: Arc<Mutex<FakeState>>,
}

impl FakePlatform {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(FakeState {
            followers: 1000,
            ..FakeState::default()
        }));
        let app = Router::new()
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/youtube/v3/channels", get(channels))
            .route("/youtube/v3/playlistItems", get(playlist_items))
            .route("/youtube/v3/videos", get(videos))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake platform");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { base, state }
    }

    /// Configures `platform` against this fake.
    pub fn configure(&self, config: &mut Config, platform: Platform) {
        config.social.set(
            platform,
            PlatformSettings {
                client_id: CLIENT_ID.to_owned(),
                client_secret: Some(SecretString::from(CLIENT_SECRET)),
                authorize_url: format!("{}/authorize", self.base),
                token_url: format!("{}/token", self.base),
                api_url: format!("{}/youtube/v3", self.base),
            },
        );
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut FakeState) -> T) -> T {
        f(&mut self.state.lock().expect("fake state"))
    }

    /// Every code and token it issued, and the client secret.
    pub fn secrets(&self) -> Vec<String> {
        let mut all = self.with(|s| s.secrets.clone());
        all.push(CLIENT_SECRET.to_owned());
        all
    }
}

type Shared = State<Arc<Mutex<FakeState>>>;

/// The authorization page, approved at once: a code for this challenge, back to the redirect URI.
async fn authorize(State(state): Shared, Query(q): Query<HashMap<String, String>>) -> Response {
    let field = |name: &str| q.get(name).cloned().unwrap_or_default();
    if field("client_id") != CLIENT_ID
        || field("response_type") != "code"
        || field("code_challenge_method") != "S256"
        || field("code_challenge").is_empty()
    {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    let mut fake = state.lock().expect("fake state");
    fake.issued += 1;
    let code = format!("code-{}-{}", fake.issued, uuid::Uuid::new_v4().simple());
    fake.secrets.push(code.clone());
    fake.codes.insert(
        code.clone(),
        (field("code_challenge"), field("redirect_uri")),
    );
    let redirect = format!(
        "{}?code={code}&state={}&scope=youtube.readonly",
        field("redirect_uri"),
        field("state")
    );
    Redirect::to(&redirect).into_response()
}

fn oauth_error(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response()
}

fn client_authenticated(headers: &HeaderMap, form: &HashMap<String, String>) -> bool {
    let basic = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok());
    match basic {
        Some(pair) => pair == format!("{CLIENT_ID}:{CLIENT_SECRET}"),
        None => {
            form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
                && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET)
        }
    }
}

fn issue(fake: &mut FakeState, with_refresh: bool) -> Value {
    fake.issued += 1;
    let access = format!("access-{}-{}", fake.issued, uuid::Uuid::new_v4().simple());
    fake.access_tokens.insert(access.clone());
    fake.secrets.push(access.clone());
    let mut body = json!({ "access_token": access, "token_type": "Bearer", "expires_in": 604_800 });
    if with_refresh {
        let refresh = format!("refresh-{}-{}", fake.issued, uuid::Uuid::new_v4().simple());
        fake.refresh_tokens.insert(refresh.clone());
        fake.secrets.push(refresh.clone());
        body["refresh_token"] = json!(refresh);
    }
    body
}

async fn token(
    State(state): Shared,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if !client_authenticated(&headers, &form) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_client" })),
        )
            .into_response();
    }
    let mut fake = state.lock().expect("fake state");
    if fake.token_down {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = form.get("code").cloned().unwrap_or_default();
            // A code is good once.
            let Some((challenge, redirect_uri)) = fake.codes.remove(&code) else {
                return oauth_error("invalid_grant");
            };
            let verifier = form.get("code_verifier").cloned().unwrap_or_default();
            fake.secrets.push(verifier.clone());
            let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(Sha256::digest(verifier.as_bytes()));
            if computed != challenge || form.get("redirect_uri") != Some(&redirect_uri) {
                return oauth_error("invalid_grant");
            }
            if fake.refuse_exchange {
                return oauth_error("access_denied");
            }
            Json(issue(&mut fake, true)).into_response()
        }
        Some("refresh_token") => {
            fake.refreshes += 1;
            let refresh = form.get("refresh_token").cloned().unwrap_or_default();
            if fake.refuse_refresh || !fake.refresh_tokens.contains(&refresh) {
                return oauth_error("invalid_grant");
            }
            let with_refresh = !fake.refresh_without_refresh_token;
            Json(issue(&mut fake, with_refresh)).into_response()
        }
        _ => oauth_error("unsupported_grant_type"),
    }
}

fn authorized(fake: &FakeState, headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|token| fake.access_tokens.contains(token))
}

async fn channels(State(state): Shared, headers: HeaderMap) -> Response {
    let mut fake = state.lock().expect("fake state");
    if !authorized(&fake, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    fake.channel_reads += 1;
    Json(json!({
        "kind": "youtube#channelListResponse",
        "items": [{
            "kind": "youtube#channel",
            "id": "UCfakechannel0000000000",
            "snippet": { "title": "Jane Doe", "customUrl": "@janedoe" },
            "contentDetails": { "relatedPlaylists": { "likes": "", "uploads": "UUfakeuploads" } },
            "statistics": {
                "viewCount": "120000",
                "subscriberCount": fake.followers.to_string(),
                "hiddenSubscriberCount": false,
                "videoCount": "40"
            }
        }]
    }))
    .into_response()
}

async fn playlist_items(State(state): Shared, headers: HeaderMap) -> Response {
    let fake = state.lock().expect("fake state");
    if !authorized(&fake, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    Json(json!({
        "items": [
            { "contentDetails": { "videoId": "vid1" } },
            { "contentDetails": { "videoId": "vid2" } }
        ]
    }))
    .into_response()
}

async fn videos(State(state): Shared, headers: HeaderMap) -> Response {
    let fake = state.lock().expect("fake state");
    if !authorized(&fake, &headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if fake.fail_videos {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    Json(json!({
        "items": [
            { "id": "vid1", "statistics": { "viewCount": "5000", "likeCount": "40", "commentCount": "10" } },
            { "id": "vid2", "statistics": { "viewCount": "3000", "likeCount": "25", "commentCount": "5" } }
        ]
    }))
    .into_response()
}
