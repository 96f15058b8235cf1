use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::{DateTime, Extra, Indicator};

/// One observation record.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Observation {
    /// How many times.
    #[serde(with = "crate::de::opt_i64")]
    pub count: Option<i64>,
    /// When.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_observed: Option<DateTime>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An indicator's observation totals.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct ObservationCount {
    /// Everyone's count.
    #[serde(with = "crate::de::opt_i64")]
    pub count: Option<i64>,
    /// Last observed by anyone.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_observed: Option<DateTime>,
    /// This user's count.
    #[serde(with = "crate::de::opt_i64")]
    pub your_count: Option<i64>,
    /// Last observed by this user.
    #[serde(with = "crate::de::opt_datetime")]
    pub your_last_observed: Option<DateTime>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An indicator's false-positive totals.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct FalsePositive {
    /// Reports.
    #[serde(with = "crate::de::opt_i64")]
    pub count: Option<i64>,
    /// Last report.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_reported: Option<DateTime>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a file was seen.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct FileOccurrence {
    /// The occurrence's id.
    #[serde(with = "crate::de::opt_id")]
    pub id: Option<u64>,
    /// File name.
    pub file_name: Option<String>,
    /// Path.
    pub path: Option<String>,
    /// When.
    #[serde(with = "crate::de::opt_datetime")]
    pub date: Option<DateTime>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A DNS resolution of a host or address.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct DnsResolution {
    /// When it resolved.
    #[serde(with = "crate::de::opt_datetime")]
    pub resolution_date: Option<DateTime>,
    /// The addresses.
    #[serde(
        rename = "addresses",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub addresses: Vec<Indicator>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One user's observations within `/v2/indicators/observed`.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct UserObservation {
    /// The user.
    pub user_name: Option<String>,
    /// Their last observation.
    #[serde(with = "crate::de::opt_datetime")]
    pub user_last_observed_date: Option<DateTime>,
    /// Their count.
    #[serde(with = "crate::de::opt_i64")]
    pub count: Option<i64>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An item of `/v2/indicators/observed`.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct ObservedIndicator {
    /// The indicator's value.
    pub summary: Option<String>,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Total observations.
    #[serde(with = "crate::de::opt_i64")]
    pub observation_count: Option<i64>,
    /// Last observed.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_observed: Option<DateTime>,
    /// Per user.
    #[serde(with = "crate::de::one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub user_observed_list: Vec<UserObservation>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of an owner's bulk report.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct BulkStatus {
    /// The owner's name.
    pub name: Option<String>,
    /// CSV report enabled.
    #[serde(with = "crate::de::opt_bool")]
    pub csv_enabled: Option<bool>,
    /// JSON report enabled.
    #[serde(with = "crate::de::opt_bool")]
    pub json_enabled: Option<bool>,
    /// Next generation.
    #[serde(with = "crate::de::opt_datetime")]
    pub next_run: Option<DateTime>,
    /// Last generation.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_run: Option<DateTime>,
    /// `Complete`, `Failure`, …
    pub status: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of a batch job.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct BatchStatus {
    /// The job's id.
    #[serde(with = "crate::de::opt_id")]
    pub id: Option<u64>,
    /// `Created`, `Queued`, `Running` or `Completed`.
    pub status: Option<String>,
    /// Items that failed.
    #[serde(with = "crate::de::opt_i64")]
    pub error_count: Option<i64>,
    /// Items that were saved.
    #[serde(with = "crate::de::opt_i64")]
    pub success_count: Option<i64>,
    /// Items not processed (after a halt).
    #[serde(with = "crate::de::opt_i64")]
    pub unprocess_count: Option<i64>,
    /// Indicators saved (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub success_indicator_count: Option<i64>,
    /// Indicators failed (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub error_indicator_count: Option<i64>,
    /// Groups saved (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub success_group_count: Option<i64>,
    /// Groups failed (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub error_group_count: Option<i64>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl BatchStatus {
    /// Whether the job has finished.
    pub fn is_completed(&self) -> bool {
        self.status.as_deref() == Some("Completed")
    }
}

/// An indicator type of the instance (`/v2/types/indicatorTypes`).
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct IndicatorTypeInfo {
    /// The type name, e.g. `Host` or `Registry Key`.
    pub name: String,
    /// Custom type (sent as a string).
    #[serde(with = "crate::de::opt_str_bool")]
    pub custom: Option<bool>,
    /// Parsable (sent as a string).
    #[serde(with = "crate::de::opt_str_bool")]
    pub parsable: Option<bool>,
    /// The path branch, e.g. `registryKeys`.
    pub api_branch: Option<String>,
    /// The entity key, e.g. `registryKey`.
    pub api_entity: Option<String>,
    /// `upper`, `lower` or `sensitive`.
    pub case_preference: Option<String>,
    /// First value's label.
    pub value1_label: Option<String>,
    /// First value's type.
    pub value1_type: Option<String>,
    /// Second value's label.
    pub value2_label: Option<String>,
    /// Second value's type.
    pub value2_type: Option<String>,
    /// Third value's label.
    pub value3_label: Option<String>,
    /// Third value's type.
    pub value3_type: Option<String>,
    /// First value's options (`;`-separated), when it has a fixed set.
    pub value1_option: Option<String>,
    /// Second value's options.
    pub value2_option: Option<String>,
    /// Third value's options (Registry Key `Value Type`).
    pub value3_option: Option<String>,
    /// Detection regexes (with `includeAdditional`).
    #[serde(with = "crate::de::one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub regexes: Vec<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl IndicatorTypeInfo {
    /// The value labels in order (`["Key Name", "Value Name", "Value Type"]`).
    pub fn value_labels(&self) -> Vec<&str> {
        [&self.value1_label, &self.value2_label, &self.value3_label]
            .into_iter()
            .filter_map(|l| l.as_deref())
            .collect()
    }
}

/// An association type (`/v2/types/associationTypes`).
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct AssociationType {
    /// The name.
    pub name: String,
    /// Custom (sent as a string).
    #[serde(with = "crate::de::opt_str_bool")]
    pub custom: Option<bool>,
    /// A file action (sent as a string).
    #[serde(with = "crate::de::opt_str_bool")]
    pub file_action: Option<bool>,
    /// The path branch, e.g. `cidrToAddress`.
    pub api_branch: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
