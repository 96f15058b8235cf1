//! The URL builder on any values: each value is exactly one segment that
//! decodes back to itself, and the signed target is the sent target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use tc_core::api::{self, IndicatorType};
use tc_core::{Config, Method};

fuzz_target!(|input: (&str, &str, &str, u64)| {
    let (value, tag, owner, ts) = input;
    let Ok(config) = Config::builder("https://tc.example.org/api").hmac("1234", "k").build() else {
        return;
    };
    let call = api::indicator(IndicatorType::URLS, value).tags().remove(tag).owner(owner);
    let Ok(request) = call.request(&config, ts) else { return };
    let target = request.target();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let segments: Vec<&str> = path.split('/').collect();
    assert_eq!(segments.len(), 8, "{target}");
    assert_eq!(percent_decode_str(segments[5]).decode_utf8().ok().as_deref(), Some(value));
    assert_eq!(percent_decode_str(segments[7]).decode_utf8().ok().as_deref(), Some(tag));
    assert!(!query.is_empty());
    let message = tc_core::signing_string(target, Method::Delete, ts);
    let expected = format!("TC 1234:{}", tc_core::sign(&tc_core::Secret::new("k"), &message));
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
    assert!(target.bytes().all(|b| b.is_ascii_graphic()));
});
