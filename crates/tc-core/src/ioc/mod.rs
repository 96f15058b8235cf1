//! IOC toolkit: find indicators of compromise in pasted text, refang and
//! defang them, and normalise them the way ThreatConnect's v2 API wants.
//!
//! ```
//! use tc_core::ioc::{self, IocKind};
//!
//! let text = "Beacon to hxxps://cdn.evil[.]example/gate.php from 198.51.100[.]7, \
//!             payload d41d8cd98f00b204e9800998ecf8427e mailed by bob[at]bücher[.]example";
//! assert_eq!(ioc::refang("evil[.]example"), "evil.example");
//!
//! let hits = ioc::extract(text);
//! let found: Vec<(IocKind, &str)> = hits.iter().map(|h| (h.kind, h.value.as_str())).collect();
//! assert_eq!(found, [
//!     (IocKind::Url, "https://cdn.evil.example/gate.php"),
//!     (IocKind::Ipv4, "198.51.100.7"),
//!     (IocKind::Md5, "D41D8CD98F00B204E9800998ECF8427E"),
//!     (IocKind::EmailAddress, "bob@xn--bcher-kva.example"),
//! ]);
//! // Spans cover the original, still defanged, characters.
//! assert_eq!(&text[hits[1].span.clone()], "198.51.100[.]7");
//! assert_eq!(hits[0].kind.api_branch(), "urls");
//! ```
//!
//! # What is recognised
//!
//! | kind | examples | normalised to |
//! |---|---|---|
//! | [`IocKind::Ipv4`] | `192.0.2.1` | as written; octets > 255 and leading zeros (`010.1.1.1`) are rejected |
//! | [`IocKind::Ipv6`] | `2001:DB8::1`, `::1`, `::ffff:192.0.2.1` | RFC 5952 (`std::net::Ipv6Addr` display) |
//! | [`IocKind::Cidr`] | `10.0.0.0/8`, `2001:db8::/32` | v4 as written; v6 in ThreatConnect's full form `2001:db8:0:0:0:0:0:0/32` |
//! | [`IocKind::EmailAddress`] | `Bob@Mail.Example.COM` | local part kept, domain lower-case punycode |
//! | [`IocKind::Host`] | `www.Bücher.example` | lower-case punycode, trailing dot removed |
//! | [`IocKind::Url`] | `HTTP://Evil.com/Path?q` | scheme and host lower-case, host punycode, rest as written |
//! | [`IocKind::Md5`], [`IocKind::Sha1`], [`IocKind::Sha256`] | 32 / 40 / 64 hex digits | upper case |
//! | [`IocKind::Asn`] | `AS13335`, `ASN 13335`, `asn: 13335` | `ASN13335` |
//!
//! Refanging (on by default, see [`ExtractOptions`]) runs first, so `hxxp`,
//! `h**p`, `meow`, `[.]`, `(dot)`, `[@]`, `[at]`, `[://]` and friends are
//! understood (see [`refang`]); hit spans still point at the original text.
//!
//! URLs win over what they contain (a URL's host or IP is not reported again),
//! emails over their domain, CIDR blocks over their address (`1.2.3.4/24` is
//! one CIDR hit unless [`ExtractOptions::include_cidr`] is off).
//!
//! # Heuristics and their limits
//!
//! Everything runs in one linear pass per indicator family (no regex, no
//! backtracking) and never panics.
//!
//! * **Token boundaries.** IPs, hashes and ASNs must not touch ASCII letters or
//!   digits (`v1.2.3.4`, `1.2.3.4a`, `HAS123` are skipped) but may touch any
//!   other character, so `IP地址1.2.3.4。` works. Host labels end where Han,
//!   kana, Hangul, Thai and similar scripts meet Latin/Cyrillic/... letters,
//!   so `访问evil.com的` yields `evil.com`; the price is that an IDN mixing
//!   such scripts inside one label is split.
//! * **IPv4.** Exactly four strict octets; a dotted quad inside a longer dotted
//!   token (`1.2.3.4.5`, `1.2.3.4.nip.io`, `host.1.2.3.4`) or after the word
//!   `version`/`ver.` is not an address.
//! * **IPv6.** Parsed by `std`, which rejects MAC addresses (`00:1a:2b:3c:4d:5e`)
//!   and times (`12:34:56`). `::` alone is ignored, and an address with fewer
//!   than three groups must start with `::` or have a first group of three or
//!   more digits (`fe80::1` yes, `a::b` or `std::io` no). Zone ids (`%eth0`)
//!   are dropped. Eight-group hex lists that are not addresses still match.
//! * **Hashes.** A whole run of ASCII letters and digits that is all hex and
//!   exactly 32, 40 or 64 long, and not all digits. `_`, `-` and `.` delimit
//!   a run (`<hash>_unpacked.exe` matches; dashed UUIDs never do). An undashed
//!   UUID is indistinguishable from an MD5 and is reported as one.
//! * **Hosts** need at least two labels, valid LDH labels after punycode, and
//!   a TLD from the embedded IANA list (plus `example`, `test`, `invalid`,
//!   `localhost`, `onion`), so `file.txt`, `report.pdf`, `setup.exe`,
//!   `version.1`, `e.g.` are ignored. On top of that a free-standing name is
//!   rejected when:
//!   - its TLD is usually a file extension (`zip`, `mov`, `py`, `rs`, `md`,
//!     `sh`, `java`, `one`, `cab`) and it has just two labels
//!     (`invoice.zip`, `setup.py`; `files.evil.zip` is kept);
//!   - its TLD is sometimes a file extension (`pl`, `so`, `ai`, `cc`, `in`,
//!     `ps`, ...), it has two labels and it follows `/`, `\` or `_`
//!     (`/usr/lib/libssl.so`, `my_script.pl`; `.com` only after `\`, as in
//!     `C:\Windows\win.com`), or either kind carries a double extension
//!     (`report.pdf.zip`). A bare `exploit.pl` or `Makefile.in` is still
//!     reported as a host;
//!   - a label is a word from antivirus detection names (`Trojan.Win32.X.ad`);
//!   - it is written in capitals with two labels and a two-letter TLD
//!     (TrendMicro-style `BURNTCIGAR.CA`; the price: a shouted `EVIL.DE` is
//!     missed);
//!   - the TLD is title case after a lower-case label (`attack.The`,
//!     `done.It`: a missing space after a full stop).
//!
//!   None of this applies to the host of a URL or the domain of an email.
//!   Underscores are not host characters outside URLs and emails.
//! * **Emails.** Local part of at most 64 characters from `[A-Za-z0-9._%+-]`
//!   and non-CJK letters; quoted local parts and IP-literal domains are not
//!   recognised. Message-IDs (`<123.456@mail.example.com>`) look like emails
//!   and are reported as such.
//! * **URLs** need an `http`, `https`, `ftp`, `ftps` or `sftp` scheme and a host
//!   that is an IP literal or passes the host check (so `http://localhost/` or
//!   `http://intranet/` are not reported; for other schemes such as
//!   `tcp://` or `smb://` the host or address is reported instead). They end
//!   at white space, `<>"`, backtick, `{}|\^`, `«»`, CJK text, general
//!   punctuation (smart quotes, zero-width space), symbols and emoji, or an
//!   HTML-escaped quote or angle bracket (`&quot;`, `&gt;`); trailing
//!   `.,;:!?*`, unbalanced closing brackets and a closing quote that matches
//!   one before the URL are stripped. Path, query and fragment are kept
//!   byte for byte (no percent-decoding, `&amp;` stays).
//! * **ASNs.** `AS`/`ASN` followed by digits, optionally after `:` and/or one
//!   space; the spaced form of bare `AS` must be in capitals (prose such as
//!   "as 2019 ended" is skipped). `AS400` is reported.
//! * **Refang/defang.** `refang(&defang(v)) == v` holds for every value that
//!   [`extract`] returns, except URLs whose path contains a defang pattern
//!   itself (such as `/(dot)/`), because the path is not defanged. Refanging
//!   is purely textual and also applies inside URL paths.
//! * **Not handled:** spelled-out defangs (`evil dot com`, `bob at evil`),
//!   bracket forms with inner spaces (`[ . ]`), the ideographic full stop
//!   `。` as a label separator, IPv4 in integer/hex/octal notation, quoted or
//!   IP-literal email addresses, and IDNs whose labels mix CJK and Latin
//!   letters (see token boundaries).

