//! Property tests for `tc_core::ioc`: no panics and valid spans on arbitrary
//! input, and defang/refang/extract round trips on generated indicators.

use std::net::{Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use tc_core::ioc::{self, ExtractOptions, Hit, IocKind};

/// Spans are in range, on char boundaries, sorted and non-overlapping, and
/// the UTF-16 conversions agree with each other.
fn check_hits(text: &str, hits: &[Hit]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for h in hits {
        prop_assert!(h.span.start < h.span.end, "empty span {:?}", h.span);
        prop_assert!(h.span.end <= text.len(), "span {:?} past the end", h.span);
        prop_assert!(text.is_char_boundary(h.span.start) && text.is_char_boundary(h.span.end));
        prop_assert!(h.span.start >= last_end, "overlapping span {:?}", h.span);
        prop_assert!(!h.value.is_empty());
        last_end = h.span.end;
    }
    let batch = ioc::utf16_spans(text, hits);
    for (h, b) in hits.iter().zip(&batch) {
        prop_assert_eq!(&h.utf16_span(text), b);
    }
    Ok(())
}

fn check_all_options(text: &str) -> Result<(), TestCaseError> {
    let _ = ioc::refang(text);
    let _ = ioc::defang(text);
    for refang in [true, false] {
        for cidr in [true, false] {
            let o = ExtractOptions::new().with_refang(refang).with_cidr(cidr);
            let hits = ioc::extract_with(text, &o);
            check_hits(text, &hits)?;
            let all = ioc::extract_all_with(text, &o);
            check_hits(text, &all)?;
            // extract == extract_all with duplicates removed.
            let mut seen = std::collections::HashSet::new();
            let dedup: Vec<&Hit> = all
                .iter()
                .filter(|h| seen.insert((h.kind, h.value.clone())))
                .collect();
            prop_assert_eq!(dedup, hits.iter().collect::<Vec<_>>());
        }
    }
    Ok(())
}

/// Fragments that exercise every scanner and refang rule.
const FRAGMENTS: &[&str] = &[
    ".", "[.]", "(dot)", " . ", "\\.", "@", "[at]", ":", "::", "/", "://", "[://]", "hxxp", "http",
    "https://", "meow", "[", "]", "(", ")", "'", "\"", " ", "\n", "-", "_", "%", "&quot;", "AS",
    "ASN ", "xn--", "com", "example", "zip", "é", "ü", "例", "え", "д", "🔥", "\u{200b}",
    "\u{feff}", "\u{301}",
];

fn ioc_ish_text() -> impl Strategy<Value = String> {
    let frag = prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => "[0-9]{1,4}",
        1 => "[0-9a-f]{1,8}",
        1 => "[a-zA-Z]{1,6}",
        1 => "[0-9a-f]{32}",
        1 => "[0-9a-f]{64}",
    ];
    prop::collection::vec(frag, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check_all_options(&text)?;
    }

    #[test]
    fn ioc_ish_text_never_panics(text in ioc_ish_text()) {
        check_all_options(&text)?;
    }

    #[test]
    fn arbitrary_bytes_as_lossy_utf8(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_all_options(&String::from_utf8_lossy(&bytes))?;
    }
}

// ---------------------------------------------------------------------------
// Generated valid indicators.

/// Labels start with `q`, which keeps them clear of every heuristic word
/// list (AV names, file extensions) and of hex/ASN/IP look-alikes.
fn label() -> impl Strategy<Value = String> {
    "q([a-z0-9-]{0,12}[a-z0-9])?"
}

const TLDS: &[&str] = &[
    "com", "net", "org", "de", "ru", "io", "uk", "cn", "jp", "info", "xyz", "top", "online",
    "example", "onion", "xn--p1ai", "co", "biz", "su", "ca",
];

fn host() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(label(), 1..4),
        prop::sample::select(TLDS),
    )
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")))
}

fn local_part() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9._+-]{0,14}[a-z0-9])?".prop_filter("no '..'", |s| !s.contains(".."))
}

fn ipv6_text() -> impl Strategy<Value = String> {
    any::<[u16; 8]>().prop_filter_map("unspecified or too short", |seg| {
        let addr = Ipv6Addr::from(seg);
        let s = addr.to_string();
        let groups = s.split(':').filter(|g| !g.is_empty()).count();
        let first = s.split(':').next().map_or(0, str::len);
        let ok = !addr.is_unspecified() && (s.starts_with("::") || groups >= 3 || first >= 3);
        ok.then_some(s)
    })
}

