//! The transport: the host's global `fetch` (or the caller's), with an
//! `AbortSignal` and progress reports per call, under a `tc_core::Client`
//! made for each call (the core's retries, deadline and clock-skew
//! correction apply; a deadline that passes aborts the request in flight).
//!
//! `fetch` is looked up on the global object at each call, never on
//! `window`, so one build works in pages, MV3 service workers, Node 18+ and
//! workerd. Browsers refuse a `User-Agent` header from a page (and it would
//! break the CORS preflight), so that header is not sent.
//!
//! N.B. `fetch` reports no upload progress, so an upload reports
//! `loaded: 0` before the request and `loaded: total` once the service has
//! answered. Downloads report every chunk of the response body stream as it
//! arrives (when the host gives a body stream; otherwise start and end only).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::future::LocalBoxFuture;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use tc_core::{
    Client, Clock, Config, HttpRequest, HttpResponse, Result, RetryPolicy, Sleep, SystemClock,
    Transport, TransportError, TransportErrorKind,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, RequestInit, Response,
};

use crate::prepared::Erased;

/// What every call of one client shares.
pub(crate) struct Shared {
    /// The core configuration (base URL, credentials, default owner).
    pub(crate) config: Config,
    /// A `fetch` replacement given in the options.
    pub(crate) fetch: Option<Function>,
    /// The default deadline of a call, in milliseconds (retries included).
    pub(crate) timeout_ms: Option<u64>,
    /// The retry policy.
    pub(crate) retry: RetryPolicy,
    /// The service's clock minus ours, in seconds, as learned so far.
    pub(crate) skew: Cell<i64>,
}

/// Options of one call.
#[derive(Default)]
pub(crate) struct CallOptions {
    /// Aborts the call.
    pub(crate) signal: Option<AbortSignal>,
    /// Overrides the client's deadline (0 turns it off).
    pub(crate) timeout_ms: Option<u64>,
    /// Called with `{ phase, loaded, total }`.
    pub(crate) on_progress: Option<Function>,
}

/// One call in flight: the client's settings plus this call's options.
pub(crate) struct Ctx {
    pub(crate) shared: std::rc::Rc<Shared>,
    pub(crate) options: CallOptions,
}

impl Ctx {
    /// Sends one call through a `tc_core::Client` made for it, so that the
    /// core's retries, deadline and clock-skew correction apply, with this
    /// call's signal and progress callback in its transport. What the
    /// client learns about clock skew is kept for the next call.
    pub(crate) async fn execute(&self, call: &dyn Erased) -> Result<JsValue> {
        let shared = &self.shared;
        let client = self.client(self.options.on_progress.clone());
        let timeout = self
            .options
            .timeout_ms
            .or(shared.timeout_ms)
            .filter(|ms| *ms > 0);
        let result = call.run(&client, timeout).await;
        shared.skew.set(shared.skew.get() + client.clock_skew());
        result
    }

    /// A core client for this call: its signal, and `on_progress` for the
    /// transport's transfer reports.
    fn client(&self, on_progress: Option<Function>) -> Client<JsFetch> {
        let shared = &self.shared;
        let transport = JsFetch {
            fetch: shared.fetch.clone(),
            signal: self.options.signal.clone(),
            on_progress,
        };
        Client::new(shared.config.clone(), transport)
            .with_clock(Skewed(shared.skew.get()))
            .with_sleep(JsSleep)
            .with_retry(shared.retry.clone())
    }

    /// Runs a whole batch import with the core's `Client::run_batch`,
    /// calling `onProgress({ phase: 'batch', … })` after every step.
    pub(crate) async fn run_batch(
        &self,
        items: Vec<serde_json::Value>,
        run: tc_core::BatchRun,
    ) -> Result<JsValue> {
        // Transfer reports of the single requests would drown the batch's.
        let client = self.client(None);
        let callback = self.options.on_progress.clone();
        let mut on_step = |p: &tc_core::BatchProgress| {
            let Some(callback) = &callback else { return };
            let event = Object::new();
            let number = |n: u64| JsValue::from_f64(n as f64);
            let fields = [
                ("phase", JsValue::from_str("batch")),
                ("itemsRead", number(p.items_read)),
                ("itemsSubmitted", number(p.items_submitted)),
                ("jobsDone", number(p.jobs_done)),
                ("succeeded", number(p.succeeded)),
                ("failed", number(p.failed)),
                ("jobStatus", JsValue::from_str(&p.job_status)),
            ];
            for (key, value) in fields {
                let _ = Reflect::set(&event, &JsValue::from_str(key), &value);
            }
            let _ = callback.call1(&JsValue::UNDEFINED, &event);
        };
        let outcome = client.run_batch(items, &run, &mut on_step).await;
        self.shared
            .skew
            .set(self.shared.skew.get() + client.clock_skew());
        let outcome = outcome?;
        let jobs: Vec<serde_json::Value> = outcome
            .jobs
            .iter()
            .map(|j| serde_json::json!({"id": j.id, "items": j.items, "status": j.status, "errors": j.errors}))
            .collect();
        let json = serde_json::json!({
            "successCount": outcome.success_count(),
            "errorCount": outcome.error_count(),
            "unprocessedCount": outcome.unprocessed_count(),
            "jobs": jobs,
        });
        crate::prepared::to_js(&json)
    }
}

