//! The clauses of both documents of a comparison in, an index of their norm sentences out; and, for a
//! sentence missing from one side of a modified pair, the clause of the other version that holds the
//! same words (a split or merge moved it), as a finding.

use super::frame::Frame;
use super::rules::Finding;
use super::text;
use crate::model::Clause;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// Sentences with fewer words than this are too common to say where a sentence went.
const MIN_WORDS: usize = 4;

/// Every norm sentence of each document of a comparison -> the first clause holding it: how a
/// sentence missing from one side of a pair is found in another clause (a split or merge). Owned by
/// the comparison, so it can never describe other text than the clauses it was built from.
#[derive(Debug, Default)]
pub struct SentenceIndexes {
    pub(super) old: SentenceIndex,
    pub(super) new: SentenceIndex,
}

impl SentenceIndexes {
    /// Indexes both documents, on all cores.
    pub fn build(old_clauses: &[Clause], new_clauses: &[Clause]) -> Self {
        let (old, new) = rayon::join(|| build_index(old_clauses), || build_index(new_clauses));
        SentenceIndexes { old, new }
    }
}

/// Hash of a sentence key -> position of the first clause holding a sentence with that key.
///
/// A large statute has tens of thousands of sentences and only a few are ever looked up, so keys are
/// kept as hashes, not strings; a lookup checks the clause it is given and falls back to reading the
/// clauses in order if two keys ever shared a hash.
#[derive(Debug, Default)]
pub(super) struct SentenceIndex {
    first: FxHashMap<u64, u32>,
}

/// A sentence missing from one side of a modified pair that appears word for word in a clause of
/// the other version: it moved (a split or merge), it was not added or removed. Only looked for
/// when the pair has both sides, so wholly added or removed clauses cost nothing. Without an index
/// the other version is indexed on the spot.
pub(super) fn moved_sentence(
    f: &Frame,
    index: Option<&SentenceIndex>,
    others: &[Clause],
    paired: bool,
) -> Option<Finding> {
    if !paired || others.is_empty() {
        return None;
    }
    let key = text::sentence_key(&f.text);
    if !long_enough(&key) {
        return None;
    }
    let built;
    let index = match index {
        Some(i) => i,
        None => {
            built = build_index(others);
            &built
        }
    };
    let home = &others.get(find(index, others, &key)?)?.id;
    let q = text::shorten(f.text.trim(), 90);
    Some(Finding::new(
        "moved-sentence",
        0.0,
        0.85,
        format!(
            "'{q}' now stands in clause {home} with the same words, so its force is unchanged."
        ),
    ))
}

/// The first of `clauses` (the ones `index` was built from) holding a sentence with `key`.
fn find(index: &SentenceIndex, clauses: &[Clause], key: &str) -> Option<usize> {
    let at = *index.first.get(&hash(key))? as usize;
    if clauses.get(at).is_some_and(|c| holds(c, key)) {
        return Some(at);
    }
    // Another key with the same hash came first: read the clauses in order for the exact answer.
    clauses.iter().position(|c| holds(c, key))
}

/// Whether one of the clause's norm sentences has `key`.
fn holds(c: &Clause, key: &str) -> bool {
    let mut found = false;
    for_each_key(c, &mut String::new(), |k| found |= k == key);
    found
}

/// Every norm sentence of a document -> the first clause that holds it. Tokenising the whole document
/// is the cost, so clauses share the cores; keys are inserted in clause order, so the first clause wins.
fn build_index(clauses: &[Clause]) -> SentenceIndex {
    let keys: Vec<Vec<u64>> = clauses
        .par_iter()
        .map_init(String::new, |buf, c| {
            let mut hashes = Vec::new();
            for_each_key(c, buf, |k| {
                if long_enough(k) {
                    hashes.push(hash(k));
                }
            });
            hashes
        })
        .collect();
    let mut first = FxHashMap::default();
    for (at, hashes) in keys.into_iter().enumerate() {
        for h in hashes {
            first.entry(h).or_insert(at as u32);
        }
    }
    SentenceIndex { first }
}

/// Calls `f` with the key of each norm sentence of the clause, in order, built in `buf`.
fn for_each_key(c: &Clause, buf: &mut String, mut f: impl FnMut(&str)) {
    for r in text::sentences(&c.text) {
        for part in text::norm_parts(&c.text, r) {
            text::sentence_key_into(c.text.get(part).unwrap_or_default(), buf);
            f(buf);
        }
    }
}

/// Whether a key has [`MIN_WORDS`] words; it stops at the space that proves it.
fn long_enough(key: &str) -> bool {
    let spaces = MIN_WORDS - 1;
    key.bytes().filter(|&b| b == b' ').take(spaces).count() == spaces
}

fn hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(texts: &[&str]) -> Vec<Clause> {
        let doc: String = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}\n\n", i + 1))
            .collect();
        crate::segment::segment(&doc)
    }

    /// A lookup names the first clause holding the sentence, whatever the case and punctuation.
    #[test]
    fn finds_the_first_clause_with_the_same_words() {
        let cs = clauses(&[
            "Officers may search vehicles with consent.",
            "The agency shall publish the data each year. Staff shall keep the log.",
            "Staff shall keep the log.",
        ]);
        let index = build_index(&cs);
        let key = text::sentence_key("STAFF shall keep the log");
        assert_eq!(find(&index, &cs, &key), Some(1));
        assert_eq!(
            find(
                &index,
                &cs,
                &text::sentence_key("Staff shall burn the log.")
            ),
            None
        );
    }

    /// Two keys sharing a hash must not make a lookup name a clause without the sentence: the index
    /// is checked against the clause, and the clauses are read in order when it is wrong.
    #[test]
    fn a_shared_hash_falls_back_to_reading_the_clauses() {
        let cs = clauses(&[
            "Officers may search vehicles with consent.",
            "Staff shall keep the log for two years.",
        ]);
        let key = text::sentence_key("Staff shall keep the log for two years.");
        // An index that files the key under the wrong clause, as a collision would.
        let mut first = FxHashMap::default();
        first.insert(hash(&key), 0);
        let wrong = SentenceIndex { first };
        assert_eq!(find(&wrong, &cs, &key), Some(1));
        let absent = text::sentence_key("Nobody shall read these words here.");
        let mut first = FxHashMap::default();
        first.insert(hash(&absent), 0);
        assert_eq!(find(&SentenceIndex { first }, &cs, &absent), None);
    }

    /// Short sentences are never looked up, so they are not indexed.
    #[test]
    fn short_sentences_are_not_indexed() {
        let cs = clauses(&["Staff shall comply."]);
        assert!(build_index(&cs).first.is_empty());
        assert_eq!(
            build_index(&clauses(&["Staff shall keep records."]))
                .first
                .len(),
            1
        );
    }
}
