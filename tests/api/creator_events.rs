//! API.md §6 events: the calendar window, accept/decline, 409s, the race, notifications.

use exclusive_talent::db::entities::{EventStatus, creator_event, notification};
use exclusive_talent::db::queries::now;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::fixtures::{self, days, ids};
use crate::helpers::TestApp;

async fn stored(app: &TestApp, id: uuid::Uuid) -> creator_event::Model {
    creator_event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("event")
}

#[tokio::test]
async fn the_list_starts_24_hours_ago_by_start_time_and_filters() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let old = fixtures::event(&app, talent, None, |e| {
        e.start_at = sea_orm::Set(now() - days(3))
    })
    .await;
    let recent = fixtures::event(&app, talent, None, |e| {
        e.start_at = sea_orm::Set(now() - days(1) + chrono::Duration::hours(2))
    })
    .await;
    let later = fixtures::event(&app, talent, None, |e| {
        e.start_at = sea_orm::Set(now() + days(10))
    })
    .await;
    let soon = fixtures::event(&app, talent, None, |e| {
        e.start_at = sea_orm::Set(now() + days(2));
        e.status = sea_orm::Set(EventStatus::Accepted);
    })
    .await;

    let list = app.get("/api/creator/events", &alice.token).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let expected: Vec<String> = [&recent, &soon, &later]
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(ids(&list.body), expected);

    let accepted = app
        .get("/api/creator/events?status=accepted", &alice.token)
        .await;
    assert_eq!(ids(&accepted.body), [soon.id.to_string()]);
    let from = (now() - days(5)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let to = (now() + days(5)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let window = app
        .get(
            &format!("/api/creator/events?from={from}&to={to}"),
            &alice.token,
        )
        .await;
    assert_eq!(window.status, 200, "{}", window.text);
    let expected: Vec<String> = [&old, &recent, &soon]
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(ids(&window.body), expected);
    assert_eq!(
        app.get("/api/creator/events?status=maybe", &alice.token)
            .await
            .status,
        400
    );

    let page = app.get("/api/creator/events?limit=2", &alice.token).await;
    assert_eq!(ids(&page.body).len(), 2);
    let cursor = page.body["nextCursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/creator/events?limit=2&cursor={cursor}"),
            &alice.token,
        )
        .await;
    assert_eq!(ids(&rest.body), [later.id.to_string()]);
}

#[tokio::test]
async fn accepting_keeps_notes_notifies_the_source_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let agent = app.agent().await;
    let event = fixtures::event(&app, alice.talent_id.unwrap(), Some(agent.id), |_| {}).await;
    let path = format!("/api/creator/events/{}/accept", event.id);

    let res = app
        .post(&path, &alice.token, json!({"notes": "See you there"}))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["status"], "accepted");
    assert_eq!(res.body["creatorNotes"], "See you there");
    let notes = notification::Entity::find()
        .filter(notification::Column::UserId.eq(agent.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, "event_accepted");
    assert_eq!(notes[0].entity_id, Some(event.id));

    let before = stored(&app, event.id).await;
    let again = app
        .post(&path, &alice.token, json!({"notes": "changed my mind"}))
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["creatorNotes"], "See you there");
    assert_eq!(stored(&app, event.id).await, before);

    // Without a body at all.
    let other = fixtures::event(&app, alice.talent_id.unwrap(), Some(agent.id), |_| {}).await;
    let bare = app
        .request(
            reqwest::Method::POST,
            &format!("/api/creator/events/{}/accept", other.id),
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(bare.status, 200, "{}", bare.text);
}

