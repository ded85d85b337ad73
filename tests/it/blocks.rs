//! Blocks of a page through `save_page` and `load_page`, as the editor sends them: order, texts per
//! language, rich text cleaned on the way in, bad settings reported at their field, block ids that
//! belong to another page, revisions, and the preview.
use crate::content::{World, field_codes};
use crate::helpers::{PASSWORD, body_text};
use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

/// A block as the form encodes it: id, kind, settings (name, value) and texts (locale, field, value).
pub(crate) struct B<'a> {
    pub(crate) id: String,
    kind: &'a str,
    settings: Vec<(&'a str, &'a str)>,
    texts: Vec<(&'a str, &'a str, &'a str)>,
}

pub(crate) fn block<'a>(
    kind: &'a str,
    settings: &[(&'a str, &'a str)],
    texts: &[(&'a str, &'a str, &'a str)],
) -> B<'a> {
    B {
        id: uuid::Uuid::now_v7().to_string(),
        kind,
        settings: settings.to_vec(),
        texts: texts.to_vec(),
    }
}

/// Saves the page (German title "Start") with these blocks, from `version`.
pub(crate) async fn save_blocks(
    w: &World,
    page: &str,
    version: i64,
    blocks: &[&B<'_>],
) -> (StatusCode, Value) {
    save_page_as(w, page, version, ("Start", "start"), blocks).await
}

async fn save_page_as(
    w: &World,
    page: &str,
    version: i64,
    (title, slug): (&str, &str),
    blocks: &[&B<'_>],
) -> (StatusCode, Value) {
    let mut args: Vec<(String, String)> = vec![
        ("tenant".into(), w.tenant.clone()),
        ("page".into(), page.into()),
        ("version".into(), version.to_string()),
        ("status".into(), "draft".into()),
        ("show_in_menu".into(), "true".into()),
        ("locales[0][locale]".into(), "de".into()),
        ("locales[0][title]".into(), title.into()),
        ("locales[0][slug]".into(), slug.into()),
    ];
    for (i, b) in blocks.iter().enumerate() {
        args.push((format!("blocks[{i}][block_id]"), b.id.clone()));
        args.push((format!("blocks[{i}][kind]"), b.kind.into()));
        for (name, value) in &b.settings {
            args.push((format!("blocks[{i}][settings][{name}]"), (*value).into()));
        }
        for (j, (locale, field, value)) in b.texts.iter().enumerate() {
            args.push((format!("blocks[{i}][texts][{j}][locale]"), (*locale).into()));
            args.push((format!("blocks[{i}][texts][{j}][field]"), (*field).into()));
            args.push((format!("blocks[{i}][texts][{j}][value]"), (*value).into()));
        }
    }
    let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    w.post("/api/content/pages/save", &pairs).await
}

fn text<'a>(block: &'a Value, locale: &str, field: &str) -> Option<&'a str> {
    block["texts"]
        .as_array()?
        .iter()
        .find(|t| t["locale"] == locale && t["field"] == field)
        .and_then(|t| t["value"].as_str())
}

