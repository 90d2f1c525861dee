//! API.md §8.1, hardening: each item as a hostile client or a careless operator would try it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, Resp, TestApp};

const BINARY: &str = env!("CARGO_BIN_EXE_exclusive-talent");

/// Waits until the clock enters a new second: a token issued before a revocation in the same
/// second may stay valid (API.md §8.1), so a test revokes in a later second than it signed in.
pub(crate) async fn next_second() {
    let millis = chrono::Utc::now().timestamp_subsec_millis();
    tokio::time::sleep(Duration::from_millis(
        u64::from(1000 - millis.min(999)) + 20,
    ))
    .await;
}

// ---- Login throttle, under concurrency ----

#[tokio::test]
async fn login_throttle_holds_under_concurrency() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let statuses: Vec<u16> = futures::stream::iter(0..200)
        .map(|_| async { app.login(&agent.email, "a-wrong-password").await.status })
        .buffer_unordered(64)
        .collect()
        .await;
    let checked = statuses.iter().filter(|&&s| s == 401).count();
    let throttled = statuses.iter().filter(|&&s| s == 429).count();
    assert!(checked <= 10, "{checked} wrong passwords were checked");
    assert_eq!(checked + throttled, 200, "{statuses:?}");
    let right = app.login(&agent.email, PASSWORD).await;
    assert_eq!(
        right.status, 429,
        "the right password waits for the window too"
    );
    assert!(right.header("retry-after").is_some());
}

#[tokio::test]
async fn a_full_hashing_queue_answers_503_with_retry_after() {
    let app = TestApp::spawn().await;
    let responses: Vec<Resp> = futures::stream::iter(0..256)
        .map(|i| {
            let app = &app;
            async move {
                app.login(&format!("nobody-{i}@flood.test"), "a-wrong-password")
                    .await
            }
        })
        .buffer_unordered(128)
        .collect()
        .await;
    let busy: Vec<&Resp> = responses.iter().filter(|r| r.status == 503).collect();
    assert!(!busy.is_empty(), "a flood of logins fills the queue");
    for res in &busy {
        assert_eq!(res.content_type(), "application/problem+json");
        assert!(res.header("retry-after").is_some());
    }
    assert!(
        responses.iter().all(|r| r.status == 401 || r.status == 503),
        "only 401 and 503"
    );
    // The queue drains: a login after the flood is checked again.
    let agent = app.agent().await;
    assert_eq!(app.login(&agent.email, PASSWORD).await.status, 200);
}

// ---- Signing out and password changes ----

