//! Data that only the browser loads: for parts of a page that depend on data loaded before them (see
//! the rule in `app/mod.rs`). No `Suspense` is involved, so the server and the hydrating browser render
//! the same thing (the "loading" state) whatever arrives when.
use leptos::prelude::*;
use std::future::Future;

/// Loads `load()` in the browser once the page is hydrated, and again whenever a signal `load` reads
/// changes. `None` until the first answer; while reloading, the last answer stays (no flicker), and an
/// answer that was overtaken by a newer request is dropped.
pub fn browser_data<T, Fut>(load: impl Fn() -> Fut + 'static) -> ReadSignal<Option<T>>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + 'static,
{
    let data = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    // Effects never run on the server, and in the browser only after hydration.
    Effect::new(move |_| {
        let fut = load();
        let mine = generation.get_value() + 1;
        generation.set_value(mine);
        leptos::task::spawn_local(async move {
            let value = fut.await;
            if generation.try_get_value() == Some(mine) {
                data.try_set(Some(value));
            }
        });
    });
    data.read_only()
}
