//! API.md §8.4 calendar feed: a secret URL per creator, read back with an independent RFC 5545
//! parser (the `ical` crate): the events and task due dates it must show, nothing of §7's list,
//! stable UIDs, and every way a URL stops working (a new URL, DELETE, deactivation, unlinking)
//! or keeps working (sign-out, password change).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use exclusive_talent::db::entities::*;
use exclusive_talent::db::queries::now;
use reqwest::Method;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::fixtures::{self, days};
use crate::helpers::{PASSWORD, Resp, TestApp, TestUser};

/// One property of a VEVENT: its parameters and value, as the parser read them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prop {
    params: BTreeMap<String, Vec<String>>,
    value: String,
}

/// A VEVENT, by property name (each appears once in this feed).
type Entry = BTreeMap<String, Prop>;

/// Parses a whole feed with the `ical` crate: the calendar must be one well-formed VCALENDAR.
fn parse(body: &str) -> Vec<Entry> {
    let mut calendars = ical::IcalParser::new(body.as_bytes());
    let calendar = calendars
        .next()
        .expect("a VCALENDAR")
        .unwrap_or_else(|err| panic!("not RFC 5545: {err}\n{body}"));
    assert!(calendars.next().is_none(), "one calendar only");
    let version = calendar.properties.iter().find(|p| p.name == "VERSION");
    assert_eq!(version.and_then(|p| p.value.as_deref()), Some("2.0"));
    assert!(calendar.todos.is_empty() && calendar.journals.is_empty());
    calendar
        .events
        .into_iter()
        .map(|event| {
            let mut entry = Entry::new();
            for property in event.properties {
                let prop = Prop {
                    params: property.params.unwrap_or_default().into_iter().collect(),
                    value: property.value.unwrap_or_default(),
                };
                let name = property.name.clone();
                assert!(
                    entry.insert(property.name, prop).is_none(),
                    "{name} twice in a VEVENT"
                );
            }
            entry
        })
        .collect()
}

/// The entries by UID.
fn by_uid(entries: Vec<Entry>) -> BTreeMap<String, Entry> {
    entries
        .into_iter()
        .map(|entry| (entry["UID"].value.clone(), entry))
        .collect()
}

