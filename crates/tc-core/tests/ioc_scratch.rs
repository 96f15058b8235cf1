use tc_core::ioc;
#[test]
fn scratch() {
    for t in [
        "exploit.pl Makefile.in config.h.in",
        "http://a.com/(dot)/x",
        "evil.com's payload",
        "…evil.com…",
        "https://evil.com/path'",
        "user@evil.com's",
        "foo.com-bar",
        "www.example.com/path?x=1",
        "1.2.3.4.",
        "see: http://evil.com/a?b=c&amp;d=e",
        "http://evil.com/a,b",
        "https://t.co/AbCd",
        "ftp://1.2.3.4",
        "2001:db8::1/64",
        "::1/128",
        "IP: 192.0.2.1/32",
        "AS15169/Google",
        "<john@example.com>",
        "mailto:john@example.com?subject=hi",
        "john.doe@sub.example.co.uk",
        "xn--80ak6aa92e.com",
        "xn--zz.com",
        "HELLO.WORLD",
        "Server.Domain.LOCAL",
        "evil.COM",
        "Example.Com",
        "e.g.,",
        "tcp://1.2.3.4:4444",
        "smb://fileserver.evil.com/share",
        "https://evil.com:443",
        "http://user:p@ss@evil.com/",
        "http://-evil.com/",
        "http://evil_host.example.com/",
        "[.]evil[.]com",
        "evil[.]com[.]",
        "hxxp://evil[.]com[/]path",
        "a.b.c.d.e.f.example.org",
        "10.0.0.1:8080/admin",
        "fe80::1ff:fe23:4567:890a%3",
        "fd00::/8",
        "ASN:12345",
        "AS 12345 AS12345",
        "as12345",
        "ja3s:ae4edc6faf64d08308082ad26be60767",
        "d41d8cd98f00b204e9800998ecf8427e:",
        "sha256sum: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  file.bin",
    ] {
        let hits = ioc::extract(t);
        println!(
            "{t:?} => {:?}",
            hits.iter()
                .map(|h| format!("{}:{} [{}]", h.kind, h.value, &t[h.span.clone()]))
                .collect::<Vec<_>>()
        );
    }
}
