//! API.md §8.2: the creator portal's pages, over HTTP as a browser without JavaScript would
//! use them (the browser test, `.ci/browser`, drives them in Chromium).

use exclusive_talent::db::entities::{EventStatus, TaskStatus};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::json;

use crate::fixtures;
use crate::helpers::{PASSWORD, TestApp, TestUser};

/// A browser's view of the portal: its session cookie, no redirects followed.
pub struct PortalClient<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
    pub cookie: Option<String>,
}

/// A page's answer.
pub struct PageAnswer {
    pub status: u16,
    pub headers: HeaderMap,
    pub html: String,
}

impl PageAnswer {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// The CSRF proof the page's forms carry.
    pub fn csrf(&self) -> String {
        let start = self
            .html
            .find(r#"name="csrf" value=""#)
            .expect("a form with its proof")
            + r#"name="csrf" value=""#.len();
        let end = self.html[start..].find('"').expect("end of the proof");
        self.html[start..start + end].to_owned()
    }
}

impl<'a> PortalClient<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookie: None,
        }
    }

    /// Signed in with an API token (the session cookie holds one).
    pub fn with_token(app: &'a TestApp, token: &str) -> Self {
        let mut portal = Self::new(app);
        portal.cookie = Some(format!("portal_session={token}"));
        portal
    }

    async fn send(&self, method: Method, path: &str, form: Option<&[(&str, &str)]>) -> PageAnswer {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.app.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(form) = form {
            request = request.form(form);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let html = response.text().await.unwrap_or_default();
        PageAnswer {
            status,
            headers,
            html,
        }
    }

    pub async fn get(&self, path: &str) -> PageAnswer {
        self.send(Method::GET, path, None).await
    }

    /// Posts a form as is (no proof added).
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> PageAnswer {
        self.send(Method::POST, path, Some(form)).await
    }

    /// Posts a form with the proof of the page at `from`, as the browser would.
    pub async fn post(&self, from: &str, path: &str, form: &[(&str, &str)]) -> PageAnswer {
        let csrf = self.get(from).await.csrf();
        let mut fields = vec![("csrf", csrf.as_str())];
        fields.extend_from_slice(form);
        self.send(Method::POST, path, Some(&fields)).await
    }

    /// Signs in through the login form, keeping the session cookie.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> PageAnswer {
        let answer = self
            .post_raw("/portal/login", &[("email", email), ("password", password)])
            .await;
        if let Some(cookie) = answer
            .headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            && let Some(pair) = cookie.split(';').next()
        {
            self.cookie = Some(pair.to_owned());
        }
        answer
    }
}

/// Every page of the navigation.
pub fn page_paths() -> Vec<String> {
    exclusive_talent::pages::NAVIGATION
        .iter()
        .map(|(url, _)| url.to_string())
        .collect()
}

async fn signed_in<'a>(app: &'a TestApp, creator: &TestUser) -> PortalClient<'a> {
    let mut portal = PortalClient::new(app);
    let answer = portal.sign_in(&creator.email, PASSWORD).await;
    assert_eq!(answer.status, 303, "{}", answer.html);
    portal
}

#[tokio::test]
async fn signed_out_every_page_leads_to_the_sign_in_form() {
    let app = TestApp::spawn().await;
    let portal = PortalClient::new(&app);
    let root = portal.get("/").await;
    assert_eq!((root.status, root.location()), (303, Some("/portal")));
    for path in page_paths() {
        let page = portal.get(&path).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.location(), Some("/portal/login"), "{path}");
    }
    let login = portal.get("/portal/login").await;
    assert_eq!(login.status, 200);
    for label in [
        r#"<label for="email">Email</label>"#,
        r#"<label for="password">Password</label>"#,
        ">Sign in</button>",
    ] {
        assert!(login.html.contains(label), "{label}");
    }
}

