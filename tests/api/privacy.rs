//! API.md §8.4: a creator's data export, erasure by an admin, and preview as the creator.

use exclusive_talent::db::entities::*;
use exclusive_talent::db::queries::now;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::fixtures::{self, days, in_days};
use crate::helpers::{PASSWORD, TestApp, TestUser};

/// A creator with a record of every kind, closed ones included, and the agency's money.
async fn creator_with_everything(app: &TestApp, staff: &TestUser) -> TestUser {
    let creator = app.creator("kept").await;
    let talent = creator.talent_id.unwrap();
    fixtures::goal(app, talent, |g| g.title = Set("Archived goal".to_owned())).await;
    fixtures::goal(app, talent, |g| {
        g.title = Set("Archived goal 2".to_owned());
        g.active = Set(false);
    })
    .await;
    fixtures::event(app, talent, Some(staff.id), |e| {
        e.event_name = Set("Past declined event".to_owned());
        e.status = Set(EventStatus::Declined);
        e.start_at = Set(now() - days(40));
    })
    .await;
    fixtures::event(app, talent, Some(staff.id), |_| {}).await;
    for status in [
        TaskStatus::Completed,
        TaskStatus::Cancelled,
        TaskStatus::Pending,
    ] {
        fixtures::task(app, talent, Some(staff.id), |t| t.status = Set(status)).await;
    }
    fixtures::task(app, talent, Some(staff.id), |t| {
        t.title = Set("INTERNAL-ONLY task".to_owned());
        t.task_type = Set(TaskType::Financial);
    })
    .await;
    fixtures::insight(app, talent, |i| {
        i.title = Set("Expired insight".to_owned());
        i.expires_at = Set(Some(in_days(-3)));
    })
    .await;
    fixtures::notification(app, creator.id, "For the creator").await;
    let brand = fixtures::brand(app, "Lumen").await;
    let lost = fixtures::deal(app, talent, brand.id, |d| {
        d.name = Set("Lost deal".to_owned());
        d.stage = Set(DealStage::Lost);
    })
    .await;
    let won = fixtures::deal(app, talent, brand.id, |_| {}).await;
    fixtures::invoice(app, won.id, 250_000, InvoiceStatus::Paid, |_| {}).await;
    fixtures::payout(app, talent, 200_000, PayoutStatus::Paid, |_| {}).await;
    let _ = lost;
    app.post(
        "/api/creator/wellness-checkin",
        &creator.token,
        json!({"energyLevel": 4, "workload": "busy", "notes": "My own words"}),
    )
    .await;
    app.post(
        "/api/creator/ai/ask",
        &creator.token,
        json!({"prompt": "What should I post?"}),
    )
    .await;
    app.post(
        "/api/creator/socials/connect",
        &creator.token,
        json!({"platform": "instagram", "handle": "keptcreator", "accessToken": "SECRET-SOCIAL-TOKEN"}),
    )
    .await;
    creator
}

fn created_at_in_order(items: &Value) -> bool {
    let ids: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    ids.windows(2).all(|pair| pair[0] < pair[1])
}

#[tokio::test]
async fn the_export_holds_every_record_of_the_creator_oldest_first() {
    let app = TestApp::spawn().await;
    let staff = app.agent().await;
    let creator = creator_with_everything(&app, &staff).await;
    let other = creator_with_everything(&app, &staff).await;
    let export = app.get("/api/creator/export", &creator.token).await;
    assert_eq!(export.status, 200, "{}", export.text);
    let body = &export.body;
    assert_eq!(body["profile"]["email"], creator.email.to_lowercase());
    assert_eq!(body["profile"]["displayName"], creator.email);
    assert!(body["exportedAt"].is_string());
    for (collection, count) in [
        ("goals", 2),
        ("events", 2),
        ("tasks", 3),
        ("deals", 2),
        ("socials", 1),
        ("insights", 1),
        ("wellness", 1),
        ("aiHistory", 1),
        ("notifications", 1),
    ] {
        let items = &body[collection];
        assert_eq!(
            items.as_array().map(Vec::len),
            Some(count),
            "{collection}: {items}"
        );
        assert!(created_at_in_order(items), "{collection} oldest first");
    }
    assert!(body["revenue"]["currencies"].is_array());
    let text = &export.text;
    for shown in [
        "Archived goal 2",
        "Past declined event",
        "Expired insight",
        "Lost deal",
        "My own words",
        "keptcreator",
    ] {
        assert!(text.contains(shown), "{shown}");
    }
    for hidden in [
        "INTERNAL-ONLY",
        "SECRET-SOCIAL-TOKEN",
        "invoiceNumber",
        "negotiationNotes",
    ] {
        assert!(!text.contains(hidden), "{hidden}");
    }
    // Only their own: nothing of the other creator.
    let other_export = app.get("/api/creator/export", &other.token).await;
    let ids = |body: &Value| -> Vec<String> {
        [
            "goals",
            "events",
            "tasks",
            "insights",
            "wellness",
            "aiHistory",
            "notifications",
        ]
        .iter()
        .flat_map(|c| {
            body[*c]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].to_string())
        })
        .collect()
    };
    let mine = ids(body);
    assert!(ids(&other_export.body).iter().all(|id| !mine.contains(id)));
    // Staff have no export of their own.
    assert_eq!(
        app.get("/api/creator/export", &staff.token).await.status,
        403
    );
}

