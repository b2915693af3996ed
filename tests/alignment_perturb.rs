//! Alignment evaluation on real documents with known truth: every version of the sample corpus and
//! every evaluation document, perturbed by the seeded generator (renumbered, moved, split, merged,
//! inserted, deleted, edited), must come out with pair precision and recall of at least 0.98.
//!
//! The sample's local policies (`versions/<policy>/local/`) are real documents too and are included,
//! except one shorter than [`MIN_CLAUSES`]: the bar is a rate, and the few dozen pairs twenty seeds
//! make of a two-line adoption by reference put a single missed pair below it.

mod common;

use policydiff::align::align;
use policydiff::model::Clause;
use policydiff::synth::{perturb, score, Rates};
use std::path::{Path, PathBuf};

/// Seeds per document: enough perturbations that a small document sees every kind of change.
const SEEDS: u64 = 20;

/// Documents with fewer clauses give too few pairs for a rate of 0.98 to mean anything.
const MIN_CLAUSES: usize = 5;

/// Heavier than a typical revision, so a twelve-clause document gets several changes per seed.
const HEAVY: Rates = Rates {
    edit: 0.25,
    moves: 0.08,
    split: 0.08,
    merge: 0.08,
    insert: 0.08,
    delete: 0.08,
};

fn clauses(path: &Path) -> Vec<Clause> {
    let text = policydiff::ingest::read_version(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    policydiff::segment::segment(&text)
}

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n != "CHANGES.md" && n != "README.md")
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Aggregate precision and recall over all seeds for one document.
fn evaluate(path: &Path) -> (f64, f64) {
    let old = clauses(path);
    let (mut predicted, mut expected, mut correct) = (0, 0, 0);
    for seed in 0..SEEDS {
        let (new, truth) = perturb(&old, seed, HEAVY);
        let s = score(&align(&old, &new), &truth);
        predicted += s.predicted;
        expected += s.expected;
        correct += s.correct;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (ratio(correct, predicted), ratio(correct, expected))
}

fn check(files: &[PathBuf]) {
    let mut low = Vec::new();
    for f in files {
        if clauses(f).len() < MIN_CLAUSES {
            eprintln!(
                "{:<60} skipped: fewer than {MIN_CLAUSES} clauses",
                f.display()
            );
            continue;
        }
        let (p, r) = evaluate(f);
        eprintln!("{:<60} precision {p:.4} recall {r:.4}", f.display());
        if p < 0.98 || r < 0.98 {
            low.push(format!("{}: precision {p:.4}, recall {r:.4}", f.display()));
        }
    }
    assert!(low.is_empty(), "{}", low.join("\n"));
}

#[test]
fn sample_corpus_perturbations() {
    let files = text_files(&common::repo().join("versions"));
    assert!(!files.is_empty(), "the sample corpus has version files");
    check(&files);
}

#[test]
fn evaluation_document_perturbations() {
    let Some(docs) = common::shared("eval/docs") else {
        return;
    };
    check(&text_files(&docs));
}
