//! Every server function, by name: who may call it, and proof that nobody reaches another tenant's
//! data through it. A server function that is not listed here fails the first test, so a new one
//! cannot slip in without its authorization and isolation case.
use crate::helpers::{PASSWORD, TestApp, body_text};
use http::StatusCode;
use sqlx::PgPool;
use std::collections::BTreeSet;

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Anyone (sign-in, links, the language cookie).
    Public,
    /// Any signed-in user, for their own account.
    User,
    /// Platform admins only.
    PlatformAdmin,
    /// Members of the tenant named in the call (with the role the function needs).
    Tenant,
}

/// What a member of tenant A gets when calling with tenant B's ids.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// 401, 403, 404 or 422: refused, whatever the reason.
    Refused,
    /// Any answer, as long as nothing of tenant B is in it.
    NothingOfB,
}

struct Case {
    path: &'static str,
    get: bool,
    access: Access,
    /// The call as the member of A makes it; `{…}` are B's ids (see `World::fill`).
    args: &'static [(&'static str, &'static str)],
    expect: Expect,
}

const fn post(
    path: &'static str,
    access: Access,
    args: &'static [(&'static str, &'static str)],
    expect: Expect,
) -> Case {
    Case {
        path,
        get: false,
        access,
        args,
        expect,
    }
}

const fn get(
    path: &'static str,
    access: Access,
    args: &'static [(&'static str, &'static str)],
    expect: Expect,
) -> Case {
    Case {
        path,
        get: true,
        access,
        args,
        expect,
    }
}

use Access::*;
use Expect::*;

const TENANT_INPUT: &[(&str, &str)] = &[
    ("tenant", "{tenant_b}"),
    ("input[name]", "Taken over"),
    ("input[slug]", "bravo"),
    ("input[contact_email]", ""),
    ("input[default_locale]", "de"),
    ("input[time_zone]", "Europe/Berlin"),
];

