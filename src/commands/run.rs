//! `policydiff run`: every policy under a versions folder, every successive pair, all outputs.

use super::{classifier, print_warnings};
use anyhow::{bail, Result};
use policydiff::ingest;
use policydiff::report;
use std::path::Path;
use std::process::ExitCode;

pub fn run(versions: &Path, out: &Path, lexicon: Option<&Path>, quiet: bool) -> Result<ExitCode> {
    let dirs = ingest::list_policies(versions)?;
    if dirs.is_empty() {
        bail!("{}: no policy folders found", versions.display());
    }
    let default = classifier(lexicon)?;
    let mut reports = Vec::with_capacity(dirs.len());
    for dir in &dirs {
        let src = ingest::load_policy(dir)?;
        if src.versions.len() < 2 {
            bail!(
                "{}: a policy needs at least two versions to compare, found {}",
                dir.display(),
                src.versions.len()
            );
        }
        let own;
        let cls = match &src.lexicon {
            Some(p) => {
                own = classifier(Some(p))?;
                &own
            }
            None => &default,
        };
        let docs = policydiff::load_versions(&src)?;
        docs.iter().for_each(print_warnings);
        reports.push(policydiff::analyse_documents(&src, &docs, cls));
    }
    for r in &reports {
        report::write_policy(out, r)?;
    }
    report::write_run(out, &reports)?;
    if !quiet {
        let pairs: usize = reports.iter().map(|r| r.pairs.len()).sum();
        let (s, w): (usize, usize) = reports
            .iter()
            .flat_map(|r| &r.pairs)
            .fold((0, 0), |(s, w), p| {
                (s + p.summary.strengthened, w + p.summary.weakened)
            });
        eprintln!(
            "policydiff: {} policies, {pairs} comparisons: {s} strengthened, {w} weakened; reports in {}",
            reports.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
