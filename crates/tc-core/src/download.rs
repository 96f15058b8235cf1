//! Downloads that stream: document and report contents, bulk reports.
//!
//! Bytes are handed to the caller as they arrive (where the transport
//! streams), with a progress figure: bytes so far and the total when the
//! response declared one. A failed download is not retried once bytes were
//! delivered, since the caller has them already.

use crate::call::Call;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::transport::Transport;

/// How far a transfer has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes so far.
    pub loaded: u64,
    /// All bytes, when known.
    pub total: Option<u64>,
}

impl<T: Transport> Client<T> {
    /// Runs a bytes call (a document download, a bulk report) and hands
    /// its body to `on_chunk` piece by piece with the progress so far.
    pub async fn download(
        &self,
        call: &Call<Vec<u8>>,
        on_chunk: &mut dyn FnMut(&[u8], Progress),
    ) -> Result<Progress> {
        let mut progress = Progress::default();
        let mut attempt = 0;
        loop {
            let request = self.build(&call.spec).await?;
            let mut sink = |chunk: &[u8], total: Option<u64>| {
                progress.loaded += chunk.len() as u64;
                progress.total = total.or(progress.total);
                on_chunk(chunk, progress);
            };
            let outcome = self.transport().send_streaming(request, &mut sink).await;
            let result = outcome.map_err(Error::from).and_then(|response| {
                // Error statuses keep their body: read the service's message.
                call.parse(&response).map(|_| ())
            });
            match result {
                Ok(()) => return Ok(progress),
                Err(e) if progress.loaded > 0 => return Err(e),
                Err(e) => match self
                    .retry_policy()
                    .decide(&e, attempt, call.is_idempotent())
                {
                    Some(delay) => {
                        self.pause(delay).await;
                        attempt += 1;
                    }
                    None => return Err(e),
                },
            }
        }
    }

    /// Runs a bytes call and collects the body, reporting progress.
    pub async fn download_all(
        &self,
        call: &Call<Vec<u8>>,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.download(call, &mut |chunk, p| {
            out.extend_from_slice(chunk);
            on_progress(p);
        })
        .await?;
        Ok(out)
    }
}
