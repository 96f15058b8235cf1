//! Renderers shared by every family: attributes, tags, labels.

use serde_json::{Value, json};

use super::Ctx;
use crate::reply;
use crate::store::{AttributeRec, LabelRec, Store};

pub(crate) fn attribute_json(ctx: &Ctx<'_>, a: &AttributeRec) -> Value {
    let mut v = json!({
        "id": a.id,
        "type": a.kind,
        "dateAdded": reply::date(a.date_added),
        "lastModified": reply::date(a.last_modified),
        "displayed": a.displayed,
        "value": a.value,
    });
    if let (Some(src), Some(m)) = (&a.source, v.as_object_mut()) {
        m.insert("source".into(), json!(src));
    }
    if ctx.include("labels") {
        let labels: Vec<Value> = a
            .labels
            .iter()
            .filter_map(|l| ctx.store.labels.get(l))
            .map(label_json)
            .collect();
        if let Some(m) = v.as_object_mut() {
            m.insert("securityLabel".into(), Value::Array(labels));
        }
    }
    v
}

pub(crate) fn tag_json(store: &Store, owner: u64, name: &str) -> Value {
    let mut v = json!({
        "name": name,
        "webLink": format!(
            "{}/auth/tags/tag.xhtml?tag={}&owner={}",
            store.web_base,
            tc_core::encode_component(name),
            store.owner_name(owner).replace(' ', "+")
        ),
    });
    if let (Some(Some(d)), Some(m)) = (
        store.tags.get(&(owner, name.to_string())),
        v.as_object_mut(),
    ) {
        m.insert("description".into(), json!(d));
    }
    v
}

pub(crate) fn label_json(l: &LabelRec) -> Value {
    json!({
        "name": l.name,
        "description": l.description,
        "color": l.color,
        "dateAdded": reply::date(l.date_added),
    })
}
