//! Generated policy texts in, invariants of the pipeline checked: nothing dropped by the aligner, a
//! document against itself is all identical, word diffs rebuild both texts, outputs are deterministic,
//! and segmentation never panics.
//!
//! Texts are built from policy-like pieces (numbering styles, modals, headings, definitions) so the
//! stages see the structures they are written for, plus arbitrary Unicode for the never-panic checks.
//! Case counts stay moderate so the suite runs in seconds.

use policydiff::classify::Classifier;
use policydiff::diff::{reconstruct, word_diff};
use policydiff::ingest::normalize;
use policydiff::model::{Direction, Document, EditOp, PairKind, Status};
use policydiff::{align, compare, report, segment};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Line openers the segmenter is meant to recognise, and some it must merely survive.
const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "1. ",
    "2. ",
    "1.1 ",
    "1.2.3 ",
    "(a) ",
    "(b) ",
    "a. ",
    "b) ",
    "A. ",
    "IV. ",
    "(i) ",
    "(ii) ",
    "(1) ",
    "Section 3. ",
    "§ 4 ",
    "Article II ",
    "# ",
    "## ",
    "**2.1.** ",
    "- ",
    "* ",
    "\"Officer\" means ",
    "PURPOSE\n",
    "   ",
    "1. GENERAL A. ",
];

/// Words with the modals, hedges and exceptions the classifier reads.
const WORDS: &[&str] = &[
    "officers",
    "shall",
    "must",
    "may",
    "should",
    "not",
    "never",
    "record",
    "every",
    "stop",
    "except",
    "unless",
    "when",
    "practicable",
    "within",
    "24",
    "hours",
    "the",
    "agency",
    "council",
    "data",
    "share",
    "search",
    "consent",
    "federal",
    "immigration",
    "is",
    "prohibited",
    "from",
    "reasonable",
    "suspicion",
    "and",
    "or",
    "a",
    "of",
    "to",
    "Müller",
    "état",
    "§",
    "—",
    "\u{201C}",
];

fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(OPENERS),
        prop::collection::vec(prop::sample::select(WORDS), 0..14),
        prop::sample::select(&["", ".", ";", ":", ","][..]),
    )
        .prop_map(|(open, words, end)| format!("{open}{}{end}", words.join(" ")))
}

/// A policy-like document: lines of numbered, headed or plain text, with blank lines between some.
fn policy_text() -> impl Strategy<Value = String> {
    prop::collection::vec((line(), prop::bool::weighted(0.4)), 0..40).prop_map(|lines| {
        let mut s = String::new();
        for (l, blank) in lines {
            s.push_str(&l);
            s.push('\n');
            if blank {
                s.push('\n');
            }
        }
        s
    })
}

/// A second version of `text`: some lines dropped, reworded or swapped, some added.
fn edited(text: &str, edits: &[(usize, u8, String)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (at, what, extra) in edits {
        if lines.is_empty() {
            lines.push(extra.clone());
            continue;
        }
        let i = at % lines.len();
        match what % 4 {
            0 => {
                lines.remove(i);
            }
            1 => lines.insert(i, extra.clone()),
            2 => {
                let j = (i + 7) % lines.len();
                lines.swap(i, j);
            }
            _ => lines[i] = lines[i].replace("shall", "may"),
        }
    }
    lines.join("\n")
}

fn edit_list() -> impl Strategy<Value = Vec<(usize, u8, String)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), line()), 0..8)
}

