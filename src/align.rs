//! Two clause lists in, [`AlignedPair`]s out: identical, modified, moved, renumbered, split, merged,
//! added, removed.
//!
//! PLACEHOLDER: exact text matches, then position. The shingle-index aligner replaces this.

use crate::model::{AlignedPair, Clause, PairKind};
use std::collections::HashMap;

/// Below this similarity two clauses are reported as removed + added rather than modified.
pub const MODIFIED_THRESHOLD: f64 = 0.5;

/// Aligns `old` with `new`. Every clause of both sides appears in at least one pair.
pub fn align(old: &[Clause], new: &[Clause]) -> Vec<AlignedPair> {
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, c) in new.iter().enumerate().rev() {
        by_text.entry(c.text.as_str()).or_default().push(j);
    }
    let mut used_new = vec![false; new.len()];
    let mut pairs = Vec::new();
    for (i, c) in old.iter().enumerate() {
        match by_text.get_mut(c.text.as_str()).and_then(|v| v.pop()) {
            Some(j) => {
                used_new[j] = true;
                let kind = if old[i].id == new[j].id {
                    PairKind::Identical
                } else {
                    PairKind::Renumbered
                };
                pairs.push(AlignedPair {
                    old: Some(i),
                    new: Some(j),
                    kind,
                    similarity: 1.0,
                });
            }
            None => pairs.push(AlignedPair {
                old: Some(i),
                new: None,
                kind: PairKind::Removed,
                similarity: 0.0,
            }),
        }
    }
    for (j, used) in used_new.iter().enumerate() {
        if !used {
            pairs.push(AlignedPair {
                old: None,
                new: Some(j),
                kind: PairKind::Added,
                similarity: 0.0,
            });
        }
    }
    pairs
}
