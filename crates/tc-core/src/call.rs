//! An API operation as a value: what to send and how to read the answer.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

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
    pub(crate) spec: Spec,
    pub(crate) decode: Decoder<T>,
}

/// Everything of a call but how its answer is read: what the client's
/// send loop works with, so that loop is compiled once, not once per
/// answer type.
#[derive(Clone)]
pub(crate) struct Spec {
    pub(crate) method: Method,
    pub(crate) path: ApiPath,
    pub(crate) params: Params,
    pub(crate) owner_scoped: bool,
    pub(crate) body: Option<Body>,
    pub(crate) body_error: Option<Error>,
    pub(crate) expect: Expect,
    pub(crate) idempotent: Option<bool>,
}

impl<T> Clone for Call<T> {
    fn clone(&self) -> Self {
        Call {
            spec: self.spec.clone(),
            decode: self.decode,
        }
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.spec.method)
            .field("path", &self.spec.path.template())
            .field("params", &self.spec.params)
            .field("expect", &self.spec.expect)
            .field("body_len", &self.spec.body.as_ref().map(|b| b.bytes.len()))
            .finish()
    }
}

impl<T> Call<T> {
    fn new(method: Method, path: ApiPath, expect: Expect, decode: Decoder<T>) -> Self {
        Call {
            spec: Spec {
                method,
                path,
                params: Params::default(),
                owner_scoped: false,
                body: None,
                body_error: None,
                expect,
                idempotent: None,
            },
            decode,
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
        self.spec.method
    }

    /// The path (values not yet encoded).
    pub fn path(&self) -> &ApiPath {
        &self.spec.path
    }

    /// The parameters.
    pub fn params(&self) -> &Params {
        &self.spec.params
    }

    /// What the answer holds.
    pub fn expect(&self) -> &Expect {
        &self.spec.expect
    }

    /// Whether sending this call twice has the effect of sending it once:
    /// GET, PUT and DELETE, and the body-less POSTs that link, tag or label
    /// (linking twice leaves one link). Creates and counters are not.
    pub fn is_idempotent(&self) -> bool {
        self.spec.is_idempotent()
    }

    /// Marks a POST as idempotent (association, tag and label writes).
    pub(crate) fn idempotent(mut self) -> Self {
        self.spec.idempotent = Some(true);
        self
    }

    /// Marks the call as taking `owner=` (the default owner applies).
    pub(crate) fn owner_scoped(mut self) -> Self {
        self.spec.owner_scoped = true;
        self
    }

    /// Makes the call fail with `error` when its request is built (input
    /// checks that the builder API reports without a `Result`).
    pub(crate) fn fail(mut self, error: Error) -> Self {
        self.spec.body_error = Some(error);
        self
    }

    /// Sets a JSON body.
    pub(crate) fn json_body<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.spec.body = Some(Body {
                    content_type: "application/json",
                    bytes,
                })
            }
            Err(e) => {
                if self.spec.body_error.is_none() {
                    self.spec.body_error = Some(Error::invalid("body", e.to_string()));
                }
            }
        }
        self
    }

    /// Sets a raw body with its media type.
    pub(crate) fn raw_body(mut self, content_type: &'static str, bytes: Vec<u8>) -> Self {
        self.spec.body = Some(Body {
            content_type,
            bytes,
        });
        self
    }

    /// Names the owner (`owner=`), overriding the configured default.
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.spec.params.owner = Some(owner.into());
        self
    }

    /// Sets `resultStart`.
    pub fn result_start(mut self, start: u64) -> Self {
        self.spec.params.result_start = Some(start);
        self
    }

    /// Sets `resultLimit` (1..=10,000; checked when the request is built).
    pub fn result_limit(mut self, limit: u32) -> Self {
        self.spec.params.result_limit = Some(limit);
        self
    }

    /// Adds a filter clause.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.spec.params.filters.push(filter);
        self
    }

    /// ORs the filter clauses instead of ANDing them.
    pub fn or_params(mut self) -> Self {
        self.spec.params.or_params = true;
        self
    }

    /// Asks for the additional fields (`includeAdditional=true`).
    pub fn include_additional(mut self) -> Self {
        self.spec.params.include_additional = true;
        self
    }

    /// Embeds attributes (`includeAttributes=true`).
    pub fn include_attributes(mut self) -> Self {
        self.spec.params.include_attributes = true;
        self
    }

    /// Embeds tags (`includeTags=true`).
    pub fn include_tags(mut self) -> Self {
        self.spec.params.include_tags = true;
        self
    }

    /// Embeds security labels (`includes=labels`).
    pub fn include_labels(mut self) -> Self {
        self.spec.params.include_labels = true;
        self
    }

    /// Sets `createActivityLog`.
    pub fn create_activity_log(mut self, on: bool) -> Self {
        self.spec.params.create_activity_log = Some(on);
        self
    }

    /// Only items modified since this ISO-8601 date (`modifiedSince`).
    pub fn modified_since(mut self, since: impl Into<String>) -> Self {
        self.spec.params.modified_since = Some(since.into());
        self
    }

    /// Adds any other documented parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.spec.params.extra.push((key.into(), value.into()));
        self
    }

    /// Replaces all parameters.
    pub fn with_params(mut self, params: Params) -> Self {
        self.spec.params = params;
        self
    }

    /// The encoded request target (path and query) for this base prefix.
    pub fn target(&self, config: &Config) -> Result<String> {
        self.spec.target(config)
    }

    /// Builds the signed request for HMAC or a fixed token.
    ///
    /// `timestamp` is Unix seconds; nothing here reads a clock. A token
    /// provider needs [`Call::request_with_token`].
    pub fn request(&self, config: &Config, timestamp: u64) -> Result<HttpRequest> {
        self.spec.request(config, timestamp)
    }

    /// Builds the request with a `TC-Token` header.
    pub fn request_with_token(
        &self,
        config: &Config,
        token: &Secret,
        timestamp: u64,
    ) -> Result<HttpRequest> {
        self.spec.request_with_token(config, token, timestamp)
    }

    /// Reads the answer to this call.
    pub fn parse(&self, response: &HttpResponse) -> Result<T> {
        (self.decode)(&self.spec.expect, response)
    }

    /// Sends the call through a client and reads the answer.
    pub async fn send<Tr: Transport>(&self, client: &Client<Tr>) -> Result<T> {
        client.execute(self).await
    }
}

