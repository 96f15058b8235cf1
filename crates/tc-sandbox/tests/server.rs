//! End-to-end tests of the `tc-sandbox` server binary over loopback: signed
//! requests built by `tc_core`, sent with `ureq`, and read back with the
//! calls' own parsers.
#![cfg(feature = "server")]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use tc_core::{ApiError, Config, Error, HttpRequest, HttpResponse, api};
use tc_sandbox::{DEMO_ACCESS_ID, DEMO_SECRET_KEY, DEMO_TOKEN};

mod probes;

const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
const EXIT_TIMEOUT: Duration = Duration::from_secs(10);
/// The server prints six lines at start.
const MAX_STARTUP_LINES: usize = 50;
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// A running server; killed when dropped so a failing test leaves no
/// process behind.
struct Server {
    child: Child,
    port: u16,
    banner: Vec<String>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tc-sandbox"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn tc-sandbox");
        let stdout = child.stdout.take().expect("child stdout");
        // Guard first, so the child is killed even if startup fails.
        let mut server = Server {
            child,
            port: 0,
            banner: Vec::new(),
        };
        let (tx, rx) = mpsc::channel::<String>();
        // Reads every line until EOF, so the child never blocks on a full pipe.
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let mut api_line_seen = false;
        for _ in 0..MAX_STARTUP_LINES {
            let remaining = deadline.saturating_duration_since(Instant::now());
            let line = match rx.recv_timeout(remaining) {
                Ok(line) => line,
                Err(e) => panic!(
                    "no complete start-up banner within {STARTUP_TIMEOUT:?} ({e}); got {:?}",
                    server.banner
                ),
            };
            if let Some(rest) = line.strip_prefix("tc-sandbox listening on http://127.0.0.1:") {
                server.port = rest.trim().parse().expect("port in the banner");
            }
            api_line_seen |= line.starts_with("API base URL: ");
            let done = line.starts_with("seed: ");
            server.banner.push(line);
            if done {
                break;
            }
        }
        assert!(
            server.port != 0 && api_line_seen,
            "banner lacks the address lines: {:?}",
            server.banner
        );
        server
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed: {status}");
    }

    /// Waits for the child to exit, at most [`EXIT_TIMEOUT`].
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + EXIT_TIMEOUT;
        for _ in 0..10_000 {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "tc-sandbox did not exit within {EXIT_TIMEOUT:?}"
            );
            thread::sleep(Duration::from_millis(20));
        }
        panic!("tc-sandbox did not exit");
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}/api", self.port)
    }

    fn hmac_config(&self, secret_key: &str) -> Config {
        Config::builder(self.base())
            .hmac(DEMO_ACCESS_ID, secret_key)
            .build()
            .expect("config")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(10))
        .redirects(0)
        .build()
}

/// Sends exactly the request's method, URL, headers and body.
fn send(agent: &ureq::Agent, request: &HttpRequest) -> HttpResponse {
    let mut call = agent.request(request.method().as_str(), &request.url());
    for (name, value) in request.headers() {
        call = call.set(name, value);
    }
    let result = if request.body().is_empty() {
        call.call()
    } else {
        call.send_bytes(request.body())
    };
    into_response(result)
}

fn into_response(result: Result<ureq::Response, ureq::Error>) -> HttpResponse {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(e) => panic!("transport error: {e}"),
    };
    let status = response.status();
    let mut headers = Vec::new();
    for name in response.headers_names() {
        for value in response.all(&name) {
            headers.push((name.clone(), value.to_string()));
        }
    }
    let mut body = Vec::new();
    response
        .into_reader()
        .take(MAX_BODY)
        .read_to_end(&mut body)
        .expect("read body");
    HttpResponse {
        status,
        headers,
        body,
    }
}

fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn json_body(response: &HttpResponse) -> Value {
    serde_json::from_slice(&response.body).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&response.body)
        )
    })
}

fn assert_json_content_type(response: &HttpResponse) {
    assert_eq!(
        header(response, "Content-Type"),
        Some("application/json"),
        "headers: {:?}",
        response.headers
    );
}

