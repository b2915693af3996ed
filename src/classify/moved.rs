//! The clauses of both documents of a comparison in, where a sentence of one version stands in the
//! other out: for a sentence missing from one side of a modified pair, the clause of the other version
//! that holds the same words (a split or merge moved it), as a finding.

use super::frame::Frame;
use super::rules::Finding;
use super::text;
use crate::model::Clause;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::ops::Range;
use std::sync::OnceLock;

/// Sentences with fewer words than this are too common to say where a sentence went.
const MIN_WORDS: usize = 4;

/// One version of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Old = 0,
    New = 1,
}

/// Narrows the clauses of a version that can hold a sentence: those whose text has every one of some
/// words (lower case, cut at anything but a letter or digit), in document order. The aligner has read
/// every word of both versions already, so it can answer without reading them again.
pub trait WordIndex: Sync {
    fn clauses_with(&self, version: Version, words: &[&str]) -> Vec<usize>;
}

/// How a comparison finds where a sentence stands in the other version. Owned by the comparison, so
/// it never describes other text than the clauses it is asked about.
pub struct SentenceIndexes<'w>(Finder<'w>);

enum Finder<'w> {
    /// Narrow with the aligner's words, then read only the clauses it names. Each clause read has
    /// the hashes of its sentence keys kept, per version: a long clause full of common words is named
    /// by many lookups, and is then read once.
    Words {
        words: &'w dyn WordIndex,
        keys: [OnceLock<Vec<OnceLock<Vec<KeyHash>>>>; 2],
    },
    /// An index of every norm sentence of each version.
    Full {
        old: SentenceIndex,
        new: SentenceIndex,
    },
}

impl std::fmt::Debug for SentenceIndexes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Finder::Words { .. } => f.write_str("SentenceIndexes(words)"),
            Finder::Full { old, new } => f
                .debug_struct("SentenceIndexes")
                .field("old", old)
                .field("new", new)
                .finish(),
        }
    }
}

impl SentenceIndexes<'static> {
    /// Indexes every norm sentence of both documents now, on all cores.
    pub fn build(old_clauses: &[Clause], new_clauses: &[Clause]) -> Self {
        let (old, new) = rayon::join(|| build_index(old_clauses), || build_index(new_clauses));
        SentenceIndexes(Finder::Full { old, new })
    }
}

impl<'w> SentenceIndexes<'w> {
    /// Finds sentences by narrowing with `words`.
    pub fn with_words(words: &'w dyn WordIndex) -> Self {
        SentenceIndexes(Finder::Words {
            words,
            keys: [OnceLock::new(), OnceLock::new()],
        })
    }

    /// The first of `clauses` (the clauses of `version`) holding a sentence with `key`.
    fn find(&self, version: Version, clauses: &[Clause], key: &str) -> Option<usize> {
        match &self.0 {
            Finder::Words { words, keys } => {
                let kept = keys[version as usize]
                    .get_or_init(|| clauses.iter().map(|_| OnceLock::new()).collect());
                let h = hash(key);
                // The kept hashes rule a clause out; a sentence with the hash is keyed again to be sure
                // (only that one: a clause can be long).
                let holder = |at: &usize| {
                    let (Some(c), Some(k)) = (clauses.get(*at), kept.get(*at)) else {
                        return false;
                    };
                    k.get_or_init(|| key_hashes(c))
                        .iter()
                        .any(|(kh, part)| *kh == h && key_of(c, part.clone()) == key)
                };
                let pieces = word_pieces(key);
                if pieces.is_empty() {
                    // Nothing to narrow with (every word may hold a final sigma): read them all.
                    return (0..clauses.len()).find(holder);
                }
                // A clause holding the sentence has every one of its words; the index names a
                // superset of those clauses, in order, so the first that holds it is the answer.
                words
                    .clauses_with(version, &pieces)
                    .into_iter()
                    .find(holder)
            }
            Finder::Full { old, new } => {
                let index = if version == Version::Old { old } else { new };
                find(index, clauses, key)
            }
        }
    }
}

/// Hash of a sentence key -> position of the first clause holding a sentence with that key.
///
/// A large statute has tens of thousands of sentences and only a few are ever looked up, so keys are
/// kept as hashes, not strings; a lookup checks the clause it is given and falls back to reading the
/// clauses in order if two keys ever shared a hash.
#[derive(Debug, Default)]
struct SentenceIndex {
    first: FxHashMap<u64, u32>,
}

