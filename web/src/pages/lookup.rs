//! The lookup page: paste text, see the indicators in it, look each one up
//! across the owners that hold it, act on it.

use leptos::prelude::*;
use tc_core::api::IndicatorType;
use tc_core::ioc::{self, Hit};

use crate::api::{Api, AppError, Item};
use crate::components::card::IndicatorCard;
use crate::components::common::{Loading, action_error, error_list};

/// The pasted text and the indicators found in it; kept in the context so
/// that they survive a visit to another page.
#[derive(Debug, Clone, Copy)]
pub struct LookupState {
    /// The text in the box.
    pub text: RwSignal<String>,
    /// The indicators of the last lookup.
    pub hits: RwSignal<Vec<Hit>>,
}

impl Default for LookupState {
    fn default() -> Self {
        LookupState {
            text: RwSignal::new(String::new()),
            hits: RwSignal::new(Vec::new()),
        }
    }
}

/// The page: the box, then one result per indicator.
#[component]
pub fn LookupPage() -> impl IntoView {
    let state = expect_context::<LookupState>();
    let run = move || state.hits.set(ioc::extract(&state.text.get_untracked()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            run();
        }
    };
    let summary = move || {
        let n = state.hits.with(Vec::len);
        match n {
            0 => String::new(),
            1 => "1 indicator found".into(),
            n => format!("{n} indicators found"),
        }
    };
    view! {
        <section class="page lookup">
            <h1>"Indicator lookup"</h1>
            <form class="lookup-form" on:submit=on_submit>
                <label for="lookup-input">"Paste any text: indicators are found and refanged (hxxp, [.], (dot) …)"</label>
                <textarea id="lookup-input" data-testid="lookup-input" rows="5" spellcheck="false"
                    placeholder="Beacon to hxxp://evil[.]example/login.php and 198.51.100[.]23"
                    bind:value=state.text on:keydown=on_key></textarea>
                <div class="row">
                    <button type="submit" class="primary" data-testid="lookup-submit">"Look up"</button>
                    <span class="hint">"Press " <kbd>"/"</kbd> " to focus the box, " <kbd>"Ctrl"</kbd> "+" <kbd>"Enter"</kbd> " to look up"</span>
                </div>
            </form>
            <p class="summary" role="status">{summary}</p>
            <Show when=move || state.text.with(|t| !t.trim().is_empty()) && state.hits.with(Vec::is_empty)>
                <p class="muted">"No indicators yet: paste text and press Look up."</p>
            </Show>
            <ol class="hits">
                <For
                    each=move || state.hits.get()
                    key=|h| (h.kind, h.value.clone())
                    children=|hit| view! { <HitResult hit=hit /> }
                />
            </ol>
        </section>
    }
}

/// One indicator: the owners that hold it, a card per owner, or "not found".
#[component]
fn HitResult(hit: Hit) -> impl IntoView {
    let api = expect_context::<Api>();
    let kind = IndicatorType::from_branch(hit.kind.api_branch());
    let value = hit.value.clone();
    let (k, v) = (kind.clone(), value.clone());
    let owners = LocalResource::new(move || {
        let (conn, k, v) = (api.connection(), k.clone(), v.clone());
        async move { conn?.owners_of(&k, &v).await }
    });
    let refresh = Callback::new(move |_: ()| owners.refetch());
    let body = move || {
        owners.get().map(|r| {
            r.map(|list| {
                if list.is_empty() {
                    return view! { <NotFound kind=kind.clone() value=value.clone() on_created=refresh /> }.into_any();
                }
                list.into_iter()
                    .map(|o| view! { <OwnerCard kind=kind.clone() value=value.clone() owner=o.name /> })
                    .collect_view()
                    .into_any()
            })
        })
    };
    view! {
        <li class="hit" data-kind=hit.kind.as_str()>
            <h2 class="hit-title">
                <span class="badge">{hit.kind.api_type()}</span>" "<code>{hit.value.clone()}</code>
            </h2>
            <Transition fallback=|| view! { <Loading label="Looking up…" /> }>
                <ErrorBoundary fallback=error_list>{body}</ErrorBoundary>
            </Transition>
        </li>
    }
}

/// The indicator in one owner.
#[component]
fn OwnerCard(kind: IndicatorType, value: String, owner: String) -> impl IntoView {
    let api = expect_context::<Api>();
    let (k, v, o) = (kind.clone(), value.clone(), owner.clone());
    let detail = LocalResource::new(move || {
        let (conn, k, v, o) = (api.connection(), k.clone(), v.clone(), o.clone());
        async move { conn?.indicator_in(&k, &v, &o).await }
    });
    let refresh = Callback::new(move |_: ()| detail.refetch());
    let item = Item::Indicator {
        kind,
        value: value.clone(),
        owner: Some(owner.clone()),
    };
    let body = move || {
        detail.get().map(|r| {
            r.map(|d| view! { <IndicatorCard detail=d item=item.clone() value=value.clone() on_change=refresh /> })
        })
    };
    let label = format!("Reading it in {owner}…");
    view! {
        <Transition fallback=move || view! { <Loading label=label.clone() /> }>
            <ErrorBoundary fallback=error_list>{body.clone()}</ErrorBoundary>
        </Transition>
    }
}

/// Not in any owner this user can see; offers to create it.
#[component]
fn NotFound(kind: IndicatorType, value: String, on_created: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let owners = LocalResource::new(move || {
        let conn = api.connection();
        async move { conn?.owners().await }
    });
    let default_owner = api.settings().with_untracked(|s| s.default_owner.clone());
    let chosen = RwSignal::new(default_owner.unwrap_or_default());
    let (k, v) = (kind.clone(), value.clone());
    let create = Action::new_local(move |owner: &String| {
        let (k, v, owner) = (k.clone(), v.clone(), owner.clone());
        async move {
            let owner = (!owner.is_empty()).then_some(owner);
            api.connection_untracked()?
                .create_indicator(&k, &v, owner.as_deref())
                .await?;
            on_created.run(());
            Ok::<_, AppError>(())
        }
    });
    let options = move || {
        owners
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|o| view! { <option value=o.name.clone()>{o.name.clone()}</option> })
            .collect_view()
    };
    view! {
        <div class="card notfound" data-testid="indicator-not-found">
            <p><strong>"Not found"</strong>" in any owner you can see."</p>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); create.dispatch(chosen.get_untracked()); }>
                <label>"Create this " {kind.name().to_string()} " in "
                    <select bind:value=chosen>
                        <option value="">"the default owner"</option>
                        {options}
                    </select>
                </label>
                <button type="submit" data-testid="indicator-create" disabled=move || create.pending().get()>"Create"</button>
            </form>
            {action_error(create)}
        </div>
    }
}
