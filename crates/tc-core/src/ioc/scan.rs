//! Scanners for the "numeric" indicators: IPv4, IPv6, CIDR blocks, file
//! hashes and ASNs. Each makes one left-to-right pass over the text and looks
//! at every byte a bounded number of times.

use super::IocKind;
use super::chars::{ascii_alnum_at, ascii_alnum_before, byte_at};
use super::normalize;

/// A validated, normalised match in the (refanged) scan text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cand {
    pub(crate) kind: IocKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) value: String,
}

impl Cand {
    pub(crate) fn new(kind: IocKind, start: usize, end: usize, value: String) -> Self {
        Self {
            kind,
            start,
            end,
            value,
        }
    }
}

/// End of the maximal run of bytes satisfying `pred` starting at `start`.
fn run_end(b: &[u8], start: usize, pred: impl Fn(u8) -> bool) -> usize {
    let len = b
        .get(start..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| pred(c)).count());
    start + len
}

fn is_digit_at(t: &str, i: usize) -> bool {
    byte_at(t, i).is_some_and(|b| b.is_ascii_digit())
}

/// `/NN` right after an address ending at `end`: returns the end of the
/// digits and the prefix length when it is a well-formed prefix `<= max`.
fn cidr_suffix(t: &str, end: usize, max: u8) -> Option<(usize, u8)> {
    if byte_at(t, end) != Some(b'/') {
        return None;
    }
    let ds = end + 1;
    let de = run_end(t.as_bytes(), ds, |c| c.is_ascii_digit());
    // `/24/foo` is a path and `/24abc` is not a prefix.
    if ascii_alnum_at(t, de) || byte_at(t, de) == Some(b'/') {
        return None;
    }
    let prefix = normalize::prefix_len(t.get(ds..de)?, max)?;
    Some((de, prefix))
}

/// Is the text before `s` the word "version" or "ver." (plus optional `:` and
/// spaces)? Then a dotted quad is a version number, not an address.
fn after_version_word(t: &str, s: usize) -> bool {
    let Some(pre) = t.as_bytes().get(..s) else {
        return false;
    };
    let trimmed = pre.len()
        - pre
            .iter()
            .rev()
            .take(3)
            .take_while(|&&c| c == b' ' || c == b':')
            .count();
    let Some(pre) = pre.get(..trimmed) else {
        return false;
    };
    [&b"version"[..], b"ver."].iter().any(|w| {
        pre.len() >= w.len()
            && pre
                .get(pre.len() - w.len()..)
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
            && !ascii_alnum_before(t, pre.len() - w.len())
    })
}

/// IPv4 addresses and IPv4 CIDR blocks.
pub(crate) fn scan_ipv4(t: &str, include_cidr: bool, out: &mut Vec<Cand>) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_digit_at(t, i) {
            i += 1;
            continue;
        }
        let e = run_end(b, i, |c| c.is_ascii_digit() || c == b'.');
        ipv4_run(t, i, e, include_cidr, out);
        i = e;
    }
}

fn ipv4_run(t: &str, s: usize, e: usize, include_cidr: bool, out: &mut Vec<Cand>) {
    // `v1.2.3.4`, `abc1.2.3.4` and `host.1.2.3.4` are not addresses.
    if ascii_alnum_before(t, s)
        || (s.checked_sub(1).and_then(|p| byte_at(t, p)) == Some(b'.')
            && ascii_alnum_before(t, s - 1))
    {
        return;
    }
    let mut end = e;
    while end > s && byte_at(t, end - 1) == Some(b'.') {
        end -= 1;
    }
    // `1.2.3.4a` and `1.2.3.4.nip.io`: part of a longer token.
    if ascii_alnum_at(t, e) || after_version_word(t, s) {
        return;
    }
    let Some(addr) = t.get(s..end).and_then(normalize::ipv4) else {
        return;
    };
    if include_cidr
        && end == e
        && let Some((de, prefix)) = cidr_suffix(t, end, 32)
    {
        out.push(Cand::new(IocKind::Cidr, s, de, format!("{addr}/{prefix}")));
        return;
    }
    out.push(Cand::new(IocKind::Ipv4, s, end, addr.to_owned()));
}

