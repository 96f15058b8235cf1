//! The IOC toolkit: find indicators in text, refang and defang.

use serde::Serialize;
use tc_core::ioc::{self, ExtractOptions};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::error::to_js;
use crate::prepared;

#[derive(Serialize)]
struct Found<'a> {
    /// The API branch (`hosts`, `addresses`, `files`, ...).
    #[serde(rename = "type")]
    branch: &'static str,
    /// The finer kind (`ipv4`, `md5`, `email`, ...).
    kind: &'static str,
    value: &'a str,
    start: usize,
    end: usize,
}

fn flag(options: &JsValue, key: &str) -> Option<bool> {
    js_sys::Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_bool())
}

/// Finds the indicators in `text`: an array of `{ type, kind, value, start,
/// end }` where `type` is the API branch (`hosts`, `addresses`, `urls`,
/// `emailAddresses`, `files`, `cidrBlocks`, `asns`), `value` the normalised
/// indicator, and `start`/`end` offsets in UTF-16 code units (JavaScript
/// string indices) of the original, possibly defanged, characters.
///
/// `options`: `refang` (default `true`), `cidr` (default `true`), `unique`
/// (default `true`: each indicator once; `false`: every occurrence).
#[wasm_bindgen(js_name = extractIndicators)]
pub fn extract_indicators(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let mut settings = ExtractOptions::new();
    let mut unique = true;
    if options.is_object() {
        if let Some(on) = flag(&options, "refang") {
            settings = settings.with_refang(on);
        }
        if let Some(on) = flag(&options, "cidr") {
            settings = settings.with_cidr(on);
        }
        unique = flag(&options, "unique").unwrap_or(true);
    }
    let hits = if unique {
        ioc::extract_with(text, &settings)
    } else {
        ioc::extract_all_with(text, &settings)
    };
    let spans = ioc::utf16_spans(text, &hits);
    let found: Vec<Found<'_>> = hits
        .iter()
        .zip(spans)
        .map(|(hit, span)| Found {
            branch: hit.kind.api_branch(),
            kind: hit.kind.as_str(),
            value: &hit.value,
            start: span.start,
            end: span.end,
        })
        .collect();
    prepared::to_js(&found).map_err(|e| to_js(&e))
}

/// Undoes defanging (`hxxp`, `[.]`, `(at)`, ...) in `text`.
#[wasm_bindgen]
pub fn refang(text: &str) -> String {
    ioc::refang(text)
}

/// Defangs one indicator value so it is safe to paste (`evil[.]example`).
#[wasm_bindgen]
pub fn defang(value: &str) -> String {
    ioc::defang(value)
}
