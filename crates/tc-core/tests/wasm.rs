//! The core in wasm: the signing vectors, the URL builder and response
//! parsing run under wasm-bindgen-test (Node by default).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

#[path = "vectors.rs"]
mod vectors;

#[wasm_bindgen_test]
fn parse_and_errors_in_wasm() {
    let call = tc_core::api::owners().list();
    let body = br#"{"status":"Success","data":{"resultCount":1,"owner":[{"id":"7","name":"Org","type":"Organization"}]}}"#;
    let page = call
        .parse(&tc_core::HttpResponse::new(200, &body[..]))
        .unwrap();
    assert_eq!(page.items[0].id, 7);
    assert_eq!(page.result_count, Some(1));
    let err = call
        .parse(&tc_core::HttpResponse::new(200, &body[..20]))
        .unwrap_err();
    assert_eq!(err.code(), "parse");
    let err = call
        .parse(&tc_core::HttpResponse::new(
            503,
            &b"API access has not been licensed"[..],
        ))
        .unwrap_err();
    assert_eq!(err.code(), "not_licensed");
}

#[wasm_bindgen_test]
fn urls_in_wasm() {
    let config = tc_core::Config::builder("https://tc.example.org/api")
        .token("t")
        .build()
        .unwrap();
    let r = tc_core::api::tag("a/b ü")
        .get()
        .request(&config, 0)
        .unwrap();
    assert_eq!(r.target(), "/api/v2/tags/a%2Fb%20%C3%BC");
}