fn assert_cors(response: &HttpResponse) {
    assert_eq!(
        header(response, "Access-Control-Allow-Origin"),
        Some("*"),
        "headers: {:?}",
        response.headers
    );
    let expose = header(response, "Access-Control-Expose-Headers").unwrap_or_default();
    for name in ["Date", "Retry-After", "Content-Type", "Content-Length"] {
        assert!(
            expose.contains(name),
            "expose headers {expose:?} lack {name}"
        );
    }
}

/// An API failure with this status and message, from the call's parser.
fn assert_api_failure<T: std::fmt::Debug>(parsed: tc_core::Result<T>, status: u16, message: &str) {
    match parsed {
        Err(Error::Api(ApiError {
            status: got_status,
            message: Some(got_message),
            ..
        })) => {
            assert_eq!(got_status, status);
            assert_eq!(got_message, message);
        }
        other => panic!("expected API failure {status} {message:?}, got {other:?}"),
    }
}

#[test]
fn serves_the_api_over_loopback_and_stops_on_sigterm() {
    let mut server = Server::start(&["--listen", "127.0.0.1:0", "--seed", "demo"]);
    let port = server.port;
    assert_eq!(
        server.banner,
        vec![
            format!("tc-sandbox listening on http://127.0.0.1:{port}"),
            format!("API base URL: http://127.0.0.1:{port}/api"),
            format!("access id: {DEMO_ACCESS_ID}"),
            format!("secret key: {DEMO_SECRET_KEY}"),
            format!("token: {DEMO_TOKEN}"),
            "seed: demo".to_string(),
        ]
    );
    let agent = agent();
    let config = server.hmac_config(DEMO_SECRET_KEY);

    // Signed GET /api/v2/owners.
    let owners = api::owners().list();
    let response = send(&agent, &owners.request(&config, now()).expect("request"));
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    assert_json_content_type(&response);
    assert_cors(&response);
    assert!(header(&response, "Date").is_some(), "no Date header");
    let page = owners.parse(&response).expect("owners page");
    assert!(
        page.items.iter().any(|o| o.name == "Demo Organization"),
        "owners: {:?}",
        page.items
    );

    // GET /api/v2/whoami.
    let whoami = api::whoami();
    let response = send(&agent, &whoami.request(&config, now()).expect("request"));
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    assert_json_content_type(&response);
    let user = whoami.parse(&response).expect("user");
    assert!(user.user_name.is_some(), "user: {user:?}");

    // The fixed token works too.
    let token_config = Config::builder(server.base())
        .token(DEMO_TOKEN)
        .build()
        .expect("token config");
    let response = send(
        &agent,
        &owners.request(&token_config, now()).expect("request"),
    );
    assert_eq!(
        response.status,
        200,
        "{}",
        String::from_utf8_lossy(&response.body)
    );

    // A bad signature.
    let wrong = server.hmac_config("not-the-secret-key");
    let response = send(&agent, &owners.request(&wrong, now()).expect("request"));
    assert_eq!(response.status, 403);
    assert_json_content_type(&response);
    assert_cors(&response);
    assert_eq!(
        json_body(&response),
        json!({"status": "Failure", "message": "Signature data did not match expected result"})
    );
    assert_api_failure(
        owners.parse(&response),
        403,
        "Signature data did not match expected result",
    );

    // A timestamp outside the ±300 s window.
    let response = send(
        &agent,
        &owners.request(&config, now() - 301).expect("request"),
    );
    assert_eq!(response.status, 403);
    assert_json_content_type(&response);
    assert_api_failure(
        owners.parse(&response),
        403,
        "Timestamp out of acceptable time range",
    );

    // An owner the demo user cannot see.
    let restricted = api::indicators().list().owner("Restricted Community");
    let response = send(
        &agent,
        &restricted.request(&config, now()).expect("request"),
    );
    assert_eq!(
        response.status,
        403,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    assert_json_content_type(&response);
    assert_eq!(
        json_body(&response),
        json!({"status": "Failure", "message": "The requested owner was not found"})
    );
    assert_api_failure(
        restricted.parse(&response),
        403,
        "The requested owner was not found",
    );

    // A CORS preflight is answered without authentication.
    let preflight = agent
        .request("OPTIONS", &format!("{}/v2/owners", server.base()))
        .set("Origin", "http://localhost:5173")
        .set("Access-Control-Request-Method", "GET")
        .set("Access-Control-Request-Headers", "authorization, timestamp")
        .call();
    let response = into_response(preflight);
    assert_eq!(response.status, 204);
    assert_cors(&response);
    let allow_headers = header(&response, "Access-Control-Allow-Headers").unwrap_or_default();
    for name in [
        "Authorization",
        "Timestamp",
        "Content-Type",
        "Accept",
        "X-Requested-With",
    ] {
        assert!(
            allow_headers.contains(name),
            "allow headers {allow_headers:?} lack {name}"
        );
    }
    let allow_methods = header(&response, "Access-Control-Allow-Methods").unwrap_or_default();
    for method in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(
            allow_methods.contains(method),
            "allow methods {allow_methods:?} lack {method}"
        );
    }

    // Without --dist, `/` says where the API is.
    let response = into_response(agent.get(&format!("http://127.0.0.1:{port}/")).call());
    assert_eq!(response.status, 200);
    let page = String::from_utf8_lossy(&response.body);
    assert!(
        page.contains(&format!("http://127.0.0.1:{port}/api")),
        "index page: {page}"
    );

    // SIGTERM stops it cleanly.
    server.signal("TERM");
    let status = server.wait_exit();
    assert!(status.success(), "exit status after SIGTERM: {status}");
}

