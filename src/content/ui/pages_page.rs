use super::texts::{ct, for_lang};
use super::{SitePicker, chosen_site, locale_badges};
use crate::app::components::browser_data;
use crate::app::components::{LocalTime, Pager, field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::content::{
    CreatePage, MovePage, PageList, PageRow, RestorePage, SiteSummary, TrashPage, list_pages,
    list_sites, load_site, page_parent_options,
};
use crate::error::AppError;
use crate::ids::{PageId, SiteId};
use crate::tenants::TenantContext;
use crate::tenants::authz::Permission;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::{use_navigate, use_query_map};

/// A site's pages as a tree: search, filter by status, 50 a screen, move up and down, trash and
/// restore; a new page opens in the editor.
#[component]
pub fn PagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let sites = Resource::new(
        || (),
        move |_| async move { list_sites(tenant.await?.tenant_id).await },
    );
    // The list is created here, with the page, so that the server renders it and the browser
    // hydrates it (the rule is in app/mod.rs); it waits for the tenant and the sites itself.
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let actions = ListActions {
        move_action: ServerAction::<MovePage>::new(),
        trash: ServerAction::<TrashPage>::new(),
        restore: ServerAction::<RestorePage>::new(),
    };
    let list: PageListResource = Resource::new(
        move || {
            (
                param("site"),
                param("q"),
                param("status"),
                param("trash") == "1",
                param("page").parse::<i64>().unwrap_or(0),
                actions.move_action.version().get(),
                actions.trash.version().get(),
                actions.restore.version().get(),
            )
        },
        move |(site, q, status, trash, page, ..)| async move {
            let tenant_id = tenant.await?.tenant_id;
            let sites = sites.await?;
            let Some(site) = super::site_by_param(&sites, Some(site)) else {
                return Ok(None);
            };
            list_pages(
                tenant_id,
                site.site_id,
                Some(q),
                Some(status),
                Some(trash),
                Some(page),
            )
            .await
            .map(Some)
        },
    );
    view! {
        <Title text=move || for_lang(i18n.lang.get()).pages />
        <h1>{move || ct().pages}</h1>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let t = match tenant.await {
                    Ok(t) => t,
                    Err(_) => return ().into_any(),
                };
                let page_list = list;
                match sites.await {
                    Ok(list) => match chosen_site(&list) {
                        Some(site) => view! { <SitePages tenant=t site sites=list pages=page_list actions /> }.into_any(),
                        None => view! { <NoSite tenant=t /> }.into_any(),
                    },
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What a tenant without a site sees: the way to create one, or who can.
#[component]
pub fn NoSite(tenant: TenantContext) -> impl IntoView {
    let can = tenant.access.allows(Permission::EditSettings);
    let href = format!("/t/{}/site", tenant.slug);
    view! {
        <section class="card">
            <p>{move || ct().no_site}</p>
            {if can {
                view! { <A href=href attr:class="button primary">{move || ct().create_site}</A> }.into_any()
            } else {
                view! { <p class="muted">{move || ct().no_site_ask}</p> }.into_any()
            }}
        </section>
    }
}

type PageListResource = Resource<Result<Option<PageList>, AppError>>;

/// What changes the list (it loads again after each).
#[derive(Clone, Copy)]
struct ListActions {
    move_action: ServerAction<MovePage>,
    trash: ServerAction<TrashPage>,
    restore: ServerAction<RestorePage>,
}

#[component]
fn SitePages(
    tenant: TenantContext,
    site: SiteSummary,
    sites: Vec<SiteSummary>,
    pages: PageListResource,
    actions: ListActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let trash_view = move || param("trash") == "1";
    let create = ServerAction::<CreatePage>::new();
    let ListActions {
        move_action,
        trash,
        restore,
    } = actions;
    let tenant_id = tenant.tenant_id;
    let site_id = site.site_id;
    let detail = browser_data(move || {
        restore.version().track();
        load_site(tenant_id, site_id)
    });
    // A new page opens in the editor.
    let navigate = use_navigate();
    let slug = tenant.slug.clone();
    Effect::new(move |_| {
        if let Some(Ok(page)) = create.value().get() {
            navigate(&format!("/t/{slug}/pages/{page}"), Default::default());
        }
    });
    let editable = tenant.access.allows(Permission::EditContent);
    let base = format!("/t/{}/pages", tenant.slug);
    let (tree_link, trash_link) = (
        format!("{base}?site={site_id}"),
        format!("{base}?site={site_id}&trash=1"),
    );
    let move_error = form_error(move_action.value(), &[]);
    let trash_error = form_error(trash.value(), &[]);
    let restore_error = form_error(restore.value(), &[]);
    let last_trashed = RwSignal::new(None::<PageId>);
    // The "undo" notice goes once something came back from the trash.
    Effect::new(move |_| {
        if restore.version().get() > 0 {
            last_trashed.set(None);
        }
    });
    let base_for_rows = base.clone();
    view! {
        <SitePicker sites=sites current=site_id base=base.clone() />
        {move || {
            let Some(Ok(d)) = detail.get() else { return ().into_any() };
            d.legal_missing.iter().map(|which| {
                let which = which.clone();
                view! {
                    <p class="notice warn" role="note">
                        {move || if which == "impressum" { ct().legal_missing_impressum } else { ct().legal_missing_privacy }}
                    </p>
                }
            }).collect_view().into_any()
        }}
        <Show when=move || editable && !trash_view()>
            <NewPageCard create tenant_id site_id />
        </Show>
        <section class="card" aria-labelledby="page-list-heading">
            <div class="card-head">
                <h2 id="page-list-heading">{move || if trash_view() { ct().trash } else { ct().page_list }}</h2>
                {
                    let (tree_link, trash_link) = (tree_link.clone(), trash_link.clone());
                    move || if trash_view() {
                        view! { <A href=tree_link.clone() attr:class="button ghost">{move || ct().back_to_pages}</A> }.into_any()
                    } else {
                        view! { <A href=trash_link.clone() attr:class="button ghost">{move || ct().trash}</A> }.into_any()
                    }
                }
            </div>
            <Form method="GET" action="" attr:class="filter-bar" attr:role="search">
                <input type="hidden" name="site" value=site_id.to_string() />
                <Show when=trash_view>
                    <input type="hidden" name="trash" value="1" />
                </Show>
                <div class="field grow">
                    <label for="page-search">{move || ct().search_pages}</label>
                    <input id="page-search" type="search" name="q" value=move || param("q") enterkeyhint="search" />
                </div>
                <Show when=move || !trash_view()>
                    <div class="field">
                        <label for="page-status">{move || ct().status}</label>
                        <select id="page-status" name="status">
                            <option value="" selected=move || param("status").is_empty()>{move || ct().all_statuses}</option>
                            <option value="draft" selected=move || param("status") == "draft">{move || ct().draft}</option>
                            <option value="published" selected=move || param("status") == "published">{move || ct().published}</option>
                        </select>
                    </div>
                </Show>
                <button type="submit" class="button secondary">{move || ct().search}</button>
            </Form>
            <Show when=move || last_trashed.get().is_some()>
                <p class="notice" role="status">
                    {move || ct().trashed_notice} " "
                    <ActionForm action=restore attr:class="inline-form">
                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                        <input type="hidden" name="page" value=move || last_trashed.get().map(|p| p.to_string()).unwrap_or_default() />
                        <button type="submit" class="button ghost">{move || ct().undo}</button>
                    </ActionForm>
                </p>
            </Show>
            <p class="form-error" role="alert">{move_error}</p>
            <p class="form-error" role="alert">{trash_error}</p>
            <p class="form-error" role="alert">{restore_error}</p>
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {
                let base = base_for_rows.clone();
                move || {
                    let base = base.clone();
                    Suspend::new(async move {
                            let data = pages.await;
                            // The query the list was loaded for is read untracked, so that the old
                            // list is not shown in the new mode while the new one loads.
                            untrack(move || match data {
                                Ok(None) => ().into_any(),
                                Ok(Some(l)) if l.rows.is_empty() => {
                                    let text = if trash_view() {
                                        ct().trash_empty
                                    } else if param("q").is_empty() && param("status").is_empty() {
                                        ct().no_pages
                                    } else {
                                        ct().no_matching_pages
                                    };
                                    view! { <p class="muted">{text}</p> }.into_any()
                                }
                                Ok(Some(l)) => {
                                    let pages = (l.total + l.per_page - 1) / l.per_page;
                                    let has_more = (l.page + 1) * l.per_page < l.total;
                                    let current = l.page;
                                    let count = l.total;
                                    view! {
                                        <p class="muted">{move || ct().page_count(i18n.lang.get(), count)}</p>
                                        <PageRows rows=l.rows base tenant_id editable trash_view=trash_view()
                                            move_action trash restore last_trashed />
                                        <Pager page=current has_more pages=pages />
                                    }.into_any()
                                }
                                Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                            })
                    })
                }
            }
            </Transition>
        </section>
    }
}

#[component]
fn NewPageCard(
    create: ServerAction<CreatePage>,
    tenant_id: crate::ids::TenantId,
    site_id: SiteId,
) -> impl IntoView {
    let i18n = use_i18n();
    // Below another resource's Suspend: loaded by the browser (the rule is in app/mod.rs).
    let parents = browser_data(move || page_parent_options(tenant_id, site_id, None));
    let title_error = field_error(create.value(), "title");
    let slug_error = field_error(create.value(), "slug");
    let other_error = form_error(create.value(), &["title", "slug"]);
    view! {
        <details class="card disclosure">
            <summary><span class="button primary">{move || ct().new_page}</span></summary>
            <ActionForm action=create attr:class="form">
                <input type="hidden" name="tenant" value=tenant_id.to_string() />
                <input type="hidden" name="site" value=site_id.to_string() />
                <div class="field">
                    <label for="new-page-title">{move || ct().page_title}</label>
                    <input id="new-page-title" type="text" name="title" required maxlength="200" autocomplete="off"
                        aria-invalid=move || title_error().is_some().to_string() aria-describedby="new-page-title-error" />
                    <p id="new-page-title-error" class="field-error" role="alert">{title_error}</p>
                </div>
                <div class="field">
                    <label for="new-page-slug">{move || ct().page_slug}</label>
                    <input id="new-page-slug" type="text" name="slug" maxlength="100" autocomplete="off"
                        autocapitalize="none" spellcheck="false" pattern="[a-z0-9]+(-[a-z0-9]+)*"
                        aria-invalid=move || slug_error().is_some().to_string()
                        aria-describedby="new-page-slug-hint new-page-slug-error" />
                    <p id="new-page-slug-hint" class="hint">{move || ct().slug_hint}</p>
                    <p id="new-page-slug-error" class="field-error" role="alert">{slug_error}</p>
                </div>
                <div class="field">
                    <label for="new-page-parent">{move || ct().parent_page}</label>
                    <select id="new-page-parent" name="parent">
                        <option value="">{move || ct().top_level}</option>
                        {move || {
                                parents.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                                    let label = format!("{}{}", "— ".repeat(p.depth as usize), p.title);
                                    view! { <option value=p.page_id.to_string()>{label}</option> }
                                }).collect_view()
                            }}
                    </select>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { i18n.t().working } else { ct().create_page }}
                    </button>
                </div>
            </ActionForm>
        </details>
    }
}

