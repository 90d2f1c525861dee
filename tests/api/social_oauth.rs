//! Social accounts through OAuth (API.md §8.3), against a fake platform on 127.0.0.1: connect,
//! callback, refused and replayed states, the sync pass (refresh, readings, trend insights) and
//! two instances.

use exclusive_talent::db::entities::{Platform, oauth_state, social_account_connection as social};
use exclusive_talent::db::queries::social_sync::{self, Figures};
use exclusive_talent::social::sync::{Outcome, PassReport, When, run_pass};
use reqwest::Url;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::fake_platform::FakePlatform;
use crate::helpers::{TestApp, TestUser};
use crate::portal::PortalClient;

async fn spawn(fake: &FakePlatform) -> TestApp {
    let fake = fake.clone();
    TestApp::spawn_with(move |c| fake.configure(c, Platform::Youtube)).await
}

/// A client that shows redirects instead of following them, as a test of a browser's steps.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// `POST /socials/connect {"platform"}`: the authorize URL.
async fn begin(app: &TestApp, creator: &TestUser, platform: &str) -> Url {
    let res = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({ "platform": platform }),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let url = res.body["authorizeUrl"].as_str().expect("authorizeUrl");
    Url::parse(url).expect("an absolute URL")
}

fn param(url: &Url, name: &str) -> String {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The creator approves at the platform: its redirect back to us (the callback URL with a code).
async fn approve(authorize: &Url) -> String {
    let res = browser()
        .get(authorize.clone())
        .send()
        .await
        .expect("authorize");
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Follows the platform's redirect to `app`: (status, Location).
async fn callback(app: &TestApp, redirect: &str) -> (u16, String, String) {
    let url = Url::parse(redirect).expect("redirect URL");
    let path_and_query = format!("{}?{}", url.path(), url.query().unwrap_or_default());
    let res = browser()
        .get(format!("{}{path_and_query}", app.base))
        .send()
        .await
        .expect("callback");
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, location, res.text().await.unwrap_or_default())
}

async fn socials(app: &TestApp, creator: &TestUser) -> Value {
    let res = app.get("/api/creator/socials", &creator.token).await;
    assert_eq!(res.status, 200, "{}", res.text);
    res.body["items"].clone()
}

async fn connection(app: &TestApp, creator: &TestUser) -> Option<social::Model> {
    social::Entity::find()
        .filter(social::Column::CreatorId.eq(creator.talent_id.expect("talent")))
        .one(&app.db)
        .await
        .expect("read the connection")
}

fn assert_no_secret(fake: &FakePlatform, text: &str) {
    for secret in fake.secrets() {
        assert!(!text.contains(&secret), "a secret leaked into: {text}");
    }
}

/// Connects the creator's YouTube through the whole flow.
async fn connect_youtube(app: &TestApp, creator: &TestUser) {
    let authorize = begin(app, creator, "youtube").await;
    let (status, location, _) = callback(app, &approve(&authorize).await).await;
    assert_eq!((status, location.as_str()), (303, "/portal/socials"));
}

#[tokio::test]
async fn connect_then_callback_stores_the_account_and_shows_no_token() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("oauth").await;

    let authorize = begin(&app, &creator, "youtube").await;
    assert!(
        authorize
            .as_str()
            .starts_with(&format!("{}/authorize?", fake.base))
    );
    assert_eq!(param(&authorize, "code_challenge_method"), "S256");
    assert_eq!(param(&authorize, "response_type"), "code");
    assert_eq!(
        param(&authorize, "client_id"),
        crate::fake_platform::CLIENT_ID
    );
    assert_eq!(
        param(&authorize, "redirect_uri"),
        format!("{}/oauth/callback/youtube", app.state.config.public_url())
    );
    assert!(param(&authorize, "state").len() >= 16);
    assert!(!authorize.as_str().contains("code_verifier"));

    let (status, location, body) = callback(&app, &approve(&authorize).await).await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location, "/portal/socials");

    let items = socials(&app, &creator).await;
    assert_eq!(items.as_array().map(Vec::len), Some(1));
    assert_eq!(items[0]["platform"], "youtube");
    assert_eq!(items[0]["handle"], "janedoe");
    assert_eq!(items[0]["connected"], true);
    assert_eq!(items[0]["needsReconnect"], false);
    assert_no_secret(&fake, &items.to_string());
    let overview = app.get("/api/creator/overview", &creator.token).await;
    assert_no_secret(&fake, &overview.text);

    // Sealed at rest.
    let row = connection(&app, &creator).await.expect("connected");
    let stored = format!("{:?} {:?}", row.access_token, row.refresh_token);
    assert!(row.access_token.is_some() && row.refresh_token.is_some());
    assert_no_secret(&fake, &stored);
    // And no flow is left behind.
    assert!(
        oauth_state::Entity::find()
            .all(&app.db)
            .await
            .expect("states")
            .is_empty()
    );
}

