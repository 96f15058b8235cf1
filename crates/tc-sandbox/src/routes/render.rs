//! Renderers for groups, tasks, victims and assets.

use serde_json::{Map, Value, json};

use super::owners::owner_json;
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{AdversaryAssetRec, GroupRec, ObjRef, TaskRec, VictimAssetRec, VictimRec};

/// Whether a group is rendered as a single object or as a list item.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupShape {
    Single,
    Typed,
    Generic,
}

pub(crate) fn group_type(branch: &str) -> Option<tc_core::api::GroupType> {
    tc_core::api::GroupType::from_branch(branch)
}

pub(crate) fn group_json(ctx: &Ctx<'_>, g: &GroupRec, shape: GroupShape) -> Value {
    let store = &*ctx.store;
    let kind = group_type(&g.branch);
    let entity = kind
        .as_ref()
        .map(|k| k.entity().to_string())
        .unwrap_or_default();
    let mut m = Map::new();
    m.insert("id".into(), json!(g.id));
    m.insert("name".into(), json!(g.name));
    if shape != GroupShape::Single {
        m.insert(
            "type".into(),
            json!(kind.as_ref().map(|k| k.name().to_string())),
        );
        m.insert("ownerName".into(), json!(store.owner_name(g.owner)));
    } else if let Some(o) = store.owner(g.owner) {
        m.insert("owner".into(), owner_json(o));
    }
    m.insert("dateAdded".into(), reply::date(g.date_added));
    m.insert("lastModified".into(), reply::date(g.last_modified));
    m.insert(
        "webLink".into(),
        json!(format!(
            "{}/auth/{entity}/{entity}.xhtml?{entity}={}",
            store.web_base, g.id
        )),
    );
    for (k, v) in &g.fields {
        // The password of a malware document is write-only; signature text
        // and email bodies only come with the single object.
        let single_only = matches!(k.as_str(), "fileText" | "header" | "body");
        if k == "password" || (single_only && shape != GroupShape::Single) {
            continue;
        }
        m.insert(k.clone(), v.clone());
    }
    if ctx.include("additional") {
        m.insert("xid".into(), json!(g.xid));
        m.insert("createdBy".into(), json!({"userName": store.api_user}));
    }
    super::includes(ctx, ObjRef::Group(g.id), &mut m);
    Value::Object(m)
}

pub(crate) fn task_json(ctx: &Ctx<'_>, t: &TaskRec, single: bool) -> Value {
    let store = &*ctx.store;
    let mut m = Map::new();
    m.insert("id".into(), json!(t.id));
    m.insert("name".into(), json!(t.name));
    if single {
        if let Some(o) = store.owner(t.owner) {
            m.insert("owner".into(), owner_json(o));
        }
    } else {
        m.insert("ownerName".into(), json!(store.owner_name(t.owner)));
    }
    m.insert("dateAdded".into(), reply::date(t.date_added));
    m.insert("lastModified".into(), reply::date(t.last_modified));
    m.insert(
        "webLink".into(),
        json!(format!(
            "{}/auth/workflow/task.xhtml?task={}",
            store.web_base, t.id
        )),
    );
    let status = t
        .fields
        .get("status")
        .cloned()
        .unwrap_or_else(|| json!("Not Started"));
    m.insert("status".into(), status);
    let due = t
        .fields
        .get("dueDate")
        .and_then(Value::as_str)
        .and_then(tc_core::parse_datetime)
        .map(|d| d.timestamp());
    m.insert("escalated".into(), json!(false));
    m.insert("reminded".into(), json!(false));
    m.insert("overdue".into(), json!(due.is_some_and(|d| d < ctx.now)));
    for key in ["dueDate", "reminderDate", "escalationDate", "description"] {
        if let Some(v) = t.fields.get(key) {
            m.insert(key.into(), v.clone());
        }
    }
    if single {
        let users =
            |names: &[String]| -> Vec<Value> { names.iter().map(|n| user_json(ctx, n)).collect() };
        m.insert("assignee".into(), Value::Array(users(&t.assignees)));
        m.insert("escalatee".into(), Value::Array(users(&t.escalatees)));
    }
    super::includes(ctx, ObjRef::Task(t.id), &mut m);
    Value::Object(m)
}

