//! Redis shares rate limits between instances; when it is down, nothing fails.

use crate::helpers::{DEAD_REDIS_URL, PASSWORD, TestApp, test_redis_url};

#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn login_failures_on_one_instance_lock_the_email_on_another() {
    let redis = test_redis_url();
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

#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn when_redis_returns_instances_share_state_again() {
    let redis = test_redis_url();
    let target: std::net::SocketAddr = redis
        .trim_start_matches("redis://")
        .trim_end_matches('/')
        .parse()
        .expect("TEST_REDIS_URL as redis://host:port/");
    let proxy = crate::proxy::Proxy::start(target).await;
    let through_proxy = format!("redis://{}/", proxy.address);
    let first = TestApp::spawn_with(|c| c.redis_url = Some(through_proxy.clone())).await;
    let second = first
        .sibling(|c| c.redis_url = Some(through_proxy.clone()))
        .await;
    let agent = first.agent().await;

    proxy.cut();
    // Redis down: nothing fails.
    assert_eq!(
        first.login(&agent.email, "wrong-password").await.status,
        401
    );
    assert_eq!(second.get("/api/auth/me", &agent.token).await.status, 200);

    proxy.restore();
    // Back within a few seconds (the connection is retried every 2 s): failures counted on one
    // instance lock the email on the other again.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let victim = first.agent().await;
    loop {
        for _ in 0..10 {
            first.login(&victim.email, "wrong-password").await;
        }
        if second.login(&victim.email, PASSWORD).await.status == 429 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Redis was not used again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

/// API.md §8.1 through Redis: concurrent wrong logins on two instances share the 10 slots.
#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn the_login_throttle_holds_under_concurrency_across_instances() {
    use futures::StreamExt;
    let redis = test_redis_url();
    let first = TestApp::spawn_with(|c| c.redis_url = Some(redis.clone())).await;
    let second = first.sibling(|c| c.redis_url = Some(redis.clone())).await;
    let agent = first.agent().await;
    let statuses: Vec<u16> = futures::stream::iter(0..60)
        .map(|i| {
            let app = if i % 2 == 0 { &first } else { &second };
            let email = agent.email.clone();
            async move { app.login(&email, "a-wrong-password").await.status }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let checked = statuses.iter().filter(|&&s| s == 401).count();
    assert!(checked <= 10, "{checked} checked: {statuses:?}");
    assert_eq!(checked + statuses.iter().filter(|&&s| s == 429).count(), 60);
    assert_eq!(second.login(&agent.email, PASSWORD).await.status, 429);
}
