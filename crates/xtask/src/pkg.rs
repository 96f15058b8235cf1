//! The npm package: `cargo xtask pkg` builds it into `target/npm/`, and the
//! package tests run it in Node, headless Chromium and workerd against the
//! sandbox server.
//!
//! The package is `crates/tc-js` built for wasm32 (release profile with
//! `opt-level = 3`, in its own target folder `target/npm-build` so that it
//! does not fight other release builds over the profile), bound with
//! `wasm-bindgen --target web`, optimised with `wasm-opt -O3` from npm
//! `binaryen` (`web::ensure_wasm_opt`, into `target/tools`), plus the
//! hand-written ESM wrapper, entry points and types from `crates/tc-js/js/`.
//!
//! Every process started here has a deadline and is killed by its pid (or
//! its own process group) when the deadline passes, and servers are also
//! killed when the step that started them ends, however it ends.

use std::collections::hash_map::DefaultHasher;
use std::ffi::OsString;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The wasm target.
const TARGET: &str = "wasm32-unknown-unknown";

/// The features Rust's wasm32 target emits; `wasm-opt` must accept them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The Chromium flags that work on this kind of machine (plus a fresh
/// `--user-data-dir` each run); the test runners add `--headless` and
/// `--no-sandbox`.
const CHROMIUM_FLAGS: &[&str] = &[
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

const MINUTE: Duration = Duration::from_secs(60);

/// The package's Rust and `wasm-opt` optimisation levels. Measured on
/// 2026-12-03 (BENCHMARKS.md): `"z"` gives 419 KiB of gzipped wasm but
/// reads a 10,000-indicator page 1.7–2.1x slower than bare `fetch` +
/// `JSON.parse`; `3` gives ~550 KiB and 1.1–1.25x. Speed wins: extensions
/// load the module from disk, edge hosts bill CPU time, and the size
/// target is out of reach either way.
const OPT_LEVEL: (&str, &str) = ("profile.release.opt-level=3", "-O3");

/// Builds the npm package into `target/npm/` and returns that folder.
///
/// `release` builds with the release profile and runs `wasm-opt` (see
/// [`OPT_LEVEL`] for why speed over size);
/// without it the dev profile is used and the module is not optimised (for
/// quick local iterations only). Prints the gzip size of the `.wasm` and of
/// the whole package.
pub fn pkg(root: &Path, release: bool) -> Result<PathBuf, String> {
    let flavor = if release { Some(Flavor::SPEED) } else { None };
    build_package(root, flavor)
}

/// How a release package is optimised.
#[derive(Debug, Clone, Copy)]
pub struct Flavor {
    /// The `cargo --config` that sets the Rust optimisation level.
    pub cargo_config: &'static str,
    /// The `wasm-opt` level.
    pub wasm_opt: &'static str,
    /// The folders under `target/`: the build's, and the package's.
    pub dirs: (&'static str, &'static str),
}

impl Flavor {
    /// The package as shipped (see [`OPT_LEVEL`]).
    pub const SPEED: Flavor = Flavor {
        cargo_config: OPT_LEVEL.0,
        wasm_opt: OPT_LEVEL.1,
        dirs: ("npm-build", "npm"),
    };
    /// The same package optimised for size, built by `cargo xtask bench`
    /// to measure what the speed costs.
    pub const SIZE: Flavor = Flavor {
        cargo_config: "profile.release.opt-level=\"z\"",
        wasm_opt: "-Oz",
        dirs: ("npm-build-size", "npm-size"),
    };
}

/// Builds a package into `target/<flavor's folder>` (`target/npm` for the
/// debug build) and returns that folder.
pub fn build_package(root: &Path, flavor: Option<Flavor>) -> Result<PathBuf, String> {
    let target = crate::cmd::target_dir();
    let (build_name, out_name) = flavor.map_or(Flavor::SPEED.dirs, |f| f.dirs);
    let build_dir = target.join(build_name);
    let out = target.join(out_name);
    let js = root.join("crates/tc-js/js");
    let release = flavor.is_some();

    // 1. The module.
    let mut build = command(root, crate::cmd::cargo_program());
    build.args(["build", "--target", TARGET, "-p", "tc-js", "--target-dir"]);
    build.arg(&build_dir);
    if let Some(flavor) = flavor {
        build.args(["--release", "--config", flavor.cargo_config]);
    }
    run(build, 30 * MINUTE)?;
    let profile = if release { "release" } else { "debug" };
    let wasm = build_dir.join(TARGET).join(profile).join("tc_js.wasm");
    if !wasm.is_file() {
        return Err(format!(
            "the build succeeded but {} is missing",
            wasm.display()
        ));
    }

    // 2. The bindings, into a staging folder.
    let staging = build_dir.join("bindgen");
    remove_dir(&staging)?;
    let mut bindgen = command(root, "wasm-bindgen");
    bindgen
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "tc_js",
            "--out-dir",
        ])
        .arg(&staging)
        .arg(&wasm);
    run(bindgen, 5 * MINUTE)?;

    // 3. The package folder.
    remove_dir(&out)?;
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    copy(&staging.join("tc_js.js"), &out.join("tc_js.js"))?;
    let bound = staging.join("tc_js_bg.wasm");
    let final_wasm = out.join("tc_js_bg.wasm");
    if let Some(flavor) = flavor {
        optimise(root, &build_dir, flavor.wasm_opt, &bound, &final_wasm)?;
    } else {
        copy(&bound, &final_wasm)?;
    }
    for file in ["index.js", "index.d.ts", "node.js", "workerd.js"] {
        copy(&js.join(file), &out.join(file))?;
    }
    copy(&root.join("crates/tc-js/README.md"), &out.join("README.md"))?;
    write_package_json(root, &js.join("package.json"), &out.join("package.json"))?;

    // 4. Sizes.
    let wasm_gz = gzip_sizes(root, std::slice::from_ref(&final_wasm))?;
    let total_gz = folder_gzip_size(root, &out)?;
    let raw = fs::metadata(&final_wasm).map(|m| m.len()).unwrap_or(0);
    println!(
        "npm package in {}: tc_js_bg.wasm {} ({} gzip), whole package {} gzip",
        out.display(),
        kib(raw),
        kib(wasm_gz),
        kib(total_gz)
    );
    Ok(out)
}

