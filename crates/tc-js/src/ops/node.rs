//! The children every parent shares (group, indicator, security label,
//! tag, task, victim), modelled once like `tc_core::api::Node`.

use tc_core::Result;
use tc_core::api::{AttributeInput, Node};

use super::links::{self, nested};
use super::{group_type, table, victim_asset_type};
use crate::args::Args;
use crate::prepared::{Prepared, done, list, one};

/// Builds the parent from the arguments.
type Parent = fn(&Args) -> Result<Node>;

/// The JSON of an attribute to create or change.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct AttributeBody {
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Option<String>,
    displayed: Option<bool>,
    source: Option<String>,
}

fn attribute(a: &Args) -> Result<AttributeInput> {
    let body: AttributeBody = a.body_as()?;
    let mut input = AttributeInput::default();
    input.kind = body.kind;
    input.value = body.value;
    input.displayed = body.displayed;
    input.source = body.source;
    Ok(input)
}

table! {
    fn own(a, node: Parent) -> OWN {
        "attributes.list" => list(node(a)?.attributes().list(), a),
        "attributes.create" => one(node(a)?.attributes().create(&attribute(a)?), a),
        "attribute.get" => one(node(a)?.attribute(a.target_id()?).get(), a),
        "attribute.update" => one(node(a)?.attribute(a.target_id()?).update(&attribute(a)?), a),
        "attribute.delete" => done(node(a)?.attribute(a.target_id()?).delete(), a),

        "tags.list" => list(node(a)?.tags().list(), a),
        "tags.get" => one(node(a)?.tags().get(a.target_name()?), a),
        "tags.add" => done(node(a)?.tags().add(a.target_name()?), a),
        "tags.remove" => done(node(a)?.tags().remove(a.target_name()?), a),

        "groups.list" => list(node(a)?.groups().list(), a),
        "groups.ofType.list" => list(
            node(a)?.groups().of_type(group_type(a.target_kind()?, "target.type")?).list(),
            a,
        ),
        "groups.ofType.get" => one(
            node(a)?.groups().of_type(group_type(a.target_kind()?, "target.type")?).get(a.target_id()?),
            a,
        ),
        "groups.ofType.add" => done(
            node(a)?.groups().of_type(group_type(a.target_kind()?, "target.type")?).add(a.target_id()?),
            a,
        ),
        "groups.ofType.remove" => done(
            node(a)?.groups().of_type(group_type(a.target_kind()?, "target.type")?).remove(a.target_id()?),
            a,
        ),

        "victims.list" => list(node(a)?.victims().list(), a),
        "victims.get" => one(node(a)?.victims().get(a.target_id()?), a),
        "victims.add" => done(node(a)?.victims().add(a.target_id()?), a),
        "victims.remove" => done(node(a)?.victims().remove(a.target_id()?), a),

        "tasks.list" => list(node(a)?.tasks().list(), a),
        "tasks.get" => one(node(a)?.tasks().get(a.target_id()?), a),
        "tasks.add" => done(node(a)?.tasks().add(a.target_id()?), a),
        "tasks.remove" => done(node(a)?.tasks().remove(a.target_id()?), a),

        "victimAssets.list" => list(node(a)?.victim_assets().list(), a),
        "victimAssets.ofType.list" => list(
            node(a)?.victim_assets().of_type(victim_asset_type(a.target_kind()?, "target.type")?).list(),
            a,
        ),
        "victimAssets.ofType.get" => one(
            node(a)?.victim_assets().of_type(victim_asset_type(a.target_kind()?, "target.type")?).get(a.target_id()?),
            a,
        ),
        "victimAssets.ofType.add" => done(
            node(a)?.victim_assets().of_type(victim_asset_type(a.target_kind()?, "target.type")?).add(a.target_id()?),
            a,
        ),
        "victimAssets.ofType.remove" => done(
            node(a)?.victim_assets().of_type(victim_asset_type(a.target_kind()?, "target.type")?).remove(a.target_id()?),
            a,
        ),
    }
}

/// Prepares a shared child operation of the parent `node`.
pub(crate) fn children(op: &str, a: &Args, node: Parent) -> Result<Option<Prepared>> {
    if let Some(prepared) = own(op, a, node)? {
        return Ok(Some(prepared));
    }
    if let Some(rest) = op.strip_prefix("indicators.") {
        return links::indicator_links(rest, a, &|a| Ok(node(a)?.indicators()));
    }
    if let Some(rest) = op.strip_prefix("securityLabels.") {
        return links::label_links(rest, a, &|a| Ok(node(a)?.security_labels()));
    }
    if let Some(rest) = op.strip_prefix("attribute.securityLabels.") {
        return links::label_links(rest, a, &|a| {
            Ok(node(a)?.attribute(a.target_id()?).security_labels())
        });
    }
    Ok(None)
}

/// The names of the shared children.
pub(crate) fn names() -> Vec<(String, &'static str)> {
    let own = OWN.iter().map(|(n, h)| (n.to_string(), *h));
    own.chain(nested("indicators", links::INDICATOR_LINKS))
        .chain(nested("securityLabels", links::LABEL_LINKS))
        .chain(nested("attribute.securityLabels", links::LABEL_LINKS))
        .collect()
}
