//! The fault matrix: each fault against each kind of operation, with the
//! documented outcome, and the sandbox's write count proving that nothing
//! was written twice or lost.

use std::cell::Cell;
use std::rc::Rc;

use futures_executor::block_on;
use serde_json::json;
use tc_core::api::{self, BatchConfig, GroupType, IndicatorType};
use tc_core::models::Group;
use tc_core::{BatchRun, Client, Config, Error, RetryPolicy};
use tc_sandbox::{DEMO_ACCESS_ID, DEMO_SECRET_KEY, Fault, InProcess, Sandbox, SandboxConfig};

const START_MS: u64 = 1_750_000_000_000;

/// A client on a virtual clock: sleeping advances the clock at once, so
/// back-off and polling cost no real time.
fn client() -> (Client<InProcess>, Rc<Cell<u64>>) {
    let clock = Rc::new(Cell::new(START_MS));
    let server_clock = clock.clone();
    let transport = InProcess::new(Sandbox::demo(SandboxConfig::default()))
        .with_clock(move || (server_clock.get() / 1000) as i64);
    let config = Config::builder("http://127.0.0.1/api")
        .hmac(DEMO_ACCESS_ID, DEMO_SECRET_KEY)
        .build()
        .unwrap();
    let read = clock.clone();
    let advance = clock.clone();
    let client = Client::new(config, transport)
        .with_clock(VirtualClock(read))
        .with_sleep(move |ms: u64| {
            advance.set(advance.get() + ms);
            async {}
        });
    (client, clock)
}

struct VirtualClock(Rc<Cell<u64>>);

impl tc_core::Clock for VirtualClock {
    fn now_unix(&self) -> Option<u64> {
        Some(self.0.get() / 1000)
    }
    fn now_millis(&self) -> Option<u64> {
        Some(self.0.get())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Read,
    IdempotentWrite,
    Create,
    Batch,
}

/// What the client must end with, and how many writes the sandbox applied.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    result: Result<(), &'static str>,
    writes: u64,
}

fn run(op: Op, fault: Fault) -> Outcome {
    let (c, _) = client();
    c.transport().sandbox().faults().push(fault);
    let result: Result<(), Error> = match op {
        Op::Read => block_on(
            api::indicator(IndicatorType::HOSTS, "evil.example")
                .get()
                .send(&c),
        )
        .map(|_| ()),
        Op::IdempotentWrite => block_on(
            api::indicator(IndicatorType::HOSTS, "evil.example")
                .tags()
                .add("Fault Matrix")
                .send(&c),
        ),
        Op::Create => block_on(
            api::groups()
                .create(GroupType::THREATS, &Group::named("Fault matrix"))
                .send(&c),
        )
        .map(|_| ()),
        Op::Batch => {
            let items =
                (0..10).map(|i| json!({"summary": format!("fm{i}.example"), "type": "Host"}));
            let mut run = BatchRun::new(BatchConfig::create("Demo Organization"));
            run.first_poll_ms = 10;
            block_on(c.run_batch(items, &run, &mut |_| {})).and_then(|o| {
                if o.success_count() == 10 {
                    Ok(())
                } else {
                    Err(Error::Parse {
                        path: "batch".into(),
                        message: format!("{o:?}"),
                        excerpt: String::new(),
                    })
                }
            })
        }
    };
    let writes = c.transport().sandbox().write_count();
    Outcome {
        result: result.map_err(|e| e.code()),
        writes,
    }
}

/// The writes an operation applies when it succeeds once.
fn writes_of(op: Op) -> u64 {
    match op {
        Op::Read => 0,
        Op::IdempotentWrite | Op::Create => 1,
        // Create job, upload, and ten indicators.
        Op::Batch => 12,
    }
}

