//! Refanging (undoing `hxxp://evil[.]com`-style obfuscation) with an offset
//! map back to the original text, and defanging for safe display.

use std::borrow::Cow;

use super::chars::{char_after, char_before};

/// One replacement made while refanging: `out[out_start..out_end]` came from
/// `src[src_start..src_end]`. Only replacements that change the length are
/// recorded; everything between two records maps one-to-one.
#[derive(Debug, Clone, Copy)]
struct Seg {
    out_start: usize,
    out_end: usize,
    src_start: usize,
    src_end: usize,
}

/// Refanged text plus the map back to the source byte offsets.
#[derive(Debug, Default)]
pub(crate) struct Refanged<'a> {
    /// The refanged text.
    pub(crate) text: Cow<'a, str>,
    segs: Vec<Seg>,
}

impl<'a> Refanged<'a> {
    /// Identity mapping (no refanging).
    pub(crate) fn identity(src: &'a str) -> Self {
        Self {
            text: Cow::Borrowed(src),
            segs: Vec::new(),
        }
    }

    /// Last recorded segment that starts at or before `p`.
    fn seg_at(&self, p: usize) -> Option<&Seg> {
        let idx = self.segs.partition_point(|s| s.out_start <= p);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    /// Map an output offset that starts a span to a source offset.
    pub(crate) fn map_start(&self, p: usize) -> usize {
        match self.seg_at(p) {
            None => p,
            Some(s) if p < s.out_end => s.src_start,
            Some(s) => s.src_end + (p - s.out_end),
        }
    }

    /// Map an exclusive output end offset to a source offset, so that the
    /// source span covers every source byte that produced the output span.
    pub(crate) fn map_end(&self, e: usize) -> usize {
        let Some(last) = e.checked_sub(1) else {
            return 0;
        };
        match self.seg_at(last) {
            None => e,
            Some(s) if last < s.out_end => s.src_end,
            Some(s) => s.src_end + (e - s.out_end),
        }
    }
}

/// Refang `src`, recording where each replacement came from. Linear time:
/// every position is tested against a fixed set of short patterns.
pub(crate) fn refang_with_map(src: &str) -> Refanged<'static> {
    let bytes = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut segs = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some((consumed, repl)) = match_at(src, i) else {
            i += 1;
            continue;
        };
        // `i` is at an ASCII byte, hence a char boundary.
        out.push_str(src.get(copied..i).unwrap_or_default());
        let out_start = out.len();
        out.push_str(repl);
        if consumed != repl.len() {
            segs.push(Seg {
                out_start,
                out_end: out.len(),
                src_start: i,
                src_end: i + consumed,
            });
        }
        i += consumed;
        copied = i;
    }
    out.push_str(src.get(copied..).unwrap_or_default());
    Refanged {
        text: Cow::Owned(out),
        segs,
    }
}

fn lower(b: Option<&u8>) -> u8 {
    b.map_or(0, u8::to_ascii_lowercase)
}

/// Does `bytes[at..]` start with `pat` (ASCII, compared case-insensitively)?
fn starts_with_ci(bytes: &[u8], at: usize, pat: &[u8]) -> bool {
    bytes
        .get(at..at + pat.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(pat))
}

