//! Writes and sub-resources of `/v2/indicators/{type}[/{value}]`.

use serde_json::{Map, Value, json};

use super::children::{self, Parent};
use super::indicators::{Kind, Shape, indicator_json, kind, resolve, summary};
use super::owners::owner_json;
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{IndicatorRec, ObjRef};

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The values of a create body, checked like the service checks them.
pub(crate) fn values(
    k: &Kind,
    body: &Map<String, Value>,
) -> Result<Vec<String>, tc_core::HttpResponse> {
    let text = |f: &str| {
        body.get(f)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    let invalid = |what: &str| reply::bad_request(&format!("Please enter a valid {what}"));
    match k.branch {
        "addresses" => {
            let ip = text("ip");
            match ip.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V6(v6)) => Ok(vec![v6.to_string()]),
                Ok(std::net::IpAddr::V4(_)) => Ok(vec![ip]),
                Err(_) => Err(invalid("Address")),
            }
        }
        "emailAddresses" => {
            let a = text("address");
            let ok = a
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'))
                && a.is_ascii()
                && !a.contains(char::is_whitespace);
            if ok {
                Ok(vec![a.to_lowercase()])
            } else {
                Err(invalid("EmailAddress"))
            }
        }
        "files" => {
            let (md5, sha1, sha256) = (text("md5"), text("sha1"), text("sha256"));
            if md5.is_empty() && sha1.is_empty() && sha256.is_empty() {
                return Err(invalid("File: at least one of md5, sha1 or sha256"));
            }
            for (name, v, len) in [
                ("MD5", &md5, 32),
                ("SHA1", &sha1, 40),
                ("SHA256", &sha256, 64),
            ] {
                if !v.is_empty() && !is_hex(v, len) {
                    return Err(reply::bad_request(&format!(
                        "The {name} for this File is invalid"
                    )));
                }
            }
            Ok(vec![
                md5.to_uppercase(),
                sha1.to_uppercase(),
                sha256.to_uppercase(),
            ])
        }
        "hosts" => {
            let h = text("hostName");
            if !h.is_ascii() {
                return Err(reply::bad_request(
                    "The Host Name for this Host is invalid, please enter the name in punycode",
                ));
            }
            let ok = h.contains('.')
                && h.split('.').all(|l| {
                    !l.is_empty()
                        && l.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                });
            if ok {
                Ok(vec![h.trim_end_matches('.').to_lowercase()])
            } else {
                Err(invalid("Host"))
            }
        }
        "urls" => {
            let u = text("text");
            let host = u
                .split_once("://")
                .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default());
            match host {
                Some(h)
                    if !h.is_empty()
                        && h.is_ascii()
                        && h == h.to_lowercase()
                        && !u.contains(char::is_whitespace) =>
                {
                    Ok(vec![u])
                }
                _ => Err(invalid("URL (the host must be lower-case ASCII/punycode)")),
            }
        }
        "asns" => {
            let v = text("AS Number");
            let ok = v
                .strip_prefix("ASN")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if ok {
                Ok(vec![v])
            } else {
                Err(invalid("ASN, in the form ASN12345"))
            }
        }
        "cidrBlocks" => {
            let v = text("Block");
            let ok = v.split_once('/').is_some_and(|(ip, bits)| {
                let bits = bits.parse::<u8>().ok();
                match ip.parse::<std::net::IpAddr>() {
                    Ok(std::net::IpAddr::V4(_)) => bits.is_some_and(|b| b <= 32),
                    // IPv6 CIDRs must be written uncompressed without leading zeros.
                    Ok(std::net::IpAddr::V6(_)) => {
                        bits.is_some_and(|b| b <= 128)
                            && !ip.contains("::")
                            && ip.split(':').all(|g| g == "0" || !g.starts_with('0'))
                    }
                    Err(_) => false,
                }
            });
            if ok {
                Ok(vec![v])
            } else {
                Err(invalid("CIDR"))
            }
        }
        "registryKeys" => {
            let key = text("Key Name");
            if !key.starts_with("HKEY_") {
                return Err(reply::bad_request(
                    "The Key Name for this Registry Key is invalid, it must start with a full hive name (HKEY_…)",
                ));
            }
            let name = body
                .get("Value Name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if name.is_empty() {
                return Err(reply::bad_request(
                    "The Value Name for this Registry Key is required (use a single space for none)",
                ));
            }
            Ok(vec![key, name, text("Value Type")])
        }
        _ => {
            let vals: Vec<String> = k.labels.iter().map(|l| text(l)).collect();
            if vals.first().is_none_or(String::is_empty) {
                return Err(invalid(k.name));
            }
            Ok(vals)
        }
    }
}

