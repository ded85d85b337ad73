//! Tenants, memberships and roles: the flows, RLS as the app role, pool hygiene and the audit trail.
use crate::helpers::{PASSWORD, TestApp, app_pool, app_pool_sized, body_text, link_token_in};
use http::StatusCode;
use sqlx::PgPool;

const ADMIN: &str = "admin@example.org";

/// Two tenants with an owner each; returns (app, admin, tenant A, owner of A, tenant B, owner of B).
async fn two_tenants(db: PgPool) -> (TestApp, String, uuid::Uuid, String, uuid::Uuid, String) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin(ADMIN).await;
    let a = app.create_tenant(&admin, "alpha", "Alpha GmbH").await;
    let b = app.create_tenant(&admin, "bravo", "Bravo AG").await;
    app.user_with_password("ana@example.org", false).await;
    app.user_with_password("bob@example.org", false).await;
    app.add_member(&admin, a, "ana@example.org", "owner").await;
    app.add_member(&admin, b, "bob@example.org", "owner").await;
    let ana = app.sign_in("ana@example.org", PASSWORD).await;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    (app, admin, a, ana, b, bob)
}

async fn json(app: &TestApp, path: &str, cookie: &str) -> serde_json::Value {
    let res = app.get(path, Some(cookie)).await;
    assert!(res.status().is_success(), "{path}: {}", res.status());
    serde_json::from_str(&body_text(res).await).unwrap()
}