#[test]
fn the_fault_matrix() {
    use Fault::*;
    let ops = [Op::Read, Op::IdempotentWrite, Op::Create, Op::Batch];
    let mut failures = Vec::new();
    for op in ops {
        let cases: Vec<(Fault, Outcome)> = vec![
            (
                Latency(50),
                Outcome {
                    result: Ok(()),
                    writes: writes_of(op),
                },
            ),
            // 429 applies nothing, so every kind is sent again.
            (
                RateLimited(2),
                Outcome {
                    result: Ok(()),
                    writes: writes_of(op),
                },
            ),
            (Status(500), retried_or(op, "server_error", 0)),
            (Status(502), retried_or(op, "server_error", 0)),
            (Status(504), retried_or(op, "server_error", 0)),
            // 503 means unlicensed: never retried, nothing written.
            (
                Status(503),
                Outcome {
                    result: Err("not_licensed"),
                    writes: 0,
                },
            ),
            (Html, retried_or(op, "server_error", 0)),
            (Drop, retried_or(op, "network", 0)),
            // The write happened, the answer was lost: idempotent calls are
            // sent again (and change nothing more); a create is not, so it
            // is reported and not doubled.
            (LostAnswer(502), lost(op)),
            (DropAfter, lost_network(op)),
            (Truncate, lost_network(op)),
            (
                Skew(900),
                Outcome {
                    result: Ok(()),
                    writes: writes_of(op),
                },
            ),
        ];
        for (fault, expected) in cases {
            let got = run(op, fault.clone());
            if got != expected {
                failures.push(format!(
                    "{op:?} × {fault:?}: expected {expected:?}, got {got:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A fault before anything is applied: retried when the call may be, else
/// the error and no write.
fn retried_or(op: Op, code: &'static str, writes: u64) -> Outcome {
    match op {
        Op::Create => Outcome {
            result: Err(code),
            writes,
        },
        // The batch's first request creates the job: a POST, not retried.
        Op::Batch => Outcome {
            result: Err(code),
            writes,
        },
        _ => Outcome {
            result: Ok(()),
            writes: writes_of(op),
        },
    }
}

fn lost(op: Op) -> Outcome {
    match op {
        Op::Create => Outcome {
            result: Err("server_error"),
            writes: 1,
        },
        // The job was created but its id never arrived: one write, no upload.
        Op::Batch => Outcome {
            result: Err("server_error"),
            writes: 1,
        },
        _ => Outcome {
            result: Ok(()),
            writes: writes_of(op),
        },
    }
}

fn lost_network(op: Op) -> Outcome {
    match op {
        Op::Create => Outcome {
            result: Err("network"),
            writes: 1,
        },
        Op::Batch => Outcome {
            result: Err("network"),
            writes: 1,
        },
        _ => Outcome {
            result: Ok(()),
            writes: writes_of(op),
        },
    }
}

/// The batch upload is the interesting request: when its answer is lost,
/// the job's status says the data arrived and it is not sent again.
#[test]
fn lost_batch_upload_is_not_sent_twice() {
    for fault in [
        Fault::LostAnswer(502),
        Fault::DropAfter,
        Fault::Truncate,
        Fault::Drop,
        Fault::Status(502),
    ] {
        let (c, _) = client();
        {
            let mut sandbox = c.transport().sandbox();
            // Let the job creation through, fault the upload.
            sandbox.faults().push(Fault::Latency(0));
            sandbox.faults().push(fault.clone());
        }
        let items = (0..10).map(|i| json!({"summary": format!("up{i}.example"), "type": "Host"}));
        let mut run = BatchRun::new(BatchConfig::create("Demo Organization"));
        run.first_poll_ms = 10;
        let outcome = block_on(c.run_batch(items, &run, &mut |_| {})).unwrap();
        assert_eq!(outcome.success_count(), 10, "{fault:?}");
        // Create job, one upload that arrived, ten indicators.
        assert_eq!(c.transport().sandbox().write_count(), 12, "{fault:?}");
    }
}

#[test]
fn retry_after_is_honoured_and_deadlines_hold() {
    let (c, clock) = client();
    c.transport().sandbox().faults().push(Fault::RateLimited(7));
    block_on(api::whoami().send(&c)).unwrap();
    assert!(clock.get() - START_MS >= 7_000, "waited for Retry-After");
    assert_eq!(c.stats().retries, 1);

    // A deadline shorter than the back-off ends the call instead.
    let (c, _) = client();
    let c = c.with_timeout_ms(1_000);
    c.transport()
        .sandbox()
        .faults()
        .push(Fault::RateLimited(30));
    let e = block_on(api::whoami().send(&c)).unwrap_err();
    assert_eq!(e.code(), "rate_limited");

    // Retries can be switched off.
    let (c, _) = client();
    let c = c.with_retry(RetryPolicy::none());
    c.transport().sandbox().faults().push(Fault::Status(502));
    assert_eq!(
        block_on(api::whoami().send(&c)).unwrap_err().code(),
        "server_error"
    );
}

#[test]
fn clock_skew_is_learned_and_kept() {
    let (c, _) = client();
    c.transport().sandbox().set_clock_skew(-1_200);
    block_on(api::whoami().send(&c)).unwrap();
    assert_eq!(c.clock_skew(), -1_200);
    assert_eq!(c.stats().skew_corrections, 1);
    // Later requests use the offset at once.
    block_on(api::owners().list().send(&c)).unwrap();
    assert_eq!(c.stats().skew_corrections, 1);
    assert_eq!(c.stats().attempts, 3);
}

#[test]
fn seeded_schedules_still_lose_nothing() {
    let (c, _) = client();
    let c = c.with_retry(RetryPolicy {
        max_retries: 8,
        ..RetryPolicy::default()
    });
    c.transport()
        .sandbox()
        .faults()
        .set_schedule(Some(tc_sandbox::Schedule {
            seed: 42,
            per_mille: 300,
            kinds: vec![
                Fault::RateLimited(1),
                Fault::Status(502),
                Fault::Drop,
                Fault::LostAnswer(504),
                Fault::Truncate,
            ],
        }));
    let host = api::indicator(IndicatorType::HOSTS, "evil.example");
    for i in 0..40 {
        block_on(host.tags().add(&format!("sched-{i}")).send(&c)).unwrap();
    }
    c.transport().sandbox().faults().clear();
    let tags = block_on(host.tags().list().send(&c)).unwrap();
    let added = tags
        .items
        .iter()
        .filter(|t| t.name.starts_with("sched-"))
        .count();
    assert_eq!(added, 40);
    assert_eq!(
        c.transport().sandbox().write_count(),
        40,
        "each tag written once"
    );
    assert!(c.stats().retries > 0, "the schedule did inject faults");
}
