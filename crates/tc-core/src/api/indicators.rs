use serde::Serialize;
use serde_json::Value;

use crate::call::{Call, Expect};
use crate::error::{Error, Result};
use crate::http::{HttpResponse, Method};
use crate::models::{
    AssociationType, BulkStatus, DnsResolution, FalsePositive, FileOccurrence, Indicator,
    IndicatorTypeInfo, Observation, ObservationCount, ObservedIndicator, Owner,
};
use crate::paging::Page;
use crate::response;
use crate::url::ApiPath;

use super::node::{IndicatorLinks, Node};
use super::node_item;
use super::types::IndicatorType;

fn base() -> ApiPath {
    ApiPath::root().lit("indicators")
}

/// `/v2/indicators` and its type branches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Indicators;

/// The indicator collections.
pub fn indicators() -> Indicators {
    Indicators
}

/// How bulk reports are downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkFormat {
    /// `/v2/indicators/bulk/json`: `{"indicator":[…]}`.
    Json,
    /// `/v2/indicators/bulk/csv`: `Type,Value,Rating,Confidence` rows.
    Csv,
}

impl Indicators {
    /// `GET /v2/indicators`: every type (items carry `type` and `summary`).
    pub fn list(&self) -> Call<Page<Indicator>> {
        Call::list(base(), "indicator").owner_scoped()
    }

    /// `GET /v2/indicators/observed` (`dateObserved=YYYY-MM-DD` optional).
    pub fn observed(&self) -> Call<Page<ObservedIndicator>> {
        Call::list(base().lit("observed"), "indicator").owner_scoped()
    }

    /// `GET /v2/indicators/{type}`.
    pub fn of_type(&self, kind: impl Into<IndicatorType>) -> TypedIndicators {
        TypedIndicators { kind: kind.into() }
    }

    /// `GET /v2/indicators/bulk`: the owner's bulk report state. The docs
    /// show the object without an envelope, an SDK reads it enveloped; both
    /// are accepted.
    pub fn bulk_status(&self) -> Call<BulkStatus> {
        Call::custom(
            Method::Get,
            base().lit("bulk"),
            "bulkStatus",
            decode_bulk_status,
        )
        .owner_scoped()
    }

    /// `GET /v2/indicators/bulk/json`: the owner's report as indicators.
    pub fn bulk_json(&self) -> Call<Vec<Indicator>> {
        Call::custom(
            Method::Get,
            base().lit("bulk").lit("json"),
            "bulkJson",
            decode_bulk_json,
        )
        .owner_scoped()
    }

    /// `GET /v2/indicators/bulk/{format}` as raw bytes (for streaming to a file).
    pub fn bulk_raw(&self, format: BulkFormat) -> Call<Vec<u8>> {
        let branch = match format {
            BulkFormat::Json => "json",
            BulkFormat::Csv => "csv",
        };
        Call::bytes(base().lit("bulk").lit(branch)).owner_scoped()
    }

    /// `GET /v2/indicators/deleted` (documented; not in the seed).
    pub fn deleted(&self) -> Call<Page<Indicator>> {
        Call::list(base().lit("deleted"), "indicator").owner_scoped()
    }
}

fn decode_bulk_status(_: &Expect, r: &HttpResponse) -> Result<BulkStatus> {
    let mut map = response::json_object(r)?;
    if map.contains_key("status") {
        response::check_envelope(&map, r)?;
        if let Some(Value::Object(mut data)) = map.remove("data")
            && let Some(v) = data.remove("bulkStatus")
        {
            return response::from_value(v, "data.bulkStatus", &r.body);
        }
    }
    match map.remove("bulkStatus") {
        Some(v) => response::from_value(v, "bulkStatus", &r.body),
        None => Err(Error::Parse {
            path: "bulkStatus".into(),
            message: "the field is missing".into(),
            excerpt: response::body_excerpt(&r.body),
        }),
    }
}

fn decode_bulk_json(_: &Expect, r: &HttpResponse) -> Result<Vec<Indicator>> {
    let mut map = response::json_object(r)?;
    if map.get("status").is_some_and(Value::is_string) {
        response::check_envelope(&map, r)?;
    }
    if let Some(Value::Object(mut data)) = map.remove("data")
        && let Some(v) = data.remove("indicator")
    {
        return response::from_value(v, "data.indicator", &r.body);
    }
    match map.remove("indicator") {
        Some(v) => response::from_value(v, "indicator", &r.body),
        None => Ok(Vec::new()),
    }
}