#[tokio::test]
async fn an_unconfigured_platform_without_a_handle_is_422_and_v1_still_connects() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("v1").await;
    let res = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({ "platform": "tiktok" }),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert_eq!(res.error_fields(), vec!["handle"]);
    // Tokens without a handle are not a flow either.
    let res = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({ "platform": "youtube", "accessToken": "pasted" }),
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.text);
    let res = app
        .post(
            "/api/creator/socials/connect",
            &creator.token,
            json!({ "platform": "youtube", "handle": "direct" }),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["handle"], "direct");
}

#[tokio::test]
async fn a_replayed_expired_missing_or_foreign_state_is_400_and_changes_nothing() {
    let fake = FakePlatform::start().await;
    let app = {
        let fake = fake.clone();
        TestApp::spawn_with(move |c| {
            fake.configure(c, Platform::Youtube);
            fake.configure(c, Platform::X);
        })
        .await
    };
    let creator = app.creator("replay").await;

    // Replayed: the second use of a state is refused and the connection stays as the first left it.
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    assert_eq!(callback(&app, &redirect).await.0, 303);
    let before = connection(&app, &creator).await.expect("connected");
    let (status, _, body) = callback(&app, &redirect).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("state"), "{body}");
    assert_eq!(connection(&app, &creator).await, Some(before.clone()));

    // Foreign: a state begun for YouTube is refused at X's callback, and is still good for YouTube.
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    let foreign = redirect.replace("/oauth/callback/youtube", "/oauth/callback/x");
    assert_eq!(callback(&app, &foreign).await.0, 400);
    assert_eq!(connection(&app, &creator).await, Some(before.clone()));
    assert_eq!(callback(&app, &redirect).await.0, 303);

    // Expired: a state older than 10 minutes.
    let before = connection(&app, &creator).await;
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    oauth_state::Entity::update_many()
        .col_expr(
            oauth_state::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(&app.db)
        .await
        .expect("age the state");
    assert_eq!(callback(&app, &redirect).await.0, 400);
    assert_eq!(connection(&app, &creator).await, before);

    // Unknown or missing.
    let unknown = redirect.replace(&format!("state={}", state_of(&redirect)), "state=forged");
    assert_eq!(callback(&app, &unknown).await.0, 400);
    let (status, _, body) = callback(&app, &format!("{}/oauth/callback/youtube", app.base)).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(connection(&app, &creator).await, before);
}

fn state_of(redirect: &str) -> String {
    param(&Url::parse(redirect).expect("url"), "state")
}

#[tokio::test]
async fn a_provider_error_or_a_refused_exchange_leaves_the_connection_as_it_was() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("refused").await;

    // The creator said no at the platform.
    let authorize = begin(&app, &creator, "youtube").await;
    let denied = format!(
        "{}/oauth/callback/youtube?error=access_denied&state={}",
        app.base,
        param(&authorize, "state")
    );
    let (status, location, _) = callback(&app, &denied).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/portal/socials?failed=youtube")
    );
    assert!(connection(&app, &creator).await.is_none());

    // The token endpoint refuses the code.
    fake.with(|f| f.refuse_exchange = true);
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    let (status, location, _) = callback(&app, &redirect).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/portal/socials?failed=youtube")
    );
    assert!(connection(&app, &creator).await.is_none());

    // An earlier connection is kept as it was.
    fake.with(|f| f.refuse_exchange = false);
    connect_youtube(&app, &creator).await;
    let before = connection(&app, &creator).await;
    fake.with(|f| f.refuse_exchange = true);
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    assert_eq!(callback(&app, &redirect).await.0, 303);
    assert_eq!(connection(&app, &creator).await, before);
}

