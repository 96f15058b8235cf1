//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `cargo xtask test`: everything CI checks, in order, stopping at the
//!   first failure (this is what `.ci/run` runs).
//! - `cargo xtask serve [--port N] [--seed demo|empty]`: builds and runs the
//!   sandbox server in the foreground.
//! - `cargo xtask bench`: runs the benchmarks and writes BENCHMARKS.md.
//! - `cargo xtask web` / `cargo xtask e2e`: builds the app / runs its
//!   browser tests.
//! - `cargo xtask pkg` / `cargo xtask size`: builds the npm package /
//!   reports gzip sizes against `size-budgets.json`.

mod bench;
mod cmd;
mod examples;
mod pkg;
mod size;
mod tools;
mod web;

use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", about = "Project tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Run every check CI runs: tools, fmt, clippy, tests, wasm builds and
    /// wasm tests in Node.
    Test,
    /// Run the benchmarks and write BENCHMARKS.md.
    Bench,
    /// Build the npm package into target/npm.
    Pkg,
    /// Report gzip sizes and check them against size-budgets.json.
    Size,
    /// Build the web app into target/web-dist.
    Web,
    /// Build the app and run its component tests and end-to-end test.
    E2e,
    /// Build the sandbox server and run it in the foreground.
    Serve {
        /// Port on 127.0.0.1 to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The data set the sandbox starts with.
        #[arg(long, value_enum, default_value_t = SeedArg::Demo)]
        seed: SeedArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SeedArg {
    Demo,
    Empty,
}

impl SeedArg {
    fn name(self) -> &'static str {
        match self {
            SeedArg::Demo => "demo",
            SeedArg::Empty => "empty",
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Test => test(),
        Task::Bench => tools::ensure_all().and_then(|()| bench::bench(&cmd::root())),
        Task::Pkg => pkg::pkg(&cmd::root(), true).map(|_| ()),
        Task::Size => size::size(&cmd::root()),
        Task::Web => web::build(&cmd::root()).map(|_| ()),
        Task::E2e => web::e2e(&cmd::root()),
        Task::Serve { port, seed } => serve(port, seed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

type Step = (&'static str, fn() -> Result<(), String>);

const STEPS: &[Step] = &[
    ("ensure tools", tools::ensure_all),
    ("cargo fmt --check", fmt),
    ("cargo clippy", clippy),
    ("cargo test (host tests and doctests)", host_tests),
    ("sandbox server test", server_test),
    ("wasm32 builds", wasm_builds),
    ("wasm tests in Node", wasm_tests),
    (
        "npm package: clippy, build and tests (Node, Chromium, MV3, workerd, tsc)",
        npm_tests,
    ),
    (
        "examples: MV3 extension, edge worker in workerd, portal page",
        examples,
    ),
    ("web app: clippy for wasm32", web_clippy),
    (
        "web app: build, component tests in Chromium, end-to-end test",
        web_e2e,
    ),
    ("size budgets", size_budgets),
];

/// `cargo clippy <selection> --all-targets -- -D warnings`.
fn clippy_of(selection: &[&str]) -> Result<(), String> {
    let mut args = vec!["clippy"];
    args.extend_from_slice(selection);
    args.extend_from_slice(&["--all-targets", "--", "-D", "warnings"]);
    cmd::run(cmd::cargo(&args))
}

fn npm_tests() -> Result<(), String> {
    clippy_of(&["-p", "tc-js", "--target", tools::WASM_TARGET])?;
    pkg::npm_tests(&cmd::root())
}

fn examples() -> Result<(), String> {
    examples::examples_tests(&cmd::root())
}

fn size_budgets() -> Result<(), String> {
    size::size(&cmd::root())
}

fn web_clippy() -> Result<(), String> {
    clippy_of(&["-p", "tc-web", "--target", tools::WASM_TARGET])
}

fn web_e2e() -> Result<(), String> {
    web::e2e(&cmd::root())
}

/// Runs every step, stopping at the first failure.
fn test() -> Result<(), String> {
    let started = Instant::now();
    for (index, (name, step)) in STEPS.iter().enumerate() {
        println!("==> {name}");
        let step_started = Instant::now();
        if let Err(message) = step() {
            println!(
                "xtask test: FAILED at step {}/{} ({name}) after {:.0?}",
                index + 1,
                STEPS.len(),
                started.elapsed()
            );
            return Err(message);
        }
        println!("    ({name}: ok in {:.1?})", step_started.elapsed());
    }
    println!(
        "xtask test: all {} steps succeeded in {:.0?}",
        STEPS.len(),
        started.elapsed()
    );
    Ok(())
}

fn fmt() -> Result<(), String> {
    cmd::run(cmd::cargo(&["fmt", "--all", "--check"]))
}

fn clippy() -> Result<(), String> {
    clippy_of(&["--workspace"])?;
    clippy_of(&["-p", "tc-sandbox", "--features", "server"])
}

fn host_tests() -> Result<(), String> {
    cmd::run(cmd::cargo(&["test", "--workspace"]))
}

fn server_test() -> Result<(), String> {
    cmd::run(cmd::cargo(&[
        "test",
        "-p",
        "tc-sandbox",
        "--features",
        "server",
        "--test",
        "server",
    ]))
}

fn wasm_builds() -> Result<(), String> {
    cmd::run(cmd::cargo(&[
        "build",
        "--target",
        tools::WASM_TARGET,
        "-p",
        "tc-core",
        "-p",
        "tc-sandbox",
    ]))?;
    cmd::run(cmd::cargo(&[
        "build",
        "--target",
        tools::WASM_TARGET,
        "-p",
        "tc-core",
        "--features",
        "fetch",
    ]))
}

fn wasm_tests() -> Result<(), String> {
    if !cmd::root().join("crates/tc-core/tests/wasm.rs").is_file() {
        println!("    skipped: crates/tc-core/tests/wasm.rs does not exist yet");
        return Ok(());
    }
    // Only the wasm suite: the other test targets are host tests (proptest,
    // fixtures on disk) and the doctests already ran on the host.
    let mut test = cmd::cargo(&[
        "test",
        "--target",
        tools::WASM_TARGET,
        "-p",
        "tc-core",
        "--test",
        "wasm",
    ]);
    test.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    );
    cmd::run(test)
}

/// Builds the server and replaces this process with it.
fn serve(port: u16, seed: SeedArg) -> Result<(), String> {
    web::build(&cmd::root())?;
    let binary = pkg::build_sandbox(&cmd::root())?;
    let mut server = cmd::command(&binary);
    server.args([
        "--listen".to_string(),
        format!("127.0.0.1:{port}"),
        "--seed".to_string(),
        seed.name().to_string(),
    ]);
    let dist = cmd::target_dir().join("web-dist");
    if dist.join("index.html").is_file() {
        server.arg("--dist").arg(&dist);
        println!("serving the web app from {}", dist.display());
        println!("open http://127.0.0.1:{port}/ in a browser; Ctrl-C stops the server");
    } else {
        println!(
            "no built web app in {} (API only); Ctrl-C stops the server",
            dist.display()
        );
    }
    exec(server)
}

/// Runs the server in place of this process, so Ctrl-C and SIGTERM reach it
/// directly and its exit status is the task's.
#[cfg(unix)]
fn exec(mut command: std::process::Command) -> Result<(), String> {
    use std::os::unix::process::CommandExt as _;
    let shown = cmd::describe(&command);
    let error = command.exec();
    Err(format!("cannot run `{shown}`: {error}"))
}

/// Runs the server as a child in the foreground (it shares the console, so
/// it gets Ctrl-C itself) and passes on its exit status.
#[cfg(not(unix))]
fn exec(mut command: std::process::Command) -> Result<(), String> {
    let shown = cmd::describe(&command);
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` exited with {status}"))
    }
}