// -- Flows ----------------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_platform_admin_creates_a_tenant_with_languages_from_the_form(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin(ADMIN).await;
    // Checkboxes arrive with gaps in their indices (the unchecked ones are missing).
    let res = app
        .post_form(
            "/api/tenants/create",
            &[
                ("input[name]", "Bäckerei Müller"),
                ("input[slug]", "baeckerei"),
                ("input[contact_email]", "info@baeckerei.example"),
                ("input[default_locale]", "de"),
                ("input[enabled_locales][1]", "en"),
                ("input[enabled_locales][3]", "it"),
                ("input[time_zone]", "Europe/Vienna"),
            ],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(body_text(res).await, r#""baeckerei""#);
    let (locales, tz): (Vec<String>, String) =
        sqlx::query_as("select enabled_locales, time_zone from tenant where slug = 'baeckerei'")
            .fetch_one(&app.owner)
            .await
            .unwrap();
    assert_eq!(locales, vec!["de", "en", "it"]);
    assert_eq!(tz, "Europe/Vienna");

    // The same slug again is reported next to the field.
    let res = app
        .post_form(
            "/api/tenants/create",
            &[
                ("input[name]", "Other"),
                ("input[slug]", "baeckerei"),
                ("input[contact_email]", ""),
                ("input[default_locale]", "de"),
                ("input[time_zone]", "Europe/Berlin"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body_text(res).await,
        r#"{"Invalid":{"slug":["slug_taken"]}}"#
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_owner_invites_an_editor_who_sees_only_that_tenant(db: PgPool) {
    let (app, _admin, a, ana, _b, _bob) = two_tenants(db).await;
    let res = app
        .post_form(
            "/api/tenants/members/invite",
            &[
                ("tenant", &a.to_string()),
                ("email", "eddie@example.org"),
                ("role", "editor"),
                ("locale", "en"),
            ],
            Some(&ana),
        )
        .await;
    assert_eq!(body_text(res).await, r#""Invited""#);
    let mail = app.last_mail_to("eddie@example.org").await;
    assert!(mail.text.contains("Alpha GmbH"), "{}", mail.text);
    let token = link_token_in(&mail.text, "/invite").unwrap();
    let info = body_text(
        app.get(&format!("/api/auth/invitation?token={token}"), None)
            .await,
    )
    .await;
    assert!(info.contains(r#""tenant_name":"Alpha GmbH""#), "{info}");
    let res = app
        .post_form(
            "/api/auth/invitation/accept",
            &[
                ("token", &token),
                ("display_name", "Eddie"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            None,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let eddie = app.sign_in("eddie@example.org", PASSWORD).await;
    let mine = json(&app, "/api/tenants/mine", &eddie).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["slug"], "alpha");
    assert_eq!(mine[0]["role"], "editor");
    assert_eq!(
        json(&app, "/api/tenants/last", &eddie).await,
        serde_json::json!("alpha")
    );
    let ctx = json(&app, "/api/tenants/context?slug=alpha", &eddie).await;
    assert_eq!(ctx["access"], serde_json::json!({"Member": "editor"}));
    assert_eq!(
        app.get("/api/tenants/context?slug=bravo", Some(&eddie))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // An editor does not manage members.
    let res = app
        .post_form(
            "/api/tenants/members/invite",
            &[
                ("tenant", &a.to_string()),
                ("email", "x@example.org"),
                ("role", "owner"),
                ("locale", "de"),
            ],
            Some(&eddie),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_member_of_two_tenants_switches_and_the_last_one_is_remembered(db: PgPool) {
    let (app, admin, a, _ana, b, _bob) = two_tenants(db).await;
    app.user_with_password("max@example.org", false).await;
    app.add_member(&admin, a, "max@example.org", "viewer").await;
    app.add_member(&admin, b, "max@example.org", "editor").await;
    let max = app.sign_in("max@example.org", PASSWORD).await;
    let mine = json(&app, "/api/tenants/mine", &max).await;
    let slugs: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, vec!["alpha", "bravo"]);
    json(&app, "/api/tenants/context?slug=bravo", &max).await;
    assert_eq!(json(&app, "/api/tenants/last", &max).await, "bravo");
    let ctx = json(&app, "/api/tenants/context?slug=alpha", &max).await;
    assert_eq!(ctx["access"], serde_json::json!({"Member": "viewer"}));
    assert_eq!(json(&app, "/api/tenants/last", &max).await, "alpha");
    // Members of alpha: the viewer sees them but cannot see bravo's through alpha.
    let members = json(&app, &format!("/api/tenants/members?tenant={a}"), &max).await;
    let emails: Vec<&str> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["ana@example.org", "max@example.org"]);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_last_owner_stays_and_roles_change_in_one_tenant_only(db: PgPool) {
    let (app, admin, a, ana, _b, _bob) = two_tenants(db).await;
    let a_str = a.to_string();
    let members = json(&app, &format!("/api/tenants/members?tenant={a}"), &ana).await;
    let ana_membership = members[0]["membership_id"].as_str().unwrap().to_owned();
    let res = app
        .post_form(
            "/api/tenants/members/role",
            &[
                ("tenant", &a_str),
                ("membership_id", &ana_membership),
                ("role", "editor"),
            ],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(body_text(res).await.contains("last_owner"));
    let res = app
        .post_form(
            "/api/tenants/members/remove",
            &[("tenant", &a_str), ("membership_id", &ana_membership)],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);

    // With a second owner the first may step down.
    app.user_with_password("olga@example.org", false).await;
    app.add_member(&admin, a, "olga@example.org", "owner").await;
    let res = app
        .post_form(
            "/api/tenants/members/role",
            &[
                ("tenant", &a_str),
                ("membership_id", &ana_membership),
                ("role", "viewer"),
            ],
            Some(&ana),
        )
        .await;
    assert!(res.status().is_success());
    // …and is a viewer now: no more member management.
    let res = app
        .post_form(
            "/api/tenants/members/remove",
            &[("tenant", &a_str), ("membership_id", &ana_membership)],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn archiving_locks_members_out_and_keeps_the_data(db: PgPool) {
    let (app, admin, a, ana, _b, _bob) = two_tenants(db).await;
    let a_str = a.to_string();
    let res = app
        .post_form(
            "/api/tenants/archive",
            &[("tenant", &a_str), ("archived", "true")],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success());
    assert_eq!(
        app.get("/api/tenants/context?slug=alpha", Some(&ana))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json(&app, "/api/tenants/mine", &ana).await,
        serde_json::json!([])
    );
    // The platform admin still sees it, marked.
    let all = json(&app, "/api/tenants/all", &admin).await;
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|t| t["slug"] == "alpha" && t["archived"] == true)
    );
    let members: i64 = sqlx::query_scalar("select count(*) from membership where tenant_id = $1")
        .bind(a)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(members, 1, "data kept");
    app.post_form(
        "/api/tenants/archive",
        &[("tenant", &a_str), ("archived", "false")],
        Some(&admin),
    )
    .await;
    assert_eq!(
        app.get("/api/tenants/context?slug=alpha", Some(&ana))
            .await
            .status(),
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_hard_delete_needs_the_slug_and_removes_the_tenant_with_its_rows_and_files(db: PgPool) {
    let (app, admin, a, ana, b, _bob) = two_tenants(db).await;
    let a_str = a.to_string();
    let files = app.state.config.data_dir.join("media").join(&a_str);
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("logo.png"), b"png").unwrap();
    // Owners may not; a wrong slug changes nothing.
    let res = app
        .post_form(
            "/api/tenants/delete",
            &[("tenant", &a_str), ("confirm_slug", "alpha")],
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .post_form(
            "/api/tenants/delete",
            &[("tenant", &a_str), ("confirm_slug", "alfa")],
            Some(&admin),
        )
        .await;
    assert!(body_text(res).await.contains("confirm_slug"));
    let res = app
        .post_form(
            "/api/tenants/delete",
            &[("tenant", &a_str), ("confirm_slug", "alpha")],
            Some(&admin),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let (tenants, memberships): (i64, i64) = sqlx::query_as(
        "select (select count(*) from tenant where tenant_id = $1), (select count(*) from membership where tenant_id = $1)",
    )
    .bind(a)
    .fetch_one(&app.owner)
    .await
    .unwrap();
    assert_eq!((tenants, memberships), (0, 0));
    assert!(!files.exists(), "the tenant's files are gone");
    let other: i64 = sqlx::query_scalar("select count(*) from membership where tenant_id = $1")
        .bind(b)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(other, 1, "the other tenant is untouched");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn owners_edit_settings_but_only_platform_admins_change_the_slug(db: PgPool) {
    let (app, admin, a, ana, _b, _bob) = two_tenants(db).await;
    let a_str = a.to_string();
    let fields = |slug: &'static str| {
        vec![
            ("tenant", a_str.clone()),
            ("input[name]", "Alpha & Söhne".to_owned()),
            ("input[slug]", slug.to_owned()),
            ("input[contact_email]", "hallo@alpha.example".to_owned()),
            ("input[default_locale]", "en".to_owned()),
            ("input[enabled_locales][0]", "de".to_owned()),
            ("input[time_zone]", "Europe/Zurich".to_owned()),
        ]
    };
    let owner_form = fields("stolen-slug");
    let pairs: Vec<(&str, &str)> = owner_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app
        .post_form("/api/tenants/update", &pairs, Some(&ana))
        .await;
    assert_eq!(body_text(res).await, r#""alpha""#);
    let (name, slug, default_locale, locales): (String, String, String, Vec<String>) =
        sqlx::query_as(
            "select name, slug, default_locale, enabled_locales from tenant where tenant_id = $1",
        )
        .bind(a)
        .fetch_one(&app.owner)
        .await
        .unwrap();
    assert_eq!(
        (name.as_str(), slug.as_str(), default_locale.as_str()),
        ("Alpha & Söhne", "alpha", "en")
    );
    assert_eq!(locales, vec!["de", "en"]);

    let admin_form = fields("alpha-neu");
    let pairs: Vec<(&str, &str)> = admin_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app
        .post_form("/api/tenants/update", &pairs, Some(&admin))
        .await;
    assert_eq!(body_text(res).await, r#""alpha-neu""#);
}

// -- RLS as the app role --------------------------------------------------------------------------

/// Every table with a tenant_id column.
async fn tenant_tables(db: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r'
           and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
         order by 1",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn every_tenant_table_has_forced_rls_with_a_policy_on_the_current_tenant(db: PgPool) {
    let tables = tenant_tables(&db).await;
    assert!(tables.len() >= 4, "{tables:?}");
    for table in tables {
        let (rls, forced): (bool, bool) = sqlx::query_as(
            "select relrowsecurity, relforcerowsecurity from pg_class where relname = $1 and relnamespace = 'public'::regnamespace",
        )
        .bind(&table)
        .fetch_one(&db)
        .await
        .unwrap();
        assert!(rls && forced, "{table}: RLS enabled and forced");
        let ok: bool = sqlx::query_scalar(
            "select exists (select from pg_policies where schemaname = 'public' and tablename = $1
                and cmd = 'ALL' and qual like '%app_tenant_id()%' and with_check like '%app_tenant_id()%')",
        )
        .bind(&table)
        .fetch_one(&db)
        .await
        .unwrap();
        assert!(
            ok,
            "{table}: a policy whose USING and WITH CHECK compare to the current tenant"
        );
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn as_the_app_role_no_context_sees_nothing_and_a_tenant_sees_only_its_rows(db: PgPool) {
    let (_app, _admin, a, _ana, b, _bob) = two_tenants(db.clone()).await;
    let pool = app_pool(&db).await;
    for table in tenant_tables(&db).await {
        let all: i64 = sqlx::query_scalar(&format!(r#"select count(*) from "{table}""#))
            .fetch_one(&db)
            .await
            .unwrap();
        let none: i64 = sqlx::query_scalar(&format!(r#"select count(*) from "{table}""#))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(
            none, 0,
            "{table} without a tenant context ({all} rows exist)"
        );
        for (mine, other) in [(a, b), (b, a)] {
            let mut tx = pool.begin().await.unwrap();
            sqlx::query("select set_config('app.tenant_id', $1, true)")
                .bind(mine.to_string())
                .execute(&mut *tx)
                .await
                .unwrap();
            let foreign: i64 = sqlx::query_scalar(&format!(
                r#"select count(*) from "{table}" where tenant_id = $1"#
            ))
            .bind(other)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            assert_eq!(foreign, 0, "{table}: {mine} sees rows of {other}");
            let seen: i64 = sqlx::query_scalar(&format!(r#"select count(*) from "{table}""#))
                .fetch_one(&mut *tx)
                .await
                .unwrap();
            let own: i64 = sqlx::query_scalar(&format!(
                r#"select count(*) from "{table}" where tenant_id = $1"#
            ))
            .bind(mine)
            .fetch_one(&db)
            .await
            .unwrap();
            assert_eq!(seen, own, "{table}: {mine} sees exactly its own rows");
            tx.rollback().await.unwrap();
        }
    }

    // Writing into B under A's context fails.
    let user: uuid::Uuid =
        sqlx::query_scalar(r#"select user_id from "user" where email = 'ana@example.org'"#)
            .fetch_one(&db)
            .await
            .unwrap();
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(a.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let err = sqlx::query("insert into membership (membership_id, tenant_id, user_id, role) values ($1, $2, $3, 'owner')")
        .bind(uuid::Uuid::now_v7())
        .bind(b)
        .bind(user)
        .execute(&mut *tx)
        .await
        .expect_err("row-level security refuses it");
    assert!(err.to_string().contains("row-level security"), "{err}");
    tx.rollback().await.unwrap();
    // Nor can A's context move one of its rows into B.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(a.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let err = sqlx::query("update membership set tenant_id = $1")
        .bind(b)
        .execute(&mut *tx)
        .await
        .expect_err("WITH CHECK refuses it");
    assert!(err.to_string().contains("row-level security"), "{err}");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_thousand_requests_alternating_tenants_over_two_connections_see_no_foreign_rows(
    db: PgPool,
) {
    let (mut app, admin, a, _ana, b, _bob) = two_tenants(db.clone()).await;
    app.user_with_password("max@example.org", false).await;
    app.add_member(&admin, a, "max@example.org", "viewer").await;
    app.add_member(&admin, b, "max@example.org", "viewer").await;
    let max = app.sign_in("max@example.org", PASSWORD).await;
    app.state.db = app_pool_sized(&db, 2).await;
    let expect_a = ["ana@example.org", "max@example.org"];
    let expect_b = ["bob@example.org", "max@example.org"];
    for i in 0..1000 {
        let (tenant, expected) = if i % 2 == 0 {
            (a, expect_a)
        } else {
            (b, expect_b)
        };
        let members = json(&app, &format!("/api/tenants/members?tenant={tenant}"), &max).await;
        let emails: Vec<&str> = members
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["email"].as_str().unwrap())
            .collect();
        assert_eq!(emails, expected, "request {i}");
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_connection_that_kept_a_tenant_setting_is_never_handed_out_again(db: PgPool) {
    let pool = app_pool_sized(&db, 1).await;
    let mut conn = pool.acquire().await.unwrap();
    // A bug: a session-level (not transaction-local) setting.
    sqlx::query("select set_config('app.tenant_id', $1, false)")
        .bind(uuid::Uuid::now_v7().to_string())
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let leftover: Option<String> = sqlx::query_scalar(traffino::server::database::CONTEXT_LEFTOVER)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(leftover, None, "the next user gets a clean connection");
}

// -- The audit trail ------------------------------------------------------------------------------

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn each_change_is_one_audit_row_with_actor_and_diff_and_direct_sql_shows_as_database(
    db: PgPool,
) {
    let (app, admin, a, ana, _b, _bob) = two_tenants(db.clone()).await;
    app.user_with_password("max@example.org", false).await;
    app.add_member(&admin, a, "max@example.org", "viewer").await;
    let members = json(&app, &format!("/api/tenants/members?tenant={a}"), &ana).await;
    let max_membership = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "max@example.org")
        .unwrap()["membership_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    app.post_form(
        "/api/tenants/members/role",
        &[
            ("tenant", &a.to_string()),
            ("membership_id", &max_membership),
            ("role", "editor"),
        ],
        Some(&ana),
    )
    .await;
    let rows: Vec<(String, Option<uuid::Uuid>, Option<uuid::Uuid>, serde_json::Value)> = sqlx::query_as(
        "select table_name, actor_id, tenant_id, diff from audit_log order by created_at desc, audit_id desc limit $1",
    )
    .bind(
        sqlx::query_scalar::<_, i64>("select count(*) from audit_log")
            .fetch_one(&db)
            .await
            .unwrap()
            - before,
    )
    .fetch_all(&db)
    .await
    .unwrap();
    let ana_id: uuid::Uuid =
        sqlx::query_scalar(r#"select user_id from "user" where email = 'ana@example.org'"#)
            .fetch_one(&db)
            .await
            .unwrap();
    let membership_rows: Vec<_> = rows.iter().filter(|r| r.0 == "membership").collect();
    assert_eq!(
        membership_rows.len(),
        1,
        "exactly one row for the change: {rows:?}"
    );
    let (_, actor, tenant, diff) = membership_rows[0];
    assert_eq!((*actor, *tenant), (Some(ana_id), Some(a)));
    assert_eq!(
        *diff,
        serde_json::json!({"role": {"old": "viewer", "new": "editor"}})
    );

    // A change straight in SQL is in the feed, by "database".
    sqlx::query("update tenant set name = 'Alpha (SQL)' where tenant_id = $1")
        .bind(a)
        .execute(&db)
        .await
        .unwrap();
    let feed = json(
        &app,
        &format!("/api/activity?tenant={a}&table=tenant"),
        &ana,
    )
    .await;
    let first = &feed["entries"][0];
    assert_eq!(first["actor"], serde_json::Value::Null);
    assert_eq!(first["actor_id"], serde_json::Value::Null);
    assert_eq!(first["changes"][0]["field"], "name");
    assert_eq!(first["changes"][0]["new"], "Alpha (SQL)");
    // The history of that one record.
    let history = json(
        &app,
        &format!("/api/activity?tenant={a}&table=tenant&row={a}"),
        &ana,
    )
    .await;
    let actions: Vec<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.last(), Some(&"insert"));
    assert!(actions.len() >= 2);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_activity_feed_filters_by_person_and_day_and_stays_in_its_tenant(db: PgPool) {
    let (app, admin, a, ana, b, bob) = two_tenants(db.clone()).await;
    app.user_with_password("max@example.org", false).await;
    app.add_member(&ana, a, "max@example.org", "viewer").await;
    app.add_member(&bob, b, "max@example.org", "viewer").await;
    let ana_id: uuid::Uuid =
        sqlx::query_scalar(r#"select user_id from "user" where email = 'ana@example.org'"#)
            .fetch_one(&db)
            .await
            .unwrap();
    let feed = json(
        &app,
        &format!("/api/activity?tenant={a}&actor={ana_id}"),
        &ana,
    )
    .await;
    let entries = feed["entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["actor_id"] == ana_id.to_string()));
    let everything = body_text(
        app.get(&format!("/api/activity?tenant={a}"), Some(&ana))
            .await,
    )
    .await;
    assert!(
        !everything.contains("bob@example.org") && !everything.contains("Bravo"),
        "{everything}"
    );
    // Days: today has entries, tomorrow none; a malformed day is a clear error.
    // Audit rows carry the database's time.
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let feed = json(
        &app,
        &format!("/api/activity?tenant={a}&from={today}&to={today}"),
        &ana,
    )
    .await;
    assert!(!feed["entries"].as_array().unwrap().is_empty());
    let feed = json(
        &app,
        &format!("/api/activity?tenant={a}&from={tomorrow}"),
        &ana,
    )
    .await;
    assert!(feed["entries"].as_array().unwrap().is_empty());
    let res = app
        .get(
            &format!("/api/activity?tenant={a}&from=gestern"),
            Some(&ana),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Viewers do not see the activity; the platform admin sees both tenants.
    let max = app.sign_in("max@example.org", PASSWORD).await;
    assert_eq!(
        app.get(&format!("/api/activity?tenant={a}"), Some(&max))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let platform = body_text(app.get("/api/activity/platform", Some(&admin)).await).await;
    assert!(platform.contains("Alpha GmbH") && platform.contains("Bravo AG"));
    assert_eq!(
        app.get("/api/activity/platform", Some(&ana)).await.status(),
        StatusCode::FORBIDDEN
    );
}
