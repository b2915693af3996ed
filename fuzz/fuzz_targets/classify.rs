//! Bytes in, split at the first NUL into an old and a new clause text (no NUL: the clause was removed);
//! a crash out if classifying the pair as `policydiff amendments` does panics or gives a verdict that
//! breaks the contract: a confidence in 0..=1, and for texts that differ at least one reason, each
//! with an explanation and a finite weight. Texts that differ only in surrounding space are
//! unchanged, with full confidence and nothing to explain.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::classify::Classifier;
use policydiff::model::Direction;
use policydiff::table::Row;
use std::sync::OnceLock;

/// Built once: reading the built-in lexicon and weights costs more than most inputs.
static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    // A table that is not UTF-8 is refused before any row is classified.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (old, new) = text.split_once('\0').unwrap_or((text, ""));
    // A row with both sides blank is refused by the table reader, so it never reaches the classifier.
    if old.trim().is_empty() && new.trim().is_empty() {
        return;
    }
    let row = Row {
        place: "row 1".into(),
        cells: vec![("old".into(), old.into()), ("new".into(), new.into())],
    };
    let v = row.verdict(CLASSIFIER.get_or_init(Classifier::default));
    assert!(
        (0.0..=1.0).contains(&v.confidence),
        "confidence {} for {old:?} -> {new:?}",
        v.confidence
    );
    if old.trim() == new.trim() {
        assert_eq!(v.direction, Direction::Unchanged, "{old:?} -> {new:?}");
        assert_eq!(v.confidence, 1.0, "{old:?} -> {new:?}");
        assert!(v.reasons.is_empty(), "{old:?} -> {new:?}: {:?}", v.reasons);
        return;
    }
    assert!(
        !v.reasons.is_empty(),
        "no reason for {old:?} -> {new:?}: {v:?}"
    );
    for r in &v.reasons {
        assert!(
            !r.explanation.trim().is_empty() && r.weight.is_finite(),
            "{old:?} -> {new:?}: {r:?}"
        );
    }
});
