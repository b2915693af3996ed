//! Fitting on made-up evidence whose right weights are obvious: the fit finds them, cross-validation
//! never splits a group, and the file it writes reads back to the same model.

use super::*;
use crate::classify::weigh::{argmax, Weights};
use Direction::{Strengthened as S, Unchanged as U, Weakened as W};

fn item(features: &[(&str, f64)], expect: Direction, group: &str) -> Item {
    Item {
        evidence: Evidence {
            features: features.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            text: crate::classify::weigh::Text::Flat,
        },
        expect,
        group: group.to_string(),
        calibrate: true,
    }
}

/// 45 items in 15 groups of three: an upgrade is strengthened, a downgrade weakened, a reorder
/// unchanged.
fn items() -> Vec<Item> {
    (0..15)
        .flat_map(|g| {
            let group = format!("g{g:02}");
            [
                item(
                    &[
                        ("flat:argues:modal-upgrade", 1.0),
                        ("flat:fired:modal-upgrade", 1.0),
                    ],
                    S,
                    &group,
                ),
                item(
                    &[
                        ("flat:argues:modal-downgrade", -1.0),
                        ("flat:fired:modal-downgrade", 1.0),
                    ],
                    W,
                    &group,
                ),
                item(&[("flat:fired:reordered", 1.0)], U, &group),
            ]
        })
        .collect()
}

#[test]
fn a_clear_signal_is_fitted_and_cross_validated() {
    let items = items();
    let fitted = fit(&items, &Settings::default(), "test").unwrap();
    for (it, p) in items.iter().zip(&fitted.out_of_fold) {
        assert_eq!(argmax(*p), it.expect, "{:?}: {p:?}", it.evidence);
    }
    let w = &fitted.weights;
    let up = Evidence::new([("modal-upgrade", 1.0)], true, Vec::new());
    assert_eq!(argmax(w.probabilities(&up)), S);
    let down = Evidence::new([("modal-downgrade", -1.0)], true, Vec::new());
    assert_eq!(argmax(w.probabilities(&down)), W);
    // Every held-out verdict is right, so the lowest threshold already reaches the precision.
    assert_eq!(w.review(crate::classify::weigh::Text::Flat).below, 0.0);
}

#[test]
fn another_deal_moves_groups_between_folds_and_keeps_them_whole() {
    let items = items();
    let (a, b) = (folds(&items, 5, 0), folds(&items, 5, 7));
    assert_ne!(a, b, "deal 7 deals the groups otherwise");
    assert_eq!(b, folds(&items, 5, 7), "the same deal, the same folds");
    for (x, fx) in items.iter().zip(&b) {
        for (y, fy) in items.iter().zip(&b) {
            if x.group == y.group {
                assert_eq!(fx, fy, "group {} split", x.group);
            }
        }
    }
}

#[test]
fn folds_keep_groups_whole_and_use_every_fold() {
    let items = items();
    let f = folds(&items, 5, 0);
    for (a, b) in items.iter().zip(&f) {
        for (c, d) in items.iter().zip(&f) {
            if a.group == c.group {
                assert_eq!(b, d, "group {} split", a.group);
            }
        }
    }
    let mut used = f.clone();
    used.sort_unstable();
    used.dedup();
    assert_eq!(used, [0, 1, 2, 3, 4]);
}

#[test]
fn the_written_file_reads_back_to_the_same_model() {
    let items = items();
    let fitted = fit(&items, &Settings::default(), "test: \"quoted\" note").unwrap();
    let text = fitted.weights.to_yaml();
    let back = Weights::parse(&text, std::path::Path::new("w.yaml")).unwrap();
    assert_eq!(
        back.calibration(crate::classify::weigh::Text::Flat)
            .fitted_on,
        "test: \"quoted\" note"
    );
    for it in &items {
        let (a, b) = (
            fitted.weights.probabilities(&it.evidence),
            back.probabilities(&it.evidence),
        );
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-3, "{a:?} vs {b:?}");
        }
    }
}

