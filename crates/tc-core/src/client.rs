//! A client: configuration, a transport, a clock, a timer, and the policy
//! for retries, deadlines, clock skew and concurrency.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use futures_util::future::{Either, LocalBoxFuture, select};

use crate::call::{Call, Spec};
use crate::config::{Auth, Config};
use crate::error::{ApiErrorKind, Error, Result, TransportError, TransportErrorKind};
use crate::http::HttpResponse;
use crate::retry::RetryPolicy;
use crate::transport::Transport;

/// Tells the current time for request timestamps and deadlines.
pub trait Clock {
    /// Now in Unix seconds, or `None` when this host has no clock.
    fn now_unix(&self) -> Option<u64>;

    /// Now in Unix milliseconds (defaults to the seconds, times 1,000).
    fn now_millis(&self) -> Option<u64> {
        self.now_unix().map(|s| s.saturating_mul(1000))
    }
}

impl<F: Fn() -> u64> Clock for F {
    fn now_unix(&self) -> Option<u64> {
        Some(self())
    }
}

/// The host's clock: `SystemTime` natively, `Date.now()` in wasm with the
/// `fetch` feature. Plain wasm32 without it has no clock; pass one with
/// [`Client::with_clock`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> Option<u64> {
        self.now_millis().map(|ms| ms / 1000)
    }

    fn now_millis(&self) -> Option<u64> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .map(|d| d.as_millis() as u64)
        }
        #[cfg(all(target_arch = "wasm32", feature = "fetch"))]
        {
            let ms = js_sys::Date::now();
            if ms.is_finite() && ms >= 0.0 {
                Some(ms as u64)
            } else {
                None
            }
        }
        #[cfg(all(target_arch = "wasm32", not(feature = "fetch")))]
        {
            None
        }
    }
}

/// Waits, for retry back-off and deadlines.
pub trait Sleep {
    /// A future that completes after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()>;
}

impl<F, Fut> Sleep for F
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        Box::pin(self(ms))
    }
}

/// The host's timer: `setTimeout` on the global object in wasm with the
/// `fetch` feature; natively a blocking `std::thread::sleep` (fine under a
/// simple executor; pass your runtime's async sleep with
/// [`Client::with_sleep`] under an async runtime).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemSleep;

impl Sleep for SystemSleep {
    fn sleep(&self, ms: u64) -> LocalBoxFuture<'static, ()> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            Box::pin(async move { std::thread::sleep(std::time::Duration::from_millis(ms)) })
        }
        #[cfg(all(target_arch = "wasm32", feature = "fetch"))]
        {
            Box::pin(crate::fetch::sleep(ms))
        }
        #[cfg(all(target_arch = "wasm32", not(feature = "fetch")))]
        {
            let _ = ms;
            Box::pin(async {})
        }
    }
}

/// What a client counted, for tests and observability.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests handed to the transport.
    pub attempts: u64,
    /// Of those, retries.
    pub retries: u64,
    /// Clock-skew corrections made.
    pub skew_corrections: u64,
}

/// Sends calls through a transport with one configuration.
pub struct Client<T> {
    config: Config,
    transport: T,
    clock: Rc<dyn Clock>,
    sleep: Rc<dyn Sleep>,
    retry: RetryPolicy,
    timeout_ms: Option<u64>,
    limit: Option<Rc<async_lock::Semaphore>>,
    skew: Cell<i64>,
    stats: Cell<Stats>,
}

