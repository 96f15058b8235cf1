//! `/v2/groups…`, with the adversary, document and signature branches.

use serde_json::{Map, Value, json};

use super::children::{self, Parent};
use super::render::{GroupShape, adversary_asset_json, group_json, group_type};
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{AdversaryAssetRec, GroupRec, ObjRef};

/// The fields each type keeps, and the ones a create needs besides `name`.
fn fields_of(branch: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match branch {
        "campaigns" => (&["firstSeen"], &[]),
        "documents" => (&["fileName", "malware", "password"], &["fileName"]),
        "reports" => (&["fileName", "publishDate"], &["fileName"]),
        "emails" => (
            &["subject", "header", "body", "to", "from", "score"],
            &["subject", "header", "body"],
        ),
        "events" => (&["eventDate", "status"], &["eventDate"]),
        "incidents" => (&["eventDate", "status"], &["eventDate"]),
        "signatures" => (
            &["fileName", "fileType", "fileText"],
            &["fileName", "fileType", "fileText"],
        ),
        _ => (&[], &[]),
    }
}

const INCIDENT_STATUSES: &[&str] = &[
    "New",
    "Open",
    "Stalled",
    "Containment Achieved",
    "Restoration Achieved",
    "Incident Reported",
    "Closed",
    "Rejected",
    "Deleted",
];
const SIGNATURE_TYPES: &[&str] = &[
    "Bro",
    "ClamAV",
    "CybOX",
    "Iris Search Hash",
    "KQL",
    "OpenIOC",
    "Regex",
    "SPL",
    "Sigma",
    "Snort",
    "Suricata",
    "TQL Query",
    "YARA",
];

fn validate(
    branch: &str,
    entity: &str,
    body: &Map<String, Value>,
    create: bool,
) -> Result<(), tc_core::HttpResponse> {
    let (_, required) = fields_of(branch);
    let missing = |f: &str| {
        body.get(f)
            .is_none_or(|v| v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()))
    };
    if create && missing("name") {
        return Err(reply::bad_request(&format!(
            "The Name for this {entity} is invalid, please enter a Name"
        )));
    }
    if create && let Some(f) = required.iter().find(|f| missing(f)) {
        return Err(reply::bad_request(&format!(
            "The {f} for this {entity} is invalid, please enter a value"
        )));
    }
    for date in ["eventDate", "firstSeen", "publishDate"] {
        if let Some(v) = body.get(date).and_then(Value::as_str)
            && tc_core::parse_datetime(v).is_none()
        {
            return Err(reply::bad_request(&format!(
                "The {date} for this {entity} is invalid, please enter a valid date"
            )));
        }
    }
    if branch == "incidents"
        && let Some(s) = body.get("status").and_then(Value::as_str)
        && !INCIDENT_STATUSES.contains(&s)
    {
        return Err(reply::bad_request(&format!(
            "The Status for this Incident is invalid, please enter one of the following values: {}",
            INCIDENT_STATUSES.join(", ")
        )));
    }
    if branch == "signatures"
        && let Some(t) = body.get("fileType").and_then(Value::as_str)
        && !SIGNATURE_TYPES.iter().any(|s| s.eq_ignore_ascii_case(t))
    {
        return Err(reply::bad_request(&format!(
            "The File Type for this Signature is invalid, please enter one of the following values: {}",
            SIGNATURE_TYPES.join(", ")
        )));
    }
    if branch == "documents"
        && body.get("malware").and_then(Value::as_bool) == Some(true)
        && missing("password")
    {
        return Err(reply::bad_request(
            "The Password for this Document is invalid, a malware Document needs a password",
        ));
    }
    Ok(())
}

