//! An API operation as a value: what to send and how to read the answer.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Client;
use crate::config::{Auth, Config, Secret, check_token};
use crate::error::{Error, Result};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::paging::{Cursor, Page};
use crate::params::{Filter, Params};
use crate::response;
use crate::transport::Transport;
use crate::url::{ApiPath, Query, target};

/// What a successful response of a call holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expect {
    /// One object under `data.<key>`.
    Entity(Cow<'static, str>),
    /// A list under `data.<key>` (an array, or one object), with an optional
    /// `resultCount`.
    List(Cow<'static, str>),
    /// Only `{"status":"Success"}` (or an empty 2xx body).
    Success,
    /// Raw bytes (document downloads, bulk CSV).
    Bytes,
    /// Text (signature downloads).
    Text,
    /// A body read by an endpoint-specific decoder (bulk, batch).
    Custom(&'static str),
}

type Decoder<T> = fn(&Expect, &HttpResponse) -> Result<T>;

/// A request body and its media type.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Body {
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// One API operation: method, path, parameters, body and how to read the
/// answer. Build it with the path tree in [`crate::api`], turn it into a
/// request with [`Call::request`] and read the answer with [`Call::parse`],
/// or do both with [`Call::send`].
pub struct Call<T> {
    pub(crate) method: Method,
    pub(crate) path: ApiPath,
    pub(crate) params: Params,
    pub(crate) owner_scoped: bool,
    pub(crate) body: Option<Body>,
    pub(crate) body_error: Option<Error>,
    pub(crate) expect: Expect,
    pub(crate) decode: Decoder<T>,
    pub(crate) idempotent: Option<bool>,
}

impl<T> Clone for Call<T> {
    fn clone(&self) -> Self {
        Call {
            method: self.method,
            path: self.path.clone(),
            params: self.params.clone(),
            owner_scoped: self.owner_scoped,
            body: self.body.clone(),
            body_error: self.body_error.clone(),
            expect: self.expect.clone(),
            decode: self.decode,
            idempotent: self.idempotent,
        }
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path.template())
            .field("params", &self.params)
            .field("expect", &self.expect)
            .field("body_len", &self.body.as_ref().map(|b| b.bytes.len()))
            .finish()
    }
}

impl<T> Call<T> {
    fn new(method: Method, path: ApiPath, expect: Expect, decode: Decoder<T>) -> Self {
        Call {
            method,
            path,
            params: Params::default(),
            owner_scoped: false,
            body: None,
            body_error: None,
            expect,
            decode,
            idempotent: None,
        }
    }

    /// A call with a hand-written decoder (bulk, batch and other odd bodies).
    pub(crate) fn custom(
        method: Method,
        path: ApiPath,
        name: &'static str,
        decode: Decoder<T>,
    ) -> Self {
        Call::new(method, path, Expect::Custom(name), decode)
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path (values not yet encoded).
    pub fn path(&self) -> &ApiPath {
        &self.path
    }

    /// The parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// What the answer holds.
    pub fn expect(&self) -> &Expect {
        &self.expect
    }

    /// Whether sending this call twice has the effect of sending it once:
    /// GET, PUT and DELETE, and the body-less POSTs that link, tag or label
    /// (linking twice leaves one link). Creates and counters are not.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
            .unwrap_or_else(|| self.method.is_idempotent())
    }

    /// Marks a POST as idempotent (association, tag and label writes).
    pub(crate) fn idempotent(mut self) -> Self {
        self.idempotent = Some(true);
        self
    }

    /// Marks the call as taking `owner=` (the default owner applies).
    pub(crate) fn owner_scoped(mut self) -> Self {
        self.owner_scoped = true;
        self
    }

    /// Makes the call fail with `error` when its request is built (input
    /// checks that the builder API reports without a `Result`).
    pub(crate) fn fail(mut self, error: Error) -> Self {
        self.body_error = Some(error);
        self
    }

    /// Sets a JSON body.
    pub(crate) fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Some(Body {
                    content_type: "application/json",
                    bytes,
                })
            }
            Err(e) => {
                if self.body_error.is_none() {
                    self.body_error = Some(Error::invalid("body", e.to_string()));
                }
            }
        }
        self
    }

    /// Sets a raw body with its media type.
    pub(crate) fn raw_body(mut self, content_type: &'static str, bytes: Vec<u8>) -> Self {
        self.body = Some(Body {
            content_type,
            bytes,
        });
        self
    }

    /// Names the owner (`owner=`), overriding the configured default.
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.params.owner = Some(owner.into());
        self
    }

    /// Sets `resultStart`.
    pub fn result_start(mut self, start: u64) -> Self {
        self.params.result_start = Some(start);
        self
    }

    /// Sets `resultLimit` (1..=10,000; checked when the request is built).
    pub fn result_limit(mut self, limit: u32) -> Self {
        self.params.result_limit = Some(limit);
        self
    }

    /// Adds a filter clause.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.params.filters.push(filter);
        self
    }

    /// ORs the filter clauses instead of ANDing them.
    pub fn or_params(mut self) -> Self {
        self.params.or_params = true;
        self
    }

    /// Asks for the additional fields (`includeAdditional=true`).
    pub fn include_additional(mut self) -> Self {
        self.params.include_additional = true;
        self
    }

    /// Embeds attributes (`includeAttributes=true`).
    pub fn include_attributes(mut self) -> Self {
        self.params.include_attributes = true;
        self
    }

    /// Embeds tags (`includeTags=true`).
    pub fn include_tags(mut self) -> Self {
        self.params.include_tags = true;
        self
    }

    /// Embeds security labels (`includes=labels`).
    pub fn include_labels(mut self) -> Self {
        self.params.include_labels = true;
        self
    }

    /// Sets `createActivityLog`.
    pub fn create_activity_log(mut self, on: bool) -> Self {
        self.params.create_activity_log = Some(on);
        self
    }

    /// Only items modified since this ISO-8601 date (`modifiedSince`).
    pub fn modified_since(mut self, since: impl Into<String>) -> Self {
        self.params.modified_since = Some(since.into());
        self
    }

    /// Adds any other documented parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.extra.push((key.into(), value.into()));
        self
    }

    /// Replaces all parameters.
    pub fn with_params(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    /// The encoded request target (path and query) for this base prefix.
    pub fn target(&self, config: &Config) -> Result<String> {
        let path = self.path.render(config.base.prefix());
        let mut query = Query::new();
        let default_owner = if self.owner_scoped {
            config.default_owner()
        } else {
            None
        };
        self.params.apply(&mut query, default_owner)?;
        Ok(target(&path, &query))
    }

    /// Builds the signed request for HMAC or a fixed token.
    ///
    /// `timestamp` is Unix seconds; nothing here reads a clock. A token
    /// provider needs [`Call::request_with_token`].
    pub fn request(&self, config: &Config, timestamp: u64) -> Result<HttpRequest> {
        match &config.auth {
            Auth::Hmac {
                access_id,
                secret_key,
            } => {
                let mut req = self.unsigned(config)?;
                let message = crate::auth::signing_string(&req.target, self.method, timestamp);
                let signature = crate::auth::sign(secret_key, &message);
                req.headers
                    .push(("Timestamp".into(), timestamp.to_string()));
                req.headers.push((
                    "Authorization".into(),
                    format!("TC {access_id}:{signature}"),
                ));
                Ok(req)
            }
            Auth::Token(token) => self.request_with_token(config, token, timestamp),
            Auth::TokenProvider(_) => Err(Error::config(
                "this configuration uses a token provider: fetch a token and call request_with_token",
            )),
        }
    }

    /// Builds the request with a `TC-Token` header.
    pub fn request_with_token(
        &self,
        config: &Config,
        token: &Secret,
        _timestamp: u64,
    ) -> Result<HttpRequest> {
        check_token(token)?;
        let mut req = self.unsigned(config)?;
        req.headers.push((
            "Authorization".into(),
            format!("TC-Token {}", token.expose_secret()),
        ));
        Ok(req)
    }

    fn unsigned(&self, config: &Config) -> Result<HttpRequest> {
        if let Some(e) = &self.body_error {
            return Err(e.clone());
        }
        let target = self.target(config)?;
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        let body = match &self.body {
            Some(b) => {
                headers.push(("Content-Type".into(), b.content_type.into()));
                b.bytes.clone()
            }
            None => Vec::new(),
        };
        headers.push(("User-Agent".into(), config.user_agent.clone()));
        Ok(HttpRequest {
            method: self.method,
            origin: config.base.origin().to_string(),
            target,
            headers,
            body,
        })
    }

    /// Reads the answer to this call.
    pub fn parse(&self, response: &HttpResponse) -> Result<T> {
        (self.decode)(&self.expect, response)
    }

    /// Sends the call through a client and reads the answer.
    pub async fn send<Tr: Transport>(&self, client: &Client<Tr>) -> Result<T> {
        client.execute(self).await
    }
}