/// Rows of an entity matching a filter.
macro_rules! count {
    ($app:expr, $entity:ty, $filter:expr) => {
        <$entity>::find()
            .filter($filter)
            .count(&$app.db)
            .await
            .unwrap()
    };
}

#[tokio::test]
async fn erasure_leaves_nothing_personal_keeps_the_money_and_is_audited() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let staff = app.agent().await;
    let creator = creator_with_everything(&app, &staff).await;
    let bystander = creator_with_everything(&app, &staff).await;
    let talent = creator.talent_id.unwrap();
    let feed = app
        .post("/api/creator/calendar-feed", &creator.token, json!({}))
        .await;
    let feed_path = feed.body["url"]
        .as_str()
        .unwrap()
        .split("/ical/")
        .nth(1)
        .map(|f| format!("/ical/{f}"))
        .unwrap();
    assert_eq!(
        app.request(reqwest::Method::GET, &feed_path, None, None)
            .await
            .status,
        200
    );
    let deals_before = count!(app, deal::Entity, deal::Column::TalentId.eq(talent));
    let payouts_before = count!(app, payout::Entity, payout::Column::TalentId.eq(talent));
    let invoices_before = invoice::Entity::find().count(&app.db).await.unwrap();

    let path = format!("/api/admin/talents/{talent}/erase");
    assert_eq!(
        app.post(&path, &staff.token, json!({})).await.status,
        403,
        "admins only"
    );
    let erased = app.post(&path, &admin.token, json!({})).await;
    assert_eq!(erased.status, 200, "{}", erased.text);
    assert_eq!(erased.body["displayName"], "Erased creator");
    assert_eq!(erased.body["categories"], json!([]));
    assert_eq!(erased.body["userId"], creator.id.to_string());

    // A query per table: nothing of the creator's own is left.
    assert_eq!(
        count!(
            app,
            creator_goal::Entity,
            creator_goal::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            creator_event::Entity,
            creator_event::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            creator_task::Entity,
            creator_task::Column::CreatorId.eq(talent)
        ),
        0,
        "internal ones too"
    );
    assert_eq!(
        count!(
            app,
            social_account_connection::Entity,
            social_account_connection::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            creator_insight::Entity,
            creator_insight::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            wellness_checkin::Entity,
            wellness_checkin::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            ai_prompt_history::Entity,
            ai_prompt_history::Column::CreatorId.eq(talent)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            notification::Entity,
            notification::Column::UserId.eq(creator.id)
        ),
        0
    );
    assert_eq!(
        count!(
            app,
            calendar_feed::Entity,
            calendar_feed::Column::TalentId.eq(talent)
        ),
        0
    );
    assert_eq!(
        app.request(reqwest::Method::GET, &feed_path, None, None)
            .await
            .status,
        404
    );
    let user = user::Entity::find_by_id(creator.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.name, "Erased creator");
    assert_eq!(user.email, format!("erased-{}@invalid", creator.id));
    assert!(!user.active && user.admin_notes.is_none());
    let talent_row = talent::Entity::find_by_id(talent)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            talent_row.display_name.as_str(),
            talent_row.categories.0.len()
        ),
        ("Erased creator", 0)
    );
    // The agency's money records stay.
    assert_eq!(
        count!(app, deal::Entity, deal::Column::TalentId.eq(talent)),
        deals_before
    );
    assert_eq!(
        count!(app, payout::Entity, payout::Column::TalentId.eq(talent)),
        payouts_before
    );
    assert_eq!(
        invoice::Entity::find().count(&app.db).await.unwrap(),
        invoices_before
    );
    // Their tokens are refused at once, and their old credentials open nothing.
    assert_eq!(app.get("/api/auth/me", &creator.token).await.status, 401);
    assert_eq!(app.login(&creator.email, PASSWORD).await.status, 401);
    // Another creator is untouched.
    assert_eq!(
        app.get("/api/creator/export", &bystander.token).await.body["goals"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Audited; erasing again is 200 and changes nothing (no second entry).
    let log_path = format!("/api/admin/audit-log?entityType=talent&entityId={talent}");
    let log = || app.get(&log_path, &admin.token);
    let entries = log().await.body["items"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "erase");
    assert_eq!(entries[0]["actorId"], admin.id.to_string());
    assert!(entries[0]["before"].is_null() && entries[0]["after"].is_null());
    let again = app.post(&path, &admin.token, json!({})).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body, erased.body);
    assert_eq!(log().await.body["items"].as_array().unwrap().len(), 1);

    let unknown = format!("/api/admin/talents/{}/erase", uuid::Uuid::now_v7());
    assert_eq!(
        app.post(&unknown, &admin.token, json!({})).await.status,
        404
    );
}

