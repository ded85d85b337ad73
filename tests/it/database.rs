//! Schema, roles, RLS and audit, checked in the catalog and as the app role.
use crate::helpers::app_pool;
use sqlx::PgPool;
use traffino::server::database::MIGRATOR;

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing(db: PgPool) {
    let tables_before: Vec<String> = sqlx::query_scalar(
        "select tablename::text from pg_tables where schemaname = 'public' order by 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(
        tables_before.iter().any(|t| t == "audit_log"),
        "{tables_before:?}"
    );
    let applied_before: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&db)
        .await
        .unwrap();

    MIGRATOR.run(&db).await.expect("second run");

    let tables_after: Vec<String> = sqlx::query_scalar(
        "select tablename::text from pg_tables where schemaname = 'public' order by 1",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let applied_after: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(tables_before, tables_after);
    assert_eq!(applied_before, applied_after);
    assert_eq!(applied_after as usize, MIGRATOR.iter().count());
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_app_role_owns_nothing_and_cannot_bypass_rls(db: PgPool) {
    let (superuser, bypass, createrole): (bool, bool, bool) = sqlx::query_as(
        "select rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = 'traffino_app'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(!superuser && !bypass && !createrole);

    let owned: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c join pg_roles r on r.oid = c.relowner
         where r.rolname = 'traffino_app'
         union all
         select p.proname::text from pg_proc p join pg_roles r on r.oid = p.proowner where r.rolname = 'traffino_app'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(owned.is_empty(), "traffino_app owns {owned:?}");

    // Every table of ours is owned by traffino_owner.
    let foreign_owned: Vec<String> = sqlx::query_scalar(
        "select tablename::text from pg_tables where schemaname = 'public'
         and tablename <> '_sqlx_migrations' and tableowner <> 'traffino_owner'",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(foreign_owned.is_empty(), "{foreign_owned:?}");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn every_table_with_tenant_id_has_forced_rls_and_every_table_is_audited(db: PgPool) {
    let unprotected: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         where c.relkind = 'r' and (not c.relrowsecurity or not c.relforcerowsecurity)
           and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(
        unprotected.is_empty(),
        "tenant tables without forced RLS: {unprotected:?}"
    );

    let unaudited: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         -- audit_log and security_event are logs themselves (append-only for the app role)
         where c.relkind = 'r' and c.relname not in ('audit_log', 'security_event', '_sqlx_migrations')
           and not exists (select from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'audit')",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert!(
        unaudited.is_empty(),
        "tables without the audit trigger: {unaudited:?}"
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn with_no_tenant_context_the_app_role_sees_no_tenant_rows(db: PgPool) {
    sqlx::query("insert into tenant (tenant_id, slug, name) values ($1, 'acme', 'ACME')")
        .bind(uuid::Uuid::now_v7())
        .execute(&db)
        .await
        .unwrap();
    let app = app_pool(&db).await;
    let visible: i64 = sqlx::query_scalar("select count(*) from tenant")
        .fetch_one(&app)
        .await
        .unwrap();
    assert_eq!(visible, 0);
    let audit_visible: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&app)
        .await
        .unwrap();
    assert_eq!(audit_visible, 0);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_write_is_recorded_in_the_audit_log_without_secrets(db: PgPool) {
    let app = app_pool(&db).await;
    let user_id = uuid::Uuid::now_v7();
    let actor = uuid::Uuid::now_v7();
    let mut tx = app.begin().await.unwrap();
    sqlx::query(
        "select set_config('app.user_id', $1, true), set_config('app.request_id', 'req-1', true)",
    )
    .bind(actor.to_string())
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(r#"insert into "user" (user_id, email, password_hash) values ($1, 'ana@example.org', '$argon2id$secret')"#)
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let (table, row_id, actor_id, request_id, action, diff): (
        String,
        uuid::Uuid,
        Option<uuid::Uuid>,
        Option<String>,
        String,
        serde_json::Value,
    ) = sqlx::query_as(
        "select table_name, row_id, actor_id, request_id, action, diff from audit_log",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        (
            table.as_str(),
            row_id,
            actor_id,
            request_id.as_deref(),
            action.as_str()
        ),
        ("user", user_id, Some(actor), Some("req-1"), "insert")
    );
    assert_eq!(diff["email"]["new"], "ana@example.org");
    assert_eq!(diff["password_hash"]["new"], "[redacted]");
    assert!(!diff.to_string().contains("secret"), "{diff}");

    // A direct SQL change (no app context) is recorded too, with no actor: "database".
    sqlx::query(r#"update "user" set display_name = 'Ana' where user_id = $1"#)
        .bind(user_id)
        .execute(&db)
        .await
        .unwrap();
    let (actor_id, diff): (Option<uuid::Uuid>, serde_json::Value) =
        sqlx::query_as("select actor_id, diff from audit_log where action = 'update'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(actor_id, None);
    assert_eq!(
        diff,
        serde_json::json!({"display_name": {"old": "", "new": "Ana"}})
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_app_role_cannot_change_or_delete_audit_rows(db: PgPool) {
    sqlx::query(r#"insert into "user" (user_id, email) values ($1, 'ana@example.org')"#)
        .bind(uuid::Uuid::now_v7())
        .execute(&db)
        .await
        .unwrap();
    let app = app_pool(&db).await;
    let update = sqlx::query("update audit_log set action = 'delete'")
        .execute(&app)
        .await;
    let delete = sqlx::query("delete from audit_log").execute(&app).await;
    let truncate = sqlx::query("truncate audit_log").execute(&app).await;
    for result in [update, delete, truncate] {
        let err = result.expect_err("must be refused");
        assert!(err.to_string().contains("permission denied"), "{err}");
    }
    let rows: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_failing_migration_changes_nothing(db: PgPool) {
    // Our migrations plus one that creates a table and then fails.
    let dir = std::env::temp_dir().join(format!(
        "traffino-bad-migration-{}",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("migrations").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join("9999_broken.sql"),
        "set local role traffino_owner;\ncreate table half_done (x int);\nselect 1 / 0;\n",
    )
    .unwrap();
    let migrator = sqlx::migrate::Migrator::new(dir.as_path()).await.unwrap();
    let err = migrator
        .run(&db)
        .await
        .expect_err("division by zero fails the migration");
    assert!(err.to_string().contains("division by zero"), "{err}");
    let half_done: bool =
        sqlx::query_scalar("select exists (select from pg_tables where tablename = 'half_done')")
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(!half_done, "the failed migration left nothing behind");
    let recorded: i64 =
        sqlx::query_scalar("select count(*) from _sqlx_migrations where version = 9999")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(recorded, 0);
    let _ = std::fs::remove_dir_all(&dir);
}
