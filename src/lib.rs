//! Traffino CMS. One crate: the `ssr` feature is the server, `hydrate` the WASM admin.
#![recursion_limit = "256"]

pub mod app;
pub mod audit;
pub mod auth;
pub mod content;
pub mod error;
pub mod ids;
pub mod mail;
pub mod media;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod server;
pub mod tenants;

/// The WASM entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
