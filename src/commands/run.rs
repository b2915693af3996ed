//! `policydiff run`: every policy under a versions folder (or one shard of them), every successive
//! pair, all outputs; in parallel, with a progress bar on a terminal.
//!
//! Every policy is read and analysed before anything is written, so bad input anywhere stops the run
//! with nothing written; each file is then written atomically.
//!
//! Runs are incremental: what the record of an earlier run into the same folder shows to be made from
//! unchanged inputs is reused rather than recomputed (see [`policydiff::incremental`]; `--full` skips
//! it). This file only threads the record through; the mechanism lives there.

use super::{classifier, progress};
use crate::cli::ReadWith;
use anyhow::{bail, Context as _, Result};
use indicatif::ProgressBar;
use policydiff::classify::Classifier;
use policydiff::conform::conform_policy_counted;
use policydiff::incremental::{self, Outcome};
use policydiff::ingest;
use policydiff::model::{ConformReport, Document, PolicyReport};
use policydiff::report;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// One of N deterministic slices of the policies, for spreading a batch over machines.
///
/// Policy folders are sorted by name and dealt round-robin: shard K of N takes the folders at
/// positions K-1, K-1+N, ... This balances shards and needs no coordination, as long as every shard
/// sees the same `versions/` folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not K/N (for example 2/8)"))?;
        let parse = |x: &str| x.trim().parse::<usize>().ok();
        match (parse(k), parse(n)) {
            (Some(index), Some(count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(Shard { index, count })
            }
            _ => Err(format!(
                "{s:?}: expected K/N with 1 <= K <= N (for example 2/8)"
            )),
        }
    }
}

impl Shard {
    pub(super) fn select<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.count == self.index - 1)
            .map(|(_, x)| x)
            .collect()
    }

    /// Suffix of the run-wide files a shard writes, so shards can share one output folder.
    pub fn file_suffix(self) -> String {
        format!("-shard-{}-of-{}", self.index, self.count)
    }
}

pub struct RunArgs<'a> {
    pub versions: &'a Path,
    pub out: &'a Path,
    pub read: &'a ReadWith,
    pub quiet: bool,
    pub shard: Option<Shard>,
    /// Ignore the record of earlier runs: recompute everything.
    pub full: bool,
}

pub fn run(args: RunArgs<'_>) -> Result<ExitCode> {
    let mut dirs = ingest::list_policies(args.versions)?;
    if dirs.is_empty() {
        bail!(
            "{}: no policy folders found (expected one subfolder per policy)",
            args.versions.display()
        );
    }
    if let Some(shard) = args.shard {
        dirs = shard.select(dirs);
    }
    let default = classifier(args.read.lexicon.as_deref(), args.read.weights.as_deref())?;
    let ctx = incremental::Run {
        out: args.out.to_path_buf(),
        full: args.full,
        default: incremental::Settings::read(
            &incremental::program(),
            args.read.lexicon.as_deref(),
            args.read.weights.as_deref(),
        )?,
    };
    let bar = progress(dirs.len() as u64, args.quiet);
    bar.set_message("policies and local policies analysed");

    let results: Vec<Result<(Outcome, PathBuf)>> = dirs
        .par_iter()
        .map(|dir| {
            let r = analyse(dir, &default, args.read, &bar, &ctx);
            bar.inc(1);
            r
        })
        .collect();
    // Report the first failure in folder order, so the message does not depend on thread timing.
    let (outcomes, review_files): (Vec<Outcome>, Vec<PathBuf>) = results
        .into_iter()
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    // Writing (each file flushed before it is renamed into place) can take longer than the analysis,
    // so the bar counts it too rather than standing still at the end.
    bar.set_position(0);
    bar.set_length(outcomes.len() as u64);
    bar.set_message("policies written");
    outcomes.par_iter().try_for_each(|o| {
        incremental::write(args.out, o)?;
        bar.inc(1);
        Ok::<_, incremental::IncrementalError>(())
    })?;
    let recomputed: usize = outcomes.iter().map(|o| o.recomputed).sum();
    let reused: usize = outcomes.iter().map(|o| o.reused).sum();
    let reports: Vec<PolicyReport> = outcomes.into_iter().map(|o| o.report).collect();
    report::write_run(
        args.out,
        &reports,
        args.shard.map(Shard::file_suffix).as_deref(),
    )?;
    bar.finish_and_clear();
    for (r, file) in reports.iter().zip(&review_files) {
        warn_stale(r, file);
    }

    if !args.quiet {
        eprintln!(
            "{}",
            one_line_summary(&reports, (recomputed, reused), args.out)
        );
    }
    super::leave(reports);
    Ok(ExitCode::SUCCESS)
}

