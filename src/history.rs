//! The documents of one policy and the comparisons of each successive pair in, clause [`Lineage`]s out:
//! each clause family followed through every version, through splits and merges.
//!
//! A family is a connected component of the "was paired with" relation across versions: a clause, the
//! clause it became in the next version, the clauses it was split into, and so on. So a clause split in
//! two and later merged back stays one family, and two clauses merged into one share a family from the
//! start. A clause added in a later version starts its own family; a removed one ends its family.
//!
//! Each family has one step per version, in version order:
//! - `ids`: the family's clause ids in that version (several after a split, none while absent);
//! - `kind`: how the family got from the previous version into this one: `added` when it first appears,
//!   `removed` when it disappears, otherwise the most telling kind among its pairs (identical <
//!   renumbered < modified < moved < split/merged); `None` for the first version and while absent;
//! - `direction`: the direction of that step, from the verdicts of the family's pairs in that comparison.
//!
//! A step (and the net over all steps) that both strengthens and weakens reports the side with more
//! changes; a tie reports weakened, because a history that hides a weakening misleads more than one that
//! asks for a second look.

use crate::model::{Direction, Document, Lineage, LineageStep, PairKind, PairReport};
use std::collections::{BTreeMap, HashMap};

/// Follows every clause family through `docs` (in version order) using `pairs[k]` = `docs[k]` vs
/// `docs[k+1]`. Families come in order of first appearance (version, then position in the document).
pub fn lineages(docs: &[Document], pairs: &[PairReport]) -> Vec<Lineage> {
    let graph = Graph::build(docs, pairs);
    let mut uf = UnionFind::new(graph.total);
    for (k, links) in graph.links.iter().enumerate() {
        for &(i, j) in links {
            uf.union(graph.node(k, i), graph.node(k + 1, j));
        }
    }
    // Nodes are visited in (version, clause) order, so each family's members come out sorted and the
    // family key (its first member) orders families by first appearance.
    let mut families: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    let mut first_of_root: HashMap<usize, usize> = HashMap::new();
    for (k, d) in docs.iter().enumerate() {
        for i in 0..d.clauses.len() {
            let node = graph.node(k, i);
            let first = *first_of_root.entry(uf.find(node)).or_insert(node);
            families.entry(first).or_default().push((k, i));
        }
    }
    families
        .into_values()
        .map(|members| build_lineage(docs, pairs, &graph, &members))
        .collect()
}

/// Clause-index views of the comparisons: which clauses each pair links, and which changes touch a clause.
struct Graph {
    offset: Vec<usize>,
    total: usize,
    /// Per comparison k: (clause in docs[k], clause in docs[k+1]) for every pair with both sides.
    links: Vec<Vec<(usize, usize)>>,
    /// Per comparison k: change indices touching each clause of docs[k] (as old) ...
    by_old: Vec<Vec<Vec<usize>>>,
    /// ... and each clause of docs[k+1] (as new).
    by_new: Vec<Vec<Vec<usize>>>,
}

impl Graph {
    fn build(docs: &[Document], pairs: &[PairReport]) -> Graph {
        let mut offset = Vec::with_capacity(docs.len());
        let mut total = 0;
        for d in docs {
            offset.push(total);
            total += d.clauses.len();
        }
        // Changes cite clauses by id, unique within a document; the line disambiguates if a
        // hand-built document repeats an id.
        let index: Vec<HashMap<(&str, usize), usize>> = docs
            .iter()
            .map(|d| {
                d.clauses
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ((c.id.as_str(), c.line), i))
                    .collect()
            })
            .collect();
        let comparisons = docs.len().saturating_sub(1).min(pairs.len());
        let mut links = Vec::with_capacity(comparisons);
        let mut by_old = Vec::with_capacity(comparisons);
        let mut by_new = Vec::with_capacity(comparisons);
        for (k, pair) in pairs.iter().enumerate().take(comparisons) {
            let (Some(old_ix), Some(new_ix)) = (index.get(k), index.get(k + 1)) else {
                continue;
            };
            let mut l = Vec::new();
            let mut bo = vec![Vec::new(); docs[k].clauses.len()];
            let mut bn = vec![Vec::new(); docs[k + 1].clauses.len()];
            for (c, change) in pair.changes.iter().enumerate() {
                let o = change
                    .old
                    .as_ref()
                    .and_then(|r| old_ix.get(&(r.id.as_str(), r.line)).copied());
                let n = change
                    .new
                    .as_ref()
                    .and_then(|r| new_ix.get(&(r.id.as_str(), r.line)).copied());
                if let Some(i) = o {
                    bo[i].push(c);
                }
                if let Some(j) = n {
                    bn[j].push(c);
                }
                if let (Some(i), Some(j)) = (o, n) {
                    l.push((i, j));
                }
            }
            links.push(l);
            by_old.push(bo);
            by_new.push(bn);
        }
        Graph {
            offset,
            total,
            links,
            by_old,
            by_new,
        }
    }

    fn node(&self, version: usize, clause: usize) -> usize {
        self.offset.get(version).copied().unwrap_or(0) + clause
    }
}

