//! `/api/admin/talents`: the agency's creators, their links to logins, and deletion.

use exclusive_talent::db::entities::{creator_event, creator_goal, social_account_connection};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, id_of};

#[tokio::test]
async fn talents_are_created_read_patched_and_listed_by_stage_and_name() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let mut made = Vec::new();
    for (i, (name, stage)) in [
        ("Maya Chen", "active"),
        ("Leo Park", "prospect"),
        ("maya rose", "active"),
        ("Sam 100%", "paused"),
        ("Ivy", "alumni"),
        ("Jo", "onboarding"),
        ("Kai", "active"),
    ]
    .into_iter()
    .enumerate()
    {
        let talent = app
            .created(
                "/api/admin/talents",
                t,
                json!({"displayName": name, "stage": stage, "categories": ["fashion", format!("c{i}")]}),
            )
            .await;
        made.push(id_of(&talent));
    }
    made.reverse();
    let walked: Vec<String> = app
        .walk("/api/admin/talents", t, 3)
        .await
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(walked, made);
    assert_eq!(app.ids("/api/admin/talents?stage=active", t).await.len(), 3);
    assert_eq!(app.ids("/api/admin/talents?q=MAYA", t).await.len(), 2);
    assert_eq!(
        app.ids("/api/admin/talents?q=maya&stage=active", t)
            .await
            .len(),
        2
    );
    assert_eq!(app.ids("/api/admin/talents?q=0%25", t).await.len(), 1);

    let id = &made[0];
    let res = app
        .patch(
            &format!("/api/admin/talents/{id}"),
            t,
            json!({"stage": "paused"}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body["stage"], "paused");
    assert_eq!(res.body["displayName"], "Kai");
    assert_eq!(res.body["categories"], json!(["fashion", "c6"]));
    let read = app.get(&format!("/api/admin/talents/{id}"), t).await;
    assert_eq!(read.body, res.body);
}

#[tokio::test]
async fn a_talent_links_only_an_existing_creator_login_once() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let linked = app.creator("lina").await;
    let agent = app.agent().await;
    let res = app
        .post(
            "/api/admin/talents",
            t,
            json!({"displayName": "X", "stage": "active", "userId": uuid::Uuid::now_v7()}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["userId"]);
    let res = app
        .post(
            "/api/admin/talents",
            t,
            json!({"displayName": "X", "stage": "active", "userId": agent.id}),
        )
        .await;
    assert_eq!(res.status, 422);
    let res = app
        .post(
            "/api/admin/talents",
            t,
            json!({"displayName": "X", "stage": "active", "userId": linked.id}),
        )
        .await;
    assert_eq!(res.status, 409, "one talent per login");

    // Unlinking takes the creator's portal away at once.
    let talent = linked.talent_id.unwrap();
    assert_eq!(
        app.get("/api/auth/me", &linked.token).await.body["talentId"],
        talent.to_string()
    );
    let res = app
        .patch(
            &format!("/api/admin/talents/{talent}"),
            t,
            json!({"userId": null}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body["userId"], serde_json::Value::Null);
    assert!(
        app.get("/api/auth/me", &linked.token)
            .await
            .body
            .get("talentId")
            .is_none()
    );
}

#[tokio::test]
async fn talent_bodies_are_validated() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let res = app
        .post(
            "/api/admin/talents",
            t,
            json!({"displayName": "", "stage": "famous", "categories": "fashion"}),
        )
        .await;
    assert_eq!(res.status, 422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["categories", "stage"]);
    let res = app
        .post(
            "/api/admin/talents",
            t,
            json!({"displayName": " ", "stage": "active"}),
        )
        .await;
    assert_eq!(res.error_fields(), ["displayName"]);
    let res = app
        .post("/api/admin/talents", t, json!({"stage": "active"}))
        .await;
    assert_eq!(res.error_fields(), ["displayName"]);
}

#[tokio::test]
async fn deleting_a_talent_cascades_its_creator_records_unless_money_refers_to_it() {
    let app = TestApp::spawn().await;
    let t = &app.agent().await.token;
    let creator = app.creator("dana").await;
    let talent = creator.talent_id.unwrap();
    app.insert_goal(talent, "Grow").await;
    app.insert_social(talent, "tiktok", None).await;
    app.created(
        &format!("/api/admin/talents/{talent}/events"),
        t,
        json!({"eventName": "Shoot", "eventType": "shoot", "startAt": "2026-12-01T10:00:00Z", "status": "invited"}),
    )
    .await;

    // A payout keeps the talent.
    let payout = app
        .created(
            "/api/admin/payouts",
            t,
            json!({"talentId": talent, "amountMinor": 100, "currency": "GBP", "status": "pending"}),
        )
        .await;
    let res = app.delete(&format!("/api/admin/talents/{talent}"), t).await;
    assert_eq!(res.status, 409);
    assert_eq!(
        app.delete(&format!("/api/admin/payouts/{}", id_of(&payout)), t)
            .await
            .status,
        204
    );

    // So does a deal.
    let brand = app
        .created("/api/admin/brands", t, json!({"name": "B"}))
        .await;
    let deal = app
        .created(
            "/api/admin/deals",
            t,
            json!({"talentId": talent, "brandId": brand["id"], "name": "D", "stage": "lead",
                   "valueMinor": 1, "currency": "GBP"}),
        )
        .await;
    assert_eq!(
        app.delete(&format!("/api/admin/talents/{talent}"), t)
            .await
            .status,
        409
    );
    assert_eq!(
        app.delete(&format!("/api/admin/deals/{}", id_of(&deal)), t)
            .await
            .status,
        204
    );

    assert_eq!(
        app.delete(&format!("/api/admin/talents/{talent}"), t)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/api/admin/talents/{talent}"), t)
            .await
            .status,
        404
    );
    assert_eq!(
        app.delete(&format!("/api/admin/talents/{talent}"), t)
            .await
            .status,
        404
    );
    let goals = creator_goal::Entity::find()
        .filter(creator_goal::Column::CreatorId.eq(talent))
        .count(&app.db)
        .await
        .unwrap();
    let events = creator_event::Entity::find()
        .filter(creator_event::Column::CreatorId.eq(talent))
        .count(&app.db)
        .await
        .unwrap();
    let socials = social_account_connection::Entity::find()
        .filter(social_account_connection::Column::CreatorId.eq(talent))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!((goals, events, socials), (0, 0, 0));
}
