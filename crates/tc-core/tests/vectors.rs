//! The signing vectors of `shared/reference/test-vectors.md`, on the host
//! and (through wasm-bindgen-test) in wasm.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use tc_core::{Method, Secret, sign, signing_string};

const ACCESS_ID: &str = "12345678901234567890";
const SECRET: &str = "aSecretKeyForTestingOnly+/=";

const VECTORS: &[(Method, u64, &str, &str)] = &[
    (
        Method::Get,
        1513703787,
        "/api/v2/owners",
        "/pMd4DltEMiJNMvPu8yWsCNL2+IFBLp/45JV3/0d2MM=",
    ),
    (
        Method::Get,
        1513703787,
        "/api/v2/indicators/hosts/example.com?Owner=Common%20Community",
        "1Xy3iLacGM9ofdnpJFMVcyzWNpoL5gd05ikFeSGB+Xo=",
    ),
    (
        Method::Get,
        1513703787,
        "/api/v2/indicators/hosts/example.com?owner=Common+Community",
        "PtQ//HMWuazUX/RZ8661QIV8cWiZZ3glrWfd364lA3Y=",
    ),
    (
        Method::Get,
        1513703787,
        "/v2/owners",
        "BibC6Q36MTmQVeh1HojqZq2JfCHcd1KdBmD2vkjUtsI=",
    ),
    (
        Method::Post,
        1700000000,
        "/api/v2/groups/incidents?createActivityLog=false",
        "G0C+xrmjxyeVsUNl+H861aWET4c3gePSAw9yHGLTyls=",
    ),
    (
        Method::Get,
        1700000000,
        "/api/v2/indicators/urls/http%3A%2F%2Fexample.com%2F",
        "s0Jz7ShS7xy6anzFeHqfFLkWZnpRQwqy95XtzoByeKY=",
    ),
    (
        Method::Delete,
        1700000000,
        "/api/v2/groups/threats/12345/tags/Nation%20State",
        "HbGCOR/xIW4r5bj3hK4sb+rvD5P/kEpASRlHmmqMaKA=",
    ),
    (
        Method::Get,
        1700000000,
        "/api/v2/indicators?filters=summary%3Dexample.com,dateAdded%3E2015-10-15&orParams=true&resultStart=0&resultLimit=100",
        "NFq//BJpFJHDSHYHjl62Wd2j9+MYDmavMpmiYgsEL4c=",
    ),
    (
        Method::Post,
        1700000000,
        "/api/v2/batch/12345",
        "JdjmfyvttsYvyxxxeKQ3J4a04JE7UohBGjsFCC64oiY=",
    ),
];

#[test]
fn all_nine_vectors() {
    let secret = Secret::new(SECRET);
    for (method, ts, target, expected) in VECTORS {
        let got = sign(&secret, &signing_string(target, *method, *ts));
        assert_eq!(&got, expected, "{method} {target} at {ts}");
    }
}

#[test]
fn signing_strings_are_byte_exact() {
    assert_eq!(
        signing_string("/api/v2/owners", Method::Get, 1513703787),
        "/api/v2/owners:GET:1513703787"
    );
    assert_eq!(
        signing_string(
            "/api/v2/indicators/hosts/example.com?Owner=Common%20Community",
            Method::Get,
            1513703787
        ),
        "/api/v2/indicators/hosts/example.com?Owner=Common%20Community:GET:1513703787"
    );
}

/// The builder produces the vectors' targets itself, so what is signed is
/// what is sent.
#[test]
fn built_requests_match_the_vectors() {
    use tc_core::api::{self, GroupType, IndicatorType};
    use tc_core::params::Filter;

    let config = tc_core::Config::builder("https://app.threatconnect.com/api")
        .hmac(ACCESS_ID, SECRET)
        .build()
        .unwrap();
    let calls: Vec<(String, Option<String>, u64)> = vec![
        {
            let r = api::owners().list().request(&config, 1513703787).unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1513703787,
            )
        },
        {
            let r = api::groups()
                .create(GroupType::INCIDENTS, &tc_core::models::Group::named("x"))
                .create_activity_log(false)
                .request(&config, 1700000000)
                .unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1700000000,
            )
        },
        {
            let r = api::indicator(IndicatorType::URLS, "http://example.com/")
                .get()
                .request(&config, 1700000000)
                .unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1700000000,
            )
        },
        {
            let r = api::group(GroupType::THREATS, 12345)
                .tags()
                .remove("Nation State")
                .request(&config, 1700000000)
                .unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1700000000,
            )
        },
        {
            let r = api::indicators()
                .list()
                .filter(Filter::eq("summary", "example.com"))
                .filter(Filter::gt("dateAdded", "2015-10-15"))
                .or_params()
                .result_start(0)
                .result_limit(100)
                .request(&config, 1700000000)
                .unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1700000000,
            )
        },
        {
            let r = api::batch_job(12345)
                .upload(b"[]".to_vec())
                .request(&config, 1700000000)
                .unwrap();
            (
                r.target().to_string(),
                r.header("authorization").map(str::to_string),
                1700000000,
            )
        },
    ];
    for (target, auth, ts) in calls {
        let (_, _, _, expected) = VECTORS
            .iter()
            .find(|(_, t, v, _)| *v == target && *t == ts)
            .unwrap_or_else(|| panic!("no vector for {target}"));
        assert_eq!(auth, Some(format!("TC {ACCESS_ID}:{expected}")), "{target}");
    }
}

#[test]
fn token_requests_carry_no_timestamp_signature() {
    let config = tc_core::Config::builder("https://tc.example.org/api")
        .token("tok-123")
        .build()
        .unwrap();
    let r = tc_core::api::whoami().request(&config, 1).unwrap();
    assert_eq!(r.header("authorization"), Some("TC-Token tok-123"));
    assert_eq!(r.url(), "https://tc.example.org/api/v2/whoami");
    assert!(!format!("{r:?}").contains("tok-123"));
}
