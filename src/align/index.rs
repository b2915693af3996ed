//! Clause texts in, weighted feature vectors and an inverted index out: what similarity and candidate
//! search are computed from.
//!
//! A clause's features are its lower-cased words and word pairs (shingles of one and two words). Anything
//! that is not a letter or digit separates words, so Markdown markup, quotes and punctuation never count:
//! `**must**` and `must` are the same word. Each feature is weighted by its rarity across both versions
//! (inverse document frequency), so the words that name what a clause is about (a service, a deadline, a
//! party) decide a match, and boilerplate shared by every clause ("the customer shall") barely moves it.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Posting lists longer than this are skipped when looking for candidates: a feature that occurs in more
/// clauses than this says little about which clause matches, and scanning it would make the search
/// quadratic in the document size. Such features still count in the exact similarity of a candidate.
const MAX_POSTINGS: usize = 48;

/// One clause as a sparse vector: feature ids in increasing order, each with its count.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub items: Vec<(u32, u32)>,
    /// Sum of weight × count over the vector, cached for the similarity denominators.
    pub mass: f64,
}

/// Features of both sides, sharing one vocabulary and one set of rarity weights.
pub struct Corpus {
    pub old: Vec<Features>,
    pub new: Vec<Features>,
    /// Each clause's words as vocabulary ids, in order: equal sequences mean the same wording.
    pub old_words: Vec<Vec<u32>>,
    pub new_words: Vec<Vec<u32>>,
    pub weight: Vec<f64>,
    /// The word ids, kept for [`Corpus::word_id`].
    pub(super) lookup: Lookup,
}

/// Word -> id in the shared id space: the old side's own ids, then the new side's remapped.
#[derive(Default)]
pub(super) struct Lookup {
    old: FxHashMap<String, u32>,
    new: FxHashMap<String, u32>,
    /// New-side id -> shared id.
    remap: Vec<u32>,
}

impl Lookup {
    pub(super) fn word_id(&self, word: &str) -> Option<u32> {
        match self.old.get(word) {
            Some(&id) => Some(id),
            None => self
                .new
                .get(word)
                .and_then(|&id| self.remap.get(id as usize).copied()),
        }
    }
}

/// Interns words and word pairs as dense ids (one id space for both, in order of first sight).
#[derive(Default)]
struct Vocabulary {
    words: FxHashMap<String, u32>,
    pairs: FxHashMap<(u32, u32), u32>,
    /// What each id stands for, in id order: how one side's vocabulary is folded into the other's.
    defs: Vec<Def>,
    buf: String,
}

enum Def {
    Word(String),
    Pair(u32, u32),
}

impl Vocabulary {
    fn len(&self) -> u32 {
        self.defs.len() as u32
    }

    /// The id of the word in `buf`.
    fn intern(&mut self) -> u32 {
        if let Some(&id) = self.words.get(self.buf.as_str()) {
            return id;
        }
        self.add_word(self.buf.clone())
    }

    fn add_word(&mut self, w: String) -> u32 {
        let id = self.len();
        self.words.insert(w.clone(), id);
        self.defs.push(Def::Word(w));
        id
    }

    fn pair(&mut self, a: u32, b: u32) -> u32 {
        if let Some(&id) = self.pairs.get(&(a, b)) {
            return id;
        }
        let id = self.len();
        self.pairs.insert((a, b), id);
        self.defs.push(Def::Pair(a, b));
        id
    }

