//! The aligner's [`Corpus`] in, the clauses of one side that hold a given set of words out: how the
//! classifier narrows the search for a sentence that moved, without reading the other version again.

use super::index::{Corpus, Index, Lookup};

/// Finds the clauses of either side that hold all of some words. It keeps only the word ids and an
/// inverted index of each side, not the corpus: the memory the corpus held is then free for the
/// stages after alignment.
pub struct WordFinder {
    lookup: Lookup,
    old: Index,
    new: Index,
}

impl WordFinder {
    pub fn new(corpus: Corpus) -> Self {
        let (old, new) = rayon::join(
            || Index::new(&corpus.old, 0..corpus.old.len()),
            || Index::new(&corpus.new, 0..corpus.new.len()),
        );
        WordFinder {
            lookup: corpus.lookup,
            old,
            new,
        }
    }

    /// The clauses of the new side (`new_side`) or the old one whose text has every one of `words`
    /// (lower case, letters and digits only, as the aligner splits text), in document order. A word
    /// no clause of either side has rules out every clause.
    pub fn holding(&self, new_side: bool, words: &[&str]) -> Vec<usize> {
        let Some(ids) = words
            .iter()
            .map(|w| self.lookup.word_id(w))
            .collect::<Option<Vec<u32>>>()
        else {
            return Vec::new();
        };
        let index = if new_side { &self.new } else { &self.old };
        let mut lists: Vec<&[u32]> = ids.iter().map(|&id| index.holders(id)).collect();
        // The rarest word proposes; each proposal must be in the other lists too.
        lists.sort_by_key(|l| l.len());
        let Some((rarest, rest)) = lists.split_first() else {
            return Vec::new();
        };
        rarest
            .iter()
            .filter(|j| rest.iter().all(|l| l.binary_search(j).is_ok()))
            .map(|&j| j as usize)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_clauses_with_every_word_in_order() {
        let old = [
            "Officers shall record stops.",
            "Stops are recorded by officers.",
        ];
        let new = [
            "The agency keeps records.",
            "Officers record every stop.",
            "officers, record; STOP",
            "Officers record.",
        ];
        let f = WordFinder::new(Corpus::build(&old, &new));
        assert_eq!(f.holding(true, &["officers", "record", "stop"]), vec![1, 2]);
        assert_eq!(f.holding(true, &["officers"]), vec![1, 2, 3]);
        assert_eq!(f.holding(false, &["officers", "stops"]), vec![0, 1]);
        assert_eq!(f.holding(false, &["agency"]), Vec::<usize>::new());
        assert_eq!(f.holding(true, &["nowhere"]), Vec::<usize>::new());
        assert_eq!(f.holding(true, &[]), Vec::<usize>::new());
    }

    /// A new clause with the same text as an old one is not read again by the aligner; its words
    /// must still be found.
    #[test]
    fn twins_are_found_on_both_sides() {
        let f = WordFinder::new(Corpus::build(
            &["Keep the log."],
            &["Other text.", "Keep the log."],
        ));
        assert_eq!(f.holding(true, &["keep", "log"]), vec![1]);
        assert_eq!(f.holding(false, &["keep", "log"]), vec![0]);
    }
}
