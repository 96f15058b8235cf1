use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::Extra;

/// A victim. Victim JSON has no owner fields.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Victim {
    /// The victim's id.
    #[serde(
        deserialize_with = "crate::de::id",
        skip_serializing_if = "crate::de::is_zero"
    )]
    pub id: u64,
    /// The name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Organization.
    pub org: Option<String>,
    /// Sub-organization.
    pub suborg: Option<String>,
    /// Work location.
    pub work_location: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// A link in the web UI.
    pub web_link: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Victim {
    /// A victim to create, with its name.
    pub fn named(name: impl Into<String>) -> Self {
        Victim {
            name: Some(name.into()),
            ..Victim::default()
        }
    }
}

/// A victim asset: email address, network account, phone, social network
/// or web site.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct VictimAsset {
    /// The asset's id.
    #[serde(deserialize_with = "crate::de::id")]
    pub id: u64,
    /// Display value (mixed lists).
    pub name: Option<String>,
    /// `EmailAddress`, `NetworkAccount`, `Phone`, `SocialNetwork`, `WebSite`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// A link in the web UI.
    pub web_link: Option<String>,
    /// Email address assets.
    pub address: Option<String>,
    /// Email address type.
    pub address_type: Option<String>,
    /// Network and social accounts.
    pub account: Option<String>,
    /// Network or social network name.
    pub network: Option<String>,
    /// Phone assets: the number.
    pub phone_type: Option<String>,
    /// Web site assets.
    pub web_site: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
