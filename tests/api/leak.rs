//! API.md §7 as a test: internal fields planted with markers never reach a creator, through
//! any creator endpoint, as the owner or as another creator, errors included, nor their
//! calendar feed.
//!
//! The endpoints come from the router's own OpenAPI document, so a new creator route is
//! called here without anyone adding it.

use chrono::{DateTime, TimeZone, Utc};
use exclusive_talent::db::entities::*;
use exclusive_talent::db::queries::now;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::fixtures::{self, days};
use crate::helpers::{TestApp, TestUser};
use crate::portal::{PortalClient, page_paths};

/// A distinctive date for every internal time: `2031-03-17` and the days after.
fn internal_date(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 3, 17 + day, 9, 30, 0).unwrap()
}
const INTERNAL_DATE_TEXT: &str = "2031-03-1";

/// Amounts planted, in minor units: none may appear unrounded.
const DEAL_VALUE: i64 = 4_823_456;
const PAID_FUTURE: i64 = 1_234_567;
const PAID_RECENT: i64 = 2_345_678;
const SENT: i64 = 765_432;
const PAYOUT_PAID: i64 = 333_333;
const PAYOUT_SCHEDULED: i64 = 222_222;

fn unrounded_forms() -> Vec<String> {
    let amounts = [
        DEAL_VALUE,
        PAID_FUTURE,
        PAID_RECENT,
        SENT,
        PAYOUT_PAID,
        PAYOUT_SCHEDULED,
        PAID_FUTURE + PAID_RECENT,
    ];
    amounts
        .iter()
        .flat_map(|m| [m.to_string(), format!("{}.{:02}", m / 100, m % 100)])
        .collect()
}

/// What was planted for one creator.
struct Planted {
    ids: Vec<Uuid>,
    sealed_tokens: Vec<String>,
}

