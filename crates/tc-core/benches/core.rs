//! Native figures for BENCHMARKS.md: building and signing a request,
//! parsing a 10,000-indicator page, and IOC extraction throughput.
//! Run with `cargo xtask bench` (which writes BENCHMARKS.md).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tc_core::api::{self, IndicatorType};
use tc_core::{Config, HttpResponse};

fn page(n: usize) -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": 100_000 + i,
                "ownerName": "Example Org",
                "type": "Host",
                "dateAdded": "2024-01-15T09:00:00Z",
                "lastModified": "2024-01-16T10:30:00Z",
                "rating": 3.0,
                "confidence": 70,
                "threatAssessRating": 3.5,
                "threatAssessConfidence": 72.4,
                "threatAssessScore": 512,
                "webLink": format!("https://app.threatconnect.com/auth/indicators/details/host.xhtml?host=h{i}.example&owner=Example+Org"),
                "summary": format!("h{i}.example"),
            })
        })
        .collect();
    serde_json::to_vec(
        &serde_json::json!({"status": "Success", "data": {"resultCount": n, "indicator": items}}),
    )
    .unwrap_or_default()
}

/// About 1 MB of report-like text with defanged indicators in it.
fn paste() -> String {
    let para = "On 2024-01-17 the actor used hxxp://evil[.]example/login.php?next=/account and \
                198.51.100[.]23 to stage the dropper (MD5 44d88612fea8a8f36de82e1278abb02f). \
                Contact billing[@]evil.example was spoofed; see also 2001:db8::bad:1 and AS64500. \
                The report, version 1.2.3, lists file.txt and setup.exe as benign artefacts.\n";
    para.repeat(1_048_576 / para.len() + 1)
}

fn bench(c: &mut Criterion) {
    let config = Config::builder("https://app.threatconnect.com/api")
        .hmac("12345678901234567890", "aSecretKeyForTestingOnly+/=")
        .default_owner("Example Org")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("build and sign a request", |b| {
        b.iter(|| {
            let call = api::indicator(IndicatorType::HOSTS, black_box("evil.example"))
                .tags()
                .add("APT 28");
            black_box(call.request(&config, 1_700_000_000))
        })
    });

    let body = page(10_000);
    let response =
        HttpResponse::new(200, body.clone()).with_header("Content-Type", "application/json");
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(10);
    group.bench_function("10,000-indicator page", |b| {
        let call = api::indicators().list();
        b.iter(|| black_box(call.parse(black_box(&response))))
    });
    group.finish();

    let text = paste();
    let mut group = c.benchmark_group("ioc");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("extract from a 1 MB paste", |b| {
        b.iter(|| black_box(tc_core::ioc::extract(black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