impl Spec {
    /// See [`Call::is_idempotent`].
    pub(crate) fn is_idempotent(&self) -> bool {
        self.idempotent
            .unwrap_or_else(|| self.method.is_idempotent())
    }

    /// The encoded request target (path and query) for this base prefix.
    pub(crate) fn target(&self, config: &Config) -> Result<String> {
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
    /// provider needs [`Spec::request_with_token`].
    pub(crate) fn request(&self, config: &Config, timestamp: u64) -> Result<HttpRequest> {
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
    pub(crate) fn request_with_token(
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
    let data = response::raw_data_of(response)?;
    let Some((found, raw)) = response::take_raw_entity(&data, key) else {
        return Err(Error::Parse {
            path: format!("data.{key}"),
            message: "the field is missing".into(),
            excerpt: response::body_excerpt(&response.body),
        });
    };
    let path = format!("data.{found}");
    let text = raw.get();
    if text.starts_with('[') {
        // A single-element list where one object was expected.
        if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(text)
            && let [only] = items.as_slice()
        {
            return response::from_text(only.get(), &format!("{path}[0]"), &response.body);
        }
    }
    response::from_text(text, &path, &response.body)
}

/// Reads a list under `data.<key>` (an array, one object, or `null`) in
/// one pass over the body, with the JSON path of any failure.
fn decode_list<M: DeserializeOwned>(expect: &Expect, response: &HttpResponse) -> Result<Page<M>> {
    let key = key_of(expect);
    let data = response::raw_data_of(response)?;
    let result_count = match data.get("resultCount").map(|raw| raw.get()) {
        None | Some("null") => None,
        Some(text) => Some(
            serde_json::from_str::<Value>(text)
                .ok()
                .and_then(|v| crate::de::opt_id::deserialize(v).ok().flatten())
                .ok_or_else(|| Error::Parse {
                    path: "data.resultCount".into(),
                    message: "expected a non-negative integer".into(),
                    excerpt: response::body_excerpt(&response.body),
                })?,
        ),
    };
    let items = match response::take_raw_entity(&data, key) {
        None => Vec::new(),
        Some((_, raw)) if raw.get() == "null" => Vec::new(),
        Some((found, raw)) if raw.get().starts_with('[') => {
            response::from_text(raw.get(), &format!("data.{found}"), &response.body)?
        }
        Some((found, raw)) => {
            vec![response::from_text(
                raw.get(),
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