/// `/v2/indicators/{type}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedIndicators {
    kind: IndicatorType,
}

impl TypedIndicators {
    fn path(&self) -> ApiPath {
        base().lit_owned(self.kind.branch())
    }

    /// Lists indicators of this type.
    pub fn list(&self) -> Call<Page<Indicator>> {
        Call::list(self.path(), self.kind.entity().to_string()).owner_scoped()
    }

    /// Creates an indicator: the body holds the type's value fields
    /// (`ip`, `hostName`, `md5`, …, or a custom type's value labels) and
    /// any of `rating`, `confidence`, `dnsActive`, `whoisActive`, `size`.
    pub fn create<B: Serialize + ?Sized>(&self, body: &B) -> Call<Indicator> {
        Call::entity(Method::Post, self.path(), self.kind.entity().to_string())
            .json_body(body)
            .owner_scoped()
    }

    /// `GET /v2/indicators/{type}/deleted` (documented; not in the seed).
    pub fn deleted(&self) -> Call<Page<Indicator>> {
        Call::list(self.path().lit("deleted"), "indicator").owner_scoped()
    }
}

/// One indicator: `/v2/indicators/{type}/{value}`.
///
/// The value is the indicator itself (a host name, an address, one hash of
/// a file, a URL); multi-value custom indicators join their values with
/// `" : "` (see [`IndicatorItem::multi`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorItem {
    node: Node,
    kind: IndicatorType,
}

node_item!(IndicatorItem);

/// One indicator by type and value.
pub fn indicator(kind: impl Into<IndicatorType>, value: &str) -> IndicatorItem {
    let kind = kind.into();
    IndicatorItem {
        node: Node::new(base().lit_owned(kind.branch()).value(value)),
        kind,
    }
}

/// What `POST …/observations` records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationInput {
    /// How many times.
    pub count: u64,
    /// When (ISO-8601); the service uses now when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_observed: Option<String>,
}

impl IndicatorItem {
    /// A multi-value custom indicator, values joined by `" : "`.
    pub fn multi(kind: impl Into<IndicatorType>, values: &[&str]) -> IndicatorItem {
        indicator(kind, &values.join(" : "))
    }

    /// The indicator's type.
    pub fn kind(&self) -> &IndicatorType {
        &self.kind
    }

    fn entity(&self) -> String {
        self.kind.entity().to_string()
    }

    fn sub(&self, segment: &'static str) -> ApiPath {
        self.node.path.clone().lit(segment)
    }

    /// Reads the indicator (add `include_additional`, `include_tags`, … as needed).
    pub fn get(&self) -> Call<Indicator> {
        Call::entity(Method::Get, self.node.path.clone(), self.entity()).owner_scoped()
    }

    /// Updates rating, confidence, DNS/WHOIS flags, size or active state.
    pub fn update<B: Serialize + ?Sized>(&self, body: &B) -> Call<Indicator> {
        Call::entity(Method::Put, self.node.path.clone(), self.entity())
            .json_body(body)
            .owner_scoped()
    }

    /// Deletes the indicator in the owner.
    pub fn delete(&self) -> Call<()> {
        Call::success(Method::Delete, self.node.path.clone()).owner_scoped()
    }

    /// `GET …/observations`.
    pub fn observations(&self) -> Call<Page<Observation>> {
        Call::list(self.sub("observations"), "observation").owner_scoped()
    }

    /// `POST …/observations`: adds to the count (answers 200, 201 or 204).
    pub fn record_observation(&self, observation: &ObservationInput) -> Call<()> {
        Call::success(Method::Post, self.sub("observations")).json_body(observation)
    }

    /// `GET …/observationCount`.
    pub fn observation_count(&self) -> Call<ObservationCount> {
        Call::entity(
            Method::Get,
            self.sub("observationCount"),
            "observationCount",
        )
        .owner_scoped()
    }

    /// `POST …/falsePositive`: reports a false positive (once a day per user).
    pub fn report_false_positive(&self) -> Call<FalsePositive> {
        Call::entity(Method::Post, self.sub("falsePositive"), "falsePositive").owner_scoped()
    }

    /// `GET …/falsePositive` (read by an SDK; not documented).
    pub fn false_positive(&self) -> Call<FalsePositive> {
        Call::entity(Method::Get, self.sub("falsePositive"), "falsePositive").owner_scoped()
    }

