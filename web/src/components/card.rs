//! One indicator in one owner, as the lookup page shows it.

use leptos::prelude::*;
use tc_core::ioc;
use tc_core::models::Indicator;

use super::common::{CopyButton, WebLink, date};
use super::details::{Associations, Attributes, Labels, ObservationBar};
use super::tags::TagEditor;
use crate::api::{IndicatorDetail, Item};

/// The card: value with copy buttons, facts, tags, labels, attributes,
/// associations, observations and false positives. `on_change` reloads it
/// after a write.
#[component]
pub fn IndicatorCard(
    detail: IndicatorDetail,
    item: Item,
    #[prop(into)] value: String,
    on_change: Callback<()>,
) -> impl IntoView {
    let IndicatorDetail {
        owner,
        indicator,
        groups,
        indicators,
    } = detail;
    let kind = indicator.kind.clone().unwrap_or_else(|| match &item {
        Item::Indicator { kind, .. } => kind.name().to_string(),
        Item::Group { kind, .. } => kind.name().to_string(),
    });
    let defanged = ioc::defang(&value);
    let owner_attr = owner.clone();
    view! {
        <article class="card" data-testid="indicator-card" data-owner=owner_attr>
            <header class="card-head">
                <span class="badge">{kind}</span>
                <code class="value" data-testid="indicator-value">{value.clone()}</code>
                <span class="owner">{owner}</span>
                <span class="actions">
                    <CopyButton text=value label="Copy" />
                    <CopyButton text=defanged label="Copy defanged" />
                </span>
            </header>
            <Facts indicator=indicator.clone() />
            <TagEditor item=item.clone() tags=indicator.tags.clone() on_change=on_change />
            <Labels labels=indicator.security_labels.clone() />
            <Attributes attributes=indicator.attributes.clone() />
            <Associations groups=groups indicators=indicators />
            <ObservationBar item=item indicator=indicator on_change=on_change />
        </article>
    }
}

/// Rating as five stars, e.g. `★★★★☆`.
fn stars(rating: f64) -> String {
    let n = rating.round().clamp(0.0, 5.0) as usize;
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
}

/// Rating, confidence, ThreatAssess, dates, description and the link.
#[component]
fn Facts(indicator: Indicator) -> impl IntoView {
    let i = indicator;
    let rating = i
        .rating
        .map(|r| format!("{} {r}/5", stars(r)))
        .unwrap_or_else(|| "unrated".into());
    let confidence = i
        .confidence
        .map(|c| format!("{c}%"))
        .unwrap_or_else(|| "–".into());
    let assess = format!(
        "rating {} · confidence {} · score {} (observed {}, false positives {})",
        or_dash(i.threat_assess_rating),
        or_dash(i.threat_assess_confidence),
        or_dash(i.threat_assess_score),
        or_dash(i.threat_assess_score_observed),
        or_dash(i.threat_assess_score_false_positive),
    );
    let hashes = [("MD5", &i.md5), ("SHA-1", &i.sha1), ("SHA-256", &i.sha256)]
        .into_iter()
        .filter_map(|(k, v)| {
            v.clone()
                .map(|v| view! { <dt>{k}</dt><dd><code>{v}</code></dd> })
        })
        .collect_view();
    view! {
        <dl class="facts">
            <dt>"Rating"</dt><dd class="rating">{rating}</dd>
            <dt>"Confidence"</dt><dd>{confidence}</dd>
            <dt>"ThreatAssess"</dt><dd>{assess}</dd>
            <dt>"Added"</dt><dd>{date(i.date_added)}</dd>
            <dt>"Modified"</dt><dd>{date(i.last_modified)}</dd>
            {hashes}
            <dt>"Description"</dt><dd>{i.description.unwrap_or_else(|| "–".into())}</dd>
            <dt>"Source"</dt><dd>{i.source.unwrap_or_else(|| "–".into())}</dd>
        </dl>
        <WebLink url=i.web_link />
    }
}
