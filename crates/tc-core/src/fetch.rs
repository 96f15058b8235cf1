//! A transport over the global `fetch` (feature `fetch`, wasm32 only).
//!
//! It looks `fetch` up on the global object, never on `window`, so one build
//! works in pages, MV3 service workers, Node 18+ and workerd. Browsers do
//! not let a page set `User-Agent`, so that header is dropped.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, ReadableStreamDefaultReader, RequestInit, Response};

use crate::error::{TransportError, TransportErrorKind};
use crate::http::{HttpRequest, HttpResponse};
use crate::transport::{BodySink, Transport};

/// Sends requests with the host's global `fetch`, or with a `fetch`-like
/// function the caller supplies.
#[derive(Debug, Clone, Default)]
pub struct FetchTransport {
    fetch: Option<Function>,
}

impl FetchTransport {
    /// Uses `globalThis.fetch`.
    pub fn new() -> Self {
        FetchTransport { fetch: None }
    }

    /// Uses the given function with `fetch`'s signature (a test double, or
    /// a host's own `fetch`).
    pub fn with_fetch(fetch: Function) -> Self {
        FetchTransport { fetch: Some(fetch) }
    }

    fn function(&self) -> Result<Function, TransportError> {
        if let Some(f) = &self.fetch {
            return Ok(f.clone());
        }
        let global = js_sys::global();
        Reflect::get(&global, &JsValue::from_str("fetch"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| {
                TransportError::new(TransportErrorKind::Other, "this host has no global fetch")
            })
    }
}

fn js_error(context: &str, e: JsValue) -> TransportError {
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into());
    let name = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.name()))
        .unwrap_or_default();
    let kind = match name.as_str() {
        "AbortError" => TransportErrorKind::Aborted,
        "TimeoutError" => TransportErrorKind::Timeout,
        "TypeError" => TransportErrorKind::Network,
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, format!("{context}: {text}"))
}

impl FetchTransport {
    /// Sends the request and returns the response with its body not yet read.
    async fn start(
        &self,
        request: HttpRequest,
    ) -> Result<(HttpResponse, Response), TransportError> {
        let fetch = self.function()?;
        let headers = Headers::new().map_err(|e| js_error("headers", e))?;
        for (k, v) in request.headers() {
            if k.eq_ignore_ascii_case("user-agent") {
                continue;
            }
            headers.append(k, v).map_err(|e| js_error("header", e))?;
        }
        let init = RequestInit::new();
        init.set_method(request.method().as_str());
        init.set_headers(&headers);
        if !request.body().is_empty() {
            let body = Uint8Array::from(request.body());
            init.set_body(&body);
        }
        let url = request.url();
        let promise: Promise = fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&url), &init)
            .map_err(|e| js_error("fetch", e))?
            .dyn_into()
            .map_err(|e| js_error("fetch", e))?;
        let response: Response = JsFuture::from(promise)
            .await
            .map_err(|e| js_error("fetch", e))?
            .dyn_into()
            .map_err(|e| js_error("response", e))?;
        let mut out = HttpResponse::new(response.status(), Vec::new());
        if let Ok(Some(iter)) = js_sys::try_iter(&response.headers()) {
            for entry in iter.flatten() {
                let pair = js_sys::Array::from(&entry);
                if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                    out.headers.push((k, v));
                }
            }
        }
        Ok((out, response))
    }
}

async fn read_all(response: &Response) -> Result<Vec<u8>, TransportError> {
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| js_error("body", e))?)
        .await
        .map_err(|e| js_error("body", e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let (mut out, response) = self.start(request).await?;
        out.body = read_all(&response).await?;
        Ok(out)
    }

    /// Reads a 2xx body from the response's `ReadableStream` chunk by
    /// chunk, so large downloads are never held whole.
    async fn send_streaming<'a>(
        &'a self,
        request: HttpRequest,
        sink: BodySink<'a>,
    ) -> Result<HttpResponse, TransportError> {
        let (mut out, response) = self.start(request).await?;
        let ok = (200..300).contains(&out.status);
        let stream = response.body();
        let (true, Some(stream)) = (ok, stream) else {
            out.body = read_all(&response).await?;
            return Ok(out);
        };
        let total = out
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let reader: ReadableStreamDefaultReader = stream
            .get_reader()
            .dyn_into()
            .map_err(|e| js_error("body reader", e.into()))?;
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|e| js_error("body", e))?;
            let done = Reflect::get(&chunk, &JsValue::from_str("done"))
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true);
            if done {
                break;
            }
            if let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value"))
                && let Ok(bytes) = value.dyn_into::<Uint8Array>()
            {
                sink(&bytes.to_vec(), total);
            }
        }
        Ok(out)
    }
}

/// Completes after `ms` milliseconds, by `setTimeout` on the global object.
pub(crate) async fn sleep(ms: u64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        let global = js_sys::global();
        let set_timeout = Reflect::get(&global, &JsValue::from_str("setTimeout"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        match set_timeout {
            Some(f) => {
                let delay = JsValue::from_f64(ms.min(i32::MAX as u64) as f64);
                if f.call2(&global, &resolve, &delay).is_err() {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            }
            // No timer on this host: do not wait rather than hang.
            None => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}
