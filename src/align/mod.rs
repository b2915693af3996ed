//! Two clause lists in, [`AlignedPair`]s out: which old clause became which new one, and how
//! (identical, renumbered, modified, moved, split, merged, added, removed).
//!
//! Text decides, numbering only breaks ties: documents renumber, and some give a retired number to
//! unrelated new text. The passes, each working on what the earlier ones left:
//!
//! 1. **Exact text.** Clauses whose words are the same (markup, case and punctuation aside) are
//!    candidate pairs of the highest weight.
//! 2. **Similar text.** Every other old clause asks a rarity-weighted shingle index ([`index`]) for the
//!    few new clauses that share the most rare wording; those at or above [`MODIFIED_THRESHOLD`] become
//!    candidate pairs weighted by their similarity. A shared clause id adds [`NUMBER_BONUS`], enough to
//!    choose between two similar candidates and never enough to make a dissimilar one pass. Free
//!    clauses in the same small gap between exact anchors are candidates too, and there a clause
//!    extended or cut in place ([`EXTENDED_CONTAINMENT`]) counts down to [`EXTENDED_SIMILARITY`].
//! 3. **Order.** The heaviest order-preserving subset of all candidates ([`lcs`]) is the backbone.
//! 4. **Moves.** Remaining candidates at or above [`MODIFIED_THRESHOLD`] whose two clauses are both
//!    still free are taken best first.
//! 5. **Splits and merges** ([`splitmerge`]): a free clause mostly contained in a clause on the other
//!    side that it helps cover joins it as a part.
//! 6. **Rewrites.** Clauses still free between the same two kept pairs are paired in order when they
//!    share at least [`REWRITE_SIMILARITY`]: a clause rewritten in place.
//! 7. Whatever is still free is added or removed.
//!
//! Kinds: a one-to-one pair off the order-preserving backbone of the final pairs is `moved`; on it, the
//! same text (whitespace aside) is `identical` when the id is the same (or neither clause has a printed
//! number: a counted paragraph is not renumbered) and `renumbered` when it is not,
//! and different text is `modified` whether or not the id changed. `similarity` is the weighted Dice
//! coefficient of the two texts; for a split or merge piece it is the share of the piece found in the
//! clause it was split from or merged into, which is what made it a pair.
//!
//! Output is in new-document order; a removed clause stands where it stood in the old document, after
//! the pair of the nearest earlier old clause that kept its place. Cost is near-linear: candidate search
//! touches only posting lists of rare features, and the backbone is O(E log N).
//!
//! [`align_with_words`] also hands back which clauses hold each word ([`words::WordFinder`]): the
//! classifier narrows its search for a moved sentence with it instead of reading both versions again.

pub mod index;
pub mod lcs;
pub mod splitmerge;
#[cfg(test)]
mod tests;
pub mod words;

use crate::model::{AlignedPair, Clause, PairKind};
use index::{Corpus, Index};
use lcs::{heaviest_chain, Edge};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use words::WordFinder;

/// Below this similarity two clauses are reported as removed + added rather than modified.
///
/// Half the rarity-weighted wording shared: a clause whose duty, deadline or subject words mostly
/// survived is the same clause edited; one that shares only boilerplate with its neighbour is not.
pub const MODIFIED_THRESHOLD: f64 = 0.5;

/// A clause extended or cut where it stands, so that one text lies almost wholly inside the other
/// ([`EXTENDED_CONTAINMENT`]), is the same clause modified even below [`MODIFIED_THRESHOLD`], down to
/// this similarity. Only between clauses in the same place (the same gap between exact anchors).
pub const EXTENDED_SIMILARITY: f64 = 0.25;

/// Share of the shorter text found in the longer for [`EXTENDED_SIMILARITY`] to apply.
pub const EXTENDED_CONTAINMENT: f64 = 0.8;

/// Clauses left over between the same two kept pairs are the same clauses rewritten, in order, down to
/// this similarity: their place is the rest of the evidence. Low enough for a duty turned into a ban
/// with new conditions ("shall obtain X" -> "shall not require X unless ..."), well above what a retired
/// section shares with the unrelated one that took its place (boilerplate only, under 0.1 on real
/// service terms), so those stay removed + added.
pub const REWRITE_SIMILARITY: f64 = 0.2;

/// Added to a candidate's weight when old and new clause carry the same id. It only reorders candidates
/// that already passed [`MODIFIED_THRESHOLD`] on text, so a retired number reused for unrelated text
/// never pairs on its number alone.
pub const NUMBER_BONUS: f64 = 0.02;

/// How many new clauses the index proposes for each old clause.
const CANDIDATES: usize = 6;

