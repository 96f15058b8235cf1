use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::Extra;

/// An owner: an organization, community or source.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Owner {
    /// The owner's id.
    #[serde(deserialize_with = "crate::de::id")]
    pub id: u64,
    /// The name, used as the `owner=` value.
    pub name: String,
    /// `Organization`, `Community` or `Source`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The item's id in this owner (`/indicators/{t}/{v}/owners?includes=additional`).
    #[serde(with = "crate::de::opt_string")]
    pub item_id: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Owner {
    /// An owner with an id, name and type.
    pub fn new(id: u64, name: impl Into<String>, kind: impl Into<String>) -> Self {
        Owner {
            id,
            name: name.into(),
            kind: Some(kind.into()),
            ..Owner::default()
        }
    }
}

/// A user: a member, the API user (`whoami`), an assignee or an escalatee.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct User {
    /// The user name (for API users, the access id).
    pub user_name: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Pseudonym.
    pub pseudonym: Option<String>,
    /// Role, e.g. `Api User`.
    pub role: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl User {
    /// A user with a user name.
    pub fn named(user_name: impl Into<String>) -> Self {
        User {
            user_name: Some(user_name.into()),
            ..User::default()
        }
    }
}

/// One day of an owner's metrics.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct OwnerMetric {
    /// The day.
    #[serde(with = "crate::de::opt_date")]
    pub metric_date: Option<chrono::NaiveDate>,
    /// The owner's name, when given.
    pub owner_name: Option<String>,
    /// Total indicators.
    #[serde(with = "crate::de::opt_i64")]
    pub total_indicator: Option<i64>,
    /// Total groups.
    #[serde(with = "crate::de::opt_i64")]
    pub total_group: Option<i64>,
    /// Average indicator rating.
    #[serde(with = "crate::de::opt_f64")]
    pub average_indicator_rating: Option<f64>,
    /// Average indicator confidence.
    #[serde(with = "crate::de::opt_f64")]
    pub average_indicator_confidence: Option<f64>,
    /// The other counters (`totalHost`, `totalObservationDaily`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

impl OwnerMetric {
    /// A counter by its JSON name, e.g. `totalHost`.
    pub fn counter(&self, name: &str) -> Option<i64> {
        match name {
            "totalIndicator" => self.total_indicator,
            "totalGroup" => self.total_group,
            _ => self.extra.get(name).and_then(serde_json::Value::as_i64),
        }
    }
}
