//! The checks of the fuzz targets, on raw fuzzer bytes. Shared by the
//! cargo-fuzz targets and by `crates/tc-sandbox/tests/fuzz_corpus.rs`,
//! which replays the kept corpora as a normal test.

use arbitrary::{Arbitrary, Unstructured};
use percent_encoding::percent_decode_str;
use tc_core::api::{self, BatchConfig, GroupType, IndicatorType};
use tc_core::{Config, HttpResponse, Method, ioc};
use tc_sandbox::{DEMO_TOKEN, Request, Sandbox, SandboxConfig};

/// Any status and body, read by calls of every decoder kind.
pub fn response_parser(data: &[u8]) {
    let Ok((status, json, body)) =
        <(u16, bool, &[u8])>::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let mut response = HttpResponse::new(status % 600, body.to_vec());
    if json {
        response = response.with_header("Content-Type", "application/json");
    }
    let _ = api::owners().list().parse(&response);
    let _ = api::owners().mine_members().parse(&response);
    let _ = api::indicator(IndicatorType::HOSTS, "x")
        .get()
        .parse(&response);
    let _ = api::indicators().list().parse(&response);
    let _ = api::group(GroupType::INCIDENTS, 1)
        .tags()
        .add("t")
        .parse(&response);
    let _ = api::group(GroupType::DOCUMENTS, 1)
        .document()
        .download()
        .parse(&response);
    let _ = api::group(GroupType::SIGNATURES, 1)
        .signature_text()
        .parse(&response);
    let _ = api::indicators().bulk_status().parse(&response);
    let _ = api::indicators().bulk_json().parse(&response);
    let _ = api::batch()
        .create(&BatchConfig::create("o"))
        .parse(&response);
    let _ = api::batch_job(1).status().parse(&response);
    let _ = api::batch_job(1).errors().parse(&response);
    let mut reader = tc_core::BulkCsvReader::new();
    for chunk in body.chunks(7) {
        let _ = reader.feed(chunk);
    }
    let _ = reader.finish();
}

/// The IOC toolkit on any text.
pub fn ioc_extract(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for hit in ioc::extract(text) {
        assert!(hit.span.start <= hit.span.end && hit.span.end <= text.len());
        assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
        let utf16 = hit.utf16_span(text);
        assert!(utf16.start <= utf16.end);
    }
    let _ = ioc::extract_all(text);
    let refanged = ioc::refang(text);
    let _ = ioc::defang(&refanged);
}

/// The URL builder on any values.
pub fn url_builder(data: &[u8]) {
    let Ok((value, tag, owner, ts)) =
        <(&str, &str, &str, u64)>::arbitrary_take_rest(Unstructured::new(data))
    else {
        return;
    };
    let Ok(config) = Config::builder("https://tc.example.org/api")
        .hmac("1234", "k")
        .build()
    else {
        return;
    };
    let call = api::indicator(IndicatorType::URLS, value)
        .tags()
        .remove(tag)
        .owner(owner);
    let Ok(request) = call.request(&config, ts) else {
        return;
    };
    let target = request.target();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let segments: Vec<&str> = path.split('/').collect();
    assert_eq!(segments.len(), 8, "{target}");
    assert_eq!(
        percent_decode_str(segments[5])
            .decode_utf8()
            .ok()
            .as_deref(),
        Some(value)
    );
    assert_eq!(
        percent_decode_str(segments[7])
            .decode_utf8()
            .ok()
            .as_deref(),
        Some(tag)
    );
    assert!(!query.is_empty());
    let message = tc_core::signing_string(target, Method::Delete, ts);
    let expected = format!(
        "TC 1234:{}",
        tc_core::sign(&tc_core::Secret::new("k"), &message)
    );
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
    assert!(target.bytes().all(|b| b.is_ascii_graphic()));
}

#[derive(Debug, Arbitrary)]
struct HandlerInput<'a> {
    method: u8,
    path: Vec<&'a str>,
    query: &'a str,
    body: &'a [u8],
    gzip: bool,
    fault: Option<&'a str>,
}

/// The sandbox's request handler on any request.
pub fn sandbox_handler(data: &[u8]) {
    let Ok(input) = HandlerInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH"][usize::from(input.method) % 5];
    let mut target = String::from("/api/v2");
    for segment in input.path.iter().take(10) {
        target.push('/');
        target.push_str(segment);
    }
    if !input.query.is_empty() {
        target.push('?');
        target.push_str(input.query);
    }
    let mut headers = vec![(
        "Authorization".to_string(),
        format!("TC-Token {DEMO_TOKEN}"),
    )];
    if input.gzip {
        headers.push(("Content-Encoding".into(), "gzip".into()));
    }
    if let Some(fault) = input.fault {
        headers.push(("X-Sandbox-Fault".into(), fault.to_string()));
    }
    let request = Request::new(method, target, headers, input.body.to_vec());
    let mut sandbox = Sandbox::demo(SandboxConfig::default());
    let _ = sandbox.serve(&request, 1_750_000_000);
    let _ = sandbox.handle(&request, 1_750_000_000);
}
