//! The admin app: HTML shell, router, layout, and the pages that belong to no slice.
//!
//! The rule for data (NESTED): a hydrated `Resource` is created only where it is created on every
//! render, in the same order, on the server and in the browser: at the top of a route component or
//! of a component that no `Suspend` renders. Hydration ids come from one counter, so a `Resource`
//! made inside a `Suspend` takes an id that depends on which data arrived first, and the browser
//! reads another resource's value (seen as a wrong or failed list and a hydration panic). Data that
//! depends on loaded data comes from `components::browser_data`: the server and the hydrating browser
//! both render its "loading" state, then the browser loads it (a `LocalResource` inside a nested
//! `Transition` still failed to hydrate now and then).
pub mod components;
pub mod i18n;
mod layout;
pub use layout::{LanguageSwitch, MeResource, use_me};

use crate::audit::ui::{ActivityPage, PlatformActivityPage};
use crate::auth::ui::{
    AcceptInvitationPage, AccountPage, ForgotPasswordPage, LoginCodePage, LoginPage,
    SecurityLogPage, SetPasswordPage, UsersPage,
};
use crate::content::ui::{MenusPage, PageEditorPage, PagesPage, SitePage};
use crate::mail::ui::DevMailPage;
use crate::tenants::ui::{
    MembersPage, TenantHomePage, TenantLayout, TenantSettingsPage, TenantsPage,
};
use i18n::{I18n, initial_lang, use_i18n};
use layout::AdminLayout;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{A, ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app. On the server it also sets the page's CSP with a fresh nonce,
/// which the hydration scripts carry.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::provide_nonce();
        if let (Some(nonce), Some(res)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            let csp = format!(
                "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; \
                 font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            );
            if let Ok(value) = http::HeaderValue::from_str(&csp) {
                res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
            }
        }
    }
    let lang = initial_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#1f4fd1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/pkg/traffino.css" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = I18n {
        lang: RwSignal::new(initial_lang()),
    };
    provide_context(i18n);

    // Runs only in the browser, once hydrated: tests and scripts wait for this mark before clicking.
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title formatter=|title: String| if title.is_empty() { "Traffino".to_owned() } else { format!("{title} · Traffino") } />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                // Async: the whole page is rendered before it is sent, so it works without JavaScript
                // and an unauthenticated visit gets a real 302.
                <Route path=path!("/login/code") view=LoginCodePage ssr=SsrMode::Async />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/set-password") view=SetPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/invite") view=AcceptInvitationPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=AdminLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("account") view=AccountPage />
                    <Route path=path!("admin/users") view=UsersPage />
                    <Route path=path!("admin/tenants") view=TenantsPage />
                    <Route path=path!("admin/activity") view=PlatformActivityPage />
                    <ParentRoute path=path!("t/:slug") view=TenantLayout>
                        <Route path=path!("") view=TenantHomePage />
                        <Route path=path!("pages") view=PagesPage />
                        <Route path=path!("pages/:page") view=PageEditorPage />
                        <Route path=path!("menus") view=MenusPage />
                        <Route path=path!("site") view=SitePage />
                        <Route path=path!("media") view=crate::media::ui::MediaPage />
                        <Route path=path!("media/:media") view=crate::media::ui::MediaDetailPage />
                        <Route path=path!("members") view=MembersPage />
                        <Route path=path!("activity") view=ActivityPage />
                        <Route path=path!("settings") view=TenantSettingsPage />
                    </ParentRoute>
                    <Route path=path!("admin/security") view=SecurityLogPage />
                    <Route path=path!("dev/mail") view=DevMailPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The start page after login: the customers one can open (the last one first), and who is signed in.
#[component]
fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let tenants = Resource::new(|| (), |_| crate::tenants::list_my_tenants());
    let last = Resource::new(|| (), |_| crate::tenants::last_tenant());
    view! {
        <Title text=move || i18n.t().dashboard_title />
        <Suspense fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(user) = me.await else { return ().into_any() };
                let list = tenants.await.unwrap_or_default();
                let last = last.await.ok().flatten();
                let role = if user.is_platform_admin {
                    i18n.t().role_platform_admin
                } else if user.is_agency_staff {
                    i18n.t().role_agency_staff
                } else {
                    i18n.t().role_user
                };
                let label = user.label().to_owned();
                view! {
                    <h1>{move || format!("{}, {}", i18n.t().welcome, label)}</h1>
                    <div class="stack">
                        <section class="card" aria-labelledby="my-tenants-heading">
                            <h2 id="my-tenants-heading">{move || i18n.t().my_tenants}</h2>
                            <TenantCards list last />
                        </section>
                        <section class="card" aria-labelledby="account-heading">
                            <h2 id="account-heading">{move || i18n.t().account}</h2>
                            <dl class="facts">
                                <dt>{move || i18n.t().signed_in_as}</dt>
                                <dd data-testid="signed-in-email">{user.email.clone()}</dd>
                                <dt>{move || i18n.t().role}</dt>
                                <dd>{role}</dd>
                            </dl>
                        </section>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The customers one can open, the one used last first.
#[component]
fn TenantCards(list: Vec<crate::tenants::TenantSummary>, last: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="muted">{move || i18n.t().no_tenant_access}</p> }.into_any();
    }
    let mut list = list;
    list.sort_by_key(|t| Some(&t.slug) != last.as_ref());
    view! {
        <ul class="tenant-cards" aria-label=move || i18n.t().my_tenants>
            {list.into_iter().map(|t| {
                let is_last = Some(&t.slug) == last.as_ref();
                view! {
                    <li>
                        <A href=format!("/t/{}", t.slug) attr:class="tenant-card">
                            <span class="tenant-card-name">{t.name.clone()}</span>
                            {t.role.map(|r| view! { <span class="badge">{move || crate::tenants::ui::role_label(i18n.t(), r)}</span> })}
                            {is_last.then(|| view! { <span class="hint">{move || i18n.t().continue_with}</span> })}
                        </A>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <main id="main" class="auth-page">
            <div class="auth-card">
                <Title text=move || i18n.t().not_found_title />
                <h1>{move || i18n.t().not_found_title}</h1>
                <p>{move || i18n.t().not_found_text}</p>
                <A href="/">{move || i18n.t().back_home}</A>
            </div>
        </main>
    }
}
