use crate::app::i18n::use_i18n;
use crate::error::AppError;
use crate::tenants::authz::Permission;
use crate::tenants::{TenantContext, open_tenant};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_params_map;

/// The tenant a page under `/t/{slug}` works in, with the caller's access (the server checks it again
/// in every function). Pages await it inside their own `<Suspense/>`.
pub type TenantResource = Resource<Result<TenantContext, AppError>>;

pub fn use_tenant() -> TenantResource {
    expect_context::<TenantResource>()
}

/// Everything under `/t/{slug}`: loads the tenant, shows its name and sections, then the page. Like
/// the admin layout it does not suspend around the page (see `AdminLayout`).
#[component]
pub fn TenantLayout() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let tenant: TenantResource = Resource::new(slug, open_tenant);
    provide_context(tenant);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match tenant.await {
                    Ok(tenant) => view! { <TenantHeader tenant /> }.into_any(),
                    Err(AppError::NotFound(_)) => {
                        #[cfg(feature = "ssr")]
                        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                            res.set_status(http::StatusCode::NOT_FOUND);
                        }
                        view! {
                            <h1>{move || i18n.t().tenant_not_found_title}</h1>
                            <p>{move || i18n.t().tenant_not_found_text}</p>
                            <A href="/">{move || i18n.t().back_home}</A>
                        }.into_any()
                    }
                    Err(err) => view! { <p role="alert" class="form-error">{i18n.t().app_error(&err)}</p> }.into_any(),
                }
            })}
        </Suspense>
        <Outlet />
    }
}

#[component]
fn TenantHeader(tenant: TenantContext) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/t/{}", tenant.slug);
    let access = tenant.access;
    // (address, label, shown): a tab per section the caller may open.
    type Label = fn(&'static crate::app::i18n::Texts) -> &'static str;
    let tabs: [(String, Label, bool); 8] = [
        (base.clone(), |t| t.tenant_overview, true),
        (
            format!("{base}/pages"),
            |t| crate::content::ui::texts::for_lang(t.lang).pages,
            access.allows(Permission::View),
        ),
        (
            format!("{base}/menus"),
            |t| crate::content::ui::texts::for_lang(t.lang).menus,
            access.allows(Permission::View),
        ),
        (
            format!("{base}/media"),
            |t| match t.lang {
                crate::app::i18n::Lang::De => crate::media::ui::texts::DE.media,
                crate::app::i18n::Lang::En => crate::media::ui::texts::EN.media,
            },
            access.allows(Permission::View),
        ),
        (
            format!("{base}/site"),
            |t| crate::content::ui::texts::for_lang(t.lang).site,
            access.allows(Permission::View),
        ),
        (
            format!("{base}/members"),
            |t| t.members,
            access.allows(Permission::View),
        ),
        (
            format!("{base}/activity"),
            |t| t.activity,
            access.allows(Permission::ViewActivity),
        ),
        (
            format!("{base}/settings"),
            |t| t.settings,
            access.allows(Permission::View),
        ),
    ];
    view! {
        <header class="tenant-header">
            <p class="tenant-name">
                {tenant.name.clone()}
                {tenant.archived.then(|| view! { <span class="badge warn">{move || i18n.t().archived}</span> })}
            </p>
            <nav class="tabs" aria-label=move || i18n.t().tenant_sections>
                {tabs.into_iter().filter(|(_, _, shown)| *shown).map(|(href, label, _)| {
                    let exact = href == base;
                    view! { <A href=href exact=exact>{move || label(i18n.t())}</A> }
                }).collect_view()}
            </nav>
        </header>
    }
}
