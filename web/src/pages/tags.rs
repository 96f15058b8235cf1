//! The tags page: search and page through tags, open one to see its
//! indicators and groups, change many of them at once, rename or delete it.

use std::collections::HashSet;

use leptos::prelude::*;
use tc_core::models::Tag;

use crate::api::{Api, AppError, Item, TagItems};
use crate::components::bulk::{BulkBar, BulkResults, BulkState};
use crate::components::common::{Loading, action_error, error_list};

/// `1 item`, `2 items`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Tags per page.
const PAGE_SIZE: u32 = 20;

/// The page: search box and list on one side, the open tag on the other.
#[component]
pub fn TagsPage() -> impl IntoView {
    let api = expect_context::<Api>();
    let query = RwSignal::new(String::new());
    let start = RwSignal::new(0u64);
    let total = RwSignal::new(None::<u64>);
    let open = RwSignal::new(None::<String>);
    let page = LocalResource::new(move || {
        let (conn, q, s) = (api.connection(), query.get(), start.get());
        async move { conn?.search_tags(&q, s, PAGE_SIZE).await }
    });
    // The service counts only on the first page: keep that count.
    Effect::new(move |_| {
        if let Some(Ok(p)) = page.get()
            && start.get_untracked() == 0
        {
            total.set(p.result_count);
        }
    });
    let shown = Signal::derive(move || {
        page.get()
            .and_then(Result::ok)
            .map(|p| p.items.len())
            .unwrap_or(0)
    });
    let on_renamed = Callback::new(move |name: String| {
        open.set(Some(name));
        page.refetch();
    });
    let on_deleted = Callback::new(move |_: ()| {
        open.set(None);
        page.refetch();
    });
    let list = move || {
        page.get()
            .map(|r| r.map(|p| view! { <TagTable tags=p.items open=open /> }))
    };
    view! {
        <section class="page tags">
            <h1>"Tags"</h1>
            <input type="search" class="wide" data-testid="tags-search" aria-label="Search tags"
                placeholder="Tag name starts with…" prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); start.set(0); } />
            <div class="split">
                <div class="tag-list">
                    <Transition fallback=|| view! { <Loading label="Loading tags…" /> }>
                        <ErrorBoundary fallback=error_list>{list}</ErrorBoundary>
                    </Transition>
                    <Pager start=start total=total shown=shown />
                </div>
                {move || open.get().map(|name| view! {
                    <TagDetail name=name on_renamed=on_renamed on_deleted=on_deleted close=open />
                })}
            </div>
        </section>
    }
}

