//! The in-process transport: core requests answered by a sandbox in memory.

use std::cell::{RefCell, RefMut};
use std::io::Read as _;
use std::rc::Rc;

use tc_core::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

use crate::Sandbox;
use crate::request::Request;

/// A [`Transport`] that hands each request to a [`Sandbox`] in the same
/// process, so host tests need no sockets and the app can run offline.
///
/// Like `fetch`, it undoes `Content-Encoding: gzip`.
#[derive(Clone)]
pub struct InProcess {
    sandbox: Rc<RefCell<Sandbox>>,
    clock: Rc<dyn Fn() -> i64>,
}

impl std::fmt::Debug for InProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InProcess").finish_non_exhaustive()
    }
}

fn system_now() -> i64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default()
    }
    #[cfg(target_arch = "wasm32")]
    {
        0
    }
}

impl InProcess {
    /// Wraps a sandbox; the server clock is the host's (pass one with
    /// [`InProcess::with_clock`] on wasm32, which has no `SystemTime`).
    pub fn new(sandbox: Sandbox) -> Self {
        InProcess {
            sandbox: Rc::new(RefCell::new(sandbox)),
            clock: Rc::new(system_now),
        }
    }

    /// Sets the server's clock (Unix seconds).
    pub fn with_clock(mut self, clock: impl Fn() -> i64 + 'static) -> Self {
        self.clock = Rc::new(clock);
        self
    }

    /// The sandbox, for inspection or changes between requests.
    pub fn sandbox(&self) -> RefMut<'_, Sandbox> {
        self.sandbox.borrow_mut()
    }

    /// Answers one request synchronously, without faults.
    pub fn answer(&self, request: HttpRequest) -> HttpResponse {
        let now = (self.clock)();
        let response = self.sandbox.borrow_mut().handle(&to_request(request), now);
        decode(response)
    }

    /// Answers one request with the sandbox's faults; a dropped
    /// connection is `None`. Latency is not waited for in process.
    pub fn serve(&self, request: HttpRequest) -> Option<HttpResponse> {
        let now = (self.clock)();
        let served = self.sandbox.borrow_mut().serve(&to_request(request), now);
        served.response.map(decode)
    }
}

fn to_request(request: HttpRequest) -> Request {
    let target = request.target().to_string();
    let (method, _url, headers, body) = request.into_parts();
    Request::new(method.as_str(), target, headers, body)
}

/// Undoes `Content-Encoding: gzip` like `fetch` does.
fn decode(mut response: HttpResponse) -> HttpResponse {
    {
        let gzip = response
            .header("content-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("gzip"));
        if gzip {
            let mut out = Vec::new();
            if flate2::read::GzDecoder::new(response.body.as_slice())
                .read_to_end(&mut out)
                .is_ok()
            {
                response.body = out;
                response
                    .headers
                    .retain(|(k, _)| !k.eq_ignore_ascii_case("content-encoding"));
            }
        }
    }
    response
}

impl Transport for InProcess {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let Some(response) = self.serve(request) else {
            return Err(TransportError::new(
                TransportErrorKind::Network,
                "the connection was dropped",
            ));
        };
        let declared = response
            .header("content-length")
            .and_then(|v| v.trim().parse::<usize>().ok());
        if declared.is_some_and(|n| n != response.body.len()) {
            return Err(TransportError::new(
                TransportErrorKind::Network,
                "the body ended before its Content-Length",
            ));
        }
        Ok(response)
    }
}
