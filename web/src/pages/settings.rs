//! The settings page: demo or instance, URL, credentials, default owner,
//! and a connection test.

use leptos::prelude::*;
use tc_core::Secret;

use crate::api::{Api, AppError, DemoBackend};
use crate::components::common::Loading;
use crate::settings::{Credentials, Mode, Settings};

/// The form's fields, edited apart from the settings in use until saved.
#[derive(Debug, Clone, Copy)]
struct Draft {
    mode: RwSignal<Mode>,
    base_url: RwSignal<String>,
    hmac: RwSignal<bool>,
    token: RwSignal<String>,
    access_id: RwSignal<String>,
    secret_key: RwSignal<String>,
    owner: RwSignal<String>,
    remember: RwSignal<bool>,
}

impl Draft {
    fn new(s: &Settings) -> Self {
        let (hmac, access_id) = match &s.credentials {
            Credentials::Hmac { access_id, .. } => (true, access_id.clone()),
            Credentials::Token(_) => (false, String::new()),
        };
        let secret = s.secret().expose_secret().to_string();
        Draft {
            mode: RwSignal::new(s.mode),
            base_url: RwSignal::new(s.base_url.clone()),
            hmac: RwSignal::new(hmac),
            token: RwSignal::new(if hmac { String::new() } else { secret.clone() }),
            access_id: RwSignal::new(access_id),
            secret_key: RwSignal::new(if hmac { secret } else { String::new() }),
            owner: RwSignal::new(s.default_owner.clone().unwrap_or_default()),
            remember: RwSignal::new(s.remember_secrets),
        }
    }

    fn settings(&self) -> Settings {
        let credentials = if self.hmac.get_untracked() {
            Credentials::Hmac {
                access_id: self.access_id.get_untracked().trim().to_string(),
                secret_key: Secret::new(self.secret_key.get_untracked()),
            }
        } else {
            Credentials::Token(Secret::new(self.token.get_untracked().trim()))
        };
        let owner = self.owner.get_untracked();
        Settings {
            mode: self.mode.get_untracked(),
            base_url: self.base_url.get_untracked().trim().to_string(),
            credentials,
            default_owner: (!owner.trim().is_empty()).then_some(owner),
            remember_secrets: self.remember.get_untracked(),
        }
    }
}

/// The page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = expect_context::<Api>();
    let draft = Draft::new(&api.settings().get_untracked());
    let note = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = draft.settings();
        let stored = settings.save();
        let secret_note = if settings.mode == Mode::Demo {
            ""
        } else if settings.remember_secrets {
            " The secret is saved in this browser's localStorage."
        } else {
            " The secret is kept in memory only: it is gone when this tab closes."
        };
        let place = if stored {
            "Saved."
        } else {
            "Applied (this browser refused to store settings)."
        };
        note.set(Some(format!("{place}{secret_note}")));
        api.settings().set(settings);
    };
    let demo_url = move || match api.demo().get() {
        Some(DemoBackend::Server { base_url }) => base_url,
        Some(DemoBackend::InBrowser) => "in-browser sandbox (no server)".into(),
        None => String::new(),
    };
    let is_demo = move || draft.mode.get() == Mode::Demo;
    view! {
        <section class="page settings">
            <h1>"Settings"</h1>
            <form class="settings-form" on:submit=save>
                <fieldset>
                    <legend>"Where to connect"</legend>
                    <label class="choice"><input type="radio" name="mode" prop:checked=is_demo
                        on:change=move |_| draft.mode.set(Mode::Demo) />" Demo sandbox (demo data, no account)"</label>
                    <label class="choice"><input type="radio" name="mode" prop:checked=move || !is_demo()
                        on:change=move |_| draft.mode.set(Mode::Instance) />" My ThreatConnect instance"</label>
                    <label for="settings-base-url">"API base URL"</label>
                    <input id="settings-base-url" type="url" class="wide" data-testid="settings-base-url"
                        placeholder="https://app.threatconnect.com/api" disabled=is_demo
                        prop:value=move || if is_demo() { demo_url() } else { draft.base_url.get() }
                        on:input=move |ev| draft.base_url.set(event_target_value(&ev)) />
                </fieldset>
                <Show when=move || !is_demo()>
                    <AuthFields draft=draft />
                </Show>
                <OwnerPicker owner=draft.owner />
                <div class="row">
                    <button type="submit" class="primary" data-testid="settings-save">"Save"</button>
                    <span role="status">{move || note.get()}</span>
                </div>
            </form>
            <ConnectionTest draft=draft />
        </section>
    }
}