/// Try every defang pattern at byte `i`; returns (source bytes consumed,
/// replacement).
fn match_at(src: &str, i: usize) -> Option<(usize, &'static str)> {
    let b = src.as_bytes();
    let first = *b.get(i)?;
    match first {
        b'[' | b'(' | b'{' => {
            let close = match first {
                b'[' => b']',
                b'(' => b')',
                _ => b'}',
            };
            let inner: &[(&[u8], &'static str)] = if first == b'[' {
                &[
                    (b".", "."),
                    (b"dot", "."),
                    (b"@", "@"),
                    (b"at", "@"),
                    (b":", ":"),
                    (b"/", "/"),
                    (b"://", "://"),
                ]
            } else {
                &[(b".", "."), (b"dot", "."), (b"@", "@"), (b"at", "@")]
            };
            inner.iter().find_map(|(pat, repl)| {
                let n = pat.len();
                (starts_with_ci(b, i + 1, pat) && b.get(i + 1 + n) == Some(&close))
                    .then_some((n + 2, *repl))
            })
        }
        b'\\' => (b.get(i + 1) == Some(&b'.')).then_some((2, ".")),
        b' ' => {
            let label_like = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            (b.get(i + 1) == Some(&b'.')
                && b.get(i + 2) == Some(&b' ')
                && label_like(char_before(src, i))
                && label_like(char_after(src, i + 3)))
            .then_some((3, "."))
        }
        b'h' | b'H' | b'm' | b'M' => {
            if char_before(src, i).is_some_and(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            let fanged = if lower(Some(&first)) == b'h' {
                let mid = (lower(b.get(i + 1)), lower(b.get(i + 2)));
                matches!(mid, (b'x', b'x') | (b'*', b'*')) && lower(b.get(i + 3)) == b'p'
            } else {
                starts_with_ci(b, i, b"meow")
            };
            if !fanged {
                return None;
            }
            let mut j = i + 4;
            if lower(b.get(j)) == b's' {
                j += 1;
            }
            // `hxxp:`, `hxxp[:]`, `hxxp[://]`, but not `hxxp[@]evil.com`.
            let colon_next = match b.get(j) {
                Some(b':') => true,
                Some(b'[') => b.get(j + 1) == Some(&b':'),
                _ => false,
            };
            if !colon_next {
                return None;
            }
            Some((
                4,
                if first.is_ascii_uppercase() {
                    "HTTP"
                } else {
                    "http"
                },
            ))
        }
        _ => None,
    }
}

/// Defang one indicator value for safe display or copying.
///
/// * URLs: `http` becomes `hxxp`, `://` becomes `[://]`, and in the authority
///   (`user@host:port`) every `.` becomes `[.]` and `@` becomes `[@]`; the
///   path, query and fragment are kept as they are.
/// * Email addresses: `@` becomes `[@]` and the dots of the domain `[.]`.
/// * Anything else (hosts, IPv4, CIDR): every `.` becomes `[.]`. IPv6, hashes
///   and ASNs contain nothing to defang and are returned unchanged.
///
/// [`refang`](super::refang) undoes this: `refang(&defang(v)) == v` for every
/// value that [`extract`](super::extract) produces (see the module docs for
/// the one caveat about URL paths).
///
/// ```
/// use tc_core::ioc::defang;
/// assert_eq!(defang("https://evil.example.com/a.php"), "hxxps[://]evil[.]example[.]com/a.php");
/// assert_eq!(defang("bob@evil.com"), "bob[@]evil[.]com");
/// assert_eq!(defang("198.51.100.7"), "198[.]51[.]100[.]7");
/// ```
pub fn defang(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    if let Some(sep) = value.find("://") {
        let scheme = value.get(..sep).unwrap_or_default();
        if !scheme.is_empty()
            && scheme
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'+')
        {
            let rest = value.get(sep + 3..).unwrap_or_default();
            match scheme.get(..4) {
                Some(h) if h.eq_ignore_ascii_case("http") => {
                    out.push_str(if scheme.starts_with('H') {
                        "HXXP"
                    } else {
                        "hxxp"
                    });
                    out.push_str(scheme.get(4..).unwrap_or_default());
                }
                _ => out.push_str(scheme),
            }
            out.push_str("[://]");
            let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            push_defanged(&mut out, rest.get(..auth_end).unwrap_or_default(), true);
            out.push_str(rest.get(auth_end..).unwrap_or_default());
            return out;
        }
    }
    if let Some(at) = value.rfind('@') {
        out.push_str(value.get(..at).unwrap_or_default());
        out.push_str("[@]");
        push_defanged(&mut out, value.get(at + 1..).unwrap_or_default(), false);
        return out;
    }
    push_defanged(&mut out, value, false);
    out
}

fn push_defanged(out: &mut String, s: &str, at_too: bool) {
    for c in s.chars() {
        match c {
            '.' => out.push_str("[.]"),
            '@' if at_too => out.push_str("[@]"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::string_slice)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        refang_with_map(s).text.into_owned()
    }

    #[test]
    fn patterns() {
        assert_eq!(r("hxxp://evil[.]com"), "http://evil.com");
        assert_eq!(r("HXXPS[://]evil(dot)com"), "HTTPS://evil.com");
        assert_eq!(r("h**ps[:]//a{.}b\\.c"), "https://a.b.c");
        assert_eq!(r("meow://a[DOT]b"), "http://a.b");
        assert_eq!(
            r("bob[at]x(.)com bob(AT)y.com bob[@]z.com"),
            "bob@x.com bob@y.com bob@z.com"
        );
        assert_eq!(r("evil . com and . then"), "evil.com and.then");
        assert_eq!(r("a [/] b"), "a / b");
        assert_eq!(r("hxxpx hxxp shxxp://"), "hxxpx hxxp shxxp://");
        assert_eq!(r("hxxp[@]a.b meow[at]c.d"), "hxxp@a.b meow@c.d");
        assert_eq!(r("[::1] ( . ) é . ü"), "[::1] ( . ) é.ü");
    }

    #[test]
    fn map_back() {
        let src = "x hxxp://a[.]b(dot)c/ é[@]d";
        let m = refang_with_map(src);
        assert_eq!(m.text, "x http://a.b.c/ é@d");
        let out = &m.text;
        let s = out.find("http").unwrap_or_default();
        let e = out.find(" é").unwrap_or_default();
        assert_eq!(&src[m.map_start(s)..m.map_end(e)], "hxxp://a[.]b(dot)c/");
        let s = out.find('é').unwrap_or_default();
        assert_eq!(&src[m.map_start(s)..m.map_end(out.len())], "é[@]d");
        // A span ending inside a replacement covers the whole replacement.
        let at = out.find('@').unwrap_or_default();
        assert_eq!(m.map_end(at + 1), src.len() - 1);
    }

    #[test]
    fn defang_round_trip() {
        for v in [
            "http://a.b/c",
            "HTTPS://A.B",
            "ftp://u:p@h.example:21/x",
            "a@b.c",
            "1.2.3.4",
            "::1",
            "10.0.0.0/8",
            "ASN1",
        ] {
            assert_eq!(r(&defang(v)), v, "{v}");
        }
    }
}