/// A reading of the creator's connection `days` ago, as an earlier sync would have kept.
async fn earlier_reading(app: &TestApp, creator: &TestUser, followers: i64, days: i64) {
    let row = connection(app, creator).await.expect("connected");
    let figures = Figures {
        followers: Some(followers),
        ..Figures::default()
    };
    let taken_at = chrono::Utc::now() - chrono::Duration::days(days);
    social_sync::insert_reading(&app.db, row.id, figures, taken_at)
        .await
        .expect("an earlier reading");
}

async fn pass(app: &TestApp) -> PassReport {
    run_pass(&app.state, When::Now, |_| {})
        .await
        .expect("the pass runs")
}

#[tokio::test]
async fn a_sync_pass_records_analytics_and_writes_one_trend_insight() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("sync").await;
    connect_youtube(&app, &creator).await;
    // Six days ago the channel had 1,000 subscribers; it has 1,150 now.
    earlier_reading(&app, &creator, 1000, 6).await;
    fake.with(|f| f.followers = 1150);

    let mut seen = Vec::new();
    let report = run_pass(&app.state, When::Now, |account| seen.push(account.outcome))
        .await
        .expect("pass");
    assert!(report.ran);
    assert_eq!(
        (
            report.accounts,
            report.synced,
            report.insights,
            report.failed
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(
        seen,
        vec![Outcome::Synced {
            refreshed: false,
            trend: true
        }]
    );

    let items = socials(&app, &creator).await;
    let stats = &items[0]["stats"];
    assert_eq!(stats["followers"], 1150);
    assert_eq!(stats["avgViews"], 3000); // 120,000 views over 40 videos
    assert_eq!(stats["engagementRate"], 0.0348); // (50 + 30) / 2 over 1,150
    assert!(items[0]["lastSyncedAt"].is_string());

    let insights = app.get("/api/creator/insights", &creator.token).await;
    let trends: Vec<&Value> = insights.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["insightType"] == "trend")
        .collect();
    assert_eq!(trends.len(), 1, "{}", insights.text);
    assert_eq!(trends[0]["title"], "YouTube followers up 15% this week");
    assert!(!insights.text.contains("1150") && !insights.text.contains("1,150"));
    assert!(trends[0].get("metadata").is_none());

    // A week at most one per platform: another big move writes none.
    fake.with(|f| f.followers = 900);
    let report = pass(&app).await;
    assert_eq!((report.synced, report.insights), (1, 0));
    let readings = exclusive_talent::db::entities::social_reading::Entity::find()
        .all(&app.db)
        .await
        .expect("readings");
    assert_eq!(
        readings.len(),
        3,
        "one reading per sync, plus the seeded one"
    );
}

#[tokio::test]
async fn a_small_move_writes_no_insight_and_a_failed_secondary_read_leaves_its_figure_null() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("secondary").await;
    connect_youtube(&app, &creator).await;
    earlier_reading(&app, &creator, 1000, 2).await;
    fake.with(|f| {
        f.followers = 1040;
        f.fail_videos = true;
    });
    let report = pass(&app).await;
    assert_eq!((report.synced, report.insights, report.failed), (1, 0, 0));
    let stats = socials(&app, &creator).await[0]["stats"].clone();
    assert_eq!(stats["followers"], 1040);
    assert_eq!(stats["avgViews"], 3000);
    assert!(stats["engagementRate"].is_null(), "{stats}");
}

async fn expire_soon(app: &TestApp, creator: &TestUser) {
    social::Entity::update_many()
        .col_expr(
            social::Column::ExpiresAt,
            Expr::value(Some(chrono::Utc::now() + chrono::Duration::hours(2))),
        )
        .filter(social::Column::CreatorId.eq(creator.talent_id.expect("talent")))
        .exec(&app.db)
        .await
        .expect("expire soon");
}

