//! `seed --scale N`: the synthetic agency the benchmarks run against.

use exclusive_talent::db::entities::{creator_task, deal, notification, talent};
use exclusive_talent::seed::scale::{BUSY_CREATOR, SCALE_PASSWORD, creator_email, seed_scale};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::TestApp;

#[tokio::test]
async fn the_scale_agency_has_busy_creators_who_can_sign_in() {
    let app = TestApp::spawn().await;
    let written = seed_scale(&app.db, 2, &BUSY_CREATOR).await.expect("seed");
    assert!(written > 2 * 1_000, "{written}");
    assert_eq!(talent::Entity::find().count(&app.db).await.unwrap(), 2);
    assert_eq!(deal::Entity::find().count(&app.db).await.unwrap(), 200);
    assert_eq!(
        creator_task::Entity::find().count(&app.db).await.unwrap(),
        400
    );
    assert_eq!(
        notification::Entity::find().count(&app.db).await.unwrap(),
        600
    );

    let login = app.login(&creator_email(2), SCALE_PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.text);
    assert_eq!(login.body["user"]["role"], "creator");

    // A second run is refused: the database has users now.
    let again = seed_scale(&app.db, 2, &BUSY_CREATOR)
        .await
        .expect_err("a database with users is refused");
    assert!(again.to_string().contains("seed --scale"), "{again}");
    assert_eq!(deal::Entity::find().count(&app.db).await.unwrap(), 200);
}
