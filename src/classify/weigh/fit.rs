//! Rated evidence in (each change's features, the rater's direction and a group); fitted [`Weights`]
//! out, with the out-of-fold probabilities that say how well weights fitted this way do on changes
//! they have not seen.
//!
//! The model is a multinomial logistic regression with an L2 penalty, fitted by linfa-logistic
//! (L-BFGS). Cross-validation keeps every item of a group (amendments to the same text) in one fold.
//! The temperature is the one that makes the out-of-fold probabilities most likely, and the review
//! thresholds those that leave the most out-of-fold verdicts unflagged at the target precision and
//! share of swaps; both are chosen on the items marked to calibrate on.

use super::{softmax, Evidence, Review, Weights, DIRECTIONS};
use crate::model::Direction;
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One rated change.
#[derive(Debug, Clone)]
pub struct Item {
    pub evidence: Evidence,
    pub expect: Direction,
    /// Items of one group never sit on both sides of a fold.
    pub group: String,
    /// Whether this item's held-out verdict helps choose the temperature and review thresholds. Rows
    /// the rules were written on are fitted on but not calibrated on: there the rules are right more
    /// often than on new text, and a confidence set by them would be too sure.
    pub calibrate: bool,
}

/// How to fit.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// L2 penalty on the weights (not the biases).
    pub l2: f64,
    /// Folds of the cross-validation.
    pub folds: usize,
    /// Share of unflagged out-of-fold verdicts that should agree with the rater.
    pub precision: f64,
    /// Largest share of unflagged out-of-fold verdicts that may be the opposite of the rater's.
    pub max_swaps: f64,
    /// A feature seen in fewer training rows than this gets no weight: too rare to learn from.
    pub min_rows: usize,
    /// How the groups are dealt into folds: 0 deals them in name order; any other number shuffles
    /// them first, so figures can be checked over several deals.
    pub deal: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            l2: 1.0,
            folds: 5,
            precision: 0.8,
            max_swaps: 1.0,
            min_rows: 3,
            deal: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FitError {
    #[error("the fit failed: {0}")]
    Solver(String),
    #[error("need at least {need} rated rows to fit weights, found {found}")]
    TooFew { need: usize, found: usize },
}

/// Fewer rated rows than this cannot be cross-validated into figures worth reading.
pub const MIN_ITEMS: usize = 30;

/// The fitted weights and what cross-validation says of them.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub weights: Weights,
    /// Per item, in input order, the calibrated probabilities from the fold that did not see it.
    pub out_of_fold: Vec<[f64; 3]>,
}

fn index(d: Direction) -> usize {
    DIRECTIONS.iter().position(|&x| x == d).unwrap_or(2)
}

/// The features that occur in at least `min_rows` of the items, in name order: the columns of the
/// design matrix.
fn vocabulary(items: &[&Item], min_rows: usize) -> Vec<String> {
    let mut rows: BTreeMap<&str, usize> = BTreeMap::new();
    for it in items {
        for (k, _) in &it.evidence.features {
            *rows.entry(k.as_str()).or_default() += 1;
        }
    }
    rows.into_iter()
        .filter(|(_, n)| *n >= min_rows.max(1))
        .map(|(k, _)| k.to_string())
        .collect()
}

fn columns(vocab: &[String]) -> BTreeMap<&str, usize> {
    vocab
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
}

fn design(items: &[&Item], vocab: &[String]) -> Array2<f64> {
    let col = columns(vocab);
    let mut x = Array2::zeros((items.len(), vocab.len()));
    for (r, it) in items.iter().enumerate() {
        for (k, v) in &it.evidence.features {
            if let Some(&c) = col.get(k.as_str()) {
                x[[r, c]] = *v;
            }
        }
    }
    x
}

/// Bias and per-feature weights, each a triple in the order of [`DIRECTIONS`].
type Params = ([f64; 3], Vec<[f64; 3]>);

fn fit_once(items: &[&Item], vocab: &[String], l2: f64) -> Result<Params, FitError> {
    let x = design(items, vocab);
    let y: Array1<usize> = items.iter().map(|i| index(i.expect)).collect();
    let model = MultiLogisticRegression::default()
        .alpha(l2)
        .max_iterations(300)
        .fit(&Dataset::new(x, y))
        .map_err(|e| FitError::Solver(e.to_string()))?;
    // The solver numbers only the classes it saw; a class absent from the training rows gets no
    // weight and a bias well below the others, so it is never predicted.
    let intercept = model.intercept();
    let floor = intercept.iter().copied().fold(f64::INFINITY, f64::min) - 10.0;
    let mut bias = [floor; 3];
    let mut weights = vec![[0.0; 3]; vocab.len()];
    for (c, &class) in model.classes().iter().enumerate() {
        bias[class] = intercept[c];
        for (f, w) in weights.iter_mut().enumerate() {
            w[class] = model.params()[[f, c]];
        }
    }
    Ok((bias, weights))
}

fn scores(p: &Params, it: &Item, col: &BTreeMap<&str, usize>) -> [f64; 3] {
    let mut z = p.0;
    for (k, v) in &it.evidence.features {
        if let Some(&c) = col.get(k.as_str()) {
            for (z, w) in z.iter_mut().zip(p.1[c]) {
                *z += v * w;
            }
        }
    }
    z
}

