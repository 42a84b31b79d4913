//! Migrations run up, down and up again on the test database.

use crate::support::TestApp;
use migration::{Migrator, MigratorTrait};

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let app = TestApp::new().await;
    let applied = Migrator::get_applied_migrations(&app.db)
        .await
        .expect("applied");
    assert_eq!(applied.len(), Migrator::migrations().len());
    assert!(app.load_demo().await);
    assert!(app.count("milestone").await > 0);

    Migrator::down(&app.db, None).await.expect("down");
    assert!(
        Migrator::get_applied_migrations(&app.db)
            .await
            .expect("applied")
            .is_empty()
    );
    assert!(
        app.db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::ConnectionTrait::get_database_backend(&app.db),
                "SELECT COUNT(*) FROM milestone",
            ))
            .await
            .is_err(),
        "tables are gone after down"
    );

    Migrator::up(&app.db, None).await.expect("up again");
    assert_eq!(app.count("milestone").await, 0);
    assert!(
        app.load_demo().await,
        "the demo loads into the re-created schema"
    );
}

use sea_orm::ConnectionTrait as _;