async fn plant(app: &TestApp, creator: &TestUser, staff: &TestUser, tag: &str) -> Planted {
    let talent = creator.talent_id.unwrap();
    let marker = |field: &str| format!("LEAK-MARKER-{tag}-{field}");
    let visible = |field: &str| format!("VISIBLE-{tag}-{field}");
    let mut ids = Vec::new();

    let mut user = user::Entity::find_by_id(creator.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    user.admin_notes = Set(Some(marker("admin-notes")));
    user.update(&app.db).await.unwrap();

    let brand = fixtures::brand(app, &visible("brand")).await;
    let deal = fixtures::deal(app, talent, brand.id, |d| {
        d.name = Set(visible("deal"));
        d.value_minor = Set(DEAL_VALUE);
        d.negotiation_notes = Set(Some(marker("negotiation-notes")));
        d.agent_notes = Set(Some(marker("agent-notes")));
        d.contract_terms = Set(Some(marker("contract-terms")));
        d.next_action = Set(Some(visible("next-action")));
    })
    .await;
    ids.push(deal.id);
    let paid_future = fixtures::invoice(app, deal.id, PAID_FUTURE, InvoiceStatus::Paid, |i| {
        i.invoice_number = Set(marker("invoice-number-1"));
        i.issued_at = Set(Some(internal_date(0)));
        i.due_at = Set(Some(internal_date(1)));
        i.paid_at = Set(Some(internal_date(2)));
    })
    .await;
    let paid_recent = fixtures::invoice(app, deal.id, PAID_RECENT, InvoiceStatus::Paid, |i| {
        i.invoice_number = Set(marker("invoice-number-2"));
        i.issued_at = Set(Some(internal_date(0)));
        i.paid_at = Set(Some(now() - days(10)));
    })
    .await;
    let sent = fixtures::invoice(app, deal.id, SENT, InvoiceStatus::Sent, |i| {
        i.invoice_number = Set(marker("invoice-number-3"));
        i.due_at = Set(Some(internal_date(1)));
    })
    .await;
    ids.extend([paid_future.id, paid_recent.id, sent.id]);
    let payment = fixtures::payment(app, paid_future.id, |p| {
        p.received_at = Set(Some(internal_date(3)));
        p.reference = Set(Some(marker("payment-reference")));
    })
    .await;
    ids.push(payment.id);
    for (amount, status) in [
        (PAYOUT_PAID, PayoutStatus::Paid),
        (PAYOUT_SCHEDULED, PayoutStatus::Scheduled),
    ] {
        let payout = fixtures::payout(app, talent, amount, status, |p| {
            p.deal_id = Set(Some(deal.id));
            p.scheduled_for = Set(Some(internal_date(4)));
            p.paid_at = Set((status == PayoutStatus::Paid).then(|| internal_date(5)));
            p.reference = Set(Some(marker("payout-reference")));
        })
        .await;
        ids.push(payout.id);
    }

    for status in [
        EventStatus::Invited,
        EventStatus::Suggested,
        EventStatus::Accepted,
    ] {
        let event = fixtures::event(app, talent, Some(staff.id), |e| {
            e.event_name = Set(visible("event"));
            e.status = Set(status);
        })
        .await;
        ids.push(event.id);
    }
    let past = fixtures::event(app, talent, Some(staff.id), |e| {
        e.event_name = Set(visible("past-event"));
        e.start_at = Set(now() - days(30));
    })
    .await;
    ids.push(past.id);

    for internal in [TaskType::Admin, TaskType::Financial] {
        let task = fixtures::task(app, talent, Some(staff.id), |t| {
            t.task_type = Set(internal);
            t.title = Set(marker("internal-task-title"));
            t.description = Set(Some(marker("internal-task-description")));
        })
        .await;
        ids.push(task.id);
    }
    for status in [TaskStatus::Pending, TaskStatus::Cancelled] {
        let task = fixtures::task(app, talent, Some(staff.id), |t| {
            t.title = Set(visible("task"));
            t.status = Set(status);
            t.linked_deal_id = Set(Some(deal.id));
        })
        .await;
        ids.push(task.id);
    }
    let outreach = fixtures::outreach(app, talent, |o| {
        o.title = Set(marker("outreach-title"));
        o.notes = Set(Some(marker("outreach-notes")));
        o.owner_id = Set(Some(staff.id));
        o.due_at = Set(Some(internal_date(6)));
    })
    .await;
    ids.push(outreach.id);

    let insight = fixtures::insight(app, talent, |i| {
        i.title = Set(visible("insight"));
        i.metadata = Set(Some(json!({"secret": marker("insight-metadata")})));
    })
    .await;
    let expired = fixtures::insight(app, talent, |i| {
        // Expired: not listed (creator_portal tests that), but the creator's own, so in
        // their export (API.md §8.4), and never in another creator's answers.
        i.title = Set(visible("expired-insight"));
        i.metadata = Set(Some(json!({"secret": marker("insight-metadata")})));
        i.expires_at = Set(Some(now() - days(1)));
    })
    .await;
    ids.extend([insight.id, expired.id]);
    let goal = fixtures::goal(app, talent, |g| g.title = Set(visible("goal"))).await;
    ids.push(goal.id);
    let note = fixtures::notification(app, creator.id, &visible("notification")).await;
    let staff_note = fixtures::notification(app, staff.id, &marker("staff-notification")).await;
    ids.extend([note.id, staff_note.id]);

    for platform in ["instagram", "tiktok"] {
        let res = app
            .post(
                "/api/creator/socials/connect",
                &creator.token,
                json!({"platform": platform, "handle": visible("handle"),
                       "accessToken": marker("access-token"), "refreshToken": marker("refresh-token")}),
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text);
        ids.push(res.body["id"].as_str().unwrap().parse().unwrap());
    }
    let sealed_tokens = social_account_connection::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.creator_id == talent)
        .flat_map(|s| [s.access_token, s.refresh_token])
        .flatten()
        .collect();
    let res = app
        .post(
            "/api/creator/wellness-checkin",
            &creator.token,
            json!({"energyLevel": 3, "workload": "busy", "notes": visible("wellness")}),
        )
        .await;
    assert_eq!(res.status, 201);
    Planted { ids, sealed_tokens }
}

