//! Link collections that appear under several parents: associated
//! indicators (also under file actions and custom associations) and
//! security labels (also under attributes).

use tc_core::Result;
use tc_core::api::{IndicatorLinks, LabelLinks};

use super::table;
use crate::args::Args;
use crate::prepared::{done, list, one};

/// Builds the link collection from the arguments, when an arm needs it.
pub(crate) type Links<'a, L> = &'a dyn Fn(&Args) -> Result<L>;

table! {
    pub(crate) fn indicator_links(a, links: Links<'_, IndicatorLinks>) -> INDICATOR_LINKS {
        "list" => list(links(a)?.list(), a),
        "ofType.list" => list(links(a)?.of_type(a.target_kind()?).list(), a),
        "ofType.get" => one(links(a)?.of_type(a.target_kind()?).get(a.target_value()?), a),
        "ofType.add" => done(links(a)?.of_type(a.target_kind()?).add(a.target_value()?), a),
        "ofType.remove" => done(links(a)?.of_type(a.target_kind()?).remove(a.target_value()?), a),
    }
}

table! {
    pub(crate) fn label_links(a, links: Links<'_, LabelLinks>) -> LABEL_LINKS {
        "list" => list(links(a)?.list(), a),
        "get" => one(links(a)?.get(a.target_name()?), a),
        "add" => done(links(a)?.add(a.target_name()?), a),
        "remove" => done(links(a)?.remove(a.target_name()?), a),
    }
}

/// `prefix.name` for every name of a table.
pub(crate) fn nested(
    prefix: &str,
    names: &[(&str, &'static str)],
) -> impl Iterator<Item = (String, &'static str)> {
    names
        .iter()
        .map(move |(n, h)| (format!("{prefix}.{n}"), *h))
}
