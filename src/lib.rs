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
pub mod fingerprint;
pub mod history;
pub mod incremental;
pub mod ingest;
pub mod model;
pub mod report;
pub mod review;
pub mod score;
pub mod segment;
#[doc(hidden)]
pub mod synth;
pub mod table;

use classify::{Classifier, Context, SentenceIndexes, Version, WordIndex};
use fingerprint::Fingerprint;
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
    compare_citing(old, new, classifier, regulated, |c: &model::Clause| {
        ClauseRef::from(c)
    })
    .0
}

/// [`compare`] for a caller done with the two documents once they are compared: the text and path of
/// every clause a change cites move into the report instead of being copied, so a large revision's
/// text is held once, not twice (a clause cited by several changes, as in a split, is copied for all
/// but its last). The documents are left with those texts and paths empty.
pub fn compare_moving(
    old: &mut Document,
    new: &mut Document,
    classifier: &Classifier,
    regulated: Option<&str>,
) -> PairReport {
    // The citations are made without text and path; both are filled in once nothing reads the
    // documents any more.
    let bare = |c: &model::Clause| ClauseRef {
        id: c.id.clone(),
        number: c.number.clone(),
        path: Vec::new(),
        text: String::new(),
        line: c.line,
    };
    let (mut report, cited) = compare_citing(old, new, classifier, regulated, bare);
    let mut uses = (
        vec![0usize; old.clauses.len()],
        vec![0usize; new.clauses.len()],
    );
    for &(o, n) in &cited {
        o.into_iter().for_each(|i| uses.0[i] += 1);
        n.into_iter().for_each(|j| uses.1[j] += 1);
    }
    let fill =
        |r: &mut Option<ClauseRef>, at: Option<usize>, doc: &mut Document, left: &mut [usize]| {
            let (Some(r), Some(i)) = (r.as_mut(), at) else {
                return;
            };
            let c = &mut doc.clauses[i];
            left[i] -= 1;
            if left[i] == 0 {
                r.text = std::mem::take(&mut c.text);
                r.path = std::mem::take(&mut c.path);
            } else {
                r.text.clone_from(&c.text);
                r.path.clone_from(&c.path);
            }
        };
    for (change, &(o, n)) in report.changes.iter_mut().zip(&cited) {
        fill(&mut change.old, o, old, &mut uses.0);
        fill(&mut change.new, n, new, &mut uses.1);
    }
    report
}

/// [`compare`] with clause citations made by `cite`; also hands back, change by change, the indexes of
/// the old and new clause each cites.
#[allow(clippy::type_complexity)]
fn compare_citing(
    old: &Document,
    new: &Document,
    classifier: &Classifier,
    regulated: Option<&str>,
    cite: impl Fn(&model::Clause) -> ClauseRef + Sync,
) -> (PairReport, Vec<(Option<usize>, Option<usize>)>) {
    // The aligner reads every word of both versions; the classifier asks it where a sentence's
    // words stand instead of reading both versions again.
    let (aligned, words) = align::align_with_words(&old.clauses, &new.clauses);
    let sentences = SentenceIndexes::with_words(&words);
    // Who the policy binds decides whose duties and rights the parties in its clauses are.
    let classifier = &*classifier.for_regulated(regulated);
    let ctx = Context {
        old_clauses: &old.clauses,
        new_clauses: &new.clauses,
        sentences: Some(&sentences),
        pieces: None,
    };
    let pieces = classify::pieces::of_pairs(&aligned);
    let cited = aligned.iter().map(|p| (p.old, p.new)).collect();
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
                old: o.map(&cite),
                new: n.map(&cite),
                fingerprint: Fingerprint::of(
                    &new.policy,
                    &old.label,
                    &new.label,
                    o.map(|c| c.text.as_str()),
                    n.map(|c| c.text.as_str()),
                ),
                kind: p.kind,
                direction: verdict.direction,
                review: None,
                confidence: verdict.confidence,
                needs_review: verdict.needs_review,
                similarity: p.similarity,
                reasons: verdict.reasons,
                diff: edits,
            }
        })
        .collect();
    let report = PairReport {
        schema: SCHEMA,
        policy: new.policy.clone(),
        from: version_info(old),
        to: version_info(new),
        summary: Summary::of(&changes),
        changes,
    };
    (report, cited)
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

