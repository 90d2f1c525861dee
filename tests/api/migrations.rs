//! The migrations undo cleanly: every `down` runs, and `up` rebuilds the schema after it.

use exclusive_talent::db::migrations::Migrator;
use sea_orm_migration::MigratorTrait;

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
