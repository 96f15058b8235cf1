//! Indicators: the collections, one indicator, and the instance's types.

use std::ops::Deref as _;

use tc_core::Result;
use tc_core::api::{self, BulkFormat, IndicatorItem, ObservationInput};
use tc_core::models::FileOccurrence;

use super::links::{self, nested};
use super::table;
use crate::args::{Args, invalid};
use crate::prepared::{Prepared, bytes, done, list, one};

fn bulk_format(a: &Args) -> Result<BulkFormat> {
    match a.format.as_deref().unwrap_or("json") {
        f if f.eq_ignore_ascii_case("json") => Ok(BulkFormat::Json),
        f if f.eq_ignore_ascii_case("csv") => Ok(BulkFormat::Csv),
        other => Err(invalid("format", format!("{other:?} is not csv or json"))),
    }
}

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "indicators.list" => list(api::indicators().list(), a),
        "indicators.observed" => list(api::indicators().observed(), a),
        "indicators.deleted" => list(api::indicators().deleted(), a),
        "indicators.bulkStatus" => one(api::indicators().bulk_status(), a),
        "indicators.bulkJson" => one(api::indicators().bulk_json(), a),
        "indicators.bulkDownload" => bytes(api::indicators().bulk_raw(bulk_format(a)?), a),
        "indicators.ofType.list" => list(api::indicators().of_type(a.kind()?).list(), a),
        "indicators.ofType.create" => one(api::indicators().of_type(a.kind()?).create(a.body()?), a),
        "indicators.ofType.deleted" => list(api::indicators().of_type(a.kind()?).deleted(), a),
        "indicatorTypes.list" => list(api::indicator_types().list(), a),
        "indicatorTypes.get" => one(api::indicator_types().get(a.name()?), a),
        "associationTypes.list" => list(api::association_types(), a),
        "associationTypes.get" => one(api::association_type(a.name()?), a),
    }
}

fn indicator(a: &Args) -> Result<IndicatorItem> {
    Ok(api::indicator(a.kind()?, a.value()?))
}

/// The parent node of an indicator.
pub(crate) fn node(a: &Args) -> Result<api::Node> {
    Ok(indicator(a)?.deref().clone())
}

/// The JSON of `POST …/observations`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct ObservationBody {
    count: Option<u64>,
    date_observed: Option<String>,
}

fn observation(a: &Args) -> Result<ObservationInput> {
    let body: ObservationBody = a.body_as()?;
    Ok(ObservationInput {
        count: body.count.unwrap_or(1),
        date_observed: body.date_observed,
    })
}

table! {
    fn own(a) -> OWN {
        "get" => one(indicator(a)?.get(), a),
        "update" => one(indicator(a)?.update(a.body()?), a),
        "delete" => done(indicator(a)?.delete(), a),
        "observations" => list(indicator(a)?.observations(), a),
        "recordObservation" => done(indicator(a)?.record_observation(&observation(a)?), a),
        "observationCount" => one(indicator(a)?.observation_count(), a),
        "reportFalsePositive" => one(indicator(a)?.report_false_positive(), a),
        "falsePositive" => one(indicator(a)?.false_positive(), a),
        "owners" => list(indicator(a)?.owners(), a),
        "dnsResolutions" => list(indicator(a)?.dns_resolutions(), a),
        "fileOccurrences.list" => list(indicator(a)?.file_occurrences().list(), a),
        "fileOccurrences.create" => one(
            indicator(a)?.file_occurrences().create(&a.body_as::<FileOccurrence>()?),
            a,
        ),
        "fileOccurrences.get" => one(indicator(a)?.file_occurrences().get(a.target_id()?), a),
        "fileOccurrences.update" => one(
            indicator(a)?
                .file_occurrences()
                .update(a.target_id()?, &a.body_as::<FileOccurrence>()?),
            a,
        ),
        "fileOccurrences.delete" => done(indicator(a)?.file_occurrences().delete(a.target_id()?), a),
    }
}

/// Prepares an operation of one indicator (its shared children aside).
pub(crate) fn item(op: &str, a: &Args) -> Result<Option<Prepared>> {
    if let Some(prepared) = own(op, a)? {
        return Ok(Some(prepared));
    }
    if let Some(rest) = op.strip_prefix("fileActions.") {
        return links::indicator_links(rest, a, &|a| {
            Ok(indicator(a)?.file_actions(a.extra(&a.action, "action")?))
        });
    }
    if let Some(rest) = op.strip_prefix("associations.") {
        return links::indicator_links(rest, a, &|a| {
            Ok(indicator(a)?.associations(a.extra(&a.association_type, "associationType")?))
        });
    }
    Ok(None)
}

/// The names of [`item`].
pub(crate) fn item_names() -> Vec<(String, &'static str)> {
    let own = OWN.iter().map(|(n, h)| (n.to_string(), *h));
    own.chain(nested("fileActions", links::INDICATOR_LINKS))
        .chain(nested("associations", links::INDICATOR_LINKS))
        .collect()
}
