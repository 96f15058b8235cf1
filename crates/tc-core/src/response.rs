//! Reading responses: error classification, the envelope, `data.<key>`.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiErrorKind, Error, Result};
use crate::http::HttpResponse;

const EXCERPT_CHARS: usize = 160;

/// A short, lossy UTF-8 excerpt of a body for error messages.
pub fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn parse_error(path: impl Into<String>, message: impl Into<String>, body: &[u8]) -> Error {
    Error::Parse {
        path: path.into(),
        message: message.into(),
        excerpt: body_excerpt(body),
    }
}

/// Turns a non-success answer into an [`ApiError`], reading the message from
/// a JSON `Failure` body, a batch `Invalid` body, plain text or an HTML page.
pub fn classify_error(response: &HttpResponse) -> ApiError {
    let message = error_message(response);
    let kind = kind_for(response.status, message.as_deref());
    let retry_after = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok());
    let server_time = response
        .header("date")
        .and_then(|d| chrono::DateTime::parse_from_rfc2822(d.trim()).ok())
        .map(|d| d.timestamp());
    ApiError {
        status: response.status,
        kind,
        message,
        retry_after,
        server_time,
    }
}

fn kind_for(status: u16, message: Option<&str>) -> ApiErrorKind {
    let lower = message.map(str::to_ascii_lowercase).unwrap_or_default();
    match status {
        400 => ApiErrorKind::BadRequest,
        401 => ApiErrorKind::Unauthorized,
        403 if lower.contains("timestamp") => ApiErrorKind::ClockSkew,
        403 if lower.contains("exclusion") => ApiErrorKind::ExclusionList,
        403 if lower.contains("not enabled") || lower.contains("licensed") => {
            ApiErrorKind::NotLicensed
        }
        403 if lower.contains("signature")
            || lower.contains("access denied")
            || lower.contains("unauthorized")
            || lower.contains("not authorized")
            || lower.contains("https") =>
        {
            ApiErrorKind::Unauthorized
        }
        403 => ApiErrorKind::OwnerForbidden,
        404 => ApiErrorKind::NotFound,
        429 => ApiErrorKind::RateLimited,
        503 => ApiErrorKind::NotLicensed,
        500..=599 => ApiErrorKind::Server,
        _ => ApiErrorKind::Unexpected,
    }
}

fn error_message(response: &HttpResponse) -> Option<String> {
    let body = &response.body;
    if body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        for key in ["message", "description", "error", "Message"] {
            if let Some(Value::String(m)) = map.get(key) {
                return Some(m.clone());
            }
        }
        return Some(body_excerpt(body));
    }
    let text = String::from_utf8_lossy(body);
    let looks_html =
        response.media_type().as_deref() == Some("text/html") || text.trim_start().starts_with('<');
    let plain = if looks_html {
        html_text(&text)
    } else {
        text.trim().to_string()
    };
    let short: String = plain.chars().take(300).collect();
    if short.is_empty() { None } else { Some(short) }
}

/// The title of an HTML page, or its text with tags removed.
fn html_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && let Some(title) = html.get(start + 7..end)
    {
        let title = title.trim();
        if !title.is_empty() {
            return title.to_string();
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the status, then reads the body as a JSON object.
pub(crate) fn json_object(response: &HttpResponse) -> Result<Map<String, Value>> {
    if !(200..300).contains(&response.status) {
        return Err(Error::Api(classify_error(response)));
    }
    let body = &response.body;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(parse_error("$", "the body is empty", body));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        let utf8 = std::str::from_utf8(body);
        // A body cut inside a multi-byte character is truncated, not binary.
        let cut = utf8.as_ref().err().is_some_and(|u| u.error_len().is_none());
        let what = if utf8.is_err() && !cut {
            "the body is not UTF-8 JSON".to_string()
        } else if cut || e.is_eof() {
            format!("the body ends early: {e}")
        } else {
            format!("the body is not JSON: {e}")
        };
        parse_error("$", what, body)
    })?;
    let Value::Object(map) = value else {
        return Err(parse_error("$", "expected a JSON object", body));
    };
    Ok(map)
}

