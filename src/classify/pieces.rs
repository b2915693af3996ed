//! The aligner's pairs in, for each piece of a split or merge the other pieces out; and, for one such
//! pair, which sentences of the whole clause stand in another piece (so the pair is judged only on
//! its own share) and the other pieces' words (for runs that moved between pieces inside a sentence).
//!
//! A clause split in two is reported as two pairs, each with the whole old clause. Read naively, the
//! sentences that went to the other piece look deleted, and every split looks like a weakening.

use super::{
    content_words, similarity, Context, Lexicon, Sentences, Version, WordNumbers, SENTENCE_MATCH,
};
use crate::classify::rules::Finding;
use crate::classify::text;
use crate::model::{AlignedPair, PairKind};
use std::collections::{BTreeMap, HashSet};

/// The other pieces of the split or merge a pair belongs to: new clauses for a split, old clauses
/// for a merge (indexes into that version's clauses).
#[derive(Debug, Clone, Copy)]
pub struct Pieces<'a> {
    pub version: Version,
    pub clauses: &'a [usize],
}

/// For every pair, in order, the version and indexes of the other pieces of its split or merge
/// (`None` for any other pair).
pub fn of_pairs(pairs: &[AlignedPair]) -> Vec<Option<(Version, Vec<usize>)>> {
    let mut split: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut merged: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in pairs {
        match (p.kind, p.old, p.new) {
            (PairKind::Split, Some(i), Some(j)) => split.entry(i).or_default().push(j),
            (PairKind::Merged, Some(i), Some(j)) => merged.entry(j).or_default().push(i),
            _ => {}
        }
    }
    let others = |all: &BTreeMap<usize, Vec<usize>>, group: usize, me: usize| -> Vec<usize> {
        all.get(&group)
            .map(|v| v.iter().copied().filter(|&k| k != me).collect())
            .unwrap_or_default()
    };
    pairs
        .iter()
        .map(|p| match (p.kind, p.old, p.new) {
            (PairKind::Split, Some(i), Some(j)) => Some((Version::New, others(&split, i, j))),
            (PairKind::Merged, Some(i), Some(j)) => Some((Version::Old, others(&merged, j, i))),
            _ => None,
        })
        .collect()
}

/// Where a sentence of the whole clause went: the other piece's id, and whether it stands there
/// with the same words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Gone<'t> {
    pub piece: &'t str,
    pub same: bool,
}

/// The other pieces of one pair's split or merge, read once as norm sentences.
pub(super) struct Others<'t> {
    pub version: Version,
    read: Vec<(&'t str, Sentences<'t>)>,
}

impl<'t> Others<'t> {
    pub fn read(pieces: Pieces<'_>, ctx: &Context<'t>, lex: &'t Lexicon) -> Self {
        let clauses = match pieces.version {
            Version::New => ctx.new_clauses,
            Version::Old => ctx.old_clauses,
        };
        let read = pieces
            .clauses
            .iter()
            .filter_map(|&k| clauses.get(k))
            .map(|c| (c.id.as_str(), Sentences::of(&c.text, lex)))
            .collect();
        Others {
            version: pieces.version,
            read,
        }
    }

    /// For each sentence of `whole` (the side that is one clause), the other piece it now stands
    /// in, if its nearest sentence is there rather than in `part`, this pair's piece.
    pub fn elsewhere(&self, whole: &Sentences<'_>, part: &Sentences<'_>) -> Vec<Option<Gone<'t>>> {
        let mut numbers = WordNumbers::default();
        let here = numbers.of(part, &(0..part.len()).collect::<Vec<_>>());
        // (piece, sentence text, its content words) for every sentence of the other pieces.
        let mut there: Vec<(&str, &str, Vec<u32>)> = Vec::new();
        for (id, s) in &self.read {
            for (k, t) in s.texts.iter().enumerate() {
                there.push((*id, *t, numbers.content(s.frame(k))));
            }
        }
        let gone: Vec<Option<Gone<'t>>> = (0..whole.len())
            .map(|i| {
                let w = numbers.content(whole.frame(i));
                let best_here = here.iter().map(|h| similarity(&w, h)).fold(0.0, f64::max);
                let (best, score) = there
                    .iter()
                    .map(|t| (Some(t), similarity(&w, &t.2)))
                    .fold((None, 0.0), |a, b| if b.1 > a.1 { b } else { a });
                let (piece, text, _) = best?;
                (score >= SENTENCE_MATCH && score > best_here).then(|| Gone {
                    piece,
                    same: text::sentence_key(text) == text::sentence_key(whole.texts[i]),
                })
            })
            .collect();
        // One sentence that held both norms ("shall stop all grading and cover every stockpile")
        // belongs to every piece: with nothing left to compare, this piece is judged on it all.
        if !part.texts.is_empty() && gone.iter().all(Option::is_some) {
            return vec![None; whole.len()];
        }
        gone
    }

    /// Each other piece's id with its words (normalised), for runs of words that moved between
    /// pieces inside a sentence.
    pub fn words(&self) -> Vec<(&'t str, HashSet<String>)> {
        self.read
            .iter()
            .map(|(id, s)| {
                let words = text::word_set((0..s.len()).flat_map(|i| s.frame(i).toks.iter()));
                (*id, words)
            })
            .collect()
    }
}

