//! The documents of one policy and the comparisons of each successive pair in, clause [`Lineage`]s out:
//! each clause family followed through every version, through splits and merges.
//!
//! Families are the connected components of the "was aligned with" relation across versions, so a
//! clause split in two and later merged back stays one family.

use crate::model::{Direction, Document, Lineage, LineageStep, PairKind, PairReport};
use std::collections::{BTreeMap, HashMap};

/// Follows every clause family through `docs` (in version order) using `pairs[k]` = `docs[k]` vs `docs[k+1]`.
pub fn lineages(docs: &[Document], pairs: &[PairReport]) -> Vec<Lineage> {
    // Node = (version index, clause index in that version).
    let mut offset = Vec::with_capacity(docs.len());
    let mut total = 0;
    for d in docs {
        offset.push(total);
        total += d.clauses.len();
    }
    let index: Vec<HashMap<&str, usize>> = docs
        .iter()
        .map(|d| {
            d.clauses
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect()
        })
        .collect();
    let mut uf = UnionFind::new(total);
    for (k, pair) in pairs.iter().enumerate().take(docs.len().saturating_sub(1)) {
        for c in &pair.changes {
            if let (Some(o), Some(n)) = (&c.old, &c.new) {
                if let (Some(&i), Some(&j)) =
                    (index[k].get(o.id.as_str()), index[k + 1].get(n.id.as_str()))
                {
                    uf.union(offset[k] + i, offset[k + 1] + j);
                }
            }
        }
    }
    // Group nodes by root, keeping first-seen order (version, then clause order) for determinism.
    let mut families: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    let mut first_seen: HashMap<usize, usize> = HashMap::new();
    for (k, d) in docs.iter().enumerate() {
        for i in 0..d.clauses.len() {
            let root = uf.find(offset[k] + i);
            let order = *first_seen.entry(root).or_insert(offset[k] + i);
            families.entry(order).or_default().push((k, i));
        }
    }
    families
        .into_values()
        .map(|members| build_lineage(docs, pairs, &members))
        .collect()
}

fn build_lineage(docs: &[Document], pairs: &[PairReport], members: &[(usize, usize)]) -> Lineage {
    let (k0, i0) = members[0];
    let family = format!("{}:{}", docs[k0].label, docs[k0].clauses[i0].id);
    let mut steps = Vec::with_capacity(docs.len());
    let mut net = 0i64;
    for (k, d) in docs.iter().enumerate() {
        let ids: Vec<String> = members
            .iter()
            .filter(|(v, _)| *v == k)
            .map(|&(_, i)| d.clauses[i].id.clone())
            .collect();
        let (kind, direction) = if k == 0 {
            (None, None)
        } else {
            let prev: Vec<&str> = members
                .iter()
                .filter(|(v, _)| *v == k - 1)
                .map(|&(_, i)| docs[k - 1].clauses[i].id.as_str())
                .collect();
            step(&pairs[k - 1], &prev, &ids)
        };
        match direction {
            Some(Direction::Strengthened) => net += 1,
            Some(Direction::Weakened) => net -= 1,
            _ => {}
        }
        steps.push(LineageStep {
            label: d.label.clone(),
            ids,
            kind,
            direction,
        });
    }
    Lineage {
        family,
        steps,
        net: Direction::from_weight(net as f64),
    }
}

/// Kind and direction of the step into a version, from the changes that touch this family.
///
/// A step that both strengthens and weakens reports the larger side; a tie reports weakened, because a
/// history that hides a weakening misleads more than one that asks for a second look.
fn step(pair: &PairReport, prev: &[&str], ids: &[String]) -> (Option<PairKind>, Option<Direction>) {
    if prev.is_empty() && ids.is_empty() {
        return (None, None);
    }
    let touching: Vec<_> = pair
        .changes
        .iter()
        .filter(|c| {
            c.old
                .as_ref()
                .is_some_and(|o| prev.contains(&o.id.as_str()))
                || c.new.as_ref().is_some_and(|n| ids.contains(&n.id))
        })
        .collect();
    let kind = if prev.is_empty() {
        PairKind::Added
    } else if ids.is_empty() {
        PairKind::Removed
    } else {
        touching
            .iter()
            .map(|c| c.kind)
            .max_by_key(|k| kind_rank(*k))
            .unwrap_or(PairKind::Identical)
    };
    let s = touching
        .iter()
        .filter(|c| c.direction == Direction::Strengthened)
        .count();
    let w = touching
        .iter()
        .filter(|c| c.direction == Direction::Weakened)
        .count();
    let direction = if s > w {
        Direction::Strengthened
    } else if w > 0 {
        Direction::Weakened
    } else {
        Direction::Unchanged
    };
    (Some(kind), Some(direction))
}

/// Which kind names a step best when several changes make it up.
fn kind_rank(k: PairKind) -> u8 {
    match k {
        PairKind::Identical => 0,
        PairKind::Renumbered => 1,
        PairKind::Modified => 2,
        PairKind::Moved => 3,
        PairKind::Split | PairKind::Merged => 4,
        PairKind::Added | PairKind::Removed => 5,
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays root so families are named after their earliest clause.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}
