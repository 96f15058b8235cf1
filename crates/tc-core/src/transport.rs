//! The transport seam: one async method, no `Send` bound.

use std::future::Future;
use std::rc::Rc;

use crate::error::TransportError;
use crate::http::{HttpRequest, HttpResponse};

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
}