/// Gaps between exact anchors up to this many clauses on each side are searched clause by clause.
const GAP_LIMIT: usize = 12;

/// Exact-text groups larger than this (per side) only pair clauses with the same id or the same rank in
/// the group, to keep repeated boilerplate ("Reserved.") from producing a quadratic number of edges.
const DUPLICATE_FANOUT: usize = 8;

/// Aligns `old` with `new`. Every clause of both sides appears in at least one pair.
pub fn align(old: &[Clause], new: &[Clause]) -> Vec<AlignedPair> {
    align_with_corpus(old, new).0
}

/// [`align`], also handing back where each word of both sides stands, for later stages that look
/// for words across a version.
pub fn align_with_words(old: &[Clause], new: &[Clause]) -> (Vec<AlignedPair>, WordFinder) {
    let (pairs, corpus) = align_with_corpus(old, new);
    (pairs, WordFinder::new(corpus))
}

fn align_with_corpus(old: &[Clause], new: &[Clause]) -> (Vec<AlignedPair>, Corpus) {
    let old_text: Vec<&str> = old.iter().map(matching_text).collect();
    let new_text: Vec<&str> = new.iter().map(matching_text).collect();
    let corpus = Corpus::build(&old_text, &new_text);
    let pairs = align_corpus(old, new, &corpus);
    (pairs, corpus)
}

