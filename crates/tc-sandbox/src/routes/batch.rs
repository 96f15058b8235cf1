//! `/v2/batch…`: jobs that really run.
//!
//! A job is created (`POST /v2/batch`), gets its data (`POST /v2/batch/{id}`,
//! answered 202 Queued), and moves one step per status poll:
//! Queued → Running (the data is applied on this step) → Completed. Errors
//! are readable once the job has completed: 404 when there are none,
//! otherwise a gzip-encoded JSON array.

use std::io::{Read as _, Write as _};

use serde_json::{Map, Value, json};

use super::indicator_items::{apply_common, values};
use super::indicators::{find, kind_named};
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{GroupRec, IndicatorRec, ObjRef};

/// The most indicators one job may hold.
pub(crate) const MAX_BATCH_ITEMS: usize = 25_000;
/// The largest upload, in bytes (a server setting on real instances).
pub(crate) const MAX_BATCH_BYTES: usize = 5_000_000;

/// A batch job.
#[derive(Debug, Clone, Default)]
pub(crate) struct Job {
    pub owner: u64,
    pub config: Map<String, Value>,
    pub status: &'static str,
    pub data: Option<Vec<u8>>,
    pub success: i64,
    pub success_indicators: i64,
    pub success_groups: i64,
    pub error_indicators: i64,
    pub error_groups: i64,
    pub unprocessed: i64,
    pub errors: Vec<Value>,
}

