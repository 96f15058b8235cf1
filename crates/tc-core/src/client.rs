//! A client: configuration, a transport and a clock.

use std::rc::Rc;

use crate::call::Call;
use crate::config::{Auth, Config};
use crate::error::{Error, Result};
use crate::transport::Transport;

/// Tells the current time, in Unix seconds, for request timestamps.
pub trait Clock {
    /// Now, or `None` when this host has no clock.
    fn now_unix(&self) -> Option<u64>;
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
        #[cfg(not(target_arch = "wasm32"))]
        {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .map(|d| d.as_secs())
        }
        #[cfg(all(target_arch = "wasm32", feature = "fetch"))]
        {
            let ms = js_sys::Date::now();
            if ms.is_finite() && ms >= 0.0 {
                Some((ms / 1000.0) as u64)
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

/// Sends calls through a transport with one configuration.
pub struct Client<T> {
    config: Config,
    transport: T,
    clock: Rc<dyn Clock>,
}

impl<T> std::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client over `transport` with the host's clock.
    pub fn new(config: Config, transport: T) -> Self {
        Client {
            config,
            transport,
            clock: Rc::new(SystemClock),
        }
    }

    /// Replaces the clock (tests, hosts without `SystemTime`).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Rc::new(clock);
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

    /// Signs, sends and reads one call.
    pub async fn execute<R>(&self, call: &Call<R>) -> Result<R> {
        let timestamp = self.clock.now_unix().ok_or_else(|| {
            Error::config("this host has no clock; pass one with Client::with_clock")
        })?;
        let request = match &self.config.auth {
            Auth::TokenProvider(provider) => {
                let token = provider.token().await?;
                call.request_with_token(&self.config, &token, timestamp)?
            }
            _ => call.request(&self.config, timestamp)?,
        };
        let response = self.transport.send(request).await?;
        call.parse(&response)
    }
}