fn doc(label: &str, text: &str) -> Document {
    Document {
        policy: "generated".into(),
        label: label.into(),
        date: None,
        status: Status::Adopted,
        source_path: format!("{label}.txt"),
        clauses: segment::segment(&normalize(text)),
        warnings: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_never_panics_on_arbitrary_text(raw in "\\PC*(\n\\PC*){0,8}", noise in any::<String>()) {
        for text in [raw.as_str(), noise.as_str()] {
            let clauses = segment::segment(&normalize(text));
            let lines = normalize(text).lines().count();
            for c in &clauses {
                prop_assert!(c.line >= 1 && c.line <= lines.max(1), "line {} of {lines}", c.line);
            }
            // The raw text too: a caller may skip normalisation.
            let _ = segment::segment(text);
        }
    }

    #[test]
    fn segmentation_keeps_ids_unique_and_lines_in_range(text in policy_text()) {
        let norm = normalize(&text);
        let clauses = segment::segment(&norm);
        let lines = norm.lines().count();
        let mut ids = BTreeSet::new();
        for c in &clauses {
            prop_assert!(ids.insert(c.id.as_str()), "id {:?} used twice", c.id);
            prop_assert!(c.line >= 1 && c.line <= lines, "line {} of {lines}", c.line);
        }
    }

    #[test]
    fn word_diff_reconstructs_both_texts(a in "\\PC{0,80}", b in "\\PC{0,80}", pa in policy_text(), edits in edit_list()) {
        let pb = edited(&pa, &edits);
        for (old, new) in [(a.as_str(), b.as_str()), (pa.as_str(), pb.as_str()), (a.as_str(), pa.as_str())] {
            let d = word_diff(old, new);
            prop_assert_eq!(reconstruct(&d, EditOp::Delete), old);
            prop_assert_eq!(reconstruct(&d, EditOp::Insert), new);
            // Runs are merged: no two neighbours share an op, and no edit is empty.
            prop_assert!(d.windows(2).all(|w| w[0].op != w[1].op));
            prop_assert!(d.iter().all(|e| !e.text.is_empty()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn aligner_accounts_for_every_clause(text in policy_text(), edits in edit_list()) {
        let old = doc("v1", &text);
        let new = doc("v2", &edited(&text, &edits));
        let pairs = align::align(&old.clauses, &new.clauses);
        let mut seen_old = vec![false; old.clauses.len()];
        let mut seen_new = vec![false; new.clauses.len()];
        for p in &pairs {
            prop_assert!(p.old.is_some() || p.new.is_some(), "empty pair {p:?}");
            prop_assert!((0.0..=1.0).contains(&p.similarity), "similarity {p:?}");
            if let Some(i) = p.old {
                prop_assert!(i < seen_old.len(), "old index out of range {p:?}");
                seen_old[i] = true;
            }
            if let Some(j) = p.new {
                prop_assert!(j < seen_new.len(), "new index out of range {p:?}");
                seen_new[j] = true;
            }
            match p.kind {
                PairKind::Added => prop_assert!(p.old.is_none() && p.new.is_some(), "{p:?}"),
                PairKind::Removed => prop_assert!(p.old.is_some() && p.new.is_none(), "{p:?}"),
                _ => prop_assert!(p.old.is_some() && p.new.is_some(), "{p:?}"),
            }
        }
        prop_assert!(seen_old.iter().all(|s| *s), "an old clause was dropped");
        prop_assert!(seen_new.iter().all(|s| *s), "a new clause was dropped");
    }

    #[test]
    fn document_against_itself_is_all_identical(text in policy_text()) {
        let a = doc("v1", &text);
        let b = doc("v2", &text);
        let r = compare(&a, &b, &Classifier::default(), None);
        prop_assert_eq!(r.changes.len(), a.clauses.len());
        for c in &r.changes {
            prop_assert_eq!(c.kind, PairKind::Identical, "{:?}", c);
            prop_assert_eq!(c.direction, Direction::Unchanged, "{:?}", c);
            prop_assert_eq!(c.old.as_ref().map(|o| &o.id), c.new.as_ref().map(|n| &n.id));
            prop_assert!(c.diff.iter().all(|e| e.op == EditOp::Equal), "{:?}", c);
        }
        prop_assert_eq!(r.summary.strengthened + r.summary.weakened, 0);
        prop_assert_eq!(r.summary.added + r.summary.removed + r.summary.moved, 0);
    }

    #[test]
    fn outputs_are_deterministic(text in policy_text(), edits in edit_list()) {
        let changed = edited(&text, &edits);
        let classifier = Classifier::default();
        // Two full runs from the text, not one report rendered twice: hash maps inside the stages get
        // fresh random seeds each time, so any order that leaks from them shows up here.
        let run = || {
            let r = compare(&doc("v1", &text), &doc("v2", &changed), &classifier, Some("officers"));
            [report::Format::Json, report::Format::Yaml, report::Format::Csv, report::Format::Markdown]
                .map(|f| report::render(&r, f).map_err(|e| e.to_string()))
        };
        let (first, second) = (run(), run());
        for (x, y) in first.iter().zip(second.iter()) {
            let (x, y) = (x.as_ref().map_err(|e| TestCaseError::fail(e.clone()))?,
                          y.as_ref().map_err(|e| TestCaseError::fail(e.clone()))?);
            prop_assert!(x.as_bytes() == y.as_bytes(), "outputs differ between runs");
        }
    }
}
