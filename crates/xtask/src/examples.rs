//! The examples' tests (`examples/`): the MV3 extension, the edge worker and
//! the portal page, each run against the sandbox server in headless
//! Chromium or workerd by `node --test` over `examples/tests/*.test.mjs`.
//!
//! Assumes `target/npm` (the package, `cargo xtask pkg`) and
//! `target/release/tc-sandbox` exist, and the package tests' npm install in
//! `tests/npm/node_modules` (playwright-core, workerd), which the examples'
//! tests import by relative path; it builds nothing itself.
//!
//! Node runs in a process group of its own with a deadline: when it passes,
//! the whole group (node, the sandbox, workerd, Chromium) is killed, and
//! nothing else. The tests themselves stop every process they start by pid.
//!
//! This file depends only on `std`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long all the examples' tests may take together.
const LIMIT: Duration = Duration::from_secs(10 * 60);

/// The package files a browser or extension needs (`README.md` is optional).
const VENDOR_FILES: &[&str] = &[
    "index.js",
    "index.d.ts",
    "tc_js.js",
    "tc_js_bg.wasm",
    "package.json",
    "README.md",
];

/// Copies the package into `examples/extension/vendor/threatconnect/` and
/// runs `node --test --test-concurrency=1` over `examples/tests/*.test.mjs`
/// with `TC_SANDBOX_BIN`, `TC_NPM_DIR` and `CHROMIUM` set.
pub fn examples_tests(root: &Path) -> Result<(), String> {
    let target = crate::cmd::target_dir();
    let npm = target.join("npm");
    let sandbox = target.join("release/tc-sandbox");
    for needed in [&npm.join("index.js"), &sandbox] {
        if !needed.exists() {
            return Err(format!("{} is missing", needed.display()));
        }
    }
    let modules = root.join("tests/npm/node_modules/playwright-core");
    if !modules.exists() {
        return Err(format!(
            "{} is missing: the examples' tests use the package tests' npm install",
            modules.display()
        ));
    }
    copy_package(&npm, &root.join("examples/extension/vendor/threatconnect"))?;

    let tests = test_files(&root.join("examples/tests"))?;
    let mut command = Command::new("node");
    command
        .current_dir(root)
        .args(["--test", "--test-concurrency=1", "--test-timeout=300000"])
        .args(&tests)
        .env("TC_SANDBOX_BIN", &sandbox)
        .env("TC_NPM_DIR", &npm)
        .env("CHROMIUM", crate::pkg::chromium());
    crate::pkg::run_group(command, LIMIT)
}

/// Empties `vendor` and copies the package's browser files into it.
fn copy_package(npm: &Path, vendor: &Path) -> Result<(), String> {
    if vendor.exists() {
        fs::remove_dir_all(vendor)
            .map_err(|e| format!("cannot empty {}: {e}", vendor.display()))?;
    }
    fs::create_dir_all(vendor).map_err(|e| format!("cannot create {}: {e}", vendor.display()))?;
    for file in VENDOR_FILES {
        let from = npm.join(file);
        if !from.exists() && *file == "README.md" {
            continue;
        }
        // fs::copy follows symbolic links, so the copy holds the files.
        fs::copy(&from, vendor.join(file)).map_err(|e| {
            format!(
                "cannot copy {} into {}: {e}",
                from.display(),
                vendor.display()
            )
        })?;
    }
    Ok(())
}

/// `*.test.mjs` in `dir`, sorted.
fn test_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs in {}", dir.display()));
    }
    Ok(files)
}