/// The host's clock moved by a learned skew.
struct Skewed(i64);

impl Clock for Skewed {
    fn now_unix(&self) -> Option<u64> {
        self.now_millis().map(|ms| ms / 1000)
    }

    fn now_millis(&self) -> Option<u64> {
        let ms = SystemClock.now_millis()? as i64;
        u64::try_from(ms.saturating_add(self.0.saturating_mul(1000))).ok()
    }
}

/// A `setTimeout` on the global object that is cleared when the future is
/// dropped, so an unused deadline does not keep Node's event loop alive.
struct JsSleep;

struct Timer {
    handle: JsValue,
    done: JsFuture,
}

impl Future for Timer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.done).poll(cx).map(|_| ())
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Ok(clear) = global_fn("clearTimeout") {
            let _ = clear.call1(&js_sys::global(), &self.handle);
        }
    }
}

impl Sleep for JsSleep {
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        let mut resolve = None;
        let promise = Promise::new(&mut |res, _| resolve = Some(res));
        let delay = JsValue::from_f64(ms.min(i32::MAX as u64) as f64);
        let handle = match (global_fn("setTimeout"), resolve) {
            (Ok(set), Some(resolve)) => set.call2(&js_sys::global(), &resolve, &delay).ok(),
            _ => None,
        };
        match handle {
            Some(handle) => Box::pin(Timer {
                handle,
                done: JsFuture::from(promise),
            }),
            // No timer on this host: do not wait rather than hang.
            None => Box::pin(async {}),
        }
    }
}

/// The transport of one call.
pub(crate) struct JsFetch {
    fetch: Option<Function>,
    signal: Option<AbortSignal>,
    on_progress: Option<Function>,
}

fn other(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Other, message)
}

fn js_text(e: &JsValue) -> String {
    let message = Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    message
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn js_name(e: &JsValue) -> String {
    Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

/// Calls `on_progress({ phase, loaded, total })`; a throwing callback does
/// not fail the call.
fn report(callback: Option<&Function>, phase: &str, loaded: usize, total: Option<usize>) {
    let Some(callback) = callback else { return };
    let event = Object::new();
    let total = total.map_or(JsValue::UNDEFINED, |t| JsValue::from_f64(t as f64));
    let _ = Reflect::set(&event, &"phase".into(), &phase.into());
    let _ = Reflect::set(&event, &"loaded".into(), &JsValue::from_f64(loaded as f64));
    let _ = Reflect::set(&event, &"total".into(), &total);
    let _ = callback.call1(&JsValue::UNDEFINED, &event);
}

fn global_fn(name: &str) -> std::result::Result<Function, TransportError> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| other(format!("this host has no global {name}")))
}

/// The `AbortController` of one request: the caller's signal is linked to
/// it, and dropping it before the request finished (the core's deadline
/// passed) aborts the request.
struct Abort {
    controller: AbortController,
    link: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    finished: bool,
}

impl Abort {
    fn new(signal: Option<&AbortSignal>) -> std::result::Result<Abort, TransportError> {
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(TransportError::new(
                TransportErrorKind::Aborted,
                "the call was aborted",
            ));
        }
        let controller = AbortController::new()
            .map_err(|e| other(format!("AbortController: {}", js_text(&e))))?;
        let mut abort = Abort {
            controller,
            link: None,
            finished: false,
        };
        if let Some(signal) = signal {
            let controller = abort.controller.clone();
            let on_abort = Closure::<dyn FnMut()>::new(move || controller.abort());
            signal
                .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
                .map_err(|e| other(format!("AbortSignal: {}", js_text(&e))))?;
            abort.link = Some((signal.clone(), on_abort));
        }
        Ok(abort)
    }
}