/// The gzip (level 9) size of every file of the built package in
/// `target/npm/`, added up: what a user downloads.
pub fn package_gzip_size(root: &Path) -> Result<u64, String> {
    folder_gzip_size(root, &crate::cmd::target_dir().join("npm"))
}

/// The gzip (level 9) size of every file in `out`, added up.
pub fn folder_gzip_size(root: &Path, out: &Path) -> Result<u64, String> {
    let mut files = Vec::new();
    let entries = fs::read_dir(out).map_err(|e| {
        format!(
            "cannot read {} (run `cargo xtask pkg` first): {e}",
            out.display()
        )
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    gzip_sizes(root, &files)
}

/// Runs the package tests:
///
/// 1. the wasm-bindgen tests of `crates/tc-js/tests/` in Node and in
///    headless Chromium, against a sandbox server on loopback (its URL goes
///    in at compile time as `TC_SANDBOX_URL`);
/// 2. `node --test` over `tests/npm/`: the built package in Node, in a page
///    and in an MV3 extension's service worker in headless Chromium
///    (playwright-core with Debian's chromium) and in workerd, each test
///    file against its own sandbox server;
/// 3. `tsc --strict --noEmit` over `tests/npm/usage.ts`.
///
/// Builds the package and the sandbox server first, and installs the npm
/// dev dependencies of `tests/npm` when `node_modules` is missing.
pub fn npm_tests(root: &Path) -> Result<(), String> {
    pkg(root, true)?;
    let sandbox = build_sandbox(root)?;

    // 1. wasm-bindgen tests, one sandbox for both hosts (the tests clean up
    //    what they write and use names unique to each run).
    {
        let server = Sandbox::start(&sandbox)?;
        println!("sandbox for the wasm tests: {}", server.url);
        wasm_tests(root, &server.url, false)?;
        wasm_tests(root, &server.url, true)?;
    }

    // 2. The built package.
    let npm_dir = root.join("tests/npm");
    ensure_npm_deps(root, &npm_dir)?;
    let mut node = command(root, "node");
    node.current_dir(&npm_dir)
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-timeout=180000",
            "node.test.mjs",
            "browser.test.mjs",
            "extension.test.mjs",
            "workerd.test.mjs",
        ])
        .env("TC_SANDBOX_BIN", &sandbox)
        .env("TC_NPM_DIR", crate::cmd::target_dir().join("npm"))
        .env("CHROMIUM", chromium());
    run_group(node, 10 * MINUTE)?;

    // 3. The types.
    let mut tsc = command(root, "node");
    tsc.current_dir(&npm_dir)
        .arg("node_modules/typescript/bin/tsc")
        .args(["-p", "tsconfig.json"]);
    run(tsc, 5 * MINUTE)?;
    println!("tsc --strict --noEmit tests/npm/usage.ts: ok");
    Ok(())
}

// ---------------------------------------------------------------------------
// Steps