fn align_corpus(old: &[Clause], new: &[Clause], corpus: &Corpus) -> Vec<AlignedPair> {
    let (old_key, new_key) = (&corpus.old_words, &corpus.new_words);
    let bonus = |i: usize, j: usize| match (old.get(i), new.get(j)) {
        (Some(a), Some(b)) if a.id == b.id => NUMBER_BONUS,
        _ => 0.0,
    };

    // Pass 1: exact text.
    let ids_old: Vec<&String> = old.iter().map(|c| &c.id).collect();
    let ids_new: Vec<&String> = new.iter().map(|c| &c.id).collect();
    let (mut edges, settled_old, settled_new) =
        exact_edges(old_key, new_key, &ids_old, &ids_new, &bonus);

    // Pass 2: similar text, for clauses without a unique exact twin: what the index proposes, and the
    // free clauses in the same small gap between exact anchors (which catches short clauses made only
    // of common words, which the index cannot tell apart).
    let gaps = gap_neighbours(&edges, old.len(), new.len(), &settled_new);
    // In-place extensions below the threshold may only join the backbone, never pair as a move.
    // Each old clause's search is independent, so they share the cores; results are gathered in
    // old-clause order, so the edges come out as a one-thread search would list them.
    let idx = Index::new(&corpus.new, (0..new.len()).filter(|&j| !settled_new[j]));
    let found: Vec<(Vec<Edge>, Vec<Edge>)> = (0..old.len())
        .into_par_iter()
        .map_init(
            || idx.scratch(),
            |scratch, i| {
                let (mut similar, mut extended_here) = (Vec::new(), Vec::new());
                if settled_old[i] {
                    return (similar, extended_here);
                }
                let f = &corpus.old[i];
                let gap = gaps.get(i).cloned().flatten().unwrap_or(0..0);
                let mut cands = idx.candidates(scratch, corpus, f, CANDIDATES);
                cands.extend(gap.clone().filter(|&j| !settled_new[j]));
                cands.sort_unstable();
                cands.dedup();
                for j in cands {
                    if old_key[i] == new_key[j] {
                        continue; // already an exact edge
                    }
                    let g = &corpus.new[j];
                    let sim = corpus.similarity(f, g);
                    let extended = gap.contains(&j)
                        && sim >= EXTENDED_SIMILARITY
                        && corpus.containment(f, g).max(corpus.containment(g, f))
                            >= EXTENDED_CONTAINMENT;
                    let edge = Edge {
                        old: i,
                        new: j,
                        weight: sim + bonus(i, j),
                    };
                    if sim >= MODIFIED_THRESHOLD {
                        similar.push(edge);
                    } else if extended {
                        extended_here.push(edge);
                    }
                }
                (similar, extended_here)
            },
        )
        .collect();
    let mut in_place = Vec::new();
    for (similar, extended_here) in found {
        edges.extend(similar);
        in_place.extend(extended_here);
    }

    // Pass 3: the order-preserving backbone.
    let mut old_to: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_to: Vec<Option<usize>> = vec![None; new.len()];
    let all: Vec<Edge> = edges.iter().chain(&in_place).copied().collect();
    for e in heaviest_chain(&all, new.len()) {
        old_to[e.old] = Some(e.new);
        new_to[e.new] = Some(e.old);
    }

    // Pass 4: moves, best candidate first.
    edges.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.old.cmp(&b.old))
            .then(a.new.cmp(&b.new))
    });
    for e in &edges {
        if old_to[e.old].is_none() && new_to[e.new].is_none() {
            old_to[e.old] = Some(e.new);
            new_to[e.new] = Some(e.old);
        }
    }

    // Pass 5: splits, then merges among what is left.
    let exact_pair = |i: usize, j: usize| old_key[i] == new_key[j] && !old_key[i].is_empty();
    let open_old: Vec<bool> = (0..old.len())
        .map(|i| old_to[i].is_none_or(|j| !exact_pair(i, j)))
        .collect();
    let open_new: Vec<bool> = (0..new.len())
        .map(|j| new_to[j].is_none_or(|i| !exact_pair(i, j)))
        .collect();
    // Clauses that are part of a split or merge group.
    let mut grouped_old = vec![false; old.len()];
    let mut grouped_new = vec![false; new.len()];
    let splits = splitmerge::find(
        corpus,
        &side(&corpus.old, &open_old, &old_to),
        &side(&corpus.new, &open_new, &new_to),
    );
    for g in &splits {
        old_to[g.whole] = None;
        grouped_old[g.whole] = true;
        for &(j, _) in &g.parts {
            new_to[j] = None;
            grouped_new[j] = true;
        }
    }
    let open_old2: Vec<bool> = (0..old.len())
        .map(|i| open_old[i] && !grouped_old[i])
        .collect();
    let open_new2: Vec<bool> = (0..new.len())
        .map(|j| open_new[j] && !grouped_new[j])
        .collect();
    let merges = splitmerge::find(
        corpus,
        &side(&corpus.new, &open_new2, &new_to),
        &side(&corpus.old, &open_old2, &old_to),
    );
    for g in &merges {
        new_to[g.whole] = None;
        grouped_new[g.whole] = true;
        for &(i, _) in &g.parts {
            old_to[i] = None;
            grouped_old[i] = true;
        }
    }

    // Pass 6: clauses left between the same two kept pairs are the same clauses rewritten, in order,
    // when they still share some wording.
    let free_old: Vec<bool> = (0..old.len())
        .map(|i| old_to[i].is_none() && !grouped_old[i])
        .collect();
    let free_new: Vec<bool> = (0..new.len())
        .map(|j| new_to[j].is_none() && !grouped_new[j])
        .collect();
    for (olds, news) in between_kept_pairs(&old_to, new.len()) {
        let olds: Vec<usize> = olds.filter(|&i| free_old[i]).collect();
        let news: Vec<usize> = news.filter(|&j| free_new[j]).collect();
        if olds.is_empty() || news.is_empty() || olds.len() > GAP_LIMIT || news.len() > GAP_LIMIT {
            continue;
        }
        let mut rewritten = Vec::new();
        for &i in &olds {
            for &j in &news {
                let sim = corpus.similarity(&corpus.old[i], &corpus.new[j]);
                if sim >= REWRITE_SIMILARITY {
                    rewritten.push(Edge {
                        old: i,
                        new: j,
                        weight: sim,
                    });
                }
            }
        }
        for e in heaviest_chain(&rewritten, new.len()) {
            old_to[e.old] = Some(e.new);
            new_to[e.new] = Some(e.old);
        }
    }

    // Kinds, then report order.
    let one_to_one: Vec<(Edge, f64)> = old_to
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let j = (*j)?;
            let similarity = if old_key[i] == new_key[j] {
                1.0
            } else {
                corpus.similarity(&corpus.old[i], &corpus.new[j])
            };
            // Among equally long backbones, the one that keeps the more similar pairs in place.
            let weight = 1.0 + similarity * 1e-3;
            Some((
                Edge {
                    old: i,
                    new: j,
                    weight,
                },
                similarity,
            ))
        })
        .collect();
    // Split and merge pieces take part in the backbone (they fix where their clauses stand) but are
    // never called moved themselves.
    let mut backbone: Vec<Edge> = one_to_one.iter().map(|p| p.0).collect();
    for g in &splits {
        backbone.extend(g.parts.iter().map(|&(j, _)| Edge {
            old: g.whole,
            new: j,
            weight: 1.0,
        }));
    }
    for g in &merges {
        backbone.extend(g.parts.iter().map(|&(i, _)| Edge {
            old: i,
            new: g.whole,
            weight: 1.0,
        }));
    }
    let mut in_order = vec![false; old.len()];
    for e in heaviest_chain(&backbone, new.len()) {
        if old_to[e.old] == Some(e.new) {
            in_order[e.old] = true;
        }
    }
    let mut pairs: Vec<AlignedPair> = Vec::with_capacity(old.len() + new.len());
    for &(e, similarity) in &one_to_one {
        let (i, j) = (e.old, e.new);
        let same_text = same_words(&old[i].text, &new[j].text);
        // A paragraph counted rather than numbered ("p12") is not renumbered when paragraphs before it
        // come and go: only a printed number can change.
        let same_number =
            old[i].id == new[j].id || (old[i].number.is_none() && new[j].number.is_none());
        let kind = if !in_order[i] {
            PairKind::Moved
        } else if same_text && same_number {
            PairKind::Identical
        } else if same_text {
            PairKind::Renumbered
        } else {
            PairKind::Modified
        };
        pairs.push(pair(Some(i), Some(j), kind, similarity));
    }
    for g in &splits {
        for &(j, c) in &g.parts {
            pairs.push(pair(Some(g.whole), Some(j), PairKind::Split, c));
        }
    }
    for g in &merges {
        for &(i, c) in &g.parts {
            pairs.push(pair(Some(i), Some(g.whole), PairKind::Merged, c));
        }
    }
    let old_used: Vec<bool> = {
        let mut v = vec![false; old.len()];
        for p in &pairs {
            if let Some(i) = p.old {
                v[i] = true;
            }
        }
        v
    };
    let new_used: Vec<bool> = {
        let mut v = vec![false; new.len()];
        for p in &pairs {
            if let Some(j) = p.new {
                v[j] = true;
            }
        }
        v
    };
    for (i, used) in old_used.iter().enumerate() {
        if !used {
            pairs.push(pair(Some(i), None, PairKind::Removed, 0.0));
        }
    }
    for (j, used) in new_used.iter().enumerate() {
        if !used {
            pairs.push(pair(None, Some(j), PairKind::Added, 0.0));
        }
    }
    order_for_report(&mut pairs, old.len());
    pairs
}