    /// The word ids of `text` and its feature ids (words and word pairs, unsorted).
    fn read(&mut self, text: &str) -> (Vec<u32>, Vec<u32>) {
        let mut ids = Vec::with_capacity(text.len() / 6);
        for w in words(text) {
            // Most words are ASCII even in a text with a few accented ones: no Unicode case mapping,
            // and no copy at all for a word already in lower case.
            let id = if !w.is_ascii() {
                self.buf.clear();
                for c in w.chars() {
                    crate::ingest::push_lowercase(c, &mut self.buf);
                }
                self.intern()
            } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
                self.buf.clear();
                self.buf.push_str(w);
                self.buf.make_ascii_lowercase();
                self.intern()
            } else {
                match self.words.get(w) {
                    Some(&id) => id,
                    None => self.add_word(w.to_string()),
                }
            };
            ids.push(id);
        }
        let mut feats = Vec::with_capacity(ids.len() * 2);
        feats.extend_from_slice(&ids);
        for w in ids.windows(2) {
            if let [a, b] = w {
                feats.push(self.pair(*a, *b));
            }
        }
        (ids, feats)
    }

    /// Every clause of one side read into a vocabulary of its own, except those with a `twin`
    /// (left empty for the caller to copy from the twin).
    fn read_all(
        texts: &[&str],
        twin: &[Option<usize>],
    ) -> (Vocabulary, Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let mut v = Vocabulary::default();
        let (words, feats) = texts
            .iter()
            .enumerate()
            .map(|(j, t)| match twin.get(j) {
                Some(Some(_)) => (Vec::new(), Vec::new()),
                _ => v.read(t),
            })
            .unzip();
        (v, words, feats)
    }

    /// Folds in the vocabulary of the text read after this one: returns where each of its ids went and
    /// how many ids there are in all. Ids are handed out in the other side's order of first sight, so
    /// the result is the same as reading both texts into one vocabulary, one after the other.
    ///
    /// The other side's words and pairs are all distinct, so whether each is already known can be
    /// looked up for all of them at once, on all cores; only handing out the new ids is in order.
    /// (Neither map is updated: nothing reads them after the fold.)
    fn absorb(&self, other: &Vocabulary) -> (Vec<u32>, u32) {
        let known_words: Vec<Option<u32>> = other
            .defs
            .par_iter()
            .map(|d| match d {
                Def::Word(w) => self.words.get(w.as_str()).copied(),
                Def::Pair(..) => None,
            })
            .collect();
        // A pair can be known only when both its words are.
        let known: Vec<Option<u32>> = other
            .defs
            .par_iter()
            .zip(&known_words)
            .map(|(d, &word)| match d {
                Def::Word(_) => word,
                Def::Pair(a, b) => {
                    let a = known_words.get(*a as usize).copied().flatten()?;
                    let b = known_words.get(*b as usize).copied().flatten()?;
                    self.pairs.get(&(a, b)).copied()
                }
            })
            .collect();
        let mut next = self.len();
        let map = known
            .into_iter()
            .map(|k| {
                k.unwrap_or_else(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        (map, next)
    }
}

/// For each of `later`, the first of `earlier` with exactly the same text.
fn twins(earlier: &[&str], later: &[&str]) -> Vec<Option<usize>> {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, t) in earlier.iter().enumerate() {
        first.entry(t).or_insert(i);
    }
    later.iter().map(|t| first.get(t).copied()).collect()
}

/// The maximal runs of letters and digits in `text`. Bytes below 128 are tested as bytes; only other
/// characters are decoded.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The length of the letter or digit at `i` (0 when it is something else).
    let alnum_at = move |i: usize| -> usize {
        match bytes.get(i) {
            Some(b) if b.is_ascii() => usize::from(b.is_ascii_alphanumeric()),
            Some(_) => text[i..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric())
                .map_or(0, char::len_utf8),
            None => 0,
        }
    };
    // The length of the character at `i`, whatever it is.
    let char_len = move |i: usize| -> usize {
        match bytes.get(i) {
            Some(b) if b.is_ascii() => 1,
            _ => text[i..].chars().next().map_or(1, char::len_utf8),
        }
    };
    std::iter::from_fn(move || {
        while at < bytes.len() && alnum_at(at) == 0 {
            at += char_len(at);
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        loop {
            let n = alnum_at(at);
            if n == 0 {
                break;
            }
            at += n;
        }
        text.get(start..at)
    })
}

impl Corpus {
    /// Builds feature vectors for both sides from each clause's matching text.
    pub fn build(old: &[&str], new: &[&str]) -> Corpus {
        // Each side is read on its own core; the new side's ids are then renumbered into the old's.
        // The larger side is started first, so a core that comes free takes the smaller one.
        // A new clause with the same text as an old one brings no word or pair the old side lacks, so
        // it is not read: its ids are the old clause's, exactly as one vocabulary read over both
        // sides in turn would give them.
        let read_new = || {
            let twin = twins(old, new);
            let (v, words, feats) = Vocabulary::read_all(new, &twin);
            (v, words, feats, twin)
        };
        let read_old = || Vocabulary::read_all(old, &[]);
        let bytes = |side: &[&str]| side.iter().map(|t| t.len()).sum::<usize>();
        let ((vocab, old_words, mut old_raw), (theirs, mut new_words, mut new_raw, twin)) =
            if bytes(new) > bytes(old) {
                let (n, o) = rayon::join(read_new, read_old);
                (o, n)
            } else {
                rayon::join(read_old, read_new)
            };
        let (map, ids) = vocab.absorb(&theirs);
        // Renumbering and sorting are per clause: they share the cores.
        new_words
            .par_iter_mut()
            .chain(new_raw.par_iter_mut())
            .for_each(|ids| ids.iter_mut().for_each(|id| *id = map[*id as usize]));
        for (j, i) in twin.iter().enumerate() {
            if let (Some(i), Some(w), Some(f)) = (i, new_words.get_mut(j), new_raw.get_mut(j)) {
                w.clone_from(&old_words[*i]);
                f.clone_from(&old_raw[*i]);
            }
        }
        old_raw
            .par_iter_mut()
            .chain(new_raw.par_iter_mut())
            .for_each(|f| f.sort_unstable());
        let mut df = vec![0u32; ids as usize];
        for f in old_raw.iter().chain(&new_raw) {
            let mut last = None;
            for &id in f {
                if last != Some(id) {
                    if let Some(d) = df.get_mut(id as usize) {
                        *d += 1;
                    }
                    last = Some(id);
                }
            }
        }
        let n = (old.len() + new.len()) as f64;
        let weight: Vec<f64> = df
            .iter()
            .map(|&d| (1.0 + n / f64::from(d.max(1))).ln())
            .collect();
        let vectorise = |raw: Vec<u32>| {
            let mut items: Vec<(u32, u32)> = Vec::with_capacity(raw.len());
            for id in raw {
                match items.last_mut() {
                    Some((last, count)) if *last == id => *count += 1,
                    _ => items.push((id, 1)),
                }
            }
            let mass = items
                .iter()
                .map(|&(id, c)| w(&weight, id) * f64::from(c))
                .sum();
            Features { items, mass }
        };
        Corpus {
            old: old_raw.into_par_iter().map(vectorise).collect(),
            new: new_raw.into_par_iter().map(vectorise).collect(),
            old_words,
            new_words,
            weight,
            lookup: Lookup {
                old: vocab.words,
                new: theirs.words,
                remap: map,
            },
        }
    }

    /// The id of a word (lower case, letters and digits only) that some clause of either side has.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.lookup.word_id(word)
    }

    /// Weighted overlap of two vectors: the mass they share.
    pub fn overlap(&self, a: &Features, b: &Features) -> f64 {
        let (mut x, mut y) = (a.items.iter().peekable(), b.items.iter().peekable());
        let mut shared = 0.0;
        while let (Some(&&(fa, ca)), Some(&&(fb, cb))) = (x.peek(), y.peek()) {
            match fa.cmp(&fb) {
                std::cmp::Ordering::Less => {
                    x.next();
                }
                std::cmp::Ordering::Greater => {
                    y.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += w(&self.weight, fa) * f64::from(ca.min(cb));
                    x.next();
                    y.next();
                }
            }
        }
        shared
    }

    /// Weighted Dice coefficient in 0..=1: how much of both texts the two share.
    pub fn similarity(&self, a: &Features, b: &Features) -> f64 {
        let total = a.mass + b.mass;
        if total <= 0.0 {
            return 0.0;
        }
        (2.0 * self.overlap(a, b) / total).clamp(0.0, 1.0)
    }

    /// How much of `part` is found in `whole`, in 0..=1.
    pub fn containment(&self, part: &Features, whole: &Features) -> f64 {
        if part.mass <= 0.0 {
            return 0.0;
        }
        (self.overlap(part, whole) / part.mass).clamp(0.0, 1.0)
    }

    /// The weight of a feature (0 for an unknown id).
    pub fn weight(&self, id: u32) -> f64 {
        w(&self.weight, id)
    }
}