fn url() -> impl Strategy<Value = String> {
    let host = prop_oneof![
        host(),
        any::<[u8; 4]>().prop_map(|o| Ipv4Addr::from(o).to_string()),
        ipv6_text().prop_map(|a| format!("[{a}]")),
    ];
    let segment = "[a-zA-Z0-9_~-]{1,6}(\\.[a-z]{1,3})?";
    (
        prop::sample::select(&["http", "https", "ftp"][..]),
        host,
        prop::option::of(1u16..),
        prop::collection::vec(segment, 0..4),
        prop::option::of("[a-z0-9]{1,5}=[a-zA-Z0-9%]{1,6}"),
        any::<bool>(),
    )
        .prop_map(|(scheme, host, port, segs, query, slash)| {
            let mut u = format!("{scheme}://{host}");
            if let Some(p) = port {
                u.push_str(&format!(":{p}"));
            }
            for s in &segs {
                u.push('/');
                u.push_str(s);
            }
            if slash {
                u.push('/');
            }
            if let Some(q) = query {
                if !slash && segs.is_empty() {
                    u.push('/');
                }
                u.push('?');
                u.push_str(&q);
            }
            u
        })
}

fn indicator() -> impl Strategy<Value = (IocKind, String)> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|o| (IocKind::Ipv4, Ipv4Addr::from(o).to_string())),
        ipv6_text().prop_map(|a| (IocKind::Ipv6, a)),
        (any::<[u8; 4]>(), 0u8..=32)
            .prop_map(|(o, p)| (IocKind::Cidr, format!("{}/{p}", Ipv4Addr::from(o)))),
        (any::<[u16; 8]>(), 0u8..=128).prop_map(|(s, p)| {
            let g: Vec<String> = s.iter().map(|x| format!("{x:x}")).collect();
            (IocKind::Cidr, format!("{}/{p}", g.join(":")))
        }),
        host().prop_map(|h| (IocKind::Host, h)),
        (local_part(), host()).prop_map(|(l, h)| (IocKind::EmailAddress, format!("{l}@{h}"))),
        url().prop_map(|u| (IocKind::Url, u)),
        "[0-9a-f]{32}"
            .prop_filter("all digits", |s| s.bytes().any(|b| b.is_ascii_alphabetic()))
            .prop_map(|h| (IocKind::Md5, h.to_uppercase())),
        "[0-9a-f]{40}"
            .prop_filter("all digits", |s| s.bytes().any(|b| b.is_ascii_alphabetic()))
            .prop_map(|h| (IocKind::Sha1, h.to_uppercase())),
        "[0-9a-f]{64}"
            .prop_filter("all digits", |s| s.bytes().any(|b| b.is_ascii_alphabetic()))
            .prop_map(|h| (IocKind::Sha256, h.to_uppercase())),
        (1u32..).prop_map(|n| (IocKind::Asn, format!("ASN{n}"))),
    ]
}

fn only(text: &str) -> Vec<(IocKind, String)> {
    ioc::extract(text)
        .into_iter()
        .map(|h| (h.kind, h.value))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn defang_round_trips((kind, v) in indicator()) {
        let d = ioc::defang(&v);
        prop_assert_eq!(ioc::refang(&d), v.clone());
        // The value itself, the defanged form, and the defanged form in prose
        // all yield exactly this one indicator.
        prop_assert_eq!(only(&v), vec![(kind, v.clone())]);
        prop_assert_eq!(only(&d), vec![(kind, v.clone())]);
        let prose = format!("IOC: {d}. Again ({d}), and \"{d}\"; done");
        prop_assert_eq!(only(&prose), vec![(kind, v.clone())]);
        let hits = ioc::extract_all(&prose);
        prop_assert_eq!(hits.len(), 3);
        for h in &hits {
            prop_assert_eq!(&prose[h.span.clone()], d.as_str());
        }
    }

    #[test]
    fn ipv6_any_spelling_normalises(seg in any::<[u16; 8]>()) {
        let addr = Ipv6Addr::from(seg);
        prop_assume!(!addr.is_unspecified());
        // The fully expanded, zero-padded, upper-case spelling.
        let g: Vec<String> = seg.iter().map(|x| format!("{x:04X}")).collect();
        let full = g.join(":");
        prop_assert_eq!(only(&full), vec![(IocKind::Ipv6, addr.to_string())]);
    }

    #[test]
    fn host_case_is_lowered(h in host()) {
        // Upper-case every label but the TLD (an all-caps `NAME.CA` is
        // deliberately treated as an AV family name, see the module docs).
        let (name, tld) = h.rsplit_once('.').unwrap();
        let mixed = format!("{}.{tld}", name.to_uppercase());
        prop_assert_eq!(only(&format!("x {mixed} y")), vec![(IocKind::Host, h.clone())]);
        let email = format!("Bob@{}", h.to_uppercase());
        prop_assert_eq!(only(&email), vec![(IocKind::EmailAddress, format!("Bob@{h}"))]);
    }
}
