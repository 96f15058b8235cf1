#![cfg(not(target_arch = "wasm32"))]
//! Bad answers become typed errors, never a panic: malformed, truncated,
//! HTML, non-UTF-8, empty and wrongly shaped bodies, and the service's
//! plain-text and JSON error forms, for the main kinds of call.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{Value, json};
use tc_core::api::{self, BatchConfig, BulkFormat, GroupType, IndicatorType};
use tc_core::{ApiError, ApiErrorKind, Error, HttpResponse};

/// One representative call, its answer reduced to a short description.
struct Probe {
    name: &'static str,
    /// Reads the body as JSON (bytes calls do not).
    json: bool,
    parse: fn(&HttpResponse) -> tc_core::Result<String>,
}

fn debug<T: std::fmt::Debug>(r: tc_core::Result<T>) -> tc_core::Result<String> {
    r.map(|v| format!("{v:?}"))
}

const ENTITY: Probe = Probe {
    name: "entity: GET /v2/indicators/hosts/{}",
    json: true,
    parse: |r| {
        debug(
            api::indicator(IndicatorType::HOSTS, "example.com")
                .get()
                .parse(r),
        )
    },
};
const LIST: Probe = Probe {
    name: "list: GET /v2/owners",
    json: true,
    parse: |r| debug(api::owners().list().parse(r)),
};
const SUCCESS: Probe = Probe {
    name: "success: DELETE /v2/groups/threats/{}",
    json: true,
    parse: |r| debug(api::group(GroupType::THREATS, 12345).delete().parse(r)),
};
const BYTES: Probe = Probe {
    name: "bytes: GET /v2/groups/documents/{}/download",
    json: false,
    parse: |r| {
        debug(
            api::group(GroupType::DOCUMENTS, 390)
                .document()
                .download()
                .parse(r),
        )
    },
};
const BATCH_STATUS: Probe = Probe {
    name: "batch status: GET /v2/batch/{}",
    json: true,
    parse: |r| debug(api::batch_job(12345).status().parse(r)),
};

const PROBES: [Probe; 5] = [ENTITY, LIST, SUCCESS, BYTES, BATCH_STATUS];

/// More calls with their own decoders, for the property tests.
const MORE: [Probe; 8] = [
    Probe {
        name: "members",
        json: true,
        parse: |r| debug(api::owners().mine_members().parse(r)),
    },
    Probe {
        name: "bulk status",
        json: true,
        parse: |r| debug(api::indicators().bulk_status().parse(r)),
    },
    Probe {
        name: "bulk json",
        json: true,
        parse: |r| debug(api::indicators().bulk_json().parse(r)),
    },
    Probe {
        name: "bulk csv",
        json: false,
        parse: |r| debug(api::indicators().bulk_raw(BulkFormat::Csv).parse(r)),
    },
    Probe {
        name: "batch create",
        json: true,
        parse: |r| debug(api::batch().create(&BatchConfig::create("Org")).parse(r)),
    },
    Probe {
        name: "batch errors",
        json: true,
        parse: |r| debug(api::batch_job(1).errors().parse(r)),
    },
    Probe {
        name: "signature text",
        json: false,
        parse: |r| {
            debug(
                api::group(GroupType::SIGNATURES, 1)
                    .signature_text()
                    .parse(r),
            )
        },
    },
    Probe {
        name: "tag list",
        json: true,
        parse: |r| debug(api::tag("Nation State").groups().list().parse(r)),
    },
];

fn fixture(file: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fixtures")
        .join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn json_response(status: u16, body: impl Into<Vec<u8>>) -> HttpResponse {
    HttpResponse::new(status, body).with_header("Content-Type", "application/json")
}

/// The excerpt a parse error should carry: the body's first 160 characters,
/// lossy, with an ellipsis when there is more.
fn excerpt_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(160).collect();
    if text.chars().count() > 160 {
        out.push('…');
    }
    out
}

