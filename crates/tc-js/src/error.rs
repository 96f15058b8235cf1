//! Core errors as JavaScript `Error` objects.

use js_sys::Reflect;
use tc_core::Error;
use wasm_bindgen::JsValue;

/// The `name` of every error this module throws; the ESM wrapper turns it
/// into the matching `ThreatConnectError` subclass.
pub(crate) const ERROR_NAME: &str = "ThreatConnectError";

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh `Error` cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// An `Error` with `name`, the stable `code`, and when known `status`,
/// `serviceMessage`, `retryAfter`, `path` (parse errors) and `field`
/// (refused input). Core errors never hold secrets, so neither does this.
pub(crate) fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name(ERROR_NAME);
    let js = JsValue::from(js);
    set(&js, "code", &error.code().into());
    if let Some(status) = error.status() {
        set(&js, "status", &f64::from(status).into());
    }
    if let Some(message) = error.service_message() {
        set(&js, "serviceMessage", &message.into());
    }
    match error {
        Error::Api(api) => {
            if let Some(seconds) = api.retry_after {
                set(&js, "retryAfter", &(seconds as f64).into());
            }
        }
        Error::Parse { path, .. } => set(&js, "path", &path.as_str().into()),
        Error::InvalidInput { field, .. } => set(&js, "field", &(*field).into()),
        _ => {}
    }
    js
}
