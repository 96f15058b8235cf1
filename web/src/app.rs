//! The shell: contexts, hash routing, the header and keyboard shortcuts.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::{self, Api};
use crate::components::common::Loading;
use crate::pages::lookup::{LookupPage, LookupState};
use crate::pages::settings::SettingsPage;
use crate::pages::tags::TagsPage;
use crate::settings::{Mode, Settings};

/// The pages, addressed by the URL fragment (`#/tags`), which also works
/// from static files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `#/lookup` (the default).
    Lookup,
    /// `#/tags`.
    Tags,
    /// `#/settings`.
    Settings,
}

impl Page {
    fn from_hash(hash: &str) -> Page {
        match hash.trim_start_matches('#').trim_start_matches('/') {
            "tags" => Page::Tags,
            "settings" => Page::Settings,
            _ => Page::Lookup,
        }
    }

    fn href(self) -> &'static str {
        match self {
            Page::Lookup => "#/lookup",
            Page::Tags => "#/tags",
            Page::Settings => "#/settings",
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Provides the contexts every page needs: the [`Api`] and the lookup state.
#[component]
pub fn AppContext(api: Api, children: Children) -> impl IntoView {
    provide_context(api);
    provide_context(LookupState::default());
    children()
}

/// The whole app: demo backend detection, header, the current page.
#[component]
pub fn App() -> impl IntoView {
    let api = Api::new(Settings::load());
    spawn_local(async move {
        let demo = api::detect_demo().await;
        api.demo().set(Some(demo));
    });
    let page = RwSignal::new(Page::from_hash(&current_hash()));
    let on_hash = window_event_listener(ev::hashchange, move |_| {
        page.set(Page::from_hash(&current_hash()));
    });
    let on_key = window_event_listener(ev::keydown, move |e| focus_lookup_on_slash(&e, page));
    on_cleanup(move || {
        on_hash.remove();
        on_key.remove();
    });
    view! {
        <AppContext api=api>
            <Header page=page />
            <main id="main">
                <Show when=move || api.ready() fallback=|| view! { <Loading label="Finding the demo sandbox…" /> }>
                    {move || match page.get() {
                        Page::Lookup => view! { <LookupPage /> }.into_any(),
                        Page::Tags => view! { <TagsPage /> }.into_any(),
                        Page::Settings => view! { <SettingsPage /> }.into_any(),
                    }}
                </Show>
            </main>
        </AppContext>
    }
}

/// `/` outside a text field goes to the lookup page and focuses its box.
fn focus_lookup_on_slash(e: &web_sys::KeyboardEvent, page: RwSignal<Page>) {
    if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let typing = document().active_element().is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.has_attribute("contenteditable")
    });
    if typing {
        return;
    }
    e.prevent_default();
    if page.get_untracked() != Page::Lookup {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(Page::Lookup.href());
        }
        page.set(Page::Lookup);
    }
    // The box exists once the lookup page has rendered.
    request_animation_frame(|| {
        let el = document().get_element_by_id("lookup-input");
        if let Some(el) = el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// The header: name, navigation, where calls go, and the progress bar.
#[component]
fn Header(page: RwSignal<Page>) -> impl IntoView {
    let api = expect_context::<Api>();
    let link = move |target: Page, text: &'static str| {
        let current = move || (page.get() == target).then_some("page");
        view! { <a href=target.href() aria-current=current>{text}</a> }
    };
    let backend = move || match api.settings().with(|s| s.mode) {
        Mode::Instance => api.settings().with(|s| format!("instance: {}", s.base_url)),
        Mode::Demo => api
            .demo()
            .get()
            .map(|d| d.describe())
            .unwrap_or_else(|| "finding the demo sandbox…".into()),
    };
    let busy = api.busy();
    view! {
        <header class="top">
            <a class="brand" href="#/lookup">"TC Lookup"</a>
            <nav aria-label="Pages">
                {link(Page::Lookup, "Lookup")}
                {link(Page::Tags, "Tags")}
                {link(Page::Settings, "Settings")}
            </nav>
            <span class="backend" title="Where requests go">{backend}</span>
        </header>
        <div class="busy" role="status" aria-live="polite">
            <Show when=move || { busy.get() > 0 }>
                <progress aria-label="Working"></progress>
                <span class="sr-only">{move || format!("{} request(s) in flight", busy.get())}</span>
            </Show>
        </div>
    }
}