#[tokio::test]
async fn a_creator_signs_in_and_every_page_renders_under_a_strict_policy() {
    let app = TestApp::spawn().await;
    let creator = app.creator("pageant").await;
    let mut portal = PortalClient::new(&app);
    let answer = portal.sign_in(&creator.email, PASSWORD).await;
    assert_eq!((answer.status, answer.location()), (303, Some("/portal")));
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    for attribute in ["portal_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback: {cookie}"
    );

    for path in page_paths() {
        let page = portal.get(&path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.html);
        assert!(
            page.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(page.headers["cache-control"], "no-store", "{path}");
        let policy = page.headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("default-src 'self'"), "{policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"));
        assert!(
            !page.html.contains("<script>") && !page.html.contains(" style="),
            "{path}"
        );
        assert!(page.html.contains(">Sign out</button>"), "{path}");
        assert!(page.html.contains(r#"aria-current="page""#), "{path}");
    }
    let overview = portal.get("/portal").await;
    assert!(overview.html.contains(&creator.email), "names the creator");
    for (section, link) in [
        ("Goals", "/portal/goals"),
        ("Events", "/portal/events"),
        ("Tasks", "/portal/tasks"),
        ("Revenue", "/portal/revenue"),
        ("Deals", "/portal/deals"),
        ("Socials", "/portal/socials"),
        ("Insights", "/portal/insights"),
        ("Wellness", "/portal/wellness"),
        ("Notifications", "/portal/notifications"),
    ] {
        let heading = format!(r#"-heading">{section}"#);
        assert!(overview.html.contains(&heading), "{section}");
        assert!(
            overview.html.contains(&format!(r#"href="{link}""#)),
            "{link}"
        );
    }
    // The page's own script asks for the main content alone.
    let partial = app
        .client
        .get(format!("{}/portal/events", app.base))
        .header("cookie", portal.cookie.clone().unwrap())
        .header("hx-request", "true")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(partial.contains("<h1>Events</h1>") && !partial.contains("<html"));
    // Assets are served under their hashed names, kept a year.
    let stylesheet = overview
        .html
        .split(r#"rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let css = portal.get(&stylesheet).await;
    assert_eq!(css.status, 200);
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
}

#[tokio::test]
async fn failed_throttled_and_staff_sign_ins_make_no_session() {
    let app = TestApp::spawn().await;
    let creator = app.creator("locked").await;
    let agent = app.agent().await;
    let mut portal = PortalClient::new(&app);

    let staff = portal.sign_in(&agent.email, PASSWORD).await;
    assert_eq!(staff.status, 403);
    assert!(
        staff.html.contains("role=\"alert\"")
            && staff.html.contains("This portal is for the agency")
    );
    assert!(staff.headers.get("set-cookie").is_none());

    let wrong = portal.sign_in(&creator.email, "not-the-password").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.html.contains("role=\"alert\""));
    assert!(wrong.headers.get("set-cookie").is_none());
    for _ in 0..9 {
        portal.sign_in(&creator.email, "not-the-password").await;
    }
    let throttled = portal.sign_in(&creator.email, PASSWORD).await;
    assert_eq!(throttled.status, 429, "the throttle is the API's");
    assert!(throttled.headers.get("retry-after").is_some());
    assert!(throttled.html.contains("Try again in"));
    assert!(throttled.headers.get("set-cookie").is_none());
}

#[tokio::test]
async fn every_action_works_as_a_form_post_and_a_redirect() {
    let app = TestApp::spawn().await;
    let creator = app.creator("actor").await;
    let staff = app.agent().await;
    let talent = creator.talent_id.unwrap();
    let to_accept = fixtures::event(&app, talent, Some(staff.id), |_| {}).await;
    let to_decline = fixtures::event(&app, talent, Some(staff.id), |_| {}).await;
    let task = fixtures::task(&app, talent, Some(staff.id), |_| {}).await;
    let insight = fixtures::insight(&app, talent, |_| {}).await;
    let notification = fixtures::notification(&app, creator.id, "Hello").await;
    let portal = signed_in(&app, &creator).await;
    let see = |answer: &crate::portal::PageAnswer, to: &str| {
        assert_eq!(answer.status, 303, "{}", answer.html);
        assert_eq!(answer.location(), Some(to));
    };

    let accept = format!("/portal/events/{}/accept", to_accept.id);
    see(
        &portal
            .post("/portal/events", &accept, &[("notes", "See you there")])
            .await,
        "/portal/events",
    );
    let decline = format!("/portal/events/{}/decline", to_decline.id);
    see(
        &portal
            .post("/portal/events", &decline, &[("reason", "Travelling")])
            .await,
        "/portal/events",
    );
    let events = app.get("/api/creator/events", &creator.token).await;
    let status_of = |id: uuid::Uuid| {
        events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id.to_string())
            .map(|e| {
                (
                    e["status"].clone(),
                    e["creatorNotes"].clone(),
                    e["declineReason"].clone(),
                )
            })
            .unwrap()
    };
    assert_eq!(
        status_of(to_accept.id),
        (
            json!(EventStatus::Accepted),
            json!("See you there"),
            json!(null)
        )
    );
    assert_eq!(
        status_of(to_decline.id),
        (
            json!(EventStatus::Declined),
            json!(null),
            json!("Travelling")
        )
    );

    see(
        &portal
            .post(
                "/portal/tasks",
                &format!("/portal/tasks/{}/complete", task.id),
                &[],
            )
            .await,
        "/portal/tasks",
    );
    let tasks = app.get("/api/creator/tasks", &creator.token).await;
    assert_eq!(
        tasks.body["items"][0]["status"],
        json!(TaskStatus::Completed)
    );

    let add = portal
        .post(
            "/portal/goals",
            "/portal/goals",
            &[
                ("title", "Launch a podcast"),
                ("goal_type", "content"),
                ("target", "12"),
                ("timeframe", "this year"),
            ],
        )
        .await;
    see(&add, "/portal/goals");
    let goals = app.get("/api/creator/goals", &creator.token).await;
    let goal = &goals.body["items"][0];
    assert_eq!(
        (
            goal["title"].clone(),
            goal["targetValue"].clone(),
            goal["timeframe"].clone()
        ),
        (json!("Launch a podcast"), json!(12.0), json!("this year"))
    );
    let goal_id = goal["id"].as_str().unwrap().to_owned();
    see(
        &portal
            .post(
                "/portal/goals",
                &format!("/portal/goals/{goal_id}"),
                &[("progress", "40")],
            )
            .await,
        "/portal/goals",
    );
    let goals = app.get("/api/creator/goals", &creator.token).await;
    assert_eq!(goals.body["items"][0]["progress"], json!(0.4));
    see(
        &portal
            .post(
                "/portal/goals",
                &format!("/portal/goals/{goal_id}/archive"),
                &[],
            )
            .await,
        "/portal/goals",
    );
    let goals = app.get("/api/creator/goals", &creator.token).await;
    assert_eq!(goals.body["items"], json!([]));

    see(
        &portal
            .post(
                "/portal/socials",
                "/portal/socials/connect",
                &[("platform", "youtube"), ("handle", "@actorchannel")],
            )
            .await,
        "/portal/socials",
    );
    let socials = app.get("/api/creator/socials", &creator.token).await;
    assert_eq!(
        (
            socials.body["items"][0]["handle"].clone(),
            socials.body["items"][0]["connected"].clone()
        ),
        (json!("actorchannel"), json!(true))
    );
    see(
        &portal
            .post(
                "/portal/socials",
                "/portal/socials/disconnect",
                &[("platform", "youtube")],
            )
            .await,
        "/portal/socials",
    );
    let socials = app.get("/api/creator/socials", &creator.token).await;
    assert_eq!(socials.body["items"][0]["connected"], json!(false));

    see(
        &portal
            .post(
                "/portal/insights",
                &format!("/portal/insights/{}/read", insight.id),
                &[],
            )
            .await,
        "/portal/insights",
    );
    let insights = app.get("/api/creator/insights", &creator.token).await;
    assert_eq!(insights.body["items"][0]["isRead"], json!(true));

    see(
        &portal
            .post(
                "/portal/wellness",
                "/portal/wellness",
                &[
                    ("energy", "4"),
                    ("workload", "busy"),
                    ("notes", "Long week"),
                ],
            )
            .await,
        "/portal/wellness",
    );
    let wellness = app
        .get("/api/creator/wellness-history", &creator.token)
        .await;
    assert_eq!(
        (
            wellness.body["items"][0]["energyLevel"].clone(),
            wellness.body["items"][0]["workload"].clone()
        ),
        (json!(4), json!("busy"))
    );

    see(
        &portal
            .post(
                "/portal/assistant",
                "/portal/assistant",
                &[("question", "What is on my schedule?")],
            )
            .await,
        "/portal/assistant",
    );
    let history = app.get("/api/creator/ai/history", &creator.token).await;
    let entry = history.body["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        history.body["items"][0]["prompt"],
        "What is on my schedule?"
    );
    see(
        &portal
            .post(
                "/portal/assistant",
                &format!("/portal/assistant/{entry}/rate"),
                &[("helpful", "true")],
            )
            .await,
        "/portal/assistant",
    );
    let history = app.get("/api/creator/ai/history", &creator.token).await;
    assert_eq!(history.body["items"][0]["helpful"], json!(true));

    see(
        &portal
            .post(
                "/portal/notifications",
                &format!("/portal/notifications/{}/read", notification.id),
                &[],
            )
            .await,
        "/portal/notifications",
    );
    let notifications = app.get("/api/creator/notifications", &creator.token).await;
    let read = notifications.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == notification.id.to_string())
        .unwrap();
    assert!(read["readAt"].is_string());

    // What a page refuses, it says on a page of its own: the API's rules, the fields named.
    let bad = portal
        .post(
            "/portal/goals",
            "/portal/goals",
            &[("title", " "), ("goal_type", "content"), ("target", "lots")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.html.contains("role=\"alert\"")
            && bad.html.contains("Target value")
            && bad.html.contains("Request id")
    );
}

#[tokio::test]
async fn a_post_without_its_csrf_proof_is_403_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let creator = app.creator("guarded").await;
    let other = app.creator("other").await;
    let talent = creator.talent_id.unwrap();
    let event = fixtures::event(&app, talent, None, |_| {}).await;
    let portal = signed_in(&app, &creator).await;
    let path = format!("/portal/events/{}/accept", event.id);
    let missing = portal.post_raw(&path, &[("notes", "forged")]).await;
    assert_eq!(missing.status, 403);
    // Another session's proof is no proof either.
    let others = signed_in(&app, &other).await;
    let foreign = others.get("/portal/events").await.csrf();
    let wrong = portal
        .post_raw(&path, &[("csrf", foreign.as_str()), ("notes", "forged")])
        .await;
    assert_eq!(wrong.status, 403);
    let goal = portal
        .post_raw(
            "/portal/goals",
            &[("title", "forged"), ("goal_type", "content")],
        )
        .await;
    assert_eq!(goal.status, 403);
    let events = app.get("/api/creator/events", &creator.token).await;
    assert_eq!(events.body["items"][0]["status"], "invited");
    let goals = app.get("/api/creator/goals", &creator.token).await;
    assert_eq!(goals.body["items"], json!([]));
}

#[tokio::test]
async fn another_creators_record_is_404_on_a_page_and_unchanged() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let bobs = fixtures::event(&app, bob.talent_id.unwrap(), None, |_| {}).await;
    let bobs_task = fixtures::task(&app, bob.talent_id.unwrap(), None, |_| {}).await;
    let portal = signed_in(&app, &alice).await;
    for path in [
        format!("/portal/events/{}/accept", bobs.id),
        format!("/portal/events/{}/decline", bobs.id),
        format!("/portal/tasks/{}/complete", bobs_task.id),
    ] {
        let answer = portal.post("/portal/events", &path, &[]).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(answer.html.contains("not yours") && !answer.html.contains("Launch party"));
    }
    let events = app.get("/api/creator/events", &bob.token).await;
    assert_eq!(events.body["items"][0]["status"], "invited");
    let tasks = app.get("/api/creator/tasks", &bob.token).await;
    assert_eq!(tasks.body["items"][0]["status"], "pending");
}

#[tokio::test]
async fn staff_are_refused_the_portal() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    let portal = PortalClient::with_token(&app, &agent.token);
    for path in page_paths() {
        let page = portal.get(&path).await;
        assert_eq!(
            (page.status, page.location()),
            (303, Some("/portal/login")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn signing_out_ends_the_session_everywhere() {
    let app = TestApp::spawn().await;
    let creator = app.creator("leaver").await;
    let portal = signed_in(&app, &creator).await;
    crate::hardening::next_second().await;
    let out = portal.post("/portal", "/portal/logout", &[]).await;
    assert_eq!((out.status, out.location()), (303, Some("/portal/login")));
    let cleared = out.headers["set-cookie"].to_str().unwrap();
    assert!(cleared.contains("portal_session=;") && cleared.contains("Max-Age=0"));
    let after = portal.get("/portal").await;
    assert_eq!(
        (after.status, after.location()),
        (303, Some("/portal/login"))
    );
    assert_eq!(
        app.get("/api/auth/me", &creator.token).await.status,
        401,
        "the API's tokens too"
    );
    // A sign-out without the proof is refused like any other post.
    let again = signed_in(&app, &creator).await;
    assert_eq!(again.post_raw("/portal/logout", &[]).await.status, 403);
    assert_eq!(again.get("/portal").await.status, 200);
    // A login through the API works on the portal's cookie too: one kind of token.
    let token = app.login(&creator.email, PASSWORD).await.body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        PortalClient::with_token(&app, &token)
            .get("/portal")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn the_overview_page_says_which_sections_are_temporarily_unavailable() {
    let app = TestApp::spawn().await;
    let creator = app.creator("partial").await;
    app.state.overview_faults.fail("revenue");
    let portal = signed_in(&app, &creator).await;
    let overview = portal.get("/portal").await;
    assert_eq!(overview.status, 200);
    assert!(
        overview.html.contains("role=\"status\""),
        "{}",
        overview.html
    );
    assert!(overview.html.contains("Temporarily unavailable: Revenue."));
    assert!(
        overview.html.contains(r#"-heading">Goals"#),
        "the rest is shown"
    );
}

#[tokio::test]
async fn the_events_page_makes_and_turns_off_a_calendar_link() {
    let app = TestApp::spawn().await;
    let creator = app.creator("subscriber").await;
    fixtures::event(&app, creator.talent_id.unwrap(), None, |_| {}).await;
    let portal = signed_in(&app, &creator).await;
    let made = portal
        .post("/portal/events", "/portal/events/calendar-link", &[])
        .await;
    assert_eq!(made.status, 200, "{}", made.html);
    let start = made.html.find("/ical/").expect("the link is shown");
    let end = made.html[start..].find('"').unwrap();
    let feed = made.html[start..start + end].to_owned();
    let calendar = app.request(Method::GET, &feed, None, None).await;
    assert_eq!(calendar.status, 200);
    assert!(calendar.text.contains("BEGIN:VEVENT"));
    // Shown once: the events page itself never shows it again.
    assert!(!portal.get("/portal/events").await.html.contains(&feed));
    let off = portal
        .post("/portal/events", "/portal/events/calendar-link/revoke", &[])
        .await;
    assert_eq!((off.status, off.location()), (303, Some("/portal/events")));
    assert_eq!(
        app.request(Method::GET, &feed, None, None).await.status,
        404
    );
    // Signed in, the sign-in form leads on to the overview.
    let login = portal.get("/portal/login").await;
    assert_eq!((login.status, login.location()), (303, Some("/portal")));
}
