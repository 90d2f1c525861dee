//! API.md §6 socials: connect (create or replace), list, disconnect; tokens sealed at rest.

use exclusive_talent::db::entities::{Platform, social_account_connection as social};
use exclusive_talent::db::queries::socials;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;

use crate::fixtures::in_days;
use crate::helpers::TestApp;

async fn stored(
    app: &TestApp,
    talent: exclusive_talent::db::entities::TalentId,
) -> Vec<social::Model> {
    social::Entity::find()
        .filter(social::Column::CreatorId.eq(talent))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn connect_seals_tokens_and_disconnect_erases_them() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let res = app
        .post(
            "/api/creator/socials/connect",
            &alice.token,
            json!({"platform": "instagram", "handle": "@alice", "accessToken": "plain-access",
                   "refreshToken": "plain-refresh", "expiresAt": in_days(30)}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["connected"], true);
    assert_eq!(res.body["needsReconnect"], false);
    assert_eq!(res.body["stats"], serde_json::Value::Null);
    assert!(!res.text.contains("plain-access"));

    let rows = stored(&app, talent).await;
    assert_eq!(rows.len(), 1);
    let access = rows[0].access_token.clone().expect("sealed access token");
    assert!(!access.contains("plain-access"));
    assert!(!res.text.contains(&access));
    assert!(
        !rows[0]
            .refresh_token
            .clone()
            .unwrap()
            .contains("plain-refresh")
    );
    // Only a sync opens them.
    let tokens = socials::tokens_for_sync(&app.db, &app.state.tokens, talent, Platform::Instagram)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tokens.access_token.as_deref(), Some("plain-access"));
    assert_eq!(tokens.refresh_token.as_deref(), Some("plain-refresh"));

    let off = app
        .post(
            "/api/creator/socials/disconnect",
            &alice.token,
            json!({"platform": "instagram"}),
        )
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_eq!(off.body["connected"], false);
    let rows = stored(&app, talent).await;
    assert_eq!(rows[0].access_token, None);
    assert_eq!(rows[0].refresh_token, None);
    assert!(!rows[0].connected);
}

#[tokio::test]
async fn connecting_again_replaces_the_platforms_connection() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    let first = app
        .post(
            "/api/creator/socials/connect",
            &alice.token,
            json!({"platform": "tiktok", "handle": "old", "accessToken": "a1"}),
        )
        .await;
    app.post(
        "/api/creator/socials/disconnect",
        &alice.token,
        json!({"platform": "tiktok"}),
    )
    .await;
    let second = app
        .post(
            "/api/creator/socials/connect",
            &alice.token,
            json!({"platform": "tiktok", "handle": "new"}),
        )
        .await;
    assert_eq!(second.status, 200);
    assert_eq!(second.body["id"], first.body["id"]);
    assert_eq!(second.body["handle"], "new");
    assert_eq!(second.body["connected"], true);
    let rows = stored(&app, talent).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].access_token, None);

    app.post(
        "/api/creator/socials/connect",
        &alice.token,
        json!({"platform": "youtube", "handle": "yt"}),
    )
    .await;
    let list = app.get("/api/creator/socials", &alice.token).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
    assert!(list.body.get("nextCursor").is_none());
}

#[tokio::test]
async fn needs_reconnect_and_stats_follow_the_row() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let talent = alice.talent_id.unwrap();
    app.post(
        "/api/creator/socials/connect",
        &alice.token,
        json!({"platform": "x", "handle": "alice", "accessToken": "t", "expiresAt": in_days(-1)}),
    )
    .await;
    let mut row = stored(&app, talent).await.remove(0).into_active_model();
    row.followers = Set(Some(12_345));
    row.update(&app.db).await.unwrap();
    let list = app.get("/api/creator/socials", &alice.token).await;
    let item = &list.body["items"][0];
    assert_eq!(item["needsReconnect"], true);
    assert_eq!(
        item["stats"],
        json!({"followers": 12345, "engagementRate": null, "avgViews": null})
    );
}

#[tokio::test]
async fn handles_are_checked_and_unknown_platforms_refused() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    for handle in ["", "two words", &"x".repeat(101)] {
        let res = app
            .post(
                "/api/creator/socials/connect",
                &alice.token,
                json!({"platform": "x", "handle": handle}),
            )
            .await;
        assert_eq!(res.status, 422, "{handle:?}");
        assert_eq!(res.error_fields(), ["handle"]);
    }
    let res = app
        .post(
            "/api/creator/socials/connect",
            &alice.token,
            json!({"platform": "myspace", "handle": "a"}),
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.error_fields(), ["platform"]);
}

#[tokio::test]
async fn disconnecting_a_platform_never_connected_is_404_even_if_another_creator_has_it() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    app.post(
        "/api/creator/socials/connect",
        &bob.token,
        json!({"platform": "linkedin", "handle": "bob", "accessToken": "bobs"}),
    )
    .await;
    let before = stored(&app, bob.talent_id.unwrap()).await;
    let res = app
        .post(
            "/api/creator/socials/disconnect",
            &alice.token,
            json!({"platform": "linkedin"}),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(stored(&app, bob.talent_id.unwrap()).await, before);
    assert_eq!(
        app.get("/api/creator/socials", &alice.token).await.body,
        json!({"items": []})
    );
}
