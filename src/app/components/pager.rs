//! "Newer" and "Older" links for paged lists (or "Previous", "Page 2 of 7", "Next" when the number
//! of pages is known); every other query parameter (the filters) is kept.
use crate::app::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Pager(
    /// 0-based.
    page: i64,
    has_more: bool,
    /// The number of pages, for lists in a fixed order (not newest first).
    #[prop(optional)]
    pages: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let link = move |page: i64| {
        let mut q = query.get_untracked();
        q.remove("page");
        let mut link = format!("?page={page}");
        for (key, value) in q.latest_values() {
            if !value.is_empty() {
                link.push_str(&format!("&{}={}", encode(key), encode(value)));
            }
        }
        link
    };
    let numbered = pages.is_some();
    view! {
        <nav class="pager" aria-label=move || i18n.t().page>
            {(page > 0).then(|| view! {
                <A href=link(page - 1) attr:class="button secondary">
                    {move || if numbered { i18n.t().previous_page } else { i18n.t().newer }}
                </A>
            })}
            {pages.filter(|n| *n > 1).map(|n| view! { <span class="pager-position">{move || i18n.t().page_of(page + 1, n)}</span> })}
            {has_more.then(|| view! {
                <A href=link(page + 1) attr:class="button secondary">
                    {move || if numbered { i18n.t().next_page } else { i18n.t().older }}
                </A>
            })}
        </nav>
    }
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(super::encode("ana+1@example.org"), "ana%2B1%40example.org");
        assert_eq!(super::encode("a b&c"), "a%20b%26c");
    }
}
