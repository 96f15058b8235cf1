//! The extraction driver: refang, run every scanner, resolve overlaps, map
//! spans back to the original text, deduplicate.

use std::cmp::Reverse;
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

/// Number of scanners, i.e. of candidate lists.
const SCANNERS: usize = 7;

/// Candidates in `t`, one list per scanner. Each scanner emits candidates
/// with strictly increasing start offsets, so every list is sorted.
fn candidates(t: &str, opts: &ExtractOptions) -> [Vec<Cand>; SCANNERS] {
    let mut lists: [Vec<Cand>; SCANNERS] = Default::default();
    let [urls, emails, v6, v4, hosts, hashes, asns] = &mut lists;
    textual::scan_urls(t, urls);
    textual::scan_emails(t, emails);
    scan::scan_ipv6(t, opts.include_cidr, v6);
    scan::scan_ipv4(t, opts.include_cidr, v4);
    textual::scan_hosts(t, hosts);
    scan::scan_hashes(t, hashes);
    scan::scan_asns(t, asns);
    lists
}

/// Merge order: earliest start, then longest, then [`priority`].
type OrderKey = (usize, Reverse<usize>, u8);

fn order_key(c: &Cand) -> OrderKey {
    (c.start, Reverse(c.end), priority(c.kind))
}

/// Run the extraction. Overlaps are resolved greedily: the candidate that
/// starts first wins, and among those the longest; anything overlapping an
/// accepted candidate is dropped. That is what keeps the host of a URL or an
/// email, the IPv4 tail of `::ffff:1.2.3.4`, or an MD5-looking label of a
/// host name from being reported twice. The sorted per-scanner lists are
/// merged rather than sorted (linear, and no sort code in the wasm build).
pub(crate) fn run(text: &str, opts: &ExtractOptions, dedup: bool) -> Vec<Hit> {
    let map = if opts.refang {
        refang_with_map(text)
    } else {
        Refanged::identity(text)
    };
    let mut lists = candidates(&map.text, opts);
    let mut next = [0usize; SCANNERS];
    let mut hits = Vec::new();
    let mut seen: HashSet<(IocKind, String)> = HashSet::new();
    let mut last_end = 0;
    loop {
        let mut best: Option<(usize, OrderKey)> = None;
        for (i, list) in lists.iter().enumerate() {
            let head = next.get(i).and_then(|&n| list.get(n));
            if let Some(key) = head.map(order_key)
                && best.as_ref().is_none_or(|(_, b)| key < *b)
            {
                best = Some((i, key));
            }
        }
        let Some((i, _)) = best else {
            break;
        };
        let Some(n) = next.get_mut(i) else {
            break;
        };
        let Some(c) = lists.get_mut(i).and_then(|l| l.get_mut(*n)) else {
            break;
        };
        *n += 1;
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        let value = std::mem::take(&mut c.value);
        if dedup && !seen.insert((c.kind, value.clone())) {
            continue;
        }
        hits.push(Hit {
            kind: c.kind,
            value,
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
    fn scanner_lists_are_sorted() {
        let mut seed = 0x2545_f491_u32;
        let pieces = [
            "a", "1", ".", ":", "@", "/", " ", "http://", "x.com", "::", "ff", "AS1", "[.]", "é",
        ];
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..30 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push_str(pieces[seed as usize % pieces.len()]);
            }
            for list in candidates(&t, &ExtractOptions::default()) {
                for w in list.windows(2) {
                    assert!(w[0].start < w[1].start, "{t:?}: {:?}", w);
                }
            }
        }
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