fn store_fields(rec: &mut GroupRec, body: &Map<String, Value>) {
    if let Some(name) = body.get("name").and_then(Value::as_str) {
        rec.name = name.to_string();
    }
    let (kept, _) = fields_of(&rec.branch);
    for f in kept {
        if let Some(v) = body.get(*f) {
            let v = match v.as_str().and_then(tc_core::parse_datetime) {
                Some(d) if f.ends_with("Date") || *f == "firstSeen" => {
                    json!(tc_core::format_datetime(&d))
                }
                _ => v.clone(),
            };
            rec.fields.insert(f.to_string(), v);
        }
    }
}

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("GET", []) => {
            let owner = ctx.owner()?;
            let items = ctx
                .store
                .groups
                .values()
                .filter(|g| g.owner == owner)
                .map(|g| group_json(ctx, g, GroupShape::Generic))
                .collect();
            ctx.page("group", items)
        }
        (_, [branch, ..]) if group_type(branch).is_none() => Err(reply::not_found()),
        ("GET", [branch]) => {
            let owner = ctx.owner()?;
            let kind = group_type(branch).ok_or_else(reply::not_found)?;
            let items = ctx
                .store
                .groups
                .values()
                .filter(|g| g.owner == owner && g.branch == kind.branch())
                .map(|g| group_json(ctx, g, GroupShape::Typed))
                .collect();
            ctx.page(kind.entity(), items)
        }
        ("POST", [branch]) => {
            let owner = ctx.owner()?;
            let kind = group_type(branch).ok_or_else(reply::not_found)?;
            let body = ctx.body()?;
            validate(kind.branch(), kind.name(), &body, true)?;
            let id = ctx.store.id();
            let mut rec = GroupRec {
                id,
                owner,
                branch: kind.branch().to_string(),
                date_added: ctx.now,
                last_modified: ctx.now,
                xid: format!("sandbox:{id}"),
                ..GroupRec::default()
            };
            store_fields(&mut rec, &body);
            if matches!(kind.branch(), "documents" | "reports") {
                rec.fields.insert("fileSize".into(), json!(0));
                rec.fields.insert("status".into(), json!("Awaiting Upload"));
                rec.fields.entry("malware").or_insert(json!(false));
            }
            ctx.store.groups.insert(id, rec);
            ctx.store.wrote();
            let g = ctx.store.groups.get(&id).ok_or_else(reply::not_found)?;
            Ok(reply::entity(
                201,
                kind.entity(),
                group_json(ctx, g, GroupShape::Single),
            ))
        }
        (_, [branch, id, tail @ ..]) => {
            let kind = group_type(branch).ok_or_else(reply::not_found)?;
            // Group ids are global, so `owner=` is ignored here.
            let id = super::known_id(id, |id| {
                ctx.store
                    .groups
                    .get(id)
                    .is_some_and(|g| g.branch == kind.branch())
            })?;
            item(ctx, method, kind, id, tail)
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn item(
    ctx: &mut Ctx<'_>,
    method: &str,
    kind: tc_core::api::GroupType,
    id: u64,
    rest: &[&str],
) -> Answer {
    let single = |ctx: &Ctx<'_>, status| -> Answer {
        let g = ctx.store.groups.get(&id).ok_or_else(reply::not_found)?;
        Ok(reply::entity(
            status,
            kind.entity(),
            group_json(ctx, g, GroupShape::Single),
        ))
    };
    match (method, rest) {
        ("GET", []) => single(ctx, 200),
        ("PUT", []) => {
            let body = ctx.body()?;
            validate(kind.branch(), kind.name(), &body, false)?;
            let now = ctx.now;
            if let Some(g) = ctx.store.groups.get_mut(&id) {
                store_fields(g, &body);
                g.last_modified = now;
            }
            ctx.store.wrote();
            single(ctx, 200)
        }
        ("DELETE", []) => {
            ctx.store.groups.remove(&id);
            ctx.store.adversary_assets.retain(|_, a| a.adversary != id);
            ctx.store.forget(ObjRef::Group(id));
            Ok(reply::success(200))
        }
        ("POST", ["publish"]) => {
            ctx.body()?;
            Ok(reply::success(200))
        }
        (m, ["upload"]) if matches!(kind.branch(), "documents" | "reports") => upload(ctx, m, id),
        ("GET", ["download"]) if matches!(kind.branch(), "documents" | "reports") => {
            match ctx.store.groups.get(&id).and_then(|g| g.content.clone()) {
                Some(bytes) => Ok(reply::raw(200, "application/octet-stream", bytes)),
                None => Err(reply::not_found()),
            }
        }
        ("GET", ["download"]) if kind.branch() == "signatures" => {
            let text = ctx
                .store
                .groups
                .get(&id)
                .and_then(|g| g.fields.get("fileText"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            Ok(reply::raw(200, "text/plain", text.into_bytes()))
        }
        (_, ["adversaryAssets", tail @ ..]) if kind.branch() == "adversaries" => {
            assets(ctx, method, id, tail)
        }
        _ => children::route(ctx, method, Parent::Item(ObjRef::Group(id)), rest),
    }
}

/// POST uploads first content (401 when content exists, unless
/// `updateIfExists=true`); PUT always replaces.
fn upload(ctx: &mut Ctx<'_>, method: &str, id: u64) -> Answer {
    let has_content = ctx
        .store
        .groups
        .get(&id)
        .is_some_and(|g| g.content.is_some());
    let update = ctx
        .req
        .param("updateIfExists")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    match method {
        "POST" if has_content && !update => Err(reply::failure(
            401,
            "The document already has content; use PUT or updateIfExists=true to replace it",
        )),
        "POST" | "PUT" => {
            let bytes = ctx.req.body.clone();
            if let Some(g) = ctx.store.groups.get_mut(&id) {
                let malware = g.fields.get("malware").and_then(Value::as_bool) == Some(true);
                // A malware document must be a (password-protected) zip.
                if malware && !bytes.starts_with(b"PK") {
                    return Err(reply::bad_request(
                        "A malware document must be a password-protected zip file",
                    ));
                }
                g.fields.insert("fileSize".into(), json!(bytes.len()));
                g.fields.insert("status".into(), json!("Success"));
                g.content = Some(bytes);
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn assets(ctx: &mut Ctx<'_>, method: &str, adversary: u64, rest: &[&str]) -> Answer {
    let of = |ctx: &Ctx<'_>, branch: Option<&str>| -> Vec<u64> {
        ctx.store
            .adversary_assets
            .values()
            .filter(|a| a.adversary == adversary && branch.is_none_or(|b| a.branch == b))
            .map(|a| a.id)
            .collect()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = of(ctx, None)
                .iter()
                .filter_map(|id| ctx.store.adversary_assets.get(id))
                .map(|a| adversary_asset_json(ctx, a, false))
                .collect();
            ctx.page("bucketAsset", items)
        }
        (m, [branch, tail @ ..]) => {
            let kind = tc_core::api::AdversaryAssetType::from_branch(branch)
                .ok_or_else(reply::not_found)?;
            match (m, tail) {
                ("GET", []) => {
                    let items = of(ctx, Some(kind.branch()))
                        .iter()
                        .filter_map(|id| ctx.store.adversary_assets.get(id))
                        .map(|a| adversary_asset_json(ctx, a, true))
                        .collect();
                    ctx.page(kind.entity(), items)
                }
                ("POST", []) => {
                    let body = ctx.body()?;
                    let value = body
                        .get(kind.field())
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string();
                    if value.trim().is_empty() {
                        return Err(reply::bad_request(&format!(
                            "The {} for this Adversary Asset is invalid",
                            kind.field()
                        )));
                    }
                    let id = ctx.store.id();
                    let rec = AdversaryAssetRec {
                        id,
                        adversary,
                        branch: kind.branch(),
                        value,
                    };
                    let out = adversary_asset_json(ctx, &rec, true);
                    ctx.store.adversary_assets.insert(id, rec);
                    ctx.store.wrote();
                    Ok(reply::entity(201, kind.entity(), out))
                }
                (m, [id]) => {
                    let id = super::known_id(id, |id| of(ctx, Some(kind.branch())).contains(id))?;
                    match m {
                        "GET" => super::render::adversary_asset_answer(ctx, kind.entity(), id),
                        "PUT" => {
                            let body = ctx.body()?;
                            let Some(value) = body.get(kind.field()).and_then(Value::as_str) else {
                                return Err(reply::bad_request(&format!(
                                    "The {} for this Adversary Asset is invalid",
                                    kind.field()
                                )));
                            };
                            if let Some(a) = ctx.store.adversary_assets.get_mut(&id) {
                                a.value = value.to_string();
                            }
                            ctx.store.wrote();
                            super::render::adversary_asset_answer(ctx, kind.entity(), id)
                        }
                        "DELETE" => {
                            ctx.store.adversary_assets.remove(&id);
                            ctx.store.wrote();
                            Ok(reply::success(200))
                        }
                        _ => Err(reply::method_not_allowed()),
                    }
                }
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}
