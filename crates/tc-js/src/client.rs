//! The exported `Client` class.

use std::fmt;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Promise, Uint8Array};
use tc_core::{Auth, Error, Result};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::future_to_promise;

use crate::args::{Args, invalid};
use crate::error::to_js;
use crate::ops;
use crate::options;
use crate::prepared::Shape;
use crate::transport::{Ctx, Shared};

/// A ThreatConnect v2 client: a configuration plus the fetch transport.
///
/// Built from `{ baseUrl, accessId, secretKey }` or `{ baseUrl, token }`
/// (a string, or a function returning a promise of one, called before each
/// request), plus `defaultOwner`, `timeoutMs`, `maxRetries`, `fetch` and
/// `allowInsecureHttp`. The options object is not kept; secrets live only
/// inside the module and are never printed.
#[wasm_bindgen]
pub struct Client {
    shared: Rc<Shared>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.shared.config)
            .finish_non_exhaustive()
    }
}

/// Reads the `data` argument as bytes: a `Uint8Array` (or any view), an
/// `ArrayBuffer`, or a string (UTF-8). The ESM wrapper sends any other value
/// as its JSON text.
fn read_data(data: &JsValue) -> Result<Option<Vec<u8>>> {
    if data.is_undefined() || data.is_null() {
        return Ok(None);
    }
    if let Some(bytes) = data.dyn_ref::<Uint8Array>() {
        return Ok(Some(bytes.to_vec()));
    }
    if let Some(buffer) = data.dyn_ref::<ArrayBuffer>() {
        return Ok(Some(Uint8Array::new(buffer).to_vec()));
    }
    if ArrayBuffer::is_view(data) {
        let view: &js_sys::DataView = data.unchecked_ref();
        let bytes = Uint8Array::new_with_byte_offset_and_length(
            &view.buffer(),
            view.byte_offset() as u32,
            view.byte_length() as u32,
        );
        return Ok(Some(bytes.to_vec()));
    }
    match data.as_string() {
        Some(text) => Ok(Some(text.into_bytes())),
        None => Err(invalid(
            "data",
            "expected bytes (Uint8Array, ArrayBuffer), a string or a JSON value",
        )),
    }
}

/// Reads the arguments object from its JSON text (the ESM wrapper sends
/// `JSON.stringify(args)` without `data`, which comes as its own value).
fn read_args(args: &str, data: &JsValue) -> Result<Args> {
    let mut parsed: Args = if args.trim().is_empty() {
        Args::default()
    } else {
        crate::args::read_json("args", args)?
    };
    parsed.data = read_data(data)?;
    Ok(parsed)
}

fn reject(error: &Error) -> Promise {
    Promise::reject(&to_js(error))
}