fn number(body: &Map<String, Value>, field: &str) -> Option<f64> {
    body.get(field).and_then(|v| {
        v.as_f64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    })
}

fn flag(body: &Map<String, Value>, field: &str) -> Option<bool> {
    body.get(field).and_then(|v| match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => s.parse().ok(),
        _ => None,
    })
}

pub(crate) fn apply_common(
    rec: &mut IndicatorRec,
    body: &Map<String, Value>,
) -> Result<(), tc_core::HttpResponse> {
    if let Some(r) = number(body, "rating") {
        if !(0.0..=5.0).contains(&r) {
            return Err(reply::bad_request(
                "The Rating for this Indicator is invalid, please enter a value between 0-5",
            ));
        }
        rec.rating = Some(r);
    }
    if let Some(c) = number(body, "confidence") {
        if !(0.0..=100.0).contains(&c) {
            return Err(reply::bad_request(
                "The Confidence for this Indicator is invalid, please enter a value between 0-100",
            ));
        }
        rec.confidence = Some(c as i64);
    }
    if let Some(b) = flag(body, "dnsActive") {
        rec.dns_active = b;
    }
    if let Some(b) = flag(body, "whoisActive") {
        rec.whois_active = b;
    }
    if let Some(b) = flag(body, "active") {
        rec.active = b;
    }
    if let Some(b) = flag(body, "privateFlag") {
        rec.private_flag = b;
    }
    if let Some(s) = number(body, "size") {
        rec.size = Some(s as i64);
    }
    Ok(())
}

/// `POST /v2/indicators/{type}`.
pub(crate) fn create(ctx: &mut Ctx<'_>, k: &'static Kind) -> Answer {
    let owner = ctx.owner()?;
    let body = ctx.body()?;
    let vals = values(k, &body)?;
    let joined = vals
        .iter()
        .filter(|v| !v.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" : ");
    if vals
        .iter()
        .any(|v| ctx.store.exclusions.contains(&v.to_lowercase()))
    {
        return Err(reply::failure(
            403,
            "This Indicator is included in a system-wide exclusion list.",
        ));
    }
    for (label, v) in k.labels.iter().zip(&vals) {
        if !v.is_empty() && super::indicators::find(ctx.store, owner, k.branch, v).is_some() {
            let field = if k.branch == "files" {
                label.to_uppercase()
            } else {
                (*label).to_string()
            };
            return Err(reply::bad_request(&format!(
                "The {field} for this {} is invalid, a {} with this {field} already exists",
                k.name, k.name
            )));
        }
    }
    if joined.is_empty() {
        return Err(reply::bad_request(&format!(
            "Please enter a valid {}",
            k.name
        )));
    }
    let id = ctx.store.id();
    let mut rec = IndicatorRec {
        id,
        owner,
        branch: k.branch.into(),
        values: vals,
        active: true,
        date_added: ctx.now,
        last_modified: ctx.now,
        ..IndicatorRec::default()
    };
    apply_common(&mut rec, &body)?;
    super::indicators::insert(ctx.store, rec);
    ctx.store.wrote();
    let rec = ctx.store.indicators.get(&id).ok_or_else(reply::not_found)?;
    Ok(reply::entity(
        201,
        k.entity,
        indicator_json(ctx, rec, Shape::Single),
    ))
}

