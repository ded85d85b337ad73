//! Times: rendered in UTC by the server (and without JavaScript), then in the browser's own time zone
//! and the admin language once hydrated.
use crate::app::i18n::use_i18n;
use chrono::{DateTime, SecondsFormat, Utc};
use leptos::prelude::*;

#[component]
pub fn LocalTime(at: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(at.format("%Y-%m-%d %H:%M UTC").to_string());
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        #[cfg(feature = "hydrate")]
        text.set(local(at, lang));
        #[cfg(not(feature = "hydrate"))]
        let _ = (lang, text);
    });
    view! { <time datetime=at.to_rfc3339_opts(SecondsFormat::Secs, true)>{move || text.get()}</time> }
}

#[cfg(feature = "hydrate")]
fn local(at: DateTime<Utc>, lang: crate::app::i18n::Lang) -> String {
    use wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let locale = match lang {
        crate::app::i18n::Lang::De => "de-DE",
        crate::app::i18n::Lang::En => "en-GB",
    };
    date.to_locale_string(locale, &options).into()
}
