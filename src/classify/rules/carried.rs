//! Words that a piece of a split or merge shares with another piece, in a changed run: "or that is
//! transmitted over a public network" added to one piece of a merge came from the other piece, and
//! is judged there; "within thirty days", said once for two norms joined in one sentence, is said
//! in each piece once they are split. One zero-weight finding each; the rest is left to the other
//! rules.

use super::Ev;
use crate::classify::pieces::{self, Gone};
use crate::classify::text;
use crate::classify::Version;
use std::collections::HashSet;
use std::ops::Range;

/// Words, each set with the id of the piece it belongs to.
pub type PieceWords<'a> = [(&'a str, HashSet<String>)];

/// The other pieces of the split or merge the two sentences belong to.
#[derive(Debug, Clone, Copy)]
pub struct Pieces<'a> {
    /// New clauses for a split, old clauses for a merge.
    pub version: Version,
    /// The other pieces' words.
    pub words: &'a PieceWords<'a>,
    /// The words of this pair's whole clause that stand in another piece now (a split) or came
    /// from one (a merge), by that piece.
    pub rest: &'a PieceWords<'a>,
}

pub fn apply(ev: &mut Ev<'_>) {
    let Some(p) = ev.around.pieces else {
        return;
    };
    // A split's piece lost words to the other pieces and may repeat words of the rest of the old
    // clause; a merge's piece gained words from the other pieces and may have lost words that the
    // rest of the merged clause now says once.
    let split = p.version == Version::New;
    for (lost, words, moved) in [(split, p.words, true), (!split, p.rest, false)] {
        for (q, piece) in claim(ev, lost, words) {
            let f = if moved {
                pieces::finding(&q, Gone { piece, same: false }, p.version)
            } else {
                shared(&q, piece, p.version)
            };
            ev.push(match lost {
                true => f.quoting(Some(q), None),
                false => f.quoting(None, Some(q)),
            });
        }
    }
}

/// Claims the changed runs that only lose (`lost`) or only gain words carrying meaning, all of
/// which stand in one entry of `words`; returns each run's quote and that entry's piece.
fn claim<'w>(ev: &mut Ev<'_>, lost: bool, words: &'w PieceWords<'w>) -> Vec<(String, &'w str)> {
    let mut out = Vec::new();
    for h in ev.hunks.clone() {
        let ((taken, side, claimed), (other, other_side, other_claimed)) = if lost {
            (
                (h.old.clone(), ev.old, &ev.claimed_old),
                (h.new.clone(), ev.new, &ev.claimed_new),
            )
        } else {
            (
                (h.new.clone(), ev.new, &ev.claimed_new),
                (h.old.clone(), ev.old, &ev.claimed_old),
            )
        };
        let open =
            |r: Range<usize>, f: &crate::classify::frame::Frame, c: &[bool]| -> Vec<String> {
                r.filter(|&i| !c[i] && f.toks[i].is_content())
                    .map(|i| f.toks[i].norm.to_string())
                    .collect()
            };
        let taken_words = open(taken, side, claimed);
        if taken_words.is_empty() || !open(other, other_side, other_claimed).is_empty() {
            continue;
        }
        let Some((piece, _)) = words
            .iter()
            .find(|(_, w)| taken_words.iter().all(|o| w.contains(o)))
        else {
            continue;
        };
        let q = if lost {
            ev.quote_old(h.old.clone())
        } else {
            ev.quote_new(h.new.clone())
        };
        ev.claim_old(h.old.clone());
        ev.claim_new(h.new.clone());
        out.push((q, *piece));
    }
    out
}

/// The reason for words said once for two norms before a split (or after a merge).
fn shared(quote: &str, piece: &str, version: Version) -> super::Finding {
    let q = text::shorten(quote.trim(), 90);
    let (rule, how) = match version {
        Version::New => (
            "split-piece",
            format!("was said once for this norm and the one now in clause {piece}; the split repeats it here"),
        ),
        Version::Old => (
            "merged-piece",
            format!("is now said once for this norm and the one that came from clause {piece}"),
        ),
    };
    super::Finding::new(
        rule,
        0.0,
        format!("'{q}' {how}, so its force is unchanged."),
    )
}
