//! policydiff: successive versions of a policy in; clause-by-clause verdicts (strengthened, weakened,
//! unchanged) with plain reasons out.
//!
//! The pipeline reads as a few calls, one module per stage:
//!
//! ```text
//! versions/<policy>/*  --ingest-->  text  --segment-->  Vec<Clause>
//!    --align-->  Vec<AlignedPair>  --diff-->  word edits  --classify-->  Change  --report-->  out/
//! ```
//!
//! [`load_document`] runs ingest and segment, [`compare`] runs align, diff and classify for one pair,
//! [`analyse_policy`] does every successive pair of a policy and its clause histories, and
//! [`conform::conform_policy`] checks agencies' local policies against a model with the same
//! [`compare`] (model = old, local = new). Renderers in
//! [`report`] read only the resulting [`model`] types.

pub mod align;
pub mod classify;
pub mod conform;
pub mod diff;
pub mod history;
pub mod incremental;
pub mod ingest;
pub mod model;
pub mod report;
pub mod score;
pub mod segment;
#[doc(hidden)]
pub mod synth;
pub mod table;

use classify::{Classifier, Context, SentenceIndexes, Version, WordIndex};
use ingest::{IngestError, PolicySource, VersionSource};
use model::{
    Change, ClauseRef, Document, EditOp, PairKind, PairReport, PolicyReport, Summary, VersionInfo,
    SCHEMA,
};
use rayon::prelude::*;
use std::path::Path;

/// Reads and segments one version file.
pub fn load_document(policy: &str, version: &VersionSource) -> Result<Document, IngestError> {
    let ingested = ingest::read_version_with_warnings(&version.path)?;
    let text = ingested.text;
    Ok(Document {
        policy: policy.to_string(),
        label: version.label.clone(),
        date: version.date.clone(),
        status: version.status,
        source_path: display_path(&version.path),
        clauses: segment::segment(&text),
        warnings: ingested.warnings,
    })
}

/// A loose file given on the command line, as a one-version "policy" named after its folder.
pub fn load_file(path: &Path) -> Result<Document, IngestError> {
    let policy = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let version = VersionSource {
        label: ingest::stem(path),
        date: None,
        status: model::Status::Adopted,
        path: path.to_path_buf(),
    };
    load_document(&policy, &version)
}

/// Compares two versions: aligns their clauses, diffs and classifies every pair.
pub fn compare(
    old: &Document,
    new: &Document,
    classifier: &Classifier,
    regulated: Option<&str>,
) -> PairReport {
    // The aligner reads every word of both versions; the classifier asks it where a sentence's
    // words stand instead of reading both versions again.
    let (aligned, words) = align::align_with_words(&old.clauses, &new.clauses);
    let sentences = SentenceIndexes::with_words(&words);
    let ctx = Context {
        old_clauses: &old.clauses,
        new_clauses: &new.clauses,
        regulated,
        sentences: Some(&sentences),
        pieces: None,
    };
    let pieces = classify::pieces::of_pairs(&aligned);
    // Diffing and classifying pairs are independent and most of the time on a large document, so they
    // share the cores; an indexed collect keeps the aligner's order, so output stays deterministic.
    let changes: Vec<Change> = aligned
        .into_par_iter()
        .zip(&pieces)
        .map(|(p, piece)| {
            let ctx = Context {
                pieces: piece.as_ref().map(|(version, others)| classify::Pieces {
                    version: *version,
                    clauses: others,
                }),
                ..ctx
            };
            let o = p.old.map(|i| &old.clauses[i]);
            let n = p.new.map(|j| &new.clauses[j]);
            let edits = match (o, n) {
                (Some(o), Some(n)) => diff::word_diff(&o.text, &n.text),
                (Some(o), None) => diff::whole(EditOp::Delete, &o.text),
                (None, Some(n)) => diff::whole(EditOp::Insert, &n.text),
                (None, None) => Vec::new(),
            };
            let verdict = classifier.classify(
                o.map(|c| c.text.as_str()),
                n.map(|c| c.text.as_str()),
                &edits,
                &ctx,
            );
            Change {
                old: o.map(ClauseRef::from),
                new: n.map(ClauseRef::from),
                kind: p.kind,
                direction: verdict.direction,
                confidence: verdict.confidence,
                needs_review: verdict.needs_review,
                similarity: p.similarity,
                reasons: verdict.reasons,
                diff: edits,
            }
        })
        .collect();
    PairReport {
        schema: SCHEMA,
        policy: new.policy.clone(),
        from: version_info(old),
        to: version_info(new),
        summary: Summary::of(&changes),
        changes,
    }
}

/// The aligner's word index is what the classifier narrows a sentence search with.
impl WordIndex for align::words::WordFinder {
    fn clauses_with(&self, version: Version, words: &[&str]) -> Vec<usize> {
        self.holding(version == Version::New, words)
    }
}

/// Whether a change is worth listing in a report (anything but an untouched identical clause).
pub fn is_notable(c: &Change) -> bool {
    c.kind != PairKind::Identical || c.direction != model::Direction::Unchanged
}

/// Every successive pair of a policy's versions, with clause histories.
pub fn analyse_policy(
    src: &PolicySource,
    classifier: &Classifier,
) -> Result<PolicyReport, IngestError> {
    let docs = load_versions(src)?;
    Ok(analyse_documents(src, &docs, classifier))
}

/// Reads and segments every version of a policy, in order.
pub fn load_versions(src: &PolicySource) -> Result<Vec<Document>, IngestError> {
    src.versions
        .par_iter()
        .map(|v| load_document(&src.name, v))
        .collect()
}

/// Like [`analyse_policy`] for documents already loaded.
pub fn analyse_documents(
    src: &PolicySource,
    docs: &[Document],
    classifier: &Classifier,
) -> PolicyReport {
    let pairs: Vec<PairReport> = docs
        .par_windows(2)
        .map(|w| compare(&w[0], &w[1], classifier, src.regulated.as_deref()))
        .collect();
    PolicyReport {
        policy: src.name.clone(),
        title: src.title.clone(),
        versions: docs.iter().map(version_info).collect(),
        lineages: history::lineages(docs, &pairs),
        pairs,
        conformance: None,
    }
}

/// How reports describe a version.
pub fn version_info(d: &Document) -> VersionInfo {
    VersionInfo {
        label: d.label.clone(),
        file: d.source_path.clone(),
        clauses: d.clauses.len(),
        date: d.date.clone(),
        status: d.status,
    }
}

/// Paths in reports use `/` whatever the platform, so outputs are byte-identical everywhere.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
