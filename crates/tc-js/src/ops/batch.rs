//! The batch API: create a job, upload its data, read its state and errors.

use tc_core::Result;
use tc_core::api::{self, BatchConfig};

use super::table;
use crate::args::{Args, invalid};
use crate::prepared::one;

/// The JSON of `POST /v2/batch`; everything but `owner` has a default.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct BatchBody {
    owner: Option<String>,
    halt_on_error: Option<bool>,
    action: Option<String>,
    attribute_write_type: Option<String>,
    version: Option<String>,
    tag_write_type: Option<String>,
    security_label_write_type: Option<String>,
}

fn config(a: &Args) -> Result<BatchConfig> {
    let body: BatchBody = a.body_as()?;
    let owner = body
        .owner
        .or_else(|| a.owner.clone())
        .ok_or_else(|| invalid("body.owner", "a batch job needs an owner"))?;
    let mut config = BatchConfig::create(owner);
    if let Some(halt) = body.halt_on_error {
        config = config.halt_on_error(halt);
    }
    if let Some(action) = body.action {
        config = config.action(action);
    }
    if let Some(kind) = body.attribute_write_type {
        config = config.attribute_write_type(kind);
    }
    if let Some(version) = body.version {
        config = config.version(version);
    }
    config.tag_write_type = body.tag_write_type;
    config.security_label_write_type = body.security_label_write_type;
    Ok(config)
}

/// Limits and polling of `runBatch`, next to the job configuration.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct RunBody {
    chunk_items: Option<usize>,
    chunk_bytes: Option<usize>,
    first_poll_ms: Option<u64>,
    poll_step_ms: Option<u64>,
    max_poll_ms: Option<u64>,
    job_deadline_ms: Option<u64>,
}

/// The `BatchRun` of `runBatch(items, config)`.
pub(crate) fn run_config(config: &str) -> Result<tc_core::BatchRun> {
    let body: serde_json::Value = crate::args::read_json("config", config)?;
    let limits: RunBody = crate::args::read_json("config", config)?;
    let args = Args {
        body: Some(body),
        ..Args::default()
    };
    let mut run = tc_core::BatchRun::new(self::config(&args)?);
    if let Some(n) = limits.chunk_items {
        run.chunk_items = n;
    }
    if let Some(n) = limits.chunk_bytes {
        run.chunk_bytes = n;
    }
    if let Some(n) = limits.first_poll_ms {
        run.first_poll_ms = n;
    }
    if let Some(n) = limits.poll_step_ms {
        run.poll_step_ms = n;
    }
    if let Some(n) = limits.max_poll_ms {
        run.max_poll_ms = n;
    }
    if let Some(n) = limits.job_deadline_ms {
        run.job_deadline_ms = n;
    }
    Ok(run)
}

table! {
    pub(crate) fn collection(a) -> COLLECTION {
        "batch.create" => one(api::batch().create(&config(a)?), a),
        "batch.upload" => one(api::batch_job(a.id()?).upload(a.data()?), a),
        "batch.status" => one(api::batch_job(a.id()?).status(), a),
        "batch.errors" => one(api::batch_job(a.id()?).errors(), a),
        "batch.results" => one(api::batch_job(a.id()?).results(), a),
    }
}