fn build_lineage(
    docs: &[Document],
    pairs: &[PairReport],
    graph: &Graph,
    members: &[(usize, usize)],
) -> Lineage {
    let mut per_version: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for &(k, i) in members {
        per_version[k].push(i);
    }
    let family = members
        .first()
        .map(|&(k, i)| format!("{}:{}", docs[k].label, docs[k].clauses[i].id))
        .unwrap_or_default();
    let mut steps = Vec::with_capacity(docs.len());
    let (mut strengthened, mut weakened) = (0usize, 0usize);
    for (k, d) in docs.iter().enumerate() {
        let cur = &per_version[k];
        let (kind, direction) = match k.checked_sub(1) {
            None => (None, None),
            Some(p) => step(pairs.get(p), graph, p, &per_version[p], cur),
        };
        match direction {
            Some(Direction::Strengthened) => strengthened += 1,
            Some(Direction::Weakened) => weakened += 1,
            _ => {}
        }
        steps.push(LineageStep {
            label: d.label.clone(),
            ids: cur.iter().map(|&i| d.clauses[i].id.clone()).collect(),
            kind,
            direction,
        });
    }
    Lineage {
        family,
        steps,
        net: balance(strengthened, weakened),
    }
}

/// Kind and direction of the step from version `p` (family clauses `prev`) into the next (`cur`).
fn step(
    pair: Option<&PairReport>,
    graph: &Graph,
    p: usize,
    prev: &[usize],
    cur: &[usize],
) -> (Option<PairKind>, Option<Direction>) {
    let Some(pair) = pair else {
        return (None, None);
    };
    if prev.is_empty() && cur.is_empty() {
        return (None, None);
    }
    let mut touching: Vec<usize> = Vec::new();
    let empty: Vec<Vec<usize>> = Vec::new();
    let by_old = graph.by_old.get(p).unwrap_or(&empty);
    let by_new = graph.by_new.get(p).unwrap_or(&empty);
    for &i in prev {
        touching.extend(by_old.get(i).into_iter().flatten());
    }
    for &j in cur {
        touching.extend(by_new.get(j).into_iter().flatten());
    }
    touching.sort_unstable();
    touching.dedup();
    let changes: Vec<_> = touching
        .iter()
        .filter_map(|&c| pair.changes.get(c))
        .collect();
    let kind = if prev.is_empty() {
        PairKind::Added
    } else if cur.is_empty() {
        PairKind::Removed
    } else {
        changes
            .iter()
            .map(|c| c.kind)
            .max_by_key(|k| kind_rank(*k))
            .unwrap_or(PairKind::Identical)
    };
    let s = changes
        .iter()
        .filter(|c| c.direction == Direction::Strengthened)
        .count();
    let w = changes
        .iter()
        .filter(|c| c.direction == Direction::Weakened)
        .count();
    (Some(kind), Some(balance(s, w)))
}

/// More strengthening than weakening is strengthened; any weakening that is not outnumbered is weakened.
fn balance(strengthened: usize, weakened: usize) -> Direction {
    if strengthened > weakened {
        Direction::Strengthened
    } else if weakened > 0 {
        Direction::Weakened
    } else {
        Direction::Unchanged
    }
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
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests;