impl<M: DeserializeOwned> Call<M> {
    /// A call whose answer is one object under `data.<key>`.
    pub(crate) fn entity(method: Method, path: ApiPath, key: impl Into<Cow<'static, str>>) -> Self {
        Call::new(method, path, Expect::Entity(key.into()), decode_entity::<M>)
    }
}

impl<M: DeserializeOwned> Call<Page<M>> {
    /// A call whose answer is a list under `data.<key>`.
    pub(crate) fn list(path: ApiPath, key: impl Into<Cow<'static, str>>) -> Self {
        Call::new(
            Method::Get,
            path,
            Expect::List(key.into()),
            decode_list::<M>,
        )
    }

    /// A resumable cursor over all pages of this list, `page_size` at a time.
    pub fn pages(self, page_size: u32) -> Cursor<M> {
        Cursor::new(self, page_size)
    }
}

impl Call<()> {
    /// A call whose answer is only `{"status":"Success"}`.
    pub(crate) fn success(method: Method, path: ApiPath) -> Self {
        Call::new(method, path, Expect::Success, decode_success)
    }
}

impl Call<Vec<u8>> {
    /// A call whose answer is raw bytes.
    pub(crate) fn bytes(path: ApiPath) -> Self {
        Call::new(Method::Get, path, Expect::Bytes, decode_bytes)
    }
}

