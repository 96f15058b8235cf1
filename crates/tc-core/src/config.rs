//! Configuration: the base URL, credentials, default owner and user agent.

use std::fmt;
use std::rc::Rc;

use futures_util::future::LocalBoxFuture;

use crate::error::{Error, Result};

/// A secret string (secret key or token) whose `Debug` and `Display` print
/// `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Named loudly so that a leak is easy to find in review.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// Supplies a current API token, so that a caller can renew it.
///
/// The future is not `Send`: browser futures are not.
pub trait TokenProvider {
    /// The token to use for the next request.
    fn token(&self) -> LocalBoxFuture<'_, Result<Secret>>;
}

/// How requests are authenticated.
#[derive(Clone)]
#[non_exhaustive]
pub enum Auth {
    /// HMAC-SHA256 with an access id and a secret key.
    Hmac {
        /// The access id (for API users, a 20-digit number).
        access_id: String,
        /// The secret key, used as a literal UTF-8 string.
        secret_key: Secret,
    },
    /// A fixed `TC-Token`.
    Token(Secret),
    /// A `TC-Token` fetched from a provider before each request.
    TokenProvider(Rc<dyn TokenProvider>),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Hmac { access_id, .. } => f
                .debug_struct("Hmac")
                .field("access_id", access_id)
                .field("secret_key", &"[redacted]")
                .finish(),
            Auth::Token(_) => f.write_str("Token([redacted])"),
            Auth::TokenProvider(_) => f.write_str("TokenProvider(..)"),
        }
    }
}

/// The API's base URL: scheme, authority and an optional path prefix such as
/// `/api`. The prefix is part of every signed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    prefix: String,
}

impl BaseUrl {
    /// Parses a base URL such as `https://app.threatconnect.com/api`.
    ///
    /// Plain `http` is accepted only for loopback hosts unless
    /// `allow_insecure_http` is set: credentials and tokens must not cross a
    /// network in clear text.
    pub fn parse(input: &str, allow_insecure_http: bool) -> Result<Self> {
        let url = ::url::Url::parse(input.trim())
            .map_err(|e| Error::config(format!("base URL {input:?} is not a URL: {e}")))?;
        let host = url
            .host_str()
            .ok_or_else(|| Error::config("base URL has no host"))?;
        match url.scheme() {
            "https" => {}
            "http" if allow_insecure_http || is_loopback(host) => {}
            "http" => {
                return Err(Error::config(
                    "base URL uses plain http to a non-loopback host; use https \
                     (or allow insecure http explicitly)",
                ));
            }
            other => return Err(Error::config(format!("unsupported URL scheme {other:?}"))),
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::config("base URL must not have a query or fragment"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::config("base URL must not carry user info"));
        }
        let mut origin = format!("{}://{}", url.scheme(), host_for_origin(&url));
        if let Some(port) = url.port() {
            origin.push_str(&format!(":{port}"));
        }
        let prefix = url.path().trim_end_matches('/').to_string();
        Ok(BaseUrl { origin, prefix })
    }

    /// Scheme and authority, e.g. `https://app.threatconnect.com`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The path prefix without a trailing slash, e.g. `/api` (may be empty).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The web UI's base for links, e.g. `https://app.threatconnect.com`.
    pub fn ui_base(&self) -> &str {
        &self.origin
    }
}

fn host_for_origin(url: &::url::Url) -> String {
    match url.host() {
        Some(::url::Host::Ipv6(addr)) => format!("[{addr}]"),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return true;
    }
    bare.parse::<std::net::IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

/// Everything a request needs besides its own operation.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) base: BaseUrl,
    pub(crate) auth: Auth,
    pub(crate) default_owner: Option<String>,
    pub(crate) user_agent: String,
}

impl Config {
    /// Starts a configuration for the given base URL.
    pub fn builder(base_url: impl Into<String>) -> ConfigBuilder {
        ConfigBuilder {
            base_url: base_url.into(),
            auth: None,
            default_owner: None,
            user_agent: None,
            allow_insecure_http: false,
        }
    }

    /// The parsed base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// The credentials.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The owner sent with calls that take one, when the call names none.
    pub fn default_owner(&self) -> Option<&str> {
        self.default_owner.as_deref()
    }

