//! One call for a whole batch import: chunk, create a job per chunk, upload,
//! poll with an adaptive interval and a deadline, read the errors.
//!
//! No chunk is ever submitted twice. Creating a job and uploading its data
//! are not retried (they are POSTs); when an upload's answer is lost, the
//! job's status tells whether the data arrived (`Created` means it did
//! not), and only then is the same chunk uploaded to the same job again.

use serde_json::Value;

use crate::api::{BatchConfig, BatchItem, batch, batch_job};
use crate::client::Client;
use crate::error::{Error, Result, TransportError, TransportErrorKind};
use crate::models::BatchStatus;
use crate::transport::Transport;

/// How a batch run chunks its input and polls its jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRun {
    /// The job configuration used for every chunk.
    pub config: BatchConfig,
    /// Items per job (the service takes at most 25,000).
    pub chunk_items: usize,
    /// Bytes of JSON per job (the service's upload limit is a setting;
    /// 2,000,000 is the documented example).
    pub chunk_bytes: usize,
    /// The first wait before polling a job, in milliseconds.
    pub first_poll_ms: u64,
    /// How much each further wait grows, in milliseconds.
    pub poll_step_ms: u64,
    /// The longest wait between polls, in milliseconds.
    pub max_poll_ms: u64,
    /// How long one job may take before the run gives up on it.
    pub job_deadline_ms: u64,
}

impl BatchRun {
    /// A run of V1 create jobs for `owner` with tcex-like polling (5 s
    /// first, +2.5 s a poll, at most 20 s, an hour per job).
    pub fn new(config: BatchConfig) -> Self {
        BatchRun {
            config,
            chunk_items: 10_000,
            chunk_bytes: 1_900_000,
            first_poll_ms: 5_000,
            poll_step_ms: 2_500,
            max_poll_ms: 20_000,
            job_deadline_ms: 3_600_000,
        }
    }
}

/// Where a batch run is, reported after every upload and poll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchProgress {
    /// Items read from the input so far.
    pub items_read: u64,
    /// Items uploaded so far.
    pub items_submitted: u64,
    /// Jobs finished.
    pub jobs_done: u64,
    /// Items the finished jobs saved.
    pub succeeded: u64,
    /// Items the finished jobs refused.
    pub failed: u64,
    /// The state of the current job (`Created`, `Queued`, `Running`, `Completed`).
    pub job_status: String,
}

/// The result of one job of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct JobOutcome {
    /// The job's id.
    pub id: u64,
    /// Items in its chunk.
    pub items: u64,
    /// Its final status.
    pub status: BatchStatus,
    /// The items it refused, with the reasons.
    pub errors: Vec<BatchItem>,
}

/// The result of a whole run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOutcome {
    /// One entry per job, in order.
    pub jobs: Vec<JobOutcome>,
}

impl BatchOutcome {
    /// Items saved over all jobs.
    pub fn success_count(&self) -> i64 {
        self.jobs
            .iter()
            .filter_map(|j| j.status.success_count)
            .sum()
    }

    /// Items refused over all jobs.
    pub fn error_count(&self) -> i64 {
        self.jobs.iter().filter_map(|j| j.status.error_count).sum()
    }

    /// Items not processed (after a halt) over all jobs.
    pub fn unprocessed_count(&self) -> i64 {
        self.jobs
            .iter()
            .filter_map(|j| j.status.unprocess_count)
            .sum()
    }

    /// Every refused item, over all jobs.
    pub fn errors(&self) -> impl Iterator<Item = &BatchItem> {
        self.jobs.iter().flat_map(|j| j.errors.iter())
    }
}

/// Serialises items into JSON arrays of at most `max_items` items and
/// `max_bytes` bytes (a single item larger than `max_bytes` is refused).
fn next_chunk(
    items: &mut dyn Iterator<Item = Value>,
    pending: &mut Option<Vec<u8>>,
    max_items: usize,
    max_bytes: usize,
) -> Result<Option<(Vec<u8>, u64)>> {
    let mut out = vec![b'['];
    let mut count = 0u64;
    loop {
        let encoded = match pending.take() {
            Some(e) => e,
            None => match items.next() {
                Some(item) => {
                    serde_json::to_vec(&item).map_err(|e| Error::invalid("items", e.to_string()))?
                }
                None => break,
            },
        };
        if encoded.len() + 2 > max_bytes {
            return Err(Error::invalid(
                "items",
                format!(
                    "one item is {} bytes, more than a job may hold ({max_bytes})",
                    encoded.len()
                ),
            ));
        }
        let extra = encoded.len() + usize::from(count > 0) + 1;
        if count as usize >= max_items || out.len() + extra > max_bytes {
            *pending = Some(encoded);
            break;
        }
        if count > 0 {
            out.push(b',');
        }
        out.extend_from_slice(&encoded);
        count += 1;
    }
    out.push(b']');
    Ok((count > 0).then_some((out, count)))
}