fn warn(message: &str) {
    eprintln!("policydiff: warning: {message}");
}

/// Names a policy's stale reviews, each with its note, so that a decision that no longer applies is
/// seen and settled rather than silently dropped.
fn warn_stale(report: &PolicyReport, file: &Path) {
    let stale = &report.stale_reviews;
    if stale.is_empty() {
        return;
    }
    let s = if stale.len() == 1 { "" } else { "s" };
    let mut message = format!(
        "{}: {} stale review{s}, not applied: no comparison of these versions has the change",
        file.display(),
        stale.len()
    );
    for r in stale {
        let when = r
            .when
            .as_deref()
            .map(|w| format!(", {w}"))
            .unwrap_or_default();
        let versions = match (&r.from, &r.to) {
            (Some(f), Some(t)) => format!(" {f} -> {t}"),
            _ => String::new(),
        };
        message.push_str(&format!(
            "\n  {}{versions} {} (by {}{when}): {}",
            r.fingerprint,
            r.verdict.as_str(),
            r.by,
            r.note
        ));
    }
    warn(&message);
}

/// Analyses one policy, reusing what the record of an earlier run still vouches for, and checks its
/// local policies.
fn analyse(
    dir: &Path,
    default: &Classifier,
    default_read: &ReadWith,
    bar: &ProgressBar,
    ctx: &incremental::Run,
) -> Result<(Outcome, PathBuf)> {
    let src = ingest::load_policy(dir)?;
    let reviews = src.reviews.path.clone();
    if src.versions.len() < 2 {
        bail!(
            "{}: a policy needs at least two versions to compare, found {}",
            dir.display(),
            src.versions.len()
        );
    }
    let lexicon = src.lexicon.as_deref().or(default_read.lexicon.as_deref());
    let weights = src.weights.as_deref().or(default_read.weights.as_deref());
    let locals = ingest::local_policies(&src)?;
    let plan = ctx
        .plan(&src, lexicon, weights, &locals, &warn)
        .with_context(|| format!("inputs of policy {}", dir.display()))?;
    if let Some(done) = plan.reuse_all(&src) {
        // What reading its files warned about is still true of them.
        done.recorded_warnings().for_each(warn);
        return Ok((done, reviews));
    }
    let own;
    let cls = if src.lexicon.is_some() || src.weights.is_some() {
        own = classifier(lexicon, weights)
            .with_context(|| format!("lexicon or weights of policy {}", dir.display()))?;
        &own
    } else {
        default
    };
    let docs = policydiff::load_versions(&src)?;
    let warnings: Vec<String> = docs.iter().flat_map(document_warnings).collect();
    warnings.iter().for_each(|w| warn(w));
    let (mut report, kept) = plan.analyse(&src, &docs, cls, &warn);
    let mut stored = None;
    let mut local_warnings = Vec::new();
    if !locals.is_empty() {
        match plan.conformance(&warn) {
            Some(c) => {
                c.warnings.iter().for_each(|w| warn(w));
                stored = Some(c);
            }
            None => {
                let (c, w) = conformance(&src, &locals, cls, bar)?;
                report.conformance = Some(c);
                local_warnings = w;
            }
        }
    }
    Ok((
        plan.finish(report, kept, stored, warnings, local_warnings),
        reviews,
    ))
}

