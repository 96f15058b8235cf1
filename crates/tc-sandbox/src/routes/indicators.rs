//! `/v2/indicators…` and `/v2/types/…`.

use serde_json::{Map, Value, json};
use tc_core::HttpResponse;

use super::owners::owner_json;
use super::{Answer, Ctx};
use crate::reply;
use crate::store::{IndicatorRec, Store};

/// An indicator type of the instance: branch, entity, name, value labels.
pub(crate) struct Kind {
    pub branch: &'static str,
    pub entity: &'static str,
    pub name: &'static str,
    pub labels: &'static [&'static str],
    pub custom: bool,
    pub case: &'static str,
}

pub(crate) const KINDS: &[Kind] = &[
    Kind {
        branch: "addresses",
        entity: "address",
        name: "Address",
        labels: &["ip"],
        custom: false,
        case: "lower",
    },
    Kind {
        branch: "emailAddresses",
        entity: "emailAddress",
        name: "EmailAddress",
        labels: &["address"],
        custom: false,
        case: "lower",
    },
    Kind {
        branch: "files",
        entity: "file",
        name: "File",
        labels: &["md5", "sha1", "sha256"],
        custom: false,
        case: "upper",
    },
    Kind {
        branch: "hosts",
        entity: "host",
        name: "Host",
        labels: &["hostName"],
        custom: false,
        case: "lower",
    },
    Kind {
        branch: "urls",
        entity: "url",
        name: "URL",
        labels: &["text"],
        custom: false,
        case: "sensitive",
    },
    Kind {
        branch: "asns",
        entity: "asn",
        name: "ASN",
        labels: &["AS Number"],
        custom: true,
        case: "upper",
    },
    Kind {
        branch: "cidrBlocks",
        entity: "cidrBlock",
        name: "CIDR",
        labels: &["Block"],
        custom: true,
        case: "lower",
    },
    Kind {
        branch: "mutexes",
        entity: "mutex",
        name: "Mutex",
        labels: &["Mutex"],
        custom: true,
        case: "sensitive",
    },
    Kind {
        branch: "registryKeys",
        entity: "registryKey",
        name: "Registry Key",
        labels: &["Key Name", "Value Name", "Value Type"],
        custom: true,
        case: "sensitive",
    },
    Kind {
        branch: "userAgents",
        entity: "userAgent",
        name: "User Agent",
        labels: &["User Agent String"],
        custom: true,
        case: "sensitive",
    },
    Kind {
        branch: "emailSubjects",
        entity: "emailSubject",
        name: "Email Subject",
        labels: &["Subject"],
        custom: true,
        case: "sensitive",
    },
    Kind {
        branch: "hashtags",
        entity: "hashtag",
        name: "Hashtag",
        labels: &["Hashtag"],
        custom: true,
        case: "sensitive",
    },
];

/// A type by branch (case-insensitive) or entity name.
pub(crate) fn kind(branch: &str) -> Option<&'static Kind> {
    KINDS
        .iter()
        .find(|k| k.branch.eq_ignore_ascii_case(branch) || k.entity.eq_ignore_ascii_case(branch))
}

/// A type by its name (`Host`, `Registry Key`).
pub(crate) fn kind_named(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name.eq_ignore_ascii_case(name))
}

/// The summary of an indicator: its values joined by ` : `.
pub(crate) fn summary(rec: &IndicatorRec) -> String {
    rec.values
        .iter()
        .filter(|v| !v.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" : ")
}

fn web_link(store: &Store, rec: &IndicatorRec, kind: &Kind) -> String {
    let owner = store.owner_name(rec.owner).replace(' ', "+");
    if kind.custom {
        format!(
            "{}/auth/indicators/details/customIndicator.xhtml?id={}&owner={owner}",
            store.web_base, rec.id
        )
    } else {
        format!(
            "{}/auth/indicators/details/{}.xhtml?{}={}&owner={owner}",
            store.web_base,
            kind.entity,
            kind.entity,
            tc_core::encode_component(&summary(rec))
        )
    }
}

