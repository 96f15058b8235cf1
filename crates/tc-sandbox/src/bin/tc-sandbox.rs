//! `tc-sandbox`: a loopback HTTP server around the ThreatConnect API v2
//! emulator.
//!
//! ```text
//! tc-sandbox --listen 127.0.0.1:PORT [--access-id ID --secret-key KEY] [--token T]
//!            [--seed demo|empty] [--dist DIR] [--allow-remote]
//! ```
//!
//! Every request whose path starts with `/api/v2` goes to
//! [`Sandbox::handle`] with its raw target; every answer carries CORS
//! headers so a page served from anywhere can call it; `OPTIONS` preflights
//! get `204`. With `--dist`, other paths are static files from that folder
//! (with `index.html` as the single-page-app fallback).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::IntoFuture as _;
use std::io::Write as _;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clap::{Parser, ValueEnum};
use tc_sandbox::{
    DEMO_ACCESS_ID, DEMO_SECRET_KEY, DEMO_TOKEN, Fault, Sandbox, SandboxConfig, Schedule, Seed,
};
use tokio::signal::unix::{Signal, SignalKind, signal};
use tower_http::services::{ServeDir, ServeFile};

/// The largest request body the server reads (the batch API takes large
/// uploads; anything bigger is refused with 413).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// How long open connections may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

const CORS: [(&str, &str); 4] = [
    ("access-control-allow-origin", "*"),
    (
        "access-control-allow-headers",
        "Authorization, Timestamp, Content-Type, Accept, X-Requested-With",
    ),
    (
        "access-control-allow-methods",
        "GET, POST, PUT, DELETE, OPTIONS",
    ),
    (
        "access-control-expose-headers",
        "Date, Retry-After, Content-Type, Content-Length",
    ),
];

/// A loopback HTTP server emulating the ThreatConnect REST API v2.
#[derive(Debug, Parser)]
#[command(name = "tc-sandbox", version, about)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Allow listening on a non-loopback address.
    #[arg(long)]
    allow_remote: bool,
    /// The HMAC access id to accept (default: the demo access id).
    #[arg(long, requires = "secret_key")]
    access_id: Option<String>,
    /// The HMAC secret key to accept (default: the demo secret key).
    #[arg(long, requires = "access_id")]
    secret_key: Option<String>,
    /// The API token to accept (default: the demo token).
    #[arg(long)]
    token: Option<String>,
    /// The data set to start with.
    #[arg(long, value_enum, default_value_t = SeedArg::Demo)]
    seed: SeedArg,
    /// Serve static files from this folder for non-API paths.
    #[arg(long, value_name = "DIR")]
    dist: Option<PathBuf>,
    /// A seeded fault schedule, e.g. `seed=7,rate=100,kinds=429:1|502|drop`
    /// (rate in thousandths; kinds as in `X-Sandbox-Fault`).
    #[arg(long, value_name = "SPEC")]
    faults: Option<String>,
}

/// Parses `seed=N,rate=N,kinds=a|b|c` into a schedule.
fn parse_schedule(spec: &str) -> Result<Schedule, Failure> {
    let mut schedule = Schedule {
        seed: 1,
        per_mille: 100,
        kinds: Vec::new(),
    };
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key.trim() {
            "seed" => {
                schedule.seed = value
                    .trim()
                    .parse()
                    .map_err(|_| Failure::usage(format!("bad seed {value:?}")))?
            }
            "rate" => {
                schedule.per_mille = value
                    .trim()
                    .parse()
                    .map_err(|_| Failure::usage(format!("bad rate {value:?}")))?
            }
            "kinds" => {
                for kind in value.split('|') {
                    schedule.kinds.push(
                        Fault::parse(kind)
                            .ok_or_else(|| Failure::usage(format!("unknown fault {kind:?}")))?,
                    );
                }
            }
            other => return Err(Failure::usage(format!("unknown --faults key {other:?}"))),
        }
    }
    if schedule.kinds.is_empty() {
        return Err(Failure::usage("--faults needs kinds=…"));
    }
    Ok(schedule)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SeedArg {
    Demo,
    Empty,
}

impl SeedArg {
    fn seed(self) -> Seed {
        match self {
            SeedArg::Demo => Seed::Demo,
            SeedArg::Empty => Seed::Empty,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SeedArg::Demo => "demo",
            SeedArg::Empty => "empty",
        }
    }
}

/// An error with the exit code it maps to.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    fn runtime(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