/// What reading a document warned about, each naming the file.
fn document_warnings(doc: &Document) -> impl Iterator<Item = String> + '_ {
    doc.warnings
        .iter()
        .map(|w| format!("{}: {w}", doc.source_path))
}

/// Checks a model's local policies, with what reading them warned about (printed as it comes); the
/// bar grows by the local policies found and counts each as it is checked, so a model with a
/// thousand agencies does not sit at one step.
fn conformance(
    src: &ingest::PolicySource,
    locals: &[ingest::LocalFile],
    cls: &Classifier,
    bar: &ProgressBar,
) -> Result<(ConformReport, Vec<String>)> {
    bar.inc_length(locals.len() as u64);
    let conformance = conform_policy_counted(src, locals, cls, &|| bar.inc(1))?;
    let mut warnings = Vec::new();
    for a in &conformance.agencies {
        for w in &a.warnings {
            let line = format!("{}: {w}", a.local.file);
            warn(&line);
            warnings.push(line);
        }
    }
    Ok((conformance, warnings))
}

/// `(recomputed, reused)` counts comparisons: reused ones were read back from an earlier run.
fn one_line_summary(
    reports: &[PolicyReport],
    (recomputed, reused): (usize, usize),
    out: &Path,
) -> String {
    let pairs: usize = reports.iter().map(|r| r.pairs.len()).sum();
    let (s, w, r, done) = reports
        .iter()
        .flat_map(|r| &r.pairs)
        .fold((0, 0, 0, 0), |acc, p| {
            (
                acc.0 + p.summary.strengthened,
                acc.1 + p.summary.weakened,
                acc.2 + p.summary.unreviewed,
                acc.3 + p.summary.reviewed,
            )
        });
    let stale: usize = reports.iter().map(|r| r.stale_reviews.len()).sum();
    let reviews = match (done, stale) {
        (0, 0) => String::new(),
        (_, 0) => format!(", {done} reviewed"),
        (_, 1) => format!(", {done} reviewed (1 stale review not applied)"),
        _ => format!(", {done} reviewed ({stale} stale reviews not applied)"),
    };
    let agencies: Vec<_> = reports
        .iter()
        .filter_map(|r| r.conformance.as_ref())
        .flat_map(|c| &c.agencies)
        .collect();
    let local = if agencies.is_empty() {
        String::new()
    } else {
        let weaker = agencies.iter().filter(|a| a.counts.weakened > 0).count();
        format!(
            "; {} local policies checked, {weaker} weaker than their model",
            agencies.len()
        )
    };
    format!(
        "policydiff: {} policies, {pairs} comparisons ({recomputed} recomputed, {reused} reused): {s} strengthened, {w} weakened, {r} to review{reviews}{local}; reports in {}",
        reports.len(),
        out.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, want: Option<(usize, usize)>) {
        let got = input.parse::<Shard>().ok().map(|s| (s.index, s.count));
        assert_eq!(got, want, "{input}");
    }

    #[test]
    fn parses_shards() {
        case("1/1", Some((1, 1)));
        case("2/8", Some((2, 8)));
        case(" 3 / 4 ", Some((3, 4)));
        case("0/4", None);
        case("5/4", None);
        case("1/0", None);
        case("4", None);
        case("a/b", None);
    }

    #[test]
    fn shards_partition_the_policies() {
        let items: Vec<usize> = (0..10).collect();
        let mut all: Vec<usize> = (1..=3)
            .flat_map(|k| Shard { index: k, count: 3 }.select(items.clone()))
            .collect();
        all.sort();
        assert_eq!(all, items);
        assert_eq!(Shard { index: 2, count: 3 }.select(items), vec![1, 4, 7]);
    }
}