/// Checks `status` of an enveloped body: `Success` passes, anything else is
/// an API error carrying the body's message.
pub(crate) fn check_envelope(map: &Map<String, Value>, response: &HttpResponse) -> Result<()> {
    match map.get("status") {
        Some(Value::String(s)) if s.eq_ignore_ascii_case("success") => Ok(()),
        Some(Value::String(_)) => Err(Error::Api(ApiError {
            kind: ApiErrorKind::Unexpected,
            ..classify_error(response)
        })),
        _ => Err(parse_error(
            "status",
            "expected the envelope's \"status\" field",
            &response.body,
        )),
    }
}

/// Deserializes JSON text, naming the JSON path of a failure.
///
/// Every model is read through this one function (values through
/// [`from_value`], which writes them out first), so each model's
/// deserializer is compiled once, for one deserializer type.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str, path: &str, body: &[u8]) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let full = if inner == "." || inner.is_empty() {
            path.to_string()
        } else if inner.starts_with('[') {
            format!("{path}{inner}")
        } else {
            format!("{path}.{inner}")
        };
        parse_error(full, e.inner().to_string(), body)
    })?;
    de.end()
        .map_err(|e| parse_error(path, e.to_string(), body))?;
    Ok(value)
}

/// Reads JSON text as `T` the way answers are read: the lenient value forms
/// of the models, and on failure an [`Error::Parse`] naming the JSON path
/// (`$.owner.id`). Bindings read request bodies through this too, so a
/// model's deserializer exists once in a build.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_text(text, "$", text.as_bytes())
}

/// Deserializes a JSON value with the JSON path of a failure (see
/// [`from_text`]; for the small bodies outside the list and entity paths).
pub(crate) fn from_value<T: DeserializeOwned>(value: Value, path: &str, body: &[u8]) -> Result<T> {
    from_text(&value.to_string(), path, body)
}

/// Raw JSON members of an object, by name.
pub(crate) type RawMap<'a> = std::collections::BTreeMap<String, &'a RawValue>;

/// The members under `data` of an enveloped body, left as raw JSON: the
/// same checks (and error messages) as [`data_of`] without building a
/// JSON value of the whole body.
pub(crate) fn raw_data_of(response: &HttpResponse) -> Result<RawMap<'_>> {
    match one_pass(response) {
        Some(data) => Ok(data),
        None => raw_data_checked(response),
    }
}

/// The usual answer, read in one pass over the body: a 2xx, an object
/// with `"status": "Success"` and an object under `data`. Anything else
/// (`None`) goes to [`raw_data_checked`], which words the error.
fn one_pass(response: &HttpResponse) -> Option<RawMap<'_>> {
    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        #[serde(borrow)]
        status: Option<std::borrow::Cow<'a, str>>,
        #[serde(borrow)]
        data: Option<RawMap<'a>>,
    }
    if !(200..300).contains(&response.status) {
        return None;
    }
    let text = std::str::from_utf8(&response.body).ok()?;
    let envelope: Envelope<'_> = serde_json::from_str(text).ok()?;
    let success = envelope.status?.eq_ignore_ascii_case("success");
    success.then_some(envelope.data).flatten()
}

/// [`raw_data_of`] step by step, with the same checks and messages as
/// [`data_of`].
fn raw_data_checked(response: &HttpResponse) -> Result<RawMap<'_>> {
    let body = &response.body;
    let top: RawMap<'_> = match std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str(text).ok())
    {
        Some(map) => map,
        // Let the value path word the error (status, empty, not JSON, ...).
        None => {
            data_of(response)?;
            return Err(parse_error("$", "expected a JSON object", body));
        }
    };
    if !(200..300).contains(&response.status) {
        return Err(Error::Api(classify_error(response)));
    }
    match top
        .get("status")
        .map(|raw| serde_json::from_str::<Value>(raw.get()))
    {
        Some(Ok(Value::String(s))) if s.eq_ignore_ascii_case("success") => {}
        Some(Ok(Value::String(_))) => {
            return Err(Error::Api(ApiError {
                kind: ApiErrorKind::Unexpected,
                ..classify_error(response)
            }));
        }
        _ => {
            return Err(parse_error(
                "status",
                "expected the envelope's \"status\" field",
                body,
            ));
        }
    }
    let Some(data) = top.get("data") else {
        return Err(parse_error("data", "the field is missing", body));
    };
    serde_json::from_str(data.get()).map_err(|_| parse_error("data", "expected an object", body))
}

