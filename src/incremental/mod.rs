//! Incremental batch runs: a policy's earlier outputs in (with the record of what they were made
//! from), the comparisons that must be computed again out, and the outputs and record brought up to
//! date.
//!
//! - A comparison whose inputs (both versions' contents and manifest facts, the lexicon and weights in
//!   force, the program build: see [`key`]) are unchanged is not recomputed: its stored JSON report is
//!   read back, and its files are not rewritten.
//! - A policy whose every input is unchanged is not segmented or analysed at all (its files are only
//!   hashed): its record holds what the run-wide files need besides the stored comparisons.
//! - A policy with any change is read again for its clause histories (cheap next to comparing), and
//!   its `history.csv` is rewritten; its conformance reports are reused when neither the versions its
//!   agencies answer to nor the local files changed.
//! - Outputs are those of a full run, byte for byte; files of comparisons that no longer exist (a
//!   version was removed) are deleted, as the record says they were this program's.
//! - A record, or a stored report, that cannot be trusted is named in a warning and recomputed; with
//!   `--full` the record is not read at all.

pub mod key;
pub mod record;
#[cfg(test)]
mod tests;

pub use key::{program, Keys, Settings};
pub use record::{Record, RECORD_FILE};

use crate::classify::Classifier;
use crate::ingest::{LocalFile, PolicySource};
use crate::model::{ConformReport, Document, PairReport, PolicyReport};
use crate::report::{self, BatchError, Files, Select, WriteError};
use rayon::prelude::*;
use record::{ConformEntry, Distrust, PairEntry};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IncrementalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot describe the inputs: {0}")]
    Describe(#[source] serde_json::Error),
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// What a whole run shares: where outputs go, whether the record is ignored, and the settings of
/// policies that name no lexicon or weights of their own.
pub struct Run {
    pub out: PathBuf,
    pub full: bool,
    pub default: Settings,
}

impl Run {
    /// Hashes a policy's inputs and reads its record. `lexicon` and `weights` are the files in force
    /// for it (`None`: built in); `warn` hears why a record is not trusted.
    pub fn plan(
        &self,
        src: &PolicySource,
        lexicon: Option<&Path>,
        weights: Option<&Path>,
        locals: &[LocalFile],
        warn: &dyn Fn(&str),
    ) -> Result<Plan, IncrementalError> {
        let settings = if src.lexicon.is_none() && src.weights.is_none() {
            self.default.clone()
        } else {
            Settings::read(&self.default.program, lexicon, weights)?
        };
        let keys = Keys::read(src, &settings, locals)?;
        let dir = self.out.join(report::safe_name(&src.name));
        let old = if self.full {
            None
        } else {
            Record::read(&dir, &src.name).unwrap_or_else(|why| {
                warn(&format!("{why}; recomputing the policy"));
                None
            })
        };
        Ok(Plan {
            keys,
            settings,
            dir,
            old,
        })
    }
}

/// One policy's keys and its earlier record (if any, and trusted).
pub struct Plan {
    keys: Keys,
    settings: Settings,
    dir: PathBuf,
    old: Option<Record>,
}

/// One policy analysed: its report, what was recomputed, and what to write.
pub struct Outcome {
    pub report: PolicyReport,
    pub recomputed: usize,
    pub reused: usize,
    /// `None` when the whole policy was reused: nothing of it is written.
    update: Option<Update>,
    /// For a policy reused whole, the warnings its files gave when they were read.
    recorded: Vec<String>,
}

impl Outcome {
    /// What reading a reused policy's files warned about when they were read (nothing for a policy
    /// analysed now, whose warnings came as it was read).
    pub fn recorded_warnings(&self) -> impl Iterator<Item = &str> {
        self.recorded.iter().map(String::as_str)
    }
}

struct Update {
    /// Per pair: `None` when computed now (to be written), else the files it already has.
    kept: Vec<Option<Files>>,
    /// `None` when the conformance reports (if any) were computed now.
    kept_conformance: Option<Files>,
    keys: Keys,
    program: String,
    warnings: Vec<String>,
    conformance_warnings: Vec<String>,
    /// Files the earlier record lists, to delete those no longer produced.
    old_names: BTreeSet<String>,
}

/// A stored conformance report with its local files' warnings.
pub struct StoredConformance {
    pub report: ConformReport,
    pub warnings: Vec<String>,
    files: Files,
}

impl Plan {
    /// The whole policy as the record has it, when nothing it is made from changed and every stored
    /// file checks out; with the warnings its files gave when read (for the caller to repeat).
    pub fn reuse_all(&self, src: &PolicySource) -> Option<Outcome> {
        let old = self.old.as_ref()?;
        if old.inputs != self.keys.policy {
            return None;
        }
        let stored = || -> Result<Outcome, Distrust> {
            record::intact(&self.dir, &old.history)?;
            let pairs = old
                .pairs
                .par_iter()
                .map(|p| record::load_pair(&self.dir, p))
                .collect::<Result<Vec<_>, _>>()?;
            let conformance = match &old.conformance {
                Some(c) => Some(record::load_conformance(&self.dir, c)?),
                None => None,
            };
            let stale_reviews = crate::review::stale(&src.reviews.reviews, &pairs);
            Ok(Outcome {
                recomputed: 0,
                reused: pairs.len(),
                report: PolicyReport {
                    policy: src.name.clone(),
                    title: src.title.clone(),
                    versions: old.versions.clone(),
                    pairs,
                    lineages: old.lineages.clone(),
                    conformance,
                    stale_reviews,
                },
                update: None,
                recorded: old
                    .warnings
                    .iter()
                    .chain(old.conformance.iter().flat_map(|c| &c.warnings))
                    .cloned()
                    .collect(),
            })
        };
        // Whatever does not check out is named by the per-part reuse that follows, which recomputes
        // only that part.
        stored().ok()
    }

    /// Every successive pair of `docs`, reusing the stored comparisons whose inputs are unchanged
    /// and computing the others, with clause histories (like [`crate::analyse_documents`]).
    pub fn analyse(
        &self,
        src: &PolicySource,
        docs: &[Document],
        classifier: &Classifier,
        warn: &(dyn Fn(&str) + Sync),
    ) -> (PolicyReport, Vec<Option<Files>>) {
        let found: Vec<(PairReport, Option<Files>)> = docs
            .par_windows(2)
            .zip(&self.keys.pairs)
            .map(|(w, key)| match self.stored_pair(key) {
                Some(Ok((report, files))) => (report, Some(files)),
                found => {
                    if let Some(Err(why)) = found {
                        warn(&format!("{why}; recomputing it"));
                    }
                    let mut r = crate::compare(&w[0], &w[1], classifier, src.regulated.as_deref());
                    crate::review::apply(&mut r, &src.reviews.reviews);
                    (r, None)
                }
            })
            .collect();
        let (pairs, kept): (Vec<_>, Vec<_>) = found.into_iter().unzip();
        let report = PolicyReport {
            policy: src.name.clone(),
            title: src.title.clone(),
            versions: docs.iter().map(crate::version_info).collect(),
            lineages: crate::history::lineages(docs, &pairs),
            stale_reviews: crate::review::stale(&src.reviews.reviews, &pairs),
            pairs,
            conformance: None,
        };
        (report, kept)
    }

    fn stored_pair(&self, key: &str) -> Option<Result<(PairReport, Files), Distrust>> {
        let entry = self.old.as_ref()?.pairs.iter().find(|p| p.inputs == key)?;
        Some(record::load_pair(&self.dir, entry).map(|r| (r, entry.files.clone())))
    }

    /// The stored conformance reports, when their inputs are unchanged and their files check out.
    pub fn conformance(&self, warn: &dyn Fn(&str)) -> Option<StoredConformance> {
        let entry = self.old.as_ref()?.conformance.as_ref()?;
        if Some(&entry.inputs) != self.keys.conformance.as_ref() {
            return None;
        }
        match record::load_conformance(&self.dir, entry) {
            Ok(report) => Some(StoredConformance {
                report,
                warnings: entry.warnings.clone(),
                files: entry.files.clone(),
            }),
            Err(why) => {
                warn(&format!("{why}; recomputing the conformance reports"));
                None
            }
        }
    }

    /// The policy analysed now: `kept` from [`Plan::analyse`], the stored conformance reports if they
    /// were reused, and the warnings reading the files gave.
    pub fn finish(
        self,
        mut report: PolicyReport,
        kept: Vec<Option<Files>>,
        conformance: Option<StoredConformance>,
        warnings: Vec<String>,
        conformance_warnings: Vec<String>,
    ) -> Outcome {
        let reused = kept.iter().filter(|k| k.is_some()).count();
        let (kept_conformance, conformance_warnings) = match conformance {
            Some(c) => {
                report.conformance = Some(c.report);
                (Some(c.files), c.warnings)
            }
            None => (None, conformance_warnings),
        };
        Outcome {
            recomputed: kept.len() - reused,
            reused,
            update: Some(Update {
                kept,
                kept_conformance,
                old_names: self
                    .old
                    .iter()
                    .flat_map(|r| r.names())
                    .map(String::from)
                    .collect(),
                keys: self.keys,
                program: self.settings.program,
                warnings,
                conformance_warnings,
            }),
            report,
            recorded: Vec::new(),
        }
    }
}

/// Brings one policy's outputs up to date: writes what was computed now, deletes the files of
/// comparisons that no longer exist, and writes the new record.
pub fn write(out: &Path, outcome: &Outcome) -> Result<(), IncrementalError> {
    let Some(u) = &outcome.update else {
        return Ok(());
    };
    let report = &outcome.report;
    let dir = report::policy_dir(out, report);
    // The earlier record goes first: if the run stops half-way, no record describes files that were
    // since replaced, and the next run recomputes this policy.
    remove(&dir.join(RECORD_FILE))?;
    let fresh: Vec<bool> = u.kept.iter().map(Option::is_none).collect();
    let select = Select {
        pairs: &fresh,
        conformance: u.kept_conformance.is_none(),
    };
    let written = report::write_policy_parts(out, report, &select)?;
    let pairs: Vec<PairEntry> = report
        .pairs
        .iter()
        .zip(&u.keys.pairs)
        .zip(u.kept.iter().zip(written.pairs))
        .map(|((pair, key), (kept, new))| PairEntry {
            inputs: key.clone(),
            stem: report::pair_stem(pair),
            files: kept.clone().or(new).unwrap_or_default(),
        })
        .collect();
    let conformance = match (&u.keys.conformance, &report.conformance) {
        (Some(key), Some(_)) => Some(ConformEntry {
            inputs: key.clone(),
            warnings: u.conformance_warnings.clone(),
            files: u
                .kept_conformance
                .clone()
                .or(written.conformance)
                .unwrap_or_default(),
        }),
        _ => None,
    };
    let rec = Record {
        record: record::FORMAT.into(),
        program: u.program.clone(),
        policy: report.policy.clone(),
        inputs: u.keys.policy.clone(),
        versions: report.versions.clone(),
        lineages: report.lineages.clone(),
        warnings: u.warnings.clone(),
        pairs,
        history: written.history,
        conformance,
    };
    let now: BTreeSet<&str> = rec.names().collect();
    for stale in u.old_names.iter().filter(|n| !now.contains(n.as_str())) {
        remove(&dir.join(stale))?;
    }
    let json = serde_json::to_vec(&rec).map_err(IncrementalError::Describe)?;
    report::write_atomic(&dir.join(RECORD_FILE), &json)?;
    Ok(())
}

/// Deletes a file; one already gone is fine.
fn remove(path: &Path) -> Result<(), WriteError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(WriteError {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}
