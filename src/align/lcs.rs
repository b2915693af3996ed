//! Weighted candidate edges (old index, new index, weight) in, the heaviest order-preserving subset out:
//! the backbone of an alignment, the clauses that kept their relative order.
//!
//! This is a longest common subsequence over clauses where "equal" is "a candidate edge" and each match
//! counts its similarity. Edges are processed by old index with a Fenwick tree of best chain weights over
//! new indices, so the cost is O(E log N) for E edges rather than the O(N·M) of the textbook table.

/// A possible pairing of old clause `old` with new clause `new`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub old: usize,
    pub new: usize,
    pub weight: f64,
}

/// The heaviest subset of `edges` that increases strictly in both `old` and `new`, in increasing order.
/// Among chains of equal weight the one completed first wins, so the result is deterministic.
pub fn heaviest_chain(edges: &[Edge], new_len: usize) -> Vec<Edge> {
    // The tree spans the whole new side: not worth setting up for the many small gaps of a large
    // statute that have no candidate at all.
    if edges.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..edges.len()).collect();
    // Within one old index, larger new indices first: a query for positions below `new` then cannot see
    // an edge of the same old clause, so no chain uses one old clause twice.
    order.sort_by(|&a, &b| {
        let (x, y) = (&edges[a], &edges[b]);
        x.old.cmp(&y.old).then(y.new.cmp(&x.new))
    });
    let mut tree = Fenwick::new(new_len);
    let mut back: Vec<Option<usize>> = vec![None; edges.len()];
    let mut total: Vec<f64> = vec![0.0; edges.len()];
    let mut best: Option<(f64, usize)> = None;
    for &e in &order {
        let edge = edges[e];
        if edge.new >= new_len {
            continue;
        }
        let (prev_w, prev) = tree.prefix_max(edge.new);
        let w = prev_w + edge.weight;
        back[e] = prev;
        total[e] = w;
        tree.raise(edge.new, w, e);
        if best.is_none_or(|(bw, _)| w > bw) {
            best = Some((w, e));
        }
    }
    let mut chain = Vec::new();
    let mut at = best.map(|(_, e)| e);
    while let Some(e) = at {
        chain.push(edges[e]);
        at = back[e];
    }
    chain.reverse();
    chain
}

/// Prefix maximum over positions, remembering which edge holds each maximum.
struct Fenwick {
    best: Vec<(f64, Option<usize>)>,
}

impl Fenwick {
    fn new(n: usize) -> Self {
        Fenwick {
            best: vec![(0.0, None); n + 1],
        }
    }

    /// Best weight among positions strictly below `pos`.
    fn prefix_max(&self, pos: usize) -> (f64, Option<usize>) {
        let mut i = pos;
        let mut out = (0.0, None);
        while i > 0 {
            if let Some(&(w, e)) = self.best.get(i) {
                if w > out.0 {
                    out = (w, e);
                }
            }
            i &= i - 1;
        }
        out
    }

    fn raise(&mut self, pos: usize, w: f64, e: usize) {
        let mut i = pos + 1;
        while let Some(slot) = self.best.get_mut(i) {
            if w > slot.0 {
                *slot = (w, Some(e));
            }
            i += i & i.wrapping_neg();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(edges: &[(usize, usize, f64)], new_len: usize, expect: &[(usize, usize)]) {
        let edges: Vec<Edge> = edges
            .iter()
            .map(|&(old, new, weight)| Edge { old, new, weight })
            .collect();
        let got: Vec<(usize, usize)> = heaviest_chain(&edges, new_len)
            .iter()
            .map(|e| (e.old, e.new))
            .collect();
        assert_eq!(got, expect, "edges {edges:?}");
    }

    #[test]
    fn chains() {
        case(&[], 3, &[]);
        case(
            &[(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)],
            3,
            &[(0, 0), (1, 1), (2, 2)],
        );
        // A moved clause (0 -> 3) loses to the three that kept their order.
        case(
            &[(0, 3, 1.0), (1, 0, 1.0), (2, 1, 1.0), (3, 2, 1.0)],
            4,
            &[(1, 0), (2, 1), (3, 2)],
        );
        // One old clause never appears twice, even when both its edges fit.
        case(&[(0, 0, 0.6), (0, 1, 0.7)], 2, &[(0, 1)]);
        case(
            &[(0, 1, 0.7), (0, 0, 0.6), (1, 1, 0.2)],
            2,
            &[(0, 0), (1, 1)],
        );
        // Weight decides between crossing edges.
        case(&[(0, 1, 0.9), (1, 0, 0.6)], 2, &[(0, 1)]);
        // Edges past the end of the new side are ignored rather than indexed out of bounds.
        case(&[(0, 5, 1.0), (1, 0, 0.5)], 2, &[(1, 0)]);
    }
}