fn w(weight: &[f64], id: u32) -> f64 {
    weight.get(id as usize).copied().unwrap_or(0.0)
}

/// An inverted index over some clauses of one side: feature id to the clauses that hold it.
///
/// Feature ids are dense, so the posting lists live in one array cut by offsets (compressed sparse
/// rows) rather than one small vector per feature: building, querying and dropping it on a large
/// statute is then a few passes over flat memory.
///
/// The index itself is read-only, so queries can run on several threads, each with its own [`Scratch`].
pub struct Index {
    /// Posting list of feature `f`: `list[start[f]..start[f + 1]]`, clauses in increasing order.
    start: Vec<u32>,
    list: Vec<u32>,
    /// How many clauses the side has (the size of a [`Scratch`]).
    side: usize,
}

/// Score per indexed clause for one query at a time, reused across queries so a query costs what it
/// touches.
pub struct Scratch {
    score: Vec<f64>,
    touched: Vec<usize>,
}

impl Index {
    /// Indexes the clauses `members` of `side` (indices into `side`).
    pub fn new(side: &[Features], members: impl IntoIterator<Item = usize>) -> Index {
        let members: Vec<(u32, &Features)> = members
            .into_iter()
            .filter_map(|j| Some((j as u32, side.get(j)?)))
            .collect();
        // Items are sorted by id, so a clause's last item holds its largest feature id.
        let features = members
            .iter()
            .filter_map(|(_, f)| f.items.last())
            .map(|&(id, _)| id as usize + 1)
            .max()
            .unwrap_or(0);
        let mut start = vec![0u32; features + 1];
        for (_, f) in &members {
            for &(id, _) in &f.items {
                start[id as usize + 1] += 1;
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; start[features] as usize];
        for &(j, f) in &members {
            for &(id, _) in &f.items {
                let slot = &mut fill[id as usize];
                list[*slot as usize] = j;
                *slot += 1;
            }
        }
        Index {
            start,
            list,
            side: side.len(),
        }
    }

    /// Fresh scratch space for queries on this index.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            score: vec![0.0; self.side],
            touched: Vec::new(),
        }
    }

    /// Where feature `id`'s posting list lies in `list` (empty for a feature no member has).
    fn range(&self, id: u32) -> (usize, usize) {
        let id = id as usize;
        match (self.start.get(id), self.start.get(id + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        }
    }

    /// The indexed clauses holding feature `id`, in increasing order.
    pub fn holders(&self, id: u32) -> &[u32] {
        let (a, b) = self.range(id);
        self.list.get(a..b).unwrap_or(&[])
    }

    /// Up to `k` indexed clauses sharing the most rare-feature mass with `query`, best first, ties by
    /// position so the answer is deterministic.
    pub fn candidates(
        &self,
        scratch: &mut Scratch,
        corpus: &Corpus,
        query: &Features,
        k: usize,
    ) -> Vec<usize> {
        let Scratch { score, touched } = scratch;
        for &(id, count) in &query.items {
            let (a, b) = self.range(id);
            if b - a > MAX_POSTINGS {
                continue;
            }
            let gain = corpus.weight(id) * f64::from(count);
            for k in a..b {
                let j = self.list[k] as usize;
                if let Some(s) = score.get_mut(j) {
                    if *s == 0.0 {
                        touched.push(j);
                    }
                    *s += gain;
                }
            }
        }
        let mut found: Vec<(f64, usize)> = touched
            .drain(..)
            .map(|j| (score.get(j).copied().unwrap_or(0.0), j))
            .collect();
        for &(_, j) in &found {
            if let Some(s) = score.get_mut(j) {
                *s = 0.0;
            }
        }
        let order = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        // Only the best k matter: select them, then sort just those (the order is total, so this is
        // the same answer as sorting everything).
        if k == 0 {
            return Vec::new();
        }
        if found.len() > k {
            found.select_nth_unstable_by(k - 1, order);
            found.truncate(k);
        }
        found.sort_unstable_by(order);
        found.into_iter().map(|(_, j)| j).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(a: &str, b: &str, expect_sim: f64) {
        let c = Corpus::build(
            &[a, "unrelated filler words here"],
            &[b, "other filler text"],
        );
        let got = c.similarity(&c.old[0], &c.new[0]);
        assert!(
            (got - expect_sim).abs() < 1e-9,
            "similarity({a:?}, {b:?}) = {got}, expected {expect_sim}"
        );
    }

    #[test]
    fn markup_and_case_do_not_count() {
        case("The officer **must** stop.", "the officer must stop", 1.0);
        case(
            "[Notice](https://x.example) given",
            "Notice https x example given",
            1.0,
        );
        case("", "", 0.0);
        case("alpha beta", "gamma delta", 0.0);
    }

    #[test]
    fn containment_is_one_sided() {
        let c = Corpus::build(
            &["the agency shall keep records for five years and publish them"],
            &["the agency shall keep records for five years"],
        );
        let part = c.containment(&c.new[0], &c.old[0]);
        let whole = c.containment(&c.old[0], &c.new[0]);
        assert!((part - 1.0).abs() < 1e-9, "{part}");
        assert!(whole < 0.8, "{whole}");
    }

    #[test]
    fn candidates_rank_by_shared_rare_words() {
        let old = ["records retention five years", "complaints go to the board"];
        let new = [
            "the board hears complaints",
            "retention of records five years",
        ];
        let c = Corpus::build(&old, &new);
        let idx = Index::new(&c.new, 0..2);
        let mut scratch = idx.scratch();
        assert_eq!(idx.candidates(&mut scratch, &c, &c.old[0], 1), vec![1]);
        assert_eq!(idx.candidates(&mut scratch, &c, &c.old[1], 1), vec![0]);
    }

    #[test]
    fn words_split_like_the_unicode_rule() {
        for text in [
            "",
            "  **Must** -- *not*!  ",
            "Stra\u{00DF}e 5,000 \u{00DC}ber-gang caf\u{00E9}\u{0301}x",
            "\u{4E2D}\u{6587}\u{3001}\u{65E5}\u{672C} x\u{00A0}y",
        ] {
            let want: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    /// Reading the sides apart (skipping new clauses with an old twin) and folding them gives the ids
    /// one vocabulary reading old then new would.
    #[test]
    fn ids_are_those_of_one_reading_in_order() {
        let old = [
            "Alpha beta gamma.",
            "Delta, epsilon!",
            "",
            "beta gamma",
            "Zeta eta",
        ];
        let new = [
            "beta gamma",
            "New words here",
            "Delta, epsilon!",
            "",
            "eta zeta theta",
            "x",
        ];
        let c = Corpus::build(&old, &new);
        let mut one = Vocabulary::default();
        let want_old: Vec<Vec<u32>> = old.iter().map(|t| one.read(t).0).collect();
        let want_new: Vec<Vec<u32>> = new.iter().map(|t| one.read(t).0).collect();
        assert_eq!(c.old_words, want_old);
        assert_eq!(c.new_words, want_new);
        assert_eq!(c.weight.len(), one.defs.len());
        // Twins share their features exactly.
        assert_eq!(c.new[0].items, c.old[3].items);
        assert_eq!(c.new[2].items, c.old[1].items);
    }

    #[test]
    fn same_words_get_the_same_ids() {
        let c = Corpus::build(&["  **Must** -- *not*!  "], &["must not", "must, or not"]);
        assert_eq!(c.old_words[0], c.new_words[0]);
        assert_ne!(c.old_words[0], c.new_words[1]);
    }
}