/// IPv6 addresses and IPv6 CIDR blocks.
pub(crate) fn scan_ipv6(t: &str, include_cidr: bool, out: &mut Vec<Cand>) {
    let b = t.as_bytes();
    let is6 = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
    let mut i = 0;
    while i < b.len() {
        if !byte_at(t, i).is_some_and(is6) {
            i += 1;
            continue;
        }
        let e = run_end(b, i, is6);
        let colons = b
            .get(i..e)
            .map_or(0, |r| r.iter().filter(|&&c| c == b':').count());
        if colons >= 2 {
            ipv6_run(t, i, e, include_cidr, out);
        }
        i = e;
    }
}

fn ipv6_run(t: &str, s0: usize, e0: usize, include_cidr: bool, out: &mut Vec<Cand>) {
    if e0 - s0 > 100 || ascii_alnum_at(t, e0) {
        return;
    }
    let mut s = s0;
    let mut e = e0;
    // Trailing sentence punctuation: `::1.` or `2001:db8::1:` (but keep `::`).
    loop {
        let last = e.checked_sub(1).and_then(|p| byte_at(t, p));
        let prev = e.checked_sub(2).and_then(|p| byte_at(t, p));
        match last {
            Some(b'.') if e > s => e -= 1,
            Some(b':') if e > s && prev != Some(b':') => e -= 1,
            _ => break,
        }
    }
    if byte_at(t, s) == Some(b':') && byte_at(t, s + 1) != Some(b':') {
        s += 1;
    }
    if ascii_alnum_before(t, s) {
        // `id:2001:db8::1` — drop the first group once and retry.
        let Some(k) = t.get(s..e).and_then(|r| r.find(':')) else {
            return;
        };
        s += k;
        if byte_at(t, s + 1) != Some(b':') {
            s += 1;
        }
    }
    let Some(text) = t.get(s..e) else {
        return;
    };
    if text.bytes().filter(|&c| c == b':').count() < 2 {
        return;
    }
    let Some(addr) = normalize::ipv6(text) else {
        return;
    };
    if include_cidr
        && e == e0
        && let Some((de, prefix)) = cidr_suffix(t, e, 128)
    {
        out.push(Cand::new(
            IocKind::Cidr,
            s,
            de,
            normalize::ipv6_cidr(addr, prefix),
        ));
        return;
    }
    if !addr.is_unspecified() {
        out.push(Cand::new(IocKind::Ipv6, s, e, addr.to_string()));
    }
}

/// MD5 / SHA-1 / SHA-256: whole runs of ASCII letters and digits that are
/// all hex and exactly 32, 40 or 64 long. `_`, `-`, `.` and non-ASCII text
/// delimit a run, so `<sha256>_unpacked.exe` and `哈希<md5>` still match but a
/// 64-hex run never yields an MD5 and a dashed UUID never yields anything.
pub(crate) fn scan_hashes(t: &str, out: &mut Vec<Cand>) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !ascii_alnum_at(t, i) {
            i += 1;
            continue;
        }
        let e = run_end(b, i, |c| c.is_ascii_alphanumeric());
        if let Some(token) = t.get(i..e)
            && let Some(kind) = normalize::hash_kind(token)
        {
            out.push(Cand::new(kind, i, e, token.to_ascii_uppercase()));
        }
        i = e;
    }
}

/// ASNs: `AS12345`, `ASN12345`, `ASN 12345`, `ASN: 12345`, `AS 12345`
/// (the spaced form of plain `AS` only in capitals, to skip prose such as
/// "as 2019 ended"), normalised to `ASN12345`.
pub(crate) fn scan_asns(t: &str, out: &mut Vec<Cand>) {
    for (i, _) in t.match_indices(['A', 'a']) {
        if !ascii_alnum_before(t, i)
            && let Some(c) = asn_at(t, i)
        {
            out.push(c);
        }
    }
}

