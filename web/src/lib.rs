//! The ThreatConnect web app: paste text to look indicators up across
//! owners, manage tags, and point the app at an instance.
//!
//! A Leptos (CSR) app built by Trunk from the top-level `index.html`. It
//! starts in demo mode: on the sandbox server that served the page when
//! there is one (`cargo xtask serve`), otherwise on a sandbox compiled into
//! the page. Every call lives in [`api`]; pages are in [`pages`], shared
//! pieces in [`components`].
//!
//! The crate only has content on `wasm32`: on other targets it is empty so
//! that host builds of the workspace skip it.
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod app;
pub mod components;
pub mod pages;
pub mod settings;

pub use app::{App, AppContext};

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
