//! Sans-IO client core for the ThreatConnect REST API v2.
//!
//! Every API operation is a value, a [`Call`], that turns into an
//! [`HttpRequest`] (signed, with the exact bytes that will be sent) and a
//! parser that turns an [`HttpResponse`] into a typed result. Both halves are
//! public, so a caller can drive the I/O itself; [`Call::send`] is a thin
//! helper over any [`Transport`].
//!
//! In scope: configuration and credentials, HMAC and token signing, the one
//! URL builder, query parameters and filters, the response envelope and typed
//! models, errors with stable codes, paging, and the path tree of v2 (a parent
//! such as a group or an indicator with its association children).
//! Out of scope: any I/O of its own. The crate never reads a clock inside
//! signing and never depends on tokio; the optional `fetch` feature binds the
//! global `fetch` for wasm32 hosts.
//!
//! ```
//! use tc_core::{Config, api};
//!
//! let config = Config::builder("https://app.threatconnect.com/api")
//!     .hmac("12345678901234567890", "aSecretKeyForTestingOnly+/=")
//!     .build()?;
//! let call = api::owners().list();
//! let request = call.request(&config, 1513703787)?;
//! assert_eq!(request.target(), "/api/v2/owners");
//! assert_eq!(
//!     request.header("authorization"),
//!     Some("TC 12345678901234567890:/pMd4DltEMiJNMvPu8yWsCNL2+IFBLp/45JV3/0d2MM=")
//! );
//! # Ok::<(), tc_core::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod api;
mod auth;
mod batch_run;
mod bulk;
mod call;
mod client;
mod config;
pub(crate) mod de;
mod download;
mod error;
#[cfg(all(feature = "fetch", target_arch = "wasm32"))]
pub mod fetch;
mod http;
pub mod ioc;
pub mod models;
mod paging;
pub mod params;
mod response;
mod retry;
mod transport;
mod url;

pub use auth::{sign, signing_string, verify_signature};
pub use batch_run::{BatchOutcome, BatchProgress, BatchRun, JobOutcome};
pub use bulk::{BulkCsvReader, BulkCsvRow};
pub use call::{Call, Expect};
pub use client::{Client, Clock, Sleep, Stats, SystemClock, SystemSleep};
pub use config::{Auth, BaseUrl, Config, ConfigBuilder, Secret, TokenProvider};
pub use de::{format_datetime, parse_datetime};
pub use download::Progress;
pub use error::{ApiError, ApiErrorKind, Error, Result, TransportError, TransportErrorKind};
pub use http::{HttpRequest, HttpResponse, Method};
pub use paging::{Cursor, Page};
pub use response::{body_excerpt, classify_error, from_json};
pub use retry::RetryPolicy;
pub use transport::{BodySink, Transport};
pub use url::{ApiPath, Query, encode_component, encode_segment};

/// The largest page the service returns (`resultLimit` above this is refused).
pub const MAX_RESULT_LIMIT: u32 = 10_000;

/// The page size the service uses when `resultLimit` is absent.
pub const DEFAULT_RESULT_LIMIT: u32 = 100;