#[tokio::test]
async fn signing_out_refuses_every_earlier_token() {
    let app = TestApp::spawn().await;
    let creator = app.creator("sol").await;
    let second = app.login(&creator.email, PASSWORD).await;
    let second = second.body["token"].as_str().unwrap().to_owned();
    next_second().await;

    let logout = app
        .request(Method::POST, "/api/auth/logout", Some(&creator.token), None)
        .await;
    assert_eq!(logout.status, 204, "{}", logout.text);
    for token in [&creator.token, &second] {
        assert_eq!(app.get("/api/auth/me", token).await.status, 401);
        assert_eq!(app.get("/api/creator/goals", token).await.status, 401);
    }
    let again = app.login(&creator.email, PASSWORD).await;
    assert_eq!(again.status, 200);
    let token = again.body["token"].as_str().unwrap();
    assert_eq!(app.get("/api/auth/me", token).await.status, 200);
    assert_eq!(
        app.request(Method::POST, "/api/auth/logout", None, None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn changing_the_password_refuses_earlier_tokens_and_needs_the_current_one() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let change = |current: &str, new: &str| json!({"currentPassword": current, "newPassword": new});

    let short = app
        .post(
            "/api/auth/password",
            &agent.token,
            change(PASSWORD, "short"),
        )
        .await;
    assert_eq!(short.status, 422);
    assert_eq!(short.error_fields(), ["newPassword"]);
    let wrong = app
        .post(
            "/api/auth/password",
            &agent.token,
            change("not-the-password", "a-new-long-password"),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 200);

    next_second().await;
    let changed = app
        .post(
            "/api/auth/password",
            &agent.token,
            change(PASSWORD, "a-new-long-password"),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 401);
    assert_eq!(app.login(&agent.email, PASSWORD).await.status, 401);
    assert_eq!(
        app.login(&agent.email, "a-new-long-password").await.status,
        200
    );
}

#[tokio::test]
async fn a_wrong_current_password_counts_as_a_failed_login() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let body = json!({"currentPassword": "not-the-password", "newPassword": "a-new-long-password"});
    for _ in 0..10 {
        let res = app
            .post("/api/auth/password", &agent.token, body.clone())
            .await;
        assert_eq!(res.status, 401);
    }
    assert_eq!(
        app.post("/api/auth/password", &agent.token, body)
            .await
            .status,
        429
    );
    assert_eq!(app.login(&agent.email, PASSWORD).await.status, 429);
}

#[tokio::test]
async fn an_admin_password_reset_refuses_the_users_earlier_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let creator = app.creator("reset").await;
    next_second().await;
    let reset = app
        .patch(
            &format!("/api/admin/users/{}", creator.id),
            &admin.token,
            json!({"password": "a-reset-long-password"}),
        )
        .await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    assert_eq!(app.get("/api/auth/me", &creator.token).await.status, 401);
    assert_eq!(
        app.login(&creator.email, "a-reset-long-password")
            .await
            .status,
        200
    );
    // A change of anything else signs no one out.
    let renamed = app
        .patch(
            &format!("/api/admin/users/{}", admin.id),
            &admin.token,
            json!({"name": "Renamed"}),
        )
        .await;
    assert_eq!(renamed.status, 200);
    assert_eq!(app.get("/api/auth/me", &admin.token).await.status, 200);
}

#[tokio::test]
async fn a_sign_out_reaches_another_instance_within_its_cache_ttl() {
    let app = TestApp::spawn().await;
    let other = app.sibling(|config| config.auth_cache_ttl_secs = 1).await;
    let creator = app.creator("twin").await;
    assert_eq!(other.get("/api/auth/me", &creator.token).await.status, 200);
    next_second().await;
    let logout = app
        .request(Method::POST, "/api/auth/logout", Some(&creator.token), None)
        .await;
    assert_eq!(logout.status, 204);
    assert_eq!(app.get("/api/auth/me", &creator.token).await.status, 401);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(other.get("/api/auth/me", &creator.token).await.status, 401);
}

#[tokio::test]
async fn token_ttl_hours_is_at_most_24() {
    let output = Command::new(BINARY)
        .args(["migrate"])
        .env("TOKEN_TTL_HOURS", "25")
        .env("DATABASE_URL", "sqlite::memory:")
        .output()
        .expect("run the binary");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("token-ttl-hours"), "{stderr}");
}

// ---- Demo data is never a real deployment ----

