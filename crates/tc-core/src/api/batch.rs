use std::io::Read as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_with::skip_serializing_none;

use crate::call::{Call, Expect};
use crate::error::{ApiError, ApiErrorKind, Error, Result};
use crate::http::{HttpResponse, Method};
use crate::models::{BatchStatus, Extra};
use crate::response;
use crate::url::ApiPath;

fn base() -> ApiPath {
    ApiPath::root().lit("batch")
}

/// The configuration of a batch job (`POST /v2/batch`).
#[skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BatchConfig {
    /// The owner the items are written to (required).
    pub owner: String,
    /// Stop at the first error.
    pub halt_on_error: bool,
    /// `Create` or `Delete`.
    pub action: String,
    /// `Append`, `Replace`, `Static` or `Singleton`.
    pub attribute_write_type: String,
    /// `V1` (indicators array) or `V2` (object with `indicator`/`group`).
    pub version: Option<String>,
    /// `Append` or `Replace` (V2).
    pub tag_write_type: Option<String>,
    /// `Append` or `Replace` (V2).
    pub security_label_write_type: Option<String>,
}

impl BatchConfig {
    /// A V1 create job for `owner` that appends attributes and does not halt.
    pub fn create(owner: impl Into<String>) -> Self {
        BatchConfig {
            owner: owner.into(),
            halt_on_error: false,
            action: "Create".into(),
            attribute_write_type: "Append".into(),
            version: Some("V1".into()),
            tag_write_type: None,
            security_label_write_type: None,
        }
    }

    /// Stops at the first error.
    pub fn halt_on_error(mut self, halt: bool) -> Self {
        self.halt_on_error = halt;
        self
    }

    /// Sets the action (`Create` or `Delete`).
    pub fn action(mut self, action: impl Into<String>) -> Self {
        self.action = action.into();
        self
    }

    /// Sets the attribute write type.
    pub fn attribute_write_type(mut self, kind: impl Into<String>) -> Self {
        self.attribute_write_type = kind.into();
        self
    }

    /// Sets the batch format version (`V1`, `V2`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }
}

/// One row of `GET /v2/batch/{id}/errors`.
#[skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct BatchItem {
    /// Why the item failed.
    pub error_reason: Option<String>,
    /// The item (a string or an object, depending on the server).
    pub error_source: Option<Value>,
    /// A newer detail message.
    pub error_message: Option<String>,
    /// Fields this model does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `/v2/batch`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Batch;

/// The batch API.
pub fn batch() -> Batch {
    Batch
}

impl Batch {
    /// `POST /v2/batch`: creates a job and answers its id.
    pub fn create(&self, config: &BatchConfig) -> Call<u64> {
        let call = Call::custom(Method::Post, base(), "batchId", decode_batch_id).json_body(config);
        if config.owner.trim().is_empty() {
            return call.fail(Error::invalid("owner", "a batch job needs an owner"));
        }
        call
    }
}

/// One batch job: `/v2/batch/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchJob {
    id: u64,
}

/// One batch job by id.
pub fn batch_job(id: u64) -> BatchJob {
    BatchJob { id }
}

impl BatchJob {
    fn path(&self) -> ApiPath {
        base().value(self.id.to_string())
    }

    /// `POST /v2/batch/{id}`: uploads the job's data (answers 202 Queued).
    pub fn upload(&self, data: Vec<u8>) -> Call<BatchStatus> {
        Call::custom(
            Method::Post,
            self.path(),
            "batchStatus",
            decode_batch_status,
        )
        .raw_body("application/octet-stream", data)
    }

    /// `GET /v2/batch/{id}`: the job's state.
    pub fn status(&self) -> Call<BatchStatus> {
        Call::custom(Method::Get, self.path(), "batchStatus", decode_batch_status)
    }

    /// `GET /v2/batch/{id}/results` (newer servers; not in the seed): one
    /// row per item with a code such as `0x1005`.
    pub fn results(&self) -> Call<Vec<BatchItem>> {
        Call::custom(
            Method::Get,
            self.path().lit("results"),
            "batchResults",
            decode_batch_errors,
        )
    }

