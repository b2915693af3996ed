//! `policydiff conform`: local policy files and a model's policy folder in; one row per agency and
//! model clause (CSV or JSON) on standard output or in a file, the clauses that fail the gate on
//! standard error, and an exit code (0 passed, 1 the gate failed, 2 bad input); a progress bar on a
//! terminal.
//!
//! Every local file is read and checked before anything is written, so a missing, unreadable or
//! unrelated file stops the command with one line naming it and nothing written.

use super::{classifier, emit, progress, Shard};
use crate::cli::{ConformFailOn, ReadWith, TableFormat};
use anyhow::{bail, Result};
use policydiff::conform::conform_policy_counted;
use policydiff::ingest;
use policydiff::model::{ConformReport, ConformStatus, Direction};
use policydiff::report;
use std::path::Path;
use std::process::ExitCode;

pub struct Options<'a> {
    pub fail_on: ConformFailOn,
    pub format: TableFormat,
    pub output: Option<&'a Path>,
    /// Check only this slice of the local files.
    pub shard: Option<Shard>,
    pub read: &'a ReadWith,
}

pub fn conform(local: &[std::path::PathBuf], model: &Path, opts: &Options<'_>) -> Result<ExitCode> {
    if !model.is_dir() {
        bail!(
            "{}: expected a model policy folder (versions/<policy>)",
            model.display()
        );
    }
    let src = ingest::load_policy(model)?;
    let mut local = local.to_vec();
    if let Some(shard) = opts.shard {
        // Dealt by file name, not by the order the shell or the user gave, so that every shard of
        // one batch sees the same deal.
        local.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        local.dedup();
        local = shard.select(local);
        // More shards than files leaves some empty; in an array job that is not an error.
        if local.is_empty() {
            eprintln!(
                "policydiff: shard {}/{} has no local files (fewer files than shards)",
                shard.index, shard.count
            );
        }
    }
    let locals: Vec<ingest::LocalFile> = local
        .iter()
        .map(|p| ingest::LocalFile::named(&src, p.clone()))
        .collect();
    let classifier = classifier(
        opts.read.lexicon.as_deref().or(src.lexicon.as_deref()),
        opts.read.weights.as_deref().or(src.weights.as_deref()),
    )?;
    // A thousand agencies take seconds: on a terminal, count them as they are checked.
    let bar = progress(locals.len() as u64, false);
    bar.set_message("local policies checked");
    let report = conform_policy_counted(&src, &locals, &classifier, &|| bar.inc(1));
    bar.finish_and_clear();
    let report = report?;
    for a in &report.agencies {
        for w in &a.warnings {
            eprintln!("policydiff: warning: {}: {w}", a.local.file);
        }
    }
    let text = match opts.format {
        TableFormat::Csv => report::conform_csv(&report)?,
        TableFormat::Json => report::conform_json(&report)?,
    };
    emit(opts.output, &text)?;
    let failing = failing(&report, opts.fail_on);
    if failing.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "policydiff: conformance gate failed (--fail-on {}):",
        name(opts.fail_on)
    );
    for line in failing {
        eprintln!("  {line}");
    }
    Ok(ExitCode::from(1))
}

/// "agency: clause status" for every row that fails the gate, in report order.
fn failing(report: &ConformReport, fail_on: ConformFailOn) -> Vec<String> {
    let fails = |d: Direction| match fail_on {
        ConformFailOn::Weaker => d == Direction::Weakened,
        ConformFailOn::Any => d != Direction::Unchanged,
        ConformFailOn::None => false,
    };
    report
        .agencies
        .iter()
        .flat_map(|a| a.rows.iter().map(move |r| (a, r)))
        .filter(|(_, r)| fails(r.direction))
        .map(|(a, r)| {
            let clause = match (&r.model, r.local.first()) {
                (Some(m), _) => format!("model clause {} (line {})", m.id, m.line),
                (None, Some(l)) => format!("local clause {} (line {})", l.id, l.line),
                (None, None) => "(no clause)".into(),
            };
            let status = match r.status {
                ConformStatus::Extra => format!("extra, {}", r.direction.as_str()),
                s => s.as_str().to_string(),
            };
            format!("{}: {clause}: {status}", a.agency)
        })
        .collect()
}

fn name(f: ConformFailOn) -> &'static str {
    match f {
        ConformFailOn::Weaker => "weaker",
        ConformFailOn::Any => "any",
        ConformFailOn::None => "none",
    }
}
