//! The rest of an indicator card: labels, attributes, associations, and
//! the observation and false-positive counts with their buttons.

use leptos::prelude::*;
use tc_core::models::{Attribute, Group, Indicator, SecurityLabel};

use super::common::{WebLink, action_error, date};
use crate::api::{Api, AppError, Item};

/// The security labels, e.g. `TLP:AMBER`.
#[component]
pub fn Labels(labels: Vec<SecurityLabel>) -> impl IntoView {
    let none = labels
        .is_empty()
        .then(|| view! { <p class="muted">"None"</p> });
    let items = labels
        .into_iter()
        .map(|l| {
            let class = format!("label {}", label_class(&l.name));
            view! { <li class=class title=l.description.unwrap_or_default()>{l.name}</li> }
        })
        .collect_view();
    view! {
        <section aria-label="Security labels">
            <h3>"Security labels"</h3>
            <ul class="chips labels">{items}</ul>
            {none}
        </section>
    }
}

fn label_class(name: &str) -> &'static str {
    match name.to_ascii_uppercase().as_str() {
        "TLP:RED" => "tlp-red",
        "TLP:AMBER" | "TLP:AMBER+STRICT" => "tlp-amber",
        "TLP:GREEN" => "tlp-green",
        "TLP:WHITE" | "TLP:CLEAR" => "tlp-white",
        _ => "",
    }
}

/// The attributes as a table.
#[component]
pub fn Attributes(attributes: Vec<Attribute>) -> impl IntoView {
    if attributes.is_empty() {
        return view! { <section><h3>"Attributes"</h3><p class="muted">"None"</p></section> }
            .into_any();
    }
    let rows = attributes
        .into_iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.kind.unwrap_or_default()}</th>
                    <td>{a.value.unwrap_or_default()}</td>
                    <td class="muted">{a.source.unwrap_or_default()}</td>
                    <td class="muted">{date(a.date_added)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-label="Attributes">
            <h3>"Attributes"</h3>
            <div class="scroll">
                <table class="attributes">
                    <thead><tr><th>"Type"</th><th>"Value"</th><th>"Source"</th><th>"Added"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Associated groups and indicators.
#[component]
pub fn Associations(groups: Vec<Group>, indicators: Vec<Indicator>) -> impl IntoView {
    let no_groups = groups
        .is_empty()
        .then(|| view! { <p class="muted">"None"</p> });
    let no_indicators = indicators
        .is_empty()
        .then(|| view! { <p class="muted">"None"</p> });
    let groups = groups
        .into_iter()
        .map(|g| {
            view! {
                <li>
                    <span class="badge">{g.kind.clone().unwrap_or_default()}</span>" "
                    {g.name.clone().unwrap_or_default()}" "<WebLink url=g.web_link.clone() />
                </li>
            }
        })
        .collect_view();
    let indicators = indicators
        .into_iter()
        .map(|i| {
            view! {
                <li>
                    <span class="badge">{i.kind.clone().unwrap_or_default()}</span>" "
                    <code>{i.summary_text().unwrap_or_default()}</code>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="assoc" aria-label="Associations">
            <div>
                <h3>"Associated groups"</h3>
                <ul class="plain">{groups}</ul>
                {no_groups}
            </div>
            <div>
                <h3>"Associated indicators"</h3>
                <ul class="plain">{indicators}</ul>
                {no_indicators}
            </div>
        </section>
    }
}

/// Observation and false-positive counts, with a button for each.
#[component]
pub fn ObservationBar(item: Item, indicator: Indicator, on_change: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let observed_item = item.clone();
    let observe = Action::new_local(move |_: &()| {
        let item = observed_item.clone();
        async move {
            api.connection_untracked()?
                .record_observation(&item)
                .await?;
            on_change.run(());
            Ok::<_, AppError>(())
        }
    });
    let report = Action::new_local(move |_: &()| {
        let item = item.clone();
        async move {
            api.connection_untracked()?
                .report_false_positive(&item)
                .await?;
            on_change.run(());
            Ok::<_, AppError>(())
        }
    });
    let observations = format!(
        "{} (last {})",
        indicator.observation_count.unwrap_or(0),
        date(indicator.last_observed)
    );
    let false_positives = format!(
        "{} (last {})",
        indicator.false_positive_count.unwrap_or(0),
        date(indicator.false_positive_last_reported)
    );
    view! {
        <section class="observations" aria-label="Observations">
            <p><strong>"Observations: "</strong><span data-testid="observation-count">{observations}</span></p>
            <p><strong>"False positives: "</strong><span data-testid="false-positive-count">{false_positives}</span></p>
            <p class="buttons">
                <button type="button" disabled=move || observe.pending().get()
                    on:click=move |_| { observe.dispatch(()); }>"Record observation"</button>
                <button type="button" disabled=move || report.pending().get()
                    on:click=move |_| { report.dispatch(()); }>"Report false positive"</button>
            </p>
            {action_error(observe)}
            {action_error(report)}
        </section>
    }
}