/// The tags of one page; a click opens a tag.
#[component]
fn TagTable(tags: Vec<Tag>, open: RwSignal<Option<String>>) -> impl IntoView {
    if tags.is_empty() {
        return view! { <p class="muted">"No tags match."</p> }.into_any();
    }
    let rows = tags
        .into_iter()
        .map(|t| {
            let weight = t.extra.get("weight").and_then(serde_json::Value::as_u64);
            let name = t.name.clone();
            let is_open = {
                let name = name.clone();
                move || open.with(|o| o.as_deref() == Some(name.as_str()))
            };
            view! {
                <li data-testid="tag-row" class:open=is_open>
                    <button type="button" class="link" on:click=move |_| open.set(Some(name.clone()))>
                        {t.name.clone()}
                    </button>
                    <span class="muted">{weight.map(|w| plural(w as usize, "item")).unwrap_or_default()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain tag-rows">{rows}</ul> }.into_any()
}

/// Previous and next page, and where we are.
#[component]
fn Pager(
    start: RwSignal<u64>,
    total: RwSignal<Option<u64>>,
    shown: Signal<usize>,
) -> impl IntoView {
    let size = u64::from(PAGE_SIZE);
    let at_end = move || {
        let end = start.get() + shown.get() as u64;
        shown.get() < PAGE_SIZE as usize || total.get().is_some_and(|t| end >= t)
    };
    let where_ = move || {
        let (s, n) = (start.get(), shown.get() as u64);
        let of = total.get().map(|t| format!(" of {t}")).unwrap_or_default();
        if n == 0 {
            String::new()
        } else {
            format!("{}–{}{of}", s + 1, s + n)
        }
    };
    view! {
        <nav class="pager" aria-label="Pages of tags">
            <button type="button" data-testid="tags-prev" disabled=move || start.get() == 0
                on:click=move |_| start.update(|s| *s = s.saturating_sub(size))>"‹ Previous"</button>
            <span>{where_}</span>
            <button type="button" data-testid="tags-next" disabled=at_end
                on:click=move |_| start.update(|s| *s += size)>"Next ›"</button>
        </nav>
    }
}

/// One tag: rename, delete, and its items with the bulk bar.
#[component]
fn TagDetail(
    name: String,
    on_renamed: Callback<String>,
    on_deleted: Callback<()>,
    close: RwSignal<Option<String>>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let n = name.clone();
    let items = LocalResource::new(move || {
        let (conn, n) = (api.connection(), n.clone());
        async move { conn?.tag_items(&n).await }
    });
    let bulk = BulkState::default();
    let reload = Callback::new(move |_: ()| items.refetch());
    let tag = name.clone();
    let body = move || {
        items.get().map(|r| {
            r.map(|i| view! { <TagItemsView items=i tag=tag.clone() bulk=bulk on_done=reload /> })
        })
    };
    view! {
        <aside class="tag-detail" aria-label="The open tag" data-testid="tag-detail">
            <header class="row">
                <h2>"Tag " <q>{name.clone()}</q></h2>
                <button type="button" class="small" on:click=move |_| close.set(None)>"Close"</button>
            </header>
            <TagAdmin name=name on_renamed=on_renamed on_deleted=on_deleted />
            <Transition fallback=|| view! { <Loading label="Loading its items…" /> }>
                <ErrorBoundary fallback=error_list>{body}</ErrorBoundary>
            </Transition>
            <BulkResults state=bulk />
        </aside>
    }
}

/// The tag's items with check boxes, and the bulk bar.
#[component]
fn TagItemsView(
    items: TagItems,
    tag: String,
    bulk: BulkState,
    on_done: Callback<()>,
) -> impl IntoView {
    let known: Vec<Item> = items
        .indicators
        .iter()
        .filter_map(Item::from_indicator)
        .chain(items.groups.iter().filter_map(Item::from_group))
        .collect();
    let unknown = items.indicators.len() + items.groups.len() - known.len();
    let selected = RwSignal::new(HashSet::<String>::new());
    let keys: Vec<String> = known.iter().map(Item::key).collect();
    let toggle_all = move |_| {
        let all = selected.with(|s| s.len() == keys.len());
        selected.set(if all {
            HashSet::new()
        } else {
            keys.iter().cloned().collect()
        });
    };
    let rows = known.iter().map(|item| {
        let key = item.key();
        let (k1, k2) = (key.clone(), key);
        let owner = match item {
            Item::Indicator { owner, .. } | Item::Group { owner, .. } => owner.clone().unwrap_or_default(),
        };
        view! {
            <li data-testid="tag-item">
                <label>
                    <input type="checkbox" prop:checked=move || selected.with(|s| s.contains(&k1))
                        on:change=move |_| selected.update(|s| if !s.remove(&k2) { s.insert(k2.clone()); }) />
                    " " {item.label()} " " <span class="muted">{owner}</span>
                </label>
            </li>
        }
    }).collect_view();
    view! {
        <p class="row">
            <strong>{plural(known.len(), "item")}</strong>
            <button type="button" class="small" data-testid="tag-select-all" on:click=toggle_all>"Select all / none"</button>
        </p>
        <Show when=move || { unknown > 0 }>
            <p class="muted">{format!("{unknown} items of types this app cannot address are not listed.")}</p>
        </Show>
        <ul class="plain items">{rows}</ul>
        <BulkBar items=known selected=selected tag=tag state=bulk on_done=on_done />
    }
}

/// Rename and delete (where the service allows it).
#[component]
fn TagAdmin(name: String, on_renamed: Callback<String>, on_deleted: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let new_name = RwSignal::new(name.clone());
    let confirm = RwSignal::new(false);
    let old = name.clone();
    let rename = Action::new_local(move |new: &String| {
        let (old, new) = (old.clone(), new.clone());
        async move {
            let tag = api.connection_untracked()?.rename_tag(&old, &new).await?;
            on_renamed.run(tag.name);
            Ok::<_, AppError>(())
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let name = name.clone();
        async move {
            api.connection_untracked()?.delete_tag(&name).await?;
            on_deleted.run(());
            Ok::<_, AppError>(())
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| { ev.prevent_default(); rename.dispatch(new_name.get_untracked()); }>
            <input type="text" aria-label="New name" data-testid="tag-rename-input" bind:value=new_name />
            <button type="submit" data-testid="tag-rename" disabled=move || rename.pending().get()>"Rename"</button>
            <Show when=move || !confirm.get() fallback=move || view! {
                <span class="confirm">"Delete it from every item? "
                    <button type="button" class="danger" data-testid="tag-delete-confirm"
                        on:click=move |_| { delete.dispatch(()); }>"Delete"</button>
                    <button type="button" on:click=move |_| confirm.set(false)>"Cancel"</button>
                </span>
            }>
                <button type="button" class="danger" data-testid="tag-delete" on:click=move |_| confirm.set(true)>"Delete…"</button>
            </Show>
        </form>
        {action_error(rename)}
        {action_error(delete)}
    }
}