#[wasm_bindgen]
impl Client {
    /// Checks the options and builds a client; throws a `ThreatConnectError`
    /// with code `config` when they are unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> std::result::Result<Client, JsValue> {
        let shared = options::client(&options).map_err(|e| to_js(&e))?;
        Ok(Client {
            shared: Rc::new(shared),
        })
    }

    /// Runs the operation `op` (e.g. `"indicator.tags.add"`) with the
    /// arguments `args` (their JSON text) and raw `data` (bytes, a string,
    /// or `undefined`); `options` may hold `signal`, `timeoutMs` and
    /// `onProgress`.
    ///
    /// Resolves to the answer's JSON text (models in the service's
    /// camelCase, a page as `{ items, resultCount, next }`), bytes as a
    /// `Uint8Array`, or `undefined` for calls that answer only success;
    /// rejects with a `ThreatConnectError`. JSON text crosses into
    /// JavaScript far faster than objects built one property at a time.
    pub fn invoke(&self, op: &str, args: &str, data: JsValue, options: JsValue) -> Promise {
        self.start(op, args, &data, &options, None)
    }

    /// Runs a list operation for one page: `start` is the offset of the
    /// first item, `limit` the page size (1 to 10,000). Resolves to the JSON
    /// text of `{ items, resultCount, next }`: `resultCount` only on the first page
    /// (the service sends it only there), `next` the `start` of the
    /// following page or `null` after the last one.
    pub fn page(&self, op: &str, args: &str, start: f64, limit: f64, options: JsValue) -> Promise {
        let valid = |n: f64| n.is_finite() && n >= 0.0 && n.fract() == 0.0;
        if !valid(start) || !valid(limit) {
            return reject(&invalid(
                "page",
                "start and limit must be non-negative integers",
            ));
        }
        self.start(
            op,
            args,
            &JsValue::UNDEFINED,
            &options,
            Some((start as u64, limit as u64)),
        )
    }

    /// Imports `items` (the JSON text of an array of V1 batch objects such as
    /// `{ summary, type, rating }`) in as many jobs as the service's limits
    /// need: `config` (JSON text too) is the job
    /// configuration (`owner` required) plus optional `chunkItems`,
    /// `chunkBytes`, `firstPollMs`, `pollStepMs`, `maxPollMs` and
    /// `jobDeadlineMs`. No chunk is submitted twice. `options.onProgress`
    /// gets `{ phase: 'batch', itemsRead, itemsSubmitted, jobsDone,
    /// succeeded, failed, jobStatus }` after every step. Resolves to the
    /// JSON text of `{ successCount, errorCount, unprocessedCount, jobs }`.
    #[wasm_bindgen(js_name = runBatch)]
    pub fn run_batch(&self, items: &str, config: &str, options: JsValue) -> Promise {
        let items: Result<Vec<serde_json::Value>> = crate::args::read_json("items", items);
        let run = crate::ops::batch::run_config(config);
        let call_options = options::call(&options);
        let (items, run, call_options) = match (items, run, call_options) {
            (Ok(i), Ok(r), Ok(o)) => (i, r, o),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return reject(&e),
        };
        let ctx = Rc::new(Ctx {
            shared: self.shared.clone(),
            options: call_options,
        });
        future_to_promise(async move { ctx.run_batch(items, run).await.map_err(|e| to_js(&e)) })
    }

    /// Whether `op` answers pages (and so works with `page` and iteration).
    #[wasm_bindgen(js_name = isList)]
    pub fn is_list(op: &str) -> bool {
        ops::list_names().any(|name| name == op)
    }

    /// A description without secrets: base URL, auth kind, default owner.
    #[wasm_bindgen(js_name = toString)]
    pub fn describe(&self) -> String {
        let config = &self.shared.config;
        let auth = match config.auth() {
            Auth::Hmac { access_id, .. } => format!("hmac {access_id}"),
            Auth::Token(_) => "token".into(),
            Auth::TokenProvider(_) => "token function".into(),
            _ => "other".into(),
        };
        let base = config.base_url();
        let mut text = format!(
            "ThreatConnect client for {}{} ({auth}",
            base.origin(),
            base.prefix()
        );
        if let Some(owner) = config.default_owner() {
            text.push_str(&format!(", default owner {owner:?}"));
        }
        text.push(')');
        text
    }
}

impl Client {
    fn start(
        &self,
        op: &str,
        args: &str,
        data: &JsValue,
        options: &JsValue,
        page: Option<(u64, u64)>,
    ) -> Promise {
        let prepared = read_args(args, data).and_then(|mut args| {
            if let Some((start, limit)) = page {
                args.result_start = Some(start);
                args.result_limit = Some(limit);
            }
            let prepared = ops::dispatch(op, &args)?;
            if page.is_some() && prepared.shape != Shape::List {
                return Err(invalid("op", format!("{op} does not answer pages")));
            }
            Ok(prepared)
        });
        let call_options = options::call(options);
        let (prepared, call_options) = match (prepared, call_options) {
            (Ok(p), Ok(o)) => (p, o),
            (Err(e), _) | (_, Err(e)) => return reject(&e),
        };
        let ctx = Rc::new(Ctx {
            shared: self.shared.clone(),
            options: call_options,
        });
        future_to_promise(async move {
            ctx.execute(prepared.call.as_ref())
                .await
                .map_err(|e| to_js(&e))
        })
    }
}

/// Every operation name `Client.invoke` knows, sorted.
#[wasm_bindgen]
pub fn operations() -> Array {
    ops::names().into_iter().map(JsValue::from).collect()
}
