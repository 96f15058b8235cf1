//! The web app's tasks: building it with Trunk, its size, and its browser
//! tests.
//!
//! - [`build`]: `trunk build --release` into `target/web-dist`, after
//!   making sure trunk, wasm-bindgen and wasm-opt are installed. Trunk runs
//!   offline (see `Trunk.toml`): it uses the tools on `PATH` and never
//!   downloads one. wasm-opt comes from npm `binaryen` in `target/tools`.
//! - [`first_load_gzip_size`]: what a first visit downloads, gzipped.
//! - [`e2e`]: the component tests in headless Chromium and the Playwright
//!   test against the release sandbox server serving the built app.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd;

/// The pinned trunk version (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";

/// The npm `binaryen` major version that provides wasm-opt (Debian's is too
/// old for current Rust wasm). Trunk.toml names it as `version_132`.
pub const BINARYEN_VERSION: &str = "132";

/// Debian's Chromium and ChromeDriver.
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The folder of the built app.
pub fn dist_dir() -> PathBuf {
    cmd::target_dir().join("web-dist")
}

/// Where npm installs build tools (`target/tools/node_modules/.bin`).
fn tools_bin() -> PathBuf {
    cmd::target_dir().join("tools/node_modules/.bin")
}

/// A command run from `root` with `extra` put first on `PATH` (after
/// Cargo's `bin` folder, which [`cmd::command`] adds).
fn command_in(root: &Path, program: impl Into<OsString>, extra: &[PathBuf]) -> Command {
    let mut command = cmd::command(program);
    command.current_dir(root);
    let inherited = command
        .get_envs()
        .find(|(k, _)| *k == "PATH")
        .and_then(|(_, v)| v.map(OsString::from))
        .unwrap_or_else(|| std::env::var_os("PATH").unwrap_or_default());
    let mut dirs: Vec<PathBuf> = extra.to_vec();
    dirs.extend(std::env::split_paths(&inherited));
    if let Ok(path) = std::env::join_paths(dirs) {
        command.env("PATH", path);
    }
    command
}

fn version_of(root: &Path, program: impl Into<OsString>, extra: &[PathBuf]) -> Option<String> {
    let mut version = command_in(root, program, extra);
    version.arg("--version");
    cmd::output(version).map(|v| v.trim().to_string())
}

/// Installs trunk [`TRUNK_VERSION`] with `cargo install` unless that exact
/// version is already on `PATH`. Idempotent and quiet when present.
pub fn ensure_trunk() -> Result<(), String> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    let root = cmd::root();
    if version_of(&root, "trunk", &[]).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    println!("installing trunk {TRUNK_VERSION} (this takes about 8 minutes)");
    cmd::run(cmd::cargo(&[
        "install",
        "--locked",
        "trunk",
        "--version",
        TRUNK_VERSION,
    ]))
    .map_err(|e| format!("cannot install trunk {TRUNK_VERSION}: {e}"))?;
    match version_of(&root, "trunk", &[]) {
        Some(v) if v == wanted => Ok(()),
        other => Err(format!(
            "after installing, `trunk --version` says {other:?}, not {wanted:?}; \
             is Cargo's bin folder on PATH before another trunk?"
        )),
    }
}

/// Installs wasm-opt from npm `binaryen@132` into `target/tools` unless it
/// is there. Returns the folder to put on `PATH`.
pub fn ensure_wasm_opt(root: &Path) -> Result<PathBuf, String> {
    let bin = tools_bin();
    let wanted = format!("version {BINARYEN_VERSION} ");
    let ok = |bin: &PathBuf| {
        version_of(root, bin.join("wasm-opt"), &[]).is_some_and(|v| v.contains(&wanted))
    };
    if ok(&bin) {
        return Ok(bin);
    }
    println!("installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into target/tools");
    let prefix = cmd::target_dir().join("tools");
    let mut npm = command_in(root, "npm", &[]);
    npm.arg("install")
        .arg("--no-save")
        .arg("--no-fund")
        .arg("--no-audit")
        .arg("--prefix")
        .arg(&prefix)
        .arg(format!("binaryen@{BINARYEN_VERSION}"));
    cmd::run(npm).map_err(|e| format!("cannot install binaryen (needs node and npm): {e}"))?;
    if !ok(&bin) {
        return Err(format!(
            "{} does not report wasm-opt version {BINARYEN_VERSION}",
            bin.join("wasm-opt").display()
        ));
    }
    Ok(bin)
}

