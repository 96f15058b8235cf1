//! A core call with its arguments applied, ready to send, and the helpers
//! the operation tables use to make one.

use futures_util::future::LocalBoxFuture;
use js_sys::Uint8Array;
use serde::Serialize;
use tc_core::{Call, Client, DEFAULT_RESULT_LIMIT, Error, Page, Result};
use wasm_bindgen::JsValue;

use crate::args::Args;
use crate::transport::JsFetch;

/// What an operation answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One value (a model, bytes, text, or nothing).
    One,
    /// One page of a list: `{ items, resultCount, next }`.
    List,
}

/// A call with its answer type erased: it runs on a core client and
/// converts the answer to JavaScript.
pub(crate) trait Erased {
    /// Sends the call (with the core's retries, within `timeout_ms`).
    fn run<'a>(
        &'a self,
        client: &'a Client<JsFetch>,
        timeout_ms: Option<u64>,
    ) -> LocalBoxFuture<'a, Result<JsValue>>;
}

/// Where a page starts and how long it is, for `next`.
#[derive(Debug, Clone, Copy)]
struct Window {
    start: u64,
    limit: u64,
}

struct Typed<T> {
    call: Call<T>,
    window: Window,
    convert: fn(T, Window) -> Result<JsValue>,
}

impl<T> Erased for Typed<T> {
    fn run<'a>(
        &'a self,
        client: &'a Client<JsFetch>,
        timeout_ms: Option<u64>,
    ) -> LocalBoxFuture<'a, Result<JsValue>> {
        Box::pin(async move {
            let answer = client.execute_with(&self.call, timeout_ms).await?;
            (self.convert)(answer, self.window)
        })
    }
}

/// A call ready to send.
pub(crate) struct Prepared {
    /// Whether the answer is a page.
    pub(crate) shape: Shape,
    /// The call.
    pub(crate) call: Box<dyn Erased>,
}

fn prepare<T: 'static>(
    call: Call<T>,
    args: &Args,
    shape: Shape,
    convert: fn(T, Window) -> Result<JsValue>,
) -> Result<Prepared> {
    let window = Window {
        start: args.result_start.unwrap_or(0),
        limit: args.result_limit.unwrap_or(u64::from(DEFAULT_RESULT_LIMIT)),
    };
    Ok(Prepared {
        shape,
        call: Box::new(Typed {
            call: args.apply(call)?,
            window,
            convert,
        }),
    })
}

/// The serializer every answer goes through: its JSON text (absent fields
/// left out), which the ESM wrapper hands to `JSON.parse`.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    serde_json::to_string(value)
        .map(|text| JsValue::from_str(&text))
        .map_err(|e| Error::Parse {
            path: "$".into(),
            message: format!("the answer cannot be written as JSON: {e}"),
            excerpt: String::new(),
        })
}

/// A call answering one model (or a list of models, a number, a string).
pub(crate) fn one<T: Serialize + 'static>(call: Call<T>, args: &Args) -> Result<Prepared> {
    prepare(call, args, Shape::One, |v, _| to_js(&v))
}

/// A call answering only success: resolves to `undefined`.
pub(crate) fn done(call: Call<()>, args: &Args) -> Result<Prepared> {
    prepare(call, args, Shape::One, |(), _| Ok(JsValue::UNDEFINED))
}

/// A call answering bytes: resolves to a `Uint8Array`.
pub(crate) fn bytes(call: Call<Vec<u8>>, args: &Args) -> Result<Prepared> {
    prepare(call, args, Shape::One, |v, _| {
        Ok(Uint8Array::from(v.as_slice()).into())
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageOut<T> {
    items: Vec<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result_count: Option<u64>,
    next: Option<u64>,
}

/// Where the page after this one starts, or `None` after the last page
/// (the same rule as `tc_core::Cursor::advance`).
pub(crate) fn next_start(start: u64, limit: u64, count: u64, total: Option<u64>) -> Option<u64> {
    let end = start.saturating_add(count);
    let last = count == 0 || count < limit || total.is_some_and(|t| end >= t);
    (!last).then_some(end)
}

/// A call answering a page: resolves to `{ items, resultCount, next }`.
pub(crate) fn list<T: Serialize + 'static>(call: Call<Page<T>>, args: &Args) -> Result<Prepared> {
    prepare(call, args, Shape::List, |page, w| {
        let count = page.items.len() as u64;
        let next = next_start(w.start, w.limit, count, page.result_count);
        to_js(&PageOut {
            items: page.items,
            result_count: page.result_count,
            next,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::next_start;

    #[test]
    fn next_page_rule() {
        assert_eq!(next_start(0, 2, 2, Some(5)), Some(2));
        assert_eq!(next_start(4, 2, 1, None), None);
        assert_eq!(next_start(2, 2, 2, Some(4)), None);
        assert_eq!(next_start(2, 2, 2, None), Some(4));
        assert_eq!(next_start(0, 100, 0, None), None);
    }
}
