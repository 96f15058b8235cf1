//! Runs `tests/data/ioc_corpus.txt` through `tc_core::ioc::extract`.
//!
//! Corpus format (plain text, UTF-8):
//!
//! ```text
//! ### title of the snippet [flag] [flag]
//! snippet text, any number of lines, taken verbatim
//! >>>
//! kind value
//! kind value | exact original text the span must cover
//! ```
//!
//! * A record starts with a line beginning `### `; its text runs up to the
//!   line `>>>` (the newline before `>>>` is not part of the text).
//! * Each expectation line is a kind name (`IocKind::as_str`: ipv4, ipv6,
//!   cidr, email, host, url, md5, sha1, sha256, asn), a space and the
//!   normalised value, optionally ` | ` and the original text of the span.
//!   The expected hits are the complete result, in order; no lines means "no
//!   hits". Blank lines and lines starting with `#` in this section are
//!   ignored, as is everything before the first record.
//! * Flags: `[no-refang]`, `[no-cidr]` (options off), `[all]` (use
//!   `extract_all_with`, keeping duplicates).

use tc_core::ioc::{self, ExtractOptions, Hit, IocKind};

const CORPUS: &str = include_str!("data/ioc_corpus.txt");

struct Expect {
    kind: IocKind,
    value: String,
    span_text: Option<String>,
}

struct Record {
    line: usize,
    title: String,
    text: String,
    expect: Vec<Expect>,
}

fn parse(corpus: &str) -> Result<Vec<Record>, String> {
    let mut records = Vec::new();
    let mut lines = corpus.lines().enumerate().peekable();
    // Skip the preamble.
    while let Some((_, l)) = lines.peek() {
        if l.starts_with("### ") {
            break;
        }
        lines.next();
    }
    while let Some((n, header)) = lines.next() {
        let title = header
            .strip_prefix("### ")
            .ok_or_else(|| format!("line {}: expected '### '", n + 1))?
            .to_owned();
        let mut text_lines = Vec::new();
        loop {
            match lines.next() {
                Some((_, ">>>")) => break,
                Some((_, l)) => text_lines.push(l),
                None => return Err(format!("line {}: record without '>>>'", n + 1)),
            }
        }
        let mut expect = Vec::new();
        while let Some((m, l)) = lines.peek().copied() {
            if l.starts_with("### ") {
                break;
            }
            lines.next();
            let l = l.trim_end();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (kind, rest) = l
                .split_once(' ')
                .ok_or_else(|| format!("line {}: expected 'kind value'", m + 1))?;
            let kind = IocKind::from_name(kind)
                .ok_or_else(|| format!("line {}: unknown kind {kind:?}", m + 1))?;
            let (value, span_text) = match rest.split_once(" | ") {
                Some((v, s)) => (v.to_owned(), Some(s.to_owned())),
                None => (rest.to_owned(), None),
            };
            expect.push(Expect {
                kind,
                value,
                span_text,
            });
        }
        records.push(Record {
            line: n + 1,
            title,
            text: text_lines.join("\n"),
            expect,
        });
    }
    Ok(records)
}

/// Invariants that hold for every result.
fn check_spans(text: &str, hits: &[Hit]) -> Result<(), String> {
    let mut last_end = 0;
    for h in hits {
        if h.span.start >= h.span.end || h.span.end > text.len() {
            return Err(format!("bad span {:?} for {}", h.span, h.value));
        }
        if !text.is_char_boundary(h.span.start) || !text.is_char_boundary(h.span.end) {
            return Err(format!("span {:?} splits a char", h.span));
        }
        if h.span.start < last_end {
            return Err(format!("span {:?} overlaps the previous hit", h.span));
        }
        last_end = h.span.end;
    }
    Ok(())
}

fn run_record(r: &Record) -> Result<(), String> {
    let mut options = ExtractOptions::default();
    if r.title.contains("[no-refang]") {
        options = options.with_refang(false);
    }
    if r.title.contains("[no-cidr]") {
        options = options.with_cidr(false);
    }
    let hits = if r.title.contains("[all]") {
        ioc::extract_all_with(&r.text, &options)
    } else {
        ioc::extract_with(&r.text, &options)
    };
    check_spans(&r.text, &hits)?;
    let got: Vec<(IocKind, &str)> = hits.iter().map(|h| (h.kind, h.value.as_str())).collect();
    let want: Vec<(IocKind, &str)> = r
        .expect
        .iter()
        .map(|e| (e.kind, e.value.as_str()))
        .collect();
    if got != want {
        let show = |v: &[(IocKind, &str)]| {
            v.iter()
                .map(|(k, v)| format!("    {k} {v}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        return Err(format!(
            "hits differ\n  want:\n{}\n  got:\n{}",
            show(&want),
            show(&got)
        ));
    }
    for (h, e) in hits.iter().zip(&r.expect) {
        if let Some(span_text) = &e.span_text {
            let actual = r.text.get(h.span.clone()).unwrap_or_default();
            if actual != span_text {
                return Err(format!(
                    "span of {} covers {actual:?}, want {span_text:?}",
                    h.value
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn corpus() {
    let records = parse(CORPUS).unwrap();
    assert!(
        records.len() >= 200,
        "only {} corpus records",
        records.len()
    );
    let with_hits = records.iter().filter(|r| !r.expect.is_empty()).count();
    let without = records.len() - with_hits;
    assert!(without >= 40, "only {without} near-miss records");
    let failures: Vec<String> = records
        .iter()
        .filter_map(|r| {
            run_record(r).err().map(|e| {
                format!(
                    "line {} '{}':\n  text: {:?}\n  {e}",
                    r.line, r.title, r.text
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus records failed:\n\n{}",
        failures.len(),
        records.len(),
        failures.join("\n\n")
    );
}

/// Every expected value in the corpus survives `defang` -> `extract` as the
/// only hit (the corpus doubles as a list of realistic indicator values).
#[test]
fn corpus_values_defang_round_trip() {
    let records = parse(CORPUS).unwrap();
    let mut failures = Vec::new();
    for e in records.iter().flat_map(|r| &r.expect) {
        let defanged = ioc::defang(&e.value);
        if ioc::refang(&defanged) != e.value {
            failures.push(format!(
                "refang(defang({})) = {}",
                e.value,
                ioc::refang(&defanged)
            ));
            continue;
        }
        let hits = ioc::extract(&defanged);
        let got: Vec<(IocKind, &str)> = hits.iter().map(|h| (h.kind, h.value.as_str())).collect();
        if got != [(e.kind, e.value.as_str())] {
            failures.push(format!("extract({defanged}) = {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
