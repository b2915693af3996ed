//! Analysed policies in, the files of `out/` out: every pair in every batch format, `history.csv` per
//! policy (and its local policies' `conformance.*` when it has any), `summary.csv`,
//! `stale-reviews.csv` and `index.html` for the run.

use super::{conform_csv, conform_json};
use super::{history_csv, html, pair_stem, render_parts, safe_name, summary_csv};
use super::{write_atomic, write_atomic_noted, FileFact};
use super::{Format, Page};
use crate::model::{ConformReport, PolicyReport};
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    let all = vec![true; policy.pairs.len()];
    let select = Select {
        pairs: &all,
        conformance: true,
    };
    write_policy_parts(out, policy, &select).map(drop)
}

/// A policy's output files by name inside its folder (`v1__v2.json`, `local/ashford.html`), with what
/// each holds: what an incremental run records to know later whether a file is still its own.
pub type Files = BTreeMap<String, FileFact>;

/// Which parts of a policy's outputs to write: an incremental run leaves reused pairs (and reused
/// conformance reports) alone rather than rewriting the same bytes.
pub struct Select<'a> {
    /// One flag per pair of the policy, in order.
    pub pairs: &'a [bool],
    pub conformance: bool,
}

/// What [`write_policy_parts`] wrote: each selected pair's files, the history, and the conformance
/// files when selected and present.
pub struct Written {
    pub pairs: Vec<Option<Files>>,
    pub history: Files,
    pub conformance: Option<Files>,
}

/// Writes the selected pair reports, the history, and (when selected) the conformance reports of one
/// policy, noting the size and hash of every file written.
pub fn write_policy_parts(
    out: &Path,
    policy: &PolicyReport,
    select: &Select<'_>,
) -> Result<Written, BatchError> {
    let dir = policy_dir(out, policy);
    // Pair reports sit one folder below the index.
    let page = Page {
        title: policy.title.as_deref(),
        index: Some("../index.html"),
    };
    let mut pairs = Vec::with_capacity(policy.pairs.len());
    for (pair, &wanted) in policy.pairs.iter().zip(select.pairs) {
        if !wanted {
            pairs.push(None);
            continue;
        }
        let stem = pair_stem(pair);
        let mut files = Files::new();
        for format in Format::BATCH {
            let name = format!("{stem}.{}", format.extension());
            let parts = render_parts(pair, format, page)?;
            files.insert(name.clone(), write_atomic_noted(&dir.join(&name), &parts)?);
        }
        pairs.push(Some(files));
    }
    let mut history = Files::new();
    let name = "history.csv";
    history.insert(
        name.into(),
        write_atomic_noted(&dir.join(name), &[history_csv(policy)?])?,
    );
    let conformance = match &policy.conformance {
        Some(c) if select.conformance => Some(write_conformance(&dir, policy, c)?),
        _ => None,
    };
    Ok(Written {
        pairs,
        history,
        conformance,
    })
}

/// `conformance.*` and one page per agency under `local/`.
fn write_conformance(
    dir: &Path,
    policy: &PolicyReport,
    c: &ConformReport,
) -> Result<Files, BatchError> {
    let title = Some(policy.title.as_deref().unwrap_or(&policy.policy));
    let mut files = Files::new();
    let mut put = |name: String, text: String| -> Result<(), BatchError> {
        let fact = write_atomic_noted(&dir.join(&name), &[text])?;
        files.insert(name, fact);
        Ok(())
    };
    put("conformance.csv".into(), conform_csv(c)?)?;
    put("conformance.json".into(), conform_json(c)?)?;
    put("conformance.html".into(), html::conformance_html(c, title)?)?;
    // A state model can have a thousand agencies: their pages are rendered and flushed on all
    // cores rather than one by one.
    let local = c
        .agencies
        .par_iter()
        .map(|a| {
            let name = safe_name(&a.agency);
            // Named with `/` on every platform: the names are recorded, and records are portable.
            let html_name = format!("local/{name}.html");
            let md_name = format!("local/{name}.md");
            let html_fact = write_atomic_noted(
                &dir.join("local").join(format!("{name}.html")),
                &[html::agency_html(a, title)?],
            )?;
            let md_fact = write_atomic_noted(
                &dir.join("local").join(format!("{name}.md")),
                &[super::agency_markdown(a, title)?],
            )?;
            Ok::<_, BatchError>([(html_name, html_fact), (md_name, md_fact)])
        })
        .collect::<Result<Vec<_>, _>>()?;
    files.extend(local.into_iter().flatten());
    Ok(files)
}

/// Writes the files that cover the whole run (`summary.csv`, `stale-reviews.csv`, `index.html`). A shard of a run passes
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
        &out.join(format!("stale-reviews{suffix}.csv")),
        super::stale_reviews_csv(policies)?.as_bytes(),
    )?;
    write_atomic(
        &out.join(format!("index{suffix}.html")),
        html::index_html(policies)?.as_bytes(),
    )?;
    Ok(())
}