/// Every server function. Order matters only for `logout`, which ends the caller's session: last.
const CASES: &[Case] = &[
    // Signing in: anyone.
    post(
        "/api/auth/login",
        Public,
        &[("email", "{email_b}"), ("password", "wrong password!")],
        Refused,
    ),
    post("/api/auth/code", Public, &[("code", "123456")], Refused),
    post("/api/auth/code/resend", Public, &[], Refused),
    post("/api/auth/code/cancel", Public, &[], NothingOfB),
    get("/api/auth/code/info", Public, &[], Refused),
    post(
        "/api/auth/password-link",
        Public,
        &[("token", "not-a-token")],
        Refused,
    ),
    post(
        "/api/auth/set-password",
        Public,
        &[
            ("token", "not-a-token"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
        Refused,
    ),
    post(
        "/api/auth/reset",
        Public,
        &[("email", "{email_b}")],
        NothingOfB,
    ),
    get(
        "/api/auth/invitation",
        Public,
        &[("token", "not-a-token")],
        Refused,
    ),
    post(
        "/api/auth/invitation/accept",
        Public,
        &[
            ("token", "not-a-token"),
            ("display_name", "X"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
        Refused,
    ),
    post("/api/ui/language", Public, &[("lang", "en")], NothingOfB),
    // One's own account.
    get("/api/auth/me", User, &[], NothingOfB),
    post(
        "/api/auth/password",
        User,
        &[
            ("current_password", "wrong password!"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
        Refused,
    ),
    get("/api/account/sessions", User, &[], NothingOfB),
    post(
        "/api/account/sessions/revoke",
        User,
        &[("session_id", "{session_b}")],
        Refused,
    ),
    post("/api/account/sessions/revoke-others", User, &[], NothingOfB),
    get("/api/account/devices", User, &[], NothingOfB),
    post(
        "/api/account/devices/forget",
        User,
        &[("trusted_device_id", "{device_b}")],
        Refused,
    ),
    post(
        "/api/account/profile",
        User,
        &[("display_name", "Ana")],
        NothingOfB,
    ),
    get("/api/tenants/mine", User, &[], NothingOfB),
    get("/api/tenants/last", User, &[], NothingOfB),
    // The platform.
    get("/api/admin/users", PlatformAdmin, &[], Refused),
    post(
        "/api/admin/users/disable",
        PlatformAdmin,
        &[("user_id", "{user_b}"), ("disabled", "true")],
        Refused,
    ),
    post(
        "/api/admin/users/staff",
        PlatformAdmin,
        &[("user_id", "{user_b}"), ("staff", "true")],
        Refused,
    ),
    get("/api/admin/security-events", PlatformAdmin, &[], Refused),
    post(
        "/api/admin/invitations/create",
        PlatformAdmin,
        &[
            ("email", "x@example.org"),
            ("platform_role", "admin"),
            ("locale", "de"),
        ],
        Refused,
    ),
    get("/api/admin/invitations", PlatformAdmin, &[], Refused),
    post(
        "/api/admin/invitations/resend",
        PlatformAdmin,
        &[("invitation_id", "{invitation_b}")],
        Refused,
    ),
    post(
        "/api/admin/invitations/revoke",
        PlatformAdmin,
        &[("invitation_id", "{invitation_b}")],
        Refused,
    ),
    get("/api/dev/mails", PlatformAdmin, &[], Refused),
    get("/api/tenants/all", PlatformAdmin, &[], Refused),
    post(
        "/api/tenants/create",
        PlatformAdmin,
        &[
            ("input[name]", "X"),
            ("input[slug]", "x"),
            ("input[contact_email]", ""),
            ("input[default_locale]", "de"),
            ("input[time_zone]", "Europe/Berlin"),
        ],
        Refused,
    ),
    get("/api/activity/platform", PlatformAdmin, &[], Refused),
    // Inside a tenant: B's ids, and B's ids through A.
    get(
        "/api/tenants/context",
        Tenant,
        &[("slug", "bravo")],
        Refused,
    ),
    get(
        "/api/tenants/detail",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    post("/api/tenants/update", Tenant, TENANT_INPUT, Refused),
    post(
        "/api/tenants/archive",
        Tenant,
        &[("tenant", "{tenant_b}"), ("archived", "true")],
        Refused,
    ),
    post(
        "/api/tenants/delete",
        Tenant,
        &[("tenant", "{tenant_b}"), ("confirm_slug", "bravo")],
        Refused,
    ),
    get(
        "/api/tenants/members",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    post(
        "/api/tenants/members/role",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("membership_id", "{membership_b}"),
            ("role", "viewer"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/members/role",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("membership_id", "{membership_b}"),
            ("role", "viewer"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/members/remove",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("membership_id", "{membership_b}"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/members/remove",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("membership_id", "{membership_b}"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/members/invite",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("email", "x@example.org"),
            ("role", "owner"),
            ("locale", "de"),
        ],
        Refused,
    ),
    get(
        "/api/tenants/invitations",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    post(
        "/api/tenants/invitations/resend",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("invitation_id", "{tenant_invitation_b}"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/invitations/resend",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("invitation_id", "{tenant_invitation_b}"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/invitations/revoke",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("invitation_id", "{tenant_invitation_b}"),
        ],
        Refused,
    ),
    post(
        "/api/tenants/invitations/revoke",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("invitation_id", "{tenant_invitation_b}"),
        ],
        Refused,
    ),
    get(
        "/api/activity",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    get(
        "/api/activity",
        Tenant,
        &[("tenant", "{tenant_a}"), ("row", "{membership_b}")],
        NothingOfB,
    ),
    // Content: B's sites and pages, directly and through A.
    get(
        "/api/content/sites",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    get(
        "/api/content/site",
        Tenant,
        &[("tenant", "{tenant_a}"), ("site", "{site_b}")],
        Refused,
    ),
    post(
        "/api/content/sites/create",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("input[name]", "Taken over"),
            ("input[default_locale]", "de"),
        ],
        Refused,
    ),
    post(
        "/api/content/sites/update",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_b}"),
            ("input[name]", "Taken over"),
            ("input[default_locale]", "de"),
        ],
        Refused,
    ),
    post(
        "/api/content/sites/update",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_a}"),
            ("input[name]", "Alpha"),
            ("input[default_locale]", "de"),
            ("input[impressum_page]", "{page_b}"),
        ],
        Refused,
    ),
    post(
        "/api/content/sites/footer",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_b}"),
            ("texts[0][locale]", "de"),
            ("texts[0][text]", "Taken over"),
        ],
        Refused,
    ),
    get(
        "/api/content/pages",
        Tenant,
        &[("tenant", "{tenant_a}"), ("site", "{site_b}")],
        Refused,
    ),
    get(
        "/api/content/pages",
        Tenant,
        &[
            ("tenant", "{tenant_b}"),
            ("site", "{site_b}"),
            ("trash", "true"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/create",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_b}"),
            ("title", "Taken over"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/create",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_a}"),
            ("parent", "{page_b}"),
            ("title", "Below B"),
        ],
        Refused,
    ),
    get(
        "/api/content/page",
        Tenant,
        &[("tenant", "{tenant_a}"), ("page", "{page_b}")],
        Refused,
    ),
    post(
        "/api/content/pages/save",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_b}"),
            ("version", "1"),
            ("status", "draft"),
            ("show_in_menu", "true"),
            ("locales[0][locale]", "de"),
            ("locales[0][title]", "Taken over"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/move",
        Tenant,
        &[("tenant", "{tenant_a}"), ("page", "{page_b}")],
        Refused,
    ),
    post(
        "/api/content/pages/move",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_a}"),
            ("parent", "{page_b}"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/trash",
        Tenant,
        &[("tenant", "{tenant_a}"), ("page", "{page_b}")],
        Refused,
    ),
    post(
        "/api/content/pages/restore",
        Tenant,
        &[("tenant", "{tenant_a}"), ("page", "{trashed_page_b}")],
        Refused,
    ),
    get(
        "/api/content/pages/parents",
        Tenant,
        &[("tenant", "{tenant_a}"), ("site", "{site_b}")],
        Refused,
    ),
    get(
        "/api/content/pages/revisions",
        Tenant,
        &[("tenant", "{tenant_a}"), ("page", "{page_b}")],
        Refused,
    ),
    get(
        "/api/content/pages/revisions/compare",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_b}"),
            ("older", "{revision_b}"),
            ("newer", "{revision_b}"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/revisions/restore",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_b}"),
            ("revision", "{revision_b}"),
            ("version", "1"),
        ],
        Refused,
    ),
    post(
        "/api/content/pages/revisions/restore",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_a}"),
            ("revision", "{revision_b}"),
            ("version", "1"),
        ],
        Refused,
    ),
    get(
        "/api/content/menus",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_b}"),
            ("menu", "header"),
            ("locale", "de"),
        ],
        Refused,
    ),
    post(
        "/api/content/menus/add",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_b}"),
            ("menu", "header"),
            ("locale", "de"),
            ("label", "Taken over"),
            ("url", "https://example.org"),
        ],
        Refused,
    ),
    post(
        "/api/content/menus/add",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_a}"),
            ("menu", "header"),
            ("locale", "de"),
            ("label", ""),
            ("page", "{page_b}"),
        ],
        Refused,
    ),
    post(
        "/api/content/menus/move",
        Tenant,
        &[("tenant", "{tenant_a}"), ("item", "{menu_item_b}")],
        Refused,
    ),
    post(
        "/api/content/menus/delete",
        Tenant,
        &[("tenant", "{tenant_a}"), ("item", "{menu_item_b}")],
        Refused,
    ),
    get(
        "/api/media/list",
        Tenant,
        &[("tenant", "{tenant_b}")],
        Refused,
    ),
    get(
        "/api/media/list",
        Tenant,
        &[("tenant", "{tenant_a}"), ("kind", "picture")],
        NothingOfB,
    ),
    get(
        "/api/media/detail",
        Tenant,
        &[("tenant", "{tenant_a}"), ("media", "{media_b}")],
        Refused,
    ),
    post(
        "/api/media/save",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("media", "{media_b}"),
            ("focal_x", "0"),
            ("focal_y", "0"),
            ("texts[0][locale]", "de"),
            ("texts[0][field]", "alt"),
            ("texts[0][value]", "Taken over"),
        ],
        Refused,
    ),
    post(
        "/api/media/delete",
        Tenant,
        &[("tenant", "{tenant_a}"), ("media", "{media_b}")],
        Refused,
    ),
    post(
        "/api/content/sites/logo",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("site", "{site_a}"),
            ("logo", "{media_b}"),
        ],
        Refused,
    ),
    post(
        "/api/content/sites/logo",
        Tenant,
        &[("tenant", "{tenant_a}"), ("site", "{site_b}")],
        Refused,
    ),
    post(
        "/api/content/pages/save",
        Tenant,
        &[
            ("tenant", "{tenant_a}"),
            ("page", "{page_a}"),
            ("version", "1"),
            ("status", "draft"),
            ("show_in_menu", "true"),
            ("locales[0][locale]", "de"),
            ("locales[0][title]", "Alpha Start"),
            ("locales[0][social_image]", "{media_b}"),
            (
                "blocks[0][block_id]",
                "0190b5a0-0000-7000-8000-000000000001",
            ),
            ("blocks[0][kind]", "image"),
            ("blocks[0][settings][media][0]", "{media_b}"),
        ],
        Refused,
    ),
    // Last: ends the caller's own session.
    post("/api/auth/logout", User, &[], NothingOfB),
];

