//! `/v2/tags…` and `/v2/securityLabels…`.

use serde_json::Value;

use super::children::{self, Parent};
use super::common::{label_json, tag_json};
use super::{Answer, Ctx};
use crate::reply;

pub(crate) fn tags(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    let owner = ctx.owner()?;
    match (method, rest) {
        ("GET", []) => {
            let items = ctx
                .store
                .tags
                .keys()
                .filter(|(o, _)| *o == owner)
                .map(|(_, name)| {
                    let mut v = tag_json(ctx.store, owner, name);
                    let weight = ctx
                        .store
                        .item_tags
                        .values()
                        .filter(|t| t.contains(name))
                        .count();
                    if let Some(m) = v.as_object_mut() {
                        m.insert("weight".into(), Value::from(weight));
                    }
                    v
                })
                .collect();
            ctx.page("tag", items)
        }
        ("POST", []) => {
            let body = ctx.body()?;
            let name = body
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if name.trim().is_empty() || name.chars().count() > 128 {
                return Err(reply::bad_request(
                    "The Name for this Tag is invalid, please enter a Name between 1-128 characters in length",
                ));
            }
            let description = body
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string);
            ctx.store.tags.insert((owner, name.clone()), description);
            ctx.store.wrote();
            Ok(reply::entity(201, "tag", tag_json(ctx.store, owner, &name)))
        }
        (_, [name, tail @ ..]) => {
            let key = (owner, name.to_string());
            if !ctx.store.tags.contains_key(&key) {
                return Err(reply::not_found());
            }
            match (method, tail) {
                ("GET", []) => Ok(reply::entity(200, "tag", tag_json(ctx.store, owner, name))),
                ("PUT", []) => {
                    let body = ctx.body()?;
                    let new = body
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or(name)
                        .to_string();
                    if new.trim().is_empty() || new.chars().count() > 128 {
                        return Err(reply::bad_request(
                            "The Name for this Tag is invalid, please enter a Name between 1-128 characters in length",
                        ));
                    }
                    let description = body
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .or_else(|| ctx.store.tags.get(&key).cloned().flatten());
                    ctx.store.tags.remove(&key);
                    ctx.store.tags.insert((owner, new.clone()), description);
                    let items: Vec<_> = ctx.store.item_tags.keys().copied().collect();
                    for item in items {
                        if ctx.store.owner_of(item) != owner {
                            continue;
                        }
                        if let Some(t) = ctx.store.item_tags.get_mut(&item)
                            && t.remove(*name)
                        {
                            t.insert(new.clone());
                        }
                    }
                    ctx.store.wrote();
                    Ok(reply::entity(200, "tag", tag_json(ctx.store, owner, &new)))
                }
                ("DELETE", []) => {
                    ctx.store.tags.remove(&key);
                    let items: Vec<_> = ctx.store.item_tags.keys().copied().collect();
                    for item in items {
                        if ctx.store.owner_of(item) == owner
                            && let Some(t) = ctx.store.item_tags.get_mut(&item)
                        {
                            t.remove(*name);
                        }
                    }
                    ctx.store.wrote();
                    Ok(reply::success(200))
                }
                _ => children::route(ctx, method, Parent::Tag(name.to_string()), tail),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

pub(crate) fn labels(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    ctx.owner()?;
    match (method, rest) {
        ("GET", []) => {
            let items = ctx.store.labels.values().map(label_json).collect();
            ctx.page("securityLabel", items)
        }
        (_, [name, tail @ ..]) => {
            if !ctx.store.labels.contains_key(*name) {
                return Err(reply::not_found());
            }
            match (method, tail) {
                ("GET", []) => {
                    let l = ctx.store.labels.get(*name).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, "securityLabel", label_json(l)))
                }
                ("DELETE", []) => {
                    ctx.store.labels.remove(*name);
                    for l in ctx.store.item_labels.values_mut() {
                        l.remove(*name);
                    }
                    for a in ctx.store.attributes.values_mut() {
                        a.labels.remove(*name);
                    }
                    ctx.store.wrote();
                    Ok(reply::success(200))
                }
                _ => children::route(ctx, method, Parent::Label(name.to_string()), tail),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}
