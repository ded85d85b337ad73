use crate::app::i18n::use_i18n;
use crate::tenants::{last_tenant, list_my_tenants};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// The top bar's tenant switcher: the tenant of the page (or the one used last), and a list of the
/// others. Escape or a choice closes it.
#[component]
pub fn TenantSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let open = RwSignal::new(false);
    let current_slug = move || {
        let path = location.pathname.get();
        path.strip_prefix("/t/")
            .map(|rest| rest.split('/').next().unwrap_or_default().to_owned())
    };
    // Loaded again when the page moves to another tenant (a new one is then in the list).
    let tenants = Resource::new(current_slug, |_| list_my_tenants());
    let last = Resource::new(current_slug, |_| last_tenant());
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = tenants.await.unwrap_or_default();
                let last = last.await.ok().flatten();
                if list.is_empty() {
                    return ().into_any();
                }
                let list = StoredValue::new(list);
                let shown = move || {
                    let slug = current_slug().or(last.clone());
                    list.with_value(|l| {
                        slug.and_then(|s| l.iter().find(|t| t.slug == s).map(|t| t.name.clone()))
                    })
                };
                view! {
                    <div class="tenant-switcher">
                        <button
                            type="button"
                            class="button ghost switcher-button"
                            aria-haspopup="true"
                            aria-expanded=move || open.get().to_string()
                            aria-controls="tenant-menu"
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            <span class="visually-hidden">{move || i18n.t().switch_tenant} ": "</span>
                            <span class="switcher-name">{move || shown().unwrap_or_else(|| i18n.t().choose_tenant.to_owned())}</span>
                            <span aria-hidden="true" class="caret"></span>
                        </button>
                        <ul id="tenant-menu" class="switcher-menu" class:open=move || open.get() aria-label=move || i18n.t().tenants>
                            {move || list.get_value().into_iter().map(|t| {
                                let href = format!("/t/{}", t.slug);
                                let slug = t.slug.clone();
                                let current = move || current_slug().as_deref() == Some(slug.as_str());
                                view! {
                                    <li>
                                        <A href=href attr:aria-current=move || current().then_some("true") on:click=move |_| open.set(false)>
                                            {t.name.clone()}
                                        </A>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any()
            })}
        </Transition>
    }
}