#[tokio::test]
async fn a_refused_refresh_sets_needs_reconnect_and_a_new_connect_clears_it() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("refresh").await;
    connect_youtube(&app, &creator).await;
    expire_soon(&app, &creator).await;
    fake.with(|f| f.refuse_refresh = true);

    let report = pass(&app).await;
    assert!(report.ran);
    assert_eq!((report.refresh_refused, report.synced), (1, 0));
    let items = socials(&app, &creator).await;
    assert_eq!(items[0]["needsReconnect"], true);
    assert_eq!(items[0]["connected"], true);
    // Not tried again until reconnected.
    assert_eq!(pass(&app).await.accounts, 0);

    fake.with(|f| f.refuse_refresh = false);
    connect_youtube(&app, &creator).await;
    assert_eq!(socials(&app, &creator).await[0]["needsReconnect"], false);
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_fails_the_account_without_asking_to_reconnect() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("down").await;
    connect_youtube(&app, &creator).await;
    expire_soon(&app, &creator).await;
    fake.with(|f| f.token_down = true);
    let report = pass(&app).await;
    assert_eq!((report.failed, report.refresh_refused), (1, 0));
    assert_eq!(socials(&app, &creator).await[0]["needsReconnect"], false);
    // Tried again at the next pass, which succeeds.
    fake.with(|f| f.token_down = false);
    let report = pass(&app).await;
    assert_eq!((report.synced, report.refreshed), (1, 1));
}

#[tokio::test]
async fn a_refresh_without_a_new_refresh_token_keeps_the_stored_one() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("keep").await;
    connect_youtube(&app, &creator).await;
    let talent = creator.talent_id.expect("talent");
    let before = exclusive_talent::db::queries::socials::tokens_for_sync(
        &app.db,
        &app.state.tokens,
        talent,
        Platform::Youtube,
    )
    .await
    .expect("tokens")
    .expect("a connection");
    expire_soon(&app, &creator).await;
    fake.with(|f| f.refresh_without_refresh_token = true);

    let mut seen = Vec::new();
    run_pass(&app.state, When::Now, |a| seen.push(a.outcome))
        .await
        .expect("pass");
    assert_eq!(
        seen,
        vec![Outcome::Synced {
            refreshed: true,
            trend: false
        }]
    );
    let after = exclusive_talent::db::queries::socials::tokens_for_sync(
        &app.db,
        &app.state.tokens,
        talent,
        Platform::Youtube,
    )
    .await
    .expect("tokens")
    .expect("a connection");
    assert_ne!(after.access_token, before.access_token);
    assert_eq!(after.refresh_token, before.refresh_token);
    let row = connection(&app, &creator).await.expect("connected");
    assert!(row.expires_at.expect("expiry") > chrono::Utc::now() + chrono::Duration::minutes(50));
}

#[tokio::test]
async fn the_callback_finishes_on_the_instance_that_did_not_begin_the_flow() {
    let fake = FakePlatform::start().await;
    let first = spawn(&fake).await;
    let second = {
        let fake = fake.clone();
        first
            .sibling(move |c| fake.configure(c, Platform::Youtube))
            .await
    };
    let creator = first.creator("two").await;
    let redirect = approve(&begin(&first, &creator, "youtube").await).await;
    let (status, location, body) = callback(&second, &redirect).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/portal/socials"),
        "{body}"
    );
    assert_eq!(socials(&first, &creator).await[0]["handle"], "janedoe");
}

#[tokio::test]
#[cfg_attr(not(test_redis), ignore = "needs TEST_REDIS_URL (.ci/run sets it)")]
async fn through_redis_the_callback_finishes_on_the_other_instance_once() {
    let redis = crate::helpers::test_redis_url();
    let fake = FakePlatform::start().await;
    let first = {
        let (fake, redis) = (fake.clone(), redis.clone());
        TestApp::spawn_with(move |c| {
            fake.configure(c, Platform::Youtube);
            c.redis_url = Some(redis);
        })
        .await
    };
    let second = {
        let fake = fake.clone();
        first
            .sibling(move |c| {
                fake.configure(c, Platform::Youtube);
                c.redis_url = Some(redis);
            })
            .await
    };
    let creator = first.creator("redis").await;
    let redirect = approve(&begin(&first, &creator, "youtube").await).await;
    // Kept in Redis, not in the database.
    assert!(
        oauth_state::Entity::find()
            .all(&first.db)
            .await
            .expect("states")
            .is_empty()
    );
    let (status, location, body) = callback(&second, &redirect).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/portal/socials"),
        "{body}"
    );
    assert_eq!(
        callback(&first, &redirect).await.0,
        400,
        "single-use across instances"
    );
    assert_eq!(socials(&second, &creator).await[0]["handle"], "janedoe");
}

