//! The migrations undo cleanly: every `down` runs, and `up` rebuilds the schema after it.

use exclusive_talent::db::entities::InvoiceStatus;
use exclusive_talent::db::migrations::Migrator;
use sea_orm_migration::MigratorTrait;
use serde_json::json;

use crate::fixtures;
use crate::helpers::TestApp;

#[tokio::test]
async fn every_migration_rolls_back_and_reapplies() {
    let app = TestApp::spawn().await;
    let applied = Migrator::get_applied_migrations(&app.db)
        .await
        .expect("applied")
        .len();
    assert!(applied >= 3, "the test database is migrated");
    Migrator::down(&app.db, None).await.expect("down");
    assert!(
        Migrator::get_applied_migrations(&app.db)
            .await
            .expect("applied")
            .is_empty()
    );
    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(
        Migrator::get_applied_migrations(&app.db)
            .await
            .expect("applied")
            .len(),
        applied
    );
    // The schema works again: a creator's overview answers.
    let creator = app.creator("after-rollback").await;
    let res = app.get("/api/creator/overview", &creator.token).await;
    assert_eq!(res.status, 200, "{}", res.text);
}

/// `invoices.talent_id` (migration 11) is filled from each invoice's deal: money invoiced before
/// it counts for its creator, and for no one else.
#[tokio::test]
async fn invoices_from_before_their_creator_column_count_for_their_deals_creator() {
    let app = TestApp::spawn().await;
    let alice = app.creator("alice").await;
    let bob = app.creator("bob").await;
    let brand = fixtures::brand(&app, "Acme").await;
    let deal = fixtures::deal(&app, alice.talent_id.unwrap(), brand.id, |_| {}).await;
    fixtures::invoice(&app, deal.id, 5_000_000, InvoiceStatus::Paid, |_| {}).await;

    Migrator::down(&app.db, Some(1)).await.expect("down one");
    Migrator::up(&app.db, None).await.expect("up again");

    let res = app.get("/api/creator/revenue-summary", &alice.token).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.body["currencies"][0]["totalEarned"]["amount"], 50_000);
    let res = app.get("/api/creator/revenue-summary", &bob.token).await;
    assert_eq!(res.body, json!({"currencies": []}));
}