#[track_caller]
fn expect_parse_error(probe: &Probe, response: &HttpResponse, path: &str, message_has: &[&str]) {
    match (probe.parse)(response) {
        Err(Error::Parse {
            path: got_path,
            message,
            excerpt,
        }) => {
            assert_eq!(got_path, path, "{}: path", probe.name);
            assert!(
                message_has.iter().any(|m| message.contains(m)),
                "{}: message {message:?} has none of {message_has:?}",
                probe.name
            );
            assert_eq!(
                excerpt,
                excerpt_of(&response.body),
                "{}: excerpt",
                probe.name
            );
            let e = Error::Parse {
                path: got_path,
                message,
                excerpt,
            };
            assert_eq!(e.code(), "parse");
            assert_eq!(e.status(), None);
            assert!(e.to_string().contains(path), "{}: display {e}", probe.name);
        }
        other => panic!(
            "{}: expected a parse error at {path}, got {other:?}",
            probe.name
        ),
    }
}

#[track_caller]
fn expect_api_error(
    probe: &Probe,
    response: &HttpResponse,
    code: &str,
    message: Option<&str>,
) -> ApiError {
    match (probe.parse)(response) {
        Err(e @ Error::Api(_)) => {
            assert_eq!(e.code(), code, "{}: code ({e})", probe.name);
            assert_eq!(e.status(), Some(response.status), "{}: status", probe.name);
            assert_eq!(e.service_message(), message, "{}: message", probe.name);
            let Error::Api(api) = e else { unreachable!() };
            api
        }
        other => panic!(
            "{}: expected an API error {code}, got {other:?}",
            probe.name
        ),
    }
}

#[track_caller]
fn expect_bytes(probe: &Probe, response: &HttpResponse) {
    match (probe.parse)(response) {
        Ok(v) => assert_eq!(v, format!("{:?}", response.body), "{}", probe.name),
        Err(e) => panic!(
            "{}: a 2xx body is returned as bytes, got [{}] {e}",
            probe.name,
            e.code()
        ),
    }
}

// ---------------------------------------------------------------------------

#[test]
fn malformed_json() {
    let bodies: [&[u8]; 5] = [
        br#"{"status":"Success","data":{"host":{"id":1,}}}"#,
        br#"{status:"Success",data:{}}"#,
        br#"{"status":"Success" "data":{}}"#,
        b"status=Success",
        br#"{"status":"Success"}}"#,
    ];
    for body in bodies {
        let response = json_response(200, body);
        for probe in &PROBES {
            if probe.json {
                expect_parse_error(probe, &response, "$", &["the body is not JSON"]);
            } else {
                expect_bytes(probe, &response);
            }
        }
    }
}

