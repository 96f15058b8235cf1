//! See `fuzz/src/checks.rs` and FUZZING.md.
#![no_main]

#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::response_parser(data));