/// Every successive pair of a policy's versions, with clause histories; the policy's reviews are
/// applied, so verdicts and histories are the effective ones.
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
        .map(|w| {
            let mut r = compare(&w[0], &w[1], classifier, src.regulated.as_deref());
            review::apply(&mut r, &src.reviews.reviews);
            r
        })
        .collect();
    PolicyReport {
        stale_reviews: review::stale(&src.reviews.reviews, &pairs),
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

/// A one-version document of `text`, for unit tests across the crate.
#[cfg(test)]
pub(crate) fn test_document(text: &str) -> Document {
    Document {
        policy: "p".into(),
        label: "v".into(),
        date: None,
        status: model::Status::Adopted,
        source_path: "v.md".into(),
        clauses: segment::segment(text),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        test_document(text)
    }

    /// The fingerprint of the change whose new side has `id` in the comparison of `old` with `new`.
    fn fingerprint_of(old: &str, new: &str, id: &str) -> (PairKind, model::Fingerprint) {
        let r = compare(&doc(old), &doc(new), &Classifier::default(), None);
        let c = r
            .changes
            .iter()
            .find(|c| c.new.as_ref().is_some_and(|n| n.id == id))
            .unwrap_or_else(|| panic!("no change to {id}"));
        (c.kind, c.fingerprint.clone())
    }

    #[test]
    fn a_change_keeps_its_fingerprint_wherever_its_clause_goes() {
        let old = "1. Purpose\n\nThis policy sets out how stops are recorded by every officer.\n\n\
                   2. Records\n\nOfficers should record every stop in the log within one day.\n";
        let edited = "Officers shall record every stop in the log within one day.";
        let in_place = format!(
            "1. Purpose\n\nThis policy sets out how stops are recorded by every officer.\n\n\
             2. Records\n\n{edited}\n"
        );
        let renumbered = format!(
            "1. Purpose\n\nThis policy sets out how stops are recorded by every officer.\n\n\
             2. Training\n\nAll staff attend a yearly course on fair policing.\n\n3. Records\n\n{edited}\n"
        );
        let moved = format!(
            "1. Records\n\n{edited}\n\n2. Purpose\n\nThis policy sets out how stops are recorded \
             by every officer.\n"
        );
        let reworded =
            "1. Purpose\n\nThis policy sets out how stops are recorded by every officer.\n\n\
                   2. Records\n\nOfficers shall record each stop in the log within one day.\n";
        let (kind, base) = fingerprint_of(old, &in_place, "2");
        assert_eq!(kind, PairKind::Modified);
        let (kind, f) = fingerprint_of(old, &renumbered, "3");
        assert_eq!((kind, &f), (PairKind::Modified, &base), "renumbered");
        let (kind, f) = fingerprint_of(old, &moved, "1");
        assert_eq!((kind, &f), (PairKind::Moved, &base), "moved");
        let (_, f) = fingerprint_of(old, reworded, "2");
        assert_ne!(f, base, "another word");
    }

    #[test]
    fn moving_the_texts_gives_the_same_report() {
        let old =
            "1. Purpose\n\nOfficers shall record every stop and shall report all stops to the \
                   chief each week in writing.\n\n2. Scope\n\nThis applies to all sworn staff.\n";
        let new = "1. Purpose\n\nOfficers shall record every stop.\n\n2. Reports\n\nOfficers shall \
                   report all stops to the chief each week in writing.\n\n3. Scope\n\nThis applies \
                   to all sworn staff and to civilians.\n\n4. Training\n\nStaff may attend training.\n";
        let (a, b) = (doc(old), doc(new));
        let copied = compare(&a, &b, &Classifier::default(), None);
        let (mut a2, mut b2) = (a.clone(), b.clone());
        let moved = compare_moving(&mut a2, &mut b2, &Classifier::default(), None);
        assert_eq!(
            serde_json::to_string(&moved).unwrap(),
            serde_json::to_string(&copied).unwrap()
        );
        // A clause cited twice (the split) is copied once and moved once.
        let cited = |r: &Option<ClauseRef>| r.as_ref().map(|c| c.id.clone());
        let olds: Vec<_> = copied
            .changes
            .iter()
            .filter_map(|c| cited(&c.old))
            .collect();
        assert!(
            olds.iter()
                .any(|id| olds.iter().filter(|x| *x == id).count() > 1),
            "the example has a split: {olds:?}"
        );
        assert!(a2.clauses.iter().all(|c| c.text.is_empty()));
        assert!(b2.clauses.iter().all(|c| c.text.is_empty()));
    }
}