/// How an indicator is rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A single object: `owner{…}` and the value fields.
    Single,
    /// A typed list item: `ownerName` and the value fields.
    Typed,
    /// A generic list item: `ownerName`, `type`, `summary`.
    Generic,
}

/// Renders an indicator in one of the service's shapes.
pub(crate) fn indicator_json(ctx: &Ctx<'_>, rec: &IndicatorRec, shape: Shape) -> Value {
    let store = &*ctx.store;
    let Some(kind) = kind(&rec.branch) else {
        return Value::Null;
    };
    let mut m = Map::new();
    m.insert("id".into(), json!(rec.id));
    match shape {
        Shape::Single => {
            if let Some(o) = store.owner(rec.owner) {
                m.insert("owner".into(), owner_json(o));
            }
        }
        _ => {
            m.insert("ownerName".into(), json!(store.owner_name(rec.owner)));
        }
    }
    if shape == Shape::Generic || kind.custom {
        m.insert("type".into(), json!(kind.name));
    }
    m.insert("dateAdded".into(), reply::date(rec.date_added));
    m.insert("lastModified".into(), reply::date(rec.last_modified));
    if let Some(r) = rec.rating {
        m.insert("rating".into(), json!(r));
    }
    if let Some(c) = rec.confidence {
        m.insert("confidence".into(), json!(c));
    }
    // A simple, deterministic stand-in for ThreatAssess.
    let rating = rec.rating.unwrap_or(0.0);
    let confidence = rec.confidence.unwrap_or(0) as f64;
    m.insert("threatAssessRating".into(), json!(rating));
    m.insert("threatAssessConfidence".into(), json!(confidence));
    m.insert(
        "threatAssessScore".into(),
        json!((rating * confidence * 2.0).round() as i64),
    );
    m.insert("webLink".into(), json!(web_link(store, rec, kind)));
    let attr = |t: &str| {
        store
            .attributes
            .values()
            .find(|a| {
                a.parent == crate::store::ObjRef::Indicator(rec.id) && a.kind == t && a.displayed
            })
            .map(|a| a.value.clone())
    };
    if let Some(d) = attr("Description") {
        m.insert("description".into(), json!(d));
    }
    if let Some(s) = attr("Source") {
        m.insert("source".into(), json!(s));
    }
    if shape == Shape::Generic {
        m.insert("summary".into(), json!(summary(rec)));
    } else {
        for (label, value) in kind.labels.iter().zip(&rec.values) {
            if !value.is_empty() {
                m.insert((*label).into(), json!(value));
            }
        }
        if rec.branch == "files"
            && let Some(size) = rec.size
        {
            m.insert("size".into(), json!(size));
        }
        if rec.branch == "hosts" {
            m.insert("dnsActive".into(), json!(rec.dns_active.to_string()));
            m.insert("whoisActive".into(), json!(rec.whois_active.to_string()));
        }
    }
    if ctx.include("additional") {
        let observed: i64 = rec.observations.iter().map(|(c, _)| c).sum();
        m.insert("observationCount".into(), json!(observed));
        if let Some((_, last)) = rec.observations.iter().max_by_key(|(_, t)| *t) {
            m.insert("lastObserved".into(), reply::date(*last));
        }
        m.insert(
            "falsePositiveCount".into(),
            json!(rec.false_positives.len()),
        );
        if let Some(last) = rec.false_positives.iter().max() {
            m.insert("falsePositiveLastReported".into(), reply::date(*last));
        }
        m.insert("privateFlag".into(), json!(rec.private_flag));
        m.insert("active".into(), json!(rec.active));
        m.insert("activeLocked".into(), json!(false));
    }
    super::includes(ctx, crate::store::ObjRef::Indicator(rec.id), &mut m);
    Value::Object(m)
}

/// Finds an indicator of a type by value in an owner. Files match any of
/// their hashes; case follows the type's case preference.
pub(crate) fn find(store: &Store, owner: u64, branch: &str, value: &str) -> Option<u64> {
    let kind = kind(branch)?;
    store
        .indicator_index
        .get(&(owner, kind.branch, normalise(kind, value)))
        .copied()
}

