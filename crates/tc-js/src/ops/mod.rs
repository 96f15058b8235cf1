//! The operation tables: one arm per call of `tc_core::api`, by area.
//!
//! An operation name is the core's path tree in camelCase. Collections are
//! named in full (`indicators.ofType.list`); operations on one item start
//! with the parent (`indicator.`, `group.`, `tag.`, `securityLabel.`,
//! `task.`, `victim.`, `owner.`) followed by the item's own operations or one
//! of the children every parent shares (`tags.add`, `groups.ofType.add`,
//! ...), which are modelled once in [`node`].

pub(crate) mod batch;
mod groups;
mod indicators;
mod links;
mod node;
mod owners;
mod pivots;
mod tasks;
mod victims;

use tc_core::Result;
use tc_core::api::{AdversaryAssetType, GroupType, Node, VictimAssetType};

use crate::args::{Args, invalid};
use crate::prepared::Prepared;

/// Declares one table: a function from a name to a prepared call, and the
/// list of its names with the helper each uses (`list` marks pages).
///
/// Each arm's helper call is evaluated only when its name matches, so an
/// unknown name is reported before any missing argument.
macro_rules! table {
    (
        $vis:vis fn $name:ident($a:ident $(, $p:ident: $t:ty)*) -> $names:ident {
            $($op:literal => $helper:ident($($e:expr),* $(,)?),)*
        }
    ) => {
        $vis const $names: &[(&str, &str)] = &[$(($op, stringify!($helper))),*];

        #[allow(unused_variables)]
        $vis fn $name(
            op: &str,
            $a: &$crate::args::Args
            $(, $p: $t)*
        ) -> tc_core::Result<Option<$crate::prepared::Prepared>> {
            Ok(Some(match op {
                $($op => $helper($($e),*)?,)*
                _ => return Ok(None),
            }))
        }
    };
}
pub(crate) use table;

/// A collection table: full operation names.
type Collection = fn(&str, &Args) -> Result<Option<Prepared>>;

/// A parent: its first name segment, its own table, and (for parents in the
/// shared tree) how to build its node from the arguments.
struct Parent {
    head: &'static str,
    table: Collection,
    names: fn() -> Vec<(String, &'static str)>,
    node: Option<fn(&Args) -> Result<Node>>,
}

const COLLECTIONS: &[(Collection, &[(&str, &str)])] = &[
    (owners::collection, owners::COLLECTION),
    (indicators::collection, indicators::COLLECTION),
    (groups::collection, groups::COLLECTION),
    (pivots::collection, pivots::COLLECTION),
    (tasks::collection, tasks::COLLECTION),
    (victims::collection, victims::COLLECTION),
    (batch::collection, batch::COLLECTION),
];

const PARENTS: &[Parent] = &[
    Parent {
        head: "owner",
        table: owners::item,
        names: || flat(owners::ITEM),
        node: None,
    },
    Parent {
        head: "indicator",
        table: indicators::item,
        names: indicators::item_names,
        node: Some(indicators::node),
    },
    Parent {
        head: "group",
        table: groups::item,
        names: || flat(groups::ITEM),
        node: Some(groups::node),
    },
    Parent {
        head: "tag",
        table: pivots::tag,
        names: || flat(pivots::TAG),
        node: Some(pivots::tag_node),
    },
    Parent {
        head: "securityLabel",
        table: pivots::label,
        names: || flat(pivots::LABEL),
        node: Some(pivots::label_node),
    },
    Parent {
        head: "task",
        table: tasks::item,
        names: || flat(tasks::ITEM),
        node: Some(tasks::node),
    },
    Parent {
        head: "victim",
        table: victims::item,
        names: || flat(victims::ITEM),
        node: Some(victims::node),
    },
];

/// Prepares the operation `op`; an unknown name is `invalid_input`.
pub(crate) fn dispatch(op: &str, args: &Args) -> Result<Prepared> {
    for (table, _) in COLLECTIONS {
        if let Some(prepared) = table(op, args)? {
            return Ok(prepared);
        }
    }
    if let Some((head, rest)) = op.split_once('.')
        && let Some(parent) = PARENTS.iter().find(|p| p.head == head)
    {
        if let Some(prepared) = (parent.table)(rest, args)? {
            return Ok(prepared);
        }
        if let Some(node) = parent.node
            && let Some(prepared) = node::children(rest, args, node)?
        {
            return Ok(prepared);
        }
    }
    Err(invalid(
        "op",
        format!("unknown operation {op:?}; operations() lists them"),
    ))
}

fn flat(names: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    names.iter().map(|(n, h)| (n.to_string(), *h)).collect()
}

/// Every operation name with its helper (`list` for pages).
fn entries() -> Vec<(String, &'static str)> {
    let mut all: Vec<(String, &'static str)> = COLLECTIONS
        .iter()
        .flat_map(|(_, names)| names.iter().map(|(n, h)| (n.to_string(), *h)))
        .collect();
    for parent in PARENTS {
        let mut names = (parent.names)();
        if parent.node.is_some() {
            names.extend(node::names());
        }
        for (name, helper) in names {
            all.push((format!("{}.{name}", parent.head), helper));
        }
    }
    all.sort();
    all
}

/// Every operation name, sorted.
pub(crate) fn names() -> Vec<String> {
    entries().into_iter().map(|(n, _)| n).collect()
}

/// The names of the operations that answer pages.
pub(crate) fn list_names() -> impl Iterator<Item = String> {
    entries()
        .into_iter()
        .filter(|(_, helper)| *helper == "list")
        .map(|(n, _)| n)
}

/// A group type by branch (`incidents`) or name (`Incident`).
pub(crate) fn group_type(text: &str, field: &'static str) -> Result<GroupType> {
    GroupType::from_branch(text)
        .or_else(|| GroupType::from_name(text))
        .ok_or_else(|| invalid(field, format!("unknown group type {text:?}")))
}

/// A victim asset type by branch (`emailAddresses`).
pub(crate) fn victim_asset_type(text: &str, field: &'static str) -> Result<VictimAssetType> {
    VictimAssetType::from_branch(text)
        .ok_or_else(|| invalid(field, format!("unknown victim asset type {text:?}")))
}

/// An adversary asset type by branch (`handles`).
pub(crate) fn adversary_asset_type(text: &str, field: &'static str) -> Result<AdversaryAssetType> {
    AdversaryAssetType::from_branch(text)
        .ok_or_else(|| invalid(field, format!("unknown adversary asset type {text:?}")))
}
