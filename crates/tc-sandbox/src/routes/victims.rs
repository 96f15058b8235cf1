//! `/v2/victims…`.

use serde_json::Value;

use super::children::{self, Parent};
use super::render::{victim_asset_json, victim_json};
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{ObjRef, VictimAssetRec, VictimRec};

const FIELDS: &[&str] = &[
    "name",
    "description",
    "org",
    "suborg",
    "workLocation",
    "nationality",
];

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("GET", []) => {
            let owner = ctx.owner()?;
            let items = ctx
                .store
                .victims
                .values()
                .filter(|v| v.owner == owner)
                .map(|v| victim_json(ctx, v))
                .collect();
            ctx.page("victim", items)
        }
        ("POST", []) => {
            let owner = ctx.owner()?;
            let body = ctx.body()?;
            if body
                .get("name")
                .and_then(Value::as_str)
                .is_none_or(|n| n.trim().is_empty())
            {
                return Err(reply::bad_request(
                    "The Name for this Victim is invalid, please enter a Name",
                ));
            }
            let id = ctx.store.id();
            let fields = FIELDS
                .iter()
                .filter_map(|f| body.get(*f).map(|v| (f.to_string(), v.clone())))
                .collect();
            let rec = VictimRec { id, owner, fields };
            let out = victim_json(ctx, &rec);
            ctx.store.victims.insert(id, rec);
            ctx.store.wrote();
            Ok(reply::entity(201, "victim", out))
        }
        (_, [id, tail @ ..]) => {
            let id = super::known_id(id, |id| ctx.store.victims.contains_key(id))?;
            match (method, tail) {
                ("GET", []) => {
                    let v = ctx.store.victims.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, "victim", victim_json(ctx, v)))
                }
                ("PUT", []) => {
                    let body = ctx.body()?;
                    if let Some(v) = ctx.store.victims.get_mut(&id) {
                        for f in FIELDS {
                            if let Some(value) = body.get(*f) {
                                v.fields.insert(f.to_string(), value.clone());
                            }
                        }
                    }
                    ctx.store.wrote();
                    let v = ctx.store.victims.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, "victim", victim_json(ctx, v)))
                }
                ("DELETE", []) => {
                    ctx.store.victims.remove(&id);
                    let assets: Vec<u64> = ctx
                        .store
                        .victim_assets
                        .values()
                        .filter(|a| a.victim == id)
                        .map(|a| a.id)
                        .collect();
                    for a in assets {
                        ctx.store.victim_assets.remove(&a);
                        ctx.store.forget(ObjRef::VictimAsset(a));
                    }
                    ctx.store.forget(ObjRef::Victim(id));
                    Ok(reply::success(200))
                }
                _ => children::route(ctx, method, Parent::Item(ObjRef::Victim(id)), tail),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// The required field of each asset type and the fields it keeps.
fn asset_fields(branch: &str) -> (&'static str, &'static [&'static str]) {
    match branch {
        "emailAddresses" => ("address", &["address", "addressType"]),
        "networkAccounts" => ("account", &["account", "network"]),
        "phoneNumbers" => ("phoneType", &["phoneType"]),
        "socialNetworks" => ("account", &["account", "network"]),
        _ => ("webSite", &["webSite"]),
    }
}

pub(crate) fn create_asset(ctx: &mut Ctx<'_>, victim: ObjRef, branch: &str) -> Answer {
    let ObjRef::Victim(victim) = victim else {
        return Err(reply::not_found());
    };
    let kind = tc_core::api::VictimAssetType::from_branch(branch).ok_or_else(reply::not_found)?;
    let body = ctx.body()?;
    let (required, fields) = asset_fields(kind.branch());
    if body
        .get(required)
        .and_then(Value::as_str)
        .is_none_or(|v| v.trim().is_empty())
    {
        return Err(reply::bad_request(&format!(
            "The {required} for this Victim Asset is invalid, please enter a value"
        )));
    }
    let id = ctx.store.id();
    let rec = VictimAssetRec {
        id,
        victim,
        branch: kind.branch(),
        fields: fields
            .iter()
            .filter_map(|f| body.get(*f).map(|v| (f.to_string(), v.clone())))
            .collect(),
    };
    let out = victim_asset_json(ctx, &rec, true);
    ctx.store.victim_assets.insert(id, rec);
    ctx.store.wrote();
    Ok(reply::entity(201, kind.entity(), out))
}

pub(crate) fn asset_item(
    ctx: &mut Ctx<'_>,
    method: &str,
    kind: tc_core::api::VictimAssetType,
    id: u64,
    owned: bool,
) -> Answer {
    if !owned {
        return Err(reply::not_found());
    }
    match method {
        "GET" => super::render::victim_asset_answer(ctx, kind.entity(), id),
        "PUT" => {
            let body = ctx.body()?;
            let (_, fields) = asset_fields(kind.branch());
            if let Some(a) = ctx.store.victim_assets.get_mut(&id) {
                for f in fields {
                    if let Some(v) = body.get(*f) {
                        a.fields.insert(f.to_string(), v.clone());
                    }
                }
            }
            ctx.store.wrote();
            super::render::victim_asset_answer(ctx, kind.entity(), id)
        }
        "DELETE" => {
            ctx.store.victim_assets.remove(&id);
            ctx.store.forget(ObjRef::VictimAsset(id));
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}