impl Call<String> {
    /// A call whose answer is text.
    pub(crate) fn text(path: ApiPath) -> Self {
        Call::new(Method::Get, path, Expect::Text, decode_text)
    }
}

fn key_of(expect: &Expect) -> &str {
    match expect {
        Expect::Entity(k) | Expect::List(k) => k,
        _ => "",
    }
}

fn decode_entity<M: DeserializeOwned>(expect: &Expect, response: &HttpResponse) -> Result<M> {
    let key = key_of(expect);
    let mut data = response::data_of(response)?;
    let Some((found, value)) = response::take_entity(&mut data, key) else {
        return Err(Error::Parse {
            path: format!("data.{key}"),
            message: "the field is missing".into(),
            excerpt: response::body_excerpt(&response.body),
        });
    };
    let value = match value {
        // A single-element list where one object was expected.
        Value::Array(mut items) if items.len() == 1 => items.remove(0),
        other => other,
    };
    response::from_value(value, &format!("data.{found}"), &response.body)
}

/// The envelope with `data`'s members left as raw JSON, so a list is
/// deserialized straight from the body's bytes, in one pass.
#[derive(serde::Deserialize)]
struct RawEnvelope {
    status: Option<String>,
    data: Option<std::collections::BTreeMap<String, Box<serde_json::value::RawValue>>>,
}

/// The fast path of [`decode_list`]: a well-formed success envelope whose
/// `data` holds the expected key as an array, deserialized in one pass.
/// Anything else (or any failure) goes to the lenient path, which also
/// words the errors with their JSON path.
fn fast_list<M: DeserializeOwned>(key: &str, response: &HttpResponse) -> Option<Page<M>> {
    if !(200..300).contains(&response.status) {
        return None;
    }
    let envelope: RawEnvelope = serde_json::from_slice(&response.body).ok()?;
    if !envelope.status?.eq_ignore_ascii_case("success") {
        return None;
    }
    let data = envelope.data?;
    let raw = data.get(key)?.get();
    if !raw.trim_start().starts_with('[') {
        return None;
    }
    let result_count = match data.get("resultCount") {
        None => None,
        Some(v) => Some(v.get().trim().parse::<u64>().ok()?),
    };
    let items: Vec<M> = serde_json::from_str(raw).ok()?;
    Some(Page {
        items,
        result_count,
    })
}

fn decode_list<M: DeserializeOwned>(expect: &Expect, response: &HttpResponse) -> Result<Page<M>> {
    let key = key_of(expect);
    if let Some(page) = fast_list(key, response) {
        return Ok(page);
    }
    let mut data = response::data_of(response)?;
    let result_count = match data.get("resultCount") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            crate::de::opt_id::deserialize(v.clone())
                .ok()
                .flatten()
                .ok_or_else(|| Error::Parse {
                    path: "data.resultCount".into(),
                    message: "expected a non-negative integer".into(),
                    excerpt: response::body_excerpt(&response.body),
                })?,
        ),
    };
    let items = match response::take_entity(&mut data, key) {
        None => Vec::new(),
        Some((found, Value::Array(values))) => {
            let mut items = Vec::with_capacity(values.len());
            for (i, v) in values.into_iter().enumerate() {
                items.push(response::from_value(
                    v,
                    &format!("data.{found}[{i}]"),
                    &response.body,
                )?);
            }
            items
        }
        Some((_, Value::Null)) => Vec::new(),
        Some((found, single)) => {
            vec![response::from_value(
                single,
                &format!("data.{found}"),
                &response.body,
            )?]
        }
    };
    Ok(Page {
        items,
        result_count,
    })
}

fn decode_success(_: &Expect, response: &HttpResponse) -> Result<()> {
    if !(200..300).contains(&response.status) {
        return Err(Error::Api(response::classify_error(response)));
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let map = response::json_object(response)?;
    response::check_envelope(&map, response)
}

fn decode_bytes(_: &Expect, response: &HttpResponse) -> Result<Vec<u8>> {
    if !(200..300).contains(&response.status) {
        return Err(Error::Api(response::classify_error(response)));
    }
    // A JSON `Failure` envelope where content was expected is an error,
    // not the content.
    if response.media_type().as_deref() == Some("application/json")
        && let Ok(map) = response::json_object(response)
        && map
            .get("status")
            .is_some_and(|s| s.as_str() == Some("Failure"))
    {
        response::check_envelope(&map, response)?;
    }
    Ok(response.body.clone())
}

fn decode_text(_: &Expect, response: &HttpResponse) -> Result<String> {
    let bytes = decode_bytes(&Expect::Text, response)?;
    String::from_utf8(bytes).map_err(|_| Error::Parse {
        path: "$".into(),
        message: "the body is not UTF-8 text".into(),
        excerpt: response::body_excerpt(&response.body),
    })
}
