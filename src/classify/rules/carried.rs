//! Words that a piece of a split or merge shares with another piece, in a changed run: "or that is
//! transmitted over a public network" added to one piece of a merge came from the other piece, and
//! is judged there. One zero-weight finding; the rest of the run is left to the other rules.

use super::Ev;
use crate::classify::pieces::{self, Gone};
use crate::classify::Version;
use std::collections::HashSet;

/// The other pieces of the split or merge the two sentences belong to, each with its words.
#[derive(Debug, Clone, Copy)]
pub struct Pieces<'a> {
    /// New clauses for a split, old clauses for a merge.
    pub version: Version,
    pub words: &'a [(&'a str, HashSet<String>)],
}

pub fn apply(ev: &mut Ev<'_>) {
    let Some(p) = ev.around.pieces else {
        return;
    };
    let mut quoted: Vec<(String, &str)> = Vec::new();
    for h in ev.hunks.clone() {
        // In a split the other piece took words this piece lost; in a merge it brought the words
        // this piece gained. The run must change nothing else that carries meaning.
        let ((taken, side, claimed), (other, other_side, other_claimed)) = match p.version {
            Version::New => (
                (h.old.clone(), ev.old, &ev.claimed_old),
                (h.new.clone(), ev.new, &ev.claimed_new),
            ),
            Version::Old => (
                (h.new.clone(), ev.new, &ev.claimed_new),
                (h.old.clone(), ev.old, &ev.claimed_old),
            ),
        };
        let open: Vec<&str> = taken
            .clone()
            .filter(|&i| !claimed[i] && side.toks[i].is_content())
            .map(|i| side.toks[i].norm.as_str())
            .collect();
        let other_open = other
            .clone()
            .any(|i| !other_claimed[i] && other_side.toks[i].is_content());
        if open.is_empty() || other_open {
            continue;
        }
        let Some((piece, _)) = p
            .words
            .iter()
            .find(|(_, w)| open.iter().all(|o| w.contains(*o)))
        else {
            continue;
        };
        let q = match p.version {
            Version::New => ev.quote_old(h.old.clone()),
            Version::Old => ev.quote_new(h.new.clone()),
        };
        ev.claim_old(h.old.clone());
        ev.claim_new(h.new.clone());
        quoted.push((q, piece));
    }
    for (q, piece) in quoted {
        let f = pieces::finding(&q, Gone { piece, same: false }, p.version);
        ev.push(match p.version {
            Version::New => f.quoting(Some(q), None),
            Version::Old => f.quoting(None, Some(q)),
        });
    }
}