    /// The `User-Agent` sent by transports that may set it.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}

/// Builds a [`Config`]; see [`Config::builder`].
#[derive(Debug)]
pub struct ConfigBuilder {
    base_url: String,
    auth: Option<Auth>,
    default_owner: Option<String>,
    user_agent: Option<String>,
    allow_insecure_http: bool,
}

impl ConfigBuilder {
    /// Authenticates with HMAC: access id and secret key.
    pub fn hmac(mut self, access_id: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        self.auth = Some(Auth::Hmac {
            access_id: access_id.into(),
            secret_key: secret_key.into(),
        });
        self
    }

    /// Authenticates with a fixed API token.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.auth = Some(Auth::Token(token.into()));
        self
    }

    /// Authenticates with tokens from a provider (for renewal).
    pub fn token_provider(mut self, provider: Rc<dyn TokenProvider>) -> Self {
        self.auth = Some(Auth::TokenProvider(provider));
        self
    }

    /// Sets the owner used when a call names none.
    pub fn default_owner(mut self, owner: impl Into<String>) -> Self {
        self.default_owner = Some(owner.into());
        self
    }

    /// Sets the user agent.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Allows plain `http` to non-loopback hosts (not recommended).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Checks the settings and builds the configuration.
    pub fn build(self) -> Result<Config> {
        let base = BaseUrl::parse(&self.base_url, self.allow_insecure_http)?;
        let auth = self
            .auth
            .ok_or_else(|| Error::config("no credentials: set hmac(..) or token(..)"))?;
        match &auth {
            Auth::Hmac {
                access_id,
                secret_key,
            } => {
                if access_id.is_empty() || access_id.contains([':', ' ', '\r', '\n']) {
                    return Err(Error::config(
                        "access id must be non-empty, without spaces, colons or line breaks",
                    ));
                }
                if secret_key.expose_secret().is_empty() {
                    return Err(Error::config("secret key is empty"));
                }
            }
            Auth::Token(token) => check_token(token)?,
            Auth::TokenProvider(_) => {}
        }
        if let Some(owner) = &self.default_owner
            && owner.trim().is_empty()
        {
            return Err(Error::config("default owner is blank"));
        }
        Ok(Config {
            base,
            auth,
            default_owner: self.default_owner,
            user_agent: self
                .user_agent
                .unwrap_or_else(|| format!("tc-core/{}", env!("CARGO_PKG_VERSION"))),
        })
    }
}

pub(crate) fn check_token(token: &Secret) -> Result<()> {
    let t = token.expose_secret();
    if t.is_empty() || t.contains(['\r', '\n']) {
        return Err(Error::config("token must be non-empty and on one line"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_print_redacted() {
        let config = Config::builder("https://tc.example.org/api")
            .hmac("123", "super-secret-value")
            .build()
            .unwrap();
        let text = format!("{config:?}");
        assert!(!text.contains("super-secret-value"), "{text}");
        assert!(text.contains("[redacted]"));
        assert_eq!(format!("{}", Secret::new("x")), "[redacted]");
    }

    #[test]
    fn base_url_prefixes() {
        let b = BaseUrl::parse("https://app.threatconnect.com/api/", false).unwrap();
        assert_eq!(b.origin(), "https://app.threatconnect.com");
        assert_eq!(b.prefix(), "/api");
        let b = BaseUrl::parse("https://api.threatconnect.com", false).unwrap();
        assert_eq!(b.prefix(), "");
        let b = BaseUrl::parse("http://127.0.0.1:8080/api", false).unwrap();
        assert_eq!(b.origin(), "http://127.0.0.1:8080");
        let b = BaseUrl::parse("http://[::1]:9/x", false).unwrap();
        assert_eq!(b.origin(), "http://[::1]:9");
        assert!(BaseUrl::parse("http://tc.example.org/api", false).is_err());
        assert!(BaseUrl::parse("http://tc.example.org/api", true).is_ok());
        assert!(BaseUrl::parse("ftp://x/", false).is_err());
        assert!(BaseUrl::parse("https://x/api?owner=a", false).is_err());
        assert!(BaseUrl::parse("not a url", false).is_err());
    }

    #[test]
    fn builder_refuses_bad_credentials() {
        let no_auth = Config::builder("https://x/api").build();
        assert_eq!(no_auth.unwrap_err().code(), "config");
        let colon = Config::builder("https://x/api").hmac("a:b", "k").build();
        assert!(colon.is_err());
        let empty = Config::builder("https://x/api").token("").build();
        assert!(empty.is_err());
    }
}