/// A body for a creator write endpoint, so that the call reaches its real work; any endpoint
/// not listed gets `{}` (and is still called and checked).
fn body_for(method: &Method, path: &str, tag: &str) -> Option<Value> {
    let body = match (method.as_str(), path) {
        ("POST", "/api/creator/goals") => {
            json!({"goalType": "content", "title": format!("VISIBLE-{tag}-new-goal")})
        }
        ("PATCH", "/api/creator/goals/{id}") => json!({"progress": 0.5}),
        ("POST", "/api/creator/events/{id}/accept") => json!({"notes": "ok"}),
        ("POST", "/api/creator/events/{id}/decline") => json!({"reason": "busy"}),
        ("POST", "/api/creator/socials/connect") => json!({"platform": "youtube", "handle": "yt",
            "accessToken": format!("LEAK-MARKER-{tag}-access-token-2")}),
        ("POST", "/api/creator/socials/disconnect") => json!({"platform": "tiktok"}),
        ("POST", "/api/creator/wellness-checkin") => json!({"energyLevel": 4, "workload": "light"}),
        ("POST", "/api/creator/ai/ask") => {
            json!({"prompt": "Show me my invoice numbers, agent notes and payout dates"})
        }
        ("PATCH", "/api/creator/ai/history/{id}") => json!({"helpful": true}),
        (_, _) if *method == Method::GET || *method == Method::DELETE => return None,
        _ => json!({}),
    };
    Some(body)
}

/// Every creator operation of the OpenAPI document: (method, path template).
fn creator_operations() -> Vec<(Method, String)> {
    let (_, openapi) = exclusive_talent::routes::router();
    let mut operations = Vec::new();
    for (path, item) in &openapi.paths.paths {
        if !path.starts_with("/api/creator") {
            continue;
        }
        let methods = [
            (Method::GET, item.get.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::PATCH, item.patch.is_some()),
            (Method::DELETE, item.delete.is_some()),
        ];
        for (method, present) in methods {
            if present {
                operations.push((method, path.clone()));
            }
        }
    }
    operations
}

const QUERY_VARIANTS: [&str; 6] = [
    "",
    "?limit=200",
    "?active=all",
    "?from=2000-01-01T00:00:00Z",
    "?unread=false&days=3650",
    "?status=cancelled",
];

/// Calls every creator operation as `caller`, each `{id}` with every planted id; reads first,
/// then writes, then reads again. Returns every response body with what produced it.
async fn call_everything(
    app: &TestApp,
    caller: &TestUser,
    tag: &str,
    ids: &[Uuid],
) -> Vec<(String, String)> {
    let operations = creator_operations();
    let mut bodies = Vec::new();
    let (reads, writes): (Vec<_>, Vec<_>) = operations.iter().partition(|(m, _)| *m == Method::GET);
    for phase in [&reads, &writes, &reads] {
        for (method, template) in phase.iter() {
            let paths: Vec<String> = if template.contains("{id}") {
                ids.iter()
                    .chain(&[Uuid::now_v7()])
                    .map(|id| template.replace("{id}", &id.to_string()))
                    .collect()
            } else if *method == Method::GET {
                QUERY_VARIANTS
                    .iter()
                    .map(|q| format!("{template}{q}"))
                    .collect()
            } else {
                vec![template.clone()]
            };
            for path in paths {
                let body = body_for(method, template, tag);
                let res = app
                    .request(method.clone(), &path, Some(&caller.token), body)
                    .await;
                assert!(res.status < 500, "{method} {path}: {}", res.text);
                bodies.push((format!("{method} {path} → {}", res.status), res.text));
            }
        }
    }
    bodies
}

/// API.md §8.2: every page of the portal (its navigation), and every form of the portal that
/// names a record, posted with every planted id (the caller's own and the other creator's).
async fn walk_the_portal(app: &TestApp, caller: &TestUser, ids: &[Uuid]) -> Vec<(String, String)> {
    use exclusive_talent::pages::PortalUrl;
    let portal = PortalClient::with_token(app, &caller.token);
    let mut bodies = Vec::new();
    let pages = page_paths();
    assert!(pages.len() >= 11, "{pages:?}");
    for path in &pages {
        let page = portal.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.html);
        bodies.push((format!("page {path}"), page.html));
    }
    let csrf = portal.get("/portal").await.csrf();
    for id in ids {
        for url in [
            PortalUrl::AcceptEvent(*id),
            PortalUrl::DeclineEvent(*id),
            PortalUrl::CompleteTask(*id),
            PortalUrl::Goal(*id),
            PortalUrl::ArchiveGoal(*id),
            PortalUrl::ReadInsight(*id),
            PortalUrl::RateAnswer(*id),
            PortalUrl::ReadNotification(*id),
        ] {
            let path = url.to_string();
            let fields = [
                ("csrf", csrf.as_str()),
                ("progress", "50"),
                ("helpful", "true"),
            ];
            let answer = portal.post_raw(&path, &fields).await;
            assert!(answer.status < 500, "POST {path}: {}", answer.html);
            bodies.push((format!("POST {path}"), answer.html));
        }
    }
    for path in &pages {
        bodies.push((format!("page {path} after"), portal.get(path).await.html));
    }
    bodies
}

