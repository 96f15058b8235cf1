//! The HMAC signer on its own, for requests made without the client (a
//! proxy that forwards them, another HTTP library).

use js_sys::{Object, Reflect};
use tc_core::{Method, Secret};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::args::invalid;
use crate::error::to_js;

/// The `Timestamp` and `Authorization` headers of one HMAC-signed request:
/// `target` is the path and query exactly as sent (base prefix included,
/// already percent-encoded), `method` the HTTP method in capitals,
/// `timestamp` Unix seconds. Returns `{ Timestamp, Authorization }`; throws
/// a `ThreatConnectError` with code `invalid_input` for unusable arguments.
/// The secret key stays inside the module and is never echoed.
#[wasm_bindgen(js_name = signRequest)]
pub fn sign_request(
    access_id: &str,
    secret_key: &str,
    target: &str,
    method: &str,
    timestamp: f64,
) -> Result<JsValue, JsValue> {
    let fail = |field, message: &str| to_js(&invalid(field, message));
    if access_id.is_empty() || access_id.contains(':') {
        return Err(fail(
            "accessId",
            "the access id must be non-empty and have no ':'",
        ));
    }
    if secret_key.is_empty() {
        return Err(fail("secretKey", "the secret key must not be empty"));
    }
    if !target.starts_with('/') {
        return Err(fail(
            "path",
            "the path must start with '/' (path and query as sent)",
        ));
    }
    let Some(method) = Method::parse(method) else {
        return Err(fail(
            "method",
            "expected GET, POST, PUT or DELETE in capitals",
        ));
    };
    if !(timestamp.is_finite() && timestamp >= 0.0 && timestamp.fract() == 0.0) {
        return Err(fail("timestamp", "expected whole Unix seconds"));
    }
    let timestamp = timestamp as u64;
    let message = tc_core::signing_string(target, method, timestamp);
    let signature = tc_core::sign(&Secret::new(secret_key), &message);
    let headers = Object::new();
    let set = |key: &str, value: String| {
        // Setting a property on a fresh object cannot fail.
        let _ = Reflect::set(
            &headers,
            &JsValue::from_str(key),
            &JsValue::from_str(&value),
        );
    };
    set("Timestamp", timestamp.to_string());
    set("Authorization", format!("TC {access_id}:{signature}"));
    Ok(headers.into())
}