/// A sentence missing from one side of a modified pair that appears word for word in a clause of
/// the other version: it moved (a split or merge), it was not added or removed. Only looked for
/// when the pair has both sides, so wholly added or removed clauses cost nothing. Without an index
/// the other version is indexed on the spot.
pub(super) fn moved_sentence(
    f: &Frame,
    sentences: Option<&SentenceIndexes<'_>>,
    version: Version,
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
    let at = match sentences {
        Some(s) => s.find(version, others, &key)?,
        None => find(&build_index(others), others, &key)?,
    };
    let home = &others.get(at)?.id;
    let q = text::shorten(f.text.trim(), 90);
    Some(Finding::new(
        "moved-sentence",
        0.0,
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
    for_each_key(c, &mut String::new(), |k, _| found |= k == key);
    found
}

/// The hash of a sentence key and the part of the clause text it is the key of.
type KeyHash = (u64, Range<usize>);

/// The hashes of a clause's sentence keys that are long enough to be looked up.
fn key_hashes(c: &Clause) -> Vec<KeyHash> {
    let mut hashes = Vec::new();
    for_each_key(c, &mut String::new(), |k, part| {
        if long_enough(k) {
            hashes.push((hash(k), part));
        }
    });
    hashes
}

/// The key of one part of the clause text, as [`for_each_key`] makes it.
fn key_of(c: &Clause, part: Range<usize>) -> String {
    text::sentence_key(c.text.get(part).unwrap_or_default())
}

/// Every norm sentence of a document -> the first clause that holds it. Tokenising the whole document
/// is the cost, so clauses share the cores; keys are inserted in clause order, so the first clause wins.
fn build_index(clauses: &[Clause]) -> SentenceIndex {
    let keys: Vec<Vec<KeyHash>> = clauses.par_iter().map(key_hashes).collect();
    let mut first = FxHashMap::default();
    for (at, hashes) in keys.into_iter().enumerate() {
        for (h, _) in hashes {
            first.entry(h).or_insert(at as u32);
        }
    }
    SentenceIndex { first }
}

/// Calls `f` with the key of each norm sentence of the clause, in order, built in `buf`, and the
/// part of the text it is the key of.
fn for_each_key(c: &Clause, buf: &mut String, mut f: impl FnMut(&str, Range<usize>)) {
    for r in text::sentences(&c.text) {
        for part in text::norm_parts(&c.text, r) {
            text::sentence_key_into(c.text.get(part.clone()).unwrap_or_default(), buf);
            f(buf, part);
        }
    }
}

/// The words of a key as the aligner cuts text: at the marks that join a key word ("body-worn",
/// "5,000", "u.s"), which are ASCII, each piece once.
///
/// A key word and the aligner's word are lower-cased one character at a time alike, with one
/// exception: a capital sigma lower-cases by its place in the word for a key, so a piece with a sigma
/// is left out. Lower-casing may turn a letter into a mark that is not one (a dotted capital I gains a
/// combining dot), which is why pieces are cut only where the source text itself was cut.
fn word_pieces(key: &str) -> Vec<&str> {
    let mut pieces: Vec<&str> = key
        .split(|c: char| c == ' ' || (c.is_ascii() && !c.is_ascii_alphanumeric()))
        .filter(|p| !p.is_empty() && !p.contains(['\u{3C3}', '\u{3C2}']))
        .collect();
    pieces.sort_unstable();
    pieces.dedup();
    pieces
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

    /// Narrowing by the aligner's words must find every sentence where the full index finds it.
    fn same_answers(old: &[Clause], new: &[Clause]) -> usize {
        let words = crate::align::align_with_words(old, new).1;
        let narrowed = SentenceIndexes::with_words(&words);
        let full = SentenceIndexes::build(old, new);
        let mut found = 0;
        for (version, clauses) in [(Version::Old, old), (Version::New, new)] {
            for c in old.iter().chain(new) {
                for_each_key(c, &mut String::new(), |key, _| {
                    if !long_enough(key) {
                        return;
                    }
                    let want = full.find(version, clauses, key);
                    assert_eq!(narrowed.find(version, clauses, key), want, "{key:?}");
                    found += usize::from(want.is_some());
                });
            }
        }
        found
    }

    /// Case, curly apostrophes, a possessive, joined words, a Kelvin sign (lower-cased to ASCII), a
    /// dotted capital I (lower-cased with a combining dot), Greek capitals (a final sigma) and a
    /// sentence with a sigma in every word (nothing to narrow with).
    #[test]
    fn narrowing_by_words_survives_lower_casing_quirks() {
        let old = clauses(&[
            "The \u{212A}elvin sensor shall log each reading daily.",
            "Officers in \u{130}stanbul shall file the report monthly.",
            "ΟΙ ΦΥΛΑΚΕΣ ΠΡΕΠΕΙ ΝΑ ΚΛΕΙΝΟΥΝ ΤΟΝ ΔΡΟΜΟΣ.",
            "The officer\u{2019}s report shall state the reason for every stop.",
            "Body-worn cameras shall record 5,000 hours of U.S. patrols.",
            "ΣΑΣ ΣΤΟΣ ΣΟΣ ΣΥΣ.",
        ]);
        let new = clauses(&[
            "Records are kept. THE KELVIN SENSOR SHALL LOG EACH READING DAILY.",
            "OFFICERS IN \u{130}STANBUL SHALL FILE THE REPORT MONTHLY.",
            "οι φυλακες πρεπει να κλεινουν τον δρομος.",
            "Staff may rest. The officer's report shall state the reason for every stop.",
            "body worn cameras shall record 5,000 hours of u.s. patrols.",
            "σας στος σος συς.",
        ]);
        assert!(same_answers(&old, &new) >= 14);
    }

    /// The same over every successive pair of the sample policies.
    #[test]
    fn narrowing_by_words_agrees_on_the_sample_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("versions");
        let mut found = 0;
        let mut policies: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        policies.sort();
        for policy in policies {
            let mut files: Vec<_> = std::fs::read_dir(&policy)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|f| f.extension().is_some_and(|e| e == "md" || e == "txt"))
                .collect();
            files.sort();
            let docs: Vec<Vec<Clause>> = files
                .iter()
                .map(|f| crate::segment::segment(&std::fs::read_to_string(f).unwrap()))
                .collect();
            for w in docs.windows(2) {
                found += same_answers(&w[0], &w[1]);
            }
        }
        assert!(found > 100, "only {found} sentences found");
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