/// API.md §8.4: the caller's calendar feed (a new URL, fetched without a bearer token).
async fn calendar_feed(app: &TestApp, caller: &TestUser) -> String {
    let made = app
        .request(
            Method::POST,
            "/api/creator/calendar-feed",
            Some(&caller.token),
            None,
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let url = made.body["url"].as_str().expect("url");
    let path = &url[url.find("/ical/").expect("a feed URL")..];
    let feed = app.request(Method::GET, path, None, None).await;
    assert_eq!(feed.status, 200, "{}", feed.text);
    feed.text
}

#[tokio::test]
async fn no_creator_endpoint_shows_an_internal_field_or_another_creators_record() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let staff = app.agent().await;
    let mut staff_row = user::Entity::find_by_id(staff.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    staff_row.name = Set("LEAK-MARKER-source-user-name".to_owned());
    staff_row.admin_notes = Set(Some("LEAK-MARKER-staff-admin-notes".to_owned()));
    staff_row.update(&app.db).await.unwrap();

    let a = plant(&app, &alice, &staff, "A").await;
    let b = plant(&app, &bob, &staff, "B").await;
    let all_ids: Vec<Uuid> = a.ids.iter().chain(&b.ids).copied().collect();
    let operations = creator_operations();
    assert!(
        operations.len() >= 18,
        "the router lists the creator routes: {operations:?}"
    );

    let mut forbidden_everywhere: Vec<String> = vec![
        "LEAK-MARKER".to_owned(),
        INTERNAL_DATE_TEXT.to_owned(),
        staff.id.to_string(),
        staff.email.clone(),
        "negotiationNotes".to_owned(),
        "invoiceNumber".to_owned(),
        "sourceUserId".to_owned(),
        "metadata".to_owned(),
        "accessToken".to_owned(),
    ];
    forbidden_everywhere.extend(unrounded_forms());
    forbidden_everywhere.extend(a.sealed_tokens.iter().chain(&b.sealed_tokens).cloned());

    for (caller, tag, other, own_visible) in [
        (&alice, "A", "VISIBLE-B", "VISIBLE-A"),
        (&bob, "B", "VISIBLE-A", "VISIBLE-B"),
    ] {
        let mut bodies = call_everything(&app, caller, tag, &all_ids).await;
        let feed = calendar_feed(&app, caller).await;
        assert!(feed.contains(&format!("{own_visible}-event")), "{feed}");
        bodies.push((format!("{tag}'s calendar feed"), feed));
        let pages = walk_the_portal(&app, caller, &all_ids).await;
        let on_pages: String = pages.iter().map(|(_, html)| html.as_str()).collect();
        // (Not the goal: the API's calls before deleted it.)
        for shown in [
            "deal",
            "task",
            "insight",
            "notification",
            "wellness",
            "handle",
        ] {
            assert!(
                on_pages.contains(&format!("{own_visible}-{shown}")),
                "{tag}'s pages never showed their {shown}"
            );
        }
        bodies.extend(pages);
        // The calls did show the caller's own data, so a clean result means something.
        let everything: String = bodies.iter().map(|(_, text)| text.as_str()).collect();
        for shown in [
            "deal",
            "event",
            "task",
            "insight",
            "goal",
            "notification",
            "wellness",
            "handle",
        ] {
            assert!(
                everything.contains(&format!("{own_visible}-{shown}")),
                "{tag} never saw their {shown}"
            );
        }
        assert!(everything.contains("£48K"));
        for (call, text) in &bodies {
            for needle in forbidden_everywhere
                .iter()
                .map(String::as_str)
                .chain([other])
            {
                assert!(!text.contains(needle), "{call} shows {needle:?}: {text}");
            }
        }
    }
}
