//! The extraction driver: refang, run every scanner, resolve overlaps, map
//! spans back to the original text, deduplicate.

use std::collections::HashSet;

use super::refang::{Refanged, refang_with_map};
use super::scan::{self, Cand};
use super::textual;
use super::{ExtractOptions, Hit, IocKind};

/// Tie-break between candidates with the same span: lower wins.
fn priority(kind: IocKind) -> u8 {
    match kind {
        IocKind::Url => 0,
        IocKind::EmailAddress => 1,
        IocKind::Cidr => 2,
        IocKind::Ipv6 => 3,
        IocKind::Ipv4 => 4,
        IocKind::Host => 5,
        IocKind::Md5 | IocKind::Sha1 | IocKind::Sha256 => 6,
        IocKind::Asn => 7,
    }
}

/// All candidates in `t`, sorted by start, longest first, then priority.
fn candidates(t: &str, opts: &ExtractOptions) -> Vec<Cand> {
    let mut cands = Vec::new();
    textual::scan_urls(t, &mut cands);
    textual::scan_emails(t, &mut cands);
    scan::scan_ipv6(t, opts.include_cidr, &mut cands);
    scan::scan_ipv4(t, opts.include_cidr, &mut cands);
    textual::scan_hosts(t, &mut cands);
    scan::scan_hashes(t, &mut cands);
    scan::scan_asns(t, &mut cands);
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(priority(a.kind).cmp(&priority(b.kind)))
    });
    cands
}

/// Run the extraction. Overlaps are resolved greedily: the candidate that
/// starts first wins, and among those the longest; anything overlapping an
/// accepted candidate is dropped. That is what keeps the host of a URL or an
/// email, the IPv4 tail of `::ffff:1.2.3.4`, or an MD5-looking label of a
/// host name from being reported twice.
pub(crate) fn run(text: &str, opts: &ExtractOptions, dedup: bool) -> Vec<Hit> {
    let map = if opts.refang {
        refang_with_map(text)
    } else {
        Refanged::identity(text)
    };
    let mut hits = Vec::new();
    let mut seen: HashSet<(IocKind, String)> = HashSet::new();
    let mut last_end = 0;
    for c in candidates(&map.text, opts) {
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        if dedup && !seen.insert((c.kind, c.value.clone())) {
            continue;
        }
        hits.push(Hit {
            kind: c.kind,
            value: c.value,
            span: map.map_start(c.start)..map.map_end(c.end),
        });
    }
    hits
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::string_slice)]
mod tests {
    use super::*;

    fn kv(text: &str) -> Vec<(IocKind, String, String)> {
        run(text, &ExtractOptions::default(), true)
            .into_iter()
            .map(|h| (h.kind, h.value, text[h.span].to_owned()))
            .collect()
    }

    #[test]
    fn overlaps_and_spans() {
        let t =
            "hxxp://evil[.]com/x bob[at]evil[.]com evil[.]com 1.2.3.4/24 ::ffff:1.2.3.4 evil.com";
        let got = kv(t);
        assert_eq!(
            got,
            [
                (
                    IocKind::Url,
                    "http://evil.com/x".into(),
                    "hxxp://evil[.]com/x".into()
                ),
                (
                    IocKind::EmailAddress,
                    "bob@evil.com".into(),
                    "bob[at]evil[.]com".into()
                ),
                (IocKind::Host, "evil.com".into(), "evil[.]com".into()),
                (IocKind::Cidr, "1.2.3.4/24".into(), "1.2.3.4/24".into()),
                (
                    IocKind::Ipv6,
                    "::ffff:1.2.3.4".into(),
                    "::ffff:1.2.3.4".into()
                ),
            ]
        );
    }

    #[test]
    fn options() {
        let t = "1.2.3.4/24 evil[.]com";
        let o = ExtractOptions::default()
            .with_refang(false)
            .with_cidr(false);
        let got: Vec<String> = run(t, &o, true).into_iter().map(|h| h.value).collect();
        assert_eq!(got, ["1.2.3.4"]);
        assert_eq!(
            run("a.com a.com", &ExtractOptions::default(), false).len(),
            2
        );
    }
}
