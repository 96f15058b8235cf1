//! Validation and normalisation of single indicator values into the form
//! ThreatConnect expects.

use std::net::Ipv6Addr;

use super::tld;

/// Parse a dotted-quad IPv4 address strictly: exactly four decimal octets,
/// each `0..=255`, no leading zeros (`010.1.1.1` is rejected rather than
/// guessed as octal or decimal). Returns the canonical text, which is the
/// input itself.
pub(crate) fn ipv4(s: &str) -> Option<&str> {
    let mut parts = 0;
    for part in s.split('.') {
        parts += 1;
        if parts > 4 || !is_decimal_u8(part) {
            return None;
        }
    }
    (parts == 4).then_some(s)
}

fn is_decimal_u8(part: &str) -> bool {
    let b = part.as_bytes();
    if b.is_empty() || b.len() > 3 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if b.len() > 1 && b.first() == Some(&b'0') {
        return false;
    }
    part.parse::<u16>().is_ok_and(|v| v <= 255)
}

/// Parse a CIDR prefix length: decimal, no leading zeros, at most `max`.
pub(crate) fn prefix_len(s: &str, max: u8) -> Option<u8> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 3 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() > 1 && b.first() == Some(&b'0') {
        return None;
    }
    s.parse::<u8>().ok().filter(|v| *v <= max)
}

/// Parse IPv6 text and apply the heuristics that keep `std::io`-like or
/// `a::b` text out. Accepts the address when it starts with `::` (`::1`,
/// `::ffff:192.0.2.1`), has at least three groups, or a first group of at
/// least three hex digits (`fe80::1`).
pub(crate) fn ipv6(s: &str) -> Option<Ipv6Addr> {
    if s.len() > 45 {
        return None;
    }
    let addr: Ipv6Addr = s.parse().ok()?;
    let groups = s.split(':').filter(|g| !g.is_empty()).count();
    let first_len = s.split(':').next().map_or(0, str::len);
    (s.starts_with("::") || groups >= 3 || first_len >= 3).then_some(addr)
}

/// ThreatConnect's IPv6 CIDR form: all eight groups, lower-case hex, no
/// leading zeros, no `::` compression, e.g. `abc:def:10:0:0:0:0:0/48`.
pub(crate) fn ipv6_cidr(addr: Ipv6Addr, prefix: u8) -> String {
    let [a, b, c, d, e, f, g, h] = addr.segments();
    format!("{a:x}:{b:x}:{c:x}:{d:x}:{e:x}:{f:x}:{g:x}:{h:x}/{prefix}")
}

/// Hash kind of a whole hex token by its length.
pub(crate) fn hash_kind(token: &str) -> Option<super::IocKind> {
    use super::IocKind;
    let kind = match token.len() {
        32 => IocKind::Md5,
        40 => IocKind::Sha1,
        64 => IocKind::Sha256,
        _ => return None,
    };
    let b = token.as_bytes();
    (b.iter().all(u8::is_ascii_hexdigit) && !b.iter().all(u8::is_ascii_digit)).then_some(kind)
}

/// Where a host name was found; bare hosts get the filename / AV-name /
/// sentence heuristics, hosts inside URLs and email addresses do not.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HostContext {
    /// Free-standing in text; `before` is the character just before it.
    Bare { before: Option<char> },
    /// The host of a URL or the domain of an email address.
    Embedded,
}

/// Validate and normalise a host name: IDN labels to punycode (via `idna`),
/// lower case, one trailing dot removed, LDH labels of 1..=63 bytes, at most
/// 253 bytes, at least two labels and a known TLD.
pub(crate) fn host(raw: &str, ctx: HostContext) -> Option<String> {
    let raw = raw.strip_suffix('.').unwrap_or(raw);
    // Generous bound before any conversion: valid names are <= 253 ASCII
    // bytes, and a Unicode letter costs at most 4 bytes of input.
    if raw.len() > 1024 || !raw.contains('.') {
        return None;
    }
    let needs_idna = !raw.is_ascii()
        || raw
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"xn--"));
    let ascii = if needs_idna {
        // UTS #46 ToASCII, called exactly as `url` calls it so that the wasm
        // build shares one copy of the code.
        let bytes = std::borrow::Cow::Borrowed(raw.as_bytes());
        idna::domain_to_ascii_from_cow(bytes, idna::AsciiDenyList::URL)
            .ok()?
            .into_owned()
    } else {
        raw.to_ascii_lowercase()
    };
    let embedded = matches!(ctx, HostContext::Embedded);
    if ascii.is_empty() || ascii.len() > 253 {
        return None;
    }
    let mut labels = 0;
    for label in ascii.split('.') {
        labels += 1;
        let lb = label.as_bytes();
        let ok_chars = lb.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || (embedded && c == b'_')
        });
        if lb.is_empty()
            || lb.len() > 63
            || !ok_chars
            || lb.first() == Some(&b'-')
            || lb.last() == Some(&b'-')
        {
            return None;
        }
    }
    let tld = ascii.rsplit('.').next()?;
    if labels < 2 || !tld::is_tld(tld) {
        return None;
    }
    if let HostContext::Bare { before } = ctx
        && looks_like_non_host(raw, tld, labels, before)
    {
        return None;
    }
    Some(ascii)
}