/// The index keys of an indicator: its summary, and for files each hash.
fn index_keys(kind: &Kind, rec: &IndicatorRec) -> Vec<String> {
    if kind.branch == "files" {
        rec.values
            .iter()
            .filter(|h| !h.is_empty())
            .map(|h| normalise(kind, h))
            .collect()
    } else {
        vec![normalise(kind, &summary(rec))]
    }
}

/// Stores an indicator and indexes its values.
pub(crate) fn insert(store: &mut Store, rec: IndicatorRec) {
    if let Some(kind) = kind(&rec.branch) {
        for key in index_keys(kind, &rec) {
            store
                .indicator_index
                .insert((rec.owner, kind.branch, key), rec.id);
        }
    }
    store.indicators.insert(rec.id, rec);
}

/// Marks an indicator deleted and drops it from the index.
pub(crate) fn remove(store: &mut Store, id: u64, now: i64) {
    let Some(rec) = store.indicators.get_mut(&id) else {
        return;
    };
    rec.deleted = true;
    rec.last_modified = now;
    if let Some(kind) = kind(&rec.branch) {
        let owner = rec.owner;
        for key in index_keys(kind, rec) {
            store.indicator_index.remove(&(owner, kind.branch, key));
        }
    }
}

fn normalise(kind: &Kind, value: &str) -> String {
    let parts: Vec<&str> = value.split(" : ").map(str::trim).collect();
    let joined = parts.join(" : ");
    match kind.case {
        "lower" => joined.to_lowercase(),
        "upper" => joined.to_uppercase(),
        _ => joined,
    }
}

pub(crate) fn route(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    match (method, rest) {
        ("GET", []) => {
            let owner = ctx.owner()?;
            let items: Vec<&IndicatorRec> = ctx
                .store
                .indicators
                .values()
                .filter(|i| !i.deleted && i.owner == owner && i.active)
                .collect();
            ctx.page_of("indicator", &items, |i| {
                indicator_json(ctx, i, Shape::Generic)
            })
        }
        (_, []) => Err(reply::method_not_allowed()),
        ("GET", ["observed"]) => {
            let owner = ctx.owner()?;
            let items = ctx
                .store
                .indicators
                .values()
                .filter(|i| !i.deleted && i.owner == owner && !i.observations.is_empty())
                .map(|i| {
                    let count: i64 = i.observations.iter().map(|(c, _)| c).sum();
                    let last = i.observations.iter().map(|(_, t)| *t).max().unwrap_or_default();
                    json!({
                        "summary": summary(i),
                        "type": kind(&i.branch).map(|k| k.name),
                        "observationCount": count,
                        "lastObserved": reply::date(last),
                        "userObservedList": [{"userName": ctx.store.api_user, "userLastObservedDate": reply::date(last), "count": count}],
                    })
                })
                .collect();
            ctx.page("indicator", items)
        }
        ("GET", ["bulk"]) => {
            let owner = ctx.owner()?;
            let status = json!({
                "name": ctx.store.owner_name(owner),
                "csvEnabled": true,
                "jsonEnabled": true,
                "nextRun": reply::date(ctx.store.bulk_last_run + 86_400),
                "lastRun": reply::date(ctx.store.bulk_last_run),
                "status": "Complete",
            });
            Ok(reply::entity(200, "bulkStatus", status))
        }
        ("GET", ["bulk", format]) => {
            let owner = ctx.owner()?;
            let rows: Vec<&IndicatorRec> = ctx
                .store
                .indicators
                .values()
                .filter(|i| !i.deleted && i.owner == owner)
                .collect();
            match *format {
                "json" => {
                    let items: Vec<Value> = rows
                        .iter()
                        .map(|i| {
                            let mut v = indicator_json(ctx, i, Shape::Generic);
                            if let Some(m) = v.as_object_mut() {
                                let owner =
                                    ctx.store.owner_of(crate::store::ObjRef::Indicator(i.id));
                                let tags: Vec<Value> = ctx
                                    .store
                                    .tags_of(crate::store::ObjRef::Indicator(i.id))
                                    .iter()
                                    .map(|t| super::common::tag_json(ctx.store, owner, t))
                                    .collect();
                                m.insert("tag".into(), Value::Array(tags));
                            }
                            v
                        })
                        .collect();
                    Ok(reply::json(200, &json!({"indicator": items})))
                }
                "csv" => {
                    let mut out = String::from("Type,Value,Rating,Confidence\n");
                    for i in rows {
                        let name = kind(&i.branch).map(|k| k.name).unwrap_or_default();
                        let rating = i
                            .rating
                            .map(|r| format!("{r:.2}"))
                            .unwrap_or_else(|| "null".into());
                        let confidence = i
                            .confidence
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| "null".into());
                        let value = summary(i);
                        let value = if value.contains([',', '"']) {
                            format!("\"{}\"", value.replace('"', "\"\""))
                        } else {
                            value
                        };
                        out.push_str(&format!("{name},{value},{rating},{confidence}\n"));
                    }
                    Ok(reply::raw(200, "text/csv", out.into_bytes()))
                }
                _ => Err(reply::not_found()),
            }
        }
        (_, [branch, ..]) if kind(branch).is_none() => Err(reply::not_found()),
        ("GET", [branch]) => {
            let owner = ctx.owner()?;
            let Some(k) = kind(branch) else {
                return Err(reply::not_found());
            };
            let items: Vec<&IndicatorRec> = ctx
                .store
                .indicators
                .values()
                .filter(|i| !i.deleted && i.owner == owner && i.branch == k.branch)
                .collect();
            ctx.page_of(k.entity, &items, |i| indicator_json(ctx, i, Shape::Typed))
        }
        ("POST", [branch]) => {
            let Some(k) = kind(branch) else {
                return Err(reply::not_found());
            };
            super::indicator_items::create(ctx, k)
        }
        (_, [branch, value, rest @ ..]) => {
            super::indicator_items::item(ctx, method, branch, value, rest)
        }
        _ => Err(reply::method_not_allowed()),
    }
}

