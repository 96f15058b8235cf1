//! Client and call options, read from JavaScript objects.
//!
//! No message written here quotes the value of `secretKey` or `token`.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::future::LocalBoxFuture;
use js_sys::{Function, Promise, Reflect};
use tc_core::{Config, Error, Result, RetryPolicy, Secret, TokenProvider};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::transport::{CallOptions, Shared};

fn config_error(message: impl Into<String>) -> Error {
    Error::Config {
        message: message.into(),
    }
}

/// A property, with `undefined` and `null` read as absent.
fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn string(object: &JsValue, key: &str) -> Result<Option<String>> {
    match get(object, key) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| config_error(format!("option `{key}` must be a string"))),
    }
}

/// A non-negative whole number (fractions are dropped).
fn count(object: &JsValue, key: &str) -> Result<Option<u64>> {
    match get(object, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 => Ok(Some(n.min(9.0e15) as u64)),
            _ => Err(config_error(format!(
                "option `{key}` must be a non-negative number"
            ))),
        },
    }
}

/// A token supplier over a JavaScript function returning a string or a
/// promise of one; called before every request, so it can renew tokens.
struct JsToken(Function);

impl TokenProvider for JsToken {
    fn token(&self) -> LocalBoxFuture<'_, Result<Secret>> {
        Box::pin(async move {
            let failed = |e: &JsValue| {
                let text = Reflect::get(e, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "it threw".into());
                config_error(format!("the token function failed: {text}"))
            };
            let value = self.0.call0(&JsValue::UNDEFINED).map_err(|e| failed(&e))?;
            let value = JsFuture::from(Promise::resolve(&value))
                .await
                .map_err(|e| failed(&e))?;
            match value.as_string() {
                Some(token) if !token.is_empty() => Ok(Secret::new(token)),
                _ => Err(config_error(
                    "the token function must return (a promise of) a non-empty string",
                )),
            }
        })
    }
}

/// Reads `{ baseUrl, accessId, secretKey }` or `{ baseUrl, token }` plus
/// `defaultOwner`, `timeoutMs`, `maxRetries`, `fetch` and `allowInsecureHttp`.
pub(crate) fn client(options: &JsValue) -> Result<Shared> {
    if !options.is_object() {
        return Err(config_error(
            "options must be an object: { baseUrl, accessId, secretKey } or { baseUrl, token }",
        ));
    }
    let base_url =
        string(options, "baseUrl")?.ok_or_else(|| config_error("option `baseUrl` is required"))?;
    let mut builder = Config::builder(base_url);

    let access_id = string(options, "accessId")?;
    let secret_key = string(options, "secretKey")?;
    let token = get(options, "token");
    builder = match (access_id, secret_key, token) {
        (Some(id), Some(key), None) => builder.hmac(id, key),
        (None, None, Some(token)) => {
            if let Some(text) = token.as_string() {
                builder.token(text)
            } else if let Some(f) = token.dyn_ref::<Function>() {
                builder.token_provider(Rc::new(JsToken(f.clone())))
            } else {
                return Err(config_error(
                    "option `token` must be a string or a function returning one",
                ));
            }
        }
        (None, None, None) => {
            return Err(config_error(
                "no credentials: give `accessId` and `secretKey`, or `token`",
            ));
        }
        (_, _, Some(_)) => {
            return Err(config_error(
                "give either `accessId` and `secretKey`, or `token`, not both",
            ));
        }
        _ => {
            return Err(config_error("HMAC needs both `accessId` and `secretKey`"));
        }
    };
    if let Some(owner) = string(options, "defaultOwner")? {
        builder = builder.default_owner(owner);
    }
    if let Some(allow) = get(options, "allowInsecureHttp") {
        builder = builder.allow_insecure_http(allow.is_truthy());
    }
    let fetch = match get(options, "fetch") {
        None => None,
        Some(f) => Some(
            f.dyn_into::<Function>()
                .map_err(|_| config_error("option `fetch` must be a function"))?,
        ),
    };
    let mut retry = RetryPolicy::default();
    if let Some(n) = count(options, "maxRetries")? {
        retry.max_retries = u32::try_from(n).unwrap_or(u32::MAX);
    }
    Ok(Shared {
        config: builder.build()?,
        fetch,
        timeout_ms: count(options, "timeoutMs")?,
        retry,
        skew: Cell::new(0),
    })
}

/// Reads `{ signal, timeoutMs, onProgress }`; `undefined` is no options.
pub(crate) fn call(options: &JsValue) -> Result<CallOptions> {
    if options.is_undefined() || options.is_null() {
        return Ok(CallOptions::default());
    }
    let signal = match get(options, "signal") {
        None => None,
        Some(s) => Some(
            s.dyn_into::<AbortSignal>()
                .map_err(|_| Error::InvalidInput {
                    field: "signal",
                    message: "`signal` must be an AbortSignal".into(),
                })?,
        ),
    };
    let on_progress = match get(options, "onProgress") {
        None => None,
        Some(f) => Some(f.dyn_into::<Function>().map_err(|_| Error::InvalidInput {
            field: "onProgress",
            message: "`onProgress` must be a function".into(),
        })?),
    };
    Ok(CallOptions {
        signal,
        timeout_ms: count(options, "timeoutMs")?,
        on_progress,
    })
}