#[test]
fn too_few_items_are_refused() {
    let few: Vec<Item> = items().into_iter().take(MIN_ITEMS - 1).collect();
    let err = fit(&few, &Settings::default(), "").unwrap_err();
    assert!(
        matches!(
            err,
            FitError::TooFew {
                need: 30,
                found: 29
            }
        ),
        "{err}"
    );
}

/// Rated items, each its own group, and the held-out probabilities of each: a row per verdict.
fn rated(rows: &[(Direction, [f64; 3])]) -> (Vec<Item>, Vec<[f64; 3]>) {
    rows.iter()
        .enumerate()
        .map(|(i, (expect, p))| (item(&[], *expect, &i.to_string()), *p))
        .unzip()
}

fn expects(items: &[Item]) -> Vec<Direction> {
    items.iter().map(|i| i.expect).collect()
}

#[test]
fn the_probability_floor_leaves_the_most_verdicts_that_reach_the_precision() {
    // Verdicts at 0.9 are right, at 0.6 half right, at 0.4 wrong.
    let (items, probs) = rated(&[
        (S, [0.9, 0.05, 0.05]),
        (S, [0.6, 0.2, 0.2]),
        (S, [0.9, 0.05, 0.05]),
        (W, [0.6, 0.2, 0.2]),
        (W, [0.4, 0.3, 0.3]),
    ]);
    // From 0.61: two right of two. From 0.41 to 0.6: three of four. At 0.4 and below: three of five.
    let floor = |precision| review_thresholds(&probs, &expects(&items), precision, 1.0);
    assert_eq!(floor(0.75), Review::below(0.41));
    assert_eq!(floor(0.8), Review::below(0.61));
    assert_eq!(floor(0.5), Review::below(0.0));
}

#[test]
fn the_opposite_ceiling_takes_out_verdicts_the_evidence_argues_both_ways() {
    // Both wrong verdicts are swaps whose opposite direction is nearly as likely; a floor on the
    // verdict's own probability cannot take them out without taking the confident right ones too.
    let (items, probs) = rated(&[
        (S, [0.5, 0.1, 0.4]),
        (S, [0.55, 0.1, 0.35]),
        (W, [0.52, 0.45, 0.03]),
        (S, [0.45, 0.5, 0.05]),
        (U, [0.2, 0.2, 0.6]),
    ]);
    let review = review_thresholds(&probs, &expects(&items), 0.8, 0.1);
    assert_eq!(review.opposite, 0.45);
    assert!(review.below <= 0.5, "{review:?}");
    let unflagged: Vec<usize> = (0..5).filter(|&i| !review.flags(probs[i])).collect();
    assert_eq!(unflagged, [0, 1, 4]);
    // Any share of swaps allowed: the 80% of right verdicts is reached by the floor alone.
    assert_eq!(
        review_thresholds(&probs, &expects(&items), 0.6, 1.0).opposite,
        1.0
    );
}

#[test]
fn only_items_marked_to_calibrate_choose_the_review_thresholds() {
    // The clean items, and thirty reorders rated every way at random, so no verdict on a reorder
    // can be trusted.
    let noisy = (0..30).map(|n| {
        item(
            &[("flat:fired:reordered", 1.0)],
            [S, W, U][n % 3],
            &format!("n{n:02}"),
        )
    });
    let mut all: Vec<Item> = items().into_iter().chain(noisy).collect();
    let up = Evidence::new([("modal-upgrade", 1.0)], true, Vec::new());
    let fitted = fit(&all, &Settings::default(), "test").unwrap();
    let w = &fitted.weights;
    // Calibrated on every item, the upgrades are right and left to stand; the reorders go to a person.
    assert!(!w
        .review(crate::classify::weigh::Text::Flat)
        .flags(w.probabilities(&up)));
    // Calibrated on the noisy items alone, no verdict reaches the precision, so every one is flagged,
    // though the weights still read the upgrades as strengthened.
    for it in all.iter_mut().take(45) {
        it.calibrate = false;
    }
    let fitted = fit(&all, &Settings::default(), "test").unwrap();
    let w = &fitted.weights;
    assert_eq!(argmax(w.probabilities(&up)), S);
    assert!(w
        .review(crate::classify::weigh::Text::Flat)
        .flags(w.probabilities(&up)));
}
