use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::{DateTime, Extra};

/// An attribute of a group, indicator, task or victim.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Attribute {
    /// The attribute's id.
    #[serde(deserialize_with = "crate::de::id")]
    pub id: u64,
    /// The attribute type, e.g. `Description`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The value.
    pub value: Option<String>,
    /// Where it came from.
    pub source: Option<String>,
    /// The "default" flag of Description/Source attributes.
    #[serde(with = "crate::de::opt_bool")]
    pub displayed: Option<bool>,
    /// Pinned (newer servers).
    #[serde(with = "crate::de::opt_bool")]
    pub pinned: Option<bool>,
    /// When it was added.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_added: Option<DateTime>,
    /// When it last changed.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_modified: Option<DateTime>,
    /// Embedded security labels (with includes).
    #[serde(
        rename = "securityLabel",
        with = "crate::de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub security_labels: Vec<SecurityLabel>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A tag.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Tag {
    /// The tag's name (its identifier in paths).
    pub name: String,
    /// A link to the tag in the web UI.
    pub web_link: Option<String>,
    /// Description (with `detailed=true`).
    pub description: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Tag {
    /// A tag by name.
    pub fn named(name: impl Into<String>) -> Self {
        Tag {
            name: name.into(),
            ..Tag::default()
        }
    }
}

/// A security label such as `TLP:AMBER`.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct SecurityLabel {
    /// The label's name (its identifier in paths).
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Colour as hex, when given.
    pub color: Option<String>,
    /// When it was added.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_added: Option<DateTime>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SecurityLabel {
    /// A label by name.
    pub fn named(name: impl Into<String>) -> Self {
        SecurityLabel {
            name: name.into(),
            ..SecurityLabel::default()
        }
    }
}
