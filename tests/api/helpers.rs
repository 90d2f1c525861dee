//! `TestApp`: the real application on a fresh database (a SQLite file in a temporary folder,
//! or a new PostgreSQL database when `TEST_DATABASE_URL` is set), served on 127.0.0.1:0.
//! Tests talk to it over HTTP.

use std::net::SocketAddr;

use exclusive_talent::app::{self, AppState};
use exclusive_talent::config::Config;
use exclusive_talent::db::entities::{
    Role, StringList, TalentId, TalentStage, UserId, new_id, talent,
};
use exclusive_talent::db::{self, Db};
use reqwest::Method;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde_json::Value;
use tokio::sync::oneshot;

pub const PASSWORD: &str = "correct-horse-battery";

/// The Redis that Redis-backed tests use: `TEST_REDIS_URL` (set by `.ci/run`). Those tests are
/// ignored when it is unset (`cfg(test_redis)`, set by build.rs), so `cargo test` passes on a
/// machine without Redis and says what it did not run.
pub fn test_redis_url() -> String {
    std::env::var("TEST_REDIS_URL").expect("TEST_REDIS_URL (the test is ignored without it)")
}

/// A Redis URL where nothing listens: Redis "down".
pub const DEAD_REDIS_URL: &str = "redis://127.0.0.1:1/";

pub struct TestApp {
    pub database_url: String,
    pub address: SocketAddr,
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    /// The field names of a 422's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A signed-in user.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: UserId,
    pub email: String,
    pub token: String,
    pub talent_id: Option<TalentId>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Spawns with a configuration adjusted by `configure`.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> Self {
        let (url, sqlite_dir, postgres) = match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("et_test_{}", uuid::Uuid::new_v4().simple());
                let admin = db::connect(&admin_url, 1)
                    .await
                    .expect("connect to TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create the test database");
                admin.close().await.ok();
                let url = replace_database(&admin_url, &name);
                (url, None, Some((admin_url, name)))
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                (url, Some(dir), None)
            }
        };
        let db = db::connect(&url, 8)
            .await
            .expect("connect to the test database");
        db::migrate(&db).await.expect("migrate");
        let mut app = Self::serve_instance(url, Some(db), configure).await;
        app._sqlite_dir = sqlite_dir;
        app.postgres = postgres;
        app
    }

    /// Another instance of the service on this app's database (as behind a load balancer).
    /// It does not own the database: dropping it leaves the data alone.
    pub async fn sibling(&self, configure: impl FnOnce(&mut Config)) -> Self {
        Self::serve_instance(self.database_url.clone(), None, configure).await
    }

    /// Serves on `db`, or on a new pool to the (possibly reconfigured) database URL.
    async fn serve_instance(
        url: String,
        db: Option<Db>,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config::for_database(url);
        configure(&mut config);
        let url = config.database_url.clone();
        let db = match db {
            Some(db) => db,
            None => db::connect(&url, 8)
                .await
                .expect("connect to the test database"),
        };
        let state = AppState::new(config, db.clone(), false).expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let (tx, rx) = oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(async move {
            let _ = app::serve(listener, served, async {
                let _ = rx.await;
            })
            .await;
        });
        Self {
            database_url: url,
            address,
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
            db,
            state,
            shutdown: Some(tx),
            _sqlite_dir: None,
            postgres: None,
        }
    }

    /// Starts the instance's shutdown (as SIGTERM does), keeping the test's handle on it.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        read(request.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Resp {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Resp {
        self.request(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Resp {
        self.request(Method::PUT, path, Some(token), Some(body))
            .await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Resp {
        self.request(Method::DELETE, path, Some(token), None).await
    }

    /// Sends raw bytes with a content type of choice.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Resp {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        read(request.send().await.expect("request sent")).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.request(
            Method::POST,
            "/api/auth/login",
            None,
            Some(serde_json::json!({"email": email, "password": password})),
        )
        .await
    }

    /// Creates a user through the library (as `create-user` does) and signs them in over HTTP.
    pub async fn user(&self, role: Role, email: &str) -> TestUser {
        let user =
            exclusive_talent::cli::create_user(&self.db, email, email, role, PASSWORD.to_owned())
                .await
                .expect("create user");
        let talent_id = if role == Role::Creator {
            Some(self.talent_for(Some(user.id), email).await)
        } else {
            None
        };
        let res = self.login(email, PASSWORD).await;
        assert_eq!(res.status, 200, "login failed: {}", res.text);
        TestUser {
            id: user.id,
            email: email.to_owned(),
            token: res.body["token"].as_str().expect("token").to_owned(),
            talent_id,
        }
    }

    pub async fn admin(&self) -> TestUser {
        self.user(
            Role::Admin,
            &format!("admin-{}@agency.test", new_id().simple()),
        )
        .await
    }

    pub async fn agent(&self) -> TestUser {
        self.user(
            Role::Agent,
            &format!("agent-{}@agency.test", new_id().simple()),
        )
        .await
    }

    /// A creator with a linked talent.
    pub async fn creator(&self, name: &str) -> TestUser {
        self.user(
            Role::Creator,
            &format!("{name}-{}@creators.test", new_id().simple()),
        )
        .await
    }

    /// Inserts a talent row, optionally linked to a user.
    pub async fn talent_for(&self, user: Option<UserId>, name: &str) -> TalentId {
        let now = chrono::Utc::now();
        let row = talent::ActiveModel {
            id: Set(TalentId(new_id())),
            user_id: Set(user),
            display_name: Set(name.to_owned()),
            categories: Set(StringList(vec!["fashion".to_owned()])),
            stage: Set(TalentStage::Active),
            erased_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("insert talent");
        row.id
    }
}

