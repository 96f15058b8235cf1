//! Tags on one item: chips to remove, a box to add.

use leptos::prelude::*;
use tc_core::api::MAX_TAG_LENGTH;
use tc_core::models::Tag;

use super::common::action_error;
use crate::api::{Api, AppError, Item};

/// The tags of `item`; adding or removing one calls `on_change` to reload.
#[component]
pub fn TagEditor(item: Item, tags: Vec<Tag>, on_change: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let input = RwSignal::new(String::new());
    let target = item.clone();
    let add = Action::new_local(move |name: &String| {
        let (item, name) = (target.clone(), name.trim().to_string());
        async move {
            api.connection_untracked()?.add_tag(&item, &name).await?;
            input.try_set(String::new());
            on_change.run(());
            Ok::<_, AppError>(())
        }
    });
    let remove = Action::new_local(move |name: &String| {
        let (item, name) = (item.clone(), name.clone());
        async move {
            api.connection_untracked()?.remove_tag(&item, &name).await?;
            on_change.run(());
            Ok::<_, AppError>(())
        }
    });
    let none = tags
        .is_empty()
        .then(|| view! { <p class="muted">"No tags yet"</p> });
    let chips = tags
        .into_iter()
        .map(|t| {
            let name = t.name;
            let label = format!("Remove tag {name}");
            let n = name.clone();
            view! {
                <li class="chip" data-testid="tag-chip">
                    <span class="chip-name">{name}</span>
                    <button type="button" class="chip-remove" aria-label=label title="Remove"
                        disabled=move || remove.pending().get()
                        on:click=move |_| { remove.dispatch(n.clone()); }>"×"</button>
                </li>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = input.get_untracked();
        if !name.trim().is_empty() {
            add.dispatch(name);
        }
    };
    view! {
        <section class="tags-of" aria-label="Tags">
            <h3>"Tags"</h3>
            <ul class="chips">{chips}</ul>
            {none}
            <form class="inline" on:submit=submit>
                <input type="text" data-testid="tag-add-input" placeholder="Add a tag"
                    aria-label="New tag" maxlength=MAX_TAG_LENGTH.to_string() bind:value=input />
                <button type="submit" data-testid="tag-add-submit"
                    disabled=move || add.pending().get()>"Add tag"</button>
            </form>
            {action_error(add)}
            {action_error(remove)}
        </section>
    }
}