/// Finds the entity in raw `data` members: `key` first, then (for
/// documentation slips such as a wrong list key) the only other non-count
/// field.
pub(crate) fn take_raw_entity<'a>(data: &RawMap<'a>, key: &str) -> Option<(String, &'a RawValue)> {
    if let Some(v) = data.get(key) {
        return Some((key.to_string(), v));
    }
    let mut others = data.iter().filter(|(k, _)| k.as_str() != "resultCount");
    match (others.next(), others.next()) {
        (Some((k, v)), None) => Some((k.clone(), v)),
        _ => None,
    }
}

/// The object under `data` of an enveloped body.
pub(crate) fn data_of(response: &HttpResponse) -> Result<Map<String, Value>> {
    let mut map = json_object(response)?;
    check_envelope(&map, response)?;
    match map.remove("data") {
        Some(Value::Object(data)) => Ok(data),
        Some(_) => Err(parse_error("data", "expected an object", &response.body)),
        None => Err(parse_error("data", "the field is missing", &response.body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_forbidden_meanings() {
        let r = |status, body: &str| classify_error(&HttpResponse::new(status, body.as_bytes()));
        let owner = r(
            403,
            r#"{"status":"Failure","message":"The requested owner was not found"}"#,
        );
        assert_eq!(owner.kind, ApiErrorKind::OwnerForbidden);
        let sig = r(
            403,
            r#"{"status":"Failure","message":"Signature data did not match expected result"}"#,
        );
        assert_eq!(sig.kind, ApiErrorKind::Unauthorized);
        let skew = r(
            403,
            r#"{"status":"Failure","message":"Timestamp out of acceptable time range"}"#,
        );
        assert_eq!(skew.kind, ApiErrorKind::ClockSkew);
        let excl = r(
            403,
            r#"{"status":"Failure","message":"This Indicator is included in a system-wide exclusion list."}"#,
        );
        assert_eq!(excl.kind, ApiErrorKind::ExclusionList);
        assert_eq!(
            r(503, "API access has not been licensed").kind,
            ApiErrorKind::NotLicensed
        );
        assert_eq!(r(502, "").kind, ApiErrorKind::Server);
        assert_eq!(r(429, "").kind, ApiErrorKind::RateLimited);
    }

    #[test]
    fn the_one_pass_envelope_and_its_fallback() {
        let ok = HttpResponse::new(
            200,
            &br#"{"status":"Success","data":{"resultCount":1,"owner":[{"id":1}]}}"#[..],
        );
        let data = one_pass(&ok).map(|d| d.keys().cloned().collect::<Vec<_>>());
        assert_eq!(
            data,
            Some(vec!["owner".to_string(), "resultCount".to_string()])
        );
        // Odd bodies take the checked path, with its messages.
        for (body, path) in [
            (r#"{"status":"Success","data":null}"#, "data"),
            (r#"{"status":"Success"}"#, "data"),
            (r#"{"data":{}}"#, "status"),
        ] {
            let response = HttpResponse::new(200, body.as_bytes());
            assert!(one_pass(&response).is_none(), "{body}");
            let Err(Error::Parse { path: found, .. }) = raw_data_of(&response) else {
                panic!("{body} should not parse");
            };
            assert_eq!(found, path, "{body}");
        }
        // A repeated key is not an error (the last one counts, as before).
        let twice = HttpResponse::new(
            200,
            &br#"{"status":"Success","data":{"a":1},"data":{"b":2}}"#[..],
        );
        assert!(one_pass(&twice).is_none());
        let keys = raw_data_of(&twice).map(|d| d.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys.ok(), Some(vec!["b".to_string()]));
    }

    #[test]
    fn plain_text_and_html_messages() {
        let text = classify_error(&HttpResponse::new(
            500,
            &b"Could not find resource for relative : /v2/nope"[..],
        ));
        assert_eq!(
            text.message.as_deref(),
            Some("Could not find resource for relative : /v2/nope")
        );
        let html = classify_error(
            &HttpResponse::new(
                502,
                &b"<html><head><title>502 Bad Gateway</title></head><body>x</body></html>"[..],
            )
            .with_header("Content-Type", "text/html"),
        );
        assert_eq!(html.message.as_deref(), Some("502 Bad Gateway"));
        let batch = classify_error(&HttpResponse::new(
            400,
            &br#"{"status":"Invalid","description":"Batch still in Running state"}"#[..],
        ));
        assert_eq!(
            batch.message.as_deref(),
            Some("Batch still in Running state")
        );
    }
}