fn asn_at(t: &str, i: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let s_byte = *b.get(i + 1)?;
    if !s_byte.eq_ignore_ascii_case(&b's') {
        return None;
    }
    let mut j = i + 2;
    let n_byte = byte_at(t, j).filter(|c| c.eq_ignore_ascii_case(&b'n'));
    if n_byte.is_some() {
        j += 1;
    }
    let capitals = b
        .get(i..j)
        .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase));
    let sep_start = j;
    if byte_at(t, j) == Some(b':') {
        j += 1;
    }
    if byte_at(t, j) == Some(b' ') {
        j += 1;
    }
    if j > sep_start && n_byte.is_none() && !capitals {
        return None;
    }
    let de = run_end(b, j, |c| c.is_ascii_digit());
    let digits = t.get(j..de)?;
    if digits.is_empty()
        || digits.len() > 10
        || digits.starts_with('0')
        || ascii_alnum_at(t, de)
        || (byte_at(t, de) == Some(b'.') && is_digit_at(t, de + 1))
    {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    (n <= u64::from(u32::MAX)).then(|| Cand::new(IocKind::Asn, i, de, format!("ASN{n}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn run(f: impl Fn(&str, &mut Vec<Cand>), t: &str) -> Vec<(IocKind, String)> {
        let mut v = Vec::new();
        f(t, &mut v);
        v.into_iter().map(|c| (c.kind, c.value)).collect()
    }

    fn v4(t: &str) -> Vec<String> {
        run(|t, o| scan_ipv4(t, true, o), t)
            .into_iter()
            .map(|x| x.1)
            .collect()
    }

    #[test]
    fn ipv4_boundaries() {
        assert_eq!(
            v4("a 1.2.3.4, 5.6.7.8. 9.9.9.9:53"),
            ["1.2.3.4", "5.6.7.8", "9.9.9.9"]
        );
        assert!(v4("v1.2.3.4 1.2.3.4.5 1.2.3.4a a.1.2.3.4 1.2.3.4.nip.io 256.1.1.1").is_empty());
        assert!(v4("version 1.2.3.4 ver. 1.0.0.1").is_empty());
        assert_eq!(
            v4("10.0.0.0/8 1.2.3.4/33 1.2.3.4/24/x"),
            ["10.0.0.0/8", "1.2.3.4", "1.2.3.4"]
        );
        assert_eq!(v4("IP地址1.2.3.4。"), ["1.2.3.4"]);
    }

    #[test]
    fn ipv6_runs() {
        let f = |t: &str| -> Vec<String> {
            run(|t, o| scan_ipv6(t, true, o), t)
                .into_iter()
                .map(|x| x.1)
                .collect()
        };
        assert_eq!(
            f("[2001:DB8::1]:443 ::1. fe80::1%eth0"),
            ["2001:db8::1", "::1", "fe80::1"]
        );
        assert_eq!(
            f("id:2001:db8::2 2001:db8::/32"),
            ["2001:db8::2", "2001:db8:0:0:0:0:0:0/32"]
        );
        assert!(f(":: 12:34:56 00:1a:2b:3c:4d:5e std::io a::b 2001:db8::1g").is_empty());
    }

    #[test]
    fn hashes_and_asns() {
        let md5 = "d41d8cd98f00b204e9800998ecf8427e";
        let got = run(scan_hashes, &format!("x {md5}_x {md5}0 {}", "a".repeat(64)));
        assert_eq!(
            got,
            [
                (IocKind::Md5, md5.to_uppercase()),
                (IocKind::Sha256, "A".repeat(64))
            ]
        );
        let got = run(
            scan_asns,
            "AS1 as2 ASN 3 asn: 4 AS 5 as 6 As 7 HAS8 AS09 AS1.5 AS4294967296",
        );
        let vals: Vec<String> = got.into_iter().map(|x| x.1).collect();
        assert_eq!(vals, ["ASN1", "ASN2", "ASN3", "ASN4", "ASN5"]);
    }
}
