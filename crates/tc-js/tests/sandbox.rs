//! The bindings against the sandbox server, in Node (default) and in
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`).
//!
//! The server's API base URL comes in at compile time as `TC_SANDBOX_URL`
//! (`cargo xtask` starts the server and sets it); without it the tests that
//! need the server only say so. The tests clean up what they write and use
//! names unique to each run, so one server serves both hosts.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use serde_json::json;
use tc_js::{Client, extract_indicators, operations};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

const URL: Option<&str> = option_env!("TC_SANDBOX_URL");
const ACCESS_ID: &str = "12345678901234567890";
const SECRET_KEY: &str = "sandbox-secret-key-not-for-production";
const TOKEN: &str = "APIV2:1:sandbox:4102444800:demo-token";

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn server() -> Option<&'static str> {
    if URL.is_none() {
        console_log!("TC_SANDBOX_URL was not set at build time: skipped");
    }
    URL
}

fn hmac(url: &str) -> Client {
    Client::new(obj(&[
        ("baseUrl", s(url)),
        ("accessId", s(ACCESS_ID)),
        ("secretKey", s(SECRET_KEY)),
    ]))
    .unwrap()
}

/// A name no other run uses.
fn unique(prefix: &str) -> String {
    format!("{prefix} {}", js_sys::Date::now() as u64 % 1_000_000_000)
}

async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!("the call failed: {:?}", get(&e, "message")),
    }
}

/// The JSON text an answer comes as, parsed.
async fn json(p: Promise) -> JsValue {
    let text = ok(p).await;
    let text = text.as_string().expect("a JSON answer");
    js_sys::JSON::parse(&text).unwrap()
}

const NONE: &str = "";
const U: JsValue = JsValue::UNDEFINED;

async fn fails(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("the call succeeded: {v:?}"),
        Err(e) => e,
    }
}

fn host_args() -> String {
    json!({"type": "hosts", "value": "evil.example"}).to_string()
}

fn tag_args(name: &str) -> String {
    json!({"type": "hosts", "value": "evil.example", "target": {"name": name}}).to_string()
}

async fn host_tags(client: &Client) -> Vec<String> {
    let page = json(client.invoke("indicator.tags.list", &host_args(), U, U)).await;
    Array::from(&get(&page, "items"))
        .iter()
        .filter_map(|t| get(&t, "name").as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn whoami_with_hmac_and_with_a_token_function() {
    let Some(url) = server() else { return };
    let user = json(hmac(url).invoke("whoami", NONE, U, U)).await;
    assert_eq!(
        get(&user, "userName").as_string().as_deref(),
        Some(ACCESS_ID)
    );

    let calls = Function::new_with_args(
        "",
        "globalThis.__tokenCalls = (globalThis.__tokenCalls || 0) + 1; return Promise.resolve(this.token);",
    );
    let provider = calls.bind0(&obj(&[("token", s(TOKEN))]));
    let client = Client::new(obj(&[("baseUrl", s(url)), ("token", provider.into())])).unwrap();
    ok(client.invoke("whoami", NONE, U, U)).await;
    ok(client.invoke("owners.list", NONE, U, U)).await;
    let count = get(&js_sys::global(), "__tokenCalls").as_f64();
    assert!(
        count.is_some_and(|n| n >= 2.0),
        "the token function runs per request"
    );
}

#[wasm_bindgen_test]
async fn looks_up_an_indicator_in_the_service_shape() {
    let Some(url) = server() else { return };
    let args = json!({"type": "hosts", "value": "evil.example", "includeTags": true});
    let host = json(hmac(url).invoke("indicator.get", &args.to_string(), U, U)).await;
    assert_eq!(
        get(&host, "hostName").as_string().as_deref(),
        Some("evil.example")
    );
    // The service writes this flag as a string, and so do the bindings.
    assert_eq!(get(&host, "dnsActive").as_string().as_deref(), Some("true"));
    assert!(get(&host, "rating").as_f64().is_some());
    assert!(Array::is_array(&get(&host, "tag")));
    assert!(
        get(&host, "summary").is_undefined(),
        "absent fields stay absent"
    );
}

#[wasm_bindgen_test]
async fn adds_and_removes_an_awkward_tag() {
    let Some(url) = server() else { return };
    let client = hmac(url);
    let name = unique("a/b c %20?#");
    let added = ok(client.invoke("indicator.tags.add", &tag_args(&name), U, U)).await;
    assert!(added.is_undefined());
    assert!(host_tags(&client).await.contains(&name));
    ok(client.invoke("indicator.tags.remove", &tag_args(&name), U, U)).await;
    assert!(!host_tags(&client).await.contains(&name));
}

#[wasm_bindgen_test]
async fn pages_through_a_list() {
    let Some(url) = server() else { return };
    let client = hmac(url);
    let first = json(client.page("indicators.list", NONE, 0.0, 2.0, U)).await;
    let total = get(&first, "resultCount").as_f64().unwrap();
    assert!(total > 2.0, "the demo data has more than one page of two");
    assert_eq!(Array::from(&get(&first, "items")).length(), 2);
    assert_eq!(get(&first, "next").as_f64(), Some(2.0));

    let mut seen = 2.0;
    let mut next = get(&first, "next");
    while let Some(start) = next.as_f64() {
        let page = json(client.page("indicators.list", NONE, start, 2.0, U)).await;
        assert!(
            get(&page, "resultCount").is_undefined(),
            "only the first page counts"
        );
        seen += f64::from(Array::from(&get(&page, "items")).length());
        next = get(&page, "next");
    }
    assert_eq!(seen, total);

    let not_a_list = fails(client.page("whoami", NONE, 0.0, 2.0, U)).await;
    assert_eq!(
        get(&not_a_list, "code").as_string().as_deref(),
        Some("invalid_input")
    );
}

#[wasm_bindgen_test]
async fn errors_are_errors_with_stable_codes() {
    let Some(url) = server() else { return };
    let client = hmac(url);
    let missing = json!({"type": "hosts", "value": "missing.example"}).to_string();
    let e = fails(client.invoke("indicator.get", &missing, U, U)).await;
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&e, "name").as_string().as_deref(),
        Some("ThreatConnectError")
    );
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("not_found"));
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    assert!(get(&e, "serviceMessage").is_string());

    let restricted = json!({"owner": "Restricted Community"}).to_string();
    let e = fails(client.invoke("indicators.list", &restricted, U, U)).await;
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("owner_forbidden")
    );
    assert_eq!(get(&e, "status").as_f64(), Some(403.0));

    let e = fails(client.invoke("indicator.fly", &host_args(), U, U)).await;
    assert_eq!(
        get(&e, "code").as_string().as_deref(),
        Some("invalid_input")
    );
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("op"));

    let wrong_key = Client::new(obj(&[
        ("baseUrl", s(url)),
        ("accessId", s(ACCESS_ID)),
        ("secretKey", s("not-the-key-0123456789")),
    ]))
    .unwrap();
    let e = fails(wrong_key.invoke("whoami", NONE, U, U)).await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("unauthorized"));
    let text = format!("{:?} {}", get(&e, "message"), wrong_key.describe());
    assert!(
        !text.contains("not-the-key"),
        "no secret in messages: {text}"
    );
}

#[wasm_bindgen_test]
async fn downloads_a_document_with_progress() {
    let Some(url) = server() else { return };
    let client = hmac(url);
    let docs = json(client.invoke(
        "groups.ofType.list",
        &json!({"type": "documents"}).to_string(),
        U,
        U,
    ))
    .await;
    let id = get(&Array::from(&get(&docs, "items")).get(0), "id");
    let events = Array::new();
    let push = Function::new_with_args("e", "this.push(e)").bind0(&events);
    let args = json!({"type": "documents", "id": id.as_f64()}).to_string();
    let bytes = ok(client.invoke(
        "group.document.download",
        &args,
        U,
        obj(&[("onProgress", push.into())]),
    ))
    .await;
    let bytes = bytes.dyn_into::<Uint8Array>().unwrap().to_vec();
    assert!(String::from_utf8_lossy(&bytes).contains("Sandbox campaign report"));
    assert!(events.length() >= 2, "at least a start and an end report");
    let last = events.get(events.length() - 1);
    assert_eq!(get(&last, "loaded").as_f64(), Some(bytes.len() as f64));
    assert_eq!(get(&last, "phase").as_string().as_deref(), Some("download"));
}

#[wasm_bindgen_test]
async fn an_aborted_signal_and_a_deadline_end_the_call() {
    let Some(url) = server() else { return };
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let options = obj(&[("signal", controller.signal().into())]);
    let e = fails(hmac(url).invoke("whoami", NONE, U, options)).await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("aborted"));

    // A fetch that never answers: the deadline ends the call.
    let never = Function::new_with_args("url, init", "return new Promise(() => {})");
    let client = Client::new(obj(&[
        ("baseUrl", s(url)),
        ("token", s(TOKEN)),
        ("fetch", never.into()),
        ("timeoutMs", JsValue::from_f64(50.0)),
    ]))
    .unwrap();
    let e = fails(client.invoke("whoami", NONE, U, U)).await;
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("timeout"));
}

#[wasm_bindgen_test]
fn refuses_bad_options_without_echoing_secrets() {
    let e = Client::new(obj(&[("baseUrl", s("https://tc.example.org/api"))])).unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("config"));
    let e = Client::new(obj(&[
        ("baseUrl", s("http://tc.example.org/api")),
        ("token", s("super-secret-token")),
    ]))
    .unwrap_err();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("config"));
    assert!(!format!("{:?}", get(&e, "message")).contains("super-secret-token"));
    let client = Client::new(obj(&[
        ("baseUrl", s("https://tc.example.org/api")),
        ("accessId", s(ACCESS_ID)),
        ("secretKey", s("super-secret-key")),
    ]))
    .unwrap();
    assert!(!client.describe().contains("super-secret-key"));
}

/// Every listed operation is an arm of the tables (none is "unknown"),
/// checked against a fetch double that answers an empty success.
#[wasm_bindgen_test]
async fn every_operation_name_dispatches() {
    let canned = Function::new_with_args(
        "url, init",
        "return Promise.resolve(new Response('{\"status\":\"Success\",\"data\":{}}', \
         { status: 200, headers: { 'content-type': 'application/json' } }))",
    );
    let client = Client::new(obj(&[
        ("baseUrl", s("https://tc.example.org/api")),
        ("token", s(TOKEN)),
        ("fetch", canned.into()),
        ("maxRetries", JsValue::from_f64(0.0)),
    ]))
    .unwrap();
    let names = operations();
    assert!(names.length() > 150, "{} operations", names.length());
    for name in names.iter() {
        let op = name.as_string().unwrap();
        let kind = if op.starts_with("group") {
            "incidents"
        } else {
            "hosts"
        };
        let args = json!({
            "type": kind, "value": "x", "id": 1, "name": "x", "action": "drop",
            "associationType": "x", "body": {"name": "x", "type": "x", "owner": "x"},
        });
        let call = client.invoke(&op, &args.to_string(), s("[]"), U);
        let result = JsFuture::from(call).await;
        if let Err(e) = result {
            let field = get(&e, "field").as_string();
            assert_ne!(
                field.as_deref(),
                Some("op"),
                "{op} is listed but not dispatched"
            );
        }
    }
}

#[wasm_bindgen_test]
fn extracts_with_utf16_offsets() {
    let text = "😀 see hxxp://evil[.]example/x and 198.51.100[.]7";
    let found = extract_indicators(text, JsValue::UNDEFINED).unwrap();
    let found = Array::from(&js_sys::JSON::parse(&found.as_string().unwrap()).unwrap());
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let first = found.get(0);
    assert_eq!(get(&first, "type").as_string().as_deref(), Some("urls"));
    assert_eq!(
        get(&first, "value").as_string().as_deref(),
        Some("http://evil.example/x")
    );
    let start = get(&first, "start").as_f64().unwrap() as usize;
    let end = get(&first, "end").as_f64().unwrap() as usize;
    assert_eq!(
        String::from_utf16_lossy(&utf16[start..end]),
        "hxxp://evil[.]example/x"
    );
    assert_eq!(start, 7, "the emoji counts as two UTF-16 units");
}
