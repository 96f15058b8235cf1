//! Scanners for the "textual" indicators: URLs, email addresses and hosts.

use std::net::Ipv6Addr;

use super::IocKind;
use super::chars::{
    ascii_alnum_before, byte_at, char_at, char_before, ends_url, host_run, is_wide, label_class,
};
use super::normalize::{self, HostContext};
use super::scan::Cand;

/// Free-standing host names.
pub(crate) fn scan_hosts(t: &str, out: &mut Vec<Cand>) {
    let mut i = 0;
    while let Some(c) = char_at(t, i) {
        if label_class(c).is_none() {
            i += c.len_utf8();
            continue;
        }
        let e = host_run(t, i).max(i + c.len_utf8());
        if let Some(cand) = bare_host(t, i, e) {
            out.push(cand);
        }
        i = e;
    }
}

fn bare_host(t: &str, mut s: usize, mut e: usize) -> Option<Cand> {
    while s < e && byte_at(t, s) == Some(b'-') {
        s += 1;
    }
    while e > s && byte_at(t, e - 1) == Some(b'-') {
        e -= 1;
    }
    let raw = t.get(s..e)?;
    if !raw.contains('.') {
        return None;
    }
    let ctx = HostContext::Bare {
        before: char_before(t, s),
    };
    let value = normalize::host(raw, ctx)?;
    Some(Cand::new(IocKind::Host, s, e, value))
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '_' | '%' | '+' | '-')
        || (!c.is_ascii() && !is_wide(c) && c.is_alphanumeric())
}

/// Email addresses: a local part of at most 64 characters from
/// `[A-Za-z0-9._%+-]` (plus non-wide Unicode letters), `@`, and a domain that
/// passes the host check (TLD required, no filename heuristics).
pub(crate) fn scan_emails(t: &str, out: &mut Vec<Cand>) {
    for (p, _) in t.match_indices('@') {
        if let Some(c) = email_at(t, p) {
            out.push(c);
        }
    }
}

fn email_at(t: &str, p: usize) -> Option<Cand> {
    let mut ls = p;
    let mut n = 0;
    while let Some(c) = char_before(t, ls) {
        if !is_local_char(c) {
            break;
        }
        n += 1;
        if n > 64 {
            return None;
        }
        ls -= c.len_utf8();
    }
    let mut local = t.get(ls..p)?;
    if let Some(k) = local.rfind("..") {
        ls += k + 2;
        local = t.get(ls..p)?;
    }
    while let Some(rest) = local.strip_prefix('.') {
        ls += 1;
        local = rest;
    }
    if local.is_empty() || local.ends_with('.') {
        return None;
    }
    let ds = p + 1;
    char_at(t, ds).and_then(label_class)?;
    let de = host_run(t, ds);
    let domain = normalize::host(t.get(ds..de)?, HostContext::Embedded)?;
    Some(Cand::new(
        IocKind::EmailAddress,
        ls,
        de,
        format!("{local}@{domain}"),
    ))
}

const SCHEMES: &[&str] = &["https://", "http://", "ftps://", "ftp://", "sftp://"];

/// URLs with an `http`, `https`, `ftp`, `ftps` or `sftp` scheme whose host
/// is an IP literal or passes the host check.
pub(crate) fn scan_urls(t: &str, out: &mut Vec<Cand>) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let first = byte_at(t, i).map_or(0, |c| c.to_ascii_lowercase());
        if !matches!(first, b'h' | b'f' | b's') || ascii_alnum_before(t, i) {
            i += 1;
            continue;
        }
        let scheme = SCHEMES.iter().find(|s| {
            b.get(i..i + s.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(s.as_bytes()))
        });
        let Some(scheme) = scheme else {
            i += 1;
            continue;
        };
        let a0 = i + scheme.len();
        match url_at(t, i, a0) {
            Some(c) => {
                i = c.end.max(a0);
                out.push(c);
            }
            None => i = a0,
        }
    }
}