async fn read(response: reqwest::Response) -> Resp {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        text,
        body,
    }
}

/// `postgres://u@h:p/db?x` with another database name.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
    match query {
        Some(query) => format!("{prefix}/{name}?{query}"),
        None => format!("{prefix}/{name}"),
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // A PostgreSQL test database is dropped here, from a thread of its own, since Drop
        // cannot await on the test's runtime.
        if let Some((admin_url, name)) = self.postgres.take() {
            let db = self.db.clone();
            let _ = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    drop(db);
                    if let Ok(admin) = db::connect(&admin_url, 1).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await;
                        admin.close().await.ok();
                    }
                });
            })
            .join();
        }
    }
}

// ---- Agency API helpers ----

impl TestApp {
    /// Walks a list's pages of `limit` items (the path may carry filters) and returns every
    /// item in order, asserting each page is a 200.
    pub async fn walk(&self, path: &str, token: &str, limit: u32) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..1000 {
            let url = match &cursor {
                Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
                None => format!("{path}{sep}limit={limit}"),
            };
            let res = self.get(&url, token).await;
            assert_eq!(res.status, 200, "{url}: {}", res.text);
            let page = res.body["items"].as_array().expect("items").clone();
            assert!(page.len() <= limit as usize);
            items.extend(page);
            match res.body["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return items,
            }
        }
        panic!("{path}: the pages never end");
    }

    /// The ids of a list's items (first page, up to 200).
    pub async fn ids(&self, path: &str, token: &str) -> Vec<String> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let res = self.get(&format!("{path}{sep}limit=200"), token).await;
        assert_eq!(res.status, 200, "{path}: {}", res.text);
        res.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["id"].as_str().expect("id").to_owned())
            .collect()
    }

    /// POSTs and asserts a 201, returning the record.
    pub async fn created(&self, path: &str, token: &str, body: Value) -> Value {
        let res = self.post(path, token, body).await;
        assert_eq!(res.status, 201, "POST {path}: {}", res.text);
        res.body
    }
}

/// The `id` of a record, as a string.
pub fn id_of(record: &Value) -> String {
    record["id"].as_str().expect("id").to_owned()
}

impl TestApp {
    /// A social connection inserted directly (the creator portal connects them).
    pub async fn insert_social(&self, talent: TalentId, platform: &str, token: Option<&str>) {
        use exclusive_talent::db::entities::{Platform, social_account_connection as social};
        let platform: Platform =
            serde_json::from_value(Value::String(platform.to_owned())).expect("platform");
        let now = chrono::Utc::now();
        social::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            platform: Set(platform),
            handle: Set("handle".to_owned()),
            connected: Set(true),
            access_token: Set(token.map(str::to_owned)),
            refresh_token: Set(token.map(str::to_owned)),
            expires_at: Set(None),
            last_synced_at: Set(None),
            followers: Set(None),
            engagement_rate: Set(None),
            avg_views: Set(None),
            metadata: Set(None),
            refresh_refused: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("insert social");
    }

    /// A goal inserted directly (creators set their own goals).
    pub async fn insert_goal(&self, talent: TalentId, title: &str) {
        use exclusive_talent::db::entities::{GoalType, creator_goal};
        let now = chrono::Utc::now();
        creator_goal::ActiveModel {
            id: Set(new_id()),
            creator_id: Set(talent),
            goal_type: Set(GoalType::Revenue),
            title: Set(title.to_owned()),
            target_value: Set(Some(100.0)),
            timeframe: Set(None),
            progress: Set(0.5),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("insert goal");
    }
}

impl TestApp {
    /// A talent and a brand made through the agency API: (talentId, brandId).
    pub async fn talent_and_brand(&self, token: &str) -> (String, String) {
        let talent = self
            .created(
                "/api/admin/talents",
                token,
                serde_json::json!({"displayName": "Talent", "stage": "active"}),
            )
            .await;
        let brand = self
            .created(
                "/api/admin/brands",
                token,
                serde_json::json!({"name": "Brand"}),
            )
            .await;
        (id_of(&talent), id_of(&brand))
    }

    /// A deal of that talent and brand, in GBP; returns its id.
    pub async fn deal(&self, token: &str, talent: &str, brand: &str) -> String {
        let deal = self
            .created(
                "/api/admin/deals",
                token,
                serde_json::json!({"talentId": talent, "brandId": brand, "name": "Deal",
                                   "stage": "contracted", "valueMinor": 500000, "currency": "GBP"}),
            )
            .await;
        id_of(&deal)
    }
}
