//! `cargo xtask size`: the gzip sizes of the npm package and of the app's
//! first load, checked against the budgets in `size-budgets.json`.
//!
//! The budgets guard against regressions: they sit a little above the
//! sizes measured when they were last set. The product targets (100 KB
//! for the package, 300 KB for the app) are printed beside them; where a
//! size misses its target, BENCHMARKS.md says what limits it.

use std::fs;
use std::path::Path;

/// The budgets file at the root of the repository.
const BUDGETS: &str = "size-budgets.json";

struct Line {
    what: &'static str,
    bytes: u64,
    budget: u64,
    target: u64,
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn budget(json: &serde_json::Value, key: &str) -> Result<u64, String> {
    json[key]
        .as_u64()
        .ok_or_else(|| format!("{BUDGETS} has no number `{key}`"))
}

/// Measures (building what is missing) and checks the budgets.
pub fn size(root: &Path) -> Result<(), String> {
    let text = fs::read_to_string(root.join(BUDGETS))
        .map_err(|e| format!("cannot read {BUDGETS}: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("cannot parse {BUDGETS}: {e}"))?;
    if !root.join("target/npm/package.json").is_file() {
        crate::pkg::pkg(root, true)?;
    }
    if !crate::web::dist_dir().join("index.html").is_file() {
        crate::web::build(root)?;
    }
    let lines = [
        Line {
            what: "npm package (all files, gzip -9)",
            bytes: crate::pkg::package_gzip_size(root)?,
            budget: budget(&json, "npmPackageGzipBytes")?,
            target: budget(&json, "npmPackageTargetBytes")?,
        },
        Line {
            what: "app first load (html, js, wasm, css, gzip -9)",
            bytes: crate::web::first_load_gzip_size(root)?,
            budget: budget(&json, "appFirstLoadGzipBytes")?,
            target: budget(&json, "appFirstLoadTargetBytes")?,
        },
    ];
    let mut over = Vec::new();
    println!("| what | size | budget | target |");
    println!("|---|---|---|---|");
    for l in &lines {
        let mark = if l.bytes > l.budget {
            " (OVER BUDGET)"
        } else {
            ""
        };
        println!(
            "| {} | {}{mark} | {} | {} |",
            l.what,
            kib(l.bytes),
            kib(l.budget),
            kib(l.target)
        );
        if l.bytes > l.budget {
            over.push(format!(
                "{} is {} over its budget of {}",
                l.what,
                kib(l.bytes - l.budget),
                kib(l.budget)
            ));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}