#[tokio::test]
async fn a_talent_without_a_login_is_erased_the_same_way() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let talent = app.talent_for(None, "Prospect Person").await;
    fixtures::goal(&app, talent, |_| {}).await;
    let erased = app
        .post(
            &format!("/api/admin/talents/{talent}/erase"),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(erased.status, 200, "{}", erased.text);
    assert_eq!(erased.body["displayName"], "Erased creator");
    assert_eq!(
        count!(
            app,
            creator_goal::Entity,
            creator_goal::Column::CreatorId.eq(talent)
        ),
        0
    );
}

/// The creator's wellness is no part of the preview: with that section made to fail, the
/// creator's own overview is degraded and the preview is not.
#[tokio::test]
async fn a_failing_wellness_section_never_degrades_the_preview() {
    let app = TestApp::spawn().await;
    let staff = app.agent().await;
    let creator = creator_with_everything(&app, &staff).await;
    let talent = creator.talent_id.unwrap();
    app.state.overview_faults.fail("wellness");

    let own = app.get("/api/creator/overview", &creator.token).await;
    assert_eq!(own.body["degraded"], json!(["wellness"]), "{}", own.text);
    let preview = app
        .get(
            &format!("/api/admin/talents/{talent}/preview/overview"),
            &staff.token,
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.text);
    assert_eq!(preview.body["degraded"], json!([]));
    assert_eq!(
        preview.body["wellness"],
        json!({"latest": null, "checkinsLast30Days": 0})
    );
}

#[tokio::test]
async fn preview_is_the_creators_own_overview_but_wellness_and_is_audited() {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let staff = app.agent().await;
    let creator = creator_with_everything(&app, &staff).await;
    let talent = creator.talent_id.unwrap();
    let own = app.get("/api/creator/overview", &creator.token).await;
    let preview = app
        .get(
            &format!("/api/admin/talents/{talent}/preview/overview"),
            &staff.token,
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.text);
    assert_eq!(
        preview.body["wellness"],
        json!({"latest": null, "checkinsLast30Days": 0})
    );
    assert!(
        own.body["wellness"]["latest"].is_object(),
        "the creator has a check-in"
    );
    let without = |body: &Value| {
        let mut body = body.clone();
        let map = body.as_object_mut().unwrap();
        map.remove("generatedAt");
        map.remove("wellness");
        body
    };
    assert_eq!(
        without(&preview.body),
        without(&own.body),
        "field for field"
    );
    assert_eq!(preview.body["degraded"], json!([]));

    let log = app
        .get(
            &format!("/api/admin/audit-log?entityType=talent&entityId={talent}"),
            &admin.token,
        )
        .await;
    assert_eq!(log.body["items"][0]["action"], "preview");
    assert_eq!(log.body["items"][0]["actorId"], staff.id.to_string());

    let loginless = app.talent_for(None, "No login").await;
    let none = app
        .get(
            &format!("/api/admin/talents/{loginless}/preview/overview"),
            &staff.token,
        )
        .await;
    assert_eq!(none.status, 404);
    let as_creator = app
        .get(
            &format!("/api/admin/talents/{talent}/preview/overview"),
            &creator.token,
        )
        .await;
    assert_eq!(as_creator.status, 403);
}
