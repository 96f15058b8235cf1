//! Victims and their own assets.

use std::ops::Deref as _;

use tc_core::Result;
use tc_core::api::{self, VictimAssetItem, VictimItem};
use tc_core::models::Victim;

use super::{table, victim_asset_type};
use crate::args::Args;
use crate::prepared::{done, list, one};

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "victims.list" => list(api::victims().list(), a),
        "victims.create" => one(api::victims().create(&a.body_as::<Victim>()?), a),
    }
}

fn victim(a: &Args) -> Result<VictimItem> {
    Ok(api::victim(a.id()?))
}

fn assets(a: &Args) -> Result<VictimAssetItem> {
    Ok(victim(a)?.assets(victim_asset_type(a.target_kind()?, "target.type")?))
}

/// The parent node of a victim.
pub(crate) fn node(a: &Args) -> Result<api::Node> {
    Ok(victim(a)?.deref().clone())
}

table! {
    pub(crate) fn item(a) -> ITEM {
        "get" => one(victim(a)?.get(), a),
        "update" => one(victim(a)?.update(&a.body_as::<Victim>()?), a),
        "delete" => done(victim(a)?.delete(), a),
        "assets.list" => list(assets(a)?.list(), a),
        "assets.create" => one(assets(a)?.create(a.body()?), a),
        "assets.get" => one(assets(a)?.get(a.target_id()?), a),
        "assets.update" => one(assets(a)?.update(a.target_id()?, a.body()?), a),
        "assets.delete" => done(assets(a)?.delete(a.target_id()?), a),
    }
}
