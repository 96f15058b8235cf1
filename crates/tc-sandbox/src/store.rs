//! The in-memory store: owners, users, items, links, tags and labels.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::SandboxConfig;

/// A reference to anything that can be linked, tagged or labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ObjRef {
    Indicator(u64),
    Group(u64),
    Task(u64),
    Victim(u64),
    VictimAsset(u64),
}

#[derive(Debug, Clone)]
pub(crate) struct OwnerRec {
    pub id: u64,
    pub name: String,
    pub kind: &'static str,
    pub accessible: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct UserRec {
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct IndicatorRec {
    pub id: u64,
    pub owner: u64,
    /// Canonical branch: `addresses`, `hosts`, …, `registryKeys`.
    pub branch: String,
    /// The value fields in order (files: md5, sha1, sha256 — any may be empty).
    pub values: Vec<String>,
    pub rating: Option<f64>,
    pub confidence: Option<i64>,
    pub dns_active: bool,
    pub whois_active: bool,
    pub size: Option<i64>,
    pub active: bool,
    pub private_flag: bool,
    pub date_added: i64,
    pub last_modified: i64,
    pub observations: Vec<(i64, i64)>,
    pub false_positives: Vec<i64>,
    pub file_occurrences: BTreeMap<u64, Map<String, Value>>,
    pub deleted: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct GroupRec {
    pub id: u64,
    pub owner: u64,
    /// Canonical branch: `incidents`, `documents`, …
    pub branch: String,
    pub name: String,
    /// Type-specific fields as JSON (`eventDate`, `fileName`, …).
    pub fields: Map<String, Value>,
    pub date_added: i64,
    pub last_modified: i64,
    pub content: Option<Vec<u8>>,
    pub xid: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct TaskRec {
    pub id: u64,
    pub owner: u64,
    pub name: String,
    pub fields: Map<String, Value>,
    pub assignees: Vec<String>,
    pub escalatees: Vec<String>,
    pub date_added: i64,
    pub last_modified: i64,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct VictimRec {
    pub id: u64,
    pub owner: u64,
    pub fields: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct VictimAssetRec {
    pub id: u64,
    pub victim: u64,
    /// `emailAddresses`, `networkAccounts`, …
    pub branch: &'static str,
    pub fields: Map<String, Value>,
}

#[derive(Debug, Clone)]
pub(crate) struct AdversaryAssetRec {
    pub id: u64,
    pub adversary: u64,
    /// `handles`, `phoneNumbers`, `urls`
    pub branch: &'static str,
    pub value: String,
}

#[derive(Debug, Clone)]
pub(crate) struct AttributeRec {
    pub id: u64,
    pub parent: ObjRef,
    pub kind: String,
    pub value: String,
    pub source: Option<String>,
    pub displayed: bool,
    pub date_added: i64,
    pub last_modified: i64,
    pub labels: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct LabelRec {
    pub name: String,
    pub description: String,
    pub color: String,
    pub date_added: i64,
}

/// Everything the sandbox knows.
#[derive(Debug, Default)]
pub(crate) struct Store {
    next_id: u64,
    pub writes: u64,
    pub web_base: String,
    pub api_user: String,
    pub owners: Vec<OwnerRec>,
    pub users: Vec<UserRec>,
    pub indicators: BTreeMap<u64, IndicatorRec>,
    /// (owner, branch, normalised value) → indicator id; files by each hash.
    pub indicator_index: std::collections::HashMap<(u64, &'static str, String), u64>,
    pub groups: BTreeMap<u64, GroupRec>,
    pub tasks: BTreeMap<u64, TaskRec>,
    pub victims: BTreeMap<u64, VictimRec>,
    pub victim_assets: BTreeMap<u64, VictimAssetRec>,
    pub adversary_assets: BTreeMap<u64, AdversaryAssetRec>,
    pub attributes: BTreeMap<u64, AttributeRec>,
    pub labels: BTreeMap<String, LabelRec>,
    /// Tags per owner id: name → description.
    pub tags: BTreeMap<(u64, String), Option<String>>,
    pub item_tags: BTreeMap<ObjRef, BTreeSet<String>>,
    pub item_labels: BTreeMap<ObjRef, BTreeSet<String>>,
    /// Undirected links, stored with the smaller reference first.
    pub links: BTreeSet<(ObjRef, ObjRef)>,
    /// Custom indicator associations: (association branch, from, to).
    pub custom_links: BTreeSet<(String, u64, u64)>,
    pub batches: BTreeMap<u64, crate::routes::batch::Job>,
    /// Values on the system-wide exclusion list (lower-case).
    pub exclusions: BTreeSet<String>,
    pub bulk_last_run: i64,
}

/// The organization of the API user.
pub(crate) const ORG_ID: u64 = 1;

impl Store {
    /// Owners, users, system labels: what every instance has.
    pub(crate) fn base(config: &SandboxConfig) -> Store {
        let mut s = Store {
            next_id: 1000,
            web_base: config.web_base.clone(),
            api_user: config.access_id.clone(),
            ..Store::default()
        };
        let owners = [
            (ORG_ID, "Demo Organization", "Organization", true),
            (2, "Demo Community", "Community", true),
            (3, "Demo Source", "Source", true),
            (4, "Common Community", "Community", true),
            (5, "Restricted Community", "Community", false),
        ];
        for (id, name, kind, accessible) in owners {
            s.owners.push(OwnerRec {
                id,
                name: name.into(),
                kind,
                accessible,
            });
        }
        s.users = vec![
            UserRec {
                user_name: config.access_id.clone(),
                first_name: "Sandbox".into(),
                last_name: "API".into(),
            },
            UserRec {
                user_name: "analyst@demo.invalid".into(),
                first_name: "Ada".into(),
                last_name: "Analyst".into(),
            },
            UserRec {
                user_name: "lead@demo.invalid".into(),
                first_name: "Lee".into(),
                last_name: "Lead".into(),
            },
        ];
        let labels = [
            ("TLP:CLEAR", "Disclosure is not limited.", "FFFFFF"),
            ("TLP:WHITE", "Disclosure is not limited.", "FFFFFF"),
            (
                "TLP:GREEN",
                "Limited disclosure, restricted to the community.",
                "33FF00",
            ),
            (
                "TLP:AMBER",
                "Limited disclosure, restricted to participants' organizations.",
                "FFC000",
            ),
            (
                "TLP:AMBER+STRICT",
                "Limited disclosure, restricted to the organization only.",
                "FFC000",
            ),
            (
                "TLP:RED",
                "Not for disclosure, restricted to participants only.",
                "FF0033",
            ),
        ];
        for (name, description, color) in labels {
            s.labels.insert(
                name.into(),
                LabelRec {
                    name: name.into(),
                    description: description.into(),
                    color: color.into(),
                    date_added: 1_483_228_800,
                },
            );
        }
        s
    }

    /// A fresh id; ids are unique across all kinds, like group ids.
    pub(crate) fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Counts one applied write.
    pub(crate) fn wrote(&mut self) {
        self.writes += 1;
    }

    pub(crate) fn owner(&self, id: u64) -> Option<&OwnerRec> {
        self.owners.iter().find(|o| o.id == id)
    }

    /// An accessible owner by name.
    pub(crate) fn owner_named(&self, name: &str) -> Option<&OwnerRec> {
        self.owners
            .iter()
            .find(|o| o.accessible && o.name.eq_ignore_ascii_case(name.trim()))
    }

    pub(crate) fn owner_name(&self, id: u64) -> String {
        self.owner(id).map(|o| o.name.clone()).unwrap_or_default()
    }

    /// Links two items (both directions at once).
    pub(crate) fn link(&mut self, a: ObjRef, b: ObjRef) -> bool {
        let pair = if a <= b { (a, b) } else { (b, a) };
        let added = self.links.insert(pair);
        if added {
            self.wrote();
        }
        added
    }

    /// Unlinks two items.
    pub(crate) fn unlink(&mut self, a: ObjRef, b: ObjRef) -> bool {
        let pair = if a <= b { (a, b) } else { (b, a) };
        let removed = self.links.remove(&pair);
        if removed {
            self.wrote();
        }
        removed
    }

    /// Everything linked to `item`.
    pub(crate) fn links_of(&self, item: ObjRef) -> Vec<ObjRef> {
        self.links
            .iter()
            .filter_map(|&(a, b)| {
                if a == item {
                    Some(b)
                } else if b == item {
                    Some(a)
                } else {
                    None
                }
            })
            .collect()
    }

    /// The owner an item belongs to (victim assets: their victim's).
    pub(crate) fn owner_of(&self, item: ObjRef) -> u64 {
        match item {
            ObjRef::Indicator(id) => self.indicators.get(&id).map(|i| i.owner),
            ObjRef::Group(id) => self.groups.get(&id).map(|g| g.owner),
            ObjRef::Task(id) => self.tasks.get(&id).map(|t| t.owner),
            ObjRef::Victim(id) => self.victims.get(&id).map(|v| v.owner),
            ObjRef::VictimAsset(id) => self
                .victim_assets
                .get(&id)
                .and_then(|a| self.victims.get(&a.victim))
                .map(|v| v.owner),
        }
        .unwrap_or(ORG_ID)
    }

    /// Applies a tag to an item, creating the tag in the item's owner.
    pub(crate) fn tag(&mut self, item: ObjRef, name: &str) {
        let owner = self.owner_of(item);
        self.tags.entry((owner, name.to_string())).or_insert(None);
        if self
            .item_tags
            .entry(item)
            .or_default()
            .insert(name.to_string())
        {
            self.wrote();
        }
    }

    /// Removes a tag from an item.
    pub(crate) fn untag(&mut self, item: ObjRef, name: &str) -> bool {
        let removed = self
            .item_tags
            .get_mut(&item)
            .is_some_and(|t| t.remove(name));
        if removed {
            self.wrote();
        }
        removed
    }

    pub(crate) fn tags_of(&self, item: ObjRef) -> Vec<String> {
        self.item_tags
            .get(&item)
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub(crate) fn labels_of(&self, item: ObjRef) -> Vec<String> {
        self.item_labels
            .get(&item)
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Forgets every link, tag, label and attribute of a deleted item.
    pub(crate) fn forget(&mut self, item: ObjRef) {
        self.links.retain(|&(a, b)| a != item && b != item);
        self.item_tags.remove(&item);
        self.item_labels.remove(&item);
        self.attributes.retain(|_, a| a.parent != item);
        if let ObjRef::Indicator(id) = item {
            self.custom_links.retain(|(_, a, b)| *a != id && *b != id);
        }
        self.wrote();
    }
}
