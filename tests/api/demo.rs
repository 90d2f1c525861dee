//! The demo agency (`seed --demo`): loads into an empty database once, and its logins see
//! real data.

use exclusive_talent::db::entities::{
    DealStage, EventStatus, InvoiceStatus, TaskType, creator_event, creator_task, deal, invoice,
    payout, user,
};
use exclusive_talent::seed::demo::{self, DEMO_PASSWORD};
use sea_orm::{EntityTrait, PaginatorTrait};
use std::collections::HashSet;

use crate::helpers::TestApp;

async fn counts(app: &TestApp) -> [u64; 5] {
    [
        user::Entity::find().count(&app.db).await.unwrap(),
        deal::Entity::find().count(&app.db).await.unwrap(),
        invoice::Entity::find().count(&app.db).await.unwrap(),
        creator_event::Entity::find().count(&app.db).await.unwrap(),
        creator_task::Entity::find().count(&app.db).await.unwrap(),
    ]
}

#[tokio::test]
async fn the_demo_agency_loads_once_and_its_logins_see_real_data() {
    let app = TestApp::spawn().await;
    let summary = demo::seed(&app.db).await.expect("seed").expect("loaded");
    assert_eq!(summary.users, demo::logins().len());
    assert!(summary.deals >= 50 && summary.invoices >= 40, "{summary:?}");
    let before = counts(&app).await;
    assert!(demo::seed(&app.db).await.expect("second seed").is_none());
    assert_eq!(
        counts(&app).await,
        before,
        "running it twice changes nothing"
    );

    // Every stage, status and type the brief names is there.
    let deals = deal::Entity::find().all(&app.db).await.unwrap();
    let stages: HashSet<DealStage> = deals.iter().map(|d| d.stage).collect();
    assert_eq!(stages.len(), 6);
    let currencies: HashSet<&str> = deals.iter().map(|d| d.currency.as_str()).collect();
    assert_eq!(currencies, HashSet::from(["GBP", "USD"]));
    let invoices = invoice::Entity::find().all(&app.db).await.unwrap();
    let statuses: HashSet<InvoiceStatus> = invoices.iter().map(|i| i.status).collect();
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    let oldest_paid = invoices.iter().filter_map(|i| i.paid_at).min().unwrap();
    assert!(oldest_paid < chrono::Utc::now() - chrono::Duration::days(365));
    let events = creator_event::Entity::find().all(&app.db).await.unwrap();
    let states: HashSet<EventStatus> = events.iter().map(|e| e.status).collect();
    assert_eq!(states.len(), 4);
    let tasks = creator_task::Entity::find().all(&app.db).await.unwrap();
    let types: HashSet<TaskType> = tasks.iter().map(|t| t.task_type).collect();
    assert_eq!(types.len(), 6);
    assert!(payout::Entity::find().count(&app.db).await.unwrap() > 0);

    // A demo agent signs in over HTTP and sees the agency.
    let agent = app.login("agent@demo.agency", DEMO_PASSWORD).await;
    assert_eq!(agent.status, 200, "{}", agent.text);
    let token = agent.body["token"].as_str().unwrap();
    for path in [
        "/api/admin/deals",
        "/api/admin/invoices?status=paid",
        "/api/admin/talents?q=maya",
        "/api/admin/notifications",
    ] {
        let res = app.get(path, token).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(
            !res.body["items"].as_array().unwrap().is_empty(),
            "{path} is empty"
        );
    }
    assert_eq!(app.get("/api/admin/users", token).await.status, 403);
    let admin = app.login("admin@demo.agency", DEMO_PASSWORD).await;
    let users = app
        .get(
            "/api/admin/users?role=creator",
            admin.body["token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(users.body["items"].as_array().unwrap().len(), 12);

    // A demo creator signs in as a creator with a linked talent that has records.
    let maya = app.login("maya@demo.agency", DEMO_PASSWORD).await;
    assert_eq!(maya.status, 200);
    assert_eq!(maya.body["user"]["role"], "creator");
    let me = app
        .get("/api/auth/me", maya.body["token"].as_str().unwrap())
        .await;
    let talent = me.body["talentId"]
        .as_str()
        .expect("a linked talent")
        .to_owned();
    let token = token.to_owned();
    for nested in ["events", "tasks", "insights", "goals", "socials"] {
        let items = app
            .walk(&format!("/api/admin/talents/{talent}/{nested}"), &token, 50)
            .await;
        assert!(!items.is_empty(), "{nested}");
    }
    let deals = app
        .ids(&format!("/api/admin/deals?talentId={talent}"), &token)
        .await;
    assert_eq!(deals.len(), 5);
}

#[tokio::test]
async fn the_demo_is_not_loaded_into_a_database_with_users() {
    let app = TestApp::spawn().await;
    app.agent().await;
    assert!(demo::seed(&app.db).await.unwrap().is_none());
    assert_eq!(deal::Entity::find().count(&app.db).await.unwrap(), 0);
}