/// The rows of one screen. Up and down move a page among its siblings on this screen.
#[component]
#[allow(clippy::too_many_arguments)]
fn PageRows(
    rows: Vec<PageRow>,
    base: String,
    tenant_id: crate::ids::TenantId,
    editable: bool,
    trash_view: bool,
    move_action: ServerAction<MovePage>,
    trash: ServerAction<TrashPage>,
    restore: ServerAction<RestorePage>,
    last_trashed: RwSignal<Option<PageId>>,
) -> impl IntoView {
    // For each row: where it goes when moved up, and when moved down (`None`: it cannot move that
    // way on this screen; `Some(None)`: to the end of its siblings).
    type Target = Option<Option<PageId>>;
    let neighbours: Vec<(Target, Target)> = rows
        .iter()
        .map(|row| {
            let siblings: Vec<PageId> = rows
                .iter()
                .filter(|r| r.parent_id == row.parent_id)
                .map(|r| r.page_id)
                .collect();
            let at = siblings
                .iter()
                .position(|id| *id == row.page_id)
                .unwrap_or(0);
            let up = (at > 0).then(|| Some(siblings[at - 1]));
            let down = (at + 1 < siblings.len()).then(|| siblings.get(at + 2).copied());
            (up, down)
        })
        .collect();
    view! {
        <ul class="item-list page-tree" aria-label=move || ct().pages>
            {rows.into_iter().zip(neighbours).map(|(row, (up, down))| {
                let href = format!("{}/{}", base, row.page_id);
                let id = row.page_id.to_string();
                let parent = row.parent_id.map(|p| p.to_string()).unwrap_or_default();
                let published = row.status == "published";
                let title = if row.title.is_empty() { row.slug.clone() } else { row.title.clone() };
                let (title_up, title_down, title_trash, title_restore) = (title.clone(), title.clone(), title.clone(), title.clone());
                let page_id = row.page_id;
                view! {
                    <li class="item page-row" data-depth=row.depth.min(8)>
                        <div class="item-main">
                            <h3 class="item-title">
                                {if trash_view {
                                    view! { <span>{title.clone()}</span> }.into_any()
                                } else {
                                    view! { <A href=href.clone()>{title.clone()}</A> }.into_any()
                                }}
                                <span class="badge" class:ok=published>
                                    {move || if published { ct().published } else { ct().draft }}
                                </span>
                                {(!row.show_in_menu).then(|| view! { <span class="badge">{move || ct().hidden_in_menu}</span> })}
                            </h3>
                            <p class="item-path"><code>{row.path.clone()}</code></p>
                            {locale_badges(row.locales.clone())}
                            {row.deleted_at.map(|at| view! {
                                <p class="muted">{move || ct().trashed_at} " " <LocalTime at /></p>
                            })}
                        </div>
                        {(editable && !trash_view).then(|| {
                            let (id_up, id_down, id_trash) = (id.clone(), id.clone(), id.clone());
                            let (parent_up, parent_down) = (parent.clone(), parent.clone());
                            view! {
                                <div class="item-action row-actions">
                                    <ActionForm action=move_action attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="page" value=id_up />
                                        {(!parent_up.is_empty()).then(|| view! { <input type="hidden" name="parent" value=parent_up.clone() /> })}
                                        {up.flatten().map(|b| view! { <input type="hidden" name="before" value=b.to_string() /> })}
                                        <button type="submit" class="button icon" disabled=up.is_none()
                                            aria-label=move || format!("{}: {}", ct().move_up, title_up)>"↑"</button>
                                    </ActionForm>
                                    <ActionForm action=move_action attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="page" value=id_down />
                                        {(!parent_down.is_empty()).then(|| view! { <input type="hidden" name="parent" value=parent_down.clone() /> })}
                                        {down.flatten().map(|b| view! { <input type="hidden" name="before" value=b.to_string() /> })}
                                        <button type="submit" class="button icon" disabled=down.is_none()
                                            aria-label=move || format!("{}: {}", ct().move_down, title_down)>"↓"</button>
                                    </ActionForm>
                                    <ActionForm action=trash attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="page" value=id_trash />
                                        <button type="submit" class="button icon danger"
                                            on:click=move |_| last_trashed.set(Some(page_id))
                                            aria-label=move || format!("{}: {}", ct().to_trash, title_trash)><TrashIcon /></button>
                                    </ActionForm>
                                </div>
                            }
                        })}
                        {(editable && trash_view).then(|| view! {
                            <div class="item-action">
                                <ActionForm action=restore attr:class="inline-form">
                                    <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                    <input type="hidden" name="page" value=id.clone() />
                                    <button type="submit" class="button secondary"
                                        aria-label=move || format!("{}: {}", ct().restore, title_restore)>{move || ct().restore}</button>
                                </ActionForm>
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A bin, drawn (emoji fonts are not everywhere).
#[component]
fn TrashIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d="M3 6h18" />
            <path d="M8 6V4h8v2" />
            <path d="M6 6l1 14h10l1-14" />
            <path d="M10 11v5" />
            <path d="M14 11v5" />
        </svg>
    }
}
