//! The one error type of the core, with a stable machine code per variant.

use std::fmt;

/// A `Result` whose error is the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between building a request and reading its
/// response.
///
/// Each variant has a stable [`code`](Error::code) string that callers (and
/// the JavaScript bindings) can match on; messages are for people and may
/// change. No variant ever holds a secret.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration is unusable (bad base URL, missing credentials, no clock).
    #[error("configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
    /// A value given by the caller was refused before anything was sent.
    #[error("invalid {field}: {message}")]
    InvalidInput {
        /// The parameter or field at fault.
        field: &'static str,
        /// Why it was refused.
        message: String,
    },
    /// The request did not produce an HTTP response.
    #[error("transport: {0}")]
    Transport(TransportError),
    /// The service answered with an error status or a `Failure` body.
    #[error("{0}")]
    Api(ApiError),
    /// The service answered with a body the client could not read.
    #[error("could not parse the response at `{path}`: {message} (body starts: {excerpt:?})")]
    Parse {
        /// JSON path of the failing field (`data.host.rating`), or `$` for the whole body.
        path: String,
        /// What the parser expected.
        message: String,
        /// A short, lossy UTF-8 excerpt of the body.
        excerpt: String,
    },
}

impl Error {
    /// The stable machine code of this error, e.g. `not_found` or `parse`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Config { .. } => "config",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Transport(t) => t.kind.code(),
            Error::Api(api) => api.kind.code(),
            Error::Parse { .. } => "parse",
        }
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            _ => None,
        }
    }

    /// The service's own message, when it gave one.
    pub fn service_message(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.message.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            message: message.into(),
        }
    }
}

impl From<TransportError> for Error {
    fn from(value: TransportError) -> Self {
        Error::Transport(value)
    }
}

/// Why a request produced no HTTP response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made or was dropped.
    Network,
    /// The deadline passed before a response arrived.
    Timeout,
    /// The caller cancelled the request.
    Aborted,
    /// Anything else the transport reported.
    Other,
}

impl TransportErrorKind {
    /// The stable machine code of this kind.
    pub fn code(self) -> &'static str {
        match self {
            TransportErrorKind::Network => "network",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Aborted => "aborted",
            TransportErrorKind::Other => "transport",
        }
    }
}

/// A failure reported by a [`Transport`](crate::Transport).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// A human-readable description (never contains credentials).
    pub message: String,
}

impl TransportError {
    /// A new transport error.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.kind.code())
    }
}

impl std::error::Error for TransportError {}

/// How the client classifies an error answer of the service.
///
/// The classes follow the seed's HTTP table: 403 has two meanings (owner not
/// accessible, indicator on the exclusion list) plus the HMAC failures the
/// service also reports with 403; 503 means the API is not licensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400: the request was not properly formed; the message says why.
    BadRequest,
    /// 401, or 403 with a signature/access message: credentials refused.
    Unauthorized,
    /// 403 with "Timestamp out of acceptable time range" or "Invalid timestamp".
    ClockSkew,
    /// 403: the owner does not exist or is not accessible to this user.
    OwnerForbidden,
    /// 403: the indicator is on the system-wide exclusion list.
    ExclusionList,
    /// 404: the resource does not exist.
    NotFound,
    /// 429: too many requests.
    RateLimited,
    /// 503: the instance is not licensed for the API (or the batch API is off).
    NotLicensed,
    /// 500, 502, 504 and other 5xx answers.
    Server,
    /// A 2xx status whose body said `Failure`, or any other unexpected status.
    Unexpected,
}

impl ApiErrorKind {
    /// The stable machine code of this kind.
    pub fn code(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Unauthorized => "unauthorized",
            ApiErrorKind::ClockSkew => "clock_skew",
            ApiErrorKind::OwnerForbidden => "owner_forbidden",
            ApiErrorKind::ExclusionList => "exclusion_list",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::RateLimited => "rate_limited",
            ApiErrorKind::NotLicensed => "not_licensed",
            ApiErrorKind::Server => "server_error",
            ApiErrorKind::Unexpected => "unexpected_response",
        }
    }
}

/// An error answer of the service: status, class and its message.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The class the client put it in.
    pub kind: ApiErrorKind,
    /// The service's message (`message` of a `Failure` body, `description`
    /// of a batch `Invalid` body, or the text of a plain-text/HTML page).
    pub message: Option<String>,
    /// Seconds to wait, from a `Retry-After` header.
    pub retry_after: Option<u64>,
    /// The service's `Date` header, seconds since the epoch, when it sent one.
    pub server_time: Option<i64>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => write!(f, "{} ({}): {m}", self.kind.code(), self.status),
            None => write!(f, "{} ({})", self.kind.code(), self.status),
        }
    }
}