#[test]
fn truncated_bodies() {
    // A valid fixture cut at several points.
    let body = fixture("owners/owners-list.json");
    let end = body.trim_ascii_end().len();
    for cut in [1, 2, end / 4, end / 2, 3 * end / 4, end - 1] {
        let response = json_response(200, &body[..cut]);
        for probe in [&ENTITY, &LIST, &SUCCESS, &BATCH_STATUS] {
            expect_parse_error(probe, &response, "$", &["the body ends early"]);
        }
        expect_bytes(&BYTES, &response);
    }
    // Cut to nothing.
    for probe in [&ENTITY, &LIST, &BATCH_STATUS] {
        expect_parse_error(
            probe,
            &json_response(200, Vec::new()),
            "$",
            &["the body is empty"],
        );
    }

    // Cut inside a multi-byte UTF-8 character ("☃" is E2 98 83).
    let text = r#"{"status":"Success","data":{"tag":{"name":"Café ☃ 東京"}}}"#;
    let snowman = text.find('☃').expect("snowman");
    let tag = api::tag("Café").get();
    assert!(
        tag.parse(&json_response(200, text))
            .is_ok_and(|t| t.name == "Café ☃ 東京")
    );
    for cut in [snowman + 1, snowman + 2, text.find('東').expect("east") + 1] {
        let response = json_response(200, &text.as_bytes()[..cut]);
        let Err(Error::Parse {
            path,
            message,
            excerpt,
        }) = tag.parse(&response)
        else {
            panic!("cut at {cut}: expected a parse error");
        };
        assert_eq!(path, "$");
        assert!(
            message.contains("ends early") || message.contains("UTF-8"),
            "{message}"
        );
        assert!(
            excerpt.starts_with(r#"{"status":"Success","data":{"tag":{"name":"Caf"#),
            "{excerpt}"
        );
        assert!(
            excerpt.ends_with('\u{FFFD}'),
            "the cut character shows as U+FFFD: {excerpt}"
        );
        for probe in [&ENTITY, &LIST, &BATCH_STATUS] {
            expect_parse_error(probe, &response, "$", &["ends early", "UTF-8"]);
        }
    }
}

const BAD_GATEWAY: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[test]
fn html_error_pages() {
    let response = HttpResponse::new(502, BAD_GATEWAY).with_header("Content-Type", "text/html");
    for probe in &PROBES {
        let api = expect_api_error(probe, &response, "server_error", Some("502 Bad Gateway"));
        assert_eq!(api.kind, ApiErrorKind::Server);
    }
    // Without a title, the page's text.
    let untitled = HttpResponse::new(
        504,
        "<html><body><h1>Gateway   Timeout</h1>\n<p>upstream</p></body></html>",
    )
    .with_header("Content-Type", "text/html");
    expect_api_error(
        &ENTITY,
        &untitled,
        "server_error",
        Some("Gateway Timeout upstream"),
    );

    // A 200 HTML page (a proxy's login page) where JSON was expected.
    let page = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>";
    let response =
        HttpResponse::new(200, page).with_header("Content-Type", "text/html; charset=utf-8");
    for probe in &PROBES {
        if probe.json {
            expect_parse_error(probe, &response, "$", &["the body is not JSON"]);
        } else {
            expect_bytes(probe, &response);
        }
    }
}

#[test]
fn non_utf8_bodies() {
    let latin1: &[u8] =
        b"{\"status\":\"Success\",\"data\":{\"owner\":[{\"id\":1,\"name\":\"Caf\xe9\"}]}}";
    let bodies: [&[u8]; 3] = [&[0xff, 0xfe, 0x00], b"Caf\xe9 ferm\xe9", latin1];
    for body in bodies {
        let response = json_response(200, body);
        for probe in &PROBES {
            if probe.json {
                expect_parse_error(probe, &response, "$", &["the body is not UTF-8 JSON"]);
            } else {
                expect_bytes(probe, &response);
            }
        }
    }
    let Err(Error::Parse { excerpt, .. }) = (LIST.parse)(&json_response(200, [0xff, 0xfe, 0x00]))
    else {
        panic!("expected a parse error");
    };
    assert_eq!(excerpt, "\u{FFFD}\u{FFFD}\u{0}");

    // An error page in Latin-1: the message is read lossily.
    let response =
        HttpResponse::new(500, &b"Caf\xe9 ferm\xe9"[..]).with_header("Content-Type", "text/plain");
    for probe in &PROBES {
        expect_api_error(
            probe,
            &response,
            "server_error",
            Some("Caf\u{FFFD} ferm\u{FFFD}"),
        );
    }
}

#[test]
fn empty_bodies() {
    for body in ["", " \r\n\t"] {
        let response = json_response(200, body);
        for probe in [&ENTITY, &LIST, &BATCH_STATUS] {
            expect_parse_error(probe, &response, "$", &["the body is empty"]);
        }
        assert_eq!(
            (SUCCESS.parse)(&response).ok().as_deref(),
            Some("()"),
            "an empty 2xx is a success"
        );
        expect_bytes(&BYTES, &response);

        let response = json_response(500, body);
        for probe in &PROBES {
            let api = expect_api_error(probe, &response, "server_error", None);
            assert_eq!(api.retry_after, None);
        }
    }
    // 204 No Content for a success-only call.
    assert!((SUCCESS.parse)(&HttpResponse::new(204, Vec::new())).is_ok());
}

#[test]
fn arrays_and_scalars_where_an_object_is_expected() {
    for body in [
        "[]",
        r#"[{"status":"Success"}]"#,
        "42",
        r#""Success""#,
        "null",
        "true",
    ] {
        let response = json_response(200, body);
        for probe in &PROBES {
            if probe.json {
                expect_parse_error(probe, &response, "$", &["expected a JSON object"]);
            } else {
                expect_bytes(probe, &response);
            }
        }
    }
    // `data` of the wrong kind.
    let response = json_response(200, r#"{"status":"Success","data":[]}"#);
    expect_parse_error(&ENTITY, &response, "data", &["expected an object"]);
    expect_parse_error(&LIST, &response, "data", &["expected an object"]);
    // The envelope without its status.
    let response = json_response(200, r#"{"data":{"host":{"id":1}}}"#);
    expect_parse_error(&ENTITY, &response, "status", &["status"]);
    // The entity missing.
    let response = json_response(200, r#"{"status":"Success","data":{"resultCount":0}}"#);
    expect_parse_error(&ENTITY, &response, "data.host", &["missing"]);
    // Two objects where one was expected.
    let response = json_response(
        200,
        r#"{"status":"Success","data":{"host":[{"id":1},{"id":2}]}}"#,
    );
    expect_parse_error(&ENTITY, &response, "data.host", &["sequence"]);
    // A list that is a string.
    let response = json_response(200, r#"{"status":"Success","data":{"owner":"none"}}"#);
    expect_parse_error(&LIST, &response, "data.owner", &["string"]);
}

const FAILURE: &str = r#"{"status":"Failure","message":"The requested resource was not found"}"#;

#[test]
fn failure_body_with_status_200() {
    let response = json_response(200, FAILURE);
    // A download answered with a JSON `Failure` envelope is an error too,
    // not a file holding that JSON.
    for probe in [&ENTITY, &LIST, &SUCCESS, &BYTES] {
        let api = expect_api_error(
            probe,
            &response,
            "unexpected_response",
            Some("The requested resource was not found"),
        );
        assert_eq!(api.kind, ApiErrorKind::Unexpected);
    }
    // Without the JSON media type the bytes are content and come back as-is.
    let untyped = HttpResponse::new(200, FAILURE.as_bytes());
    expect_bytes(&BYTES, &untyped);
}

#[test]
fn batch_status_failure_body_with_status_200() {
    // `{"status":"Failure"}` is not a job state: it must not read as a
    // BatchStatus whose status is "Failure" (a poll loop would never end).
    let response = json_response(200, FAILURE);
    expect_api_error(
        &BATCH_STATUS,
        &response,
        "unexpected_response",
        Some("The requested resource was not found"),
    );
    let invalid = json_response(
        200,
        r#"{"status":"Invalid","description":"Batch not found"}"#,
    );
    expect_api_error(
        &BATCH_STATUS,
        &invalid,
        "unexpected_response",
        Some("Batch not found"),
    );
}

#[test]
fn failure_body_with_status_200_for_the_other_json_decoders() {
    // Every decoder that reads a JSON object must turn a `Failure` body into
    // an API error carrying the service's message, not a value or a parse
    // error. Collected, so one run lists every decoder that does not.
    let response = json_response(200, FAILURE);
    let mut wrong = Vec::new();
    for probe in MORE.iter().filter(|p| p.json && p.name != "batch errors") {
        match (probe.parse)(&response) {
            Err(e)
                if e.code() == "unexpected_response"
                    && e.service_message() == Some("The requested resource was not found") => {}
            other => wrong.push(format!("{}: {other:?}", probe.name)),
        }
    }
    assert!(
        wrong.is_empty(),
        "a Failure body at HTTP 200 was not an unexpected_response error:\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn failure_body_with_status_404() {
    let response = json_response(404, FAILURE);
    for probe in &PROBES {
        let api = expect_api_error(
            probe,
            &response,
            "not_found",
            Some("The requested resource was not found"),
        );
        assert_eq!(api.kind, ApiErrorKind::NotFound);
    }
    // Batch errors: 404 means "no errors".
    assert_eq!(api::batch_job(1).errors().parse(&response), Ok(Vec::new()));
}

#[test]
fn plain_text_server_errors() {
    let text = "Could not find resource for relative : /v2/groups/nope of full path: \
                https://app.threatconnect.com/api/v2/groups/nope";
    let response =
        HttpResponse::new(500, format!("{text}\n")).with_header("Content-Type", "text/plain");
    for probe in &PROBES {
        expect_api_error(probe, &response, "server_error", Some(text));
    }

    let licence = "API access has not been licensed for this system, please contact sales@threatconnect.com \
                   if you wish to enable it";
    let response = HttpResponse::new(503, licence).with_header("Content-Type", "text/plain");
    for probe in &PROBES {
        let api = expect_api_error(probe, &response, "not_licensed", Some(licence));
        assert_eq!(api.kind, ApiErrorKind::NotLicensed);
    }
}

#[test]
fn rate_limited_with_retry_after() {
    for body in ["", r#"{"status":"Failure","message":"Too many requests"}"#] {
        let response = json_response(429, body).with_header("Retry-After", "7");
        let message = if body.is_empty() {
            None
        } else {
            Some("Too many requests")
        };
        for probe in &PROBES {
            let api = expect_api_error(probe, &response, "rate_limited", message);
            assert_eq!(api.retry_after, Some(7), "{}", probe.name);
            assert_eq!(api.kind, ApiErrorKind::RateLimited);
        }
    }
    // An HTTP-date Retry-After is not a number of seconds.
    let response =
        json_response(429, "").with_header("Retry-After", "Tue, 19 Dec 2017 17:16:27 GMT");
    assert_eq!(
        expect_api_error(&LIST, &response, "rate_limited", None).retry_after,
        None
    );
}

#[test]
fn clock_skew_with_server_time() {
    for message in [
        "Timestamp out of acceptable time range",
        "Invalid timestamp",
    ] {
        let body = json!({"status": "Failure", "message": message}).to_string();
        let response =
            json_response(403, body).with_header("Date", "Tue, 19 Dec 2017 17:16:27 GMT");
        for probe in &PROBES {
            let api = expect_api_error(probe, &response, "clock_skew", Some(message));
            assert_eq!(api.kind, ApiErrorKind::ClockSkew);
            assert_eq!(api.server_time, Some(1_513_703_787), "{}", probe.name);
        }
    }
    // Other 403 meanings keep their own class, with the Date still read.
    let owner = json_response(
        403,
        r#"{"status":"Failure","message":"The requested owner was not found"}"#,
    )
    .with_header("date", "Tue, 19 Dec 2017 17:16:27 +0000");
    let api = expect_api_error(
        &LIST,
        &owner,
        "owner_forbidden",
        Some("The requested owner was not found"),
    );
    assert_eq!(api.server_time, Some(1_513_703_787));
    let signature = json_response(
        403,
        r#"{"status":"Failure","message":"Signature data did not match expected result"}"#,
    );
    assert_eq!(
        expect_api_error(
            &ENTITY,
            &signature,
            "unauthorized",
            Some("Signature data did not match expected result")
        )
        .server_time,
        None
    );
}

#[test]
fn wrong_types_report_their_path() {
    let body = json!({
        "status": "Success",
        "data": {"resultCount": 2, "owner": [{"id": "x1", "name": "A"}, {"id": 2, "name": "B"}]}
    })
    .to_string();
    expect_parse_error(
        &LIST,
        &json_response(200, body),
        "data.owner[0].id",
        &["integer id"],
    );

    let body = json!({
        "status": "Success",
        "data": {"owner": [{"id": 1, "name": "A"}, {"id": 2, "name": 5}]}
    })
    .to_string();
    expect_parse_error(
        &LIST,
        &json_response(200, body),
        "data.owner[1].name",
        &["expected a string"],
    );

    let body =
        json!({"status": "Success", "data": {"resultCount": "many", "owner": []}}).to_string();
    expect_parse_error(
        &LIST,
        &json_response(200, body),
        "data.resultCount",
        &["integer"],
    );

    let body =
        json!({"status": "Success", "data": {"host": {"id": 1, "rating": "high"}}}).to_string();
    expect_parse_error(
        &ENTITY,
        &json_response(200, body),
        "data.host.rating",
        &["high"],
    );

    let body = json!({"status": "Success", "data": {"host": {"id": -3}}}).to_string();
    expect_parse_error(
        &ENTITY,
        &json_response(200, body),
        "data.host.id",
        &["non-negative"],
    );

    let body =
        json!({"status": "Success", "data": {"host": {"id": 1, "dnsActive": "maybe"}}}).to_string();
    expect_parse_error(
        &ENTITY,
        &json_response(200, body),
        "data.host.dnsActive",
        &["maybe"],
    );

    let body = json!({"status": "Success", "data": {"host": {"id": 1, "dateAdded": "yesterday"}}})
        .to_string();
    expect_parse_error(
        &ENTITY,
        &json_response(200, body),
        "data.host.dateAdded",
        &["yesterday"],
    );

    let body = json!({"status": "Success", "data": {"batchStatus": {"status": "Completed", "errorCount": "many"}}})
        .to_string();
    expect_parse_error(
        &BATCH_STATUS,
        &json_response(200, body),
        "data.batchStatus.errorCount",
        &["many"],
    );

    // The long body's excerpt is cut with an ellipsis.
    let mut owners: Vec<Value> = (0..40)
        .map(|i| json!({"id": i, "name": format!("Owner {i}")}))
        .collect();
    owners.push(json!({"id": {"nested": true}, "name": "Bad"}));
    let body = json!({"status": "Success", "data": {"owner": owners}}).to_string();
    let response = json_response(200, body);
    expect_parse_error(&LIST, &response, "data.owner[40].id", &["integer id"]);
    let Err(Error::Parse { excerpt, .. }) = (LIST.parse)(&response) else {
        unreachable!()
    };
    assert_eq!(excerpt.chars().count(), 161);
    assert!(excerpt.ends_with('…'));
}

#[test]
fn gzip_and_odd_batch_error_bodies() {
    let errors = api::batch_job(1).errors();
    let corrupt = HttpResponse::new(200, vec![0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]);
    let Err(e @ Error::Parse { .. }) = errors.parse(&corrupt) else {
        panic!("corrupt gzip")
    };
    assert!(e.to_string().contains("gzip"), "{e}");
    let scalar = HttpResponse::new(200, "7");
    assert_eq!(errors.parse(&scalar).map_err(|e| e.code()), Err("parse"));
    for cut in [r#"[{"errorReason": "#, r#"{"errorReason": "x""#, "[1,"] {
        let Err(e @ Error::Parse { .. }) = errors.parse(&HttpResponse::new(200, cut)) else {
            panic!("{cut} should not parse")
        };
        assert!(e.to_string().contains("not JSON"), "{cut}: {e}");
    }
    let one = HttpResponse::new(200, r#"{"errorReason": "bad", "errorSource": "x"}"#);
    assert_eq!(errors.parse(&one).map(|v| v.len()).ok(), Some(1));
    let running = json_response(
        400,
        r#"{"status":"Invalid","description":"Batch still in Running state"}"#,
    );
    assert_eq!(
        errors
            .parse(&running)
            .map_err(|e| (e.code(), e.service_message().map(str::to_string))),
        Err((
            "bad_request",
            Some("Batch still in Running state".to_string())
        ))
    );
}

// ---------------------------------------------------------------------------
// Property tests: arbitrary answers never panic
// ---------------------------------------------------------------------------

const KEYS: &[&str] = &[
    "status",
    "data",
    "resultCount",
    "host",
    "owner",
    "user",
    "members",
    "anonymous",
    "batchStatus",
    "batchId",
    "bulkStatus",
    "indicator",
    "group",
    "tag",
    "id",
    "name",
    "rating",
    "confidence",
    "dateAdded",
    "dnsActive",
    "errorCount",
    "message",
    "description",
    "attribute",
    "securityLabel",
    "summary",
    "type",
    "errorSource",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-zA-Z]{0,8}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(
            &[
                "Success",
                "Failure",
                "Queued",
                "Running",
                "Invalid",
                "true",
                "54321",
                "4.00",
                "2017-7-13T00:00:00-04:00",
                "2016-07-13T17:50:25-05:00Z",
                "99999999999999999999",
                ""
            ][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
        "\\PC{0,16}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Bodies: enveloped JSON of any shape, JSON-ish text, mutated fixtures,
/// and arbitrary bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let enveloped = (
        prop::sample::select(&["Success", "Failure", "Queued", "Invalid"][..]),
        key(),
        json_value(),
    )
        .prop_map(|(status, key, value)| {
            let mut data = serde_json::Map::new();
            data.insert(key, value);
            json!({"status": status, "data": data})
                .to_string()
                .into_bytes()
        });
    let jsonish = "[\\{\\}\\[\\]\":,0-9a-zA-Z \\.\\-\\\\é☃]{0,120}".prop_map(String::into_bytes);
    let mutated = (
        prop::sample::select(
            &[
                "owners/owners-list.json",
                "indicators/host-create.json",
                "batch/batch-status-completed.json",
                "owners/members-anonymous.json",
                "bulk/bulkStatus.json",
                "batch/batch-results.json",
            ][..],
        ),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(file, edits, cut)| {
            let mut bytes = fixture(file);
            for (at, byte) in edits {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let keep = cut.index(bytes.len() + 1);
            bytes.truncate(keep.max(bytes.len() / 2));
            bytes
        });
    prop_oneof![
        json_value().prop_map(|v| v.to_string().into_bytes()),
        enveloped,
        jsonish,
        mutated,
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec(any::<u8>(), 0..16).prop_map(|mut tail| {
            let mut gz = vec![0x1f, 0x8b];
            gz.append(&mut tail);
            gz
        }),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(&[200_u16, 201, 202, 204, 400, 401, 403, 404, 429, 500, 502, 503][..]),
        1 => any::<u16>(),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop::sample::select(
        &[
            "Content-Type",
            "Retry-After",
            "Date",
            "content-type",
            "X-Other",
        ][..],
    );
    let value = prop_oneof![
        prop::sample::select(
            &[
                "application/json",
                "text/html",
                "text/plain; charset=ISO-8859-1",
                "7",
                "-1",
                "99999999999999999999999",
                "Tue, 19 Dec 2017 17:16:27 GMT",
                ""
            ][..]
        )
        .prop_map(str::to_string),
        "\\PC{0,40}",
    ];
    prop::collection::vec((name.prop_map(str::to_string), value), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_answers_never_panic(status in status(), body in body(), headers in headers()) {
        let mut response = HttpResponse::new(status, body);
        for (k, v) in headers {
            response = response.with_header(k, v);
        }
        let is_2xx = (200..300).contains(&status);
        for probe in PROBES.iter().chain(MORE.iter()) {
            match (probe.parse)(&response) {
                Ok(_) => {
                    // Only a 2xx answer is a success (and a 404 of batch errors: "none").
                    prop_assert!(is_2xx || (probe.name == "batch errors" && status == 404),
                        "{}: HTTP {} parsed as a success", probe.name, status);
                }
                Err(e) => {
                    prop_assert!(!e.code().is_empty());
                    let _ = e.to_string();
                    match &e {
                        Error::Api(api) => prop_assert_eq!(api.status, status),
                        Error::Parse { excerpt, .. } => {
                            prop_assert!(is_2xx, "{}: a parse error for HTTP {}", probe.name, status);
                            prop_assert!(excerpt.chars().count() <= 161);
                        }
                        other => prop_assert!(false, "{}: unexpected error {:?}", probe.name, other),
                    }
                    if !is_2xx {
                        prop_assert!(matches!(e, Error::Api(_)), "{}: HTTP {} gave {:?}", probe.name, status, e);
                    }
                }
            }
            // Bytes calls hand back a 2xx body untouched, unless it is a
            // JSON `Failure` envelope.
            let failure_envelope = serde_json::from_slice::<serde_json::Value>(&response.body)
                .ok()
                .is_some_and(|v| v.get("status").and_then(|s| s.as_str()) == Some("Failure"));
            if !probe.json && is_2xx && probe.name != "signature text" && !failure_envelope {
                prop_assert_eq!((probe.parse)(&response).ok(), Some(format!("{:?}", response.body)));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(status in any::<u16>(), body in prop::collection::vec(any::<u8>(), 0..512)) {
        let response = HttpResponse::new(status, body).with_header("Content-Type", "application/json");
        for probe in PROBES.iter().chain(MORE.iter()) {
            let _ = (probe.parse)(&response);
        }
    }
}
