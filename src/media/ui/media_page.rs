use super::texts::{mt, pages_count};
use super::uploader::{UploadStatus, Uploader};
use crate::app::components::Pager;
use crate::app::i18n::use_i18n;
use crate::error::AppError;
use crate::media::{MediaItem, MediaList, list_media};
use crate::tenants::TenantContext;
use crate::tenants::authz::Permission;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

/// The library (`/t/{slug}/media`): upload, search (`?q=`), filter by kind (`?kind=`), pages of 48.
#[component]
pub fn MediaPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let query = use_query_map();
    let uploads = RwSignal::new(0u32);
    // Owned here, not by the list that reloads after an upload: the outcomes stay on screen.
    let statuses = RwSignal::new(Vec::new());
    let reload = Callback::new(move |_| uploads.update(|v| *v += 1));
    // Created with the route, so the server renders the list (see app/mod.rs).
    let list: Resource<Result<MediaList, AppError>> = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("q").unwrap_or_default(),
                q.get("kind").unwrap_or_default(),
                q.get("page")
                    .and_then(|p| p.parse::<i64>().ok())
                    .unwrap_or(0),
                uploads.get(),
            )
        },
        move |(q, kind, page, _)| async move {
            let kind = if matches!(kind.as_str(), "image" | "svg" | "pdf") {
                kind
            } else {
                String::new()
            };
            list_media(tenant.await?.tenant_id, q, kind, page).await
        },
    );
    view! {
        <Title text=move || mt().media />
        <h1>{move || mt().media}</h1>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(t) = tenant.await else { return ().into_any() };
                match list.await {
                    Ok(l) => view! { <Library tenant=t list=l statuses reload /> }.into_any(),
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Library(
    tenant: TenantContext,
    list: MediaList,
    statuses: RwSignal<Vec<UploadStatus>>,
    reload: Callback<()>,
) -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked().get("q").unwrap_or_default();
    let kind = query.read_untracked().get("kind").unwrap_or_default();
    let filtered = !q.is_empty() || !kind.is_empty();
    let can_edit = tenant.access.allows(Permission::EditContent);
    let base = super::library_href(&tenant.slug);
    let has_more = (list.page + 1) * list.per_page < list.total;
    let page = list.page;
    type Label = fn() -> &'static str;
    let kinds: [(&str, Label); 4] = [
        ("", || mt().all_kinds),
        ("image", || mt().images),
        ("svg", || mt().svgs),
        ("pdf", || mt().pdfs),
    ];
    view! {
        <p class="hint">{move || mt().intro}</p>
        {can_edit.then(|| view! {
            <section class="card" aria-labelledby="upload-heading">
                <h2 id="upload-heading">{move || mt().upload}</h2>
                <Uploader tenant=tenant.tenant_id id="library-upload" max_bytes=list.max_bytes
                    statuses on_done=reload />
            </section>
        })}
        <Form method="GET" action="" attr:class="filters" attr:role="search">
            <div class="field">
                <label for="media-search">{move || mt().search}</label>
                <input id="media-search" name="q" type="search" value=q autocomplete="off" />
            </div>
            <div class="field">
                <label for="media-kind">{move || mt().kind}</label>
                <select id="media-kind" name="kind">
                    {kinds.into_iter().map(|(code, label)| view! {
                        <option value=code selected=kind == code>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{move || mt().search_button}</button>
        </Form>
        {if list.items.is_empty() {
            view! { <p class="muted">{move || if filtered { mt().no_match } else { mt().empty }}</p> }.into_any()
        } else {
            view! {
                <ul class="media-grid" aria-label=move || mt().media>
                    {list.items.into_iter().map(|item| view! { <MediaTile item base=base.clone() /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pager page has_more />
    }
}

#[component]
fn MediaTile(item: MediaItem, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("{base}/{}", item.media_id);
    let (used_pages, used_logos) = (item.used_pages, item.used_logos);
    let alt_missing = item.alt_missing.clone();
    let thumb = item.is_picture().then(|| item.url_for_width(480));
    let size = item.size_label();
    let dims = item.width.zip(item.height);
    let name = item.file_name;
    view! {
        <li class="media-card">
            <A href=href attr:class="media-tile">
                {match thumb {
                    Some(src) => view! { <img src=src alt="" loading="lazy" /> }.into_any(),
                    None => view! { <span class="file-icon" aria-hidden="true">"PDF"</span> }.into_any(),
                }}
                <span class="file-name">{name}</span>
            </A>
            <p class="media-meta">
                <span>{size}</span>
                {dims.map(|(w, h)| view! { <span>{format!("{w} × {h}")}</span> })}
            </p>
            <p class="media-meta">
                {move || {
                    let mut parts = Vec::new();
                    if used_pages > 0 {
                        parts.push(format!("{} {}", mt().used_on, pages_count(i18n.lang.get(), used_pages)));
                    }
                    if used_logos > 0 {
                        parts.push(mt().use_logo.to_owned());
                    }
                    if parts.is_empty() { mt().unused.to_owned() } else { parts.join(" · ") }
                }}
            </p>
            {(!alt_missing.is_empty()).then(|| view! {
                <p class="badge warn">{move || mt().alt_missing} " (" {alt_missing.iter().map(|l| l.to_uppercase()).collect::<Vec<_>>().join(", ")} ")"</p>
            })}
        </li>
    }
}
