use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::{Attribute, DateTime, Extra, Owner, SecurityLabel, Tag};

/// An indicator of any type: the common fields, each base type's value
/// fields, and (in `extra`) a custom type's value labels such as `AS Number`.
///
/// List items carry `owner_name` and, in generic lists, `kind` and `summary`;
/// single objects carry `owner`.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Indicator {
    /// The indicator's id.
    #[serde(deserialize_with = "crate::de::id")]
    pub id: u64,
    /// The owner (single objects).
    pub owner: Option<Owner>,
    /// The owner's name (list items).
    pub owner_name: Option<String>,
    /// `Address`, `EmailAddress`, `File`, `Host`, `URL` or a custom type name.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// When it was added.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_added: Option<DateTime>,
    /// When it last changed.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_modified: Option<DateTime>,
    /// Rating, 0 to 5.
    #[serde(with = "crate::de::opt_f64")]
    pub rating: Option<f64>,
    /// Confidence, 0 to 100.
    #[serde(with = "crate::de::opt_i64")]
    pub confidence: Option<i64>,
    /// ThreatAssess rating.
    #[serde(with = "crate::de::opt_f64")]
    pub threat_assess_rating: Option<f64>,
    /// ThreatAssess confidence.
    #[serde(with = "crate::de::opt_f64")]
    pub threat_assess_confidence: Option<f64>,
    /// ThreatAssess score.
    #[serde(with = "crate::de::opt_i64")]
    pub threat_assess_score: Option<i64>,
    /// ThreatAssess score from observations.
    #[serde(with = "crate::de::opt_i64")]
    pub threat_assess_score_observed: Option<i64>,
    /// ThreatAssess score from false positives.
    #[serde(with = "crate::de::opt_i64")]
    pub threat_assess_score_false_positive: Option<i64>,
    /// CAL score.
    #[serde(with = "crate::de::opt_i64")]
    pub cal_score: Option<i64>,
    /// CAL status.
    #[serde(with = "crate::de::opt_i64")]
    pub cal_indicator_status: Option<i64>,
    /// A link to the indicator in the web UI.
    pub web_link: Option<String>,
    /// The default Description attribute's value.
    pub description: Option<String>,
    /// The default Source attribute's value.
    pub source: Option<String>,
    /// The value as one string (generic lists); multi-value types joined by ` : `.
    pub summary: Option<String>,
    /// Address: IPv4 or IPv6.
    pub ip: Option<String>,
    /// EmailAddress: the address.
    pub address: Option<String>,
    /// File: MD5.
    pub md5: Option<String>,
    /// File: SHA-1.
    pub sha1: Option<String>,
    /// File: SHA-256.
    pub sha256: Option<String>,
    /// File: size in bytes.
    #[serde(with = "crate::de::opt_i64")]
    pub size: Option<i64>,
    /// Host: the host name.
    pub host_name: Option<String>,
    /// Host: DNS lookups active (sent as `"true"`/`"false"`).
    #[serde(with = "crate::de::opt_str_bool")]
    pub dns_active: Option<bool>,
    /// Host: WHOIS lookups active (sent as `"true"`/`"false"`).
    #[serde(with = "crate::de::opt_str_bool")]
    pub whois_active: Option<bool>,
    /// URL: the URL text.
    pub text: Option<String>,
    /// Observations (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub observation_count: Option<i64>,
    /// Last observed (with `includeAdditional`).
    #[serde(with = "crate::de::opt_datetime")]
    pub last_observed: Option<DateTime>,
    /// False positives (with `includeAdditional`).
    #[serde(with = "crate::de::opt_i64")]
    pub false_positive_count: Option<i64>,
    /// Last false positive report (with `includeAdditional`).
    #[serde(with = "crate::de::opt_datetime")]
    pub false_positive_last_reported: Option<DateTime>,
    /// Private indicator.
    #[serde(with = "crate::de::opt_bool")]
    pub private_flag: Option<bool>,
    /// Active.
    #[serde(with = "crate::de::opt_bool")]
    pub active: Option<bool>,
    /// Active status locked.
    #[serde(with = "crate::de::opt_bool")]
    pub active_locked: Option<bool>,
    /// Embedded attributes (with includes).
    #[serde(
        rename = "attribute",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attributes: Vec<Attribute>,
    /// Embedded tags (with includes).
    #[serde(
        rename = "tag",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tags: Vec<Tag>,
    /// Embedded security labels (with includes).
    #[serde(
        rename = "securityLabel",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub security_labels: Vec<SecurityLabel>,
    /// Fields this model does not name (custom value labels among them).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The value of an indicator, by type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IndicatorValue {
    /// An IPv4 or IPv6 address.
    Address(String),
    /// An email address.
    EmailAddress(String),
    /// A file by its hashes (any subset).
    File {
        /// MD5.
        md5: Option<String>,
        /// SHA-1.
        sha1: Option<String>,
        /// SHA-256.
        sha256: Option<String>,
    },
    /// A host name.
    Host(String),
    /// A URL.
    Url(String),
    /// Any other type: its values in order (from `summary` or value labels).
    Other(Vec<String>),
}

impl Indicator {
    /// The owner's name from `owner` or `ownerName`.
    pub fn owner_name(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .map(|o| o.name.as_str())
            .or(self.owner_name.as_deref())
    }

    /// The typed value, from the type's own fields or else `summary`.
    pub fn value(&self) -> IndicatorValue {
        if let Some(ip) = &self.ip {
            return IndicatorValue::Address(ip.clone());
        }
        if let Some(a) = &self.address {
            return IndicatorValue::EmailAddress(a.clone());
        }
        if self.md5.is_some() || self.sha1.is_some() || self.sha256.is_some() {
            return IndicatorValue::File {
                md5: self.md5.clone(),
                sha1: self.sha1.clone(),
                sha256: self.sha256.clone(),
            };
        }
        if let Some(h) = &self.host_name {
            return IndicatorValue::Host(h.clone());
        }
        if let Some(t) = &self.text {
            return IndicatorValue::Url(t.clone());
        }
        match &self.summary {
            Some(s) => IndicatorValue::Other(s.split(" : ").map(str::to_string).collect()),
            None => IndicatorValue::Other(
                self.extra
                    .values()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
        }
    }

    /// The value as one string, as it goes into a path: the summary, or the
    /// type's value (for files, the strongest hash).
    pub fn summary_text(&self) -> Option<String> {
        match self.value() {
            IndicatorValue::Address(v)
            | IndicatorValue::EmailAddress(v)
            | IndicatorValue::Host(v)
            | IndicatorValue::Url(v) => Some(v),
            IndicatorValue::File { md5, sha1, sha256 } => {
                let parts: Vec<String> = [md5, sha1, sha256].into_iter().flatten().collect();
                if parts.is_empty() {
                    None
                } else {
                    Some(parts.join(" : "))
                }
            }
            IndicatorValue::Other(v) if v.is_empty() => None,
            IndicatorValue::Other(v) => Some(v.join(" : ")),
        }
    }
}