/// `wasm-opt`, skipped when the input and flags are those of last time.
fn optimise(
    root: &Path,
    build_dir: &Path,
    level: &str,
    input: &Path,
    output: &Path,
) -> Result<(), String> {
    let bytes = fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    level.hash(&mut hasher);
    let stamp = format!("{:016x}-{}", hasher.finish(), bytes.len());
    let cached = build_dir.join("tc_js_bg.opt.wasm");
    let stamp_file = build_dir.join("tc_js_bg.opt.stamp");
    if cached.is_file() && fs::read_to_string(&stamp_file).ok().as_deref() == Some(&stamp) {
        println!("wasm-opt: input unchanged, reusing {}", cached.display());
        return copy(&cached, output);
    }
    let wasm_opt = crate::web::ensure_wasm_opt(root)?.join("wasm-opt");
    let mut opt = command(root, &wasm_opt);
    opt.args([level, "--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg(input)
        .arg("-o")
        .arg(&cached);
    run(opt, 10 * MINUTE)?;
    fs::write(&stamp_file, stamp)
        .map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    copy(&cached, output)
}

/// The template's `"version"` replaced by the workspace version.
fn write_package_json(root: &Path, template: &Path, out: &Path) -> Result<(), String> {
    let text = fs::read_to_string(template)
        .map_err(|e| format!("cannot read {}: {e}", template.display()))?;
    let version = workspace_version(root)?;
    let key = "\"version\": \"0.0.0\"";
    if !text.contains(key) {
        return Err(format!("{} has no {key} to replace", template.display()));
    }
    let text = text.replacen(key, &format!("\"version\": \"{version}\""), 1);
    fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// `version` of `[workspace.package]` in the root `Cargo.toml`.
fn workspace_version(root: &Path) -> Result<String, String> {
    let manifest = root.join("Cargo.toml");
    let text = fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[workspace.package]";
        } else if in_section
            && let Some(value) = line.strip_prefix("version")
            && let Some(value) = value.trim_start().strip_prefix('=')
        {
            return Ok(value.trim().trim_matches('"').to_string());
        }
    }
    Err(format!(
        "no version in [workspace.package] of {}",
        manifest.display()
    ))
}

/// gzip -9 sizes of files, added up (Node's zlib: the tests need Node anyway).
pub(crate) fn gzip_sizes(root: &Path, files: &[PathBuf]) -> Result<u64, String> {
    let script = "const z=require('zlib'),f=require('fs');let t=0;\
                  for(const p of process.argv.slice(1))t+=z.gzipSync(f.readFileSync(p),{level:9}).length;\
                  console.log(t)";
    let mut node = command(root, "node");
    node.arg("-e").arg(script).args(files);
    let text = output(node, MINUTE)?;
    text.trim()
        .parse()
        .map_err(|_| format!("node printed {text:?} instead of a size"))
}

/// Builds the sandbox server (release, `server` feature) and returns its
/// binary: the one server every step and `serve` run.
pub(crate) fn build_sandbox(root: &Path) -> Result<PathBuf, String> {
    let mut build = command(root, crate::cmd::cargo_program());
    build.args([
        "build",
        "--release",
        "-p",
        "tc-sandbox",
        "--features",
        "server",
    ]);
    run(build, 30 * MINUTE)?;
    let bin = crate::cmd::target_dir().join("release").join("tc-sandbox");
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "the build succeeded but {} is missing",
            bin.display()
        ))
    }
}

/// The wasm-bindgen tests of `tc-js` in Node, or in headless Chromium.
fn wasm_tests(root: &Path, url: &str, browser: bool) -> Result<(), String> {
    let mut test = command(root, crate::cmd::cargo_program());
    test.args(["test", "--target", TARGET, "-p", "tc-js", "--tests"])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("TC_SANDBOX_URL", url)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    let mut profile = None;
    if browser {
        let driver = Path::new("/usr/bin/chromedriver");
        if !driver.is_file() {
            return Err("headless wasm tests need chromedriver (Debian: chromium-driver)".into());
        }
        let dir = fresh_dir("chromium-profile")?;
        let caps = dir.join("webdriver.json");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| format!("{f:?}")).collect();
        args.push(format!(
            "\"--user-data-dir={}\"",
            dir.join("profile").display()
        ));
        let json = format!(
            "{{\"goog:chromeOptions\":{{\"binary\":{:?},\"args\":[{}]}}}}",
            chromium(),
            args.join(",")
        );
        fs::write(&caps, json).map_err(|e| format!("cannot write {}: {e}", caps.display()))?;
        test.env("WASM_BINDGEN_USE_BROWSER", "1")
            .env("CHROMEDRIVER", driver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps);
        profile = Some(dir);
    }
    let result = run_group(test, 20 * MINUTE);
    if let Some(dir) = profile {
        let _ = fs::remove_dir_all(dir);
    }
    result
}