#[tokio::test]
async fn declining_keeps_the_reason_and_the_other_answer_is_409() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let event = fixtures::event(&app, alice.talent_id.unwrap(), None, |e| {
        e.status = sea_orm::Set(EventStatus::Suggested);
    })
    .await;
    let decline = format!("/api/creator/events/{}/decline", event.id);
    let res = app
        .post(&decline, &alice.token, json!({"reason": "Travelling"}))
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["status"], "declined");
    assert_eq!(res.body["declineReason"], "Travelling");

    let accept = format!("/api/creator/events/{}/accept", event.id);
    assert_eq!(app.post(&accept, &alice.token, json!({})).await.status, 409);
    assert_eq!(
        app.post(&decline, &alice.token, json!({})).await.status,
        200
    );
    assert_eq!(stored(&app, event.id).await.status, EventStatus::Declined);

    let accepted = fixtures::event(&app, alice.talent_id.unwrap(), None, |e| {
        e.status = sea_orm::Set(EventStatus::Accepted);
    })
    .await;
    let res = app
        .post(
            &format!("/api/creator/events/{}/decline", accepted.id),
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(res.content_type(), "application/problem+json");
}

#[tokio::test]
async fn past_events_refuse_answers_and_long_notes_are_422() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let past = fixtures::event(&app, alice.talent_id.unwrap(), None, |e| {
        e.start_at = sea_orm::Set(now() - chrono::Duration::hours(1));
    })
    .await;
    for action in ["accept", "decline"] {
        let res = app
            .post(
                &format!("/api/creator/events/{}/{action}", past.id),
                &alice.token,
                json!({}),
            )
            .await;
        assert_eq!(res.status, 409, "{action}");
    }
    assert_eq!(stored(&app, past.id).await.status, EventStatus::Invited);

    let event = fixtures::event(&app, alice.talent_id.unwrap(), None, |_| {}).await;
    let long = app
        .post(
            &format!("/api/creator/events/{}/accept", event.id),
            &alice.token,
            json!({"notes": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(long.status, 422);
    assert_eq!(long.error_fields(), ["notes"]);
    let long = app
        .post(
            &format!("/api/creator/events/{}/decline", event.id),
            &alice.token,
            json!({"reason": "x".repeat(1001)}),
        )
        .await;
    assert_eq!(long.error_fields(), ["reason"]);
    let ok = app
        .post(
            &format!("/api/creator/events/{}/accept", event.id),
            &alice.token,
            json!({"notes": "é".repeat(1000)}),
        )
        .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn of_two_racing_answers_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let agent = app.agent().await;
    for _ in 0..3 {
        let event = fixtures::event(&app, alice.talent_id.unwrap(), Some(agent.id), |_| {}).await;
        let accept = format!("/api/creator/events/{}/accept", event.id);
        let decline = format!("/api/creator/events/{}/decline", event.id);
        let (a, d) = tokio::join!(
            app.post(&accept, &alice.token, json!({"notes": "yes"})),
            app.post(&decline, &alice.token, json!({"reason": "no"})),
        );
        let mut statuses = [a.status, d.status];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{} / {}", a.text, d.text);
        let row = stored(&app, event.id).await;
        match row.status {
            EventStatus::Accepted => {
                assert_eq!(a.status, 200);
                assert_eq!(row.creator_notes.as_deref(), Some("yes"));
                assert_eq!(row.decline_reason, None);
            }
            EventStatus::Declined => {
                assert_eq!(d.status, 200);
                assert_eq!(row.decline_reason.as_deref(), Some("no"));
                assert_eq!(row.creator_notes, None);
            }
            other => panic!("unanswered: {other:?}"),
        }
        let answers = notification::Entity::find()
            .filter(notification::Column::EntityId.eq(event.id))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(answers.len(), 1);
    }
}

#[tokio::test]
async fn another_creators_event_is_404_and_unchanged() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let event = fixtures::event(&app, bob.talent_id.unwrap(), None, |_| {}).await;
    for action in ["accept", "decline"] {
        let res = app
            .post(
                &format!("/api/creator/events/{}/{action}", event.id),
                &alice.token,
                json!({}),
            )
            .await;
        assert_eq!(res.status, 404);
    }
    assert_eq!(stored(&app, event.id).await, event);
    assert!(ids(&app.get("/api/creator/events", &alice.token).await.body).is_empty());
    let bad = app
        .post(
            "/api/creator/events/not-a-uuid/accept",
            &alice.token,
            json!({}),
        )
        .await;
    assert_eq!(bad.status, 400);
}