#[test]
fn every_registered_server_function_has_an_authorization_and_isolation_case() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let listed: BTreeSet<String> = CASES.iter().map(|c| c.path.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without an isolation case in tests/it/isolation.rs: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "cases for functions that no longer exist: {stale:?}"
    );
    // GET cases must be GET functions and the other way round.
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        for case in CASES.iter().filter(|c| c.path == path) {
            assert_eq!(case.get, method == http::Method::GET, "{path}: method");
        }
    }
}

/// Tenant A with its owner (the caller), tenant B with an owner, an editor, a pending invitation,
/// sessions and a remembered device.
struct World {
    app: TestApp,
    ana: String,
    ids: Vec<(&'static str, String)>,
    /// Words that must not appear in an answer to A's owner.
    secrets_of_b: Vec<String>,
    tenant_b: uuid::Uuid,
}

impl World {
    async fn new(db: PgPool) -> Self {
        let app = TestApp::new(db).await;
        let admin = app.signed_in_admin("admin@example.org").await;
        let a = app.create_tenant(&admin, "alpha", "Alpha GmbH").await;
        let b = app.create_tenant(&admin, "bravo", "Bravo AG").await;
        for email in ["ana@example.org", "bob@example.org", "bea@example.org"] {
            app.user_with_password(email, false).await;
        }
        app.add_member(&admin, a, "ana@example.org", "owner").await;
        app.add_member(&admin, b, "bob@example.org", "owner").await;
        app.add_member(&admin, b, "bea@example.org", "editor").await;
        let bob = app.sign_in("bob@example.org", PASSWORD).await;
        // Bea signs in on a remembered device.
        let login = app.password_step("bea@example.org", PASSWORD, None).await;
        let code = app.code_for("bea@example.org").await;
        app.post_form(
            "/api/auth/code",
            &[("code", &code), ("remember", "on")],
            Some(&login),
        )
        .await;
        // An open invitation into B, and one to the platform.
        app.post_form(
            "/api/tenants/members/invite",
            &[
                ("tenant", &b.to_string()),
                ("email", "newcomer@example.org"),
                ("role", "viewer"),
                ("locale", "de"),
            ],
            Some(&bob),
        )
        .await;
        app.post_form(
            "/api/admin/invitations/create",
            &[
                ("email", "platform-guest@example.org"),
                ("platform_role", "user"),
                ("locale", "de"),
            ],
            Some(&admin),
        )
        .await;
        let ana = app.sign_in("ana@example.org", PASSWORD).await;
        // A site with pages in each tenant; one of B's pages is in the trash.
        let site_a = app.create_site(&ana, a, "Alpha Site").await;
        let page_a = app
            .create_page(&ana, a, &site_a, "Alpha Start", "start")
            .await;
        let site_b = app.create_site(&bob, b, "Bravo Site").await;
        let page_b = app
            .create_page(&bob, b, &site_b, "Bravo Geheim", "geheim")
            .await;
        let trashed_page_b = app
            .create_page(&bob, b, &site_b, "Bravo Papierkorb", "alt")
            .await;
        let res = app
            .post_form(
                "/api/content/pages/trash",
                &[("tenant", &b.to_string()), ("page", &trashed_page_b)],
                Some(&bob),
            )
            .await;
        assert!(res.status().is_success());

        let one = |sql: &'static str| {
            let owner = app.owner.clone();
            async move {
                sqlx::query_scalar::<_, String>(sql)
                    .fetch_one(&owner)
                    .await
                    .unwrap()
            }
        };
        let res = app
            .post_form(
                "/api/content/menus/add",
                &[
                    ("tenant", &b.to_string()),
                    ("site", &site_b),
                    ("menu", "header"),
                    ("locale", "de"),
                    ("label", ""),
                    ("page", &page_b),
                ],
                Some(&bob),
            )
            .await;
        assert!(res.status().is_success());
        let menu_item_b = one(r#"select menu_item_id::text from menu_item limit 1"#).await;
        // A picture in B's library, with an alt text, used as B's logo.
        let (status, up) = app
            .upload(
                Some(&bob),
                &b.to_string(),
                "bravo-geheim.jpg",
                traffino::media::process::sample_jpeg(20, 20, None),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{up}");
        let media_b = up["item"]["media_id"].as_str().unwrap().to_owned();
        let media_b_sha256 = up["item"]["sha256"].as_str().unwrap().to_owned();
        let res = app
            .post_form(
                "/api/content/sites/logo",
                &[
                    ("tenant", &b.to_string()),
                    ("site", &site_b),
                    ("logo", &media_b),
                ],
                Some(&bob),
            )
            .await;
        assert!(res.status().is_success());
        let revision_b = one(r#"select page_revision_id::text from page_revision r join page p using (page_id) join site s using (site_id) where s.name = 'Bravo Site' limit 1"#).await;
        let ids = vec![
            ("tenant_a", a.to_string()),
            ("revision_b", revision_b),
            ("menu_item_b", menu_item_b),
            ("media_b", media_b),
            ("site_a", site_a),
            ("page_a", page_a),
            ("site_b", site_b),
            ("page_b", page_b),
            ("trashed_page_b", trashed_page_b),
            ("tenant_b", b.to_string()),
            ("email_b", "bea@example.org".to_owned()),
            (
                "user_b",
                one(r#"select user_id::text from "user" where email = 'bea@example.org'"#).await,
            ),
            (
                "membership_b",
                one(r#"select membership_id::text from membership m join "user" u using (user_id) where u.email = 'bea@example.org'"#).await,
            ),
            (
                "session_b",
                one(r#"select session_id::text from session s join "user" u using (user_id) where u.email = 'bea@example.org'"#).await,
            ),
            (
                "device_b",
                one(r#"select trusted_device_id::text from trusted_device"#).await,
            ),
            (
                "tenant_invitation_b",
                one(r#"select invitation_id::text from invitation where tenant_id is not null"#).await,
            ),
            (
                "invitation_b",
                one(r#"select invitation_id::text from invitation where tenant_id is null"#).await,
            ),
        ];
        let mut secrets_of_b: Vec<String> = vec![
            "Bravo AG".into(),
            "bob@example.org".into(),
            "bea@example.org".into(),
            "newcomer@example.org".into(),
            "Bravo Site".into(),
            "Bravo Geheim".into(),
            "Bravo Papierkorb".into(),
            "bravo-geheim.jpg".into(),
            media_b_sha256,
        ];
        secrets_of_b.extend(
            ids.iter()
                .filter(|(k, _)| !["tenant_a", "email_b", "site_a", "page_a"].contains(k))
                .map(|(_, v)| v.clone()),
        );
        World {
            app,
            ana,
            ids,
            secrets_of_b,
            tenant_b: b,
        }
    }

    fn fill(&self, template: &str) -> String {
        let mut out = template.to_owned();
        for (key, value) in &self.ids {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        out
    }

    async fn call(&self, case: &Case, cookie: Option<&str>) -> (StatusCode, String) {
        let args: Vec<(String, String)> = case
            .args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), self.fill(v)))
            .collect();
        let res = if case.get {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&args)
                .finish();
            self.app
                .get(&format!("{}?{query}", case.path), cookie)
                .await
        } else {
            let pairs: Vec<(&str, &str)> =
                args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            self.app.post_form(case.path, &pairs, cookie).await
        };
        let status = res.status();
        (status, body_text(res).await)
    }

    /// Everything of tenant B, as text: its rows in every tenant table (the audit trail included),
    /// its members' accounts, sessions and devices.
    async fn snapshot_of_b(&self) -> String {
        let db = &self.app.owner;
        let tables: Vec<String> = sqlx::query_scalar(
            "select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind = 'r'
               and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
             order by 1",
        )
        .fetch_all(db)
        .await
        .unwrap();
        let mut out = String::new();
        for table in tables {
            let rows: Vec<String> = sqlx::query_scalar(&format!(
                r#"select t::text from "{table}" t where tenant_id = $1 order by 1"#
            ))
            .bind(self.tenant_b)
            .fetch_all(db)
            .await
            .unwrap();
            out.push_str(&format!("{table}: {rows:?}\n"));
        }
        for table in ["user", "session", "trusted_device"] {
            let rows: Vec<String> = sqlx::query_scalar(&format!(
                r#"select t::text from "{table}" t
                   where t.user_id in (select user_id from membership where tenant_id = $1) order by 1"#
            ))
            .bind(self.tenant_b)
            .fetch_all(db)
            .await
            .unwrap();
            out.push_str(&format!("{table}: {rows:?}\n"));
        }
        out
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn nobody_reaches_tenant_b_through_any_server_function(db: PgPool) {
    let world = World::new(db).await;
    let before = world.snapshot_of_b().await;

    // Anonymous: everything that needs a session answers 401.
    for case in CASES.iter().filter(|c| c.access != Public) {
        let (status, body) = world.call(case, None).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{} anonymously: {body}",
            case.path
        );
    }

    // The owner of tenant A, with tenant B's ids.
    for case in CASES {
        let cookie = (case.access != Public).then_some(world.ana.as_str());
        let (status, body) = world.call(case, cookie).await;
        match (case.access, case.expect) {
            (PlatformAdmin, _) => {
                assert_eq!(status, StatusCode::FORBIDDEN, "{}: {body}", case.path)
            }
            (_, Refused) => assert!(
                [
                    StatusCode::UNAUTHORIZED,
                    StatusCode::FORBIDDEN,
                    StatusCode::NOT_FOUND,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    StatusCode::CONFLICT
                ]
                .contains(&status),
                "{} {:?}: {status} {body}",
                case.path,
                case.args
            ),
            (_, NothingOfB) => {}
        }
        assert!(!status.is_server_error(), "{}: {status} {body}", case.path);
        for secret in &world.secrets_of_b {
            assert!(
                !body.contains(secret.as_str()),
                "{} {:?} told A's owner {secret:?}: {body}",
                case.path,
                case.args
            );
        }
    }

    assert_eq!(world.snapshot_of_b().await, before, "tenant B is unchanged");
}
