//! Building responses in the service's shapes.

use serde_json::{Map, Value, json};
use tc_core::HttpResponse;

pub(crate) const NOT_FOUND: &str = "The requested resource was not found";
pub(crate) const OWNER_NOT_FOUND: &str = "The requested owner was not found";

/// A JSON response with exactly `Content-Type: application/json`.
pub(crate) fn json(status: u16, value: &Value) -> HttpResponse {
    let body = serde_json::to_vec(value).unwrap_or_default();
    HttpResponse::new(status, body).with_header("Content-Type", "application/json")
}

/// `{"status":"Success"}`.
pub(crate) fn success(status: u16) -> HttpResponse {
    json(status, &json!({"status": "Success"}))
}

/// `{"status":"Success","data":{key: value}}`.
pub(crate) fn entity(status: u16, key: &str, value: Value) -> HttpResponse {
    let mut data = Map::new();
    data.insert(key.to_string(), value);
    json(status, &json!({"status": "Success", "data": data}))
}

/// A list page: `resultCount` only when the page starts at 0.
pub(crate) fn list(key: &str, page: Vec<Value>, total: usize, start: usize) -> HttpResponse {
    let mut data = Map::new();
    if start == 0 {
        data.insert("resultCount".into(), json!(total));
    }
    data.insert(key.to_string(), Value::Array(page));
    json(200, &json!({"status": "Success", "data": data}))
}

/// `{"status":"Failure","message":…}`.
pub(crate) fn failure(status: u16, message: &str) -> HttpResponse {
    json(status, &json!({"status": "Failure", "message": message}))
}

/// 404 with the service's message.
pub(crate) fn not_found() -> HttpResponse {
    failure(404, NOT_FOUND)
}

/// 400 with a message.
pub(crate) fn bad_request(message: &str) -> HttpResponse {
    failure(400, message)
}

/// A non-JSON body.
pub(crate) fn raw(status: u16, content_type: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::new(status, body).with_header("Content-Type", content_type)
}

/// What RESTEasy answers for a path no resource matches.
pub(crate) fn unmatched(path: &str) -> HttpResponse {
    raw(
        500,
        "text/plain",
        format!("Could not find resource for relative : {path} of full path: {path}").into_bytes(),
    )
}

/// 401 for a method a resource does not allow.
pub(crate) fn method_not_allowed() -> HttpResponse {
    failure(401, "The requested method is not allowed on this resource")
}

/// Adds the `Date` header every answer carries.
pub(crate) fn finish(mut response: HttpResponse, now: i64) -> HttpResponse {
    let date = chrono::DateTime::from_timestamp(now, 0)
        .map(|d| d.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
        .unwrap_or_default();
    response.headers.push(("Date".into(), date));
    response
}

/// A date in the service's form.
pub(crate) fn date(t: i64) -> Value {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| Value::String(d.format("%Y-%m-%dT%H:%M:%SZ").to_string()))
        .unwrap_or(Value::Null)
}