impl<T> std::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .field("retry", &self.retry)
            .field("timeout_ms", &self.timeout_ms)
            .field("skew", &self.skew.get())
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client over `transport` with the host's clock and timer, the
    /// default retry policy, no deadline and no concurrency cap.
    pub fn new(config: Config, transport: T) -> Self {
        Client {
            config,
            transport,
            clock: Rc::new(SystemClock),
            sleep: Rc::new(SystemSleep),
            retry: RetryPolicy::default(),
            timeout_ms: None,
            limit: None,
            skew: Cell::new(0),
            stats: Cell::new(Stats::default()),
        }
    }

    /// Replaces the clock (tests, hosts without `SystemTime`).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Rc::new(clock);
        self
    }

    /// Replaces the timer used for back-off and deadlines.
    pub fn with_sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Rc::new(sleep);
        self
    }

    /// Sets the retry policy ([`RetryPolicy::none`] turns retries off).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Gives every call a deadline, retries included.
    pub fn with_timeout_ms(mut self, ms: u64) -> Self {
        self.timeout_ms = Some(ms);
        self
    }

    /// Caps the calls in flight at once (edge hosts limit sub-requests).
    pub fn with_max_concurrent(mut self, n: usize) -> Self {
        self.limit = Some(Rc::new(async_lock::Semaphore::new(n.max(1))));
        self
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The learned difference between the service's clock and ours, in seconds.
    pub fn clock_skew(&self) -> i64 {
        self.skew.get()
    }

    /// What this client has counted so far.
    pub fn stats(&self) -> Stats {
        self.stats.get()
    }

    fn count(&self, f: impl FnOnce(&mut Stats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }

    pub(crate) fn now_millis(&self) -> Result<u64> {
        self.clock.now_millis().ok_or_else(|| {
            Error::config("this host has no clock; pass one with Client::with_clock")
        })
    }

    /// Waits with the client's timer.
    pub(crate) async fn pause(&self, ms: u64) {
        self.sleep.sleep(ms).await;
    }

    /// Signs, sends and reads one call, retrying as the policy allows.
    pub async fn execute<R>(&self, call: &Call<R>) -> Result<R> {
        self.execute_with(call, None).await
    }

    /// Like [`Client::execute`] with a deadline for this call only.
    pub async fn execute_with<R>(&self, call: &Call<R>, timeout_ms: Option<u64>) -> Result<R> {
        let mut answer = None;
        self.run(&call.spec, timeout_ms, &mut |response| {
            answer = Some(call.parse(response)?);
            Ok(())
        })
        .await?;
        answer.ok_or_else(|| Error::config("the call ended without an answer"))
    }

    /// The send loop of every call, whatever its answer type: `read` reads
    /// one response (an error from it counts like any other for retries).
    async fn run(
        &self,
        spec: &Spec,
        timeout_ms: Option<u64>,
        read: &mut dyn FnMut(&HttpResponse) -> Result<()>,
    ) -> Result<()> {
        let _permit = match &self.limit {
            Some(limit) => Some(limit.acquire().await),
            None => None,
        };
        let started = self.now_millis()?;
        let deadline = timeout_ms
            .or(self.timeout_ms)
            .map(|t| started.saturating_add(t));
        let mut attempt = 0u32;
        let mut skew_fixed = false;
        loop {
            let error = match self.attempt(spec, deadline, read).await {
                Ok(()) => return Ok(()),
                Err(e) => e,
            };
            // A skewed clock: learn the offset from the service's `Date`
            // header and try once more.
            if let Error::Api(api) = &error
                && api.kind == ApiErrorKind::ClockSkew
                && !skew_fixed
                && let (Some(server), Ok(now)) = (api.server_time, self.now_millis())
            {
                self.skew.set(server - (now / 1000) as i64);
                self.count(|s| s.skew_corrections += 1);
                skew_fixed = true;
                continue;
            }
            let Some(delay) = self.retry.decide(&error, attempt, spec.is_idempotent()) else {
                return Err(error);
            };
            if let Some(deadline) = deadline
                && self.now_millis()?.saturating_add(delay) >= deadline
            {
                return Err(error);
            }
            self.sleep.sleep(delay).await;
            attempt += 1;
            self.count(|s| s.retries += 1);
        }
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Builds the signed request for a call now, with the learned clock
    /// offset and a fresh token from a provider.
    pub(crate) async fn build(&self, spec: &Spec) -> Result<crate::http::HttpRequest> {
        let now_ms = self.now_millis()?;
        let timestamp = ((now_ms / 1000) as i64 + self.skew.get()).max(0) as u64;
        let request = match &self.config.auth {
            Auth::TokenProvider(provider) => {
                let token = provider.token().await?;
                spec.request_with_token(&self.config, &token, timestamp)?
            }
            _ => spec.request(&self.config, timestamp)?,
        };
        self.count(|s| s.attempts += 1);
        Ok(request)
    }

    async fn attempt(
        &self,
        spec: &Spec,
        deadline: Option<u64>,
        read: &mut dyn FnMut(&HttpResponse) -> Result<()>,
    ) -> Result<()> {
        let request = self.build(spec).await?;
        let send = self.transport.send(request);
        let response = match deadline {
            None => send.await?,
            Some(deadline) => {
                let left = deadline.saturating_sub(self.now_millis()?);
                if left == 0 {
                    return Err(timeout());
                }
                match select(Box::pin(send), self.sleep.sleep(left)).await {
                    Either::Left((response, _)) => response?,
                    Either::Right(_) => return Err(timeout()),
                }
            }
        };
        read(&response)
    }
}

fn timeout() -> Error {
    Error::Transport(TransportError::new(
        TransportErrorKind::Timeout,
        "the call's deadline passed",
    ))
}