fn is_authority_char(c: char) -> bool {
    label_class(c) == Some(false)
        || matches!(
            c,
            '.' | '_' | ':' | '@' | '[' | ']' | '%' | '~' | '+' | '!' | '$' | '&' | '=' | ',' | ';'
        )
}

/// Longest authority we look at (userinfo, a 253-byte host, a port).
const MAX_AUTHORITY: usize = 512;

fn url_at(t: &str, start: usize, a0: usize) -> Option<Cand> {
    // The authority is bounded and validated before the (unbounded) path is
    // scanned, so a rejected candidate costs O(MAX_AUTHORITY): that keeps
    // `http://http://http://...` linear.
    let mut a1 = a0;
    while let Some(c) = char_at(t, a1) {
        if !is_authority_char(c) {
            break;
        }
        a1 += c.len_utf8();
        if a1 - a0 > MAX_AUTHORITY {
            return None;
        }
    }
    if !matches!(byte_at(t, a1), Some(b'/' | b'?' | b'#')) {
        let end = trim_authority(t, a0, a1);
        let authority = parse_authority(t, a0, end)?;
        return url_cand(t, start, a0, authority, end, end);
    }
    let authority = parse_authority(t, a0, a1)?;
    let mut end = a1;
    while let Some(c) = char_at(t, end) {
        if ends_url(c) || (c == '&' && quote_entity_at(t, end)) {
            break;
        }
        end += c.len_utf8();
    }
    end = trim_path(t, start, a1, end);
    if end > a1 {
        return url_cand(t, start, a0, authority, a1, end);
    }
    // The whole "path" was punctuation (`http://evil.com.?`).
    let end = trim_authority(t, a0, a1);
    let authority = parse_authority(t, a0, end)?;
    url_cand(t, start, a0, authority, end, end)
}

fn url_cand(
    t: &str,
    start: usize,
    a0: usize,
    authority: String,
    auth_end: usize,
    end: usize,
) -> Option<Cand> {
    let scheme = t.get(start..a0)?.to_ascii_lowercase();
    let rest = t.get(auth_end..end)?;
    let value = format!("{scheme}{authority}{rest}");
    Some(Cand::new(IocKind::Url, start, end, value))
}

/// Validate `userinfo@host:port` in `t[a0..end]` and normalise the host.
fn parse_authority(t: &str, a0: usize, end: usize) -> Option<String> {
    let auth = t.get(a0..end)?;
    let (userinfo, hostport) = match auth.rfind('@') {
        Some(k) => (auth.get(..=k)?, auth.get(k + 1..)?),
        None => ("", auth),
    };
    let (host_raw, port) = if hostport.starts_with('[') {
        let close = hostport.find(']')?;
        (hostport.get(..=close)?, hostport.get(close + 1..)?)
    } else {
        let k = hostport.find(':').unwrap_or(hostport.len());
        (hostport.get(..k)?, hostport.get(k..)?)
    };
    if !valid_port(port) {
        return None;
    }
    let host = url_host(host_raw)?;
    Some(format!("{userinfo}{host}{port}"))
}

fn valid_port(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(d) => {
            !d.is_empty()
                && d.len() <= 5
                && d.bytes().all(|c| c.is_ascii_digit())
                && d.parse::<u32>().is_ok_and(|p| p <= 65535)
        }
    }
}

fn url_host(raw: &str) -> Option<String> {
    if let Some(inner) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let addr: Ipv6Addr = inner.parse().ok()?;
        return Some(format!("[{addr}]"));
    }
    if !raw.is_empty() && raw.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        return normalize::ipv4(raw).map(str::to_owned);
    }
    normalize::host(raw, HostContext::Embedded)
}