/// Resolves `{type}/{value}` in an owner to an indicator id, or 404.
pub(crate) fn resolve(
    ctx: &Ctx<'_>,
    owner: u64,
    branch: &str,
    value: &str,
) -> Result<(&'static Kind, u64), HttpResponse> {
    let k = kind(branch).ok_or_else(reply::not_found)?;
    let id = find(ctx.store, owner, k.branch, value).ok_or_else(reply::not_found)?;
    Ok((k, id))
}

/// `/v2/types/indicatorTypes[/{entity}]`, `/v2/types/associationTypes`.
pub(crate) fn types(ctx: &mut Ctx<'_>, method: &str, rest: &[&str]) -> Answer {
    super::only(method, "GET")?;
    let additional = ctx.include("additional");
    let render = |k: &Kind| {
        let mut m = Map::new();
        m.insert("name".into(), json!(k.name));
        m.insert("custom".into(), json!(k.custom.to_string()));
        m.insert("parsable".into(), json!("true"));
        m.insert("apiBranch".into(), json!(k.branch));
        m.insert("apiEntity".into(), json!(k.entity));
        m.insert("casePreference".into(), json!(k.case));
        for (i, label) in k.labels.iter().enumerate() {
            m.insert(format!("value{}Label", i + 1), json!(label));
            m.insert(format!("value{}Type", i + 1), json!("text"));
        }
        if additional {
            m.insert("regexes".into(), json!(crate::validate::regexes(k.branch)));
        }
        Value::Object(m)
    };
    match rest {
        ["indicatorTypes"] => {
            let items = KINDS.iter().map(render).collect();
            ctx.page("indicatorType", items)
        }
        ["indicatorTypes", entity] => match kind(entity) {
            Some(k) => Ok(reply::entity(200, "indicatorType", render(k))),
            None => Err(reply::not_found()),
        },
        ["associationTypes"] => {
            let items = crate::validate::ASSOCIATION_TYPES
                .iter()
                .map(|(name, branch, file_action)| {
                    json!({"name": name, "custom": "false", "fileAction": file_action.to_string(), "apiBranch": branch})
                })
                .collect();
            ctx.page("associationType", items)
        }
        _ => Err(reply::unmatched(ctx.req.raw_path())),
    }
}
