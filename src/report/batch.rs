//! Analysed policies in, the files of `out/` out: every pair in every batch format, `history.csv` per
//! policy, `summary.csv` for the run.

use super::{history_csv, pair_stem, render, safe_name, summary_csv, write_atomic, Format};
use crate::model::PolicyReport;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Render(#[from] super::RenderError),
    #[error(transparent)]
    Write(#[from] super::WriteError),
}

/// Folder of one policy's outputs.
pub fn policy_dir(out: &Path, policy: &PolicyReport) -> PathBuf {
    out.join(safe_name(&policy.policy))
}

/// Writes every pair report and the history of one policy.
pub fn write_policy(out: &Path, policy: &PolicyReport) -> Result<(), BatchError> {
    let dir = policy_dir(out, policy);
    for pair in &policy.pairs {
        let stem = pair_stem(pair);
        for format in Format::BATCH {
            let text = render(pair, format)?;
            write_atomic(
                &dir.join(format!("{stem}.{}", format.extension())),
                text.as_bytes(),
            )?;
        }
    }
    write_atomic(&dir.join("history.csv"), history_csv(policy)?.as_bytes())?;
    Ok(())
}

/// Writes the files that cover the whole run (`summary.csv`). A shard of a run passes its suffix
/// (`-shard-2-of-8`) so that shards sharing one output folder do not overwrite each other.
pub fn write_run(
    out: &Path,
    policies: &[PolicyReport],
    suffix: Option<&str>,
) -> Result<(), BatchError> {
    let suffix = suffix.unwrap_or("");
    write_atomic(
        &out.join(format!("summary{suffix}.csv")),
        summary_csv(policies)?.as_bytes(),
    )?;
    Ok(())
}
