//! The one URL builder: every path value is percent-encoded as exactly one
//! segment, every query key and value as one component, once.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is
/// encoded: `/ ? # % + space : @ ! ' ( ) *` and all non-ASCII bytes.
const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value as one path segment (upper-case hex).
///
/// ```
/// assert_eq!(tc_core::encode_segment("http://example.com/"), "http%3A%2F%2Fexample.com%2F");
/// assert_eq!(tc_core::encode_segment("Nation State"), "Nation%20State");
/// ```
pub fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, STRICT).to_string()
}

/// Percent-encodes a query key or value (same rules as a segment; a space
/// is `%20`, never `+`).
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, STRICT).to_string()
}

/// A path under `/v2`, as literal segments and caller values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiPath {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(Cow<'static, str>),
    Value(String),
}

impl ApiPath {
    /// The empty path (`/v2`).
    pub fn root() -> Self {
        ApiPath::default()
    }

    /// Appends a literal segment (a resource name such as `indicators`).
    pub fn lit(mut self, segment: &'static str) -> Self {
        self.segments.push(Segment::Literal(Cow::Borrowed(segment)));
        self
    }

    /// Appends a branch name known only at run time (a custom indicator
    /// type); it is a literal of the template, encoded like any segment.
    pub fn lit_owned(mut self, segment: &str) -> Self {
        self.segments
            .push(Segment::Literal(Cow::Owned(segment.to_string())));
        self
    }

    /// Appends a caller value (indicator, tag name, id, …) as one segment.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.segments.push(Segment::Value(value.into()));
        self
    }

    /// How many segments follow `/v2`.
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// Whether the path is `/v2` itself.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The segments as given (values not encoded).
    pub fn raw_segments(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().map(|s| match s {
            Segment::Literal(l) => l.as_ref(),
            Segment::Value(v) => v.as_str(),
        })
    }

    /// The template of this path, with `{}` for each caller value.
    pub fn template(&self) -> String {
        let mut out = String::from("/v2");
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Literal(l) => out.push_str(l),
                Segment::Value(_) => out.push_str("{}"),
            }
        }
        out
    }

    /// Renders the encoded path under `prefix` (e.g. `/api/v2/tags/Nation%20State`).
    pub fn render(&self, prefix: &str) -> String {
        let mut out = String::with_capacity(prefix.len() + 64);
        out.push_str(prefix);
        out.push_str("/v2");
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Literal(l) => out.push_str(&encode_segment(l)),
                Segment::Value(v) => out.push_str(&encode_segment(v)),
            }
        }
        out
    }
}

/// Query parameters in order, each key and value encoded exactly once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Query::default()
    }

    /// Appends `key=value`, encoding both.
    pub fn push(&mut self, key: &str, value: &str) {
        self.pairs
            .push((encode_component(key), encode_component(value)));
    }

    /// Appends a parameter whose value the caller has encoded already
    /// (used for `filters`, whose clause separators stay literal).
    pub(crate) fn push_encoded(&mut self, key: &str, encoded_value: String) {
        self.pairs.push((encode_component(key), encoded_value));
    }

    /// Replaces every occurrence of `key` with one `key=value`.
    pub fn set(&mut self, key: &str, value: &str) {
        let encoded_key = encode_component(key);
        self.pairs.retain(|(k, _)| *k != encoded_key);
        self.push(key, value);
    }

    /// Whether a parameter with this (unencoded) key is present.
    pub fn contains(&self, key: &str) -> bool {
        let encoded_key = encode_component(key);
        self.pairs.iter().any(|(k, _)| *k == encoded_key)
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The encoded query string without the leading `?`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            out.push_str(v);
        }
        out
    }
}

/// Joins a path and query into a request target.
pub(crate) fn target(path: &str, query: &Query) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded() {
        assert_eq!(
            encode_segment("a/b?c#d%e+f g:h@i"),
            "a%2Fb%3Fc%23d%25e%2Bf%20g%3Ah%40i"
        );
        assert_eq!(encode_segment("!'()*"), "%21%27%28%29%2A");
        assert_eq!(encode_segment("TLP:AMBER"), "TLP%3AAMBER");
        assert_eq!(encode_segment("192.168.0.0/24"), "192.168.0.0%2F24");
        assert_eq!(encode_segment("bücher"), "b%C3%BCcher");
        assert_eq!(encode_segment("A-Z_a.z~0"), "A-Z_a.z~0");
    }

    #[test]
    fn path_render_and_template() {
        let p = ApiPath::root()
            .lit("tags")
            .value("Nation State")
            .lit("groups");
        assert_eq!(p.render("/api"), "/api/v2/tags/Nation%20State/groups");
        assert_eq!(p.template(), "/v2/tags/{}/groups");
        assert_eq!(ApiPath::root().render(""), "/v2");
    }

    #[test]
    fn query_encoding() {
        let mut q = Query::new();
        q.push("owner", "Common Community");
        q.push("x", "a&b=c+d");
        assert_eq!(q.render(), "owner=Common%20Community&x=a%26b%3Dc%2Bd");
        q.set("owner", "Other");
        assert_eq!(q.render(), "x=a%26b%3Dc%2Bd&owner=Other");
    }
}
