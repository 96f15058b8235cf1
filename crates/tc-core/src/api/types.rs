//! Branch names of the path tree: indicator, group and asset types.

use std::borrow::Cow;
use std::fmt;

/// An indicator branch (`hosts`, `addresses`, …, or a custom branch such as
/// `registryKeys`) with its entity key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndicatorType {
    branch: Cow<'static, str>,
    entity: Cow<'static, str>,
    name: Cow<'static, str>,
}

const fn it(branch: &'static str, entity: &'static str, name: &'static str) -> IndicatorType {
    IndicatorType {
        branch: Cow::Borrowed(branch),
        entity: Cow::Borrowed(entity),
        name: Cow::Borrowed(name),
    }
}

/// Built-in and common custom indicator types: (branch, entity, type name).
const KNOWN_INDICATORS: &[(&str, &str, &str)] = &[
    ("addresses", "address", "Address"),
    ("emailAddresses", "emailAddress", "EmailAddress"),
    ("files", "file", "File"),
    ("hosts", "host", "Host"),
    ("urls", "url", "URL"),
    ("asns", "asn", "ASN"),
    ("cidrBlocks", "cidrBlock", "CIDR"),
    ("mutexes", "mutex", "Mutex"),
    ("registryKeys", "registryKey", "Registry Key"),
    ("userAgents", "userAgent", "User Agent"),
    ("emailSubjects", "emailSubject", "Email Subject"),
    ("hashtags", "hashtag", "Hashtag"),
];

impl IndicatorType {
    /// `addresses` (IPv4 and IPv6).
    pub const ADDRESSES: IndicatorType = it("addresses", "address", "Address");
    /// `emailAddresses`.
    pub const EMAIL_ADDRESSES: IndicatorType = it("emailAddresses", "emailAddress", "EmailAddress");
    /// `files` (any one hash in paths).
    pub const FILES: IndicatorType = it("files", "file", "File");
    /// `hosts`.
    pub const HOSTS: IndicatorType = it("hosts", "host", "Host");
    /// `urls`.
    pub const URLS: IndicatorType = it("urls", "url", "URL");

    /// The five base types.
    pub const BASE: [IndicatorType; 5] = [
        IndicatorType::ADDRESSES,
        IndicatorType::EMAIL_ADDRESSES,
        IndicatorType::FILES,
        IndicatorType::HOSTS,
        IndicatorType::URLS,
    ];

    /// A type by its branch, matched case-insensitively against the known
    /// types; an unknown branch is taken as a custom type whose entity is
    /// the branch without its plural `s`.
    pub fn from_branch(branch: &str) -> Self {
        if let Some((b, e, n)) = KNOWN_INDICATORS
            .iter()
            .find(|(b, _, _)| b.eq_ignore_ascii_case(branch))
        {
            return it(b, e, n);
        }
        let entity = branch.strip_suffix('s').unwrap_or(branch).to_string();
        IndicatorType {
            branch: Cow::Owned(branch.to_string()),
            entity: Cow::Owned(entity),
            name: Cow::Owned(branch.to_string()),
        }
    }

    /// A type by its ThreatConnect name (`Host`, `URL`, `Registry Key`).
    pub fn from_name(name: &str) -> Option<Self> {
        KNOWN_INDICATORS
            .iter()
            .find(|(_, _, n)| n.eq_ignore_ascii_case(name))
            .map(|(b, e, n)| it(b, e, n))
    }

    /// A custom type as `/v2/types/indicatorTypes` describes it.
    pub fn custom(
        branch: impl Into<String>,
        entity: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        IndicatorType {
            branch: Cow::Owned(branch.into()),
            entity: Cow::Owned(entity.into()),
            name: Cow::Owned(name.into()),
        }
    }

    /// The type an instance describes in `/v2/types/indicatorTypes`
    /// (`None` when the entry names no branch or entity).
    pub fn from_info(info: &crate::models::IndicatorTypeInfo) -> Option<Self> {
        let branch = info.api_branch.as_deref().filter(|b| !b.is_empty())?;
        let entity = info.api_entity.as_deref().filter(|e| !e.is_empty())?;
        Some(IndicatorType::custom(branch, entity, info.name.clone()))
    }

    /// The types of an instance, from a page of `/v2/types/indicatorTypes`.
    pub fn learn(page: &crate::Page<crate::models::IndicatorTypeInfo>) -> Vec<IndicatorType> {
        page.items
            .iter()
            .filter_map(IndicatorType::from_info)
            .collect()
    }

    /// The path branch, e.g. `hosts`.
    pub fn branch(&self) -> &str {
        &self.branch
    }

