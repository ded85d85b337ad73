//! The signed-in frame: top bar, navigation (slide-in drawer on phones, sidebar on desktop), content.
use super::i18n::{I18n, Lang, use_i18n};
use crate::auth::{CurrentUser, Logout, SetLanguage, load_current_user};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};

/// The signed-in user, loaded once by the layout; pages read it inside their own `<Suspense/>`.
pub type MeResource = Resource<Result<CurrentUser, AppError>>;

/// The signed-in user's resource (inside the admin layout).
pub fn use_me() -> MeResource {
    expect_context::<MeResource>()
}

/// The signed-in frame: top bar, navigation, and the page. Without a session it sends the visitor to
/// the login page (a real 302: these routes render completely before they answer).
///
/// No `<Suspense/>` wraps the page: each page suspends on its own data (and on `use_me()`), so that
/// no suspense is nested across route levels, which breaks hydration.
#[component]
pub fn AdminLayout() -> impl IntoView {
    let me: MeResource = Resource::new(|| (), |_| load_current_user());
    provide_context(me);
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let logout = ServerAction::<Logout>::new();
    session_watch();
    // Escape closes the drawer wherever the focus is.
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <a class="skip-link" href="#main">{move || i18n.t().skip_to_content}</a>
        <header class="topbar">
            <button
                type="button"
                class="icon-button menu-button"
                aria-controls="main-nav"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true" class="hamburger"></span>
                <span class="label">{move || i18n.t().open_menu}</span>
            </button>
            <A href="/" attr:class="brand">{move || i18n.t().app_name}</A>
            <crate::tenants::ui::TenantSwitcher />
            <div class="topbar-actions">
                <LanguageSwitch />
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(user) => {
                                let label = user.label().to_owned();
                                let title = label.clone();
                                view! { <span class="user-label" title=title>{label}</span> }.into_any()
                            }
                            Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                            Err(err) => view! { <span role="alert" class="form-error">{i18n.t().app_error(&err)}</span> }.into_any(),
                        }
                    })}
                </Suspense>
                <ActionForm action=logout attr:class="inline-form">
                    <button type="submit" class="button secondary">{move || i18n.t().sign_out}</button>
                </ActionForm>
            </div>
        </header>
        <div class="frame">
            <nav
                id="main-nav"
                class="sidebar"
                class:open=move || open.get()
                aria-label=move || i18n.t().main_navigation
            >
                <ul>
                    <li>
                        <A href="/" exact=true on:click=move |_| open.set(false)>{move || i18n.t().nav_dashboard}</A>
                    </li>
                    <li>
                        <A href="/account" on:click=move |_| open.set(false)>{move || i18n.t().nav_account}</A>
                    </li>
                </ul>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let Ok(user) = me.await else { return ().into_any() };
                        let dev = user.dev;
                        user.is_platform_admin.then(|| view! {
                            <h2 class="nav-section">{move || i18n.t().nav_admin_section}</h2>
                            <ul>
                                <li>
                                    <A href="/admin/tenants" on:click=move |_| open.set(false)>{move || i18n.t().nav_tenants}</A>
                                </li>
                                <li>
                                    <A href="/admin/users" on:click=move |_| open.set(false)>{move || i18n.t().nav_users}</A>
                                </li>
                                <li>
                                    <A href="/admin/activity" on:click=move |_| open.set(false)>{move || i18n.t().nav_platform_activity}</A>
                                </li>
                                <li>
                                    <A href="/admin/security" on:click=move |_| open.set(false)>{move || i18n.t().nav_security}</A>
                                </li>
                                {dev.then(|| view! {
                                    <li>
                                        <A href="/dev/mail" on:click=move |_| open.set(false)>{move || i18n.t().nav_dev_mail}</A>
                                    </li>
                                })}
                            </ul>
                        }).into_any()
                    })}
                </Suspense>
            </nav>
            <div class="backdrop" class:open=move || open.get() on:click=move |_| open.set(false)></div>
            <main id="main" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}

/// Notices, without waiting for a click, when the session has ended elsewhere (revoked on another
/// device, the account disabled, a timeout): checks every minute and whenever the tab comes back to
/// the foreground, and then sends the browser to the login page.
fn session_watch() {
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        let check = move || {
            leptos::task::spawn_local(async move {
                if let Err(AppError::Unauthorized) = load_current_user().await {
                    let _ = window().location().set_href("/login?expired=1");
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(check, Duration::from_secs(60)) {
            on_cleanup(move || handle.clear());
        }
        let visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                check();
            }
        });
        on_cleanup(move || visible.remove());
    }
}

/// Switches the admin language at once in the browser; without JavaScript the form posts and the page
/// comes back in the new language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n: I18n = use_i18n();
    let action = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(lang) = action
            .input()
            .get()
            .and_then(|input| Lang::from_code(&input.lang))
        {
            i18n.lang.set(lang);
        }
    });
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="lang" value=move || i18n.t().other_language_code />
            <button
                type="submit"
                class="button ghost"
                aria-label=move || format!("{}: {}", i18n.t().switch_language, i18n.t().other_language_name)
                lang=move || i18n.t().other_language_code
            >
                <span class="lang-long">{move || i18n.t().other_language_name}</span>
                <span class="lang-short" aria-hidden="true">{move || i18n.t().other_language_code.to_uppercase()}</span>
            </button>
        </ActionForm>
    }
}
