//! Character helpers shared by the scanners. Every accessor is total: an
//! offset that is out of range or not on a char boundary yields `None`.

/// The char that starts at byte `i`, if `i` is a char boundary in range.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Alias of [`char_at`] that reads better when `i` is the end of something.
pub(crate) fn char_after(s: &str, i: usize) -> Option<char> {
    char_at(s, i)
}

/// The char that ends at byte `i`.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|r| r.chars().next_back())
}

/// The byte at `i`.
pub(crate) fn byte_at(s: &str, i: usize) -> Option<u8> {
    s.as_bytes().get(i).copied()
}

/// Is there an ASCII letter or digit at `i`? (Used for token boundaries:
/// non-ASCII letters such as CJK text are *not* word characters for IPs,
/// hashes and ASNs, so `IP地址1.2.3.4` still yields the address.)
pub(crate) fn ascii_alnum_at(s: &str, i: usize) -> bool {
    byte_at(s, i).is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Same as [`ascii_alnum_at`] for the byte just before `i`.
pub(crate) fn ascii_alnum_before(s: &str, i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| ascii_alnum_at(s, p))
}

/// Writing systems that do not separate words with spaces (or attach
/// particles to words): Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, CJK
/// punctuation and full-width forms. A switch between these and other letters
/// ends a host label, so `访问evil.com的` yields `evil.com`.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x9FFF    // CJK radicals, punctuation, kana, CJK ideographs
        | 0xA960..=0xA97F    // Hangul Jamo ext-A
        | 0xAC00..=0xD7FF    // Hangul syllables, Jamo ext-B
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // half-width and full-width forms
        | 0x20000..=0x3FFFF  // CJK ext B and later
    )
}

/// Characters that end a URL: Unicode white space and controls, the ASCII
/// characters that may not appear unescaped in a URL and that usually
/// delimit one in prose (`<>"`` `{}|\^`), Latin-1 punctuation such as
/// `«»`, general punctuation (smart quotes, zero-width spaces, ellipsis),
/// arrows, symbols, dingbats and emoji, the BOM, and wide-script text.
pub(crate) fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
        || matches!(c as u32,
            0x00A1..=0x00BF          // Latin-1 punctuation and symbols
            | 0x2000..=0x2BFF        // general punctuation .. misc symbols and arrows
            | 0xFE00..=0xFE0F        // variation selectors
            | 0xFEFF                 // BOM
            | 0x1F000..=0x1FAFF      // emoji and pictographs
        )
        || is_wide(c)
}

/// Script group of a host label character: `Some(false)` for ASCII letters,
/// digits, `-` and other (non-wide) letters and combining marks, `Some(true)`
/// for wide-script letters, `None` if `c` cannot be part of a host label.
pub(crate) fn label_class(c: char) -> Option<bool> {
    if c.is_ascii() {
        return (c.is_ascii_alphanumeric() || c == '-').then_some(false);
    }
    if is_wide(c) {
        return c.is_alphanumeric().then_some(true);
    }
    (c.is_alphanumeric() || matches!(c as u32, 0x0300..=0x036F)).then_some(false)
}

/// Scan a dotted run of host labels starting at `start` (which must hold a
/// label character). Stops at a character that cannot be in a label, at a
/// dot not followed by a label character, and at a switch between wide and
/// other scripts inside a label. Returns the exclusive end offset.
pub(crate) fn host_run(s: &str, start: usize) -> usize {
    let mut i = start;
    let mut group: Option<bool> = None;
    loop {
        while let Some(c) = char_at(s, i) {
            match label_class(c) {
                Some(g) if group.is_none_or(|cur| cur == g) => {
                    group = Some(g);
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        if byte_at(s, i) == Some(b'.') && char_at(s, i + 1).and_then(label_class).is_some() {
            i += 1;
            group = None;
        } else {
            return i;
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn runs() {
        let s = "访问evil.com的 a..b.c é.ü- x.";
        let start = s.find('e').unwrap_or_default();
        assert_eq!(s.get(start..host_run(s, start)), Some("evil.com"));
        let a = s.find("a..").unwrap_or_default();
        assert_eq!(host_run(s, a), a + 1);
        let e = s.find('é').unwrap_or_default();
        assert_eq!(s.get(e..host_run(s, e)), Some("é.ü-"));
        let x = s.rfind('x').unwrap_or_default();
        assert_eq!(host_run(s, x), x + 1);
        assert_eq!(char_before(s, 1), None);
        assert_eq!(char_at(s, 1), None);
        assert_eq!(char_at(s, 999), None);
    }
}