    /// `GET …/owners`: the owners that hold this indicator.
    pub fn owners(&self) -> Call<Page<Owner>> {
        Call::list(self.sub("owners"), "owner")
    }

    /// `GET …/dnsResolutions` for hosts and addresses (documented; not in the seed).
    pub fn dns_resolutions(&self) -> Call<Page<DnsResolution>> {
        Call::list(self.sub("dnsResolutions"), "dnsResolution").owner_scoped()
    }

    /// Indicators linked by a file action (`archive`, `drop`, `traffic`,
    /// `mutex`, `registryKey`, `userAgent`, `dnsQuery`):
    /// `/v2/indicators/files/{hash}/actions/{action}/indicators` (not in the seed).
    pub fn file_actions(&self, action: &str) -> IndicatorLinks {
        IndicatorLinks::at(
            self.node
                .path
                .clone()
                .lit("actions")
                .value(action)
                .lit("indicators"),
        )
    }

    /// `…/fileOccurrences` (files only).
    pub fn file_occurrences(&self) -> FileOccurrences {
        FileOccurrences {
            path: self.sub("fileOccurrences"),
        }
    }

    /// Indicators associated through a custom association type:
    /// `…/associations/{associationType}/indicators`.
    pub fn associations(&self, association_type: &str) -> IndicatorLinks {
        IndicatorLinks::at(
            self.node
                .path
                .clone()
                .lit("associations")
                .value(association_type)
                .lit("indicators"),
        )
    }
}

/// The file occurrences of a file indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOccurrences {
    path: ApiPath,
}

impl FileOccurrences {
    /// Lists them.
    pub fn list(&self) -> Call<Page<FileOccurrence>> {
        Call::list(self.path.clone(), "fileOccurrence").owner_scoped()
    }

    /// Adds one (`fileName`, `path`, `date`: at least one).
    pub fn create(&self, occurrence: &FileOccurrence) -> Call<FileOccurrence> {
        Call::entity(Method::Post, self.path.clone(), "fileOccurrence")
            .json_body(occurrence)
            .owner_scoped()
    }

    /// Reads one.
    pub fn get(&self, id: u64) -> Call<FileOccurrence> {
        Call::entity(
            Method::Get,
            self.path.clone().value(id.to_string()),
            "fileOccurrence",
        )
        .owner_scoped()
    }

    /// Changes one.
    pub fn update(&self, id: u64, occurrence: &FileOccurrence) -> Call<FileOccurrence> {
        Call::entity(
            Method::Put,
            self.path.clone().value(id.to_string()),
            "fileOccurrence",
        )
        .json_body(occurrence)
        .owner_scoped()
    }

    /// Deletes one.
    pub fn delete(&self, id: u64) -> Call<()> {
        Call::success(Method::Delete, self.path.clone().value(id.to_string())).owner_scoped()
    }
}

/// `/v2/types/indicatorTypes`: the instance's indicator types (not in the
/// seed; the official SDKs call it at start-up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndicatorTypes;

/// The indicator types of the instance.
pub fn indicator_types() -> IndicatorTypes {
    IndicatorTypes
}

impl IndicatorTypes {
    /// Lists them (`include_additional` adds regexes).
    pub fn list(&self) -> Call<Page<IndicatorTypeInfo>> {
        Call::list(
            ApiPath::root().lit("types").lit("indicatorTypes"),
            "indicatorType",
        )
    }

    /// One type by its entity name (`host`, `registryKey`).
    pub fn get(&self, entity: &str) -> Call<IndicatorTypeInfo> {
        Call::entity(
            Method::Get,
            ApiPath::root()
                .lit("types")
                .lit("indicatorTypes")
                .value(entity),
            "indicatorType",
        )
    }
}

/// The association types of the instance: `GET /v2/types/associationTypes`.
pub fn association_types() -> Call<Page<AssociationType>> {
    Call::list(
        ApiPath::root().lit("types").lit("associationTypes"),
        "associationType",
    )
}

/// One association type by name: `GET /v2/types/associationTypes/{name}`.
pub fn association_type(name: &str) -> Call<AssociationType> {
    Call::entity(
        Method::Get,
        ApiPath::root()
            .lit("types")
            .lit("associationTypes")
            .value(name),
        "associationType",
    )
}
