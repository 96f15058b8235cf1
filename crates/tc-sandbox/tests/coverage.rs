//! Every endpoint template of the seed (`tests/data/v2-endpoints.rst`, a
//! copy of `shared/reference/v2-endpoints.rst`) is built by a core call and
//! answered by the sandbox: each probe runs against a fresh demo sandbox,
//! must not hit an unmatched route or a refused method, and every 2xx
//! answer must parse with the call's own parser. `tests/server.rs` runs the
//! same probes over HTTP.

mod probes;

use std::collections::BTreeSet;

use probes::{all_probes, ids, matches, seed_templates};
use tc_core::{Config, Method};
use tc_sandbox::{InProcess, Sandbox, SandboxConfig};

fn fresh() -> (Config, InProcess) {
    let config = Config::builder("http://127.0.0.1/api")
        .hmac(tc_sandbox::DEMO_ACCESS_ID, tc_sandbox::DEMO_SECRET_KEY)
        .build()
        .unwrap();
    (
        config,
        InProcess::new(Sandbox::demo(SandboxConfig::default())),
    )
}

#[test]
fn every_seed_template_is_built_and_answered() {
    let templates = seed_templates();
    assert_eq!(templates.len(), 253, "the seed lists 253 templates");
    let (config, transport) = fresh();
    let ids = ids(&config, &|r| transport.answer(r));
    let probes = all_probes(&ids);

    let mut unbuilt = Vec::new();
    for t in &templates {
        if !probes.iter().any(|p| matches(t, &p.segments)) {
            unbuilt.push(t.clone());
        }
    }

    let mut failures = Vec::new();
    let mut answered = BTreeSet::new();
    for p in &probes {
        let (config, transport) = fresh();
        match (p.run)(&config, &|r| transport.answer(r)) {
            Ok((status, body)) => {
                if p.method == Method::Get && !(200..300).contains(&status) && status != 404 {
                    failures.push(format!("{}: GET answered {status}: {body}", p.name));
                    continue;
                }
                for t in templates.iter().filter(|t| matches(t, &p.segments)) {
                    answered.insert(t.clone());
                }
            }
            Err(e) => failures.push(format!(
                "{} ({} /v2/{}): {e}",
                p.name,
                p.method,
                p.segments.join("/")
            )),
        }
    }
    let unanswered: Vec<&String> = templates
        .iter()
        .filter(|t| !answered.contains(*t))
        .collect();
    assert!(
        unbuilt.is_empty() && failures.is_empty() && unanswered.is_empty(),
        "templates no call builds: {unbuilt:#?}\nprobes that failed: {failures:#?}\ntemplates not answered: {unanswered:#?}"
    );
    eprintln!(
        "coverage: {} of {} seed templates built by the core and answered by the sandbox ({} probes)",
        answered.len(),
        templates.len(),
        probes.len()
    );
}

/// GETs of demo data answer 200, so the probes above are not all 404s.
#[test]
fn demo_reads_succeed() {
    let (config, transport) = fresh();
    let ids = ids(&config, &|r| transport.answer(r));
    let mut not_ok = Vec::new();
    for p in all_probes(&ids).iter().filter(|p| p.method == Method::Get) {
        let (config, transport) = fresh();
        if let Ok((status, body)) = (p.run)(&config, &|r| transport.answer(r))
            && status != 200
        {
            not_ok.push(format!("{}: {status} {body}", p.name));
        }
    }
    // Reads of links the demo data does not have answer 404; everything
    // else must be there.
    let allowed_404 = [
        "group get",
        "indicator get",
        "victim get",
        "victimAsset get",
        "label get",
        "tag get",
        "batch",
    ];
    not_ok.retain(|line| !allowed_404.iter().any(|a| line.contains(a)) || !line.contains(": 404"));
    assert!(not_ok.is_empty(), "{not_ok:#?}");
}