pub(crate) fn user_json(ctx: &Ctx<'_>, user_name: &str) -> Value {
    match ctx.store.users.iter().find(|u| u.user_name == user_name) {
        Some(u) => {
            json!({"userName": u.user_name, "firstName": u.first_name, "lastName": u.last_name})
        }
        None => json!({"userName": user_name}),
    }
}

pub(crate) fn victim_json(ctx: &Ctx<'_>, v: &VictimRec) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(v.id));
    for (k, val) in &v.fields {
        m.insert(k.clone(), val.clone());
    }
    m.insert(
        "webLink".into(),
        json!(format!(
            "{}/auth/victim/victim.xhtml?victim={}",
            ctx.store.web_base, v.id
        )),
    );
    super::includes(ctx, ObjRef::Victim(v.id), &mut m);
    Value::Object(m)
}

fn asset_type(branch: &str) -> Option<tc_core::api::VictimAssetType> {
    tc_core::api::VictimAssetType::from_branch(branch)
}

/// The display value of a victim asset.
fn asset_name(a: &VictimAssetRec) -> String {
    let field = match a.branch {
        "emailAddresses" => "address",
        "phoneNumbers" => "phoneType",
        "webSites" => "webSite",
        _ => "account",
    };
    a.fields
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn victim_asset_json(ctx: &Ctx<'_>, a: &VictimAssetRec, typed: bool) -> Value {
    let kind = asset_type(a.branch);
    let mut m = Map::new();
    m.insert("id".into(), json!(a.id));
    if typed {
        for (k, v) in &a.fields {
            m.insert(k.clone(), v.clone());
        }
    } else {
        m.insert("name".into(), json!(asset_name(a)));
    }
    m.insert("type".into(), json!(kind.map(|k| k.type_name())));
    m.insert(
        "webLink".into(),
        json!(format!(
            "{}/auth/victim/victim.xhtml?victim={}",
            ctx.store.web_base, a.victim
        )),
    );
    Value::Object(m)
}

pub(crate) fn adversary_asset_json(ctx: &Ctx<'_>, a: &AdversaryAssetRec, typed: bool) -> Value {
    let kind = tc_core::api::AdversaryAssetType::from_branch(a.branch);
    let mut m = Map::new();
    m.insert("id".into(), json!(a.id));
    if typed {
        if let Some(k) = kind {
            m.insert(k.field().into(), json!(a.value));
        }
    } else {
        m.insert("name".into(), json!(a.value));
    }
    m.insert("type".into(), json!(kind.map(|k| k.type_name())));
    m.insert(
        "webLink".into(),
        json!(format!(
            "{}/auth/adversary/adversary.xhtml?adversary={}",
            ctx.store.web_base, a.adversary
        )),
    );
    Value::Object(m)
}

/// The victim asset `id` as a 200 entity answer under `key`, or 404.
pub(crate) fn victim_asset_answer(ctx: &Ctx<'_>, key: &str, id: u64) -> Answer {
    let a = ctx
        .store
        .victim_assets
        .get(&id)
        .ok_or_else(reply::not_found)?;
    Ok(reply::entity(200, key, victim_asset_json(ctx, a, true)))
}

/// The adversary asset `id` as a 200 entity answer under `key`, or 404.
pub(crate) fn adversary_asset_answer(ctx: &Ctx<'_>, key: &str, id: u64) -> Answer {
    let a = ctx
        .store
        .adversary_assets
        .get(&id)
        .ok_or_else(reply::not_found)?;
    Ok(reply::entity(200, key, adversary_asset_json(ctx, a, true)))
}
