//! Faults on demand, for resilience tests: latency, 429 with
//! `Retry-After`, 5xx answers, answers lost after the write was applied,
//! dropped connections, truncated and HTML bodies, a skewed clock.
//!
//! Faults come from a queue (the next requests get them in order), from a
//! seeded schedule (each request draws one with a given chance), or from
//! the `X-Sandbox-Fault` header of one request. The server also accepts
//! them on its loopback-only admin endpoint.

use std::collections::VecDeque;

/// One fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally, after this many milliseconds.
    Latency(u64),
    /// 429 with `Retry-After: secs`, before anything is applied.
    RateLimited(u64),
    /// This status (500, 502, 503, 504) before anything is applied.
    Status(u16),
    /// Apply the request, then answer this status (the answer was lost).
    LostAnswer(u16),
    /// Drop the connection before anything is applied.
    Drop,
    /// Apply the request, then drop the connection.
    DropAfter,
    /// Apply the request, then cut the body in half (keeping the
    /// `Content-Length` of the whole body).
    Truncate,
    /// A proxy's HTML error page with status 502, before anything is applied.
    Html,
    /// Answer as if the server's clock were this many seconds ahead.
    Skew(i64),
}

impl Fault {
    /// Parses `429`, `429:7`, `502`, `lost:502`, `drop`, `drop-after`,
    /// `truncate`, `html`, `latency:250`, `skew:900`.
    pub fn parse(spec: &str) -> Option<Fault> {
        let spec = spec.trim().to_ascii_lowercase();
        let (name, arg) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
        let num = || arg.parse::<u64>().ok();
        Some(match name {
            "429" => Fault::RateLimited(num().unwrap_or(1)),
            "500" | "502" | "503" | "504" => Fault::Status(name.parse().ok()?),
            "lost" => Fault::LostAnswer(num().and_then(|n| u16::try_from(n).ok()).unwrap_or(502)),
            "drop" => Fault::Drop,
            "drop-after" => Fault::DropAfter,
            "truncate" => Fault::Truncate,
            "html" => Fault::Html,
            "latency" => Fault::Latency(num()?),
            "skew" => Fault::Skew(arg.parse().ok()?),
            _ => return None,
        })
    }
}

/// A seeded random schedule: each request gets one of `kinds` with a
/// chance of `per_mille`/1000.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The seed; the same seed gives the same faults.
    pub seed: u64,
    /// Chance of a fault per request, in thousandths.
    pub per_mille: u32,
    /// The faults to draw from.
    pub kinds: Vec<Fault>,
}

/// The faults a sandbox will apply.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    queue: VecDeque<Fault>,
    schedule: Option<Schedule>,
    state: u64,
    /// How many faults were applied.
    pub applied: u64,
}

impl FaultPlan {
    /// Queues faults for the next requests, in order.
    pub fn push(&mut self, fault: Fault) {
        self.queue.push_back(fault);
    }

    /// Draws faults at random from now on.
    pub fn set_schedule(&mut self, schedule: Option<Schedule>) {
        self.state = schedule.as_ref().map(|s| s.seed).unwrap_or_default();
        self.schedule = schedule;
    }

    /// Forgets every queued fault and the schedule.
    pub fn clear(&mut self) {
        self.queue.clear();
        self.schedule = None;
    }

    /// The fault for the next request, if any.
    pub(crate) fn next(&mut self) -> Option<Fault> {
        if let Some(f) = self.queue.pop_front() {
            return Some(f);
        }
        let schedule = self.schedule.as_ref()?;
        if schedule.kinds.is_empty() {
            return None;
        }
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.state;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        if x % 1000 >= u64::from(schedule.per_mille) {
            return None;
        }
        let pick = (x / 1000) as usize % schedule.kinds.len();
        schedule.kinds.get(pick).cloned()
    }
}
