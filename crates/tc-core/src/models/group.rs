use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::{Attribute, DateTime, Extra, Owner, SecurityLabel, Tag};

/// A group of any type, with every type's own fields as options.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Group {
    /// The group's id (globally unique).
    #[serde(
        deserialize_with = "crate::de::id",
        skip_serializing_if = "crate::de::is_zero"
    )]
    pub id: u64,
    /// The name.
    pub name: Option<String>,
    /// `Adversary`, `Campaign`, `Document`, `Email`, `Event`, `Incident`,
    /// `Intrusion Set`, `Report`, `Signature`, `Threat`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The owner (single objects).
    pub owner: Option<Owner>,
    /// The owner's name (list items).
    pub owner_name: Option<String>,
    /// When it was added.
    #[serde(with = "crate::de::opt_datetime")]
    pub date_added: Option<DateTime>,
    /// When it last changed.
    #[serde(with = "crate::de::opt_datetime")]
    pub last_modified: Option<DateTime>,
    /// A link to the group in the web UI.
    pub web_link: Option<String>,
    /// External id (with `includeAdditional`).
    pub xid: Option<String>,
    /// Who created it (with `includeAdditional`).
    pub created_by: Option<serde_json::Value>,
    /// Incident/event date.
    #[serde(with = "crate::de::opt_datetime")]
    pub event_date: Option<DateTime>,
    /// Incident/event status; for documents, the upload state.
    pub status: Option<String>,
    /// Campaign first seen.
    #[serde(with = "crate::de::opt_datetime")]
    pub first_seen: Option<DateTime>,
    /// Report publish date.
    #[serde(with = "crate::de::opt_datetime")]
    pub publish_date: Option<DateTime>,
    /// Document/report/signature file name.
    pub file_name: Option<String>,
    /// Document size in bytes.
    #[serde(with = "crate::de::opt_i64")]
    pub file_size: Option<i64>,
    /// Document holds malware (a password-protected zip).
    #[serde(with = "crate::de::opt_bool")]
    pub malware: Option<bool>,
    /// Write-only zip password for malware documents.
    pub password: Option<String>,
    /// Signature type (`YARA`, `Snort`, …).
    pub file_type: Option<String>,
    /// Signature text.
    pub file_text: Option<String>,
    /// Email subject.
    pub subject: Option<String>,
    /// Email header.
    pub header: Option<String>,
    /// Email body.
    pub body: Option<String>,
    /// Email recipient.
    pub to: Option<String>,
    /// Email sender.
    pub from: Option<String>,
    /// Email score.
    #[serde(with = "crate::de::opt_i64")]
    pub score: Option<i64>,
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
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Group {
    /// A group to create, with its name.
    pub fn named(name: impl Into<String>) -> Self {
        Group {
            name: Some(name.into()),
            ..Group::default()
        }
    }

    /// The owner's name from `owner` or `ownerName`.
    pub fn owner_name(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .map(|o| o.name.as_str())
            .or(self.owner_name.as_deref())
    }
}

/// An adversary asset: a handle, phone number or URL.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct AdversaryAsset {
    /// The asset's id.
    #[serde(deserialize_with = "crate::de::id")]
    pub id: u64,
    /// Display value (mixed lists).
    pub name: Option<String>,
    /// `Handle`, `PhoneNumber` or `URL`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// A link in the web UI.
    pub web_link: Option<String>,
    /// Handle assets.
    pub handle: Option<String>,
    /// Phone number assets.
    pub phone_number: Option<String>,
    /// URL assets.
    pub url: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