/// What a clause is matched on: its text, or its heading when the text has no words.
fn matching_text(c: &Clause) -> &str {
    if c.text.chars().any(char::is_alphanumeric) {
        &c.text
    } else {
        c.heading.as_deref().unwrap_or("")
    }
}

fn same_words(a: &str, b: &str) -> bool {
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

fn pair(old: Option<usize>, new: Option<usize>, kind: PairKind, similarity: f64) -> AlignedPair {
    AlignedPair {
        old,
        new,
        kind,
        similarity,
    }
}

fn side<'a>(
    feats: &'a [index::Features],
    open: &'a [bool],
    partner: &'a [Option<usize>],
) -> splitmerge::Side<'a> {
    splitmerge::Side {
        feats,
        open,
        partner,
    }
}

/// Candidate edges between clauses with the same words, and which clauses have a unique exact twin
/// (those are settled: they need no similarity search).
fn exact_edges(
    old_key: &[Vec<u32>],
    new_key: &[Vec<u32>],
    ids_old: &[&String],
    ids_new: &[&String],
    bonus: &dyn Fn(usize, usize) -> f64,
) -> (Vec<Edge>, Vec<bool>, Vec<bool>) {
    // Groups in order of their first old clause, so edge order never depends on hashing.
    let mut group_of: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    // Wordless clauses ("1." alone, a rule "---") form one group too: they have no shingles for the
    // similarity passes, so without an exact edge a document diffed with itself would call them
    // removed and added.
    for (i, k) in old_key.iter().enumerate() {
        let g = *group_of.entry(k.as_slice()).or_insert_with(|| {
            groups.push((Vec::new(), Vec::new()));
            groups.len() - 1
        });
        if let Some(g) = groups.get_mut(g) {
            g.0.push(i);
        }
    }
    for (j, k) in new_key.iter().enumerate() {
        if let Some(g) = group_of.get(k.as_slice()).and_then(|&g| groups.get_mut(g)) {
            g.1.push(j);
        }
    }
    let mut edges = Vec::new();
    let mut settled_old = vec![false; old_key.len()];
    let mut settled_new = vec![false; new_key.len()];
    for (olds, news) in &groups {
        match (olds.as_slice(), news.as_slice()) {
            (_, []) => {}
            (&[i], &[j]) => {
                settled_old[i] = true;
                settled_new[j] = true;
                edges.push(Edge {
                    old: i,
                    new: j,
                    weight: 1.0 + bonus(i, j),
                });
            }
            (olds, news) if olds.len() <= DUPLICATE_FANOUT && news.len() <= DUPLICATE_FANOUT => {
                for &i in olds {
                    for &j in news {
                        edges.push(Edge {
                            old: i,
                            new: j,
                            weight: 1.0 + bonus(i, j),
                        });
                    }
                }
            }
            (olds, news) => {
                // Same rank in the group, and same id: linear in the group size.
                for (&i, &j) in olds.iter().zip(news.iter()) {
                    edges.push(Edge {
                        old: i,
                        new: j,
                        weight: 1.0 + bonus(i, j),
                    });
                }
                let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for &j in news {
                    if let Some(id) = ids_new.get(j) {
                        by_id.entry(id.as_str()).or_default().push(j);
                    }
                }
                for &i in olds.iter() {
                    let same = ids_old.get(i).and_then(|id| by_id.get(id.as_str()));
                    for &j in same.into_iter().flatten() {
                        edges.push(Edge {
                            old: i,
                            new: j,
                            weight: 1.0 + NUMBER_BONUS,
                        });
                    }
                }
            }
        }
    }
    (edges, settled_old, settled_new)
}