#[derive(Clone)]
struct AppState {
    sandbox: Arc<Mutex<Sandbox>>,
    /// Whether `/__sandbox/…` admin requests are served (loopback only).
    admin: bool,
    /// `{prefix}/v2`: every path starting with it goes to the sandbox.
    api_root: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("tc-sandbox: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: Args) -> Result<(), Failure> {
    let addr = resolve_listen(&args.listen, args.allow_remote)?;
    if let Some(dir) = &args.dist
        && !dir.join("index.html").is_file()
    {
        return Err(Failure::usage(format!(
            "--dist {}: no index.html in that folder",
            dir.display()
        )));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(serve(args, addr))
}

/// Resolves `--listen` and refuses non-loopback addresses unless allowed.
fn resolve_listen(listen: &str, allow_remote: bool) -> Result<SocketAddr, Failure> {
    let addrs: Vec<SocketAddr> = listen
        .to_socket_addrs()
        .map_err(|e| Failure::usage(format!("--listen {listen}: not an address: {e}")))?
        .collect();
    let Some(first) = addrs.first().copied() else {
        return Err(Failure::usage(format!(
            "--listen {listen}: resolves to no address"
        )));
    };
    if !allow_remote && !addrs.iter().all(|a| a.ip().is_loopback()) {
        return Err(Failure::usage(format!(
            "refusing to listen on {listen}: it is not a loopback address, and the sandbox \
             accepts well-known demo credentials; pass --allow-remote to listen there anyway"
        )));
    }
    Ok(first)
}

async fn serve(args: Args, addr: SocketAddr) -> Result<(), Failure> {
    let defaults = SandboxConfig::default();
    let config = SandboxConfig {
        access_id: args
            .access_id
            .clone()
            .unwrap_or_else(|| DEMO_ACCESS_ID.to_string()),
        secret_key: args
            .secret_key
            .clone()
            .unwrap_or_else(|| DEMO_SECRET_KEY.to_string()),
        token: args.token.clone().unwrap_or_else(|| DEMO_TOKEN.to_string()),
        ..defaults
    };
    let mut sandbox = Sandbox::new(config, args.seed.seed());
    if let Some(spec) = &args.faults {
        sandbox.faults().set_schedule(Some(parse_schedule(spec)?));
    }
    let prefix = sandbox.config().prefix.trim_end_matches('/').to_string();
    let access_id = sandbox.config().access_id.clone();
    let secret_key = sandbox.config().secret_key.clone();
    let token = sandbox.config().token.clone();
    let state = AppState {
        sandbox: Arc::new(Mutex::new(sandbox)),
        admin: !args.allow_remote,
        api_root: format!("{prefix}/v2"),
    };

    // Register the signal handlers before announcing the address, so a
    // signal sent right after the announcement is handled.
    let graceful = Shutdown::new()?;
    let deadline = Shutdown::new()?;

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Failure::runtime(format!("cannot listen on {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::runtime(format!("cannot read the listening address: {e}")))?;
    let origin = format!("http://{local}");
    let api_base = format!("{origin}{prefix}");

    let router = match &args.dist {
        Some(dir) => Router::new()
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => {
            let page = format!(
                "tc-sandbox: an emulator of the ThreatConnect REST API v2.\n\n\
                 API base URL: {api_base}\n\
                 Endpoints live under {api_base}/v2/, e.g. {api_base}/v2/owners\n\
                 (HMAC or TC-Token authentication; see the credentials printed at start).\n"
            );
            Router::new()
                .route("/", get(move || async move { text(StatusCode::OK, page) }))
                .fallback(|| async { text(StatusCode::NOT_FOUND, "not found\n".to_string()) })
        }
    };
    let app = router.layer(middleware::from_fn_with_state(state, front));

    announce(&[
        format!("tc-sandbox listening on {origin}"),
        format!("API base URL: {api_base}"),
        format!("access id: {access_id}"),
        format!("secret key: {secret_key}"),
        format!("token: {token}"),
        format!("seed: {}", args.seed.name()),
    ])?;

    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let name = graceful.wait().await;
        eprintln!("tc-sandbox: {name} received, shutting down");
    });
    tokio::select! {
        result = server.into_future() => {
            result.map_err(|e| Failure::runtime(format!("server error: {e}")))
        }
        () = async move {
            deadline.wait().await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            eprintln!("tc-sandbox: connections still open after {SHUTDOWN_GRACE:?}; exiting");
            Ok(())
        }
    }
}

fn announce(lines: &[String]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}")
            .map_err(|e| Failure::runtime(format!("cannot write to stdout: {e}")))?;
    }
    out.flush()
        .map_err(|e| Failure::runtime(format!("cannot write to stdout: {e}")))
}