#[test]
fn stops_cleanly_on_sigint() {
    let mut server = Server::start(&["--listen", "127.0.0.1:0", "--seed", "empty"]);
    assert_eq!(
        server.banner.last().map(String::as_str),
        Some("seed: empty")
    );
    server.signal("INT");
    let status = server.wait_exit();
    assert!(status.success(), "exit status after SIGINT: {status}");
}

#[test]
fn refuses_non_loopback_addresses() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tc-sandbox"))
        .args(["--listen", "0.0.0.0:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tc-sandbox");
    let deadline = Instant::now() + EXIT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tc-sandbox kept running on a non-loopback address");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("--allow-remote"), "stderr: {stderr}");
}

/// A scratch folder, removed when dropped.
struct ScratchDir(std::path::PathBuf);

impl ScratchDir {
    fn new(tag: &str) -> ScratchDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("tc-sandbox-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).expect("create scratch dir");
        ScratchDir(dir)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn serves_static_files_with_an_spa_fallback() {
    let dist = ScratchDir::new("dist");
    std::fs::write(
        dist.0.join("index.html"),
        "<!doctype html><title>app</title>",
    )
    .expect("write index.html");
    std::fs::write(dist.0.join("assets/app.js"), "console.log('app');").expect("write app.js");
    let dist_arg = dist.0.to_str().expect("UTF-8 temp path");
    let mut server = Server::start(&["--listen", "127.0.0.1:0", "--dist", dist_arg]);
    let agent = agent();
    let get = |path: &str| {
        into_response(
            agent
                .get(&format!("http://127.0.0.1:{}{path}", server.port))
                .call(),
        )
    };

    let index = get("/");
    assert_eq!(index.status, 200);
    assert!(String::from_utf8_lossy(&index.body).contains("<title>app</title>"));
    assert!(
        header(&index, "Content-Type").is_some_and(|t| t.starts_with("text/html")),
        "headers: {:?}",
        index.headers
    );
    assert_cors(&index);

    let script = get("/assets/app.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.body, b"console.log('app');");

    // Client-side routes get the app.
    let route = get("/indicators/host/example.com");
    assert_eq!(route.status, 200);
    assert!(String::from_utf8_lossy(&route.body).contains("<title>app</title>"));

    // The API is still the sandbox's, not a file: unsigned requests fail
    // authentication with a JSON answer.
    let unsigned = get("/api/v2/owners");
    assert!(
        matches!(unsigned.status, 401 | 403),
        "status {} for an unsigned API request",
        unsigned.status
    );
    assert_json_content_type(&unsigned);

    server.signal("TERM");
    assert!(server.wait_exit().success());
}

/// Every seed template, built by the core and answered by the server over
/// loopback HTTP: the same probes as `tests/coverage.rs`, against one
/// running server (so later probes see earlier writes; a 404 after a
/// delete still counts as answered, an unmatched route does not).
#[test]
fn every_seed_template_is_answered_over_http() {
    let server = Server::start(&["--listen", "127.0.0.1:0", "--seed", "demo"]);
    let agent = agent();
    let config = server.hmac_config(DEMO_SECRET_KEY);
    let answer = |r: HttpRequest| send(&agent, &r);
    let ids = probes::ids(&config, &answer);
    let templates = probes::seed_templates();
    let probes = probes::all_probes(&ids);
    let mut failures = Vec::new();
    let mut answered = std::collections::BTreeSet::new();
    for p in &probes {
        match (p.run)(&config, &answer) {
            Ok(_) => {
                for t in templates.iter().filter(|t| probes::matches(t, &p.segments)) {
                    answered.insert(t.clone());
                }
            }
            Err(e) => failures.push(format!("{}: {e}", p.name)),
        }
    }
    let missing: Vec<&String> = templates
        .iter()
        .filter(|t| !answered.contains(*t))
        .collect();
    assert!(
        failures.is_empty() && missing.is_empty(),
        "failures: {failures:#?}\nnot answered: {missing:#?}"
    );
    assert_eq!(answered.len(), 253);
}

/// Faults over HTTP: the admin endpoint queues them, a header asks for one,
/// a dropped connection really drops, and the stats count writes.
#[test]
fn faults_over_http() {
    let server = Server::start(&["--listen", "127.0.0.1:0", "--seed", "demo"]);
    let agent = agent();
    let config = server.hmac_config(DEMO_SECRET_KEY);
    let admin = format!("http://127.0.0.1:{}/__sandbox", server.port);
    let queued = agent
        .post(&format!("{admin}/faults"))
        .send_string("drop\n502\n");
    assert_eq!(queued.map(|r| r.status()).ok(), Some(200));

    let whoami = || api::whoami().request(&config, now()).expect("request");
    let request = whoami();
    // A fresh agent: ureq resends once when a pooled connection closes,
    // which would hide the drop.
    let mut call = self::agent().request("GET", &request.url());
    for (name, value) in request.headers() {
        call = call.set(name, value);
    }
    match call.call() {
        Err(ureq::Error::Transport(_)) => {}
        other => panic!("expected a dropped connection, got {other:?}"),
    }
    assert_eq!(send(&agent, &whoami()).status, 502);
    assert_eq!(send(&agent, &whoami()).status, 200);

    let limited = whoami().with_header("X-Sandbox-Fault", "429:3");
    let response = send(&agent, &limited);
    assert_eq!(
        (response.status, header(&response, "retry-after")),
        (429, Some("3"))
    );

    let stats: Value = agent
        .get(&format!("{admin}/stats"))
        .call()
        .ok()
        .and_then(|r| r.into_string().ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .expect("stats");
    assert_eq!(stats["writes"], json!(0));
    assert_eq!(stats["faultsApplied"], json!(3));
}

/// `--faults` installs a seeded schedule at start.
#[test]
fn seeded_fault_schedule_flag() {
    let server = Server::start(&[
        "--listen",
        "127.0.0.1:0",
        "--faults",
        "seed=3,rate=1000,kinds=503",
    ]);
    let config = server.hmac_config(DEMO_SECRET_KEY);
    let response = send(
        &agent(),
        &api::whoami().request(&config, now()).expect("request"),
    );
    assert_eq!(response.status, 503);
    assert_eq!(
        api::whoami().parse(&response).unwrap_err().code(),
        "not_licensed"
    );
}