#[tokio::test]
async fn two_instances_running_a_pass_at_once_run_it_once() {
    let fake = FakePlatform::start().await;
    let first = spawn(&fake).await;
    let second = {
        let fake = fake.clone();
        first
            .sibling(move |c| fake.configure(c, Platform::Youtube))
            .await
    };
    for name in ["a", "b", "c"] {
        let creator = first.creator(name).await;
        connect_youtube(&first, &creator).await;
    }
    let reads_before = fake.with(|f| f.channel_reads);
    let (one, two) = tokio::join!(pass(&first), pass(&second));
    assert_eq!(
        u8::from(one.ran) + u8::from(two.ran),
        1,
        "exactly one pass ran: {one:?} {two:?}"
    );
    assert_eq!(one.synced + two.synced, 3);
    assert_eq!(
        fake.with(|f| f.channel_reads) - reads_before,
        3,
        "each account read once"
    );

    // A periodic pass is not due right after one finished, on any instance.
    let due = run_pass(
        &second.state,
        When::Due(std::time::Duration::from_secs(3600)),
        |_| {},
    )
    .await
    .expect("pass");
    assert!(!due.ran);
}

#[tokio::test]
async fn the_portal_offers_connect_with_the_platform_and_sends_the_browser_there() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("portal").await;
    let portal = PortalClient::with_token(&app, &creator.token);
    let page = portal.get("/portal/socials").await;
    assert_eq!(page.status, 200);
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(
        csp.ends_with(&format!("form-action 'self' {}", fake.base)),
        "{csp}"
    );
    assert!(page.html.contains("Connect with YouTube"), "{}", page.html);
    assert!(!page.html.contains("Connect with TikTok"));
    // Every other page keeps the strict policy.
    let other = portal.get("/portal/goals").await;
    assert!(
        other.headers["content-security-policy"]
            .to_str()
            .expect("csp")
            .ends_with("form-action 'self'")
    );

    let answer = portal
        .post(
            "/portal/socials",
            "/portal/socials/connect",
            &[("platform", "youtube")],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.html);
    let location = answer.location().expect("location").to_owned();
    assert!(
        location.starts_with(&format!("{}/authorize?", fake.base)),
        "{location}"
    );
    let redirect = approve(&Url::parse(&location).expect("url")).await;
    let (status, location, _) = callback(&app, &redirect).await;
    assert_eq!((status, location.as_str()), (303, "/portal/socials"));
    let page = portal.get("/portal/socials").await;
    assert!(page.html.contains("@janedoe"), "{}", page.html);
    assert_no_secret(&fake, &page.html);

    let failed = portal.get("/portal/socials?failed=youtube").await;
    assert!(failed.html.contains("Connecting YouTube did not finish"));
}