fn invalid(status: u16, description: &str) -> tc_core::HttpResponse {
    reply::json(
        status,
        &json!({"status": "Invalid", "description": description}),
    )
}

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("POST", []) => create(ctx),
        (_, [id, tail @ ..]) => {
            let id = super::known_id(id, |id| ctx.store.batches.contains_key(id))?;
            match (method, tail) {
                ("POST", []) => upload(ctx, id),
                ("GET", []) => Ok(status(ctx, id)),
                ("GET", ["errors"]) => errors(ctx, id),
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

fn create(ctx: &mut Ctx<'_>) -> Answer {
    let body = ctx.body()?;
    let owner_name = body
        .get("owner")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if owner_name.trim().is_empty() {
        return Err(reply::bad_request(
            "The owner for this batch job is required",
        ));
    }
    let owner = ctx
        .store
        .owner_named(owner_name)
        .map(|o| o.id)
        .ok_or_else(|| reply::failure(403, reply::OWNER_NOT_FOUND))?;
    let action = body
        .get("action")
        .and_then(Value::as_str)
        .unwrap_or("Create");
    if !matches!(action, "Create" | "Delete") {
        return Err(reply::bad_request(
            "The action for this batch job is invalid, please enter one of the following values: Create, Delete",
        ));
    }
    let write = body
        .get("attributeWriteType")
        .and_then(Value::as_str)
        .unwrap_or("Append");
    if !matches!(write, "Append" | "Replace" | "Static" | "Singleton") {
        return Err(reply::bad_request(
            "The attributeWriteType for this batch job is invalid, please enter one of the following values: Append, Replace, Static, Singleton",
        ));
    }
    let id = ctx.store.id();
    ctx.store.batches.insert(
        id,
        Job {
            owner,
            config: body,
            status: "Created",
            ..Job::default()
        },
    );
    ctx.store.wrote();
    Ok(reply::entity(201, "batchId", json!(id)))
}

fn upload(ctx: &mut Ctx<'_>, id: u64) -> Answer {
    let Some(job) = ctx.store.batches.get(&id) else {
        return Err(reply::not_found());
    };
    if job.status != "Created" {
        return Err(invalid(
            400,
            "Batch data has already been uploaded for this job",
        ));
    }
    let mut data = ctx.req.body.clone();
    let gzip = ctx
        .req
        .header("content-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
    if gzip || data.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if flate2::read::GzDecoder::new(data.as_slice())
            .read_to_end(&mut out)
            .is_err()
        {
            return Err(invalid(400, "The batch data is not valid gzip"));
        }
        data = out;
    }
    if data.len() > MAX_BATCH_BYTES {
        return Err(invalid(
            400,
            &format!("File size greater than allowable limit of {MAX_BATCH_BYTES}"),
        ));
    }
    if let Some(job) = ctx.store.batches.get_mut(&id) {
        job.data = Some(data);
        job.status = "Queued";
    }
    ctx.store.wrote();
    Ok(reply::json(
        202,
        &json!({"status": "Success", "data": {"batchStatus": {"id": id, "status": "Queued"}}}),
    ))
}

fn status(ctx: &mut Ctx<'_>, id: u64) -> tc_core::HttpResponse {
    let step = ctx
        .store
        .batches
        .get(&id)
        .map(|j| j.status)
        .unwrap_or("Created");
    match step {
        "Queued" => {
            if let Some(job) = ctx.store.batches.get_mut(&id) {
                job.status = "Running";
            }
            run(ctx, id);
        }
        "Running" => {
            if let Some(job) = ctx.store.batches.get_mut(&id) {
                job.status = "Completed";
            }
        }
        _ => {}
    }
    let Some(job) = ctx.store.batches.get(&id) else {
        return reply::not_found();
    };
    let mut s = Map::new();
    s.insert("id".into(), json!(id));
    s.insert("status".into(), json!(job.status));
    if job.status == "Completed" || job.status == "Running" {
        s.insert("errorCount".into(), json!(job.errors.len()));
        s.insert("successCount".into(), json!(job.success));
        s.insert("unprocessCount".into(), json!(job.unprocessed));
        if ctx.include("additional") {
            s.insert(
                "successIndicatorCount".into(),
                json!(job.success_indicators),
            );
            s.insert("errorIndicatorCount".into(), json!(job.error_indicators));
            s.insert("successGroupCount".into(), json!(job.success_groups));
            s.insert("errorGroupCount".into(), json!(job.error_groups));
        }
    }
    reply::entity(200, "batchStatus", Value::Object(s))
}

fn errors(ctx: &mut Ctx<'_>, id: u64) -> Answer {
    let Some(job) = ctx.store.batches.get(&id) else {
        return Err(reply::not_found());
    };
    if job.status != "Completed" {
        return Err(invalid(
            400,
            &format!("Batch still in {} state", job.status),
        ));
    }
    if job.errors.is_empty() {
        return Err(reply::not_found());
    }
    let json = serde_json::to_vec(&job.errors).unwrap_or_default();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let body = match gz.write_all(&json).and_then(|()| gz.finish()) {
        Ok(b) => b,
        Err(_) => return Err(reply::failure(500, "An unknown error occurred")),
    };
    Ok(reply::raw(200, "application/octet-stream", body).with_header("Content-Encoding", "gzip"))
}

/// Turns a batch item into the fields of a create body.
fn create_body(kind: &super::indicators::Kind, item: &Map<String, Value>) -> Map<String, Value> {
    let mut body = item.clone();
    let summary = item
        .get("summary")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let parts: Vec<&str> = summary.split(" : ").map(str::trim).collect();
    if kind.branch == "files" {
        for part in parts.iter().filter(|p| !p.is_empty()) {
            let field = match part.len() {
                32 => "md5",
                40 => "sha1",
                _ => "sha256",
            };
            body.entry(field).or_insert(json!(part));
        }
    } else {
        for (label, part) in kind.labels.iter().zip(&parts) {
            body.entry(*label).or_insert(json!(part));
        }
    }
    if let (Some(f1), false) = (item.get("flag1"), body.contains_key("dnsActive")) {
        body.insert("dnsActive".into(), f1.clone());
    }
    body
}

/// Applies a job's data: V1 is an array of indicators, V2 an object with
/// `indicator`, `group` and `association` arrays.
fn run(ctx: &mut Ctx<'_>, id: u64) {
    let Some(job) = ctx.store.batches.get(&id).cloned() else {
        return;
    };
    let data: Value = match job.data.as_deref().map(serde_json::from_slice) {
        Some(Ok(v)) => v,
        _ => {
            finish(
                ctx,
                id,
                0,
                vec![
                    json!({"errorReason": "The batch file is not valid JSON", "errorSource": "0x1003 JsonSyntax"}),
                ],
                0,
                (0, 0, 0, 0),
            );
            return;
        }
    };
    let (indicators, groups) = match &data {
        Value::Array(items) => (items.clone(), Vec::new()),
        Value::Object(m) => (
            m.get("indicator")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            m.get("group")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let halt = job
        .config
        .get("haltOnError")
        .is_some_and(|v| v == &json!(true) || v == &json!("true"));
    let delete = job.config.get("action").and_then(Value::as_str) == Some("Delete");
    let mut errors = Vec::new();
    let (mut ok_i, mut ok_g, mut bad_i, mut bad_g) = (0i64, 0i64, 0i64, 0i64);
    let total = indicators.len() + groups.len();
    if indicators.len() > MAX_BATCH_ITEMS {
        let reason =
            format!("0x1008 Indicator Limit: a job holds at most {MAX_BATCH_ITEMS} indicators");
        finish(
            ctx,
            id,
            0,
            vec![json!({"errorReason": reason, "errorSource": "batch"})],
            total as i64,
            (0, 0, 0, 0),
        );
        return;
    }
    let mut processed = 0usize;
    for item in &indicators {
        if halt && !errors.is_empty() {
            break;
        }
        processed += 1;
        match apply_indicator(ctx, job.owner, item, delete) {
            Ok(()) => ok_i += 1,
            Err(e) => {
                bad_i += 1;
                errors.push(e);
            }
        }
    }
    for item in &groups {
        if halt && !errors.is_empty() {
            break;
        }
        processed += 1;
        match apply_group(ctx, job.owner, item) {
            Ok(()) => ok_g += 1,
            Err(e) => {
                bad_g += 1;
                errors.push(e);
            }
        }
    }
    let unprocessed = (total - processed) as i64;
    finish(
        ctx,
        id,
        ok_i + ok_g,
        errors,
        unprocessed,
        (ok_i, ok_g, bad_i, bad_g),
    );
}

fn finish(
    ctx: &mut Ctx<'_>,
    id: u64,
    success: i64,
    errors: Vec<Value>,
    unprocessed: i64,
    counts: (i64, i64, i64, i64),
) {
    if let Some(job) = ctx.store.batches.get_mut(&id) {
        job.success = success;
        job.errors = errors;
        job.unprocessed = unprocessed;
        (
            job.success_indicators,
            job.success_groups,
            job.error_indicators,
            job.error_groups,
        ) = counts;
        job.data = None;
    }
}

fn reason(resp: &tc_core::HttpResponse) -> String {
    serde_json::from_slice::<Value>(&resp.body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| "The item is invalid".into())
}

fn apply_indicator(ctx: &mut Ctx<'_>, owner: u64, item: &Value, delete: bool) -> Result<(), Value> {
    let summary = item
        .get("summary")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let fail = |why: String| json!({"errorReason": format!("0x1005 Invalid Indicator: {why}"), "errorSource": summary});
    let Some(obj) = item.as_object() else {
        return Err(fail("the item is not an object".into()));
    };
    let type_name = obj.get("type").and_then(Value::as_str).unwrap_or_default();
    let Some(kind) = kind_named(type_name) else {
        return Err(fail(format!("unknown indicator type {type_name:?}")));
    };
    let body = create_body(kind, obj);
    let vals = values(kind, &body).map_err(|r| fail(reason(&r)))?;
    if vals
        .iter()
        .any(|v| ctx.store.exclusions.contains(&v.to_lowercase()))
    {
        return Err(fail("the indicator is on the exclusion list".into()));
    }
    let existing = vals
        .iter()
        .filter(|v| !v.is_empty())
        .find_map(|v| find(ctx.store, owner, kind.branch, v));
    if delete {
        let Some(found) = existing else {
            return Err(fail("0x1007 Item Not Found".into()));
        };
        super::indicators::remove(ctx.store, found, ctx.now);
        ctx.store.forget(ObjRef::Indicator(found));
        return Ok(());
    }
    let now = ctx.now;
    let id = match existing {
        Some(found) => found,
        None => {
            let id = ctx.store.id();
            let rec = IndicatorRec {
                id,
                owner,
                branch: kind.branch.into(),
                values: vals,
                active: true,
                date_added: now,
                ..IndicatorRec::default()
            };
            super::indicators::insert(ctx.store, rec);
            id
        }
    };
    if let Some(rec) = ctx.store.indicators.get_mut(&id) {
        apply_common(rec, &body).map_err(|r| fail(reason(&r)))?;
        rec.last_modified = now;
    }
    ctx.store.wrote();
    for tag in obj
        .get("tag")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = tag.get("name").and_then(Value::as_str) {
            ctx.store.tag(ObjRef::Indicator(id), name);
        }
    }
    Ok(())
}

fn apply_group(ctx: &mut Ctx<'_>, owner: u64, item: &Value) -> Result<(), Value> {
    let name = item
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let fail = |why: &str| json!({"errorReason": format!("0x1006 Invalid Group: {why}"), "errorSource": name});
    let type_name = item.get("type").and_then(Value::as_str).unwrap_or_default();
    let Some(kind) = tc_core::api::GroupType::from_name(type_name) else {
        return Err(fail("unknown group type"));
    };
    if name.trim().is_empty() {
        return Err(fail("a group needs a name"));
    }
    let id = ctx.store.id();
    let xid = item
        .get("xid")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("sandbox:{id}"));
    let now = ctx.now;
    ctx.store.groups.insert(
        id,
        GroupRec {
            id,
            owner,
            branch: kind.branch().into(),
            name,
            date_added: now,
            last_modified: now,
            xid,
            ..GroupRec::default()
        },
    );
    ctx.store.wrote();
    Ok(())
}