/// Runs the binary on `app`'s database until it exits or says it listens (then stops it):
/// `(exited successfully, listened, stderr)`.
fn run_binary(app: &TestApp, args: &[&str], env: &[(&str, &str)]) -> (bool, bool, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .env("DATABASE_URL", &app.database_url)
        .env("BIND", "127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .env_remove("JWT_SECRET")
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the binary");
    let stdout = child.stdout.take().expect("stdout");
    let listened = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("listening on"));
    if listened {
        let _ = child.kill();
    }
    let output = child.wait_with_output().expect("wait");
    (
        output.status.success(),
        listened,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const REAL_SECRETS: [(&str, &str); 2] = [
    ("JWT_SECRET", "a-real-operators-secret-of-enough-length-42"),
    (
        "TOKEN_ENCRYPTION_KEY",
        "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
    ),
];

#[tokio::test]
async fn serve_demo_refuses_a_database_with_users_the_demo_did_not_create() {
    let app = TestApp::spawn().await;
    app.agent().await;
    let (ok, listened, stderr) = run_binary(&app, &["serve", "--demo"], &[]);
    assert!(!ok && !listened, "{stderr}");
    assert!(stderr.contains("demo"), "{stderr}");
}

#[tokio::test]
async fn serve_refuses_a_database_that_holds_the_demo_logins() {
    let app = TestApp::spawn().await;
    exclusive_talent::seed::demo::seed(&app.db)
        .await
        .expect("seed")
        .expect("loaded");
    let (ok, listened, stderr) = run_binary(&app, &["serve"], &REAL_SECRETS);
    assert!(!ok && !listened, "{stderr}");
    assert!(stderr.contains("demo"), "{stderr}");

    // The demo database itself still serves as the demo.
    let (_, listened, stderr) = run_binary(&app, &["serve", "--demo"], &[]);
    assert!(listened, "{stderr}");
}

#[tokio::test]
async fn the_demos_published_secrets_are_refused_as_configured_values() {
    let app = TestApp::spawn().await;
    let demo_jwt = [
        (
            "JWT_SECRET",
            "demo-only-secret-do-not-use-in-production-0123456789",
        ),
        REAL_SECRETS[1],
    ];
    let (ok, listened, stderr) = run_binary(&app, &["serve"], &demo_jwt);
    assert!(!ok && !listened, "{stderr}");
    assert!(stderr.contains("JWT_SECRET"), "{stderr}");

    let demo_key = [
        REAL_SECRETS[0],
        (
            "TOKEN_ENCRYPTION_KEY",
            "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=",
        ),
    ];
    let (ok, listened, stderr) = run_binary(&app, &["serve", "--demo"], &demo_key);
    assert!(!ok && !listened, "{stderr}");
    assert!(stderr.contains("TOKEN_ENCRYPTION_KEY"), "{stderr}");
}

#[tokio::test]
async fn seed_scale_refuses_a_database_with_users() {
    let app = TestApp::spawn().await;
    app.agent().await;
    let (ok, _, stderr) = run_binary(&app, &["seed", "--scale", "1"], &[]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("seed --scale"), "{stderr}");
}

// ---- Nothing secret is printed ----

#[test]
fn help_prints_no_secret_from_the_environment() {
    let secrets = [
        ("DATABASE_URL", "postgres://et:db-pass-4711@db.internal/et"),
        ("REDIS_URL", "redis://:redis-pass-4712@cache.internal/"),
        ("JWT_SECRET", "jwt-secret-4713-jwt-secret-4713-jwt-secret"),
        (
            "TOKEN_ENCRYPTION_KEY",
            "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
        ),
        ("AI_API_KEY", "ai-key-4714"),
    ];
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["seed", "--help"],
        &["migrate", "--help"],
        &["create-user", "--help"],
        &["openapi", "--help"],
    ] {
        let output = Command::new(BINARY)
            .args(args)
            .envs(secrets)
            .output()
            .expect("run --help");
        assert!(output.status.success(), "{args:?}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(help.contains("DATABASE_URL"), "{args:?}: {help}");
        for needle in [
            "db-pass-4711",
            "redis-pass-4712",
            "jwt-secret-4713",
            "AQEBAQ",
            "ai-key-4714",
        ] {
            assert!(!help.contains(needle), "{args:?} prints {needle}: {help}");
        }
    }
}

// ---- Metrics stay bounded ----

/// The `http_requests_total` series of the app's `/metrics`.
async fn request_series(app: &TestApp) -> Vec<String> {
    let metrics = app.request(Method::GET, "/metrics", None, None).await;
    metrics
        .text
        .lines()
        .filter(|line| line.starts_with("http_requests_total{"))
        .map(|line| {
            line.rsplit_once(' ')
                .map_or(line, |(series, _)| series)
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn metrics_stay_bounded_and_count_every_answer() {
    let app = TestApp::spawn().await;
    let invented = |method: &str| Method::from_bytes(method.as_bytes()).unwrap();
    let foo = app.request(invented("FOO"), "/healthz", None, None).await;
    assert_eq!(foo.status, 405);
    let series = request_series(&app).await;
    assert!(
        series.contains(
            &r#"http_requests_total{method="other",route="/healthz",status="405"}"#.to_owned()
        ),
        "{series:?}"
    );
    app.request(invented("BAR"), "/healthz", None, None).await;
    app.request(invented("FOO"), "/healthz", None, None).await;
    app.request(invented("QUUX"), "/api/nowhere", None, None)
        .await;
    app.request(Method::GET, "/api/nowhere/else", None, None)
        .await;
    let after = request_series(&app).await;
    let added: Vec<&String> = after.iter().filter(|s| !series.contains(s)).collect();
    // /metrics itself, and the one unmatched route (`other` and GET): no series per method.
    assert!(added.len() <= 3, "{added:?}");
    assert!(
        after
            .iter()
            .all(|s| !s.contains("FOO") && !s.contains("BAR") && !s.contains("/api/nowhere")),
        "{after:?}"
    );

    let creator = app.creator("meter").await;
    let huge = app
        .raw(
            Method::POST,
            "/api/creator/goals",
            Some(&creator.token),
            "application/json",
            vec![b' '; 70 * 1024],
        )
        .await;
    assert_eq!(huge.status, 413);
    let series = request_series(&app).await;
    assert!(
        series
            .iter()
            .any(|s| s.contains(r#"route="/api/creator/goals""#) && s.contains(r#"status="413""#)),
        "{series:?}"
    );
}

#[tokio::test]
async fn a_request_timeout_is_counted_as_a_503() {
    // An AI provider that never answers, and a request timeout shorter than the AI's.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let app = TestApp::spawn_with(move |config| {
        config.ai_provider = "openai".to_owned();
        config.ai_base_url = Some(format!("http://{address}"));
        config.ai_timeout_secs = 10;
        config.request_timeout_secs = 1;
    })
    .await;
    let creator = app.creator("slow").await;
    let ask = app
        .post(
            "/api/creator/ai/ask",
            &creator.token,
            json!({"prompt": "Hello?"}),
        )
        .await;
    assert_eq!(ask.status, 503, "{}", ask.text);
    let series = request_series(&app).await;
    assert!(
        series
            .iter()
            .any(|s| s.contains(r#"route="/api/creator/ai/ask""#) && s.contains(r#"status="503""#)),
        "{series:?}"
    );
}

// ---- Cache-Control ----

#[tokio::test]
async fn auth_and_creator_answers_are_never_stored_but_the_overview_revalidates() {
    let app = TestApp::spawn().await;
    let creator = app.creator("cachy").await;
    let login = app.login(&creator.email, PASSWORD).await;
    let failed = app.login(&creator.email, "a-wrong-password").await;
    let me = app.get("/api/auth/me", &creator.token).await;
    let goals = app.get("/api/creator/goals", &creator.token).await;
    let missing = app
        .get(
            &format!("/api/creator/goals/{}", uuid::Uuid::now_v7()),
            &creator.token,
        )
        .await;
    for res in [&login, &failed, &me, &goals, &missing] {
        assert_eq!(
            res.header("cache-control"),
            Some("no-store"),
            "{}",
            res.text
        );
    }
    let overview = app.get("/api/creator/overview", &creator.token).await;
    assert_eq!(overview.header("cache-control"), Some("private, no-cache"));
    assert!(overview.header("etag").is_some());
}

// ---- The overview answers within 2 s ----

/// API.md §8.1: the overview answers within 2 s, degraded, while its database reads are stuck:
/// on PostgreSQL behind a held `ACCESS EXCLUSIVE` lock, on SQLite with every WAL read lock held
/// by another process (a reader then retries for ~10 s inside SQLite).
#[tokio::test]
async fn a_degraded_overview_answers_within_2_s() {
    let app = TestApp::spawn().await;
    let creator = app.creator("stuck").await;
    // Signed in and identified from memory; no overview cached yet.
    assert_eq!(
        app.get("/api/creator/goals", &creator.token).await.status,
        200
    );

    let held = hold_the_database(&app).await;
    let started = Instant::now();
    let overview = app.get("/api/creator/overview", &creator.token).await;
    let took = started.elapsed();
    assert_eq!(overview.status, 200, "{}", overview.text);
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let degraded = overview.body["degraded"].as_array().expect("degraded");
    assert!(!degraded.is_empty(), "{}", overview.text);
    // A second request meanwhile is bounded the same way.
    let started = Instant::now();
    let again = app.get("/api/creator/overview", &creator.token).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(again.status, 200);
    drop(held);

    // Released: the overview is whole again.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let overview = app.get("/api/creator/overview", &creator.token).await;
        if overview.status == 200 && overview.body["degraded"] == json!([]) {
            break;
        }
        assert!(Instant::now() < deadline, "{}", overview.text);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// What keeps the database stuck until dropped.
enum Held {
    /// Held until dropped (which rolls it back).
    Postgres(#[allow(dead_code)] sea_orm::DatabaseTransaction),
    Sqlite(ShmLockHolder),
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Held::Sqlite(holder) = self {
            holder.release();
        }
    }
}

async fn hold_the_database(app: &TestApp) -> Held {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    if app.database_url.starts_with("postgres") {
        let txn = app.db.begin().await.expect("begin");
        txn.execute_unprepared(
            "LOCK TABLE creator_goals, creator_events, creator_tasks, deals, invoices, payouts, \
             social_account_connections, creator_insights, wellness_checkins, notifications \
             IN ACCESS EXCLUSIVE MODE",
        )
        .await
        .expect("lock the overview's tables");
        Held::Postgres(txn)
    } else {
        let path = app
            .database_url
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .expect("path")
            .to_owned();
        Held::Sqlite(ShmLockHolder::hold(&format!("{path}-shm")))
    }
}

/// A child process holding write locks on the WAL index's read-lock bytes of an SQLite
/// database (`<db>-shm`, bytes 123–127): no connection can begin a read. It has to be another
/// process: POSIX record locks of one process never block each other.
struct ShmLockHolder {
    child: libc::pid_t,
}

impl ShmLockHolder {
    fn hold(shm: &str) -> Self {
        // The parent never opens the file: closing any descriptor of it would drop this
        // process's own (SQLite's) locks on it.
        let path = std::ffi::CString::new(shm).expect("path");
        let mut ready = [0 as libc::c_int; 2];
        // SAFETY: pipe fills two descriptors; fork's child calls only async-signal-safe
        // functions (open, fcntl, write, pause) until it is killed.
        unsafe {
            assert_eq!(libc::pipe(ready.as_mut_ptr()), 0);
            let child = libc::fork();
            assert!(child >= 0, "fork");
            if child == 0 {
                let fd = libc::open(path.as_ptr(), libc::O_RDWR);
                let lock = libc::flock {
                    l_type: libc::F_WRLCK as libc::c_short,
                    l_whence: libc::SEEK_SET as libc::c_short,
                    l_start: 123,
                    l_len: 5,
                    l_pid: 0,
                };
                let ok = u8::from(fd >= 0 && libc::fcntl(fd, libc::F_SETLKW, &lock) == 0);
                libc::write(ready[1], (&ok as *const u8).cast(), 1);
                loop {
                    libc::pause();
                }
            }
            let mut ok = 0u8;
            libc::read(ready[0], (&mut ok as *mut u8).cast(), 1);
            libc::close(ready[0]);
            libc::close(ready[1]);
            assert_eq!(ok, 1, "the child holds the read locks");
            Self { child }
        }
    }

    fn release(&mut self) {
        // SAFETY: our own child; waited for so it leaves no zombie.
        unsafe {
            libc::kill(self.child, libc::SIGKILL);
            libc::waitpid(self.child, std::ptr::null_mut(), 0);
        }
    }
}
