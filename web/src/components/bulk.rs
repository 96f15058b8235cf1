//! Adding or removing a tag on many selected items at once, with a
//! result per item.

use std::collections::HashSet;

use leptos::prelude::*;
use tc_core::api::MAX_TAG_LENGTH;

use super::common::{ErrorNote, action_error};
use crate::api::{Api, AppError, Item, ItemResult};

/// The state of a bulk run, owned by a parent that outlives the item list
/// (which reloads when the run ends).
#[derive(Debug, Clone, Copy)]
pub struct BulkState {
    /// Items done and items in the run, while it runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// The outcome of the last run.
    pub results: RwSignal<Vec<ItemResult>>,
}

impl Default for BulkState {
    fn default() -> Self {
        BulkState {
            progress: RwSignal::new(None),
            results: RwSignal::new(Vec::new()),
        }
    }
}

/// Buttons to remove `tag` from, or add another tag to, the selected items.
#[component]
pub fn BulkBar(
    items: Vec<Item>,
    selected: RwSignal<HashSet<String>>,
    tag: String,
    state: BulkState,
    on_done: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let other = RwSignal::new(String::new());
    let run = Action::new_local(move |(add, name): &(bool, String)| {
        let (add, name) = (*add, name.trim().to_string());
        let picked: Vec<Item> = selected.with_untracked(|s| {
            items
                .iter()
                .filter(|i| s.contains(&i.key()))
                .cloned()
                .collect()
        });
        async move {
            let conn = api.connection_untracked()?;
            let total = picked.len();
            state.progress.set(Some((0, total)));
            let report = move |done| {
                let _ = state.progress.try_set(Some((done, total)));
            };
            let results = conn.bulk_tag(picked, &name, add, report).await;
            let _ = state.progress.try_set(None);
            let _ = state.results.try_set(results);
            on_done.run(());
            Ok::<_, AppError>(())
        }
    });
    let none_selected = move || selected.with(HashSet::is_empty) || run.pending().get();
    let remove_label = format!("Remove “{tag}” from selected");
    let remove_tag = tag.clone();
    view! {
        <div class="bulk">
            <button type="button" data-testid="bulk-remove" disabled=none_selected
                on:click=move |_| { run.dispatch((false, remove_tag.clone())); }>{remove_label}</button>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                let name = other.get_untracked();
                if !name.trim().is_empty() { run.dispatch((true, name)); }
            }>
                <input type="text" data-testid="bulk-tag-input" aria-label="Tag to add to the selected items"
                    placeholder="Another tag" maxlength=MAX_TAG_LENGTH.to_string() bind:value=other />
                <button type="submit" data-testid="bulk-add" disabled=none_selected>"Add to selected"</button>
            </form>
            {action_error(run)}
        </div>
    }
}

/// Progress of the running bulk operation, then one line per item.
#[component]
pub fn BulkResults(state: BulkState) -> impl IntoView {
    let progress = move || {
        state.progress.get().map(|(done, total)| {
            view! {
                <p class="loading" role="status">
                    <progress max=total.to_string() value=done.to_string()></progress>
                    {format!(" {done} of {total} done")}
                </p>
            }
        })
    };
    let rows = move || {
        state.results.get().into_iter().map(|r| {
            let label = r.item.label();
            match r.result {
                Ok(()) => view! { <li class="ok" data-testid="bulk-result">"✓ " {label}</li> }.into_any(),
                Err(error) => view! {
                    <li class="failed" data-testid="bulk-result">"✗ " {label} " " <ErrorNote error=error /></li>
                }.into_any(),
            }
        }).collect_view()
    };
    view! {
        {progress}
        <ul class="plain results" aria-label="Results per item">{rows}</ul>
    }
}
