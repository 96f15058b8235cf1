//! Making sure the tools the test run needs are installed.
//!
//! Every check is idempotent and quiet when the tool is already there; it
//! installs what it can (through rustup or `cargo install`) and otherwise
//! fails with a message saying what is missing.

use std::path::PathBuf;

use crate::cmd;

/// The wasm target the client is built and tested for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The `wasm-bindgen` CLI version; it must equal the `wasm-bindgen` crate's
/// (pinned with `=` in the root `Cargo.toml`).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// The oldest Node.js major version with a global `fetch`.
const MIN_NODE_MAJOR: u32 = 18;

/// Ensures every tool `cargo xtask test` uses.
pub fn ensure_all() -> Result<(), String> {
    ensure_component("fmt", "rustfmt")?;
    ensure_component("clippy", "clippy")?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_node()?;
    ensure_chromium()?;
    crate::web::ensure_trunk()?;
    Ok(())
}

/// Debian's Chromium and ChromeDriver for the browser tests, installed with
/// apt-get when missing (never a browser download of a test tool's own).
fn ensure_chromium() -> Result<(), String> {
    let present = || {
        std::path::Path::new("/usr/bin/chromium").is_file()
            && std::path::Path::new("/usr/bin/chromedriver").is_file()
    };
    if present() {
        return Ok(());
    }
    println!("installing Debian's chromium and chromium-driver");
    let mut update = cmd::command("apt-get");
    update.args(["update", "-q"]);
    cmd::run(update).map_err(|e| format!("apt-get update failed: {e}"))?;
    let mut install = cmd::command("apt-get");
    install
        .args(["install", "-y", "-q", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    cmd::run(install).map_err(|e| {
        format!("cannot install chromium and chromium-driver (the browser tests need them): {e}")
    })?;
    if !present() {
        return Err(
            "apt-get finished but /usr/bin/chromium or /usr/bin/chromedriver is missing".into(),
        );
    }
    Ok(())
}

/// `cargo fmt` / `cargo clippy`: adds the rustup component when the
/// subcommand does not answer `--version`.
fn ensure_component(subcommand: &str, component: &str) -> Result<(), String> {
    if cmd::output(cmd::cargo(&[subcommand, "--version"])).is_some() {
        return Ok(());
    }
    println!("installing the {component} component");
    let mut add = cmd::command("rustup");
    add.args(["component", "add", component]);
    cmd::run(add).map_err(|e| format!("cannot install {component}: {e}"))?;
    if cmd::output(cmd::cargo(&[subcommand, "--version"])).is_none() {
        return Err(format!(
            "`cargo {subcommand}` still does not work after `rustup component add {component}`"
        ));
    }
    Ok(())
}

/// The `wasm32-unknown-unknown` standard library.
fn ensure_wasm_target() -> Result<(), String> {
    if wasm_target_installed() {
        return Ok(());
    }
    println!("installing the {WASM_TARGET} target");
    let mut add = cmd::command("rustup");
    add.args(["target", "add", WASM_TARGET]);
    cmd::run(add)
        .map_err(|e| format!("cannot install the {WASM_TARGET} target (it needs rustup): {e}"))?;
    if !wasm_target_installed() {
        return Err(format!(
            "the {WASM_TARGET} target is still missing after `rustup target add`"
        ));
    }
    Ok(())
}

fn wasm_target_installed() -> bool {
    let mut list = cmd::command("rustup");
    list.args(["target", "list", "--installed"]);
    if let Some(installed) = cmd::output(list) {
        return installed.lines().any(|l| l.trim() == WASM_TARGET);
    }
    // No rustup: look in the sysroot of the `rustc` in use.
    let mut sysroot = cmd::command(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    sysroot.args(["--print", "sysroot"]);
    cmd::output(sysroot).is_some_and(|root| {
        PathBuf::from(root.trim())
            .join("lib/rustlib")
            .join(WASM_TARGET)
            .is_dir()
    })
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner`, exactly
/// [`WASM_BINDGEN_VERSION`].
fn ensure_wasm_bindgen() -> Result<(), String> {
    if wasm_bindgen_ok() {
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (this takes a few minutes)");
    cmd::run(cmd::cargo(&[
        "install",
        "wasm-bindgen-cli",
        "--version",
        WASM_BINDGEN_VERSION,
    ]))
    .map_err(|e| format!("cannot install wasm-bindgen-cli {WASM_BINDGEN_VERSION}: {e}"))?;
    if !wasm_bindgen_ok() {
        let bin = cmd::cargo_bin_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "Cargo's bin folder".into());
        return Err(format!(
            "wasm-bindgen {WASM_BINDGEN_VERSION} is still not found after installing; \
             is {bin} on PATH?"
        ));
    }
    Ok(())
}

fn wasm_bindgen_ok() -> bool {
    ["wasm-bindgen", "wasm-bindgen-test-runner"]
        .iter()
        .all(|tool| {
            let mut version = cmd::command(*tool);
            version.arg("--version");
            cmd::output(version)
                .is_some_and(|out| out.trim() == format!("{tool} {WASM_BINDGEN_VERSION}"))
        })
}

/// Node.js, which runs the wasm tests.
fn ensure_node() -> Result<(), String> {
    let mut version = cmd::command("node");
    version.arg("--version");
    let Some(out) = cmd::output(version) else {
        return Err(format!(
            "node is not installed (or not on PATH); the wasm tests run in Node.js \
             {MIN_NODE_MAJOR}+: install it, e.g. `apt-get install nodejs`"
        ));
    };
    let major = out
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m >= MIN_NODE_MAJOR => Ok(()),
        _ => Err(format!(
            "node {} is too old: the wasm tests need Node.js {MIN_NODE_MAJOR}+",
            out.trim()
        )),
    }
}
