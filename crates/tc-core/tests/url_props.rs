#![cfg(not(target_arch = "wasm32"))]
//! The URL builder: every value is exactly one segment, decodes back to
//! itself, and the signed string is the path and query that are sent.

use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use tc_core::api::{self, GroupType, IndicatorType};
use tc_core::{Config, Method, signing_string};

fn config(prefix: &str) -> Config {
    Config::builder(format!("https://tc.example.org{prefix}"))
        .hmac("12345678901234567890", "k")
        .build()
        .unwrap()
}

fn value_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("/".to_string()),
                Just("?".to_string()),
                Just("#".to_string()),
                Just("%".to_string()),
                Just("+".to_string()),
                Just(" ".to_string()),
                Just(":".to_string()),
                Just("%2F".to_string()),
                Just("ü".to_string()),
                Just("日本".to_string()),
                Just("🦀".to_string()),
                "[a-z.]{0,4}",
            ],
            0..8
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

proptest! {
    #[test]
    fn tag_paths_have_one_segment_per_value(tag in value_strategy(), value in value_strategy(), prefix in prop_oneof![Just(""), Just("/api"), Just("/tc/api")]) {
        let cfg = config(prefix);
        let call = api::indicator(IndicatorType::URLS, &value).tags().remove(&tag);
        let request = match call.request(&cfg, 1_700_000_000) {
            Ok(r) => r,
            // Blank and over-long tag names are refused before sending.
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_input");
                prop_assert!(tag.trim().is_empty() || tag.chars().count() > 128);
                return Ok(());
            }
        };
        let target = request.target();
        prop_assert!(!target.contains('?'));
        let path = target.strip_prefix(prefix).unwrap();
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        // v2 / indicators / urls / {value} / tags / {tag}
        prop_assert_eq!(segments.len(), 6, "{}", target);
        prop_assert_eq!(decode(segments[3]), value);
        prop_assert_eq!(decode(segments[5]), tag);
        prop_assert!(target.bytes().all(|b| b.is_ascii_graphic()));

        // The signature covers exactly the sent target.
        let expected = tc_core::sign(&tc_core::Secret::new("k"), &signing_string(target, Method::Delete, 1_700_000_000));
        let auth = request.header("authorization").unwrap().to_string();
        prop_assert_eq!(auth, format!("TC 12345678901234567890:{expected}"));
        prop_assert_eq!(request.url(), format!("https://tc.example.org{target}"));
    }

    #[test]
    fn query_values_decode_back(owner in value_strategy(), filter in "[^,]{0,20}") {
        prop_assume!(!owner.trim().is_empty());
        let cfg = config("/api");
        let call = api::groups()
            .list_of(GroupType::INCIDENTS)
            .owner(owner.clone())
            .filter(tc_core::params::Filter::starts_with("name", filter.clone()));
        let request = call.request(&cfg, 1).unwrap();
        let (path, query) = request.target().split_once('?').unwrap();
        prop_assert_eq!(path, "/api/v2/groups/incidents");
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (decode(k), decode(v))
            })
            .collect();
        prop_assert_eq!(&pairs[0], &("owner".to_string(), owner));
        prop_assert_eq!(&pairs[1], &("filters".to_string(), format!("name^{filter}")));
    }
}
