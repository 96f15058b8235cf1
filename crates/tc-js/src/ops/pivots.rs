//! Tags and security labels: the collections and one of each.

use std::ops::Deref as _;

use tc_core::Result;
use tc_core::api::{self, LabelItem, TagItem};

use super::table;
use crate::args::Args;
use crate::prepared::{done, list, one};

/// The JSON of a tag to create, or of a rename.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct TagBody {
    name: String,
    description: Option<String>,
}

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "tags.list" => list(api::tags().list(), a),
        "tags.create" => one(create_tag(a)?, a),
        "securityLabels.list" => list(api::security_labels().list(), a),
    }
}

fn create_tag(a: &Args) -> Result<tc_core::Call<tc_core::models::Tag>> {
    let body: TagBody = a.body_as()?;
    Ok(api::tags().create(&body.name, body.description.as_deref()))
}

fn rename_tag(a: &Args) -> Result<tc_core::Call<tc_core::models::Tag>> {
    let body: TagBody = a.body_as()?;
    Ok(tag_item(a)?.rename(&body.name, body.description.as_deref()))
}

fn tag_item(a: &Args) -> Result<TagItem> {
    Ok(api::tag(a.name()?))
}

fn label_item(a: &Args) -> Result<LabelItem> {
    Ok(api::security_label(a.name()?))
}

/// The parent node of a tag.
pub(crate) fn tag_node(a: &Args) -> Result<api::Node> {
    Ok(tag_item(a)?.deref().clone())
}

/// The parent node of a security label.
pub(crate) fn label_node(a: &Args) -> Result<api::Node> {
    Ok(label_item(a)?.deref().clone())
}

table! {
    pub(crate) fn tag(a) -> TAG {
        "get" => one(tag_item(a)?.get(), a),
        "rename" => one(rename_tag(a)?, a),
        "delete" => done(tag_item(a)?.delete(), a),
    }
}

table! {
    pub(crate) fn label(a) -> LABEL {
        "get" => one(label_item(a)?.get(), a),
        "delete" => done(label_item(a)?.delete(), a),
    }
}
