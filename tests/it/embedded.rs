//! The embedded cluster: created on first start, reused on restart, recovering from a crash's leftovers.
use std::time::Duration;
use traffino::server::embedded_pg::{EmbeddedPg, find_bin_dir};

#[tokio::test]
async fn the_embedded_cluster_starts_restarts_and_survives_a_stale_pid_file() {
    // Under /tmp: as root the cluster runs as `postgres`, which must be able to reach the folder.
    let dir = std::env::temp_dir().join(format!(
        "traffino-embedded-{}",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();

    let pg = EmbeddedPg::start(&dir, None)
        .await
        .expect("first start creates the cluster");
    assert!(pg.started_here());
    write_and_read(&pg, "first").await;
    pg.stop().await.unwrap();

    // A crash leaves postmaster.pid behind with a pid that is not a postgres process any more.
    std::fs::write(
        dir.join("postgres/postmaster.pid"),
        format!("{}\n{}\n", std::process::id(), dir.display()),
    )
    .unwrap();
    let pg = EmbeddedPg::start(&dir, None)
        .await
        .expect("restart despite the stale pid file");
    assert_eq!(
        read(&pg).await,
        "first",
        "the restart reused the same cluster"
    );

    // Starting again while it runs reuses the running server instead of failing.
    let again = EmbeddedPg::start(&dir, None)
        .await
        .expect("reuse a running cluster");
    assert!(!again.started_here());
    pg.stop().await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn write_and_read(pg: &EmbeddedPg, value: &str) {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = pg.superuser_options().connect().await.unwrap();
    sqlx::query("create table if not exists probe (v text)")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("insert into probe values ($1)")
        .bind(value)
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

async fn read(pg: &EmbeddedPg) -> String {
    use sqlx::{ConnectOptions, Connection};
    let mut conn = pg.superuser_options().connect().await.unwrap();
    let v: String = sqlx::query_scalar("select v from probe")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    v
}

#[test]
fn missing_postgresql_binaries_give_a_clear_error() {
    let err =
        find_bin_dir(Some("/nonexistent/postgresql/bin".into())).expect_err("no binaries there");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("apt-get install postgresql") && msg.contains("DATABASE_URL"),
        "{msg}"
    );
    assert!(
        find_bin_dir(None).is_ok(),
        "this machine has the PostgreSQL server installed"
    );
}
