//! Groups: the collections and one group with its adversary assets and
//! document content.

use std::ops::Deref as _;

use tc_core::Result;
use tc_core::api::{self, GroupItem, PublishOptions};
use tc_core::models::Group;

use super::{adversary_asset_type, group_type, table};
use crate::args::Args;
use crate::prepared::{bytes, done, list, one};

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "groups.list" => list(api::groups().list(), a),
        "groups.ofType.list" => list(api::groups().list_of(group_type(a.kind()?, "type")?), a),
        "groups.create" => one(
            api::groups().create(group_type(a.kind()?, "type")?, &a.body_as::<Group>()?),
            a,
        ),
    }
}

fn group(a: &Args) -> Result<GroupItem> {
    Ok(api::group(group_type(a.kind()?, "type")?, a.id()?))
}

/// The parent node of a group.
pub(crate) fn node(a: &Args) -> Result<api::Node> {
    Ok(group(a)?.deref().clone())
}

/// The JSON of `POST …/publish`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct PublishBody {
    security_label_list: Vec<String>,
    exclude_unlabeled: bool,
}

fn publish(a: &Args) -> Result<PublishOptions> {
    let body: PublishBody = a.body_as()?;
    Ok(PublishOptions {
        security_label_list: body.security_label_list,
        exclude_unlabeled: body.exclude_unlabeled,
    })
}

fn asset_kind(a: &Args) -> Result<api::AdversaryAssetType> {
    adversary_asset_type(a.target_kind()?, "target.type")
}

table! {
    pub(crate) fn item(a) -> ITEM {
        "get" => one(group(a)?.get(), a),
        "update" => one(group(a)?.update(&a.body_as::<Group>()?), a),
        "delete" => done(group(a)?.delete(), a),
        "publish" => done(group(a)?.publish(&publish(a)?), a),
        "signatureText" => one(group(a)?.signature_text(), a),
        "document.upload" => done(group(a)?.document().upload(a.data()?), a),
        "document.replace" => done(group(a)?.document().replace(a.data()?), a),
        "document.download" => bytes(group(a)?.document().download(), a),
        "adversaryAssets.list" => list(group(a)?.adversary_assets().list(), a),
        "adversaryAssets.ofType.list" => list(group(a)?.adversary_assets().list_of(asset_kind(a)?), a),
        "adversaryAssets.create" => one(
            group(a)?.adversary_assets().create(asset_kind(a)?, a.target_value()?),
            a,
        ),
        "adversaryAssets.get" => one(
            group(a)?.adversary_assets().get(asset_kind(a)?, a.target_id()?),
            a,
        ),
        "adversaryAssets.update" => one(
            group(a)?
                .adversary_assets()
                .update(asset_kind(a)?, a.target_id()?, a.target_value()?),
            a,
        ),
        "adversaryAssets.delete" => done(
            group(a)?.adversary_assets().delete(asset_kind(a)?, a.target_id()?),
            a,
        ),
    }
}