impl<T: Transport> Client<T> {
    /// Imports `items` (V1 batch objects such as
    /// `{"summary":"evil.example","type":"Host","rating":3}`) in as many
    /// jobs as the limits need, calling `progress` after every step.
    ///
    /// Stops at the first job that fails to be created, uploaded or
    /// polled; jobs finished before are in the error's context only as
    /// progress, so callers that need them should watch `progress`.
    pub async fn run_batch(
        &self,
        items: impl IntoIterator<Item = Value>,
        run: &BatchRun,
        progress: &mut dyn FnMut(&BatchProgress),
    ) -> Result<BatchOutcome> {
        let mut items = items.into_iter();
        let mut pending = None;
        let mut state = BatchProgress::default();
        let mut outcome = BatchOutcome::default();
        let chunk_items = run.chunk_items.clamp(1, 25_000);
        while let Some((data, count)) = next_chunk(
            &mut items,
            &mut pending,
            chunk_items,
            run.chunk_bytes.max(64),
        )? {
            state.items_read += count;
            let id = batch().create(&run.config).send(self).await?;
            state.job_status = "Created".into();
            self.upload_once(id, data).await?;
            state.items_submitted += count;
            state.job_status = "Queued".into();
            progress(&state);
            let status = self.poll_job(id, count, run, &mut state, progress).await?;
            let errors = if status.error_count.unwrap_or(0) > 0 {
                batch_job(id).errors().send(self).await?
            } else {
                Vec::new()
            };
            state.jobs_done += 1;
            state.succeeded += status.success_count.unwrap_or(0).max(0) as u64;
            state.failed += status.error_count.unwrap_or(0).max(0) as u64;
            progress(&state);
            outcome.jobs.push(JobOutcome {
                id,
                items: count,
                status,
                errors,
            });
        }
        Ok(outcome)
    }

    /// Uploads a job's data; if the answer is lost, asks the job whether
    /// the data arrived before trying again (once).
    async fn upload_once(&self, id: u64, data: Vec<u8>) -> Result<()> {
        let first = batch_job(id).upload(data.clone()).send(self).await;
        let Err(error) = first else { return Ok(()) };
        let ambiguous = matches!(&error, Error::Transport(_))
            || matches!(&error, Error::Api(a) if matches!(a.status, 500 | 502 | 504));
        if !ambiguous {
            return Err(error);
        }
        let status = batch_job(id).status().send(self).await?;
        match status.status.as_deref() {
            Some("Created") => batch_job(id).upload(data).send(self).await.map(|_| ()),
            // The data arrived; the lost answer changes nothing.
            _ => Ok(()),
        }
    }

    async fn poll_job(
        &self,
        id: u64,
        items: u64,
        run: &BatchRun,
        state: &mut BatchProgress,
        progress: &mut dyn FnMut(&BatchProgress),
    ) -> Result<BatchStatus> {
        let start = self.now_millis()?;
        // Bigger jobs take longer: the first wait grows with the size.
        let mut wait = run
            .first_poll_ms
            .max(items.saturating_mul(3))
            .min(run.max_poll_ms.max(1));
        loop {
            if self
                .now_millis()?
                .saturating_sub(start)
                .saturating_add(wait)
                > run.job_deadline_ms
            {
                return Err(Error::Transport(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!(
                        "batch job {id} did not complete within {} ms",
                        run.job_deadline_ms
                    ),
                )));
            }
            self.pause(wait).await;
            let status = batch_job(id)
                .status()
                .include_additional()
                .send(self)
                .await?;
            state.job_status = status.status.clone().unwrap_or_default();
            progress(state);
            if status.is_completed() {
                return Ok(status);
            }
            wait = wait
                .saturating_add(run.poll_step_ms)
                .min(run.max_poll_ms.max(1));
        }
    }
}
