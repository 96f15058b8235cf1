//! Retries that understand ThreatConnect.
//!
//! What is retried, and why:
//!
//! | answer | retried | because |
//! |---|---|---|
//! | network error, attempt timeout | yes | the request may never have arrived |
//! | 429 | yes, after `Retry-After` | the service asked us to wait |
//! | 500, 502, 504 | yes | transient server or gateway failures |
//! | 503 | never | it means the API is not licensed (or batch is off) |
//! | 400, 401, 404 | never | the same request gets the same answer |
//! | 403 | never, except once for clock skew | owner and exclusion-list refusals are final |
//!
//! Only idempotent calls (GET, PUT, DELETE, and body-less association or
//! tag POSTs) are retried unless the policy opts in to retrying every
//! call: a retried create can create twice when the first answer was lost.
//! The exception is 429, which the service answers before applying
//! anything, so any call may be sent again after it.

use crate::error::{ApiErrorKind, Error, TransportErrorKind};

/// When and how often to retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// The first back-off, in milliseconds; it doubles each retry.
    pub base_delay_ms: u64,
    /// The longest back-off, in milliseconds (also caps `Retry-After`).
    pub max_delay_ms: u64,
    /// Retry calls that are not idempotent too (creates, observations).
    pub retry_non_idempotent: bool,
    /// Seed of the jitter; the same seed gives the same delays.
    pub jitter_seed: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay_ms: 300,
            max_delay_ms: 20_000,
            retry_non_idempotent: false,
            jitter_seed: 0x5eed_7c0e,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether `error` after attempt number `attempt` (0-based) of a call is
    /// worth another try, and after how many milliseconds.
    pub fn decide(&self, error: &Error, attempt: u32, idempotent: bool) -> Option<u64> {
        // A 429 was refused before anything was applied, so even a create
        // may be sent again.
        let refused_unapplied =
            matches!(error, Error::Api(a) if a.kind == ApiErrorKind::RateLimited);
        if attempt >= self.max_retries
            || !(idempotent || refused_unapplied || self.retry_non_idempotent)
        {
            return None;
        }
        let retry_after = match error {
            Error::Transport(t) => match t.kind {
                TransportErrorKind::Network | TransportErrorKind::Timeout => None,
                TransportErrorKind::Aborted | TransportErrorKind::Other => return None,
            },
            Error::Api(api) => match (api.kind, api.status) {
                (ApiErrorKind::RateLimited, _) => api.retry_after.map(|s| s.saturating_mul(1000)),
                (ApiErrorKind::Server, 500 | 502 | 504) => None,
                _ => return None,
            },
            _ => return None,
        };
        let backoff = self.backoff(attempt);
        Some(retry_after.unwrap_or(backoff).min(self.max_delay_ms))
    }

    /// Full jitter: a delay in `[base·2ⁿ/2, base·2ⁿ]`, capped.
    fn backoff(&self, attempt: u32) -> u64 {
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64 << attempt.min(20))
            .min(self.max_delay_ms);
        let half = ceiling / 2;
        let spread = ceiling - half;
        if spread == 0 {
            return ceiling;
        }
        half + splitmix(self.jitter_seed.wrapping_add(u64::from(attempt))) % (spread + 1)
    }
}

/// SplitMix64: a tiny deterministic mixer for jitter (not for secrets).
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, TransportError};

    fn api(status: u16, kind: ApiErrorKind, retry_after: Option<u64>) -> Error {
        Error::Api(ApiError {
            status,
            kind,
            message: None,
            retry_after,
            server_time: None,
        })
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        let net = Error::Transport(TransportError::new(TransportErrorKind::Network, "reset"));
        assert!(p.decide(&net, 0, true).is_some());
        assert!(
            p.decide(&net, 0, false).is_none(),
            "creates are not retried"
        );
        assert!(p.decide(&net, 3, true).is_none(), "three retries at most");
        assert_eq!(
            p.decide(&api(429, ApiErrorKind::RateLimited, Some(7)), 0, true),
            Some(7000)
        );
        for s in [500, 502, 504] {
            assert!(
                p.decide(&api(s, ApiErrorKind::Server, None), 1, true)
                    .is_some(),
                "{s}"
            );
        }
        for (s, k) in [
            (503, ApiErrorKind::NotLicensed),
            (400, ApiErrorKind::BadRequest),
            (401, ApiErrorKind::Unauthorized),
            (403, ApiErrorKind::OwnerForbidden),
            (403, ApiErrorKind::ClockSkew),
            (404, ApiErrorKind::NotFound),
        ] {
            assert!(p.decide(&api(s, k, None), 0, true).is_none(), "{s}");
        }
        let aborted = Error::Transport(TransportError::new(TransportErrorKind::Aborted, "x"));
        assert!(p.decide(&aborted, 0, true).is_none());
        let opt_in = RetryPolicy {
            retry_non_idempotent: true,
            ..RetryPolicy::default()
        };
        assert!(opt_in.decide(&net, 0, false).is_some());
    }

    #[test]
    fn backoff_grows_with_jitter_and_cap() {
        let p = RetryPolicy::default();
        for attempt in 0..10 {
            let d = p.backoff(attempt);
            let ceiling = (300u64 << attempt).min(20_000);
            assert!(d >= ceiling / 2 && d <= ceiling, "{attempt}: {d}");
        }
        assert_eq!(p.backoff(2), p.backoff(2), "deterministic for a seed");
        let big = api(429, ApiErrorKind::RateLimited, Some(3600));
        assert_eq!(
            p.decide(&big, 0, true),
            Some(20_000),
            "Retry-After is capped"
        );
    }
}
