//! The batch flow end to end: a 20,000-indicator import with invalid rows,
//! chunked into jobs that really run in the sandbox.

use std::cell::Cell;
use std::rc::Rc;

use futures_executor::block_on;
use serde_json::{Value, json};
use tc_core::api::{self, BatchConfig, IndicatorType};
use tc_core::{BatchProgress, BatchRun, Client, Config};
use tc_sandbox::{DEMO_ACCESS_ID, DEMO_SECRET_KEY, InProcess, Sandbox, SandboxConfig, Seed};

fn client() -> Client<InProcess> {
    let clock = Rc::new(Cell::new(1_750_000_000_000u64));
    let (read, advance, server) = (clock.clone(), clock.clone(), clock);
    let config = Config::builder("http://127.0.0.1/api")
        .hmac(DEMO_ACCESS_ID, DEMO_SECRET_KEY)
        .build()
        .unwrap();
    let transport = InProcess::new(Sandbox::new(SandboxConfig::default(), Seed::Empty))
        .with_clock(move || (server.get() / 1000) as i64);
    Client::new(config, transport)
        .with_clock(move || read.get() / 1000)
        .with_sleep(move |ms: u64| {
            advance.set(advance.get() + ms);
            async {}
        })
}

/// 20,000 rows; every 97th is invalid in one of several ways.
fn rows() -> (Vec<Value>, usize) {
    let mut invalid = 0;
    let rows = (0..20_000)
        .map(|i| {
            if i % 97 == 0 {
                invalid += 1;
                match (i / 97) % 4 {
                    0 => json!({"summary": format!("300.{}.1.1", i % 250), "type": "Address"}),
                    1 => json!({"summary": "abc123", "type": "File"}),
                    2 => json!({"summary": format!("bad-{i}@"), "type": "EmailAddress"}),
                    _ => json!({"summary": format!("thing-{i}"), "type": "Nonsense"}),
                }
            } else if i % 2 == 0 {
                json!({"summary": format!("host-{i}.example"), "type": "Host", "rating": 3, "confidence": 50, "tag": [{"name": "batch import"}]})
            } else {
                json!({"summary": format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255), "type": "Address", "rating": 2})
            }
        })
        .collect();
    (rows, invalid)
}

#[test]
fn twenty_thousand_with_invalid_rows() {
    let c = client();
    let (rows, invalid) = rows();
    let mut run = BatchRun::new(BatchConfig::create("Demo Organization"));
    run.chunk_items = 6_000;
    let mut seen: Vec<BatchProgress> = Vec::new();
    let outcome = block_on(c.run_batch(rows, &run, &mut |p| seen.push(p.clone()))).unwrap();

    assert_eq!(outcome.jobs.len(), 4, "6,000 a job");
    assert_eq!(outcome.error_count() as usize, invalid);
    assert_eq!(outcome.success_count() as usize, 20_000 - invalid);
    assert_eq!(outcome.unprocessed_count(), 0);
    let reasons: Vec<&str> = outcome
        .errors()
        .filter_map(|e| e.error_reason.as_deref())
        .collect();
    assert_eq!(reasons.len(), invalid, "every refusal is readable");
    assert!(
        reasons
            .iter()
            .all(|r| r.starts_with("0x1005 Invalid Indicator"))
    );
    assert!(
        outcome
            .errors()
            .any(|e| e.error_source == Some(json!("abc123")))
    );

    // Progress went forward and ended complete.
    let last = seen.last().unwrap();
    assert_eq!(
        (last.items_read, last.items_submitted, last.jobs_done),
        (20_000, 20_000, 4)
    );
    assert!(
        seen.windows(2)
            .all(|w| w[0].items_submitted <= w[1].items_submitted)
    );
    assert!(seen.iter().any(|p| p.job_status == "Running"));

    // Nothing lost or doubled: every valid row is there once.
    let hosts = block_on(
        api::indicators()
            .of_type(IndicatorType::HOSTS)
            .list()
            .result_limit(1)
            .send(&c),
    )
    .unwrap();
    let addresses = block_on(
        api::indicators()
            .of_type(IndicatorType::ADDRESSES)
            .list()
            .result_limit(1)
            .send(&c),
    )
    .unwrap();
    assert_eq!(
        (hosts.result_count.unwrap() + addresses.result_count.unwrap()) as usize,
        20_000 - invalid
    );
    // 4 creates + 4 uploads + the rows; tags are part of their indicator.
    let writes = c.transport().sandbox().write_count() as usize;
    assert_eq!(
        writes,
        8 + (20_000 - invalid) + 10_000 - (0..20_000).filter(|i| i % 97 == 0 && i % 2 == 0).count()
    );
    let tagged = block_on(
        api::tag("batch import")
            .indicators()
            .list()
            .result_limit(1)
            .send(&c),
    )
    .unwrap();
    assert_eq!(tagged.result_count, hosts.result_count);
}

#[test]
fn halt_on_error_leaves_the_rest_unprocessed() {
    let c = client();
    let rows = vec![
        json!({"summary": "ok-1.example", "type": "Host"}),
        json!({"summary": "999.999.1.1", "type": "Address"}),
        json!({"summary": "ok-2.example", "type": "Host"}),
        json!({"summary": "ok-3.example", "type": "Host"}),
    ];
    let run = BatchRun::new(BatchConfig::create("Demo Organization").halt_on_error(true));
    let outcome = block_on(c.run_batch(rows, &run, &mut |_| {})).unwrap();
    assert_eq!(
        (
            outcome.success_count(),
            outcome.error_count(),
            outcome.unprocessed_count()
        ),
        (1, 1, 2)
    );
}

#[test]
fn byte_limits_split_jobs_and_errors_are_404_when_none() {
    let c = client();
    let rows: Vec<Value> = (0..500)
        .map(|i| json!({"summary": format!("h{i}.example"), "type": "Host"}))
        .collect();
    let mut run = BatchRun::new(BatchConfig::create("Demo Organization"));
    run.chunk_bytes = 8_000;
    let outcome = block_on(c.run_batch(rows, &run, &mut |_| {})).unwrap();
    assert!(outcome.jobs.len() > 1);
    assert_eq!(outcome.success_count(), 500);
    assert_eq!(outcome.jobs.iter().map(|j| j.items).sum::<u64>(), 500);
    // No errors: the service answers 404, the client an empty list.
    let id = outcome.jobs[0].id;
    assert!(
        block_on(api::batch_job(id).errors().send(&c))
            .unwrap()
            .is_empty()
    );
    // A too-big single row is refused before sending.
    let huge = vec![json!({"summary": "x".repeat(10_000), "type": "Host"})];
    let e = block_on(c.run_batch(huge, &run, &mut |_| {})).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
}
