//! Sites and pages through the server functions, as the admin calls them: slugs, the tree, the trash,
//! the optimistic lock, per-language texts, the page list.
use crate::helpers::{PASSWORD, TestApp, body_text};
use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const ADMIN: &str = "admin@example.org";

pub(crate) struct World {
    pub(crate) app: TestApp,
    /// Owner of tenant A.
    pub(crate) ana: String,
    pub(crate) tenant: String,
    pub(crate) site: String,
}

impl World {
    pub(crate) async fn new(db: PgPool) -> Self {
        let app = TestApp::new(db).await;
        let admin = app.signed_in_admin(ADMIN).await;
        let a = app.create_tenant(&admin, "alpha", "Alpha GmbH").await;
        app.user_with_password("ana@example.org", false).await;
        app.add_member(&admin, a, "ana@example.org", "owner").await;
        let ana = app.sign_in("ana@example.org", PASSWORD).await;
        let tenant = a.to_string();
        let site = create_site(&app, &ana, &tenant, "Alpha").await;
        World {
            app,
            ana,
            tenant,
            site,
        }
    }

    pub(crate) async fn post(&self, path: &str, args: &[(&str, &str)]) -> (StatusCode, Value) {
        post_as(&self.app, &self.ana, path, args).await
    }

    pub(crate) async fn get(&self, path: &str, args: &[(&str, &str)]) -> (StatusCode, Value) {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(args)
            .finish();
        let res = self
            .app
            .get(&format!("{path}?{query}"), Some(&self.ana))
            .await;
        let status = res.status();
        let body = body_text(res).await;
        (
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    /// A new page in the site (German title), under `parent`; returns its id.
    pub(crate) async fn page(&self, title: &str, slug: &str, parent: Option<&str>) -> String {
        let (status, body) = self.create_page(&self.site, title, slug, parent).await;
        assert_eq!(status, StatusCode::OK, "create {title}: {body}");
        body.as_str().unwrap().to_owned()
    }

    pub(crate) async fn create_page(
        &self,
        site: &str,
        title: &str,
        slug: &str,
        parent: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut args = vec![
            ("tenant", self.tenant.as_str()),
            ("site", site),
            ("title", title),
            ("slug", slug),
        ];
        if let Some(p) = parent {
            args.push(("parent", p));
        }
        self.post("/api/content/pages/create", &args).await
    }

    pub(crate) async fn load(&self, page: &str) -> Value {
        let (status, body) = self
            .get(
                "/api/content/page",
                &[("tenant", &self.tenant), ("page", page)],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// Saves the page with these texts per language: (locale, title, slug).
    pub(crate) async fn save(
        &self,
        page: &str,
        version: i64,
        texts: &[(&str, &str, &str)],
    ) -> (StatusCode, Value) {
        let version = version.to_string();
        let mut args: Vec<(String, String)> = vec![
            ("tenant".into(), self.tenant.clone()),
            ("page".into(), page.into()),
            ("version".into(), version),
            ("status".into(), "draft".into()),
            ("show_in_menu".into(), "true".into()),
        ];
        for (i, (locale, title, slug)) in texts.iter().enumerate() {
            args.push((format!("locales[{i}][locale]"), (*locale).into()));
            args.push((format!("locales[{i}][title]"), (*title).into()));
            args.push((format!("locales[{i}][slug]"), (*slug).into()));
        }
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post("/api/content/pages/save", &pairs).await
    }

    /// The titles of the page list, in order, with their depth.
    pub(crate) async fn tree(&self, extra: &[(&str, &str)]) -> Vec<(String, i64)> {
        let mut args = vec![
            ("tenant", self.tenant.as_str()),
            ("site", self.site.as_str()),
        ];
        args.extend_from_slice(extra);
        let (status, body) = self.get("/api/content/pages", &args).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["title"].as_str().unwrap().to_owned(),
                    r["depth"].as_i64().unwrap(),
                )
            })
            .collect()
    }

    pub(crate) async fn move_page(
        &self,
        page: &str,
        parent: Option<&str>,
        before: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut args = vec![("tenant", self.tenant.as_str()), ("page", page)];
        if let Some(p) = parent {
            args.push(("parent", p));
        }
        if let Some(b) = before {
            args.push(("before", b));
        }
        self.post("/api/content/pages/move", &args).await
    }
}

pub(crate) async fn post_as(
    app: &TestApp,
    cookie: &str,
    path: &str,
    args: &[(&str, &str)],
) -> (StatusCode, Value) {
    let res = app.post_form(path, args, Some(cookie)).await;
    let status = res.status();
    let body = body_text(res).await;
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

async fn create_site(app: &TestApp, cookie: &str, tenant: &str, name: &str) -> String {
    let (status, body) = post_as(
        app,
        cookie,
        "/api/content/sites/create",
        &[
            ("tenant", tenant),
            ("input[name]", name),
            ("input[domains]", "www.alpha.example"),
            ("input[default_locale]", "de"),
            ("input[enabled_locales][0]", "de"),
            ("input[enabled_locales][1]", "en"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "create site: {body}");
    body.as_str().unwrap().to_owned()
}

pub(crate) fn field_codes(body: &Value, field: &str) -> Vec<String> {
    body["Invalid"][field]
        .as_array()
        .map(|a| a.iter().map(|c| c.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn slugs_are_unique_per_site_and_language_and_collisions_are_reported_at_the_field(
    db: PgPool,
) {
    let w = World::new(db).await;
    let kontakt = w.page("Kontakt", "kontakt", None).await;
    // The same slug again in the same site and language: reported next to the slug, nothing written.
    let before: i64 = sqlx::query_scalar("select count(*) from page")
        .fetch_one(&w.app.owner)
        .await
        .unwrap();
    let (status, body) = w.create_page(&w.site, "Kontakt 2", "kontakt", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "slug"), vec!["page_slug_taken"]);
    let after: i64 = sqlx::query_scalar("select count(*) from page")
        .fetch_one(&w.app.owner)
        .await
        .unwrap();
    assert_eq!(before, after, "a refused page leaves no row behind");
    // Without a slug, one is made from the title; that one is taken too.
    let (status, body) = w.create_page(&w.site, "Kontakt", "", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // The same slug in another language of the same page is fine.
    let (status, body) = w
        .save(
            &kontakt,
            1,
            &[("de", "Kontakt", "kontakt"), ("en", "Contact", "kontakt")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Another page may not take the English one.
    let about = w.page("Über uns", "", None).await;
    let (status, body) = w
        .save(
            &about,
            1,
            &[("de", "Über uns", "ueber-uns"), ("en", "About", "kontakt")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "en.slug"), vec!["page_slug_taken"]);
    // Another site of the tenant, and another tenant, have slugs of their own.
    let second = create_site(&w.app, &w.ana, &w.tenant, "Alpha Shop").await;
    let (status, body) = w.create_page(&second, "Kontakt", "kontakt", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let admin = w.app.signed_in_admin("admin2@example.org").await;
    let b = w
        .app
        .create_tenant(&admin, "bravo", "Bravo AG")
        .await
        .to_string();
    let site_b = create_site(&w.app, &admin, &b, "Bravo").await;
    let (status, body) = post_as(
        &w.app,
        &admin,
        "/api/content/pages/create",
        &[
            ("tenant", &b),
            ("site", &site_b),
            ("title", "Kontakt"),
            ("slug", "kontakt"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Bad slugs are refused with a reason, whatever the client sends.
    for bad in ["../etc/passwd", "Kontakt Seite", "a--b", "-x"] {
        let (status, body) = w.create_page(&w.site, "X", bad, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(
            field_codes(&body, "slug"),
            vec!["page_slug_invalid"],
            "{bad}"
        );
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn moves_reorder_the_tree_and_never_make_a_cycle(db: PgPool) {
    let w = World::new(db).await;
    let a = w.page("A", "a", None).await;
    let b = w.page("B", "b", Some(&a)).await;
    let c = w.page("C", "c", Some(&b)).await;
    let d = w.page("D", "d", None).await;
    assert_eq!(
        w.tree(&[]).await,
        vec![
            ("A".into(), 0),
            ("B".into(), 1),
            ("C".into(), 2),
            ("D".into(), 0)
        ]
    );
    // Below itself, or below its own descendants: refused at the field, nothing moves.
    for target in [&a, &b, &c] {
        let (status, body) = w.move_page(&a, Some(target), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(field_codes(&body, "parent"), vec!["page_cycle"]);
    }
    // Not even in SQL as the app role.
    let mut tx = w.app.state.db.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(&w.tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
    let err = sqlx::query("update page set parent_id = $1::uuid where page_id = $2::uuid")
        .bind(&c)
        .bind(&a)
        .execute(&mut *tx)
        .await
        .unwrap_err();
    assert_eq!(
        err.as_database_error().and_then(|e| e.constraint()),
        Some("page_no_cycle")
    );
    drop(tx);
    // D before A at the top; C to the top level, last.
    assert_eq!(w.move_page(&d, None, Some(&a)).await.0, StatusCode::OK);
    assert_eq!(w.move_page(&c, None, None).await.0, StatusCode::OK);
    assert_eq!(
        w.tree(&[]).await,
        vec![
            ("D".into(), 0),
            ("A".into(), 0),
            ("B".into(), 1),
            ("C".into(), 0)
        ]
    );
    // Paths follow the tree.
    let (_, list) = w
        .get(
            "/api/content/pages",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    let paths: Vec<&str> = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["/d", "/a", "/a/b", "/c"]);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_stale_save_is_refused_with_who_saved_and_can_then_overwrite(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Öffnungszeiten", "", None).await;
    let loaded = w.load(&page).await;
    assert_eq!(loaded["version"], 1);
    // Two editors loaded version 1. The first saves.
    let (status, body) = w
        .save(&page, 1, &[("de", "Öffnungszeiten Sommer", "")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["Saved"]["version"], 2);
    // The second gets the conflict, with who and when, and nothing of theirs is written.
    let (status, body) = w
        .save(&page, 1, &[("de", "Öffnungszeiten Winter", "")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["Conflict"]["version"], 2, "{body}");
    assert_eq!(body["Conflict"]["by"], "ana@example.org");
    assert!(body["Conflict"]["at"].is_string());
    let now = w.load(&page).await;
    assert_eq!(now["locales"][0]["title"], "Öffnungszeiten Sommer");
    assert_eq!(now["version"], 2);
    // Confirmed overwrite: saving against the version the conflict named.
    let (status, body) = w
        .save(&page, 2, &[("de", "Öffnungszeiten Winter", "")])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["Saved"]["version"], 3);
    assert_eq!(
        w.load(&page).await["locales"][0]["title"],
        "Öffnungszeiten Winter"
    );
    // Bad input changes nothing, not even the version.
    let (status, body) = w.save(&page, 3, &[("de", "", "Nope Nope")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!field_codes(&body, "de.title").is_empty());
    assert!(!field_codes(&body, "de.slug").is_empty());
    assert_eq!(w.load(&page).await["version"], 3);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn texts_are_kept_per_language_and_a_language_can_be_taken_away(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Startseite", "start", None).await;
    let (status, _) = w
        .save(
            &page,
            1,
            &[("de", "Startseite", "start"), ("en", "Home", "home")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let loaded = w.load(&page).await;
    assert_eq!(loaded["locales"][1]["locale"], "en");
    assert_eq!(loaded["locales"][1]["present"], true);
    assert_eq!(loaded["locales"][1]["title"], "Home");
    // One row per field and language.
    let texts: Vec<(String, String, String)> = sqlx::query_as(
        "select field, locale, value from field_text where record_id = $1::uuid order by locale, field",
    )
    .bind(&page)
    .fetch_all(&w.app.owner)
    .await
    .unwrap();
    assert_eq!(
        texts,
        vec![
            ("title".into(), "de".into(), "Startseite".into()),
            ("title".into(), "en".into(), "Home".into())
        ]
    );
    // Saving German only again leaves English alone; empty English takes the page out of English.
    let (status, _) = w.save(&page, 2, &[("de", "Start", "start")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(w.load(&page).await["locales"][1]["title"], "Home");
    let (status, _) = w
        .save(&page, 3, &[("de", "Start", "start"), ("en", "", "")])
        .await;
    assert_eq!(status, StatusCode::OK);
    let loaded = w.load(&page).await;
    assert_eq!(loaded["locales"][1]["present"], false);
    assert_eq!(loaded["locales"][1]["title"], "");
    // The default language cannot be left out, and a language the site lacks is refused.
    let (status, body) = w.save(&page, 4, &[("en", "Home", "home")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body, "de.title"),
        vec!["default_locale_title_required"]
    );
    let (status, _) = w
        .save(
            &page,
            4,
            &[("de", "Start", "start"), ("fr", "Accueil", "accueil")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_trash_takes_a_subtree_and_gives_it_back(db: PgPool) {
    let w = World::new(db).await;
    let a = w.page("A", "a", None).await;
    let b = w.page("B", "b", Some(&a)).await;
    w.page("Z", "z", None).await;
    let (status, _) = w
        .post(
            "/api/content/pages/trash",
            &[("tenant", &w.tenant), ("page", &a)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(w.tree(&[]).await, vec![("Z".into(), 0)]);
    let trash: Vec<String> = w
        .tree(&[("trash", "true")])
        .await
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(trash.len(), 2);
    // A trashed page is not edited, and is not a parent for new pages.
    let (status, body) = w.save(&b, 1, &[("de", "B2", "b")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = w.create_page(&w.site, "Kind", "kind", Some(&a)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // B alone comes back at the top level, since A is still in the trash.
    let (status, _) = w
        .post(
            "/api/content/pages/restore",
            &[("tenant", &w.tenant), ("page", &b)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(w.tree(&[]).await, vec![("Z".into(), 0), ("B".into(), 0)]);
    let (status, _) = w
        .post(
            "/api/content/pages/restore",
            &[("tenant", &w.tenant), ("page", &a)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // A comes back where it was.
    assert_eq!(
        w.tree(&[]).await,
        vec![("A".into(), 0), ("Z".into(), 0), ("B".into(), 0)]
    );
    // Restoring what is not in the trash: not found.
    let (status, _) = w
        .post(
            "/api/content/pages/restore",
            &[("tenant", &w.tenant), ("page", &a)],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_page_list_searches_filters_and_pages(db: PgPool) {
    let w = World::new(db).await;
    for i in 0..120 {
        w.page(&format!("Seite {i}"), "", None).await;
    }
    let (_, first) = w
        .get(
            "/api/content/pages",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(first["total"], 120);
    assert_eq!(first["rows"].as_array().unwrap().len(), 50);
    assert_eq!(first["rows"][0]["title"], "Seite 0");
    let last = w.tree(&[("page", "2")]).await;
    assert_eq!(last.len(), 20);
    assert_eq!(last[19].0, "Seite 119");
    // "Seite 11" matches 11 and 110 to 119.
    assert_eq!(w.tree(&[("q", "seite 11")]).await.len(), 11);
    // The search's wildcards are taken literally.
    assert_eq!(w.tree(&[("q", "%")]).await.len(), 0);
    assert_eq!(w.tree(&[("q", "_")]).await.len(), 0);
    assert_eq!(w.tree(&[("status", "published")]).await.len(), 0);
    assert_eq!(
        w.tree(&[("status", "draft"), ("q", "Seite 119")])
            .await
            .len(),
        1
    );
    let (status, _) = w
        .get(
            "/api/content/pages",
            &[
                ("tenant", &w.tenant),
                ("site", &w.site),
                ("status", "bogus"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn sites_are_validated_and_warn_until_the_legal_pages_are_set(db: PgPool) {
    let w = World::new(db).await;
    let (_, site) = w
        .get(
            "/api/content/site",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(
        site["legal_missing"],
        serde_json::json!(["impressum", "privacy"])
    );
    assert_eq!(site["domains"], serde_json::json!(["www.alpha.example"]));
    let impressum = w.page("Impressum", "", None).await;
    let update = |impressum: String, colour: &'static str| {
        let w = &w;
        async move {
            w.post(
                "/api/content/sites/update",
                &[
                    ("tenant", &w.tenant),
                    ("site", &w.site),
                    ("input[name]", "Alpha"),
                    ("input[domains]", "www.alpha.example\nalpha.example"),
                    ("input[default_locale]", "de"),
                    ("input[enabled_locales][0]", "de"),
                    ("input[pages_project]", "alpha-site"),
                    ("input[primary_colour]", colour),
                    ("input[heading_font]", "lora"),
                    ("input[impressum_page]", &impressum),
                ],
            )
            .await
        }
    };
    let (status, body) = update(impressum.clone(), "#112233").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, site) = w
        .get(
            "/api/content/site",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(site["legal_missing"], serde_json::json!(["privacy"]));
    assert_eq!(site["theme"]["primary_colour"], "#112233");
    assert_eq!(site["theme"]["heading_font"], "lora");
    assert_eq!(site["pages_project"], "alpha-site");
    // CSS in a colour, or a page of another site: refused at the field, nothing saved.
    let (status, body) = update(impressum.clone(), "red;}body{display:none").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "primary_colour"), vec!["colour_invalid"]);
    let other = create_site(&w.app, &w.ana, &w.tenant, "Zweite").await;
    let (_, foreign) = w.create_page(&other, "Fremd", "fremd", None).await;
    let (status, body) = update(foreign.as_str().unwrap().to_owned(), "#112233").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body, "impressum_page"),
        vec!["legal_page_invalid"]
    );
    // A site's languages come from the tenant's.
    let (status, body) = post_as(
        &w.app,
        &w.ana,
        "/api/content/sites/create",
        &[
            ("tenant", &w.tenant),
            ("input[name]", "Français"),
            ("input[default_locale]", "fr"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&body, "default_locale"),
        vec!["locale_not_in_tenant"]
    );
    // Names are unique per tenant.
    let (status, body) = post_as(
        &w.app,
        &w.ana,
        "/api/content/sites/create",
        &[
            ("tenant", &w.tenant),
            ("input[name]", "Alpha"),
            ("input[default_locale]", "de"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "name"), vec!["site_name_taken"]);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn viewers_read_pages_and_editors_cannot_change_site_settings(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    let admin = w.app.signed_in_admin("admin3@example.org").await;
    let tenant: uuid::Uuid = w.tenant.parse().unwrap();
    for (email, role) in [("vic@example.org", "viewer"), ("eve@example.org", "editor")] {
        w.app.user_with_password(email, false).await;
        w.app.add_member(&admin, tenant, email, role).await;
    }
    let vic = w.app.sign_in("vic@example.org", PASSWORD).await;
    let eve = w.app.sign_in("eve@example.org", PASSWORD).await;
    let res = w
        .app
        .get(
            &format!("/api/content/page?tenant={}&page={page}", w.tenant),
            Some(&vic),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let save = [
        ("tenant", w.tenant.as_str()),
        ("page", page.as_str()),
        ("version", "1"),
        ("status", "draft"),
        ("show_in_menu", "true"),
        ("locales[0][locale]", "de"),
        ("locales[0][title]", "Vic war hier"),
    ];
    assert_eq!(
        post_as(&w.app, &vic, "/api/content/pages/save", &save)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post_as(&w.app, &eve, "/api/content/pages/save", &save)
            .await
            .0,
        StatusCode::OK
    );
    let (status, _) = post_as(
        &w.app,
        &eve,
        "/api/content/sites/update",
        &[
            ("tenant", &w.tenant),
            ("site", &w.site),
            ("input[name]", "Eve's"),
            ("input[default_locale]", "de"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn every_save_is_a_revision_and_a_restore_in_one_language_leaves_the_others_alone(
    db: PgPool,
) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    // Revision 2: German and English. Revision 3: both changed.
    let (status, _) = w
        .save(
            &page,
            1,
            &[("de", "Start", "start"), ("en", "Home", "home")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = w
        .save(
            &page,
            2,
            &[
                ("de", "Startseite", "startseite"),
                ("en", "Welcome", "welcome"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, list) = w
        .get(
            "/api/content/pages/revisions",
            &[("tenant", &w.tenant), ("page", &page)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap().clone();
    let numbers: Vec<i64> = list.iter().map(|r| r["number"].as_i64().unwrap()).collect();
    assert_eq!(
        numbers,
        vec![3, 2, 1],
        "one revision per save, newest first"
    );
    assert_eq!(list[0]["by"], "ana@example.org");
    let id = |n: usize| list[3 - n]["revision_id"].as_str().unwrap().to_owned();

    // The comparison of 2 and 3, field by field.
    let (status, changes) = w
        .get(
            "/api/content/pages/revisions/compare",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("older", &id(2)),
                ("newer", &id(3)),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let changed: Vec<(String, String, String)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["locale"].as_str().unwrap_or("-").to_owned(),
                c["field"].as_str().unwrap().to_owned(),
                c["after"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("de".into(), "title".into(), "Startseite".into()),
            ("de".into(), "slug".into(), "startseite".into()),
            ("en".into(), "title".into(), "Welcome".into()),
            ("en".into(), "slug".into(), "welcome".into()),
        ]
    );

    // English from revision 2; German stays as it is now.
    let (status, body) = w
        .post(
            "/api/content/pages/revisions/restore",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("revision", &id(2)),
                ("locale", "en"),
                ("version", "3"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Saved"]["version"], 4);
    let now = w.load(&page).await;
    assert_eq!(now["locales"][0]["title"], "Startseite");
    assert_eq!(now["locales"][0]["slug"], "startseite");
    assert_eq!(now["locales"][1]["title"], "Home");
    assert_eq!(now["locales"][1]["slug"], "home");
    // The restore is a revision of its own.
    let (_, list) = w
        .get(
            "/api/content/pages/revisions",
            &[("tenant", &w.tenant), ("page", &page)],
        )
        .await;
    assert_eq!(list[0]["number"], 4);
    assert_eq!(list[0]["note"], "restored #2 (en)");

    // All languages from revision 1: English goes away (the page had none then).
    let (status, _) = w
        .post(
            "/api/content/pages/revisions/restore",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("revision", &id(1)),
                ("version", "4"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let now = w.load(&page).await;
    assert_eq!(now["locales"][0]["title"], "Start");
    assert_eq!(now["locales"][1]["present"], false);

    // A restore on a stale version is a conflict and writes nothing.
    let (status, body) = w
        .post(
            "/api/content/pages/revisions/restore",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("revision", &id(3)),
                ("version", "4"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["Conflict"]["version"], 5);
    assert_eq!(w.load(&page).await["locales"][0]["title"], "Start");
    // Revisions cannot be changed by the app, not even with SQL.
    let mut tx = w.app.state.db.begin().await.unwrap();
    sqlx::query("select set_config('app.tenant_id', $1, true)")
        .bind(&w.tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
    assert!(
        sqlx::query("update page_revision set note = 'forged'")
            .execute(&mut *tx)
            .await
            .is_err()
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn menus_link_pages_and_addresses_per_language_in_their_order(db: PgPool) {
    let w = World::new(db).await;
    let start = w.page("Start", "start", None).await;
    let (status, _) = w
        .save(
            &start,
            1,
            &[("de", "Start", "start"), ("en", "Home", "home")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let add = |locale: &'static str,
               label: &'static str,
               page: Option<String>,
               url: Option<&'static str>| {
        let w = &w;
        async move {
            let mut args = vec![
                ("tenant", w.tenant.clone()),
                ("site", w.site.clone()),
                ("menu", "header".to_owned()),
                ("locale", locale.to_owned()),
                ("label", label.to_owned()),
            ];
            if let Some(p) = page {
                args.push(("page", p));
            }
            if let Some(u) = url {
                args.push(("url", u.to_owned()));
            }
            let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            w.post("/api/content/menus/add", &pairs).await
        }
    };
    let menu = |locale: &'static str| {
        let w = &w;
        async move {
            let (status, body) = w
                .get(
                    "/api/content/menus",
                    &[
                        ("tenant", &w.tenant),
                        ("site", &w.site),
                        ("menu", "header"),
                        ("locale", locale),
                    ],
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body.as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        i["label"].as_str().unwrap().to_owned(),
                        i["menu_item_id"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    // A page without a label shows its title in the menu's language.
    assert_eq!(
        add("de", "", Some(start.clone()), None).await.0,
        StatusCode::OK
    );
    assert_eq!(
        add("en", "", Some(start.clone()), None).await.0,
        StatusCode::OK
    );
    assert_eq!(
        add("de", "Shop", None, Some("https://shop.example.org"))
            .await
            .0,
        StatusCode::OK
    );
    let de = menu("de").await;
    assert_eq!(
        de.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        vec!["Start", "Shop"]
    );
    assert_eq!(menu("en").await[0].0, "Home");
    // Reorder: Shop first.
    let (status, _) = w
        .post(
            "/api/content/menus/move",
            &[
                ("tenant", &w.tenant),
                ("item", &de[1].1),
                ("before", &de[0].1),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        menu("de")
            .await
            .iter()
            .map(|(l, _)| l.clone())
            .collect::<Vec<_>>(),
        vec!["Shop", "Start"]
    );
    // Bad links are refused at their field and write nothing.
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "//evil.example",
    ] {
        let (status, body) = add("de", "Böse", None, Some(bad)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(field_codes(&body, "url"), vec!["menu_url_invalid"], "{bad}");
    }
    let (status, body) = add("de", "", None, Some("https://example.org")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "label"), vec!["menu_label_required"]);
    let (status, _) = add("fr", "", Some(start.clone()), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(menu("de").await.len(), 2);
    // A page of another site is not a target here.
    let other = create_site(&w.app, &w.ana, &w.tenant, "Zweite").await;
    let (_, foreign) = w.create_page(&other, "Fremd", "fremd", None).await;
    let (status, _) = add("de", "", Some(foreign.as_str().unwrap().to_owned()), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Removing.
    let (status, _) = w
        .post(
            "/api/content/menus/delete",
            &[("tenant", &w.tenant), ("item", &de[1].1)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(menu("de").await.len(), 1);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_footer_is_kept_per_language(db: PgPool) {
    let w = World::new(db).await;
    async fn footer(w: &World, args: &[(&str, &str)]) -> (StatusCode, Value) {
        let mut all = vec![("tenant", w.tenant.as_str()), ("site", w.site.as_str())];
        all.extend_from_slice(args);
        w.post("/api/content/sites/footer", &all).await
    }
    let (status, body) = footer(
        &w,
        &[
            ("texts[0][locale]", "de"),
            ("texts[0][text]", "Hauptstraße 1, 10115 Berlin"),
            ("texts[1][locale]", "en"),
            ("texts[1][text]", "1 Main Street, Berlin"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, site) = w
        .get(
            "/api/content/site",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(
        site["footer"],
        serde_json::json!([
            ["de", "Hauptstraße 1, 10115 Berlin"],
            ["en", "1 Main Street, Berlin"]
        ])
    );
    // Emptying one language leaves the other; too long or a foreign language changes nothing.
    let (status, _) = footer(&w, &[("texts[0][locale]", "en"), ("texts[0][text]", "")]).await;
    assert_eq!(status, StatusCode::OK);
    let long = "x".repeat(1001);
    let (status, _) = footer(&w, &[("texts[0][locale]", "de"), ("texts[0][text]", &long)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = footer(&w, &[("texts[0][locale]", "fr"), ("texts[0][text]", "Rue")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, site) = w
        .get(
            "/api/content/site",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(
        site["footer"],
        serde_json::json!([["de", "Hauptstraße 1, 10115 Berlin"]])
    );
}
