//! Secret hygiene: the secret key and tokens never appear in Debug or
//! Display output, errors, URLs or anything else the client hands back.

use futures_executor::block_on;
use tc_core::api::{self, IndicatorType};
use tc_core::{Client, Config, HttpRequest, Secret};
use tc_sandbox::{InProcess, Sandbox, SandboxConfig};

const SECRET: &str = "s3cr3t-K3y-that-must-not-leak+/=";
const TOKEN: &str = "APIV2:9:tok3n-that-must-not-leak";

fn leaks(text: &str) -> bool {
    text.contains(SECRET) || text.contains(TOKEN)
}

fn sandbox() -> Sandbox {
    Sandbox::demo(SandboxConfig {
        secret_key: SECRET.into(),
        token: TOKEN.into(),
        ..SandboxConfig::default()
    })
}

#[test]
fn configs_clients_and_requests_redact() {
    let hmac = Config::builder("http://127.0.0.1/api")
        .hmac("1234", SECRET)
        .build()
        .unwrap();
    let token = Config::builder("http://127.0.0.1/api")
        .token(TOKEN)
        .build()
        .unwrap();
    for config in [&hmac, &token] {
        assert!(!leaks(&format!("{config:?}")));
        let client = Client::new(config.clone(), InProcess::new(sandbox()));
        assert!(!leaks(&format!("{client:?}")));
        let request: HttpRequest = api::indicator(IndicatorType::HOSTS, "evil.example")
            .get()
            .request(config, 1)
            .unwrap();
        assert!(!leaks(&format!("{request:?}")), "{request:?}");
        assert!(!leaks(&request.url()), "secrets never go into URLs");
        assert!(!leaks(request.target()));
    }
    assert_eq!(
        format!("{:?} {}", Secret::new(SECRET), Secret::new(SECRET)),
        "[redacted] [redacted]"
    );
}

#[test]
fn errors_do_not_carry_secrets() {
    // Wrong secret: the service refuses; the error names no secret.
    let wrong = Config::builder("http://127.0.0.1/api")
        .hmac(tc_sandbox::DEMO_ACCESS_ID, "another secret")
        .build()
        .unwrap();
    let client = Client::new(wrong, InProcess::new(sandbox()));
    let e = block_on(api::whoami().send(&client)).unwrap_err();
    assert_eq!(e.code(), "unauthorized");
    for text in [format!("{e}"), format!("{e:?}")] {
        assert!(!leaks(&text) && !text.contains("another secret"), "{text}");
    }
    let bad_token = Config::builder("http://127.0.0.1/api")
        .token("wrong-token-value")
        .build()
        .unwrap();
    let client = Client::new(bad_token, InProcess::new(sandbox()));
    let e = block_on(api::whoami().send(&client)).unwrap_err();
    assert!(!format!("{e:?}").contains("wrong-token-value"));
    // Configuration errors about credentials do not echo them either.
    let e = Config::builder("http://127.0.0.1/api")
        .hmac("bad:id", SECRET)
        .build()
        .unwrap_err();
    assert!(!leaks(&format!("{e:?} {e}")));
    let e = Config::builder("http://tc.example.org/api")
        .token(TOKEN)
        .build()
        .unwrap_err();
    assert!(!leaks(&format!("{e:?} {e}")));
}

#[test]
fn the_sandbox_never_echoes_credentials() {
    let mut sandbox = sandbox();
    let wrong = Config::builder("http://127.0.0.1/api")
        .token("tok-not-echoed")
        .build()
        .unwrap();
    let req = api::owners().list().request(&wrong, 1).unwrap();
    let target = req.target().to_string();
    let (m, _, h, b) = req.into_parts();
    let r = sandbox.handle(&tc_sandbox::Request::new(m.as_str(), target, h, b), 1);
    let body = String::from_utf8_lossy(&r.body);
    assert!(!body.contains("tok-not-echoed") && !leaks(&body));
    assert!(
        !leaks(&format!("{:?}", sandbox.config())),
        "the sandbox's own Debug redacts too"
    );
}
