//! A request as the sandbox sees it: the raw target, exactly as received.

use percent_encoding::percent_decode_str;

/// One HTTP request: method, raw target (path and query as received, not
/// decoded), headers and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Upper-case method name.
    pub method: String,
    /// Path and query exactly as received (signatures are checked on it).
    pub target: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// A request.
    pub fn new(
        method: impl Into<String>,
        target: impl Into<String>,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Self {
        Request {
            method: method.into(),
            target: target.into(),
            headers,
            body,
        }
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The raw path (before `?`).
    pub fn raw_path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The raw query (after `?`), if any.
    pub fn raw_query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// Query parameters, decoded (`+` and `%20` are both spaces).
    pub fn query(&self) -> Vec<(String, String)> {
        let Some(q) = self.raw_query() else {
            return Vec::new();
        };
        q.split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_query(k), decode_query(v))
            })
            .collect()
    }

    /// The first value of a query parameter; names are matched
    /// case-insensitively (the docs write both `owner` and `Owner`).
    pub fn param(&self, name: &str) -> Option<String> {
        self.query()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// Every value of a repeated query parameter.
    pub fn params(&self, name: &str) -> Vec<String> {
        self.query()
            .into_iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
            .collect()
    }
}

fn decode_query(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Decodes one raw path segment; `None` when it is not UTF-8.
pub(crate) fn decode_segment(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}