    /// The entity key in `data`, e.g. `host`.
    pub fn entity(&self) -> &str {
        &self.entity
    }

    /// The type name, e.g. `Host`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this is one of the five base types.
    pub fn is_base(&self) -> bool {
        IndicatorType::BASE.iter().any(|b| b.branch == self.branch)
    }
}

impl fmt::Display for IndicatorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.branch)
    }
}

impl From<&str> for IndicatorType {
    fn from(branch: &str) -> Self {
        IndicatorType::from_branch(branch)
    }
}

/// A group branch (`incidents`, `adversaries`, …) with its entity key and
/// type name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupType {
    branch: Cow<'static, str>,
    entity: Cow<'static, str>,
    name: Cow<'static, str>,
}

const fn gt(branch: &'static str, entity: &'static str, name: &'static str) -> GroupType {
    GroupType {
        branch: Cow::Borrowed(branch),
        entity: Cow::Borrowed(entity),
        name: Cow::Borrowed(name),
    }
}

impl GroupType {
    /// `adversaries`.
    pub const ADVERSARIES: GroupType = gt("adversaries", "adversary", "Adversary");
    /// `campaigns`.
    pub const CAMPAIGNS: GroupType = gt("campaigns", "campaign", "Campaign");
    /// `documents`.
    pub const DOCUMENTS: GroupType = gt("documents", "document", "Document");
    /// `emails`.
    pub const EMAILS: GroupType = gt("emails", "email", "Email");
    /// `events`.
    pub const EVENTS: GroupType = gt("events", "event", "Event");
    /// `incidents`.
    pub const INCIDENTS: GroupType = gt("incidents", "incident", "Incident");
    /// `intrusionSets`.
    pub const INTRUSION_SETS: GroupType = gt("intrusionSets", "intrusionSet", "Intrusion Set");
    /// `reports`.
    pub const REPORTS: GroupType = gt("reports", "report", "Report");
    /// `signatures`.
    pub const SIGNATURES: GroupType = gt("signatures", "signature", "Signature");
    /// `threats`.
    pub const THREATS: GroupType = gt("threats", "threat", "Threat");
    /// `attackPatterns` (newer servers).
    pub const ATTACK_PATTERNS: GroupType = gt("attackPatterns", "attackPattern", "Attack Pattern");
    /// `coursesOfAction` (newer servers).
    pub const COURSES_OF_ACTION: GroupType =
        gt("coursesOfAction", "courseOfAction", "Course of Action");
    /// `malware` (newer servers).
    pub const MALWARE: GroupType = gt("malware", "malware", "Malware");
    /// `tactics` (newer servers).
    pub const TACTICS: GroupType = gt("tactics", "tactic", "Tactic");
    /// `tools` (newer servers).
    pub const TOOLS: GroupType = gt("tools", "tool", "Tool");
    /// `vulnerabilities` (newer servers).
    pub const VULNERABILITIES: GroupType = gt("vulnerabilities", "vulnerability", "Vulnerability");

    /// The six types the seed names in association paths.
    pub const SEED: [GroupType; 6] = [
        GroupType::ADVERSARIES,
        GroupType::DOCUMENTS,
        GroupType::EMAILS,
        GroupType::INCIDENTS,
        GroupType::SIGNATURES,
        GroupType::THREATS,
    ];

    /// Every group type the client knows.
    pub const ALL: [GroupType; 16] = [
        GroupType::ADVERSARIES,
        GroupType::CAMPAIGNS,
        GroupType::DOCUMENTS,
        GroupType::EMAILS,
        GroupType::EVENTS,
        GroupType::INCIDENTS,
        GroupType::INTRUSION_SETS,
        GroupType::REPORTS,
        GroupType::SIGNATURES,
        GroupType::THREATS,
        GroupType::ATTACK_PATTERNS,
        GroupType::COURSES_OF_ACTION,
        GroupType::MALWARE,
        GroupType::TACTICS,
        GroupType::TOOLS,
        GroupType::VULNERABILITIES,
    ];

    /// A type by branch, case-insensitively (`intrusionsets` works).
    pub fn from_branch(branch: &str) -> Option<Self> {
        GroupType::ALL
            .iter()
            .find(|g| g.branch.eq_ignore_ascii_case(branch))
            .cloned()
    }

    /// A type by its name (`Intrusion Set`), case-insensitively.
    pub fn from_name(name: &str) -> Option<Self> {
        GroupType::ALL
            .iter()
            .find(|g| g.name.eq_ignore_ascii_case(name))
            .cloned()
    }

