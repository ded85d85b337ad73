use super::pages_page::NoSite;
use super::texts::{ct, for_lang};
use super::{SitePicker, chosen_site};
use crate::app::components::browser_data;
use crate::app::components::{field_error, form_error};
use crate::app::i18n::use_i18n;
use crate::content::menus::{AddMenuItem, DeleteMenuItem, MenuItemView, MoveMenuItem, list_menu};
use crate::content::{SiteSummary, list_sites, page_parent_options};
use crate::error::AppError;
use crate::ids::{SiteId, TenantId};
use crate::tenants::TenantContext;
use crate::tenants::authz::Permission;
use crate::tenants::domain::locale_name;
use crate::tenants::ui::use_tenant;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A site's header and footer menus, one language at a time (`?menu=` and `?locale=` in the address).
#[component]
pub fn MenusPage() -> impl IntoView {
    let i18n = use_i18n();
    let tenant = use_tenant();
    let sites = Resource::new(
        || (),
        move |_| async move { list_sites(tenant.await?.tenant_id).await },
    );
    // The items of the chosen menu, created here with the page so that the server renders them (the
    // rule is in app/mod.rs); `None` while the tenant has no site.
    let actions = MenuActions {
        add: ServerAction::<AddMenuItem>::new(),
        move_action: ServerAction::<MoveMenuItem>::new(),
        delete: ServerAction::<DeleteMenuItem>::new(),
    };
    let query = use_query_map();
    let items: MenuItemsResource = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("site"),
                q.get("menu"),
                q.get("locale"),
                actions.add.version().get(),
                actions.move_action.version().get(),
                actions.delete.version().get(),
            )
        },
        move |(site, menu, locale, ..)| async move {
            let tenant_id = tenant.await?.tenant_id;
            let sites = sites.await?;
            let Some(site) = super::site_by_param(&sites, site) else {
                return Ok(None);
            };
            let (menu, locale) = menu_and_locale(site, menu, locale);
            list_menu(tenant_id, site.site_id, menu, locale)
                .await
                .map(Some)
        },
    );
    view! {
        <Title text=move || for_lang(i18n.lang.get()).menus />
        <h1>{move || ct().menus}</h1>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(t) = tenant.await else { return ().into_any() };
                match sites.await {
                    Ok(list) => match chosen_site(&list) {
                        Some(site) => view! { <SiteMenus tenant=t site sites=list items actions /> }.into_any(),
                        None => view! { <NoSite tenant=t /> }.into_any(),
                    },
                    Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The menu (`header` unless `footer`) and the language (one of the site's, else its default) that
/// `?menu=` and `?locale=` ask for.
fn menu_and_locale(
    site: &SiteSummary,
    menu: Option<String>,
    locale: Option<String>,
) -> (String, String) {
    (
        menu.filter(|m| m == "footer")
            .unwrap_or_else(|| "header".into()),
        locale
            .filter(|l| site.enabled_locales.contains(l))
            .unwrap_or_else(|| site.default_locale.clone()),
    )
}

type MenuItemsResource = Resource<Result<Option<Vec<MenuItemView>>, AppError>>;

/// What changes a menu (it loads again after each).
#[derive(Clone, Copy)]
struct MenuActions {
    add: ServerAction<AddMenuItem>,
    move_action: ServerAction<MoveMenuItem>,
    delete: ServerAction<DeleteMenuItem>,
}

#[component]
fn SiteMenus(
    tenant: TenantContext,
    site: SiteSummary,
    sites: Vec<SiteSummary>,
    items: MenuItemsResource,
    actions: MenuActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let menu = move || {
        query
            .read()
            .get("menu")
            .filter(|m| m == "footer")
            .unwrap_or_else(|| "header".into())
    };
    let locales = site.enabled_locales.clone();
    let locale = {
        let site = site.clone();
        move || menu_and_locale(&site, None, query.read().get("locale")).1
    };
    let MenuActions {
        add,
        move_action,
        delete,
    } = actions;
    let tenant_id = tenant.tenant_id;
    let site_id = site.site_id;
    let editable = tenant.access.allows(Permission::EditContent);
    let base = format!("/t/{}/menus", tenant.slug);
    let link = {
        let base = base.clone();
        move |menu: &str, locale: &str| format!("{base}?site={site_id}&menu={menu}&locale={locale}")
    };
    let move_error = form_error(move_action.value(), &[]);
    let delete_error = form_error(delete.value(), &[]);
    view! {
        <SitePicker sites current=site_id base=base.clone() />
        <nav class="tabs" aria-label=move || ct().menu>
            {["header", "footer"].into_iter().map(|m| {
                let href = { let locale = locale.clone(); let link = link.clone(); move || link(m, &locale()) };
                view! {
                    <a href=href aria-current=move || (menu() == m).then_some("page")>
                        {move || if m == "header" { ct().header_menu } else { ct().footer_menu }}
                    </a>
                }
            }).collect_view()}
        </nav>
        <nav class="tabs" aria-label=move || ct().language>
            {locales.iter().map(|l| {
                let l = l.clone();
                let l2 = l.clone();
                let href = { let link = link.clone(); let l = l.clone(); move || link(&menu(), &l) };
                let current = { let locale = locale.clone(); move || (locale() == l2).then_some("page") };
                view! { <a href=href aria-current=current lang=l.clone()>{locale_name(&l)}</a> }
            }).collect_view()}
        </nav>
        <section class="card" aria-labelledby="menu-items-heading">
            <h2 id="menu-items-heading">
                {move || if menu() == "header" { ct().header_menu } else { ct().footer_menu }} " · "
                {let locale = locale.clone(); move || locale_name(&locale())}
            </h2>
            <p class="form-error" role="alert">{move_error}</p>
            <p class="form-error" role="alert">{delete_error}</p>
            <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
                {move || Suspend::new(async move {
                    match items.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(list)) if list.is_empty() => view! { <p class="muted">{move || ct().menu_empty}</p> }.into_any(),
                        Ok(Some(list)) => view! { <MenuItems list tenant_id editable move_action delete /> }.into_any(),
                        Err(err) => view! { <p class="form-error" role="alert">{i18n.t().app_error(&err)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        {editable.then(|| view! { <AddItemCard add tenant_id site_id menu=Signal::derive(menu) locale=Signal::derive(locale.clone()) /> })}
    }
}

#[component]
fn MenuItems(
    list: Vec<MenuItemView>,
    tenant_id: TenantId,
    editable: bool,
    move_action: ServerAction<MoveMenuItem>,
    delete: ServerAction<DeleteMenuItem>,
) -> impl IntoView {
    let ids: Vec<String> = list.iter().map(|i| i.menu_item_id.to_string()).collect();
    view! {
        <ol class="item-list menu-items" aria-label=move || ct().menu_items>
            {list.into_iter().enumerate().map(|(at, item)| {
                let id = item.menu_item_id.to_string();
                // Up: before the previous item; down: before the one after the next (or last).
                let up = (at > 0).then(|| ids[at - 1].clone());
                let down = (at + 1 < ids.len()).then(|| ids.get(at + 2).cloned());
                let label = item.label.clone();
                let (l_up, l_down, l_del) = (label.clone(), label.clone(), label.clone());
                let target = item.url.clone().unwrap_or_default();
                view! {
                    <li class="item">
                        <div class="item-main">
                            <h3 class="item-title">{label.clone()}</h3>
                            {(!target.is_empty()).then(|| view! { <p class="item-path"><code>{target.clone()}</code></p> })}
                            {item.page_trashed.then(|| view! { <p class="badge warn">{move || ct().page_trashed_warning}</p> })}
                            {(item.page_missing && !item.page_trashed).then(|| view! { <p class="badge warn">{move || ct().page_missing_warning}</p> })}
                        </div>
                        {editable.then(|| {
                            let (id_up, id_down, id_del) = (id.clone(), id.clone(), id.clone());
                            view! {
                                <div class="item-action row-actions">
                                    <ActionForm action=move_action attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="item" value=id_up />
                                        {up.clone().map(|b| view! { <input type="hidden" name="before" value=b /> })}
                                        <button type="submit" class="button icon" disabled=up.is_none()
                                            aria-label=move || format!("{}: {}", ct().move_up, l_up)>"↑"</button>
                                    </ActionForm>
                                    <ActionForm action=move_action attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="item" value=id_down />
                                        {down.clone().flatten().map(|b| view! { <input type="hidden" name="before" value=b /> })}
                                        <button type="submit" class="button icon" disabled=down.is_none()
                                            aria-label=move || format!("{}: {}", ct().move_down, l_down)>"↓"</button>
                                    </ActionForm>
                                    <ActionForm action=delete attr:class="inline-form">
                                        <input type="hidden" name="tenant" value=tenant_id.to_string() />
                                        <input type="hidden" name="item" value=id_del />
                                        <button type="submit" class="button secondary danger"
                                            aria-label=move || format!("{}: {}", ct().remove, l_del)>{move || ct().remove}</button>
                                    </ActionForm>
                                </div>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn AddItemCard(
    add: ServerAction<AddMenuItem>,
    tenant_id: TenantId,
    site_id: SiteId,
    menu: Signal<String>,
    locale: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Below another resource's Suspend: loaded by the browser (the rule is in app/mod.rs).
    let pages = browser_data(move || page_parent_options(tenant_id, site_id, None));
    let to_page = RwSignal::new(true);
    // After an item was added the form starts over, ready for the next one.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get()
            && let Some(form) = form_ref.get_untracked()
        {
            form.reset();
            to_page.set(true);
        }
    });
    let label_error = field_error(add.value(), "label");
    let url_error = field_error(add.value(), "url");
    let page_error = field_error(add.value(), "page");
    let other_error = form_error(add.value(), &["label", "url", "page"]);
    view! {
        <section class="card" aria-labelledby="add-item-heading">
            <h2 id="add-item-heading">{move || ct().add_menu_item}</h2>
            <ActionForm action=add node_ref=form_ref attr:class="form">
                <input type="hidden" name="tenant" value=tenant_id.to_string() />
                <input type="hidden" name="site" value=site_id.to_string() />
                <input type="hidden" name="menu" value=move || menu.get() />
                <input type="hidden" name="locale" value=move || locale.get() />
                <fieldset class="field">
                    <legend>{move || ct().link_to}</legend>
                    <div class="check">
                        <input id="target-page" type="radio" name="target" value="page" checked=true
                            on:change=move |_| to_page.set(true) />
                        <label for="target-page">{move || ct().link_page}</label>
                    </div>
                    <div class="check">
                        <input id="target-url" type="radio" name="target" value="url"
                            on:change=move |_| to_page.set(false) />
                        <label for="target-url">{move || ct().link_url}</label>
                    </div>
                </fieldset>
                <Show when=move || to_page.get()>
                    <div class="field">
                        <label for="menu-page">{move || ct().choose_page}</label>
                        <select id="menu-page" name="page" aria-describedby="menu-page-error">
                            {move || {
                                    pages.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| {
                                        let label = format!("{}{}", "— ".repeat(p.depth as usize), p.title);
                                        view! { <option value=p.page_id.to_string()>{label}</option> }
                                    }).collect_view()
                                }}
                        </select>
                        <p id="menu-page-error" class="field-error" role="alert">{page_error}</p>
                    </div>
                </Show>
                <Show when=move || !to_page.get()>
                    <div class="field">
                        <label for="menu-url">{move || ct().url}</label>
                        <input id="menu-url" type="text" name="url" inputmode="url" autocapitalize="none" spellcheck="false"
                            autocomplete="url" maxlength="2000"
                            aria-invalid=move || url_error().is_some().to_string()
                            aria-describedby="menu-url-hint menu-url-error" />
                        <p id="menu-url-hint" class="hint">{move || ct().url_hint}</p>
                        <p id="menu-url-error" class="field-error" role="alert">{url_error}</p>
                    </div>
                </Show>
                <div class="field">
                    <label for="menu-label">{move || ct().menu_label}</label>
                    <input id="menu-label" type="text" name="label" maxlength="100" autocomplete="off"
                        aria-invalid=move || label_error().is_some().to_string()
                        aria-describedby="menu-label-hint menu-label-error" />
                    <p id="menu-label-hint" class="hint">{move || ct().menu_label_hint}</p>
                    <p id="menu-label-error" class="field-error" role="alert">{label_error}</p>
                </div>
                <p class="form-error" role="alert">{other_error}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || add.pending().get()>
                        {move || if add.pending().get() { i18n.t().working } else { ct().add_menu_item }}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
