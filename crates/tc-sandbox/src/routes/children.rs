//! The shared children of every parent: attributes, tags, security
//! labels, and associations with groups, indicators, victims, victim
//! assets and tasks. Written once for every parent, like the core's path
//! tree. Links are stored undirected, so a link made from one side shows
//! under the other side's path too.

use serde_json::Value;

use super::common::{attribute_json, label_json, tag_json};
use super::indicators::{self, Shape, indicator_json};
use super::render::{GroupShape, group_json, task_json, victim_asset_json, victim_json};
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{AttributeRec, ObjRef};

/// A parent in the path tree.
#[derive(Debug, Clone)]
pub(crate) enum Parent {
    Item(ObjRef),
    Tag(String),
    Label(String),
}

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, parent: Parent, rest: &[&str]) -> Answer {
    match (rest.first().copied(), &parent) {
        (Some("attributes"), Parent::Item(item)) => attributes(ctx, method, *item, &rest[1..]),
        (Some("tags"), Parent::Item(item)) => tags(ctx, method, *item, &rest[1..]),
        (Some("securityLabels"), Parent::Item(item)) => labels(ctx, method, *item, &rest[1..]),
        (Some("groups"), _) => groups(ctx, method, &parent, &rest[1..]),
        (Some("indicators"), _) => linked_indicators(ctx, method, &parent, &rest[1..]),
        (Some("victims"), Parent::Item(item)) => {
            id_links(ctx, method, *item, &rest[1..], IdKind::Victim)
        }
        (Some("victimAssets"), Parent::Item(item)) => victim_assets(ctx, method, *item, &rest[1..]),
        (Some("tasks"), Parent::Item(item)) => {
            id_links(ctx, method, *item, &rest[1..], IdKind::Task)
        }
        _ => Err(reply::unmatched(ctx.req.raw_path())),
    }
}

