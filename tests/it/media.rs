//! The media library through its routes, as the admin uses them: uploads (type by content, metadata
//! removed, SVG rebuilt, size cap, names that cannot be paths, dedup by hash), the files (members
//! only, immutable), the variants job, alt texts, usage that protects a file from deletion, the
//! blocks and the preview that show it, and tenant isolation of the byte routes.
use crate::blocks::{block, save_blocks};
use crate::content::{World, field_codes};
use crate::helpers::{PASSWORD, body_text};
use http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;
use std::sync::Arc;
use traffino::media::process::sample_jpeg;

fn media_dir(w: &World) -> std::path::PathBuf {
    w.app.state.config.data_dir.join("media").join(&w.tenant)
}

/// The names of the files stored for the tenant (temporary files included, so none may be left).
fn stored_files(w: &World) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(media_dir(w))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

async fn media_rows(w: &World) -> i64 {
    sqlx::query_scalar::<_, i64>("select count(*) from media")
        .fetch_one(&w.app.owner)
        .await
        .unwrap()
}

async fn upload(w: &World, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    w.app.upload(Some(&w.ana), &w.tenant, name, bytes).await
}

fn id_of(outcome: &Value) -> String {
    outcome["item"]["media_id"].as_str().unwrap().to_owned()
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_photo_loses_its_location_gets_upright_and_is_stored_once_by_hash(db: PgPool) {
    let w = World::new(db).await;
    // A phone photo: EXIF says "turn 90° clockwise" and carries a GPS position.
    let photo = sample_jpeg(1200, 800, Some(6));
    assert!(photo.windows(4).any(|x| x == b"Exif"));
    let (status, first) = upload(&w, "IMG_0001.JPG", photo.clone()).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["duplicate"], false);
    let item = &first["item"];
    assert_eq!(item["kind"], "image");
    assert_eq!(item["mime"], "image/jpeg");
    assert_eq!(item["file_name"], "IMG_0001.JPG");
    // Turned: 800 wide, 1200 high.
    assert_eq!(
        (item["width"].as_i64(), item["height"].as_i64()),
        (Some(800), Some(1200))
    );
    assert_eq!(item["variants_state"], "pending");
    let sha = item["sha256"].as_str().unwrap().to_owned();
    let stored = std::fs::read(media_dir(&w).join(format!("{sha}.jpg"))).unwrap();
    assert!(
        !stored.windows(4).any(|x| x == b"Exif"),
        "EXIF with GPS kept"
    );
    {
        use sha2::Digest;
        assert_eq!(
            hex::encode(sha2::Sha256::digest(&stored)),
            sha,
            "named by its content"
        );
    }

    // The same photo again, under another name: nothing new.
    let (status, again) = upload(&w, "copy.jpg", photo).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["duplicate"], true);
    assert_eq!(id_of(&again), id_of(&first));
    assert_eq!(media_rows(&w).await, 1);
    assert_eq!(stored_files(&w), vec![format!("{sha}.jpg")]);

    // The variants job makes 480 px (the photo is 800 wide) as WebP and JPEG.
    assert_eq!(w.app.run_jobs().await, 1);
    let (_, detail) = w
        .get(
            "/api/media/detail",
            &[("tenant", &w.tenant), ("media", &id_of(&first))],
        )
        .await;
    assert_eq!(detail["item"]["variants_state"], "ready", "{detail}");
    assert_eq!(detail["item"]["variant_widths"], serde_json::json!([480]));
    assert_eq!(
        stored_files(&w),
        vec![
            format!("{sha}-480.jpg"),
            format!("{sha}-480.webp"),
            format!("{sha}.jpg")
        ]
    );
    let webp = std::fs::read(media_dir(&w).join(format!("{sha}-480.webp"))).unwrap();
    assert_eq!(&webp[8..12], b"WEBP");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn refused_uploads_say_why_and_write_nothing(db: PgPool) {
    let mut w = World::new(db).await;
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec();
    let (status, body) = upload(&w, "holiday.jpg", html).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body, "file"), ["media_type_unsupported"]);

    let mut forged = vec![0xFF, 0xD8, 0xFF, 0xE0];
    forged.extend_from_slice(b"<script>alert(1)</script>");
    let (status, body) = upload(&w, "x.jpg", forged).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "file"), ["media_image_broken"]);

    let (status, body) = upload(&w, "empty.png", Vec::new()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "file"), ["media_empty"]);

    // Over the (configurable) cap: refused before it is read, with the reason.
    let mut config = (*w.app.state.config).clone();
    config.media_max_bytes = 10_000;
    w.app.state.config = Arc::new(config);
    let big = sample_jpeg(900, 900, None);
    assert!(big.len() > 10_000);
    let (status, body) = upload(&w, "big.jpg", big).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body, "file"), ["media_too_large"]);

    assert_eq!(media_rows(&w).await, 0);
    assert!(stored_files(&w).is_empty(), "{:?}", stored_files(&w));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_svg_with_script_is_rebuilt_without_it_and_served_in_a_sandbox(db: PgPool) {
    let w = World::new(db).await;
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><rect width="100" height="50" fill="#f80"/></a><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>"##;
    let (status, body) = upload(&w, "logo.svg", svg.to_vec()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["sanitized"], true);
    assert_eq!(body["item"]["kind"], "svg");
    assert_eq!(
        (
            body["item"]["width"].as_i64(),
            body["item"]["height"].as_i64()
        ),
        (Some(100), Some(50))
    );
    let url = format!(
        "/media/{}/{}.svg",
        w.tenant,
        body["item"]["sha256"].as_str().unwrap()
    );
    let res = w.app.get(&url, Some(&w.ana)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    let served = body_text(res).await.to_ascii_lowercase();
    for bad in ["script", "onload", "javascript", "foreignobject", "alert"] {
        assert!(!served.contains(bad), "{bad} in {served}");
    }
    assert!(served.contains("<rect"), "{served}");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn files_are_served_to_members_only_and_names_cannot_be_paths(db: PgPool) {
    let w = World::new(db).await;
    let (_, body) = upload(&w, "../../../etc/passwd", sample_jpeg(40, 30, None)).await;
    // The name is for people; the file is stored by hash inside the tenant's folder.
    assert_eq!(body["item"]["file_name"], "passwd");
    let sha = body["item"]["sha256"].as_str().unwrap().to_owned();
    assert_eq!(stored_files(&w), vec![format!("{sha}.jpg")]);
    let url = format!("/media/{}/{sha}.jpg", w.tenant);

    let res = w.app.get(&url, Some(&w.ana)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "private, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");

    // No session: 401. A member of another tenant: 404, as for a file that does not exist.
    assert_eq!(
        w.app.get(&url, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let admin = w.app.signed_in_admin("root@example.org").await;
    let other = w.app.create_tenant(&admin, "other", "Other GmbH").await;
    w.app.user_with_password("otto@example.org", false).await;
    w.app
        .add_member(&admin, other, "otto@example.org", "owner")
        .await;
    let otto = w.app.sign_in("otto@example.org", PASSWORD).await;
    assert_eq!(
        w.app.get(&url, Some(&otto)).await.status(),
        StatusCode::NOT_FOUND
    );
    // ... and cannot upload into it either.
    let (status, _) = w
        .app
        .upload(Some(&otto), &w.tenant, "x.jpg", sample_jpeg(10, 10, None))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another tenant's id with this hash: 404 (the file is not theirs).
    let foreign = format!("/media/{other}/{sha}.jpg");
    assert_eq!(
        w.app.get(&foreign, Some(&otto)).await.status(),
        StatusCode::NOT_FOUND
    );

    for bad in [
        format!("/media/{}/..%2F..%2Fsecret.key", w.tenant),
        format!("/media/{}/{sha}.jpg%00.html", w.tenant),
        format!("/media/{}/{sha}-123.jpg", w.tenant),
        format!("/media/{}/{}.jpg", w.tenant, "0".repeat(64)),
        format!("/media/not-a-tenant/{sha}.jpg"),
    ] {
        assert_eq!(
            w.app.get(&bad, Some(&w.ana)).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn a_file_in_use_cannot_be_deleted_and_the_preview_shows_it_with_its_alt_text(db: PgPool) {
    let w = World::new(db).await;
    let (_, up) = upload(&w, "harbour.jpg", sample_jpeg(1000, 600, None)).await;
    let media = id_of(&up);
    let sha = up["item"]["sha256"].as_str().unwrap().to_owned();
    w.app.run_jobs().await;
    // Alt text and caption in German only: the English alt text stays missing.
    let (status, body) = w
        .post(
            "/api/media/save",
            &[
                ("tenant", &w.tenant),
                ("media", &media),
                ("focal_x", "30"),
                ("focal_y", "70"),
                ("texts[0][locale]", "de"),
                ("texts[0][field]", "alt"),
                ("texts[0][value]", "Boote im Hafen"),
                ("texts[1][locale]", "de"),
                ("texts[1][field]", "caption"),
                ("texts[1][value]", "Der Hafen am Morgen"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = w
        .post(
            "/api/media/save",
            &[
                ("tenant", &w.tenant),
                ("media", &media),
                ("focal_x", "101"),
                ("focal_y", "0"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_codes(&body, "focal"), ["media_focal_invalid"]);

    let page = w.page("Hafen", "hafen", None).await;
    let image = block("image", &[("media][0", &media)], &[("de", "caption", "")]);
    let (status, body) = save_blocks(&w, &page, 1, &[&image]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, detail) = w
        .get(
            "/api/media/detail",
            &[("tenant", &w.tenant), ("media", &media)],
        )
        .await;
    assert_eq!(detail["item"]["used"], 1);
    assert_eq!(detail["uses"][0]["kind"], "block");
    assert_eq!(detail["uses"][0]["label"], "Start");
    assert_eq!(detail["item"]["alt_missing"], serde_json::json!(["en"]));

    let (status, body) = w
        .post(
            "/api/media/delete",
            &[("tenant", &w.tenant), ("media", &media)],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["Conflict"], "media_in_use");
    assert!(media_dir(&w).join(format!("{sha}.jpg")).exists());

    // The preview shows the picture with its variants, alt text, caption and focal point.
    let res = w
        .app
        .get(&format!("/preview/{}/{page}/de", w.tenant), Some(&w.ana))
        .await;
    let html = body_text(res).await;
    assert!(html.contains("alt=\"Boote im Hafen\""), "{html}");
    assert!(
        html.contains("<figcaption>Der Hafen am Morgen</figcaption>"),
        "{html}"
    );
    assert!(
        html.contains(&format!("/media/{}/{sha}-960.webp 960w", w.tenant)),
        "{html}"
    );
    assert!(html.contains("class=\"focal fx-30 fy-70\""), "{html}");

    // A picture of another tenant, or one that does not exist, is refused at the block.
    let ghost = uuid::Uuid::now_v7().to_string();
    let other = block("image", &[("media][0", &ghost)], &[]);
    let (status, body) = save_blocks(&w, &page, 2, &[&other]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body, &format!("block.{}.media", other.id)),
        ["media_missing"]
    );
    // An image block needs its picture.
    let empty = block("image", &[], &[]);
    let (_, body) = save_blocks(&w, &page, 2, &[&empty]).await;
    assert_eq!(
        field_codes(&body, &format!("block.{}.media", empty.id)),
        ["block_image_required"]
    );

    // Once nothing uses it, it goes, with its variants.
    let (status, _) = save_blocks(&w, &page, 2, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = w
        .post(
            "/api/media/delete",
            &[("tenant", &w.tenant), ("media", &media)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(stored_files(&w).is_empty(), "{:?}", stored_files(&w));
    assert_eq!(media_rows(&w).await, 0);
    let texts: i64 =
        sqlx::query_scalar("select count(*) from field_text where record_id = $1::uuid")
            .bind(&media)
            .fetch_one(&w.app.owner)
            .await
            .unwrap();
    assert_eq!(texts, 0, "alt text and caption go with the file");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_database_refuses_to_delete_a_logo_or_social_image_in_use(db: PgPool) {
    let w = World::new(db).await;
    let (_, up) = upload(&w, "logo.png", sample_jpeg(300, 100, None)).await;
    let media = id_of(&up);
    let (status, body) = w
        .post(
            "/api/content/sites/logo",
            &[("tenant", &w.tenant), ("site", &w.site), ("logo", &media)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, site) = w
        .get(
            "/api/content/site",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(site["logo"], media.as_str());
    assert_eq!(site["logo_item"]["file_name"], "logo.png");
    // Straight in SQL, past the application: the foreign key holds.
    let deleted = sqlx::query("delete from media where media_id = $1::uuid")
        .bind(&media)
        .execute(&w.app.owner)
        .await;
    assert!(deleted.is_err(), "a logo in use was deleted");
    let (status, _) = w
        .post(
            "/api/media/delete",
            &[("tenant", &w.tenant), ("media", &media)],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The social image of a page, per language.
    let (status, _) = w
        .post(
            "/api/content/sites/logo",
            &[("tenant", &w.tenant), ("site", &w.site)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = w.page("Teilen", "teilen", None).await;
    let (status, body) = w
        .post(
            "/api/content/pages/save",
            &[
                ("tenant", &w.tenant),
                ("page", &page),
                ("version", "1"),
                ("status", "draft"),
                ("show_in_menu", "true"),
                ("locales[0][locale]", "de"),
                ("locales[0][title]", "Teilen"),
                ("locales[0][slug]", "teilen"),
                ("locales[0][social_image]", &media),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    assert_eq!(loaded["locales"][0]["social_image"], media.as_str());
    assert_eq!(loaded["media"][0]["media_id"], media.as_str());
    let (status, _) = w
        .post(
            "/api/media/delete",
            &[("tenant", &w.tenant), ("media", &media)],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let res = w
        .app
        .get(&format!("/preview/{}/{page}/de", w.tenant), Some(&w.ana))
        .await;
    assert!(body_text(res).await.contains("<meta property=\"og:image\""));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn the_library_lists_searches_and_pages(db: PgPool) {
    let w = World::new(db).await;
    for (i, name) in ["Strand.jpg", "Team.jpg", "Preise.pdf"].iter().enumerate() {
        let bytes = if name.ends_with(".pdf") {
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
        } else {
            sample_jpeg(20 + i as u32, 20, None)
        };
        let (status, body) = upload(&w, name, bytes).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let names = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["file_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, all) = w.get("/api/media/list", &[("tenant", &w.tenant)]).await;
    assert_eq!(names(&all), ["Preise.pdf", "Team.jpg", "Strand.jpg"]);
    assert_eq!(all["total"], 3);
    assert_eq!(all["max_bytes"], 20_000_000);
    // Pictures lack their alt text in the site's language; PDFs need none.
    assert_eq!(
        all["items"][1]["alt_missing"],
        serde_json::json!(["de", "en"])
    );
    assert_eq!(all["items"][0]["alt_missing"], serde_json::json!([]));
    let (_, found) = w
        .get(
            "/api/media/list",
            &[("tenant", &w.tenant), ("query", "tea")],
        )
        .await;
    assert_eq!(names(&found), ["Team.jpg"]);
    let (_, pictures) = w
        .get(
            "/api/media/list",
            &[("tenant", &w.tenant), ("kind", "picture")],
        )
        .await;
    assert_eq!(pictures["total"], 2);
    let (_, beyond) = w
        .get("/api/media/list", &[("tenant", &w.tenant), ("page", "1")])
        .await;
    assert_eq!(names(&beyond), Vec::<String>::new());
    let (status, _) = w
        .get("/api/media/list", &[("tenant", &w.tenant), ("kind", "exe")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn gallery_and_hero_blocks_keep_their_pictures_in_order_and_render_them(db: PgPool) {
    let w = World::new(db).await;
    let (mut ids, mut shas) = (Vec::new(), Vec::new());
    for (i, name) in ["eins.jpg", "zwei.jpg", "drei.jpg"].iter().enumerate() {
        let (_, up) = upload(&w, name, sample_jpeg(600 + i as u32, 400, None)).await;
        ids.push(id_of(&up));
        shas.push(up["item"]["sha256"].as_str().unwrap().to_owned());
    }
    w.app.run_jobs().await;
    let page = w.page("Bilder", "bilder", None).await;
    let gallery = block(
        "gallery",
        &[
            ("media][0", &ids[2]),
            ("media][1", &ids[0]),
            ("media][2", &ids[1]),
        ],
        &[("de", "title", "Eindrücke")],
    );
    let hero = block(
        "hero",
        &[("media][0", &ids[1]), ("url", "/kontakt")],
        &[
            ("de", "title", "Willkommen"),
            ("de", "text", "Am Hafen seit 1920."),
            ("de", "button_label", "Schreiben Sie uns"),
        ],
    );
    let (status, body) = save_blocks(&w, &page, 1, &[&hero, &gallery]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let loaded = w.load(&page).await;
    assert_eq!(
        loaded["blocks"][1]["settings"]["media"],
        serde_json::json!([ids[2], ids[0], ids[1]])
    );
    let html = body_text(
        w.app
            .get(&format!("/preview/{}/{page}/de", w.tenant), Some(&w.ana))
            .await,
    )
    .await;
    let hero_at = html.find("block hero with-image").expect("hero");
    let gallery_at = html.find("block gallery").expect("gallery");
    assert!(hero_at < gallery_at);
    assert!(
        html.contains("fetchpriority=\"high\""),
        "the hero loads first"
    );
    assert!(html.contains("<a class=\"button\" href=\"/kontakt\">Schreiben Sie uns</a>"));
    assert!(html.contains("<h2>Eindrücke</h2>"));
    // The gallery shows its pictures in the chosen order.
    let gallery_html = &html[gallery_at..];
    let at: Vec<usize> = [&shas[2], &shas[0], &shas[1]]
        .iter()
        .map(|s| {
            gallery_html
                .find(s.as_str())
                .expect("picture in the gallery")
        })
        .collect();
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
    // Every picture is used on the page once; the hero's also counts once.
    let (_, list) = w.get("/api/media/list", &[("tenant", &w.tenant)]).await;
    for item in list["items"].as_array().unwrap() {
        assert_eq!(item["used"], 1, "{item}");
    }

    // Bad settings are reported at the block: a hero link with a script, a picture twice counts
    // once, an image block with two pictures.
    let bad_hero = block("hero", &[("url", "javascript:alert(1)")], &[]);
    let two = block(
        "image",
        &[("media][0", &ids[0]), ("media][1", &ids[1])],
        &[],
    );
    let twice = block(
        "gallery",
        &[("media][0", &ids[0]), ("media][1", &ids[0])],
        &[],
    );
    let (status, body) = save_blocks(&w, &page, 2, &[&bad_hero, &two, &twice]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        field_codes(&body, &format!("block.{}.url", bad_hero.id)),
        ["link_invalid"]
    );
    assert_eq!(
        field_codes(&body, &format!("block.{}.media", two.id)),
        ["block_gallery_too_many"]
    );
    assert!(field_codes(&body, &format!("block.{}.media", twice.id)).is_empty());
    let after = w.load(&page).await;
    assert_eq!(after["blocks"], loaded["blocks"], "nothing changed");
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn variants_of_a_lost_original_are_marked_failed(db: PgPool) {
    let w = World::new(db).await;
    let (_, up) = upload(&w, "weg.jpg", sample_jpeg(900, 600, None)).await;
    let sha = up["item"]["sha256"].as_str().unwrap().to_owned();
    std::fs::remove_file(media_dir(&w).join(format!("{sha}.jpg"))).unwrap();
    w.app.run_jobs().await;
    let (_, detail) = w
        .get(
            "/api/media/detail",
            &[("tenant", &w.tenant), ("media", &id_of(&up))],
        )
        .await;
    assert_eq!(detail["item"]["variants_state"], "failed");
    assert_eq!(detail["item"]["variant_widths"], serde_json::json!([]));
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
async fn an_image_blocks_picker_takes_pictures_only(db: PgPool) {
    let w = World::new(db).await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let path = format!("{}&pictures=1", w.tenant);
    let (status, body) = w
        .app
        .upload(Some(&w.ana), &path, "preise.pdf", pdf.clone())
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(field_codes(&body, "file"), ["media_not_an_image"]);
    assert_eq!(media_rows(&w).await, 0);
    assert!(stored_files(&w).is_empty());
    let (status, _) = w
        .app
        .upload(Some(&w.ana), &path, "foto.jpg", sample_jpeg(30, 20, None))
        .await;
    assert_eq!(status, StatusCode::OK);
    // The library itself takes the PDF.
    let (status, _) = upload(&w, "preise.pdf", pdf).await;
    assert_eq!(status, StatusCode::OK);
}
