//! Benchmarks (not tests): ignored by `cargo test`, run by `make bench-content`, which prints the
//! figures. They go through the real router in-process, as the HTTP tests do, against the throwaway
//! cluster; network and TLS are not in the figures.
use crate::helpers::{PASSWORD, TestApp, body_text};
use sqlx::PgPool;
use std::time::{Duration, Instant};

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let pick = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "  {name:<44} n={:<4} p50 {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms",
        times.len(),
        pick(0.5).as_secs_f64() * 1e3,
        pick(0.95).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
#[ignore = "benchmark: make bench-content"]
async fn bench_editor_save_and_page_list_with_1000_pages(db: PgPool) {
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let tenant = app.create_tenant(&admin, "bench", "Bench GmbH").await;
    app.user_with_password("ed@example.org", false).await;
    app.add_member(&admin, tenant, "ed@example.org", "editor")
        .await;
    let ed = app.sign_in("ed@example.org", PASSWORD).await;
    let site = app.create_site(&admin, tenant, "Bench").await;
    let tenant_s = tenant.to_string();
    // 1,000 pages: 100 top-level pages with 9 subpages each.
    let started = Instant::now();
    let mut first = String::new();
    for i in 0..100 {
        let parent = app
            .create_page(
                &ed,
                tenant,
                &site,
                &format!("Bereich {i}"),
                &format!("bereich-{i}"),
            )
            .await;
        for j in 0..9 {
            let res = app
                .post_form(
                    "/api/content/pages/create",
                    &[
                        ("tenant", tenant_s.as_str()),
                        ("site", site.as_str()),
                        ("parent", parent.as_str()),
                        ("title", &format!("Seite {i}.{j}")),
                        ("slug", &format!("seite-{i}-{j}")),
                    ],
                    Some(&ed),
                )
                .await;
            assert!(res.status().is_success());
        }
        if i == 0 {
            first = parent;
        }
    }
    println!(
        "Content benchmark ({}, debug build, in-process router, PostgreSQL {}):",
        chrono::Utc::now().format("%Y-%m-%d"),
        sqlx::query_scalar::<_, String>("show server_version")
            .fetch_one(&app.owner)
            .await
            .unwrap()
    );
    println!(
        "  created 1,000 pages in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // An editor saving one page again and again: German and English texts and 12 blocks (headings
    // and rich text, both languages), one text changed each time, a new revision each time.
    let block_ids: Vec<String> = (0..12).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let mut times = Vec::new();
    for version in 1..=200 {
        let v = version.to_string();
        let title = format!("Bereich 0 – Fassung {version}");
        let mut args: Vec<(String, String)> = [
            ("tenant", tenant_s.as_str()),
            ("page", first.as_str()),
            ("version", v.as_str()),
            ("status", "draft"),
            ("show_in_menu", "true"),
            ("locales[0][locale]", "de"),
            ("locales[0][title]", title.as_str()),
            ("locales[0][slug]", "bereich-0"),
            (
                "locales[0][seo_description]",
                "Eine Beschreibung für Suchmaschinen.",
            ),
            ("locales[1][locale]", "en"),
            ("locales[1][title]", "Area 0"),
            ("locales[1][slug]", "area-0"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        for (i, id) in block_ids.iter().enumerate() {
            let (kind, field) = if i % 2 == 0 {
                ("heading", "text")
            } else {
                ("rich_text", "body")
            };
            let de = if i == 0 {
                format!("Überschrift, Fassung {version}")
            } else if kind == "heading" {
                format!("Überschrift {i}")
            } else {
                format!(
                    "<p>Absatz {i} mit <b>fettem</b> Text und einem <a href=\"/kontakt\">Link</a>.</p>"
                )
            };
            let en = if kind == "heading" {
                format!("Heading {i}")
            } else {
                format!("<p>Paragraph {i}.</p>")
            };
            args.push((format!("blocks[{i}][block_id]"), id.clone()));
            args.push((format!("blocks[{i}][kind]"), kind.into()));
            if kind == "heading" {
                args.push((format!("blocks[{i}][settings][level]"), "2".into()));
            }
            for (j, (locale, value)) in [("de", de), ("en", en)].into_iter().enumerate() {
                args.push((format!("blocks[{i}][texts][{j}][locale]"), locale.into()));
                args.push((format!("blocks[{i}][texts][{j}][field]"), field.into()));
                args.push((format!("blocks[{i}][texts][{j}][value]"), value));
            }
        }
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let t = Instant::now();
        let res = app
            .post_form("/api/content/pages/save", &pairs, Some(&ed))
            .await;
        let body = body_text(res).await;
        times.push(t.elapsed());
        assert!(body.contains("Saved"), "{body}");
    }
    summary("editor save with 12 blocks (server function)", times);

    // The page list: the server function, and the whole server-rendered page.
    let list = format!("/api/content/pages?tenant={tenant_s}&site={site}");
    let mut times = Vec::new();
    for i in 0..100 {
        let t = Instant::now();
        let res = app.get(&format!("{list}&page={}", i % 20), Some(&ed)).await;
        let body = body_text(res).await;
        times.push(t.elapsed());
        assert!(body.contains("\"total\":1000"), "{body}");
    }
    summary("page list, 50 of 1,000 (server function)", times);
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let res = app.get_page("/t/bench/pages", Some(&ed)).await;
        let body = body_text(res).await;
        times.push(t.elapsed());
        assert!(body.contains("1000 Seiten"), "page list rendered");
    }
    summary("page list page, server-rendered HTML", times);
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let res = app.get(&format!("{list}&q=seite%2099"), Some(&ed)).await;
        let body = body_text(res).await;
        times.push(t.elapsed());
        assert!(body.contains("Seite 99.0"), "{body}");
    }
    summary("page list search (server function)", times);
}

#[sqlx::test(migrator = "traffino::server::database::MIGRATOR")]
#[ignore = "benchmark: make bench-content"]
async fn bench_media_upload_and_variants_of_a_12_megapixel_photo(db: PgPool) {
    use traffino::media::process::sample_jpeg;
    let app = TestApp::new(db).await;
    let admin = app.signed_in_admin("admin@example.org").await;
    let tenant = app.create_tenant(&admin, "bench", "Bench GmbH").await;
    let tenant_s = tenant.to_string();
    app.create_site(&admin, tenant, "Bench").await;
    println!("Content benchmark: media, a 4000 × 3000 JPEG (12 MP), debug build");
    // Each run a different photo (one pixel row differs), so nothing is deduplicated.
    let photo = |i: u32, orientation: u16| {
        let mut bytes = sample_jpeg(4000, 3000 + i, Some(orientation));
        bytes.shrink_to_fit();
        bytes
    };
    for (label, orientation) in [
        ("upload, upright (metadata stripped)", 1u16),
        ("upload, turned by EXIF (re-encoded)", 6),
    ] {
        let mut times = Vec::new();
        for i in 0..5 {
            let bytes = photo(i + u32::from(orientation) * 10, orientation);
            let started = Instant::now();
            let (status, body) = app
                .upload(Some(&admin), &tenant_s, "photo.jpg", bytes)
                .await;
            times.push(started.elapsed());
            assert!(status.is_success(), "{body}");
        }
        summary(label, times);
    }
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar("select media_id from media")
        .fetch_all(&app.owner)
        .await
        .unwrap();
    let mut times = Vec::new();
    for id in ids {
        let payload = serde_json::json!({ "tenant_id": tenant, "media_id": id });
        let started = Instant::now();
        traffino::media::http::make_variants(&app.state, &payload)
            .await
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        times.push(started.elapsed());
    }
    summary("variants job (4 widths, WebP + JPEG each)", times);
}
