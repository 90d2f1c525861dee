//! The binary itself: `create-user` reads the password from stdin and prints the id; the user
//! then signs in to a running service and `/api/auth/me` accepts the token.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::helpers::TestApp;

#[tokio::test]
async fn create_user_then_login_then_me() {
    let app = TestApp::spawn().await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_exclusive-talent"))
        .args([
            "create-user",
            "--email",
            "Cli.User@Agency.test",
            "--name",
            "Cli User",
            "--role",
            "agent",
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the binary");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a-long-cli-password\n")
        .expect("write the password");
    let output = child.wait_with_output().expect("wait for create-user");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let id = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(
        uuid::Uuid::parse_str(&id).is_ok(),
        "prints the new id: {id}"
    );

    let login = app
        .login("cli.user@agency.test", "a-long-cli-password")
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    let me = app
        .get("/api/auth/me", login.body["token"].as_str().unwrap())
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], id);
    assert_eq!(me.body["role"], "agent");
}

#[tokio::test]
async fn create_user_refuses_a_short_password_and_a_taken_email() {
    let app = TestApp::spawn().await;
    let run = |email: &str, password: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exclusive-talent"))
            .args([
                "create-user",
                "--email",
                email,
                "--name",
                "X",
                "--role",
                "admin",
            ])
            .env("DATABASE_URL", &app.database_url)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run the binary");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(password)
            .expect("write");
        child.wait().expect("wait").success()
    };
    assert!(!run("short@agency.test", b"short\n"));
    assert!(run("taken@agency.test", b"long-enough-password\n"));
    assert!(!run("TAKEN@agency.test", b"long-enough-password\n"));
}