    /// The path branch.
    pub fn branch(&self) -> &str {
        &self.branch
    }

    /// The entity key in `data`.
    pub fn entity(&self) -> &str {
        &self.entity
    }

    /// The type name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for GroupType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.branch)
    }
}

/// The five victim asset types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VictimAssetType {
    /// `emailAddresses` → `victimEmailAddress`.
    EmailAddresses,
    /// `networkAccounts` → `victimNetworkAccount`.
    NetworkAccounts,
    /// `phoneNumbers` → `victimPhone`.
    PhoneNumbers,
    /// `socialNetworks` → `victimSocialNetwork`.
    SocialNetworks,
    /// `webSites` → `victimWebSite`.
    WebSites,
}

impl VictimAssetType {
    /// All five.
    pub const ALL: [VictimAssetType; 5] = [
        VictimAssetType::EmailAddresses,
        VictimAssetType::NetworkAccounts,
        VictimAssetType::PhoneNumbers,
        VictimAssetType::SocialNetworks,
        VictimAssetType::WebSites,
    ];

    /// The path branch.
    pub fn branch(self) -> &'static str {
        match self {
            VictimAssetType::EmailAddresses => "emailAddresses",
            VictimAssetType::NetworkAccounts => "networkAccounts",
            VictimAssetType::PhoneNumbers => "phoneNumbers",
            VictimAssetType::SocialNetworks => "socialNetworks",
            VictimAssetType::WebSites => "webSites",
        }
    }

    /// The entity key in `data`.
    pub fn entity(self) -> &'static str {
        match self {
            VictimAssetType::EmailAddresses => "victimEmailAddress",
            VictimAssetType::NetworkAccounts => "victimNetworkAccount",
            VictimAssetType::PhoneNumbers => "victimPhone",
            VictimAssetType::SocialNetworks => "victimSocialNetwork",
            VictimAssetType::WebSites => "victimWebSite",
        }
    }

    /// The `type` value of assets of this kind.
    pub fn type_name(self) -> &'static str {
        match self {
            VictimAssetType::EmailAddresses => "EmailAddress",
            VictimAssetType::NetworkAccounts => "NetworkAccount",
            VictimAssetType::PhoneNumbers => "Phone",
            VictimAssetType::SocialNetworks => "SocialNetwork",
            VictimAssetType::WebSites => "WebSite",
        }
    }

    /// A type by branch, case-insensitively.
    pub fn from_branch(branch: &str) -> Option<Self> {
        VictimAssetType::ALL
            .into_iter()
            .find(|t| t.branch().eq_ignore_ascii_case(branch))
    }
}

/// The three adversary asset types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdversaryAssetType {
    /// `handles` → `adversaryHandle`.
    Handles,
    /// `phoneNumbers` → `adversaryPhoneNumber`.
    PhoneNumbers,
    /// `urls` → `adversaryUrl`.
    Urls,
}

impl AdversaryAssetType {
    /// All three.
    pub const ALL: [AdversaryAssetType; 3] = [
        AdversaryAssetType::Handles,
        AdversaryAssetType::PhoneNumbers,
        AdversaryAssetType::Urls,
    ];

    /// The path branch.
    pub fn branch(self) -> &'static str {
        match self {
            AdversaryAssetType::Handles => "handles",
            AdversaryAssetType::PhoneNumbers => "phoneNumbers",
            AdversaryAssetType::Urls => "urls",
        }
    }

    /// The entity key in `data`.
    pub fn entity(self) -> &'static str {
        match self {
            AdversaryAssetType::Handles => "adversaryHandle",
            AdversaryAssetType::PhoneNumbers => "adversaryPhoneNumber",
            AdversaryAssetType::Urls => "adversaryUrl",
        }
    }

    /// The value field of assets of this kind.
    pub fn field(self) -> &'static str {
        match self {
            AdversaryAssetType::Handles => "handle",
            AdversaryAssetType::PhoneNumbers => "phoneNumber",
            AdversaryAssetType::Urls => "url",
        }
    }

    /// The `type` value of assets of this kind.
    pub fn type_name(self) -> &'static str {
        match self {
            AdversaryAssetType::Handles => "Handle",
            AdversaryAssetType::PhoneNumbers => "PhoneNumber",
            AdversaryAssetType::Urls => "URL",
        }
    }

    /// A type by branch, case-insensitively.
    pub fn from_branch(branch: &str) -> Option<Self> {
        AdversaryAssetType::ALL
            .into_iter()
            .find(|t| t.branch().eq_ignore_ascii_case(branch))
    }
}
