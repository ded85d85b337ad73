//! Pages of the content slice, inside a tenant: the page list (`/t/{slug}/pages`), the page editor
//! (`/t/{slug}/pages/{page}`) and the site settings (`/t/{slug}/site`). With several sites, `?site=`
//! chooses one; without it, the first.
mod block_texts;
mod blocks_editor;
mod menus_page;
mod page_editor_page;
mod pages_page;
mod revisions;
mod site_page;
pub mod texts;

pub use menus_page::MenusPage;
pub use page_editor_page::PageEditorPage;
pub use pages_page::PagesPage;
pub use site_page::SitePage;

use crate::content::SiteSummary;
use crate::ids::SiteId;
use crate::tenants::domain::locale_name;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The site named by `?site=`, or the first.
pub(crate) fn chosen_site(sites: &[SiteSummary]) -> Option<SiteSummary> {
    site_by_param(sites, use_query_map().read_untracked().get("site")).cloned()
}

/// The site whose id is `param` (the `?site=` of the address), or the first; for resources that
/// read the parameter themselves.
pub(crate) fn site_by_param(sites: &[SiteSummary], param: Option<String>) -> Option<&SiteSummary> {
    let wanted = param.and_then(|s| s.parse::<SiteId>().ok());
    sites
        .iter()
        .find(|s| Some(s.site_id) == wanted)
        .or_else(|| sites.first())
}

/// Links to the other sites of the tenant (only shown when there are several).
#[component]
pub(crate) fn SitePicker(sites: Vec<SiteSummary>, current: SiteId, base: String) -> impl IntoView {
    (sites.len() > 1).then(|| {
        view! {
            <nav class="tabs site-tabs" aria-label=move || texts::ct().site>
                {sites.into_iter().map(|s| {
                    let href = format!("{base}?site={}", s.site_id);
                    let current = s.site_id == current;
                    view! {
                        <a href=href aria-current=current.then_some("page")>{s.name.clone()}</a>
                    }
                }).collect_view()}
            </nav>
        }
    })
}

/// The languages a page exists in, as small badges.
pub(crate) fn locale_badges(locales: Vec<String>) -> impl IntoView {
    view! {
        <p class="badges">
            {locales.into_iter().map(|l| view! {
                <span class="badge locale" title=locale_name(&l) lang=l.clone()>{l.to_uppercase()}</span>
            }).collect_view()}
        </p>
    }
}
