//! Small shared pieces: errors, progress, copy buttons, safe links, dates.

use std::time::Duration;

use leptos::prelude::*;
use tc_core::models::DateTime;

use crate::api::AppError;

/// The fallback of every `ErrorBoundary`: each error's message (with its
/// code, see [`AppError`]'s `Display`).
pub fn error_list(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <div class="error" role="alert">
            {move || {
                errors
                    .get()
                    .into_iter()
                    .map(|(_, e)| view! { <p>{e.to_string()}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// One error: its code and message.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    view! {
        <p class="error" role="alert">
            <span class="code">{error.code()}</span>
            " "
            {error.0.to_string()}
        </p>
    }
}

/// The error of an action's last run, if any.
pub fn action_error<I, T>(action: Action<I, Result<T, AppError>>) -> impl IntoView
where
    I: 'static,
    T: Clone + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <ErrorNote error=error /> })
    }
}

/// A progress indicator with a label.
#[component]
pub fn Loading(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <progress aria-label=label.clone()></progress>
            " "
            {label}
        </p>
    }
}

/// A button that copies `text` to the clipboard and says so for a moment.
#[component]
pub fn CopyButton(text: String, #[prop(into)] label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        // `navigator.clipboard` is missing on insecure pages; calling it
        // then would throw through the handler.
        let navigator = window.navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            return;
        }
        // The promise is left alone: a refusal (no permission) has nothing
        // useful to show beyond not saying "Copied".
        let _ = navigator.clipboard().write_text(&text);
        copied.set(true);
        set_timeout(move || copied.set(false), Duration::from_millis(1500));
    };
    view! {
        <button type="button" class="small" on:click=copy>
            {move || if copied.get() { "Copied".to_string() } else { label.clone() }}
        </button>
    }
}

/// `url` when it is an http(s) link, so that service data never becomes a
/// `javascript:` link.
pub fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| u.to_string())
}

/// A link to the item in ThreatConnect, when the service gave a safe one.
#[component]
pub fn WebLink(url: Option<String>) -> impl IntoView {
    url.as_deref().and_then(safe_href).map(|href| {
        view! {
            <a class="weblink" href=href target="_blank" rel="noopener noreferrer">
                "Open in ThreatConnect ↗"
            </a>
        }
    })
}

/// A date for people, in UTC.
pub fn date(d: Option<DateTime>) -> String {
    d.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "–".into())
}
