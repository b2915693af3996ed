//! The shared evaluation documents (skipped when absent): every pair of the expected alignment that has
//! a label is classified from the segmented clause texts (pieces of a split or merge joined), and
//! accuracy is printed. A strengthened/weakened swap fails the test.

mod common;

use policydiff::classify::{Classifier, Context, SentenceIndexes};
use policydiff::model::{Clause, Direction, Document};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Expected {
    alignment: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    old: Vec<String>,
    new: Vec<String>,
    op: String,
    expect: Option<Direction>,
    /// For a split, the label of each new piece.
    #[serde(default)]
    parts: std::collections::BTreeMap<String, Direction>,
}

fn text_of(clauses: &[Clause], ids: &[String]) -> Option<String> {
    let mut parts = Vec::new();
    for id in ids {
        let c = clauses
            .iter()
            .find(|c| c.number.as_deref() == Some(id.as_str()) || &c.id == id)?;
        parts.push(c.text.clone());
    }
    Some(parts.join(" "))
}

/// Every evaluation document in name order: its folder, expected labels and both versions.
fn documents(dir: &Path) -> Vec<(PathBuf, Expected, Document, Document)> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|d| {
            let exp: Expected =
                serde_yaml::from_str(&std::fs::read_to_string(d.join("expected.yaml")).unwrap())
                    .unwrap();
            let a = policydiff::load_file(&d.join("v1.txt")).unwrap();
            let b = policydiff::load_file(&d.join("v2.txt")).unwrap();
            (d, exp, a, b)
        })
        .collect()
}

#[test]
fn evaluation_documents() {
    let Some(dir) = common::shared("eval/docs") else {
        return;
    };
    let classifier = Classifier::default();
    let (mut right, mut total, mut unmatched) = (0, 0, 0);
    let mut swaps = Vec::new();
    for (d, exp, a, b) in documents(&dir) {
        let sentences = SentenceIndexes::build(&a.clauses, &b.clauses);
        let ctx = Context {
            old_clauses: &a.clauses,
            new_clauses: &b.clauses,
            sentences: Some(&sentences),
            pieces: None,
        };
        for e in &exp.alignment {
            let Some(want) = e.expect else { continue };
            let (o, n) = (text_of(&a.clauses, &e.old), text_of(&b.clauses, &e.new));
            if (o.is_none() && !e.old.is_empty()) || (n.is_none() && !e.new.is_empty()) {
                unmatched += 1;
                continue;
            }
            let v = classifier.classify(
                o.as_deref().filter(|s| !s.is_empty()),
                n.as_deref().filter(|s| !s.is_empty()),
                &[],
                &ctx,
            );
            total += 1;
            if v.direction == want {
                right += 1;
            } else {
                let why = common::reasons_line(&v);
                eprintln!(
                    "MISS {} {:?}->{:?} ({}): want {}, got {}: {}",
                    d.display(),
                    e.old,
                    e.new,
                    e.op,
                    want.as_str(),
                    v.direction.as_str(),
                    why
                );
                if v.direction != Direction::Unchanged && want != Direction::Unchanged {
                    swaps.push(format!("{} {:?}", d.display(), e.old));
                }
            }
        }
    }
    eprintln!("evaluation documents: {right}/{total} labelled pairs ({unmatched} not found by id)");
    assert!(swaps.is_empty(), "swapped: {swaps:?}");
}

/// A split is reported as one pair per piece, each with the whole old clause. Every labelled piece
/// of the evaluation documents is compared through the full pipeline (`compare`); accuracy is
/// printed, and a strengthened/weakened swap fails the test.
#[test]
fn split_pieces_in_full_reports() {
    let Some(dir) = common::shared("eval/docs") else {
        return;
    };
    let classifier = Classifier::default();
    let (mut right, mut total) = (0, 0);
    let mut swaps = Vec::new();
    for (d, exp, a, b) in documents(&dir) {
        let report = policydiff::compare(&a, &b, &classifier, None);
        let named = |c: &policydiff::model::ClauseRef| c.number.clone().unwrap_or(c.id.clone());
        for e in exp.alignment.iter().filter(|e| e.op == "split") {
            for (piece, want) in &e.parts {
                let Some(c) = report.changes.iter().find(|c| {
                    c.old.as_ref().is_some_and(|o| e.old.contains(&named(o)))
                        && c.new.as_ref().is_some_and(|n| &named(n) == piece)
                }) else {
                    continue;
                };
                total += 1;
                if c.direction == *want {
                    right += 1;
                    continue;
                }
                eprintln!(
                    "MISS {} {:?}->{piece}: want {}, got {}",
                    d.display(),
                    e.old,
                    want.as_str(),
                    c.direction.as_str()
                );
                if c.direction != Direction::Unchanged && *want != Direction::Unchanged {
                    swaps.push(format!("{} {:?}->{piece}", d.display(), e.old));
                }
            }
        }
    }
    eprintln!("split pieces in full reports: {right}/{total}");
    assert!(total > 0, "no labelled split piece was found");
    assert!(swaps.is_empty(), "swapped: {swaps:?}");
}
