//! Scorecards on small sets whose figures are worked out by hand in the comments.

use super::*;
use crate::model::Reason;
use Direction::{Strengthened as S, Unchanged as U, Weakened as W};

fn verdict(direction: Direction, confidence: f64, needs_review: bool, rules: &[&str]) -> Verdict {
    Verdict {
        direction,
        confidence,
        needs_review,
        reasons: rules.iter().map(|r| Reason::named(r, direction)).collect(),
    }
}

/// Six scored rows and one without a label:
///
/// | # | expect | verdict | conf | flagged | rules |
/// |---|--------|---------|------|---------|-------|
/// | 1 | S      | S       | 0.95 | no      | a     |
/// | 2 | S      | W       | 0.85 | no      | a, b  |
/// | 3 | W      | W       | 0.55 | yes     | b     |
/// | 4 | U      | U       | 1.00 | no      |       |
/// | 5 | W      | U       | 0.05 | yes     | b, b  |
/// | 6 | U      | S       | 0.50 | yes     | a     |
/// | 7 | (none) | S       | 0.90 | no      | a     |
fn sample() -> Scorecard {
    let rows = [
        (Some(S), verdict(S, 0.95, false, &["a"])),
        (Some(S), verdict(W, 0.85, false, &["a", "b"])),
        (Some(W), verdict(W, 0.55, true, &["b"])),
        (Some(U), verdict(U, 1.0, false, &[])),
        (Some(W), verdict(U, 0.05, true, &["b", "b"])),
        (Some(U), verdict(S, 0.5, true, &["a"])),
        (None, verdict(S, 0.9, false, &["a"])),
    ];
    Scorecard::of(rows.iter().map(|(e, v)| (*e, v)))
}

#[test]
fn overall_agreement_confusion_and_swaps() {
    let s = sample();
    assert_eq!((s.rows, s.skipped), (6, 1));
    // Rows 1, 3 and 4 agree.
    assert_eq!((s.agreed, s.agreement), (3, Some(0.5)));
    assert_eq!(s.confusion, [[1, 1, 0], [0, 1, 1], [1, 0, 1]]);
    // Only row 2 reads strengthened as weakened; row 6 (unchanged read as strengthened) is no swap.
    assert_eq!(s.swaps, 1);
    assert_eq!(s.swap_share, Some(1.0 / 6.0));
    for label in ["strengthened", "weakened", "unchanged"] {
        let t = s.per_label[label];
        assert_eq!(
            (t.rows, t.agreed, t.agreement),
            (2, 1, Some(0.5)),
            "{label}"
        );
    }
}

#[test]
fn review_flag_splits_rows_into_coverage_agreement_and_swaps() {
    let s = sample();
    // Not flagged: rows 1, 2, 4; two right, one swap.
    let c = s.confident;
    assert_eq!((c.rows, c.agreed, c.swaps), (3, 2, 1));
    assert_eq!(c.coverage, Some(0.5));
    assert_eq!(c.agreement, Some(2.0 / 3.0));
    assert_eq!(c.swap_share, Some(1.0 / 3.0));
    // Flagged: rows 3, 5, 6; one right, no swap.
    let f = s.flagged;
    assert_eq!((f.rows, f.agreed, f.swaps), (3, 1, 0));
    assert_eq!(f.swap_share, Some(0.0));
}

#[test]
fn reliability_bins_by_tenths_with_one_in_the_last_bin() {
    let s = sample();
    let got: Vec<(usize, usize)> = s.reliability.iter().map(|b| (b.rows, b.agreed)).collect();
    // 0.05 -> bin 0; 0.55 and 0.5 -> bin 5; 0.85 -> bin 8; 0.95 and 1.0 -> bin 9.
    let mut want = vec![(0, 0); 10];
    want[0] = (1, 0);
    want[5] = (2, 1);
    want[8] = (1, 0);
    want[9] = (2, 2);
    assert_eq!(got, want);
    assert_eq!(s.reliability[5].agreement, Some(0.5));
    assert_eq!(s.reliability[3].agreement, None);
    assert_eq!((s.reliability[9].low, s.reliability[9].high), (0.9, 1.0));
}

#[test]
fn each_rule_counts_once_per_verdict_it_took_part_in() {
    let s = sample();
    let got: Vec<(&str, usize, usize)> = s
        .rules
        .iter()
        .map(|(k, t)| (k.as_str(), t.rows, t.agreed))
        .collect();
    // a: rows 1, 2, 6 (row 1 right); b: rows 2, 3, 5 (row 3 right), twice in row 5 but counted once.
    assert_eq!(got, [("a", 3, 1), ("b", 3, 1)]);
}

#[test]
fn an_empty_set_has_no_shares() {
    let s = Scorecard::of(std::iter::empty());
    assert_eq!((s.rows, s.agreement, s.swap_share), (0, None, None));
    assert!(s.to_text().contains("agreement: - (0 of 0)"));
}

#[test]
fn text_names_every_figure() {
    let text = sample().to_text();
    for needle in [
        "6 rows scored, 1 skipped",
        "agreement: 50.0% (3 of 6)",
        "swaps (strengthened <-> weakened): 1 (16.7%)",
        "not flagged        3 rows (50.0% of all)  agreement 66.7%  swaps 1 (33.3%)",
        "0.9-1.0       2 rows  100.0%",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
}

fn case(label: &str, want: Result<Option<Direction>, UnknownLabel>) {
    assert_eq!(parse_label(label), want, "{label:?}");
}

#[test]
fn labels_and_their_synonyms_in_any_case() {
    case("strengthened", Ok(Some(S)));
    case(" Stronger ", Ok(Some(S)));
    case("S", Ok(Some(S)));
    case("WEAKENED", Ok(Some(W)));
    case("weaker", Ok(Some(W)));
    case("w", Ok(Some(W)));
    case("Unchanged", Ok(Some(U)));
    case("neutral", Ok(Some(U)));
    case("u", Ok(Some(U)));
    case("", Ok(None));
    case("  ", Ok(None));
    case("better", Err(UnknownLabel("better".into())));
    case("sw", Err(UnknownLabel("sw".into())));
}