/// SIGINT and SIGTERM, registered when created.
struct Shutdown {
    interrupt: Signal,
    terminate: Signal,
}

impl Shutdown {
    fn new() -> Result<Self, Failure> {
        let register = |kind: SignalKind, name: &str| {
            signal(kind).map_err(|e| Failure::runtime(format!("cannot handle {name}: {e}")))
        };
        Ok(Shutdown {
            interrupt: register(SignalKind::interrupt(), "SIGINT")?,
            terminate: register(SignalKind::terminate(), "SIGTERM")?,
        })
    }

    /// Waits for either signal and names it.
    async fn wait(mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

/// Runs before routing: answers preflights, hands API paths to the
/// sandbox, and adds the CORS headers to every answer.
async fn front(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else if request.uri().path().starts_with(&state.api_root) {
        api(&state, request).await
    } else if request.uri().path().starts_with("/__sandbox/") && state.admin {
        admin(&state, request).await
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    for (name, value) in CORS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// Passes one request to the sandbox, exactly as received.
async fn api(state: &AppState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| parts.uri.path().to_string());
    let headers = header_pairs(&parts.headers);
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes.to_vec(),
        Err(e) => {
            return text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("cannot read the request body: {e}\n"),
            );
        }
    };
    let request = tc_sandbox::Request::new(parts.method.as_str(), target, headers, body);
    let served = {
        let mut sandbox = match state.sandbox.lock() {
            Ok(guard) => guard,
            // A panic during an earlier request must not take the server down.
            Err(poisoned) => poisoned.into_inner(),
        };
        sandbox.serve(&request, unix_now())
    };
    if served.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(served.delay_ms)).await;
    }
    match served.response {
        Some(reply) => to_response(reply),
        None => dropped(),
    }
}

/// A response whose body fails at once: hyper then closes the connection
/// without a complete answer, as a dropped connection looks to a client.
fn dropped() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("fault: connection dropped"))
    });
    let mut response = Response::new(Body::from_stream(failing));
    response.headers_mut().insert(
        HeaderName::from_static("content-length"),
        HeaderValue::from_static("1000"),
    );
    response
}

/// `/__sandbox/faults` (POST: one fault per line, appended; DELETE: clear)
/// and `/__sandbox/stats` (GET: writes and faults applied).
async fn admin(state: &AppState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, 64 * 1024)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let mut sandbox = match state.sandbox.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    match (parts.method.as_str(), parts.uri.path()) {
        ("POST", "/__sandbox/faults") => {
            let specs = String::from_utf8_lossy(&body);
            let mut faults = Vec::new();
            for line in specs.lines().filter(|l| !l.trim().is_empty()) {
                match Fault::parse(line) {
                    Some(f) => faults.push(f),
                    None => {
                        return text(StatusCode::BAD_REQUEST, format!("unknown fault {line:?}\n"));
                    }
                }
            }
            let n = faults.len();
            for f in faults {
                sandbox.faults().push(f);
            }
            text(StatusCode::OK, format!("queued {n} faults\n"))
        }
        ("DELETE", "/__sandbox/faults") => {
            sandbox.faults().clear();
            sandbox.set_clock_skew(0);
            text(StatusCode::OK, "cleared\n".into())
        }
        ("GET", "/__sandbox/stats") => {
            let json = format!(
                "{{\"writes\":{},\"faultsApplied\":{}}}",
                sandbox.write_count(),
                sandbox.faults().applied
            );
            let mut response = Response::new(Body::from(json));
            response.headers_mut().insert(
                HeaderName::from_static("content-type"),
                HeaderValue::from_static("application/json"),
            );
            response
        }
        _ => text(StatusCode::NOT_FOUND, "no such admin endpoint\n".into()),
    }
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The sandbox's answer with exactly its status, headers and body.
fn to_response(reply: tc_core::HttpResponse) -> Response {
    let Ok(status) = StatusCode::from_u16(reply.status) else {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the sandbox answered with status {}\n", reply.status),
        );
    };
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) else {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the sandbox answered with an invalid header {name:?}: {value:?}\n"),
            );
        };
        headers.append(name, value);
    }
    response
}

fn text(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
