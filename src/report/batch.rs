//! Analysed policies in, the files of `out/` out: every pair in every batch format, `history.csv` per
//! policy (and its local policies' `conformance.*` when it has any), `summary.csv` and `index.html`
//! for the run.

use super::{conform_csv, conform_json};
use super::{history_csv, html, pair_stem, render_parts, safe_name, summary_csv};
use super::{write_atomic, write_atomic_parts};
use super::{Format, Page};
use crate::model::PolicyReport;
use rayon::prelude::*;
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
    // Pair reports sit one folder below the index.
    let page = Page {
        title: policy.title.as_deref(),
        index: Some("../index.html"),
    };
    for pair in &policy.pairs {
        let stem = pair_stem(pair);
        for format in Format::BATCH {
            let parts = render_parts(pair, format, page)?;
            write_atomic_parts(&dir.join(format!("{stem}.{}", format.extension())), &parts)?;
        }
    }
    write_atomic(&dir.join("history.csv"), history_csv(policy)?.as_bytes())?;
    if let Some(c) = &policy.conformance {
        let title = Some(policy.title.as_deref().unwrap_or(&policy.policy));
        write_atomic(&dir.join("conformance.csv"), conform_csv(c)?.as_bytes())?;
        write_atomic(&dir.join("conformance.json"), conform_json(c)?.as_bytes())?;
        write_atomic(
            &dir.join("conformance.html"),
            html::conformance_html(c, title)?.as_bytes(),
        )?;
        // A state model can have a thousand agencies: their pages are rendered and flushed on all
        // cores rather than one by one.
        c.agencies.par_iter().try_for_each(|a| {
            let name = safe_name(&a.agency);
            let local = dir.join("local");
            write_atomic(
                &local.join(format!("{name}.html")),
                html::agency_html(a, title)?.as_bytes(),
            )?;
            write_atomic(
                &local.join(format!("{name}.md")),
                super::agency_markdown(a, title)?.as_bytes(),
            )?;
            Ok::<_, BatchError>(())
        })?;
    }
    Ok(())
}

/// Writes the files that cover the whole run (`summary.csv`, `index.html`). A shard of a run passes
/// its suffix (`-shard-2-of-8`) so that shards sharing one output folder do not overwrite each other;
/// a shard's index lists only that shard's policies.
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
    write_atomic(
        &out.join(format!("index{suffix}.html")),
        html::index_html(policies)?.as_bytes(),
    )?;
    Ok(())
}
