//! Redis shares rate limits between instances; when it is down, nothing fails.

use crate::helpers::{DEAD_REDIS_URL, PASSWORD, TestApp, test_redis_url};

#[tokio::test]
async fn login_failures_on_one_instance_lock_the_email_on_another() {
    let Some(redis) = test_redis_url() else {
        return;
    };
    let first = TestApp::spawn_with(|c| c.redis_url = Some(redis.clone())).await;
    let second = first.sibling(|c| c.redis_url = Some(redis.clone())).await;
    let agent = first.agent().await;
    for _ in 0..10 {
        assert_eq!(
            first.login(&agent.email, "wrong-password").await.status,
            401
        );
    }
    let locked = second.login(&agent.email, PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.text);
    assert!(locked.header("retry-after").is_some());
}

#[tokio::test]
async fn with_redis_down_logins_and_the_throttle_still_work_in_process() {
    let app = TestApp::spawn_with(|c| c.redis_url = Some(DEAD_REDIS_URL.to_owned())).await;
    let agent = app.agent().await;
    assert_eq!(app.get("/api/auth/me", &agent.token).await.status, 200);
    for _ in 0..10 {
        assert_eq!(app.login(&agent.email, "wrong-password").await.status, 401);
    }
    assert_eq!(app.login(&agent.email, PASSWORD).await.status, 429);
}