// Library code here must not index or slice in ways that can panic.
#![deny(clippy::indexing_slicing, clippy::string_slice)]

mod chars;
mod extract;
mod normalize;
mod refang;
mod scan;
mod textual;
mod tld;

use std::fmt;
use std::ops::Range;

pub use refang::defang;

/// The kind of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IocKind {
    /// An IPv4 address (ThreatConnect `Address`).
    Ipv4,
    /// An IPv6 address (ThreatConnect `Address`).
    Ipv6,
    /// An IPv4 or IPv6 CIDR block (ThreatConnect `CIDR`).
    Cidr,
    /// An email address (ThreatConnect `EmailAddress`).
    EmailAddress,
    /// A host / domain name (ThreatConnect `Host`).
    Host,
    /// A URL (ThreatConnect `URL`).
    Url,
    /// An MD5 file hash (ThreatConnect `File`).
    Md5,
    /// A SHA-1 file hash (ThreatConnect `File`).
    Sha1,
    /// A SHA-256 file hash (ThreatConnect `File`).
    Sha256,
    /// An autonomous system number (ThreatConnect `ASN`).
    Asn,
}

impl IocKind {
    /// Every kind, in declaration order.
    pub const ALL: [IocKind; 10] = [
        IocKind::Ipv4,
        IocKind::Ipv6,
        IocKind::Cidr,
        IocKind::EmailAddress,
        IocKind::Host,
        IocKind::Url,
        IocKind::Md5,
        IocKind::Sha1,
        IocKind::Sha256,
        IocKind::Asn,
    ];