/// The fold of each item: groups in name order dealt round-robin, so a fold never splits a group and
/// the same table always gives the same folds.
fn folds(items: &[Item], k: usize, deal: u64) -> Vec<usize> {
    let mut groups: Vec<&str> = items.iter().map(|i| i.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    if deal != 0 {
        use rand::seq::SliceRandom;
        use rand::SeedableRng;
        groups.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(deal));
    }
    let fold: BTreeMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (*g, i % k))
        .collect();
    items.iter().map(|i| fold[i.group.as_str()]).collect()
}

fn log_loss(scores: &[[f64; 3]], expect: &[Direction], t: f64) -> f64 {
    scores
        .iter()
        .zip(expect)
        .map(|(z, d)| -softmax(*z, t)[index(*d)].max(1e-12).ln())
        .sum()
}

/// The review thresholds that leave the most verdicts unflagged while those agree with the rater at
/// least `precision` of the time and are the opposite of the rater's at most `max_swaps` of the time:
/// a floor on the verdict's probability and a ceiling on the opposite direction's. Flags everything
/// when no pair of thresholds reaches both.
fn review_thresholds(
    probs: &[[f64; 3]],
    expect: &[Direction],
    precision: f64,
    max_swaps: f64,
) -> Review {
    let mut best = (0, Review::below(1.0));
    // Ceilings from 1 (never flag on the opposite direction) down, floors from 0 up: among equal
    // coverage the first found flags least for either reason.
    for high in (5..=100).rev() {
        for low in 0..=100 {
            let review = Review {
                below: f64::from(low) / 100.0,
                opposite: f64::from(high) / 100.0,
            };
            let (mut n, mut right, mut swaps) = (0usize, 0usize, 0usize);
            for (p, &e) in probs.iter().zip(expect) {
                if review.flags(*p) {
                    continue;
                }
                let d = super::argmax(*p);
                n += 1;
                right += usize::from(d == e);
                swaps += usize::from(d.opposes(e));
            }
            let ok = n > 0
                && right as f64 >= precision * n as f64
                && swaps as f64 <= max_swaps * n as f64;
            if ok && n > best.0 {
                best = (n, review);
            }
        }
    }
    best.1
}

/// Fits weights to rated items, cross-validating by group.
pub fn fit(items: &[Item], s: &Settings, fitted_on: &str) -> Result<Fitted, FitError> {
    if items.len() < MIN_ITEMS {
        return Err(FitError::TooFew {
            need: MIN_ITEMS,
            found: items.len(),
        });
    }
    let k = s.folds.max(2);
    let fold = folds(items, k, s.deal);
    // Each fold's fit, and the final fit on every row, is independent of the others: they run in
    // parallel, and each gives the same weights whatever order they finish in.
    let fit_on = |train: &[&Item]| -> Result<(Vec<String>, Params), FitError> {
        // The held-out rows take no part in choosing the features either.
        let vocab = vocabulary(train, s.min_rows);
        let p = fit_once(train, &vocab, s.l2)?;
        Ok((vocab, p))
    };
    let (fits, whole) = rayon::join(
        || {
            (0..k)
                .into_par_iter()
                .map(|f| {
                    let train: Vec<&Item> = items
                        .iter()
                        .zip(&fold)
                        .filter(|(_, &g)| g != f)
                        .map(|(i, _)| i)
                        .collect();
                    if train.is_empty() || train.len() == items.len() {
                        return Ok(None);
                    }
                    fit_on(&train).map(Some)
                })
                .collect::<Result<Vec<_>, FitError>>()
        },
        || fit_on(&items.iter().collect::<Vec<_>>()),
    );
    let mut raw = vec![[0.0; 3]; items.len()];
    for (f, fitted) in fits?.iter().enumerate() {
        let Some((vocab, p)) = fitted else { continue };
        let col = columns(vocab);
        for (i, it) in items.iter().enumerate() {
            if fold[i] == f {
                raw[i] = scores(p, it, &col);
            }
        }
    }
    let (cal_raw, cal_expect): (Vec<[f64; 3]>, Vec<Direction>) = raw
        .iter()
        .zip(items)
        .filter(|(_, it)| it.calibrate)
        .map(|(z, it)| (*z, it.expect))
        .unzip();
    // The temperature that makes the held-out probabilities most likely, on a fine grid.
    let temperature = (10..=400)
        .map(|t| f64::from(t) / 100.0)
        .min_by(|a, b| {
            log_loss(&cal_raw, &cal_expect, *a).total_cmp(&log_loss(&cal_raw, &cal_expect, *b))
        })
        .unwrap_or(1.0);
    let out_of_fold: Vec<[f64; 3]> = raw.iter().map(|z| softmax(*z, temperature)).collect();
    let cal_probs: Vec<[f64; 3]> = cal_raw.iter().map(|z| softmax(*z, temperature)).collect();
    let review = review_thresholds(&cal_probs, &cal_expect, s.precision, s.max_swaps);
    let (vocab, (bias, w)) = whole?;
    let weights = vocab.into_iter().zip(w).collect();
    Ok(Fitted {
        weights: Weights::from_parts(fitted_on, temperature, review, bias, weights),
        out_of_fold,
    })
}

#[cfg(test)]
mod tests;
