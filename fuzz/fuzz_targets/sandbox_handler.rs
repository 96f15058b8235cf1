//! The sandbox's request handler on any method, target, headers and body,
//! authenticated with the token so routing and handlers are reached.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tc_sandbox::{DEMO_TOKEN, Request, Sandbox, SandboxConfig};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    method: u8,
    path: Vec<&'a str>,
    query: &'a str,
    body: &'a [u8],
    gzip: bool,
    fault: Option<&'a str>,
}

fuzz_target!(|input: Input<'_>| {
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH"][usize::from(input.method) % 5];
    let mut target = String::from("/api/v2");
    for segment in input.path.iter().take(10) {
        target.push('/');
        target.push_str(segment);
    }
    if !input.query.is_empty() {
        target.push('?');
        target.push_str(input.query);
    }
    let mut headers = vec![("Authorization".to_string(), format!("TC-Token {DEMO_TOKEN}"))];
    if input.gzip {
        headers.push(("Content-Encoding".into(), "gzip".into()));
    }
    if let Some(fault) = input.fault {
        headers.push(("X-Sandbox-Fault".into(), fault.to_string()));
    }
    let request = Request::new(method, target, headers, input.body.to_vec());
    let mut sandbox = Sandbox::demo(SandboxConfig::default());
    let _ = sandbox.serve(&request, 1_750_000_000);
    let _ = sandbox.handle(&request, 1_750_000_000);
});
