//! Any status and body, read by calls of every decoder kind: a typed value
//! or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tc_core::HttpResponse;
use tc_core::api::{self, BatchConfig, GroupType, IndicatorType};

fuzz_target!(|input: (u16, bool, &[u8])| {
    let (status, json, body) = input;
    let mut response = HttpResponse::new(status % 600, body.to_vec());
    if json {
        response = response.with_header("Content-Type", "application/json");
    }
    let _ = api::owners().list().parse(&response);
    let _ = api::owners().mine_members().parse(&response);
    let _ = api::indicator(IndicatorType::HOSTS, "x").get().parse(&response);
    let _ = api::indicators().list().parse(&response);
    let _ = api::group(GroupType::INCIDENTS, 1).tags().add("t").parse(&response);
    let _ = api::group(GroupType::DOCUMENTS, 1).document().download().parse(&response);
    let _ = api::group(GroupType::SIGNATURES, 1).signature_text().parse(&response);
    let _ = api::indicators().bulk_status().parse(&response);
    let _ = api::indicators().bulk_json().parse(&response);
    let _ = api::batch().create(&BatchConfig::create("o")).parse(&response);
    let _ = api::batch_job(1).status().parse(&response);
    let _ = api::batch_job(1).errors().parse(&response);
    let mut reader = tc_core::BulkCsvReader::new();
    for chunk in body.chunks(7) {
        let _ = reader.feed(chunk);
    }
    let _ = reader.finish();
});