fn kinds(page: &Value) -> Vec<String> {
    page["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn blocks_keep_their_order_and_texts_per_language_and_rich_text_is_cleaned(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    let heading = block(
        "heading",
        &[("level", "2")],
        &[
            ("de", "text", "Öffnungszeiten"),
            ("en", "text", "Opening hours"),
        ],
    );
    let rich = block(
        "rich_text",
        &[],
        &[(
            "de",
            "body",
            "<p><b>Mo–Fr</b> 9–18 Uhr<script>alert(1)</script><img src=x onerror=alert(1)>\
             <a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.org\">Karte</a></p>",
        )],
    );
    let video = block(
        "embed",
        &[("url", " https://youtu.be/dQw4w9WgXcQ ")],
        &[("de", "title", "Unser Laden")],
    );
    let (status, body) = save_blocks(&w, &page, 1, &[&heading, &rich, &video]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    assert_eq!(kinds(&loaded), ["heading", "rich_text", "embed"]);
    let blocks = loaded["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["block_id"], heading.id.as_str());
    assert_eq!(text(&blocks[0], "de", "text"), Some("Öffnungszeiten"));
    assert_eq!(text(&blocks[0], "en", "text"), Some("Opening hours"));
    assert_eq!(blocks[0]["settings"]["level"], 2);
    assert_eq!(
        text(&blocks[1], "de", "body"),
        Some(
            "<p><b>Mo–Fr</b> 9–18 Uhr<a rel=\"noopener noreferrer\">x</a> \
             <a href=\"https://example.org\" rel=\"noopener noreferrer\">Karte</a></p>"
        )
    );
    assert_eq!(blocks[2]["settings"]["url"], "https://youtu.be/dQw4w9WgXcQ");

    // Reordered, the heading's English text taken away, the text block deleted: exactly that is kept,
    // and the deleted block's texts go with it.
    let heading = B {
        texts: vec![("de", "text", "Öffnungszeiten")],
        ..heading
    };
    let (status, body) = save_blocks(&w, &page, 2, &[&video, &heading]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    assert_eq!(kinds(&loaded), ["embed", "heading"]);
    assert_eq!(text(&loaded["blocks"][1], "en", "text"), None);
    let orphans: i64 =
        sqlx::query_scalar("select count(*) from field_text where record_id::text = $1")
            .bind(&rich.id)
            .fetch_one(&w.app.owner)
            .await
            .unwrap();
    assert_eq!(orphans, 0);
    // Saving the same again writes no block or text row (the audit log sees only real edits).
    let audited = |w: &World| {
        let owner = w.app.owner.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "select count(*) from audit_log where table_name in ('block', 'field_text')",
            )
            .fetch_one(&owner)
            .await
            .unwrap()
        }
    };
    let before = audited(&w).await;
    let (status, _) = save_blocks(&w, &page, 3, &[&video, &heading]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(audited(&w).await, before);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn bad_blocks_are_reported_at_their_field_and_change_nothing(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    let good = block("heading", &[("level", "2")], &[("de", "text", "Hallo")]);
    let (status, _) = save_blocks(&w, &page, 1, &[&good]).await;
    assert_eq!(status, StatusCode::OK);

    let video = block(
        "embed",
        &[("url", "https://evil.example/watch?v=dQw4w9WgXcQ")],
        &[],
    );
    let form = block("contact_form", &[("recipient", "kein Postfach")], &[]);
    let cta = block("call_to_action", &[("url", "javascript:alert(1)")], &[]);
    let long = "x".repeat(201);
    let heading = block(
        "heading",
        &[("level", "9")],
        &[("en", "text", long.as_str())],
    );
    let (status, body) = save_blocks(&w, &page, 2, &[&video, &form, &cta, &heading]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body, &format!("block.{}.url", video.id)),
        ["embed_unsupported"]
    );
    assert_eq!(
        field_codes(&body, &format!("block.{}.recipient", form.id)),
        ["recipient_invalid"]
    );
    assert_eq!(
        field_codes(&body, &format!("block.{}.url", cta.id)),
        ["link_invalid"]
    );
    assert_eq!(
        field_codes(&body, &format!("block.{}.level", heading.id)),
        ["heading_level_invalid"]
    );
    assert_eq!(
        field_codes(&body, &format!("block.{}.text.en", heading.id)),
        ["text_too_long"]
    );
    // An unknown kind is refused as a whole request, not stored.
    let odd = block("script", &[], &[]);
    let (status, _) = save_blocks(&w, &page, 2, &[&odd]).await;
    assert!(status.is_client_error(), "{status}");
    let loaded = w.load(&page).await;
    assert_eq!(loaded["version"], 2);
    assert_eq!(kinds(&loaded), ["heading"]);
    assert_eq!(text(&loaded["blocks"][0], "de", "text"), Some("Hallo"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_block_of_another_page_cannot_be_written_through_this_one(db: PgPool) {
    let w = World::new(db).await;
    let first = w.page("Start", "start", None).await;
    let other = w.page("Kontakt", "kontakt", None).await;
    let heading = block("heading", &[("level", "2")], &[("de", "text", "Original")]);
    let (status, _) = save_blocks(&w, &first, 1, &[&heading]).await;
    assert_eq!(status, StatusCode::OK);
    let stolen = B {
        texts: vec![("de", "text", "Überschrieben")],
        ..block("heading", &[("level", "2")], &[])
    };
    let stolen = B {
        id: heading.id.clone(),
        ..stolen
    };
    let (status, body) = save_page_as(&w, &other, 1, ("Kontakt", "kontakt"), &[&stolen]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body, "blocks"), ["block_duplicate"]);
    let loaded = w.load(&first).await;
    assert_eq!(text(&loaded["blocks"][0], "de", "text"), Some("Original"));
    assert!(
        w.load(&other).await["blocks"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn restoring_one_language_brings_back_only_its_block_texts(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    let h = |de: &'static str, en: &'static str, id: &str| B {
        id: id.to_owned(),
        kind: "heading",
        settings: vec![("level", "2")],
        texts: vec![("de", "text", de), ("en", "text", en)],
    };
    let first = h("Alt", "Old", &uuid::Uuid::now_v7().to_string());
    let (status, _) = save_blocks(&w, &page, 1, &[&first]).await; // revision 2
    assert_eq!(status, StatusCode::OK);
    let extra = block("rich_text", &[], &[("de", "body", "<p>Neu dazu</p>")]);
    let (status, _) = save_blocks(&w, &page, 2, &[&h("Neu", "New", &first.id), &extra]).await; // revision 3
    assert_eq!(status, StatusCode::OK);
    let (_, list) = w
        .get(
            "/api/content/pages/revisions",
            &[("tenant", &w.tenant), ("page", &page)],
        )
        .await;
    let rev2 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == 2)
        .unwrap()["revision_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The comparison names the block's changed texts, per language.
    let rev3 = list[0]["revision_id"].as_str().unwrap().to_owned();
    let (status, changes) = w
        .get(
            "/api/content/pages/revisions/compare",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("older", &rev2),
                ("newer", &rev3),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changes}");
    let fields: Vec<(String, String)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["locale"].as_str().unwrap_or("-").to_owned(),
                c["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        fields.contains(&("de".into(), "block:1:heading:text".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("en".into(), "block:1:heading:text".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("de".into(), "block:2:rich_text:body".into())),
        "{fields:?}"
    );

    let (status, body) = w
        .post(
            "/api/content/pages/revisions/restore",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("revision", &rev2),
                ("locale", "de"),
                ("version", "3"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    // German back to "Alt", English still "New", the added block still there (one language does
    // not change the structure).
    assert_eq!(kinds(&loaded), ["heading", "rich_text"]);
    assert_eq!(text(&loaded["blocks"][0], "de", "text"), Some("Alt"));
    assert_eq!(text(&loaded["blocks"][0], "en", "text"), Some("New"));

    // All languages: the blocks as they were.
    let (status, body) = w
        .post(
            "/api/content/pages/revisions/restore",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("revision", &rev2),
                ("version", "4"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    assert_eq!(kinds(&loaded), ["heading"]);
    assert_eq!(text(&loaded["blocks"][0], "en", "text"), Some("Old"));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_preview_is_the_saved_page_for_members_only(db: PgPool) {
    let w = World::new(db).await;
    let page = w.page("Start", "start", None).await;
    let heading = block(
        "heading",
        &[("level", "3")],
        &[("de", "text", "<Willkommen & Hallo>")],
    );
    let video = block("embed", &[("url", "https://vimeo.com/76979871")], &[]);
    let (status, _) = save_blocks(&w, &page, 1, &[&heading, &video]).await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/preview/{}/{page}/de", w.tenant);

    let res = w.app.get(&path, Some(&w.ana)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let headers = res.headers().clone();
    let html = body_text(res).await;
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"de\">"),
        "{html}"
    );
    assert!(html.contains("<h1>Start</h1>"));
    assert!(html.contains("<h3 class=\"block heading\">&lt;Willkommen &amp; Hallo&gt;</h3>"));
    // Two clicks: the player's address is there, no frame until the visitor asks.
    assert!(html.contains("data-embed-src=\"https://player.vimeo.com/video/76979871?dnt=1\""));
    assert!(!html.contains("<iframe"));
    assert_eq!(headers["x-frame-options"], "SAMEORIGIN");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("style-src 'self' 'sha256-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    assert_eq!(headers["cache-control"], "no-store");

    // Without a session, in a language the site lacks, or for someone of another tenant: nothing.
    assert_eq!(
        w.app.get(&path, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let fr = format!("/preview/{}/{page}/fr", w.tenant);
    assert_eq!(
        w.app.get(&fr, Some(&w.ana)).await.status(),
        StatusCode::NOT_FOUND
    );
    let admin = w.app.signed_in_admin("root@example.org").await;
    let beta = w.app.create_tenant(&admin, "beta", "Beta AG").await;
    w.app.user_with_password("eve@example.org", false).await;
    w.app
        .add_member(&admin, beta, "eve@example.org", "owner")
        .await;
    let eve = w.app.sign_in("eve@example.org", PASSWORD).await;
    assert_eq!(
        w.app.get(&path, Some(&eve)).await.status(),
        StatusCode::NOT_FOUND
    );
    // Other pages of the admin still may not be framed.
    let res = w.app.get("/login", None).await;
    assert_eq!(res.headers()["x-frame-options"], "DENY");
}