/// Everything under `/v2/indicators/{type}/{value}`.
pub(crate) fn item(
    ctx: &mut Ctx<'_>,
    method: &str,
    branch: &str,
    value: &str,
    rest: &[&str],
) -> Answer {
    let owner = ctx.owner()?;
    let (k, id) = resolve(ctx, owner, branch, value)?;
    let single = |ctx: &Ctx<'_>| -> Answer {
        let rec = ctx.store.indicators.get(&id).ok_or_else(reply::not_found)?;
        Ok(reply::entity(
            200,
            k.entity,
            indicator_json(ctx, rec, Shape::Single),
        ))
    };
    let now = ctx.now;
    match (method, rest) {
        ("GET", []) => single(ctx),
        ("PUT", []) => {
            let body = ctx.body()?;
            let mut rec = ctx
                .store
                .indicators
                .get(&id)
                .cloned()
                .ok_or_else(reply::not_found)?;
            apply_common(&mut rec, &body)?;
            rec.last_modified = now;
            super::indicators::insert(ctx.store, rec);
            ctx.store.wrote();
            single(ctx)
        }
        ("DELETE", []) => {
            super::indicators::remove(ctx.store, id, now);
            ctx.store.forget(ObjRef::Indicator(id));
            Ok(reply::success(200))
        }
        ("GET", ["observations"]) => {
            let items = ctx
                .store
                .indicators
                .get(&id)
                .map(|r| {
                    r.observations
                        .iter()
                        .map(|(c, t)| json!({"count": c, "dateObserved": reply::date(*t)}))
                        .collect()
                })
                .unwrap_or_default();
            ctx.page("observation", items)
        }
        ("POST", ["observations"]) => {
            let body = ctx.body()?;
            let count = body
                .get("count")
                .and_then(Value::as_i64)
                .filter(|c| *c > 0)
                .ok_or_else(|| {
                    reply::bad_request(
                        "The Count for this Observation is invalid, please enter a positive number",
                    )
                })?;
            let when = body
                .get("dateObserved")
                .and_then(Value::as_str)
                .and_then(tc_core::parse_datetime)
                .map(|d| d.timestamp())
                .unwrap_or(now);
            if let Some(rec) = ctx.store.indicators.get_mut(&id) {
                rec.observations.push((count, when));
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        ("GET", ["observationCount"]) => {
            let obs = ctx
                .store
                .indicators
                .get(&id)
                .map(|r| r.observations.clone())
                .unwrap_or_default();
            let count: i64 = obs.iter().map(|(c, _)| c).sum();
            let last = obs.iter().map(|(_, t)| *t).max();
            let mut m = Map::new();
            m.insert("count".into(), json!(count));
            m.insert("yourCount".into(), json!(count));
            if let Some(t) = last {
                m.insert("lastObserved".into(), reply::date(t));
                m.insert("yourLastObserved".into(), reply::date(t));
            }
            Ok(reply::entity(200, "observationCount", Value::Object(m)))
        }
        (m @ ("GET" | "POST"), ["falsePositive"]) => {
            if m == "POST" {
                let today = now / 86_400;
                if let Some(rec) = ctx.store.indicators.get_mut(&id) {
                    // One report per user per indicator per day.
                    if !rec.false_positives.iter().any(|t| t / 86_400 == today) {
                        rec.false_positives.push(now);
                    }
                }
                ctx.store.wrote();
            }
            let fps = ctx
                .store
                .indicators
                .get(&id)
                .map(|r| r.false_positives.clone())
                .unwrap_or_default();
            let mut out = Map::new();
            out.insert("count".into(), json!(fps.len()));
            if let Some(t) = fps.iter().max() {
                out.insert("lastReported".into(), reply::date(*t));
            }
            Ok(reply::entity(200, "falsePositive", Value::Object(out)))
        }
        ("GET", ["owners"]) => {
            let Some(rec) = ctx.store.indicators.get(&id) else {
                return Err(reply::not_found());
            };
            let wanted = summary(rec);
            let additional = ctx.include("additional");
            let items: Vec<Value> = ctx
                .store
                .owners
                .iter()
                .filter(|o| o.accessible)
                .filter_map(|o| {
                    super::indicators::find(ctx.store, o.id, k.branch, &wanted)
                        .map(|item| (o, item))
                })
                .map(|(o, item)| {
                    let mut v = owner_json(o);
                    if let (true, Some(m)) = (additional, v.as_object_mut()) {
                        m.insert("itemId".into(), json!(item.to_string()));
                    }
                    v
                })
                .collect();
            Ok(reply::json(
                200,
                &json!({"status": "Success", "data": {"owner": items}}),
            ))
        }
        (_, ["fileOccurrences", tail @ ..]) if k.branch == "files" => {
            occurrences(ctx, method, id, tail)
        }
        ("GET", ["dnsResolutions"]) if matches!(k.branch, "hosts" | "addresses") => {
            ctx.page("dnsResolution", Vec::new())
        }
        (_, ["associations", assoc, "indicators", tail @ ..]) => {
            associations(ctx, method, id, assoc, tail)
        }
        _ => children::route(ctx, method, Parent::Item(ObjRef::Indicator(id)), rest),
    }
}

fn occurrences(ctx: &mut Ctx<'_>, method: &str, id: u64, rest: &[&str]) -> Answer {
    let fields = ["fileName", "path", "date"];
    let take = |body: &Map<String, Value>, m: &mut Map<String, Value>| {
        for f in fields {
            if let Some(v) = body.get(f) {
                let v = match (f, v.as_str().and_then(tc_core::parse_datetime)) {
                    ("date", Some(d)) => json!(tc_core::format_datetime(&d)),
                    _ => v.clone(),
                };
                m.insert(f.into(), v);
            }
        }
    };
    let list = |ctx: &Ctx<'_>| {
        ctx.store
            .indicators
            .get(&id)
            .map(|r| r.file_occurrences.clone())
            .unwrap_or_default()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = list(ctx).into_values().map(Value::Object).collect();
            ctx.page("fileOccurrence", items)
        }
        ("POST", []) => {
            let body = ctx.body()?;
            if !fields.iter().any(|f| body.contains_key(*f)) {
                return Err(reply::bad_request(
                    "A File Occurrence needs a fileName, path or date",
                ));
            }
            let occ_id = ctx.store.id();
            let mut m = Map::new();
            m.insert("id".into(), json!(occ_id));
            take(&body, &mut m);
            if let Some(rec) = ctx.store.indicators.get_mut(&id) {
                rec.file_occurrences.insert(occ_id, m.clone());
            }
            ctx.store.wrote();
            Ok(reply::entity(201, "fileOccurrence", Value::Object(m)))
        }
        (m, [occ]) => {
            let occ = super::known_id(occ, |o| list(ctx).contains_key(o))?;
            match m {
                "GET" => Ok(reply::entity(
                    200,
                    "fileOccurrence",
                    Value::Object(list(ctx).remove(&occ).unwrap_or_default()),
                )),
                "PUT" => {
                    let body = ctx.body()?;
                    let mut out = Map::new();
                    if let Some(entry) = ctx
                        .store
                        .indicators
                        .get_mut(&id)
                        .and_then(|r| r.file_occurrences.get_mut(&occ))
                    {
                        take(&body, entry);
                        out = entry.clone();
                    }
                    ctx.store.wrote();
                    Ok(reply::entity(200, "fileOccurrence", Value::Object(out)))
                }
                "DELETE" => {
                    if let Some(rec) = ctx.store.indicators.get_mut(&id) {
                        rec.file_occurrences.remove(&occ);
                    }
                    ctx.store.wrote();
                    Ok(reply::success(200))
                }
                _ => Err(reply::method_not_allowed()),
            }
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// Custom association types: `…/associations/{type}/indicators[/{t}[/{v}]]`.
fn associations(ctx: &mut Ctx<'_>, method: &str, id: u64, assoc: &str, rest: &[&str]) -> Answer {
    if !crate::validate::ASSOCIATION_TYPES
        .iter()
        .any(|(_, b, _)| b.eq_ignore_ascii_case(assoc))
    {
        return Err(reply::not_found());
    }
    let assoc = assoc.to_string();
    let linked: Vec<u64> = ctx
        .store
        .custom_links
        .iter()
        .filter(|(t, _, _)| t.eq_ignore_ascii_case(&assoc))
        .filter_map(|(_, a, b)| {
            if *a == id {
                Some(*b)
            } else if *b == id {
                Some(*a)
            } else {
                None
            }
        })
        .collect();
    let render = |ctx: &Ctx<'_>, branch: Option<&str>, shape: Shape| -> Vec<Value> {
        linked
            .iter()
            .filter_map(|i| ctx.store.indicators.get(i))
            .filter(|i| !i.deleted && branch.is_none_or(|b| i.branch == b))
            .map(|i| indicator_json(ctx, i, shape))
            .collect()
    };
    match (method, rest) {
        ("GET", []) => {
            let items = render(ctx, None, Shape::Generic);
            ctx.page("indicator", items)
        }
        ("GET", [branch]) => {
            let k = kind(branch).ok_or_else(reply::not_found)?;
            let items = render(ctx, Some(k.branch), Shape::Generic);
            ctx.page("indicator", items)
        }
        (m @ ("POST" | "DELETE"), [branch, value]) => {
            let owner = ctx
                .store
                .indicators
                .get(&id)
                .map(|r| r.owner)
                .unwrap_or(crate::store::ORG_ID);
            let (_, target) = resolve(ctx, owner, branch, value)?;
            let key = if id <= target {
                (assoc, id, target)
            } else {
                (assoc, target, id)
            };
            // Linking twice is not an error; unlinking what is not linked is.
            if m == "POST" {
                if ctx.store.custom_links.insert(key) {
                    ctx.store.wrote();
                }
                return Ok(reply::success(201));
            }
            if !ctx.store.custom_links.remove(&key) {
                return Err(reply::not_found());
            }
            ctx.store.wrote();
            Ok(reply::success(200))
        }
        _ => Err(reply::method_not_allowed()),
    }
}
