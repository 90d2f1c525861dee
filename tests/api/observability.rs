//! A service one can watch: an access log line per request naming its route, status, latency
//! and caller (in JSON when asked), `/readyz` 503 while draining, process and build metrics.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::TestApp;

#[tokio::test]
async fn readyz_is_503_while_draining_and_requests_are_still_answered() {
    let mut app = TestApp::spawn_with(|config| config.shutdown_grace_secs = 3).await;
    assert_eq!(
        app.request(Method::GET, "/readyz", None, None).await.status,
        200
    );
    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let ready = app.request(Method::GET, "/readyz", None, None).await;
    assert_eq!(ready.status, 503, "{}", ready.text);
    assert_eq!(ready.content_type(), "application/problem+json");
    assert_eq!(
        app.request(Method::GET, "/healthz", None, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn metrics_carry_process_and_build_info() {
    let app = TestApp::spawn().await;
    let metrics = app.request(Method::GET, "/metrics", None, None).await.text;
    for family in [
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
        "process_open_fds",
    ] {
        assert!(metrics.contains(family), "{family}");
    }
    let build = format!(
        "exclusive_talent_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    assert!(metrics.contains(&build), "{metrics}");
}

#[tokio::test]
async fn a_creator_request_logs_its_route_status_latency_and_caller_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_exclusive-talent"))
        .args(["serve", "--demo"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.path().join("log.db").display()),
        )
        .env("BIND", "127.0.0.1:0")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env_remove("JWT_SECRET")
        .env_remove("TOKEN_ENCRYPTION_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stdout = server.stdout.take().unwrap();
    let base = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            line.split_once("listening on ")
                .and_then(|(_, rest)| rest.split_whitespace().next().map(str::to_owned))
        })
        .expect("the server says where it listens");
    let client = reqwest::Client::new();
    let login: Value = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"email": "maya@demo.agency", "password": "demo-password-2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap();
    let goals = client
        .get(format!("{base}/api/creator/goals"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(goals.status(), 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let _ = server.kill();
    let mut stderr = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let _ = server.wait();

    let lines: Vec<Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let access = lines
        .iter()
        .find(|line| {
            line["fields"]["message"] == "answered" && line["span"]["route"] == "/api/creator/goals"
        })
        .unwrap_or_else(|| panic!("no access line: {stderr}"));
    assert_eq!(access["level"], "INFO");
    assert_eq!(access["fields"]["status"], 200);
    assert!(access["fields"]["latency_ms"].as_f64().is_some());
    assert_eq!(access["span"]["method"], "GET");
    assert_eq!(access["span"]["user_id"], login["user"]["id"]);
    assert_eq!(access["span"]["talent_id"], login["user"]["talentId"]);
    assert!(!stderr.contains(token), "no token in the logs");
    assert!(
        !stderr.contains("demo-password-2026"),
        "no password in the logs"
    );
}