/// Installs the npm dev dependencies of `dir` with `npm ci` unless the
/// installed tree was made from the same `package-lock.json` (a stamp in
/// `node_modules` holds the lockfile's hash), so a changed lockfile is
/// picked up and an unchanged one costs nothing.
pub(crate) fn ensure_npm_deps(root: &Path, dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let stamp_file = dir.join("node_modules/.tc-lock-stamp");
    let stamp = fs::read(&lock).ok().map(|bytes| {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        format!("{:016x}-{}", hasher.finish(), bytes.len())
    });
    if stamp.is_some() && fs::read_to_string(&stamp_file).ok() == stamp {
        return Ok(());
    }
    let mut npm = command(root, "npm");
    npm.current_dir(dir);
    if stamp.is_some() {
        npm.args(["ci", "--no-audit", "--no-fund"]);
    } else {
        npm.args(["install", "--no-audit", "--no-fund"]);
    }
    run(npm, 10 * MINUTE)?;
    if let Some(stamp) = stamp {
        fs::write(&stamp_file, stamp)
            .map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    }
    Ok(())
}

/// Debian's Chromium, or `$CHROMIUM`.
pub(crate) fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

// ---------------------------------------------------------------------------
// The sandbox server

/// A running `tc-sandbox --listen 127.0.0.1:0 --seed demo`, killed on drop.
struct Sandbox {
    child: Child,
    url: String,
}

impl Sandbox {
    fn start(bin: &Path) -> Result<Sandbox, String> {
        let mut child = Command::new(bin)
            .args(["--listen", "127.0.0.1:0", "--seed", "demo"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let Some(stdout) = child.stdout.take() else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the sandbox has no stdout".into());
        };
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("API base URL: ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let mut server = Sandbox {
            child,
            url: String::new(),
        };
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => {
                server.url = url;
                Ok(server)
            }
            // `server` is dropped here, which kills the process.
            Err(_) => Err("the sandbox did not print its URL within 30 s".into()),
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------
// Commands

/// [`crate::cmd::command`] from `root`, with no standard input.
fn command(root: &Path, program: impl Into<OsString>) -> Command {
    let mut command = crate::cmd::command(program);
    command.current_dir(root).stdin(Stdio::null());
    command
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Waits for `child` until `limit`; kills it (and with `group`, its process
/// group) when the limit passes.
fn wait(mut child: Child, shown: &str, limit: Duration, group: bool) -> Result<(), String> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("`{shown}` failed ({status})")),
            Ok(None) if started.elapsed() < limit => thread::sleep(Duration::from_millis(100)),
            Ok(None) => {
                if group {
                    // The child leads its own group: this ends it and
                    // whatever it started, and nothing else.
                    let _ = Command::new("kill")
                        .args(["-KILL", &format!("-{}", child.id())])
                        .status();
                }
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{shown}` did not finish within {limit:?} and was killed"
                ));
            }
            Err(e) => return Err(format!("cannot wait for `{shown}`: {e}")),
        }
    }
}

/// Runs a command with inherited output and a deadline.
fn run(mut command: Command, limit: Duration) -> Result<(), String> {
    let shown = describe(&command);
    println!("$ {shown}");
    let child = command
        .spawn()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    wait(child, &shown, limit, false)
}

/// [`run`] in a process group of its own, so that a deadline also ends the
/// browsers, drivers and servers it started.
pub(crate) fn run_group(mut command: Command, limit: Duration) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    let shown = describe(&command);
    println!("$ {shown}");
    let child = command
        .spawn()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    wait(child, &shown, limit, cfg!(unix))
}

/// Runs a command quietly with a deadline and returns its stdout.
fn output(mut command: Command, limit: Duration) -> Result<String, String> {
    let shown = describe(&command);
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    let mut stdout = child.stdout.take();
    let reader = thread::spawn(move || {
        let mut text = String::new();
        if let Some(out) = stdout.as_mut() {
            let _ = out.read_to_string(&mut text);
        }
        text
    });
    wait(child, &shown, limit, false)?;
    reader
        .join()
        .map_err(|_| format!("cannot read the output of `{shown}`"))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// An empty folder under `target/tc-js-tests/`.
fn fresh_dir(name: &str) -> Result<PathBuf, String> {
    let dir = crate::cmd::target_dir()
        .join("tc-js-tests")
        .join(format!("{name}-{}", std::process::id()));
    remove_dir(&dir)?;
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}