    /// The ThreatConnect v2 indicator branch, as in
    /// `/v2/indicators/{branch}/{value}`.
    pub fn api_branch(&self) -> &'static str {
        match self {
            IocKind::Ipv4 | IocKind::Ipv6 => "addresses",
            IocKind::Cidr => "cidrBlocks",
            IocKind::EmailAddress => "emailAddresses",
            IocKind::Host => "hosts",
            IocKind::Url => "urls",
            IocKind::Md5 | IocKind::Sha1 | IocKind::Sha256 => "files",
            IocKind::Asn => "asns",
        }
    }

    /// The ThreatConnect indicator type name (`Address`, `CIDR`, ...).
    pub fn api_type(&self) -> &'static str {
        match self {
            IocKind::Ipv4 | IocKind::Ipv6 => "Address",
            IocKind::Cidr => "CIDR",
            IocKind::EmailAddress => "EmailAddress",
            IocKind::Host => "Host",
            IocKind::Url => "URL",
            IocKind::Md5 | IocKind::Sha1 | IocKind::Sha256 => "File",
            IocKind::Asn => "ASN",
        }
    }

    /// A short stable name: `ipv4`, `ipv6`, `cidr`, `email`, `host`, `url`,
    /// `md5`, `sha1`, `sha256`, `asn`.
    pub fn as_str(&self) -> &'static str {
        match self {
            IocKind::Ipv4 => "ipv4",
            IocKind::Ipv6 => "ipv6",
            IocKind::Cidr => "cidr",
            IocKind::EmailAddress => "email",
            IocKind::Host => "host",
            IocKind::Url => "url",
            IocKind::Md5 => "md5",
            IocKind::Sha1 => "sha1",
            IocKind::Sha256 => "sha256",
            IocKind::Asn => "asn",
        }
    }

    /// The kind whose [`as_str`](Self::as_str) is `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Is this a file hash (MD5, SHA-1 or SHA-256)?
    pub fn is_file_hash(&self) -> bool {
        matches!(self, IocKind::Md5 | IocKind::Sha1 | IocKind::Sha256)
    }
}

impl fmt::Display for IocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One indicator found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    /// What it is.
    pub kind: IocKind,
    /// The normalised value, ready for ThreatConnect.
    pub value: String,
    /// Byte offsets into the original input, covering the original (possibly
    /// defanged) characters. Always on char boundaries.
    pub span: Range<usize>,
}