/// Token, or access id and secret key, and whether to remember the secret.
#[component]
fn AuthFields(draft: Draft) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Authentication"</legend>
            <label class="choice"><input type="radio" name="auth" prop:checked=move || !draft.hmac.get()
                on:change=move |_| draft.hmac.set(false) />" API token"</label>
            <label class="choice"><input type="radio" name="auth" prop:checked=move || draft.hmac.get()
                on:change=move |_| draft.hmac.set(true) />" Access id and secret key"</label>
            <Show when=move || draft.hmac.get() fallback=move || view! {
                <label for="settings-token">"Token"</label>
                <input id="settings-token" type="password" class="wide" autocomplete="off" bind:value=draft.token />
            }>
                <p class="warning" role="note">
                    "Warning: a secret key typed into a web page can be read by any script that runs in it \
                     and by browser extensions. Prefer a short-lived token; use a secret key only on a \
                     machine and an instance you trust."
                </p>
                <label for="settings-access-id">"Access id"</label>
                <input id="settings-access-id" type="text" class="wide" autocomplete="off" bind:value=draft.access_id />
                <label for="settings-secret-key">"Secret key"</label>
                <input id="settings-secret-key" type="password" class="wide" autocomplete="off" bind:value=draft.secret_key />
            </Show>
            <label class="choice">
                <input type="checkbox" bind:checked=draft.remember />
                " Remember the secret in this browser (stored in localStorage, readable by anyone using this \
                 browser profile). Otherwise it stays in memory and is gone when the tab closes."
            </label>
        </fieldset>
    }
}

/// The default owner, picked from the owners the saved settings can see.
#[component]
fn OwnerPicker(owner: RwSignal<String>) -> impl IntoView {
    let api = expect_context::<Api>();
    let owners = LocalResource::new(move || {
        let conn = api.connection();
        async move { conn?.owners().await }
    });
    let options = move || {
        let current = owner.get_untracked();
        owners
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|o| {
                let selected = o.name == current;
                let text = format!("{} ({})", o.name, o.kind.clone().unwrap_or_default());
                view! { <option value=o.name.clone() selected=selected>{text}</option> }
            })
            .collect_view()
    };
    let failed = move || {
        owners.get().and_then(Result::err).map(|e| {
        view! { <p class="muted">"Owners could not be listed with the saved settings: " {e.to_string()}</p> }
    })
    };
    view! {
        <fieldset>
            <legend>"Default owner"</legend>
            <label for="settings-owner">"Owner used when a call names none"</label>
            <select id="settings-owner" data-testid="settings-owner" bind:value=owner>
                <option value="">"(the API user's organization)"</option>
                {options}
            </select>
            {failed}
        </fieldset>
    }
}

/// Tries the form's settings with `whoami`.
#[component]
fn ConnectionTest(draft: Draft) -> impl IntoView {
    let api = expect_context::<Api>();
    let test = Action::new_local(move |_: &()| {
        let settings = draft.settings();
        async move {
            let conn = api.connection_with(&settings)?;
            let user = conn.whoami().await?;
            let who = user.user_name.unwrap_or_else(|| "unknown user".into());
            let role = user.role.map(|r| format!(" ({r})")).unwrap_or_default();
            let place = if conn.is_in_browser() {
                "the in-browser sandbox".into()
            } else {
                conn.base_url()
            };
            Ok::<_, AppError>(format!("Connected to {place} as {who}{role}"))
        }
    });
    let status = move || {
        if test.pending().get() {
            return view! { <Loading label="Testing…" /> }.into_any();
        }
        match test.value().get() {
            None => view! { <span class="muted">"Not tested yet"</span> }.into_any(),
            Some(Ok(text)) => view! { <span class="ok">"✓ " {text}</span> }.into_any(),
            Some(Err(e)) => view! { <span class="error">"✗ " {e.to_string()}</span> }.into_any(),
        }
    };
    view! {
        <section class="connection">
            <h2>"Connection test"</h2>
            <button type="button" data-testid="connection-test" on:click=move |_| { test.dispatch(()); }>
                "Test connection"
            </button>
            <div class="status" data-testid="connection-status" role="status">{status}</div>
        </section>
    }
}
