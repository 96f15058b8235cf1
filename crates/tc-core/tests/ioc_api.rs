//! API-level tests for `tc_core::ioc`: ThreatConnect names, UTF-16 spans,
//! dedup semantics and a (non-timed) linear-time sanity check.

use tc_core::ioc::{self, ExtractOptions, IocKind};

#[test]
fn threatconnect_branches_and_types() {
    let expect = [
        (IocKind::Ipv4, "addresses", "Address"),
        (IocKind::Ipv6, "addresses", "Address"),
        (IocKind::Cidr, "cidrBlocks", "CIDR"),
        (IocKind::EmailAddress, "emailAddresses", "EmailAddress"),
        (IocKind::Host, "hosts", "Host"),
        (IocKind::Url, "urls", "URL"),
        (IocKind::Md5, "files", "File"),
        (IocKind::Sha1, "files", "File"),
        (IocKind::Sha256, "files", "File"),
        (IocKind::Asn, "asns", "ASN"),
    ];
    assert_eq!(expect.len(), IocKind::ALL.len());
    for (kind, branch, ty) in expect {
        assert_eq!(kind.api_branch(), branch, "{kind}");
        assert_eq!(kind.api_type(), ty, "{kind}");
        assert_eq!(IocKind::from_name(kind.as_str()), Some(kind));
        assert_eq!(kind.to_string(), kind.as_str());
        assert_eq!(kind.is_file_hash(), branch == "files");
    }
    assert_eq!(IocKind::from_name("nope"), None);
}

#[test]
fn utf16_spans_after_emoji_and_cjk() {
    // 🚨 and 🔥 are two UTF-16 units (four UTF-8 bytes); 中文 and é are one
    // unit each (three and two bytes).
    let text = "🚨中文é hxxp://evil[.]example/x 🔥🔥 1.2.3[.]4 例え bob@bücher.example";
    let hits = ioc::extract(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let batch = ioc::utf16_spans(text, &hits);
    assert_eq!(hits.len(), 3);
    for (h, span16) in hits.iter().zip(&batch) {
        assert_eq!(&h.utf16_span(text), span16);
        // The UTF-16 slice decodes to the same original characters.
        let slice = String::from_utf16(&units[span16.clone()]).unwrap();
        assert_eq!(slice, &text[h.span.clone()]);
        // And the offsets are what JavaScript's indexOf would say.
        let js_index = text[..h.span.start].encode_utf16().count();
        assert_eq!(span16.start, js_index);
    }
    assert_eq!(batch[0], 6..29); // 🚨=2, 中=1, 文=1, é=1, space=1
    assert_eq!(&text[hits[2].span.clone()], "bob@bücher.example");
    assert_eq!(hits[2].value, "bob@xn--bcher-kva.example");
    // Offsets inside a character or past the end are handled.
    assert_eq!(ioc::utf16_offset(text, 1), 2);
    assert_eq!(ioc::utf16_offset(text, usize::MAX), units.len());
    assert_eq!(ioc::utf16_offset("", 3), 0);
}

#[test]
fn dedup_keeps_first_span_and_order() {
    let text = "b.example a.example b.example 192.0.2.1 a.example";
    let hits = ioc::extract(text);
    let values: Vec<&str> = hits.iter().map(|h| h.value.as_str()).collect();
    assert_eq!(values, ["b.example", "a.example", "192.0.2.1"]);
    assert_eq!(hits[0].span, 0..9);
    assert_eq!(hits[1].span, 10..19);
    assert_eq!(ioc::extract_all(text).len(), 5);
    // The same value under different kinds is kept.
    let hits = ioc::extract("ASN1 AS1 as 1");
    assert_eq!(hits.len(), 1);
}

#[test]
fn options_defaults_and_builders() {
    let d = ExtractOptions::default();
    assert!(d.refang && d.include_cidr);
    assert_eq!(ExtractOptions::new(), d);
    let o = ExtractOptions::new().with_refang(false).with_cidr(false);
    assert!(!o.refang && !o.include_cidr);
    let text = "evil[.]example 10.0.0.0/8";
    assert_eq!(ioc::extract_with(text, &o).len(), 1);
    assert_eq!(ioc::extract_with(text, &o)[0].value, "10.0.0.0");
    assert_eq!(ioc::extract(text).len(), 2);
}

#[test]
fn refang_and_defang_examples() {
    assert_eq!(ioc::refang("hxxps[://]a[.]b/c"), "https://a.b/c");
    assert_eq!(ioc::refang("x{dot}y(DOT)z [AT] q"), "x.y.z @ q");
    assert_eq!(ioc::refang("u[AT]d"), "u@d");
    assert_eq!(ioc::refang("plain text stays"), "plain text stays");
    assert_eq!(ioc::defang("http://a.b:80/c.d"), "hxxp[://]a[.]b:80/c.d");
    assert_eq!(ioc::defang("ftp://u@a.b/"), "ftp[://]u[@]a[.]b/");
    assert_eq!(
        ioc::defang("abc:def:10:0:0:0:0:0/48"),
        "abc:def:10:0:0:0:0:0/48"
    );
    assert_eq!(ioc::defang("10.0.0.0/8"), "10[.]0[.]0[.]0/8");
    assert_eq!(ioc::defang(""), "");
}

/// Pathological 1 MB inputs: long runs that every scanner has to walk, with
/// nothing (or everything) to find. A quadratic scanner would take minutes
/// here even in release mode; this only checks that extraction finishes and
/// returns something sensible, without timing anything.
#[test]
fn pathological_inputs_complete() {
    const MB: usize = 1 << 20;
    let patterns: &[&str] = &[
        ".",
        "1",
        "1.",
        "[.]",
        "a.",
        "é.",
        "例.",
        "@",
        "a@",
        "a.b@",
        ":",
        "a:",
        "1:",
        "f",
        "0123456789abcdef",
        "http://",
        "hxxp[://]",
        "http://a",
        "(",
        ")",
        "xn--",
        "AS",
        "a-",
        " . a",
        "\\.",
        "[dot]",
        "&quot;",
        "🔥",
    ];
    // Four 256 KiB runs per 1 MiB input keeps the test quick in debug builds.
    for group in patterns.chunks(4) {
        let text: Vec<String> = group.iter().map(|p| p.repeat(MB / 4 / p.len())).collect();
        let text = text.join(" ");
        let hits = ioc::extract(&text);
        assert!(hits.len() <= 2, "{group:?}: {} hits", hits.len());
        let _ = ioc::refang(&text);
    }
    // Runs that do contain indicators, so every hit path is taken many times.
    let dense: &[(&str, usize)] = &[
        ("192.0.2.1 ", 1),
        ("a@b.example ", 1),
        ("http://a.example/", 1),
        ("http://a.example/x ", 1),
        ("x.example.com. ", 1),
        ("AS1 ", 1),
        ("2001:db8::1 ", 1),
    ];
    for (p, unique) in dense {
        let text = p.repeat(MB / p.len());
        assert_eq!(ioc::extract(&text).len(), *unique, "{p:?}");
    }
    // One huge URL and one huge dotted host.
    let url = format!("http://evil.example/{}", "a/".repeat(MB / 2));
    assert_eq!(ioc::extract(&url).len(), 1);
    let host = format!("{}example", "a.".repeat(MB / 2));
    assert!(ioc::extract(&host).is_empty());
    let mut mixed = String::new();
    while mixed.len() < MB {
        mixed.push_str("1.2.3.4.5 a[.]b@c(dot)d:1/2 hxxp://x[.]y/(z) ffff::ffff:1 ");
    }
    let _ = ioc::extract_all(&mixed);
}
