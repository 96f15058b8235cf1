//! Replays the kept fuzz corpora and crash artifacts (`fuzz/corpus`,
//! `fuzz/artifacts`) through the fuzz targets' checks, so every input the
//! fuzzers kept, and every crash once fixed, is a regression test.

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

type Check = fn(&[u8]);

const TARGETS: &[(&str, Check)] = &[
    ("response_parser", checks::response_parser),
    ("ioc_extract", checks::ioc_extract),
    ("url_builder", checks::url_builder),
    ("sandbox_handler", checks::sandbox_handler),
];

fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

#[test]
fn kept_inputs_still_pass() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut total = 0;
    for (name, check) in TARGETS {
        let mut kept = inputs(&fuzz.join("corpus").join(name));
        kept.extend(inputs(&fuzz.join("artifacts").join(name)));
        for input in &kept {
            check(input);
        }
        total += kept.len();
        eprintln!("{name}: {} inputs replayed", kept.len());
    }
    // The corpora are committed: an empty replay means they went missing.
    if fuzz.join("corpus").exists() {
        assert!(total > 0, "fuzz/corpus exists but holds no inputs");
    }
}

/// Seeds that once mattered, kept here so they run even without corpora.
#[test]
fn seed_inputs() {
    for (_, check) in TARGETS {
        for input in [
            &b""[..],
            b"\x00",
            b"\xff\xfe\xfd",
            b"hxxp://evil[.]example/[/]",
            &[0x1f, 0x8b, 0, 0],
            b"%%%%/..//??##",
        ] {
            check(input);
        }
    }
}