    /// `GET /v2/batch/{id}/errors`: failed items; none is an empty list (the
    /// service answers 404 when there are none).
    pub fn errors(&self) -> Call<Vec<BatchItem>> {
        Call::custom(
            Method::Get,
            self.path().lit("errors"),
            "batchErrors",
            decode_batch_errors,
        )
    }
}

fn missing(path: &str, r: &HttpResponse) -> Error {
    Error::Parse {
        path: path.into(),
        message: "the field is missing".into(),
        excerpt: response::body_excerpt(&r.body),
    }
}

/// `{"status":"Success","data":{"batchId":N}}`, or the 2021 docs' bare
/// `{"batchId":"N"}`.
fn decode_batch_id(_: &Expect, r: &HttpResponse) -> Result<u64> {
    let mut map = response::json_object(r)?;
    let (path, value) = match map.remove("data") {
        Some(Value::Object(mut data)) => {
            response::check_envelope(&map, r)?;
            ("data.batchId", data.remove("batchId"))
        }
        _ => {
            if map.get("status").is_some_and(Value::is_string) {
                response::check_envelope(&map, r)?;
            }
            ("batchId", map.remove("batchId"))
        }
    };
    let value = value.ok_or_else(|| missing(path, r))?;
    crate::de::id(value).map_err(|e| Error::Parse {
        path: path.into(),
        message: e.to_string(),
        excerpt: response::body_excerpt(&r.body),
    })
}

/// The enveloped `data.batchStatus`, or the docs' bare forms
/// (`{"status":"Queued"}`, counts at the top level).
fn decode_batch_status(_: &Expect, r: &HttpResponse) -> Result<BatchStatus> {
    let mut map = response::json_object(r)?;
    if let Some(Value::Object(mut data)) = map.remove("data") {
        response::check_envelope(&map, r)?;
        let v = data
            .remove("batchStatus")
            .ok_or_else(|| missing("data.batchStatus", r))?;
        return response::from_value(v, "data.batchStatus", &r.body);
    }
    match map.get("status").and_then(Value::as_str) {
        Some(s) if s.eq_ignore_ascii_case("success") => Err(missing("data", r)),
        // The docs' bare form carries the job state itself as `status`.
        Some("Created" | "Queued" | "Running" | "Completed") => {
            response::from_value(Value::Object(map), "$", &r.body)
        }
        Some(_) => Err(Error::Api(ApiError {
            kind: ApiErrorKind::Unexpected,
            ..response::classify_error(r)
        })),
        None => Err(missing("status", r)),
    }
}

fn decode_batch_errors(_: &Expect, r: &HttpResponse) -> Result<Vec<BatchItem>> {
    if r.status == 404 {
        return Ok(Vec::new());
    }
    if !(200..300).contains(&r.status) {
        return Err(Error::Api(response::classify_error(r)));
    }
    let mut body = r.body.clone();
    // The service sends the array gzip-encoded; a transport that did not
    // undo `Content-Encoding` leaves the gzip stream here.
    if body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(body.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| Error::Parse {
                path: "$".into(),
                message: format!("the gzip body is corrupt: {e}"),
                excerpt: String::new(),
            })?;
        body = out;
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    // Read straight from the text (one pass); only a failure checks
    // whether the body is JSON at all, for the message.
    let not_json = |e: serde_json::Error| Error::Parse {
        path: "$".into(),
        message: format!("the errors body is not JSON: {e}"),
        excerpt: response::body_excerpt(&body),
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
                Err(e) => not_json(e),
                Ok(_) => Error::Parse {
                    path: "$".into(),
                    message: "the errors body is not UTF-8".into(),
                    excerpt: response::body_excerpt(&body),
                },
            },
        );
    };
    let read = match text.trim_start().as_bytes().first() {
        Some(b'[') => response::from_text(text, "$", &body),
        Some(b'{') => response::from_text(text, "$", &body).map(|one| vec![one]),
        _ => {
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(not_json)?;
            return Err(Error::Parse {
                path: "$".into(),
                message: "expected an array of errors".into(),
                excerpt: response::body_excerpt(&body),
            });
        }
    };
    read.map_err(
        |e| match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(syntax) => not_json(syntax),
            Ok(_) => e,
        },
    )
}