fn uid(id: uuid::Uuid) -> String {
    format!("{id}@exclusive-talent")
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// Makes the creator a (new) feed URL and returns its path, `/ical/<token>.ics`.
async fn new_feed(app: &TestApp, creator: &TestUser) -> String {
    let res = app
        .request(
            Method::POST,
            "/api/creator/calendar-feed",
            Some(&creator.token),
            None,
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let url = res.body["url"].as_str().expect("url");
    let public = app.state.config.public_url();
    let path = url
        .strip_prefix(&public)
        .unwrap_or_else(|| panic!("{url} is not under {public}"));
    let token = path
        .strip_prefix("/ical/")
        .and_then(|file| file.strip_suffix(".ics"))
        .unwrap_or_else(|| panic!("{url} is not /ical/<token>.ics"));
    assert_eq!(token.len(), 43, "{token}");
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{token} is not base64url without padding"
    );
    path.to_owned()
}

/// Fetches a feed as a calendar client does: no bearer token.
async fn fetch(app: &TestApp, path: &str) -> Resp {
    app.request(Method::GET, path, None, None).await
}

/// Fetches a feed that must answer, and parses it.
async fn read_feed(app: &TestApp, path: &str) -> (Resp, BTreeMap<String, Entry>) {
    let res = fetch(app, path).await;
    assert_eq!(res.status, 200, "{path}: {}", res.text);
    let entries = by_uid(parse(&res.text));
    (res, entries)
}

fn assert_not_found(res: &Resp, what: &str) {
    assert_eq!(res.status, 404, "{what}: {}", res.text);
    assert_eq!(res.content_type(), "application/problem+json", "{what}");
    assert_eq!(res.body["status"], 404, "{what}");
}

/// What must never be in a feed, planted in every internal or private field.
const MARKER: &str = "CAL-LEAK-MARKER";

#[tokio::test]
async fn the_feed_shows_events_and_open_task_due_dates_and_nothing_else() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let staff = app.agent().await;
    let talent = alice.talent_id.unwrap();
    let marker = |field: &str| Some(format!("{MARKER}-{field}"));
    let start =
        |offset: i64| Utc.with_ymd_and_hms(2026, 12, 1, 9, 15, 0).unwrap() + Duration::days(offset);

    let invited = fixtures::event(&app, talent, Some(staff.id), |e| {
        e.event_name = Set("Invited shoot".to_owned());
        e.location = Set(Some("Studio 4".to_owned()));
        e.start_at = Set(now() + days(7));
        e.end_at = Set(Some(now() + days(7) + Duration::hours(3)));
        e.description = Set(marker("description"));
        e.source = Set(EventSource::Agent);
    })
    .await;
    let suggested_past = fixtures::event(&app, talent, Some(staff.id), |e| {
        e.event_name = Set("Suggested meeting long ago".to_owned());
        e.status = Set(EventStatus::Suggested);
        e.start_at = Set(start(-400));
        e.description = Set(marker("description-2"));
    })
    .await;
    let accepted = fixtures::event(&app, talent, Some(staff.id), |e| {
        e.event_name = Set("Accepted launch".to_owned());
        e.status = Set(EventStatus::Accepted);
        e.location = Set(Some("Soho".to_owned()));
        e.start_at = Set(start(30));
        e.end_at = Set(Some(start(30) + Duration::minutes(90)));
        e.creator_notes = Set(marker("creator-notes"));
    })
    .await;
    let accepted_past = fixtures::event(&app, talent, None, |e| {
        e.event_name = Set("Accepted last year".to_owned());
        e.status = Set(EventStatus::Accepted);
        e.start_at = Set(start(-365));
        e.source = Set(EventSource::System);
    })
    .await;
    let declined = fixtures::event(&app, talent, Some(staff.id), |e| {
        e.event_name = Set(format!("{MARKER}-declined-event"));
        e.status = Set(EventStatus::Declined);
        e.decline_reason = Set(marker("decline-reason"));
    })
    .await;

    let brand = fixtures::brand(&app, "Brand").await;
    let deal = fixtures::deal(&app, talent, brand.id, |d| {
        d.value_minor = Set(4_823_456);
        d.negotiation_notes = Set(marker("negotiation-notes"));
        d.agent_notes = Set(marker("agent-notes"));
    })
    .await;
    // Due late in the evening, UTC: the all-day event is on that UTC date.
    let due_late = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
    let pending = fixtures::task(&app, talent, Some(staff.id), |t| {
        t.title = Set("Review the brief".to_owned());
        t.task_type = Set(TaskType::Review);
        t.due_at = Set(Some(due_late));
        t.description = Set(marker("task-description"));
        t.linked_deal_id = Set(Some(deal.id));
    })
    .await;
    let overdue = fixtures::task(&app, talent, Some(staff.id), |t| {
        t.title = Set("Film the teaser".to_owned());
        t.task_type = Set(TaskType::Creative);
        t.status = Set(TaskStatus::InProgress);
        t.due_at = Set(Some(now() - days(3)));
    })
    .await;
    let mut absent = vec![declined.id];
    for (title, task_type, status, due) in [
        ("undated", TaskType::Approval, TaskStatus::Pending, None),
        (
            "completed",
            TaskType::Attendance,
            TaskStatus::Completed,
            Some(now() + days(2)),
        ),
        (
            "cancelled",
            TaskType::Review,
            TaskStatus::Cancelled,
            Some(now() + days(2)),
        ),
        (
            "internal-admin",
            TaskType::Admin,
            TaskStatus::Pending,
            Some(now() + days(2)),
        ),
        (
            "internal-financial",
            TaskType::Financial,
            TaskStatus::InProgress,
            Some(now() + days(2)),
        ),
    ] {
        let task = fixtures::task(&app, talent, Some(staff.id), |t| {
            t.title = Set(format!("{MARKER}-{title}"));
            t.task_type = Set(task_type);
            t.status = Set(status);
            t.due_at = Set(due);
        })
        .await;
        absent.push(task.id);
    }
    fixtures::invoice(&app, deal.id, 1_234_567, InvoiceStatus::Paid, |i| {
        i.invoice_number = Set(format!("{MARKER}-invoice"));
    })
    .await;
    fixtures::insight(&app, talent, |i| {
        i.title = Set(format!("{MARKER}-insight"));
    })
    .await;
    fixtures::goal(&app, talent, |g| {
        g.title = Set(format!("{MARKER}-goal"));
    })
    .await;

    let path = new_feed(&app, &alice).await;
    let (res, entries) = read_feed(&app, &path).await;
    assert_eq!(res.content_type(), "text/calendar; charset=utf-8");
    assert_eq!(res.header("cache-control"), Some("private, no-cache"));

    // Exactly these, each once.
    let expected: BTreeSet<String> = [
        invited.id,
        suggested_past.id,
        accepted.id,
        accepted_past.id,
        pending.id,
        overdue.id,
    ]
    .into_iter()
    .map(uid)
    .collect();
    assert_eq!(
        entries.keys().cloned().collect::<BTreeSet<_>>(),
        expected,
        "{}",
        res.text
    );
    for id in absent {
        assert!(!res.text.contains(&id.to_string()), "{id}: {}", res.text);
    }

    let allowed: BTreeSet<&str> = [
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "STATUS",
    ]
    .into();
    for (uid, entry) in &entries {
        for name in entry.keys() {
            assert!(allowed.contains(name.as_str()), "{uid} has {name}");
        }
        assert!(entry["DTSTAMP"].value.ends_with('Z'), "{uid}");
    }

    // Events: times in UTC, an end equal to the start when there is none.
    for (event, status, location) in [
        (&invited, "TENTATIVE", Some("Studio 4")),
        (&suggested_past, "TENTATIVE", None),
        (&accepted, "CONFIRMED", Some("Soho")),
        (&accepted_past, "CONFIRMED", None),
    ] {
        let entry = &entries[&uid(event.id)];
        assert_eq!(entry["SUMMARY"].value, event.event_name);
        assert_eq!(entry["STATUS"].value, status, "{}", event.event_name);
        assert_eq!(
            entry.get("LOCATION").map(|p| p.value.as_str()),
            location,
            "{}",
            event.event_name
        );
        assert_eq!(entry["DTSTART"].value, utc(event.start_at));
        assert_eq!(
            entry["DTEND"].value,
            utc(event.end_at.unwrap_or(event.start_at))
        );
        for name in ["DTSTART", "DTEND"] {
            assert!(entry[name].params.is_empty(), "{name}: {:?}", entry[name]);
        }
    }

    // Tasks: all-day on the due time's UTC date, to the next day.
    for (task, day) in [
        (&pending, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
        (&overdue, overdue.due_at.unwrap().date_naive()),
    ] {
        let entry = &entries[&uid(task.id)];
        assert_eq!(entry["SUMMARY"].value, format!("Due: {}", task.title));
        let value_date = BTreeMap::from([("VALUE".to_owned(), vec!["DATE".to_owned()])]);
        assert_eq!(
            entry["DTSTART"],
            Prop {
                params: value_date.clone(),
                value: date(day)
            }
        );
        assert_eq!(
            entry["DTEND"],
            Prop {
                params: value_date,
                value: date(day.succ_opt().unwrap())
            }
        );
        assert!(!entry.contains_key("STATUS") && !entry.contains_key("LOCATION"));
    }

    // Nothing of API.md §7, no notes, no money.
    for needle in [
        MARKER,
        &staff.id.to_string(),
        &staff.email,
        "agent",
        "4823456",
        "1234567",
        "£",
        "GBP",
        "DESCRIPTION",
        "Brand",
    ] {
        assert!(!res.text.contains(needle), "{needle:?} in {}", res.text);
    }
}

#[tokio::test]
async fn uids_are_stable_and_a_new_url_revokes_the_old_one() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let event = fixtures::event(&app, talent, None, |_| {}).await;
    let task = fixtures::task(&app, talent, None, |t| {
        t.due_at = Set(Some(now() + days(1)));
    })
    .await;
    let expected: BTreeSet<String> = [uid(event.id), uid(task.id)].into();

    let first = new_feed(&app, &alice).await;
    let (_, once) = read_feed(&app, &first).await;
    let (_, twice) = read_feed(&app, &first).await;
    assert_eq!(once.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert_eq!(
        once.keys().collect::<Vec<_>>(),
        twice.keys().collect::<Vec<_>>()
    );

    let second = new_feed(&app, &alice).await;
    assert_ne!(first, second, "a new token each time");
    assert_not_found(&fetch(&app, &first).await, "the replaced URL");
    let (_, under_new) = read_feed(&app, &second).await;
    assert_eq!(under_new.keys().cloned().collect::<BTreeSet<_>>(), expected);
    for (uid, entry) in &once {
        for name in ["DTSTART", "DTEND", "SUMMARY"] {
            assert_eq!(under_new[uid][name], entry[name], "{uid} {name}");
        }
    }

    // The feed follows the data: an answer changes the status, under the same UID.
    let accepted = app
        .post(
            &format!("/api/creator/events/{}/accept", event.id),
            &alice.token,
            json!({"notes": format!("{MARKER}-accept-notes")}),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    let (res, after) = read_feed(&app, &second).await;
    assert_eq!(after[&uid(event.id)]["STATUS"].value, "CONFIRMED");
    assert!(!res.text.contains(MARKER), "{}", res.text);
    let declined = fixtures::event(&app, talent, None, |_| {}).await;
    let answer = app
        .post(
            &format!("/api/creator/events/{}/decline", declined.id),
            &alice.token,
            json!({"reason": format!("{MARKER}-reason")}),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let (res, after) = read_feed(&app, &second).await;
    assert!(!after.contains_key(&uid(declined.id)));
    assert!(!res.text.contains(MARKER), "{}", res.text);
    let completed = app
        .patch(
            &format!("/api/creator/tasks/{}/complete", task.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(completed.status, 200, "{}", completed.text);
    let (_, after) = read_feed(&app, &second).await;
    assert_eq!(
        after.keys().cloned().collect::<BTreeSet<_>>(),
        BTreeSet::from([uid(event.id)])
    );
}

#[tokio::test]
async fn delete_revokes_the_feed_and_is_204_without_one() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let never = app.delete("/api/creator/calendar-feed", &alice.token).await;
    assert_eq!(never.status, 204, "{}", never.text);

    let path = new_feed(&app, &alice).await;
    read_feed(&app, &path).await;
    let revoked = app.delete("/api/creator/calendar-feed", &alice.token).await;
    assert_eq!(revoked.status, 204, "{}", revoked.text);
    assert_not_found(&fetch(&app, &path).await, "a revoked URL");
    let again = app.delete("/api/creator/calendar-feed", &alice.token).await;
    assert_eq!(again.status, 204);

    // A feed made after a revocation works.
    let path = new_feed(&app, &alice).await;
    read_feed(&app, &path).await;
}

#[tokio::test]
async fn unknown_and_malformed_feed_names_are_404() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let live = new_feed(&app, &alice).await;
    let token = live
        .trim_start_matches("/ical/")
        .trim_end_matches(".ics")
        .to_owned();
    let unknown = "A".repeat(43);
    for path in [
        format!("/ical/{unknown}.ics"),
        format!("/ical/{token}"),
        format!("/ical/{token}.ICS"),
        format!("/ical/{token}.txt"),
        format!("/ical/{token}.ics.ics"),
        format!("/ical/{token}=.ics"),
        format!("/ical/{token}A.ics"),
        format!("/ical/{}.ics", &token[..42]),
        format!("/ical/{token}%00.ics"),
        format!("/ical/{}.ics", "x".repeat(5000)),
        "/ical/not-a-token.ics".to_owned(),
        "/ical/.ics".to_owned(),
        "/ical/%FF.ics".to_owned(),
        "/ical/%E2%82.ics".to_owned(),
        "/ical/%2e%2e%2fapi.ics".to_owned(),
        format!("/ical/{token}.ics/more"),
        "/ical/".to_owned(),
    ] {
        assert_not_found(&fetch(&app, &path).await, &path);
    }
    // A bearer token opens nothing here either: the URL's token is the only permission.
    let with_bearer = app
        .request(
            Method::GET,
            &format!("/ical/{unknown}.ics"),
            Some(&alice.token),
            None,
        )
        .await;
    assert_not_found(&with_bearer, "an unknown token with a bearer");
    read_feed(&app, &live).await;
}

#[tokio::test]
async fn the_feed_survives_sign_out_and_a_password_change() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let path = new_feed(&app, &alice).await;

    // A later second than the token's, or the sign-out would not refuse it (JWT times are
    // whole seconds).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let out = app
        .request(Method::POST, "/api/auth/logout", Some(&alice.token), None)
        .await;
    assert_eq!(out.status, 204, "{}", out.text);
    assert_eq!(app.get("/api/auth/me", &alice.token).await.status, 401);
    read_feed(&app, &path).await;

    let login = app.login(&alice.email, PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.text);
    let token = login.body["token"].as_str().unwrap();
    let changed = app
        .post(
            "/api/auth/password",
            token,
            json!({"currentPassword": PASSWORD, "newPassword": "another-long-password"}),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    read_feed(&app, &path).await;
}

#[tokio::test]
async fn deactivating_the_creator_ends_the_feed_for_good() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let alice = app.creator("alice").await;
    let path = new_feed(&app, &alice).await;
    read_feed(&app, &path).await;

    let user = format!("/api/admin/users/{}", alice.id);
    let off = app
        .patch(&user, &admin.token, json!({"active": false}))
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_not_found(&fetch(&app, &path).await, "a deactivated creator's feed");

    // Reactivation does not bring the old URL back; the creator can make a new one.
    let on = app
        .patch(&user, &admin.token, json!({"active": true}))
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    assert_not_found(&fetch(&app, &path).await, "the feed after reactivation");
    let path = new_feed(&app, &alice).await;
    read_feed(&app, &path).await;
}

#[tokio::test]
async fn a_deactivated_login_is_refused_at_once_however_it_was_deactivated() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let path = new_feed(&app, &alice).await;
    // Not through the agency API (which also deletes the feed): the fetch checks the login.
    let mut row = user::Entity::find_by_id(alice.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.active = Set(false);
    let row = row.update(&app.db).await.unwrap();
    assert_not_found(&fetch(&app, &path).await, "an inactive login's feed");
    let mut row = row.into_active_model();
    row.active = Set(true);
    row.role = Set(Role::Agent);
    row.update(&app.db).await.unwrap();
    assert_not_found(&fetch(&app, &path).await, "a login no longer a creator's");
}

#[tokio::test]
async fn a_talent_whose_login_is_unlinked_has_no_feed() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let path = new_feed(&app, &alice).await;
    let talent = format!("/api/admin/talents/{}", alice.talent_id.unwrap());

    let unlinked = app
        .patch(&talent, &admin.token, json!({"userId": null}))
        .await;
    assert_eq!(unlinked.status, 200, "{}", unlinked.text);
    assert_not_found(&fetch(&app, &path).await, "an unlinked talent's feed");

    // Linked to someone else, the talent's calendar is theirs: the old URL stays dead.
    let bob_talent = format!("/api/admin/talents/{}", bob.talent_id.unwrap());
    let freed = app
        .patch(&bob_talent, &admin.token, json!({"userId": null}))
        .await;
    assert_eq!(freed.status, 200, "{}", freed.text);
    let relinked = app
        .patch(&talent, &admin.token, json!({"userId": bob.id}))
        .await;
    assert_eq!(relinked.status, 200, "{}", relinked.text);
    assert_not_found(
        &fetch(&app, &path).await,
        "a talent relinked to another login",
    );
}

#[tokio::test]
async fn another_creators_feed_never_shows_this_creators_records() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let (a, b) = (alice.talent_id.unwrap(), bob.talent_id.unwrap());
    let alice_event = fixtures::event(&app, a, None, |e| {
        e.event_name = Set("ALICE-ONLY event".to_owned());
    })
    .await;
    let alice_task = fixtures::task(&app, a, None, |t| {
        t.title = Set("ALICE-ONLY task".to_owned());
        t.due_at = Set(Some(now() + days(1)));
    })
    .await;
    let bob_event = fixtures::event(&app, b, None, |e| {
        e.event_name = Set("BOB-ONLY event".to_owned());
        e.status = Set(EventStatus::Accepted);
    })
    .await;

    let alice_path = new_feed(&app, &alice).await;
    let bob_path = new_feed(&app, &bob).await;
    assert_ne!(alice_path, bob_path);
    let (res, bobs) = read_feed(&app, &bob_path).await;
    assert_eq!(
        bobs.keys().cloned().collect::<BTreeSet<_>>(),
        BTreeSet::from([uid(bob_event.id)])
    );
    for needle in [
        "ALICE-ONLY".to_owned(),
        alice_event.id.to_string(),
        alice_task.id.to_string(),
    ] {
        assert!(!res.text.contains(&needle), "{needle} in {}", res.text);
    }
    let (res, alices) = read_feed(&app, &alice_path).await;
    assert_eq!(alices.len(), 2);
    assert!(!res.text.contains("BOB-ONLY"), "{}", res.text);

    // Alice's revocation is hers alone.
    let revoked = app.delete("/api/creator/calendar-feed", &alice.token).await;
    assert_eq!(revoked.status, 204);
    assert_not_found(&fetch(&app, &alice_path).await, "alice's revoked feed");
    read_feed(&app, &bob_path).await;
}

#[tokio::test]
async fn only_a_creator_makes_or_revokes_a_feed() {
    let app = TestApp::spawn().await;
    let agent = app.agent().await;
    for method in [Method::POST, Method::DELETE] {
        let anonymous = app
            .request(method.clone(), "/api/creator/calendar-feed", None, None)
            .await;
        assert_eq!(anonymous.status, 401, "{method}");
        let staff = app
            .request(
                method.clone(),
                "/api/creator/calendar-feed",
                Some(&agent.token),
                None,
            )
            .await;
        assert_eq!(staff.status, 403, "{method}");
    }
    let alice = app.creator("alice").await;
    let res = app
        .request(
            Method::POST,
            "/api/creator/calendar-feed",
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(res.status, 201);
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert_eq!(
        res.body.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["url"]
    );
}