impl Drop for Abort {
    fn drop(&mut self) {
        if let Some((signal, on_abort)) = &self.link {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        if !self.finished {
            self.controller.abort();
        }
    }
}

impl JsFetch {
    /// Classifies a rejection, knowing whether the caller aborted.
    fn failure(&self, context: &str, e: &JsValue) -> TransportError {
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return TransportError::new(TransportErrorKind::Aborted, "the call was aborted");
        }
        let kind = match js_name(e).as_str() {
            "AbortError" => TransportErrorKind::Aborted,
            "TimeoutError" => TransportErrorKind::Timeout,
            "TypeError" => TransportErrorKind::Network,
            _ => TransportErrorKind::Other,
        };
        TransportError::new(kind, format!("{context}: {}", js_text(e)))
    }

    fn fetch_fn(&self) -> std::result::Result<(Function, JsValue), TransportError> {
        match &self.fetch {
            Some(f) => Ok((f.clone(), JsValue::UNDEFINED)),
            None => Ok((global_fn("fetch")?, js_sys::global().into())),
        }
    }

    async fn body(
        &self,
        response: &Response,
        reports: bool,
    ) -> std::result::Result<Vec<u8>, TransportError> {
        let progress = self.on_progress.as_ref().filter(|_| reports);
        let stream = progress.and_then(|_| response.body());
        let Some(stream) = stream else {
            let promise = response
                .array_buffer()
                .map_err(|e| self.failure("body", &e))?;
            let buffer = JsFuture::from(promise)
                .await
                .map_err(|e| self.failure("body", &e))?;
            let bytes = Uint8Array::new(&buffer).to_vec();
            report(progress, "download", bytes.len(), Some(bytes.len()));
            return Ok(bytes);
        };

        // `Content-Length` counts encoded bytes; chunks are decoded ones.
        let headers = response.headers();
        let encoded = headers.get("content-encoding").ok().flatten().is_some();
        let total = match headers.get("content-length") {
            Ok(Some(n)) if !encoded => n.trim().parse::<usize>().ok(),
            _ => None,
        };
        report(progress, "download", 0, total);
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut out = Vec::with_capacity(total.unwrap_or(0).min(1 << 26));
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|e| self.failure("body", &e))?;
            let done = Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true);
            if done {
                break;
            }
            if let Ok(value) = Reflect::get(&chunk, &"value".into())
                && let Some(bytes) = value.dyn_ref::<Uint8Array>()
            {
                out.extend_from_slice(&bytes.to_vec());
            }
            report(progress, "download", out.len(), total);
        }
        // The end, once more with a total, when the size was not declared
        // (or the body did not match it).
        if total != Some(out.len()) {
            report(progress, "download", out.len(), Some(out.len()));
        }
        Ok(out)
    }
}

impl Transport for JsFetch {
    async fn send(
        &self,
        request: HttpRequest,
    ) -> std::result::Result<HttpResponse, TransportError> {
        let (fetch, this) = self.fetch_fn()?;
        let mut abort = Abort::new(self.signal.as_ref())?;

        let headers = Headers::new().map_err(|e| other(format!("Headers: {}", js_text(&e))))?;
        for (name, value) in request.headers() {
            if name.eq_ignore_ascii_case("user-agent") {
                continue;
            }
            headers
                .append(name, value)
                .map_err(|e| other(format!("header {name}: {}", js_text(&e))))?;
        }
        let init = RequestInit::new();
        init.set_method(request.method().as_str());
        init.set_headers(&headers);
        init.set_signal(Some(&abort.controller.signal()));
        let upload = request.body().len();
        if upload > 0 {
            init.set_body(&Uint8Array::from(request.body()));
        }
        let progress = self.on_progress.as_ref();
        if upload > 0 {
            report(progress, "upload", 0, Some(upload));
        }

        let answer = fetch
            .call2(&this, &JsValue::from_str(&request.url()), &init)
            .map_err(|e| self.failure("fetch", &e))?;
        let answer = JsFuture::from(Promise::resolve(&answer))
            .await
            .map_err(|e| self.failure("fetch", &e))?;
        // Duck-typed, so that a `fetch` option may answer with a
        // `Response` of another realm or library.
        if !answer.is_object() {
            return Err(other("fetch did not resolve to a Response"));
        }
        let response: Response = answer.unchecked_into();
        if upload > 0 {
            report(progress, "upload", upload, Some(upload));
        }

        let mut out = HttpResponse::new(response.status(), Vec::new());
        if let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) {
            for entry in entries.flatten() {
                let pair = js_sys::Array::from(&entry);
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                    out.headers.push((k, v));
                }
            }
        }
        // An upload's answer is a short envelope: it gets no download reports.
        out.body = self.body(&response, upload == 0).await?;
        abort.finished = true;
        Ok(out)
    }
}
