//! Clauses left over after one-to-one matching in, split and merge groups out: one clause on one side
//! whose text is covered by two or more clauses on the other.
//!
//! Written once for a split (one old "whole", several new "parts"); a merge is the same question with the
//! sides swapped. A part joins a whole when most of the part's text is found in the whole
//! ([`PART_CONTAINMENT`]) and most of it is text of the whole that the parts already accepted do not
//! cover ([`PART_GAIN`]); a group stands when it has two parts or more and they cover [`GROUP_COVERAGE`] of the
//! whole. The gain test is what keeps an inserted clause that merely reuses a neighbour's boilerplate from
//! being called a piece of it: it adds nothing of the whole that the real successor does not already hold.

use super::index::{Corpus, Features, Index};
use rayon::prelude::*;

/// Share of a part's text that must be found in the whole it came from.
pub const PART_CONTAINMENT: f64 = 0.6;

/// A part right next to another part of the same whole (a sentence split off into the following clause)
/// needs only this share of its text in the whole: its place is evidence too.
pub const ADJACENT_PART_CONTAINMENT: f64 = 0.45;

/// Share of the whole a part must cover beyond the parts accepted before it...
pub const PART_GAIN: f64 = 0.12;

/// ... or share of the part's own text that is text of the whole not yet covered (a small piece of a long
/// clause), with at least `MIN_WHOLE_GAIN` (3%) of the whole. A real piece brings its own share of the whole;
/// a clause that only repeats wording the successor already holds does not.
pub const PART_OWN_GAIN: f64 = 0.4;

/// The least share of the whole any part must add, so a few common words never join a long clause.
const MIN_WHOLE_GAIN: f64 = 0.03;

/// Share of the whole that all its parts together must cover.
pub const GROUP_COVERAGE: f64 = 0.6;

/// How many wholes to consider for each part.
const CANDIDATES: usize = 4;

/// At most this many proposed parts (best first) are weighed for one whole, which bounds the work on
/// a whole that many unrelated added clauses happen to resemble.
const MAX_PROPOSALS: usize = 32;

/// One side's view for a split or merge search.
pub struct Side<'a> {
    pub feats: &'a [Features],
    /// Which clauses may take part at all (not held by an exact match).
    pub open: &'a [bool],
    /// The one-to-one partner on the other side, if any.
    pub partner: &'a [Option<usize>],
}

/// A whole with the parts that cover it, in the order they were accepted (best first).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub whole: usize,
    pub parts: Vec<(usize, f64)>,
}

/// Finds groups where one clause of `wholes` is covered by several of `parts`. Parts are the clauses of
/// `parts` with no partner; a whole's current one-to-one partner counts as its first part.
pub fn find(corpus: &Corpus, wholes: &Side, parts: &Side) -> Vec<Group> {
    let index = Index::new(
        wholes.feats,
        (0..wholes.feats.len()).filter(|&i| wholes.open.get(i).copied().unwrap_or(false)),
    );
    // For each unmatched part, the whole that contains most of it. The searches are independent and
    // share the cores; proposals are filed in part order, as a one-thread search would file them.
    let best: Vec<Option<(usize, f64)>> = (0..parts.feats.len())
        .into_par_iter()
        .map_init(
            || index.scratch(),
            |scratch, j| {
                let free = parts.open.get(j).copied().unwrap_or(false)
                    && parts.partner.get(j).copied().flatten().is_none();
                if !free {
                    return None;
                }
                index
                    .candidates(scratch, corpus, &parts.feats[j], CANDIDATES)
                    .into_iter()
                    .filter_map(|i| {
                        let wf = wholes.feats.get(i)?;
                        Some((i, corpus.containment(&parts.feats[j], wf)))
                    })
                    .filter(|&(_, c)| c >= ADJACENT_PART_CONTAINMENT)
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            },
        )
        .collect();
    let mut proposals: Vec<Vec<(usize, f64)>> = vec![Vec::new(); wholes.feats.len()];
    for (j, b) in best.into_iter().enumerate() {
        if let Some((i, c)) = b {
            if let Some(p) = proposals.get_mut(i) {
                p.push((j, c));
            }
        }
    }
    let mut groups = Vec::new();
    for (i, mut props) in proposals.into_iter().enumerate() {
        if props.is_empty() {
            continue;
        }
        let Some(whole) = wholes.feats.get(i) else {
            continue;
        };
        if whole.mass <= 0.0 {
            continue;
        }
        props.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        props.truncate(MAX_PROPOSALS);
        let mut accepted: Vec<(usize, f64)> = Vec::new();
        let mut cover = Features::default();
        if let Some(p) = wholes.partner.get(i).copied().flatten() {
            if let Some(pf) = parts.feats.get(p) {
                accepted.push((p, corpus.containment(pf, whole)));
                cover = union(corpus, &cover, pf);
            }
        }
        let mut covered = corpus.containment(whole, &cover);
        // Best first, then any that became adjacent to an accepted part, until nothing more joins.
        let mut changed = true;
        while changed {
            changed = false;
            for &(j, c) in &props {
                if accepted.iter().any(|&(a, _)| a == j) {
                    continue;
                }
                let adjacent = accepted.iter().any(|&(a, _)| a.abs_diff(j) == 1);
                if c < PART_CONTAINMENT && !adjacent {
                    continue;
                }
                let Some(pf) = parts.feats.get(j) else {
                    continue;
                };
                let next = union(corpus, &cover, pf);
                let now = corpus.containment(whole, &next);
                let gain = now - covered;
                let own = gain * whole.mass / pf.mass.max(f64::MIN_POSITIVE);
                if gain >= PART_GAIN || (gain >= MIN_WHOLE_GAIN && own >= PART_OWN_GAIN) {
                    accepted.push((j, c));
                    cover = next;
                    covered = now;
                    changed = true;
                }
            }
        }
        if accepted.len() >= 2 && covered >= GROUP_COVERAGE {
            groups.push(Group {
                whole: i,
                parts: accepted,
            });
        }
    }
    groups
}

/// The feature-wise maximum of two vectors: the text of both, without counting shared words twice.
fn union(corpus: &Corpus, a: &Features, b: &Features) -> Features {
    let mut items = Vec::with_capacity(a.items.len() + b.items.len());
    let (mut x, mut y) = (a.items.iter().peekable(), b.items.iter().peekable());
    loop {
        match (x.peek(), y.peek()) {
            (Some(&&(fa, ca)), Some(&&(fb, cb))) => match fa.cmp(&fb) {
                std::cmp::Ordering::Less => {
                    items.push((fa, ca));
                    x.next();
                }
                std::cmp::Ordering::Greater => {
                    items.push((fb, cb));
                    y.next();
                }
                std::cmp::Ordering::Equal => {
                    items.push((fa, ca.max(cb)));
                    x.next();
                    y.next();
                }
            },
            (Some(&&item), None) => {
                items.push(item);
                x.next();
            }
            (None, Some(&&item)) => {
                items.push(item);
                y.next();
            }
            (None, None) => break,
        }
    }
    let mass = items
        .iter()
        .map(|&(id, c)| corpus.weight(id) * f64::from(c))
        .sum();
    Features { items, mass }
}