impl Hit {
    /// [`span`](Self::span) in UTF-16 code units, as JavaScript strings count
    /// them. `text` must be the text the hit was extracted from. For many
    /// hits prefer [`utf16_spans`], which is linear overall.
    pub fn utf16_span(&self, text: &str) -> Range<usize> {
        utf16_offset(text, self.span.start)..utf16_offset(text, self.span.end)
    }
}

/// Options for [`extract_with`] and [`extract_all_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// Undo defanging (`hxxp`, `[.]`, ...) before scanning. Default `true`.
    pub refang: bool,
    /// Report `a.b.c.d/NN` and IPv6 `/NN` as CIDR blocks; when off they are
    /// reported as plain addresses. Default `true`.
    pub include_cidr: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            refang: true,
            include_cidr: true,
        }
    }
}

impl ExtractOptions {
    /// The defaults (same as [`Default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Set [`refang`](Self::refang).
    pub fn with_refang(mut self, refang: bool) -> Self {
        self.refang = refang;
        self
    }

    /// Set [`include_cidr`](Self::include_cidr).
    pub fn with_cidr(mut self, include_cidr: bool) -> Self {
        self.include_cidr = include_cidr;
        self
    }
}

/// Undo the defanged forms analysts use, case-insensitively:
///
/// * schemes `hxxp`, `hxxps`, `h**p`, `h**ps`, `meow` (any case, e.g. `hXXp`)
///   become `http`/`https` when followed by `:`, `[:` or `[://`;
/// * `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` `\.` become `.`, and so does
///   ` . ` between two letters or digits;
/// * `[:]` `[/]` `[://]` become `:` `/` `://`;
/// * `[@]` `(@)` `{@}` `[at]` `(at)` `{at}` become `@`.
///
/// ```
/// assert_eq!(tc_core::ioc::refang("hXXps[://]evil[dot]com"), "https://evil.com");
/// assert_eq!(tc_core::ioc::refang("bob[at]evil . com"), "bob@evil.com");
/// ```
pub fn refang(text: &str) -> String {
    refang::refang_with_map(text).text.into_owned()
}

/// Find every indicator in `text` with the default [`ExtractOptions`]; each
/// (kind, value) pair once, in order of first appearance.
pub fn extract(text: &str) -> Vec<Hit> {
    extract::run(text, &ExtractOptions::default(), true)
}

/// [`extract`] with options.
pub fn extract_with(text: &str, options: &ExtractOptions) -> Vec<Hit> {
    extract::run(text, options, true)
}

/// Like [`extract`] but keeps repeated indicators (one hit per occurrence).
pub fn extract_all(text: &str) -> Vec<Hit> {
    extract::run(text, &ExtractOptions::default(), false)
}

/// [`extract_all`] with options.
pub fn extract_all_with(text: &str, options: &ExtractOptions) -> Vec<Hit> {
    extract::run(text, options, false)
}

/// Convert a byte offset into `text` to a UTF-16 code-unit offset. An offset
/// inside a character counts that character as before it; an offset past the
/// end gives the UTF-16 length of `text`.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < byte)
        .map(|(_, c)| c.len_utf16())
        .sum()
}

/// UTF-16 spans of many hits in one pass over `text` (plus sorting the
/// offsets), in the same order as `hits`.
pub fn utf16_spans(text: &str, hits: &[Hit]) -> Vec<Range<usize>> {
    let mut offsets: Vec<usize> = hits
        .iter()
        .flat_map(|h| [h.span.start, h.span.end])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut converted = Vec::with_capacity(offsets.len());
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for &off in &offsets {
        while let Some(&(i, c)) = chars.peek() {
            if i >= off {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        converted.push(units);
    }
    let lookup = |b: usize| {
        offsets
            .binary_search(&b)
            .ok()
            .and_then(|k| converted.get(k).copied())
            .unwrap_or_else(|| utf16_offset(text, b))
    };
    hits.iter()
        .map(|h| lookup(h.span.start)..lookup(h.span.end))
        .collect()
}