/// The bare-host heuristics (documented in the module docs).
fn looks_like_non_host(raw: &str, tld: &str, labels: usize, before: Option<char>) -> bool {
    let raw_labels: Vec<&str> = raw.split('.').collect();
    let (raw_tld, rest) = match raw_labels.split_last() {
        Some((t, rest)) => (*t, rest),
        None => return true,
    };
    // AV detection names: Trojan.Win32.Agent.ad, Backdoor.MSIL.Foo.ca.
    if rest.iter().any(|l| tld::is_av_name_word(l)) {
        return true;
    }
    // TrendMicro-style family names written in capitals: BURNTCIGAR.CA.
    let has_upper = raw.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = raw.chars().any(char::is_lowercase);
    if labels == 2 && tld.len() == 2 && has_upper && !has_lower {
        return true;
    }
    // A missing space after a full stop: "done.It", "attack.The".
    let mut tld_chars = raw_tld.chars();
    let title_case = tld_chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && raw_tld.len() >= 2
        && tld_chars.all(|c| c.is_ascii_lowercase());
    let prev_ends_lower = rest
        .last()
        .and_then(|l| l.chars().next_back())
        .is_some_and(char::is_lowercase);
    if title_case && prev_ends_lower {
        return true;
    }
    // File names whose extension is also a TLD.
    let strong = tld::is_strong_file_ext(tld);
    let weak = tld::is_weak_file_ext(tld);
    if strong || weak {
        // `.com` is a file only in a Windows path (`C:\Windows\win.com`).
        let path_like = if tld == "com" {
            before == Some('\\')
        } else {
            matches!(before, Some('/' | '\\' | '_'))
        };
        let double_ext = rest.len() >= 2 && rest.last().is_some_and(|l| tld::is_plain_file_ext(l));
        if double_ext || (labels == 2 && (strong || path_like)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn bare(s: &str) -> Option<String> {
        host(s, HostContext::Bare { before: Some(' ') })
    }

    #[test]
    fn ipv4_strict() {
        assert_eq!(ipv4("1.2.3.4"), Some("1.2.3.4"));
        assert_eq!(ipv4("0.0.0.0"), Some("0.0.0.0"));
        assert_eq!(ipv4("255.255.255.255"), Some("255.255.255.255"));
        for bad in [
            "256.1.1.1",
            "010.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            "1.2.3.",
            "a.b.c.d",
            "",
        ] {
            assert_eq!(ipv4(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv6_rules() {
        assert!(ipv6("2001:db8::1").is_some());
        assert!(ipv6("::1").is_some());
        assert!(ipv6("fe80::1").is_some());
        assert!(ipv6("::ffff:192.0.2.1").is_some());
        assert!(ipv6("a::b").is_none());
        assert!(ipv6("12:34:56").is_none());
        assert!(ipv6("00:1a:2b:3c:4d:5e").is_none());
        let a: Ipv6Addr = "abc:def:10::".parse().unwrap();
        assert_eq!(ipv6_cidr(a, 48), "abc:def:10:0:0:0:0:0/48");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            bare("Evil.Example.COM").as_deref(),
            Some("evil.example.com")
        );
        assert_eq!(
            bare("bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(bare("пример.рф").as_deref(), Some("xn--e1afmkfd.xn--p1ai"));
        for no in [
            "file.txt",
            "version.1",
            "setup.py",
            "invoice.zip",
            "BURNTCIGAR.CA",
            "done.It",
            "Trojan.Win32.Agent.ad",
            "report.pdf.zip",
            "e.g",
            "a-.com",
            "x.local",
        ] {
            assert_eq!(bare(no), None, "{no}");
        }
        assert_eq!(bare("files.evil.zip").as_deref(), Some("files.evil.zip"));
        assert_eq!(bare("allegro.pl").as_deref(), Some("allegro.pl"));
        assert_eq!(
            host("allegro.pl", HostContext::Bare { before: Some('/') }),
            None
        );
        assert_eq!(
            host("invoice.zip", HostContext::Embedded).as_deref(),
            Some("invoice.zip")
        );
        assert_eq!(
            host("evil.com.", HostContext::Embedded).as_deref(),
            Some("evil.com")
        );
    }

    #[test]
    fn hashes() {
        use super::super::IocKind;
        assert_eq!(hash_kind(&"a".repeat(32)), Some(IocKind::Md5));
        assert_eq!(hash_kind(&"a".repeat(40)), Some(IocKind::Sha1));
        assert_eq!(hash_kind(&"a".repeat(64)), Some(IocKind::Sha256));
        assert_eq!(hash_kind(&"1".repeat(32)), None);
        assert_eq!(hash_kind(&"g".repeat(32)), None);
        assert_eq!(hash_kind(&"a".repeat(33)), None);
    }
}
