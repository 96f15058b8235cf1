//! A faithful in-memory emulator of the ThreatConnect REST API v2.
//!
//! [`Sandbox::handle`] takes one request and answers it from an in-memory
//! store, the way the service does as far as the reference documents it:
//! HMAC and token verification with the ±300 s window, owners the caller
//! may and may not see, paging rules, the exclusion list, list versus
//! detail shapes, and the service's error messages. It is pure Rust, so it
//! also runs in a browser as a demo transport ([`InProcess`]).
//!
//! Where the reference marks a behaviour "unconfirmed", the sandbox picks
//! the most plausible one; each such choice is listed in `SANDBOX.md`.
//!
//! ```
//! use tc_core::{Client, Config, api};
//! use tc_sandbox::{InProcess, Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::demo(SandboxConfig::default());
//! let config = Config::builder("http://127.0.0.1/api")
//!     .hmac(tc_sandbox::DEMO_ACCESS_ID, tc_sandbox::DEMO_SECRET_KEY)
//!     .build()?;
//! let client = Client::new(config, InProcess::new(sandbox));
//! let owners = futures_executor::block_on(api::owners().list().send(&client))?;
//! assert!(owners.items.iter().any(|o| o.name == "Demo Organization"));
//! # Ok::<(), tc_core::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod auth;
mod demo;
mod faults;
mod reply;
mod request;
mod routes;
mod store;
mod transport;
mod validate;

pub use faults::{Fault, FaultPlan, Schedule};
pub use request::Request;
pub use transport::InProcess;

use tc_core::HttpResponse;

/// The demo API user's access id.
pub const DEMO_ACCESS_ID: &str = "12345678901234567890";
/// The demo API user's secret key.
pub const DEMO_SECRET_KEY: &str = "sandbox-secret-key-not-for-production";
/// The demo API token.
pub const DEMO_TOKEN: &str = "APIV2:1:sandbox:4102444800:demo-token";

/// Credentials and settings of a sandbox.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The access id accepted for HMAC.
    pub access_id: String,
    /// The secret key for HMAC.
    pub secret_key: String,
    /// The token accepted for `TC-Token`.
    pub token: String,
    /// The path prefix before `/v2` (`/api` by default).
    pub prefix: String,
    /// Allowed clock difference for HMAC timestamps, in seconds.
    pub timestamp_window: i64,
    /// The web UI base used in `webLink`s.
    pub web_base: String,
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("access_id", &self.access_id)
            .field("secret_key", &"[redacted]")
            .field("token", &"[redacted]")
            .field("prefix", &self.prefix)
            .field("timestamp_window", &self.timestamp_window)
            .field("web_base", &self.web_base)
            .finish()
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            access_id: DEMO_ACCESS_ID.into(),
            secret_key: DEMO_SECRET_KEY.into(),
            token: DEMO_TOKEN.into(),
            prefix: "/api".into(),
            timestamp_window: 300,
            web_base: "https://sandbox.threatconnect.invalid".into(),
        }
    }
}

/// Which data set a sandbox starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// Owners, users, system labels and indicator types only.
    Empty,
    /// A deterministic demo data set with every object type.
    Demo,
}

/// The emulator: configuration plus an in-memory store.
#[derive(Debug)]
pub struct Sandbox {
    config: SandboxConfig,
    store: store::Store,
    faults: FaultPlan,
    skew: i64,
}

/// What the sandbox does with one request: an answer (or a dropped
/// connection), possibly after a delay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The answer; `None` means the connection is dropped.
    pub response: Option<HttpResponse>,
    /// Milliseconds to wait before answering.
    pub delay_ms: u64,
}

impl Sandbox {
    /// A sandbox with the given seed.
    pub fn new(config: SandboxConfig, seed: Seed) -> Self {
        let mut store = store::Store::base(&config);
        if seed == Seed::Demo {
            demo::populate(&mut store);
        }
        Sandbox {
            config,
            store,
            faults: FaultPlan::default(),
            skew: 0,
        }
    }

    /// A sandbox with the demo data set.
    pub fn demo(config: SandboxConfig) -> Self {
        Sandbox::new(config, Seed::Demo)
    }

    /// The configuration.
    pub fn config(&self) -> &SandboxConfig {
        &self.config
    }

    /// How many writes (creates, updates, deletes, links) the store has
    /// applied, for tests that check nothing is written twice.
    pub fn write_count(&self) -> u64 {
        self.store.writes
    }

    /// The faults to apply to coming requests.
    pub fn faults(&mut self) -> &mut FaultPlan {
        &mut self.faults
    }

    /// Makes the server's clock run `secs` ahead of the host's (negative:
    /// behind).
    pub fn set_clock_skew(&mut self, secs: i64) {
        self.skew = secs;
    }

    /// Answers one request without faults. `now` is the host's time in
    /// Unix seconds; it is used for the HMAC window, the `Date` header and
    /// new dates.
    pub fn handle(&mut self, request: &Request, now: i64) -> HttpResponse {
        let now = now + self.skew;
        let response = match auth::check(&self.config, request, now) {
            Err(reply) => reply,
            Ok(()) => routes::dispatch(self, request, now),
        };
        reply::finish(response, now)
    }

    /// Answers one request, applying the next fault (from the request's
    /// `X-Sandbox-Fault` header, the queue or the schedule).
    pub fn serve(&mut self, request: &Request, now: i64) -> Served {
        let fault = match request.header("x-sandbox-fault").and_then(Fault::parse) {
            Some(f) => Some(f),
            None => self.faults.next(),
        };
        let Some(fault) = fault else {
            return Served {
                response: Some(self.handle(request, now)),
                delay_ms: 0,
            };
        };
        self.faults.applied += 1;
        let at = now + self.skew;
        let before = |r: HttpResponse| Served {
            response: Some(reply::finish(r, at)),
            delay_ms: 0,
        };
        match fault {
            Fault::Latency(ms) => Served { response: Some(self.handle(request, now)), delay_ms: ms },
            Fault::RateLimited(secs) => {
                let mut r = reply::failure(429, "Too many requests");
                r.headers.push(("Retry-After".into(), secs.to_string()));
                before(r)
            }
            Fault::Status(503) => before(reply::failure(
                503,
                "API access has not been licensed for this system, please contact sales@threatconnect.com if you wish to enable it",
            )),
            Fault::Status(code) => before(reply::failure(code, "An unknown error occurred")),
            Fault::Html => before(reply::raw(
                502,
                "text/html",
                b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
            )),
            Fault::Drop => Served { response: None, delay_ms: 0 },
            Fault::LostAnswer(code) => {
                let _applied = self.handle(request, now);
                before(reply::failure(code, "An unknown error occurred"))
            }
            Fault::DropAfter => {
                let _applied = self.handle(request, now);
                Served { response: None, delay_ms: 0 }
            }
            Fault::Truncate => {
                let mut r = self.handle(request, now);
                let full = r.body.len();
                r.body.truncate(full / 2);
                r.headers.push(("Content-Length".into(), full.to_string()));
                Served { response: Some(r), delay_ms: 0 }
            }
            Fault::Skew(secs) => {
                self.skew = secs;
                Served { response: Some(self.handle(request, now)), delay_ms: 0 }
            }
        }
    }
}

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