/// `exclusive-talent sync`: one pass, a line per account, exit 0 even when an account fails;
/// nothing it prints (or logs, at debug) holds a code, a token or the client secret.
#[tokio::test]
async fn the_sync_command_runs_a_pass_and_prints_no_secret() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let creator = app.creator("cli").await;
    connect_youtube(&app, &creator).await;
    let other = app.creator("cli-refused").await;
    connect_youtube(&app, &other).await;
    expire_soon(&app, &other).await;
    // The second account's refresh is refused; the first needs none.
    let refresh = exclusive_talent::db::queries::socials::tokens_for_sync(
        &app.db,
        &app.state.tokens,
        other.talent_id.expect("talent"),
        Platform::Youtube,
    )
    .await
    .expect("tokens")
    .and_then(|t| t.refresh_token)
    .expect("a refresh token");
    fake.with(|f| f.secrets.push(refresh.clone()));
    fake.with(|f| f.refuse_refresh = true);

    let run = |args: &[&str]| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_exclusive-talent"))
            .args(args)
            .env("DATABASE_URL", &app.database_url)
            .env("JWT_SECRET", exclusive_talent::config::TESTING_JWT_SECRET)
            .env(
                "TOKEN_ENCRYPTION_KEY",
                base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [7u8; 32]),
            )
            .env("OAUTH_YOUTUBE_CLIENT_ID", crate::fake_platform::CLIENT_ID)
            .env(
                "OAUTH_YOUTUBE_CLIENT_SECRET",
                crate::fake_platform::CLIENT_SECRET,
            )
            .env(
                "OAUTH_YOUTUBE_AUTHORIZE_URL",
                format!("{}/authorize", fake.base),
            )
            .env("OAUTH_YOUTUBE_TOKEN_URL", format!("{}/token", fake.base))
            .env("OAUTH_YOUTUBE_API_URL", format!("{}/youtube/v3", fake.base))
            .env("RUST_LOG", "debug")
            .output()
    };
    let output = run(&["sync"]).await.expect("run the binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("YouTube @janedoe: synced"), "{stdout}");
    assert!(
        stdout.contains("refresh refused: needs reconnecting"),
        "{stdout}"
    );
    assert!(stdout.contains("2 accounts, 1 synced"), "{stdout}");
    assert_no_secret(&fake, &stdout);
    assert_no_secret(&fake, &stderr);
    assert_eq!(socials(&app, &other).await[0]["needsReconnect"], true);

    let help = run(&["sync", "--help"]).await.expect("run the binary");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("refreshed") && help.contains("trend"),
        "{help}"
    );
    assert!(help.contains("Exits 0 once the pass has run"), "{help}");
    assert_no_secret(&fake, &help);
}

#[tokio::test]
async fn a_flow_begun_before_the_creator_was_erased_connects_nothing() {
    let fake = FakePlatform::start().await;
    let app = spawn(&fake).await;
    let admin = app.admin().await;
    let creator = app.creator("erased").await;
    let redirect = approve(&begin(&app, &creator, "youtube").await).await;
    let talent = creator.talent_id.expect("talent");
    let erased = app
        .post(
            &format!("/api/admin/talents/{talent}/erase"),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(erased.status, 200, "{}", erased.text);
    assert_eq!(callback(&app, &redirect).await.0, 400);
    assert!(connection(&app, &creator).await.is_none());
}

/// `serve`'s periodic pass is one job of the job runner, however many instances schedule it: one
/// instance's runner claims it, runs the pass and puts it back an interval later.
#[tokio::test]
async fn the_periodic_pass_is_one_job_across_instances() {
    use exclusive_talent::db::entities::job;
    use exclusive_talent::social::sync::{JOB, schedule};
    let fake = FakePlatform::start().await;
    let configure = |fake: FakePlatform| {
        move |c: &mut exclusive_talent::config::Config| {
            fake.configure(c, Platform::Youtube);
            c.social.social_sync_interval_secs = 3600;
        }
    };
    let first = TestApp::spawn_with(configure(fake.clone())).await;
    let second = first.sibling(configure(fake.clone())).await;
    let creator = first.creator("periodic").await;
    connect_youtube(&first, &creator).await;
    let reads_before = fake.with(|f| f.channel_reads);

    assert!(schedule(&first.state).await.expect("schedule"));
    assert!(!schedule(&second.state).await.expect("schedule"), "one job");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while socials(&first, &creator).await[0]["lastSyncedAt"].is_null() {
        assert!(std::time::Instant::now() < deadline, "the job did not run");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    // Put back for an interval later, once; the pass read the account once.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let jobs = job::Entity::find()
            .filter(job::Column::Kind.eq(JOB))
            .all(&first.db)
            .await
            .expect("jobs");
        assert_eq!(jobs.len(), 1);
        if jobs[0].run_at > chrono::Utc::now() + chrono::Duration::minutes(50) {
            assert_eq!(jobs[0].payload, json!({}));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not rescheduled");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(fake.with(|f| f.channel_reads) - reads_before, 1);
}
