//! Owners and the API user.

use tc_core::Result;
use tc_core::api;

use super::table;
use crate::args::Args;
use crate::prepared::{list, one};

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "whoami" => one(api::whoami(), a),
        "owners.list" => list(api::owners().list(), a),
        "owners.mine" => one(api::owners().mine(), a),
        "owners.mine.members" => list(api::owners().mine_members(), a),
        "owners.metrics" => list(api::owners().metrics(), a),
    }
}

fn owner(a: &Args) -> Result<api::OwnerItem> {
    Ok(api::owner(a.id()?))
}

table! {
    pub(crate) fn item(a) -> ITEM {
        "get" => one(owner(a)?.get(), a),
        "metrics" => list(owner(a)?.metrics(), a),
    }
}
