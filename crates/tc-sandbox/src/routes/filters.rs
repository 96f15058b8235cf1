//! The `filters` parameter: `field<op>value` clauses split on `,`, ANDed
//! unless `orParams=true`. Operators: `=` `<` `>` `^` (starts with) and
//! `!` (not equal, tasks).

use serde_json::Value;
use tc_core::HttpResponse;

use crate::reply;
use crate::request::Request;

struct Clause {
    field: String,
    op: char,
    value: String,
}

fn parse(filters: &str) -> Result<Vec<Clause>, HttpResponse> {
    let mut out = Vec::new();
    for part in filters.split(',').filter(|p| !p.trim().is_empty()) {
        let Some(pos) = part.find(['=', '<', '>', '^', '!']) else {
            return Err(reply::bad_request(&format!(
                "The filter {part:?} is invalid, please use one of the operators =, <, >, ^"
            )));
        };
        let op = part[pos..].chars().next().unwrap_or('=');
        out.push(Clause {
            field: part[..pos].trim().to_string(),
            op,
            value: part[pos + op.len_utf8()..].to_string(),
        });
    }
    Ok(out)
}

/// The value a filter reads from an item: the field itself, or for
/// `summary` the item's value field.
fn field<'a>(item: &'a Value, name: &str) -> Option<&'a Value> {
    if let Some(v) = item.get(name) {
        return Some(v);
    }
    if name == "summary" {
        for key in [
            "ip", "hostName", "address", "text", "md5", "sha1", "sha256", "name",
        ] {
            if let Some(v) = item.get(key) {
                return Some(v);
            }
        }
    }
    if name == "falsePositive" {
        return item.get("falsePositiveCount");
    }
    None
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn compare(actual: &Value, op: char, wanted: &str) -> bool {
    let text = as_text(actual);
    let numbers = (text.trim().parse::<f64>(), wanted.trim().parse::<f64>());
    let dates = (
        tc_core::parse_datetime(&text),
        tc_core::parse_datetime(wanted),
    );
    let ordering = match (numbers, dates) {
        ((Ok(a), Ok(b)), _) => a.partial_cmp(&b),
        (_, (Some(a), Some(b))) => Some(a.cmp(&b)),
        _ => Some(text.to_ascii_lowercase().cmp(&wanted.to_ascii_lowercase())),
    };
    match op {
        '=' => ordering == Some(std::cmp::Ordering::Equal),
        '!' => ordering != Some(std::cmp::Ordering::Equal),
        '<' => ordering == Some(std::cmp::Ordering::Less),
        '>' => ordering == Some(std::cmp::Ordering::Greater),
        '^' => text
            .to_ascii_lowercase()
            .starts_with(&wanted.to_ascii_lowercase()),
        _ => false,
    }
}

/// Keeps the items that match the request's filters.
pub(crate) fn apply(req: &Request, items: Vec<Value>) -> Result<Vec<Value>, HttpResponse> {
    let Some(filters) = req.param("filters") else {
        return Ok(items);
    };
    let clauses = parse(&filters)?;
    if clauses.is_empty() {
        return Ok(items);
    }
    let or = req
        .param("orParams")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    Ok(items
        .into_iter()
        .filter(|item| {
            let mut hits = clauses
                .iter()
                .map(|c| field(item, &c.field).is_some_and(|v| compare(v, c.op, &c.value)));
            if or { hits.any(|h| h) } else { hits.all(|h| h) }
        })
        .collect())
}