/// A sentence with at least this share of its content words in another says no more than a part
/// of it.
const INSIDE: f64 = 0.8;

/// For sentence `k` of this piece (`part`), left without a counterpart: the reason, if nearly all its
/// content words stand in one sentence of the whole clause that is judged with another piece. Two
/// clauses merged into one long sentence give it to the piece it matches best; the other piece's
/// sentence is inside it, not deleted (and the mirror for a split). `version` is the side the other
/// pieces are on.
pub(super) fn inside_gone(
    part: &Sentences<'_>,
    k: usize,
    whole: &Sentences<'_>,
    gone: &[Option<Gone<'_>>],
    version: Version,
) -> Option<Finding> {
    if gone.iter().all(Option::is_none) {
        return None;
    }
    let w = content_words(part.frame(k));
    if w.is_empty() {
        return None;
    }
    let g = gone.iter().enumerate().find_map(|(i, g)| {
        let g = (*g)?;
        let there = content_words(whole.frame(i));
        let common = w.iter().filter(|x| there.binary_search(x).is_ok()).count();
        (common as f64 / w.len() as f64 >= INSIDE).then_some(g)
    })?;
    let q = text::shorten(part.texts[k].trim(), 90);
    let piece = g.piece;
    let (rule, how) = match version {
        Version::Old => (
            "merged-piece",
            format!("now stands inside a merged sentence that is judged with clause {piece}"),
        ),
        Version::New => (
            "split-piece",
            format!("stood inside an old sentence that is judged with clause {piece}"),
        ),
    };
    Some(Finding::new(rule, 0.0, format!("'{q}' {how}.")))
}

/// The words of the sentences of `whole` that `gone` sends to another piece, by that piece.
pub(super) fn words_gone<'t>(
    whole: &Sentences<'_>,
    gone: &[Option<Gone<'t>>],
) -> Vec<(&'t str, HashSet<String>)> {
    let mut out: Vec<(&'t str, HashSet<String>)> = Vec::new();
    for (i, g) in gone.iter().enumerate() {
        let Some(g) = g else { continue };
        let words = text::word_set(&whole.frame(i).toks);
        match out.iter_mut().find(|(p, _)| *p == g.piece) {
            Some((_, w)) => w.extend(words),
            None => out.push((g.piece, words)),
        }
    }
    out
}

/// The reason given for a sentence judged with another piece.
pub(super) fn finding(sentence: &str, gone: Gone<'_>, version: Version) -> Finding {
    let q = text::shorten(sentence.trim(), 90);
    let piece = gone.piece;
    let how = match version {
        Version::New => format!("went to clause {piece} when this clause was split"),
        Version::Old => format!("came from clause {piece}, which was merged into this one"),
    };
    let then = if gone.same {
        ", with the same words, so its force is unchanged"
    } else {
        "; its changes are judged with that clause"
    };
    let rule = match version {
        Version::New => "split-piece",
        Version::Old => "merged-piece",
    };
    Finding::new(rule, 0.0, format!("'{q}' {how}{then}."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Document, PairReport};

    fn doc(text: &str) -> Document {
        crate::test_document(text)
    }

    fn compare(old: &str, new: &str) -> PairReport {
        crate::compare(
            &doc(old),
            &doc(new),
            &super::super::Classifier::default(),
            None,
        )
    }

    /// The two changes of `kind` in a report of one clause split in two (or two merged).
    fn two_pieces(r: &PairReport, kind: PairKind) -> Vec<&crate::model::Change> {
        let pieces: Vec<_> = r.changes.iter().filter(|c| c.kind == kind).collect();
        assert_eq!(pieces.len(), 2, "{kind:?}: {:#?}", r.changes);
        pieces
    }

    fn pair(kind: PairKind, old: Option<usize>, new: Option<usize>) -> AlignedPair {
        AlignedPair {
            old,
            new,
            kind,
            similarity: 0.5,
        }
    }

    #[test]
    fn each_piece_knows_the_others() {
        use PairKind::*;
        let pairs = [
            pair(Identical, Some(0), Some(0)),
            pair(Split, Some(1), Some(1)),
            pair(Split, Some(1), Some(2)),
            pair(Split, Some(1), Some(3)),
            pair(Merged, Some(2), Some(4)),
            pair(Merged, Some(3), Some(4)),
            pair(Added, None, Some(5)),
        ];
        let got = of_pairs(&pairs);
        let want: [Option<(Version, &[usize])>; 7] = [
            None,
            Some((Version::New, &[2, 3])),
            Some((Version::New, &[1, 3])),
            Some((Version::New, &[1, 2])),
            Some((Version::Old, &[3])),
            Some((Version::Old, &[2])),
            None,
        ];
        let got: Vec<Option<(Version, &[usize])>> = got
            .iter()
            .map(|g| g.as_ref().map(|(v, c)| (*v, c.as_slice())))
            .collect();
        assert_eq!(got, want);
    }

    const JOINED: &str = "1. Unless a court orders it, jail staff shall not give agents notice of a person's release date, and shall not share with those agents a person's home address or telephone number.\n\n\
                          2. Staff shall keep a log of every request from agents.\n";
    const APART: &str = "1. Unless a court orders it, jail staff shall not give agents notice of a person's release date.\n\n\
                         2. Unless a court orders it, jail staff shall not share with agents a person's home address or telephone number.\n\n\
                         3. Staff shall keep a log of every request from agents.\n";

    /// Each piece is judged on its own share, in both directions, and says where the rest went.
    #[test]
    fn split_and_merged_pieces_are_judged_on_their_own_share() {
        for (old, new, kind, rule) in [
            (JOINED, APART, PairKind::Split, "split-piece"),
            (APART, JOINED, PairKind::Merged, "merged-piece"),
        ] {
            let r = compare(old, new);
            for c in two_pieces(&r, kind) {
                assert_eq!(
                    c.direction,
                    Direction::Unchanged,
                    "{kind:?}: {:#?}",
                    c.reasons
                );
                assert!(
                    c.reasons.iter().any(|x| x.rule == rule),
                    "{kind:?}: {:#?}",
                    c.reasons
                );
            }
        }
    }

    /// Words one piece of a merge brought into a shared sentence are judged with that piece; what
    /// else changed still counts.
    #[test]
    fn words_from_another_piece_inside_a_sentence_are_not_new() {
        let r = compare(
            "1. Staff shall encrypt personal records that are stored on laptops or phones.\n\n\
             2. Staff shall encrypt personal records whenever they are sent over a public network.\n",
            "1. Where technically feasible, staff shall encrypt personal records that are stored on laptops or phones, or that are sent over a public network.\n",
        );
        let pieces = two_pieces(&r, PairKind::Merged);
        let first = pieces
            .iter()
            .find(|c| c.old.as_ref().is_some_and(|o| o.id == "1"))
            .expect("the first piece");
        assert_eq!(first.direction, Direction::Weakened, "{:#?}", first.reasons);
        assert!(
            first.reasons.iter().any(|x| x.rule == "merged-piece"),
            "{:#?}",
            first.reasons
        );
    }

    /// Words said once for two joined norms ("..., within thirty days") are repeated in each piece
    /// of the split: not a new limit on the first norm.
    #[test]
    fn a_shared_tail_repeated_in_each_piece_is_no_change() {
        let r = compare(
            "1. The clerk shall notify each resident of a breach, and shall report the breach to the city auditor, within thirty days after finding it.\n",
            "1. The clerk shall notify each resident of a breach within thirty days after finding it.\n\n\
             2. The clerk shall report the breach to the city auditor within thirty days after finding it.\n",
        );
        let pieces = two_pieces(&r, PairKind::Split);
        for c in pieces {
            assert_eq!(c.direction, Direction::Unchanged, "{:#?}", c.reasons);
        }
    }

    /// A short clause merged into a sentence of a longer one is inside it, not deleted, though
    /// that sentence is judged with the longer clause.
    #[test]
    fn a_clause_merged_inside_another_sentence_is_not_deleted() {
        let r = compare(
            "1. Desk staff shall keep a visitor log. Guards shall lock the front door at night.\n\n\
             2. Desk staff shall record in the visitor log every visitor's name and the purpose of the visit.\n",
            "1. Desk staff shall keep a visitor log and record in it every visitor's name and the purpose of the visit. \
             Guards shall lock the front door at night.\n",
        );
        let first = r
            .changes
            .iter()
            .find(|c| c.kind == PairKind::Merged && c.old.as_ref().is_some_and(|o| o.id == "1"))
            .unwrap_or_else(|| panic!("no merged piece from clause 1: {:#?}", r.changes));
        assert_eq!(
            first.direction,
            Direction::Unchanged,
            "{:#?}",
            first.reasons
        );
        assert!(
            first.reasons.iter().all(|x| x.rule != "norm-removed"),
            "{:#?}",
            first.reasons
        );
    }

    /// A sentence that held both norms belongs to both pieces: neither is read as all new.
    #[test]
    fn one_sentence_with_both_norms_stays_with_every_piece() {
        let r = compare(
            "1. The permittee shall stop all grading and cover every stockpile of loose soil.\n",
            "1. The permittee shall stop all grading.\n\n2. The permittee shall cover every stockpile of loose soil.\n",
        );
        let pieces = two_pieces(&r, PairKind::Split);
        for c in pieces {
            assert_eq!(c.direction, Direction::Unchanged, "{:#?}", c.reasons);
            assert!(
                c.reasons
                    .iter()
                    .all(|x| x.rule != "norm-added" && x.rule != "norm-removed"),
                "{:#?}",
                c.reasons
            );
        }
    }
}