fn attributes(ctx: &mut Ctx<'_>, method: &str, item: ObjRef, rest: &[&str]) -> Answer {
    let find = |ctx: &Ctx<'_>, id: &str| -> Result<u64, tc_core::HttpResponse> {
        id.parse::<u64>()
            .ok()
            .filter(|id| {
                ctx.store
                    .attributes
                    .get(id)
                    .is_some_and(|a| a.parent == item)
            })
            .ok_or_else(reply::not_found)
    };
    match (method, rest) {
        ("GET", []) => {
            let items = ctx
                .store
                .attributes
                .values()
                .filter(|a| a.parent == item)
                .map(|a| attribute_json(ctx, a))
                .collect();
            ctx.page("attribute", items)
        }
        ("POST", []) => {
            let body = ctx.body()?;
            let kind = body
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let value = body
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if kind.trim().is_empty() {
                return Err(reply::bad_request(
                    "The requested attribute type was not found",
                ));
            }
            if value.is_empty() {
                return Err(reply::bad_request("This attribute requires a value"));
            }
            let id = ctx.store.id();
            let rec = AttributeRec {
                id,
                parent: item,
                kind,
                value,
                source: body
                    .get("source")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                displayed: body
                    .get("displayed")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                date_added: ctx.now,
                last_modified: ctx.now,
                labels: Default::default(),
            };
            let out = attribute_json(ctx, &rec);
            ctx.store.attributes.insert(id, rec);
            ctx.store.wrote();
            Ok(reply::entity(201, "attribute", out))
        }
        ("GET", [id]) => {
            let id = find(ctx, id)?;
            let a = ctx.store.attributes.get(&id).ok_or_else(reply::not_found)?;
            Ok(reply::entity(200, "attribute", attribute_json(ctx, a)))
        }
        ("PUT", [id]) => {
            let id = find(ctx, id)?;
            let body = ctx.body()?;
            let now = ctx.now;
            if let Some(a) = ctx.store.attributes.get_mut(&id) {
                if let Some(v) = body.get("value").and_then(Value::as_str) {
                    a.value = v.to_string();
                }
                if let Some(v) = body.get("source").and_then(Value::as_str) {
                    a.source = Some(v.to_string());
                }
                if let Some(v) = body.get("displayed").and_then(Value::as_bool) {
                    a.displayed = v;
                }
                a.last_modified = now;
            }
            ctx.store.wrote();
            let a = ctx.store.attributes.get(&id).ok_or_else(reply::not_found)?;
            Ok(reply::entity(200, "attribute", attribute_json(ctx, a)))
        }
        ("DELETE", [id]) => {
            let id = find(ctx, id)?;
            ctx.store.attributes.remove(&id);
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        (_, [id, "securityLabels", tail @ ..]) => {
            let id = find(ctx, id)?;
            attribute_labels(ctx, method, id, tail)
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn attribute_labels(ctx: &mut Ctx<'_>, method: &str, id: u64, rest: &[&str]) -> Answer {
    let current: Vec<String> = ctx
        .store
        .attributes
        .get(&id)
        .map(|a| a.labels.iter().cloned().collect())
        .unwrap_or_default();
    match (method, rest) {
        ("GET", []) => {
            let items = current
                .iter()
                .filter_map(|l| ctx.store.labels.get(l))
                .map(label_json)
                .collect();
            ctx.page("securityLabel", items)
        }
        ("GET", [name]) => match current
            .iter()
            .find(|l| l == name)
            .and_then(|l| ctx.store.labels.get(l))
        {
            Some(l) => Ok(reply::entity(200, "securityLabel", label_json(l))),
            None => Err(reply::not_found()),
        },
        ("POST", [name]) => {
            if !ctx.store.labels.contains_key(*name) {
                return Err(reply::not_found());
            }
            if let Some(a) = ctx.store.attributes.get_mut(&id) {
                a.labels.insert(name.to_string());
            }
            ctx.store.wrote();
            Ok(reply::success(201))
        }
        ("DELETE", [name]) => {
            let removed = ctx
                .store
                .attributes
                .get_mut(&id)
                .is_some_and(|a| a.labels.remove(*name));
            if !removed {
                return Err(reply::not_found());
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// The longest tag name the service accepts.
const MAX_TAG: usize = 128;

fn tags(ctx: &mut Ctx<'_>, method: &str, item: ObjRef, rest: &[&str]) -> Answer {
    let owner = ctx.store.owner_of(item);
    match (method, rest) {
        ("GET", []) => {
            let items = ctx
                .store
                .tags_of(item)
                .iter()
                .map(|t| tag_json(ctx.store, owner, t))
                .collect();
            ctx.page("tag", items)
        }
        ("GET", [name]) => {
            if ctx.store.tags_of(item).iter().any(|t| t == name) {
                Ok(reply::entity(200, "tag", tag_json(ctx.store, owner, name)))
            } else {
                Err(reply::not_found())
            }
        }
        ("POST", [name]) => {
            let len = name.chars().count();
            if name.trim().is_empty() || len > MAX_TAG {
                return Err(reply::bad_request(&format!(
                    "The Name for this Tag is invalid, please enter a Name between 1-{MAX_TAG} characters in length"
                )));
            }
            ctx.store.tag(item, name);
            Ok(reply::success(201))
        }
        ("DELETE", [name]) => {
            if ctx.store.untag(item, name) {
                Ok(reply::success(200))
            } else {
                Err(reply::not_found())
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn labels(ctx: &mut Ctx<'_>, method: &str, item: ObjRef, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("GET", []) => {
            let items = ctx
                .store
                .labels_of(item)
                .iter()
                .filter_map(|l| ctx.store.labels.get(l))
                .map(label_json)
                .collect();
            ctx.page("securityLabel", items)
        }
        ("GET", [name]) => {
            let on = ctx.store.labels_of(item).iter().any(|l| l == name);
            match ctx.store.labels.get(*name) {
                Some(l) if on => Ok(reply::entity(200, "securityLabel", label_json(l))),
                _ => Err(reply::not_found()),
            }
        }
        ("POST", [name]) => {
            // Labels must exist already; they are not created by applying.
            if !ctx.store.labels.contains_key(*name) {
                return Err(reply::not_found());
            }
            if ctx
                .store
                .item_labels
                .entry(item)
                .or_default()
                .insert(name.to_string())
            {
                ctx.store.wrote();
            }
            Ok(reply::success(201))
        }
        ("DELETE", [name]) => {
            let removed = ctx
                .store
                .item_labels
                .get_mut(&item)
                .is_some_and(|l| l.remove(*name));
            if !removed {
                return Err(reply::not_found());
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// The items under a parent's `groups`/`indicators` child: linked items for
/// an item, tagged or labelled items for a tag or label.
fn related(ctx: &Ctx<'_>, parent: &Parent) -> Vec<ObjRef> {
    match parent {
        Parent::Item(item) => {
            let mut out = ctx.store.links_of(*item);
            // A victim's indicators are also those sharing a group with it.
            if let ObjRef::Victim(_) = item {
                for g in ctx.store.links_of(*item) {
                    if let ObjRef::Group(_) = g {
                        out.extend(
                            ctx.store
                                .links_of(g)
                                .into_iter()
                                .filter(|r| matches!(r, ObjRef::Indicator(_))),
                        );
                    }
                }
            }
            out.sort();
            out.dedup();
            out
        }
        Parent::Tag(name) => {
            let owner = ctx.owner().unwrap_or(crate::store::ORG_ID);
            ctx.store
                .item_tags
                .iter()
                .filter(|(item, tags)| tags.contains(name) && ctx.store.owner_of(**item) == owner)
                .map(|(item, _)| *item)
                .collect()
        }
        Parent::Label(name) => ctx
            .store
            .item_labels
            .iter()
            .filter(|(_, labels)| labels.contains(name))
            .map(|(item, _)| *item)
            .collect(),
    }
}

/// Links, tags or labels `target` from `parent`.
fn attach(ctx: &mut Ctx<'_>, parent: &Parent, target: ObjRef, add: bool) -> Answer {
    let changed = match parent {
        Parent::Item(item) => {
            if *item == target {
                return Err(reply::bad_request(
                    "An item cannot be associated with itself",
                ));
            }
            if add {
                ctx.store.link(*item, target);
                true
            } else {
                ctx.store.unlink(*item, target)
            }
        }
        Parent::Tag(name) => {
            if add {
                ctx.store.tag(target, name);
                true
            } else {
                ctx.store.untag(target, name)
            }
        }
        Parent::Label(name) => {
            if add {
                if ctx
                    .store
                    .item_labels
                    .entry(target)
                    .or_default()
                    .insert(name.clone())
                {
                    ctx.store.wrote();
                }
                true
            } else {
                let removed = ctx
                    .store
                    .item_labels
                    .get_mut(&target)
                    .is_some_and(|l| l.remove(name));
                if removed {
                    ctx.store.wrote();
                }
                removed
            }
        }
    };
    match (add, changed) {
        (true, _) => Ok(reply::success(201)),
        (false, true) => Ok(reply::success(200)),
        (false, false) => Err(reply::not_found()),
    }
}

fn groups(ctx: &mut Ctx<'_>, method: &str, parent: &Parent, rest: &[&str]) -> Answer {
    let related = related(ctx, parent);
    let linked_groups = |branch: Option<&str>| -> Vec<u64> {
        related
            .iter()
            .filter_map(|r| match r {
                ObjRef::Group(id) => Some(*id),
                _ => None,
            })
            .filter(|id| {
                ctx.store
                    .groups
                    .get(id)
                    .is_some_and(|g| branch.is_none_or(|b| g.branch == b))
            })
            .collect()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = linked_groups(None)
                .iter()
                .filter_map(|id| ctx.store.groups.get(id))
                .map(|g| group_json(ctx, g, GroupShape::Generic))
                .collect();
            ctx.page("group", items)
        }
        (_, [branch, ..]) if super::render::group_type(branch).is_none() => Err(reply::not_found()),
        ("GET", [branch]) => {
            let kind = super::render::group_type(branch).ok_or_else(reply::not_found)?;
            let items = linked_groups(Some(kind.branch()))
                .iter()
                .filter_map(|id| ctx.store.groups.get(id))
                .map(|g| group_json(ctx, g, GroupShape::Typed))
                .collect();
            ctx.page(kind.entity(), items)
        }
        (m, [branch, id]) => {
            let kind = super::render::group_type(branch).ok_or_else(reply::not_found)?;
            let id = super::known_id(id, |id| {
                ctx.store
                    .groups
                    .get(id)
                    .is_some_and(|g| g.branch == kind.branch())
            })?;
            match m {
                "GET" if linked_groups(Some(kind.branch())).contains(&id) => {
                    let g = ctx.store.groups.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(
                        200,
                        kind.entity(),
                        group_json(ctx, g, GroupShape::Single),
                    ))
                }
                "GET" => Err(reply::not_found()),
                "POST" => attach(ctx, parent, ObjRef::Group(id), true),
                "DELETE" => attach(ctx, parent, ObjRef::Group(id), false),
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn linked_indicators(ctx: &mut Ctx<'_>, method: &str, parent: &Parent, rest: &[&str]) -> Answer {
    let related = related(ctx, parent);
    let linked = |branch: Option<&str>| -> Vec<u64> {
        related
            .iter()
            .filter_map(|r| match r {
                ObjRef::Indicator(id) => Some(*id),
                _ => None,
            })
            .filter(|id| {
                ctx.store
                    .indicators
                    .get(id)
                    .is_some_and(|i| !i.deleted && branch.is_none_or(|b| i.branch == b))
            })
            .collect()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = linked(None)
                .iter()
                .filter_map(|id| ctx.store.indicators.get(id))
                .map(|i| indicator_json(ctx, i, Shape::Generic))
                .collect();
            ctx.page("indicator", items)
        }
        (_, [branch, ..]) if indicators::kind(branch).is_none() => Err(reply::not_found()),
        ("GET", [branch]) => {
            let kind = indicators::kind(branch).ok_or_else(reply::not_found)?;
            let items = linked(Some(kind.branch))
                .iter()
                .filter_map(|id| ctx.store.indicators.get(id))
                .map(|i| indicator_json(ctx, i, Shape::Typed))
                .collect();
            ctx.page(kind.entity, items)
        }
        (m, [branch, value]) => {
            // The target is found in the parent's owner (for pivots: the
            // request's owner); association writes never create it.
            let owner = match parent {
                Parent::Item(item) => ctx.store.owner_of(*item),
                _ => ctx.owner()?,
            };
            let (kind, id) = indicators::resolve(ctx, owner, branch, value)?;
            match m {
                "GET" if linked(Some(kind.branch)).contains(&id) => {
                    let i = ctx.store.indicators.get(&id).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(
                        200,
                        kind.entity,
                        indicator_json(ctx, i, Shape::Single),
                    ))
                }
                "GET" => Err(reply::not_found()),
                "POST" => attach(ctx, parent, ObjRef::Indicator(id), true),
                "DELETE" => attach(ctx, parent, ObjRef::Indicator(id), false),
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// Items linked by numeric id under a parent: victims and tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Victim,
    Task,
}

impl IdKind {
    fn key(self) -> &'static str {
        match self {
            IdKind::Victim => "victim",
            IdKind::Task => "task",
        }
    }

    fn obj(self, id: u64) -> ObjRef {
        match self {
            IdKind::Victim => ObjRef::Victim(id),
            IdKind::Task => ObjRef::Task(id),
        }
    }

    fn id_of(self, r: ObjRef) -> Option<u64> {
        match (self, r) {
            (IdKind::Victim, ObjRef::Victim(id)) | (IdKind::Task, ObjRef::Task(id)) => Some(id),
            _ => None,
        }
    }

    fn render(self, ctx: &Ctx<'_>, id: u64, single: bool) -> Option<Value> {
        match self {
            IdKind::Victim => ctx.store.victims.get(&id).map(|v| victim_json(ctx, v)),
            IdKind::Task => ctx.store.tasks.get(&id).map(|t| task_json(ctx, t, single)),
        }
    }
}

fn id_links(ctx: &mut Ctx<'_>, method: &str, item: ObjRef, rest: &[&str], kind: IdKind) -> Answer {
    let linked: Vec<u64> = ctx
        .store
        .links_of(item)
        .into_iter()
        .filter_map(|r| kind.id_of(r))
        .collect();
    match (method, rest) {
        ("GET", []) => {
            let items = linked
                .iter()
                .filter_map(|id| kind.render(ctx, *id, false))
                .collect();
            ctx.page(kind.key(), items)
        }
        (m, [id]) => {
            let id = super::known_id(id, |id| kind.render(ctx, *id, false).is_some())?;
            match m {
                "GET" if linked.contains(&id) => {
                    let one = kind.render(ctx, id, true).ok_or_else(reply::not_found)?;
                    Ok(reply::entity(200, kind.key(), one))
                }
                "GET" => Err(reply::not_found()),
                "POST" => {
                    // A victim needs an asset before it can be associated.
                    if kind == IdKind::Victim
                        && !ctx.store.victim_assets.values().any(|a| a.victim == id)
                    {
                        return Err(reply::bad_request(
                            "A Victim must have at least one asset before it can be associated",
                        ));
                    }
                    attach(ctx, &Parent::Item(item), kind.obj(id), true)
                }
                "DELETE" => attach(ctx, &Parent::Item(item), kind.obj(id), false),
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn victim_assets(ctx: &mut Ctx<'_>, method: &str, item: ObjRef, rest: &[&str]) -> Answer {
    let linked: Vec<u64> = match item {
        // A victim's own assets.
        ObjRef::Victim(v) => ctx
            .store
            .victim_assets
            .values()
            .filter(|a| a.victim == v)
            .map(|a| a.id)
            .collect(),
        _ => ctx
            .store
            .links_of(item)
            .into_iter()
            .filter_map(|r| match r {
                ObjRef::VictimAsset(id) => Some(id),
                _ => None,
            })
            .collect(),
    };
    let of_branch = |branch: &str| -> Vec<u64> {
        linked
            .iter()
            .copied()
            .filter(|id| {
                ctx.store
                    .victim_assets
                    .get(id)
                    .is_some_and(|a| a.branch == branch)
            })
            .collect()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = linked
                .iter()
                .filter_map(|id| ctx.store.victim_assets.get(id))
                .map(|a| victim_asset_json(ctx, a, false))
                .collect();
            ctx.page("victimAsset", items)
        }
        (_, [branch, ..]) if tc_core::api::VictimAssetType::from_branch(branch).is_none() => {
            Err(reply::not_found())
        }
        ("GET", [branch]) => {
            let kind =
                tc_core::api::VictimAssetType::from_branch(branch).ok_or_else(reply::not_found)?;
            let items = of_branch(kind.branch())
                .iter()
                .filter_map(|id| ctx.store.victim_assets.get(id))
                .map(|a| victim_asset_json(ctx, a, true))
                .collect();
            ctx.page(kind.entity(), items)
        }
        ("POST", [branch]) if matches!(item, ObjRef::Victim(_)) => {
            super::victims::create_asset(ctx, item, branch)
        }
        (m, [branch, id]) => {
            let kind =
                tc_core::api::VictimAssetType::from_branch(branch).ok_or_else(reply::not_found)?;
            let id = super::known_id(id, |id| {
                ctx.store
                    .victim_assets
                    .get(id)
                    .is_some_and(|a| a.branch == kind.branch())
            })?;
            if let ObjRef::Victim(_) = item {
                return super::victims::asset_item(
                    ctx,
                    m,
                    kind,
                    id,
                    of_branch(kind.branch()).contains(&id),
                );
            }
            match m {
                "GET" if linked.contains(&id) => {
                    super::render::victim_asset_answer(ctx, kind.entity(), id)
                }
                "GET" => Err(reply::not_found()),
                "POST" => attach(ctx, &Parent::Item(item), ObjRef::VictimAsset(id), true),
                "DELETE" => attach(ctx, &Parent::Item(item), ObjRef::VictimAsset(id), false),
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}
