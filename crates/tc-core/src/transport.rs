//! The transport seam: one async method, no `Send` bound, and an optional
//! streaming variant for large bodies.

use std::future::Future;
use std::rc::Rc;

use crate::error::TransportError;
use crate::http::{HttpRequest, HttpResponse};

/// Receives a streamed body: each chunk, and the total size when the
/// response declared one.
pub type BodySink<'a> = &'a mut dyn FnMut(&[u8], Option<u64>);

/// Sends one request and returns the response.
///
/// No `Send` bound: browser and worker futures are not `Send`. Any closure
/// `Fn(HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>>`
/// is a transport, so a test can fake a server in one line.
pub trait Transport {
    /// Sends the request exactly as built (target and headers unchanged).
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;

    /// Sends the request and hands a 2xx body to `sink` as it arrives,
    /// returning the response with an empty body; other statuses keep
    /// their body in the response (it holds the error message).
    ///
    /// The default reads the whole body first and hands it over in one
    /// chunk; transports that can stream (the `fetch` transport) override it.
    fn send_streaming<'a>(
        &'a self,
        request: HttpRequest,
        sink: BodySink<'a>,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + 'a {
        async move {
            let mut response = self.send(request).await?;
            if (200..300).contains(&response.status) {
                let total = Some(response.body.len() as u64);
                sink(&response.body, total);
                response.body.clear();
            }
            Ok(response)
        }
    }
}

impl<F, Fut> Transport for F
where
    F: Fn(HttpRequest) -> Fut,
    Fut: Future<Output = Result<HttpResponse, TransportError>>,
{
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        self(request)
    }
}

impl<T: Transport + ?Sized> Transport for Rc<T> {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }

    fn send_streaming<'a>(
        &'a self,
        request: HttpRequest,
        sink: BodySink<'a>,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + 'a {
        (**self).send_streaming(request, sink)
    }
}