/// Builds the app with `trunk build --release` into `target/web-dist`,
/// prints its first-load size, and returns the folder.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    crate::tools::ensure_all()?;
    ensure_trunk()?;
    let tools = ensure_wasm_opt(root)?;

    // Trunk runs cargo with --offline (Trunk.toml), so fetch the crates first.
    let mut fetch = command_in(root, cmd::cargo_program(), &[]);
    fetch.args(["fetch", "--target", crate::tools::WASM_TARGET]);
    cmd::run(fetch)?;

    let dist = dist_dir();
    let mut trunk = command_in(root, "trunk", &[tools]);
    trunk.args(["build", "--release", "--dist"]).arg(&dist);
    cmd::run(trunk)?;
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "trunk succeeded but {} is missing",
            dist.join("index.html").display()
        ));
    }

    let size = first_load_gzip_size(root)?;
    println!(
        "web app built in {}; first load (index.html + js + wasm + css, gzip -9): {size} bytes ({:.1} KiB)",
        dist.display(),
        size as f64 / 1024.0
    );
    Ok(dist)
}

/// The gzip size (level 9) of what a first visit loads: `index.html` and
/// every `.js`, `.wasm` and `.css` file of the built app.
pub fn first_load_gzip_size(root: &Path) -> Result<u64, String> {
    let dist = dist_dir();
    let entries = std::fs::read_dir(&dist)
        .map_err(|e| format!("cannot read {}: {e} (build the app first)", dist.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name == "index.html"
                || [".js", ".wasm", ".css"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
        })
        .collect();
    files.sort();
    if !files.iter().any(|f| f.ends_with("index.html")) {
        return Err(format!(
            "no index.html in {} (build the app first)",
            dist.display()
        ));
    }
    // The same measure as the package's (zlib level 9).
    crate::pkg::gzip_sizes(root, &files)
}

/// Builds the release sandbox server and the app, then runs the component
/// tests in headless Chromium and the Playwright end-to-end test.
/// Screenshots go to `target/screenshots`.
pub fn e2e(root: &Path) -> Result<(), String> {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).is_file() {
            return Err(format!(
                "{tool} is missing: install Debian's chromium and chromium-driver \
                 (`apt-get install chromium chromium-driver`)"
            ));
        }
    }
    let dist = build(root)?;
    let server_bin = crate::pkg::build_sandbox(root)?;

    component_tests(root)?;

    let suite = root.join("tests/e2e");
    if !suite.join("node_modules/playwright-core").is_dir() {
        let mut ci = command_in(root, "npm", &[]);
        ci.current_dir(&suite)
            .args(["ci", "--no-fund", "--no-audit"]);
        cmd::run(ci).map_err(|e| format!("cannot install the e2e packages: {e}"))?;
    }
    let mut node = command_in(root, "node", &[]);
    node.current_dir(&suite)
        .args(["--test", "--test-reporter=spec", "app.test.mjs"])
        .env("TC_SANDBOX_BIN", &server_bin)
        .env("TC_WEB_DIST", &dist)
        .env("TC_SCREENSHOTS", cmd::target_dir().join("screenshots"))
        .env("CHROMIUM", CHROMIUM);
    cmd::run(node)
}

/// `web/tests/*.rs` with wasm-bindgen-test-runner in headless Chromium
/// (capabilities from `web/webdriver.json`).
pub fn component_tests(root: &Path) -> Result<(), String> {
    let mut test = command_in(root, cmd::cargo_program(), &[]);
    test.args([
        "test",
        "-p",
        "tc-web",
        "--target",
        crate::tools::WASM_TARGET,
        "--tests",
    ])
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    )
    .env("CHROMEDRIVER", CHROMEDRIVER)
    .env(
        "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
        root.join("web/webdriver.json"),
    )
    .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    cmd::run(test)
}