/// The old and new index ranges between consecutive in-order one-to-one pairs (and before the first
/// and after the last).
fn between_kept_pairs(
    old_to: &[Option<usize>],
    new_len: usize,
) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let pairs: Vec<Edge> = old_to
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            j.map(|j| Edge {
                old: i,
                new: j,
                weight: 1.0,
            })
        })
        .collect();
    let mut bounds: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX)];
    bounds.extend(
        heaviest_chain(&pairs, new_len)
            .iter()
            .map(|e| (e.old, e.new)),
    );
    bounds.push((old_to.len(), new_len));
    bounds
        .windows(2)
        .map(|w| {
            let [(o0, n0), (o1, n1)] = [w[0], w[1]];
            (o0.wrapping_add(1)..o1, n0.wrapping_add(1)..n1)
        })
        .collect()
}

/// For each old clause between two exact anchors, the new clauses between the same two anchors, when
/// both gaps are small.
fn gap_neighbours(
    exact: &[Edge],
    old_len: usize,
    new_len: usize,
    settled_new: &[bool],
) -> Vec<Option<std::ops::Range<usize>>> {
    let mut out = vec![None; old_len];
    let chain = heaviest_chain(exact, new_len);
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(chain.len() + 2);
    // Virtual anchors before the first and after the last clause on both sides.
    bounds.push((usize::MAX, usize::MAX));
    bounds.extend(chain.iter().map(|e| (e.old, e.new)));
    bounds.push((old_len, new_len));
    for w in bounds.windows(2) {
        let [(o0, n0), (o1, n1)] = [w[0], w[1]];
        let (old_from, new_from) = (o0.wrapping_add(1), n0.wrapping_add(1));
        if old_from >= o1 || new_from >= n1 {
            continue;
        }
        let free_new = (new_from..n1).filter(|&j| !settled_new.get(j).copied().unwrap_or(true));
        if o1 - old_from > GAP_LIMIT
            || free_new.count() > GAP_LIMIT
            || n1 - new_from > 4 * GAP_LIMIT
        {
            continue;
        }
        for slot in out.iter_mut().take(o1).skip(old_from) {
            *slot = Some(new_from..n1);
        }
    }
    out
}

/// Sorts pairs into new-document order, each removed clause after the pair of the nearest earlier old
/// clause that kept its place (or first, when none did).
fn order_for_report(pairs: &mut [AlignedPair], old_len: usize) {
    // Where each old clause's first pair sits in new-document order, for clauses that kept their place.
    let mut anchor: Vec<Option<usize>> = vec![None; old_len];
    for p in pairs.iter() {
        if let (Some(i), Some(j)) = (p.old, p.new) {
            if p.kind != PairKind::Moved {
                if let Some(a) = anchor.get_mut(i) {
                    *a = Some(a.map_or(j, |x: usize| x.max(j)));
                }
            }
        }
    }
    let mut last: Option<usize> = None;
    let mut removed_after: Vec<Option<usize>> = vec![None; old_len];
    for i in 0..old_len {
        removed_after[i] = last;
        if let Some(j) = anchor[i] {
            last = Some(j);
        }
    }
    // Key: (slot in new order, 0 for a pair at that new clause / 1 for a removed clause after it, old).
    // Slot 0 is "before every new clause", so new clause j sits in slot j + 1.
    let key = |p: &AlignedPair| -> (usize, u8, usize) {
        match (p.old, p.new) {
            (o, Some(j)) => (j + 1, 0, o.unwrap_or(0)),
            (Some(i), None) => (
                removed_after.get(i).copied().flatten().map_or(0, |j| j + 1),
                1,
                i,
            ),
            (None, None) => (0, 2, 0),
        }
    };
    pairs.sort_by_key(key);
}