/// Strip trailing `.,;:!?*`, closing brackets without a matching opener in
/// the path, and a closing quote that matches one before the URL, from the
/// path `[a1, end)`.
fn trim_path(t: &str, start: usize, a1: usize, mut end: usize) -> usize {
    let path = t.as_bytes().get(a1..end).unwrap_or_default();
    let count = |c: u8| path.iter().filter(|&&x| x == c).count();
    let (mut open_p, mut close_p) = (count(b'('), count(b')'));
    let (mut open_b, mut close_b) = (count(b'['), count(b']'));
    let mut quotes = count(b'\'');
    let quoted = char_before(t, start) == Some('\'');
    while end > a1 {
        match byte_at(t, end - 1) {
            Some(b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*') => {}
            Some(b')') if close_p > open_p => close_p -= 1,
            Some(b']') if close_b > open_b => close_b -= 1,
            Some(b'\'') if quoted || quotes % 2 == 1 => quotes -= 1,
            Some(b'(') => open_p = open_p.saturating_sub(1),
            Some(b'[') => open_b = open_b.saturating_sub(1),
            _ => break,
        }
        end -= 1;
    }
    end
}

/// Is there an HTML entity for a quote, an angle bracket or a space at `i`?
/// Those end a URL pasted from HTML source: `href=&quot;http://x/a&quot;&gt;`.
fn quote_entity_at(t: &str, i: usize) -> bool {
    const ENTITIES: &[&[u8]] = &[
        b"&quot;", b"&apos;", b"&#39;", b"&#34;", b"&gt;", b"&lt;", b"&nbsp;",
    ];
    let b = t.as_bytes();
    ENTITIES.iter().any(|e| {
        b.get(i..i + e.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(e))
    })
}

/// Strip trailing sentence punctuation (and a `]` with no `[`) from a URL
/// that has no path.
fn trim_authority(t: &str, a0: usize, mut end: usize) -> usize {
    let has_open = t.get(a0..end).is_some_and(|a| a.contains('['));
    while end > a0 {
        match byte_at(t, end - 1) {
            Some(b'.' | b',' | b';' | b':' | b'!' | b'?') => end -= 1,
            Some(b']') if !has_open => end -= 1,
            _ => break,
        }
    }
    end
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn vals(f: impl Fn(&str, &mut Vec<Cand>), t: &str) -> Vec<String> {
        let mut v = Vec::new();
        f(t, &mut v);
        v.into_iter().map(|c| c.value).collect()
    }

    #[test]
    fn urls() {
        let t = "(http://Evil.COM/a_(b)) <https://x.example/p?q=1>, 'ftp://bücher.example/d'. \
                 [http://1.2.3.4]: HTTP://[2001:DB8::1]:8080/x.";
        assert_eq!(
            vals(scan_urls, t),
            [
                "http://evil.com/a_(b)",
                "https://x.example/p?q=1",
                "ftp://xn--bcher-kva.example/d",
                "http://1.2.3.4",
                "http://[2001:db8::1]:8080/x",
            ]
        );
        assert!(
            vals(
                scan_urls,
                "http:// http://x http://999.1.1.1/ xhttp://a.com"
            )
            .is_empty()
        );
        assert_eq!(vals(scan_urls, "http://http://a.com/"), ["http://a.com/"]);
    }

    #[test]
    fn emails_and_hosts() {
        let t = "mailto:Bob.Smith+x@Mail.Example.COM, <a..b@x.de> jo@bücher.example";
        assert_eq!(
            vals(scan_emails, t),
            [
                "Bob.Smith+x@mail.example.com",
                "b@x.de",
                "jo@xn--bcher-kva.example"
            ]
        );
        assert!(vals(scan_emails, "@types/node x@y pkg@1.2.3 .@a.com a.@b.com").is_empty());
        let t = "see www.Evil.com, 访问evil.cn的 file.txt -bad-.com --ok.de-";
        assert_eq!(vals(scan_hosts, t), ["www.evil.com", "evil.cn", "ok.de"]);
    }
}
