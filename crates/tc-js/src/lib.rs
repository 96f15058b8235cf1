//! JavaScript bindings of `tc-core`: the ThreatConnect REST API v2 client as
//! a WebAssembly module for pages, MV3 service workers, Node 18+ and workerd.
//!
//! In scope: one exported [`Client`] class whose `invoke(op, args, data,
//! options)` runs any call of [`tc_core::api`] by name
//! (`"indicator.tags.add"`), a paged variant `page(op, args, start, limit,
//! options)`, a transport over the
//! host's *global* `fetch` with `AbortSignal`, per-call timeouts and progress
//! callbacks, errors as real `Error` objects with a stable `code`, and the
//! IOC toolkit (`extractIndicators`, `refang`, `defang`) and the HMAC
//! signer on its own (`signRequest`).
//!
//! Out of scope here: the camelCase path tree JavaScript users see
//! (`tc.indicator('hosts', 'evil.example').tags.add('APT28')`), async
//! iteration and the `Error` subclasses. Those live in the hand-written ESM
//! wrapper `js/index.js`, which calls this module and adds nothing to the path
//! tree itself: every operation name it uses is one arm of the tables in
//! `src/ops/`, and [`operations`] lists them all.
//!
//! ```js
//! import { Client } from './tc_js.js';
//! const client = new Client({ baseUrl: 'http://127.0.0.1:8080/api', token });
//! const args = JSON.stringify({ type: 'hosts', value: 'evil.example' });
//! const host = JSON.parse(await client.invoke('indicator.get', args, undefined, {}));
//! await client.invoke('indicator.tags.add', JSON.stringify({
//!   type: 'hosts', value: 'evil.example', target: { name: 'APT28' },
//! }), undefined, {});
//! ```
//!
//! Arguments and answers cross the boundary as JSON text: `JSON.parse` on
//! the JavaScript side is much faster than building objects one property
//! at a time from wasm, and it keeps serde-wasm-bindgen out of the module.
//!
//! Arguments of an operation (all optional unless the operation needs them):
//! the parent (`type`, `value`, `id`, `name`), the child it acts on
//! (`target: { type, value, id, name }`), the JSON body (`body`), raw bytes
//! (`data`, its own argument: `Uint8Array`, `ArrayBuffer` or a string; the
//! wrapper sends any other value as its JSON text), a few
//! operation-specific names (`action`, `associationType`, `format`) and the
//! query parameters (`owner`, `resultStart`, `resultLimit`, `filters`,
//! `orParams`, `includeAdditional`, `includeAttributes`, `includeTags`,
//! `includeLabels`, `createActivityLog`, `modifiedSince`, `params`).
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod args;
mod client;
mod error;
mod ioc;
mod ops;
mod options;
mod prepared;
mod sign;
mod transport;

pub use client::{Client, operations};
pub use ioc::{defang, extract_indicators, refang};
pub use sign::sign_request;
