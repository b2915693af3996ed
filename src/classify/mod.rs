//! A pair of clause texts in, a [`Verdict`] out: strengthened, weakened or unchanged, with one plain
//! reason per piece of evidence, a confidence and a review flag.
//!
//! Each clause is split into sentences and each sentence read as a norm frame ([`frame`]): who is
//! bound, the deontic operator, the action, exceptions, gates and conditions, hedges, scope and numbers.
//! Matched sentences are compared frame against frame by the [`rules`]; a sentence with no counterpart
//! is a norm added or removed and is judged by its own frame. "Strengthened" means the regulated party
//! may do less, or may leave less undone; a modifier's effect depends on its host (an exception added to
//! a ban weakens it, added to a permission strengthens it). A duty to intrude on people (detain, ask
//! about status, demand a social security number, share with immigration authorities) counts as a power
//! while the lexicon's intrusive-power reading is on, which it is by default.

pub mod explain;
pub mod frame;
mod lead_in;
pub mod lexicon;
mod moved;
pub mod numbers;
pub mod pieces;
mod regulated;
mod resentenced;
mod respelt;
pub mod rules;
mod same_meaning;
pub mod text;
pub mod weigh;

pub use lexicon::{Lexicon, LexiconError};
pub use moved::{SentenceIndexes, Version, WordIndex};
pub use pieces::Pieces;
pub use weigh::{Evidence, Weights, WeightsError};

use crate::model::{Clause, Direction, Verdict, WordEdit};
use frame::{Bearer, Frame};
use lead_in::{leaning, with_lead_in, LeadIn};
use lexicon::Op;
use moved::moved_sentence;
use rules::Finding;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::{Arc, Mutex};

/// What the classifier may look at beyond the two clauses: the documents they come from (to find the
/// clauses that use a changed definition). Who the policy binds is the classifier's own reading (see
/// [`Classifier::for_regulated`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub old_clauses: &'a [Clause],
    pub new_clauses: &'a [Clause],
    /// How a sentence of one document is found in the other, owned by the comparison (see
    /// [`SentenceIndexes`]). Without it a sentence that may have moved is looked for by indexing the
    /// other document on the spot.
    pub sentences: Option<&'a SentenceIndexes<'a>>,
    /// For a piece of a split or merge, the other pieces: the sentences that went to them are
    /// judged there, not as deleted or added here.
    pub pieces: Option<Pieces<'a>>,
}

/// Reads clauses as norms using a [`Lexicon`] and weighs what it read with [`Weights`]. Cheap to
/// share across threads.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicon: Lexicon,
    weights: Weights,
    /// The lexicon read for each regulated party asked for so far: a corpus names a few parties
    /// over many pairs of versions, and reading a name into the lexicon takes milliseconds.
    named: Arc<Mutex<FxHashMap<String, Lexicon>>>,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Lexicon::builtin())
    }
}

/// Below this share of common content words two sentences are not the same sentence edited.
const SENTENCE_MATCH: f64 = 0.3;

impl Classifier {
    /// A classifier with the built-in weights.
    pub fn new(lexicon: Lexicon) -> Self {
        Classifier {
            lexicon,
            weights: Weights::builtin(),
            named: Arc::default(),
        }
    }

    /// The same weights with the parties named in `regulated` read as the ones the policy binds (see
    /// [`Lexicon::naming_regulated`]); without a name, this classifier as it is.
    pub fn for_regulated(&self, regulated: Option<&str>) -> Cow<'_, Classifier> {
        let Some(r) = regulated.map(str::trim).filter(|r| !r.is_empty()) else {
            return Cow::Borrowed(self);
        };
        // A poisoned lock only means another thread panicked while reading a name; the map is
        // still a valid cache.
        let mut named = self.named.lock().unwrap_or_else(|e| e.into_inner());
        let lexicon = named
            .entry(r.to_string())
            .or_insert_with(|| self.lexicon.naming_regulated(r))
            .clone();
        Cow::Owned(Classifier {
            lexicon,
            weights: self.weights.clone(),
            named: Arc::default(),
        })
    }

    /// The same reading with other weights.
    pub fn with_weights(self, weights: Weights) -> Self {
        Classifier { weights, ..self }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The evidence the weights read of a change, for fitting them; `None` where the words did not
    /// change (nothing to weigh).
    pub fn evidence(
        &self,
        old: Option<&str>,
        new: Option<&str>,
        ctx: &Context<'_>,
    ) -> Option<Evidence> {
        let (old, new) = (old.unwrap_or(""), new.unwrap_or(""));
        (old != new).then(|| self.read(old, new, ctx).evidence())
    }

    /// Classifies one change. `old` is `None` for an added clause, `new` for a removed one. The word
    /// diff is recomputed per sentence on normalised words, so `_diff` may be empty.
    pub fn classify(
        &self,
        old: Option<&str>,
        new: Option<&str>,
        _diff: &[WordEdit],
        ctx: &Context<'_>,
    ) -> Verdict {
        let old = old.unwrap_or("");
        let new = new.unwrap_or("");
        // The same words carry the same force; a large revision is mostly untouched clauses, and
        // reading them as norms would be most of its run time (tests check the two paths agree).
        if old == new {
            return untouched();
        }
        self.judge(old, new, ctx)
    }

    /// Reads both texts as norms and weighs what the rules found.
    fn judge(&self, old: &str, new: &str, ctx: &Context<'_>) -> Verdict {
        // Text that differs only in surrounding space is untouched whatever the weights' bias says.
        if old.trim() == new.trim() {
            return untouched();
        }
        explain::verdict(self.read(old, new, ctx), &self.weights)
    }

    /// Reads both texts as norms and compares them sentence by sentence.
    fn read(&self, old: &str, new: &str, ctx: &Context<'_>) -> explain::Reading {
        let lex = &self.lexicon;
        let reading = lex.intrusive_reading();
        // A clause only cut into other sentences keeps its force; read sentence by sentence, each cut
        // would look like a norm added and words deleted. (Pieces of a split or merge have their own
        // reading of where each sentence went.)
        if ctx.pieces.is_none() {
            if let Some(f) = resentenced::resentenced(old, new, lex) {
                return explain::Reading {
                    findings: vec![f],
                    changed: 0,
                    explained: 0,
                    unexplained: None,
                    flat: false,
                    cues: Vec::new(),
                };
            }
        }
        let (so, sn) = (Sentences::of(old, lex), Sentences::of(new, lex));
        let mut findings: Vec<Finding> = Vec::new();
        let (mut changed, mut explained) = (0, 0);
        let mut loose: Vec<(String, String)> = Vec::new();
        // The same unexplained words in full, for the lexical evidence (the quotes are shortened).
        let mut loose_words = (String::new(), String::new());
        let (mut gone_old, mut gone_new) = (vec![None; so.len()], vec![None; sn.len()]);
        let others = ctx
            .pieces
            .filter(|p| !p.clauses.is_empty())
            .map(|p| pieces::Others::read(p, ctx, lex));
        if let Some(o) = &others {
            match o.version {
                Version::New => gone_old = o.elsewhere(&so, &sn),
                Version::Old => gone_new = o.elsewhere(&sn, &so),
            }
            for (s, gone) in [(&so, &gone_old), (&sn, &gone_new)] {
                for (i, g) in gone.iter().enumerate() {
                    if let Some(g) = g {
                        findings.push(pieces::finding(s.texts[i], *g, o.version));
                    }
                }
            }
        }
        // The words of the other pieces, and of the sentences here that belong with them, for runs
        // that moved between pieces inside a sentence.
        let piece_words = others.as_ref().map(|o| o.words()).unwrap_or_default();
        let rest_words = match others.as_ref().map(|o| o.version) {
            Some(Version::New) => pieces::words_gone(&so, &gone_old),
            Some(Version::Old) => pieces::words_gone(&sn, &gone_new),
            None => Vec::new(),
        };
        let around = rules::Around {
            clauses: (old, new),
            pieces: others.as_ref().map(|o| rules::carried::Pieces {
                version: o.version,
                words: &piece_words,
                rest: &rest_words,
            }),
        };
        let kept = |gone: &[Option<pieces::Gone<'_>>]| -> Vec<usize> {
            (0..gone.len()).filter(|&i| gone[i].is_none()).collect()
        };
        let (ko, kn) = (kept(&gone_old), kept(&gone_new));
        // A sentence found word for word at another place in the other version moved there: pairing
        // by place would set it against a sentence it never was.
        let same = |i: usize, j: usize| so.texts[i].trim() == sn.texts[j].trim();
        let moved = ko
            .iter()
            .zip(&kn)
            .any(|(&i, &j)| !same(i, j) && kn.iter().any(|&k| k != j && same(i, k)));
        let pairs: Vec<(Option<usize>, Option<usize>)> = if ko.len() == kn.len() && !moved {
            ko.iter()
                .zip(&kn)
                .map(|(&i, &j)| (Some(i), Some(j)))
                .collect()
        } else if ko.is_empty() || kn.is_empty() {
            // An added or removed clause (most of the changes of a restructured statute): with
            // nothing on one side to pair with, every sentence stands alone, in order, as
            // `pair_sentences` would leave it, without sorting the words of each.
            let alone_old = ko.iter().map(|&i| (Some(i), None));
            alone_old
                .chain(kn.iter().map(|&j| (None, Some(j))))
                .collect()
        } else {
            let mut numbers = WordNumbers::default();
            let (wo, wn) = (numbers.of(&so, &ko), numbers.of(&sn, &kn));
            pair_sentences(&wo, &wn)
                .into_iter()
                .map(|(a, b)| (a.map(|i| ko[i]), b.map(|j| kn[j])))
                .collect()
        };
        for (a, b) in pairs {
            // A sentence that kept its words kept its force: most sentences of an edited paragraph
            // are untouched, and they are never parsed.
            if let (Some(i), Some(j)) = (a, b) {
                if so.texts[i] == sn.texts[j] {
                    continue;
                }
            }
            match (a, b) {
                (Some(i), Some(j)) => {
                    let x = so.frame_against(i, sn.frame(j));
                    let y = sn.frame_against(j, so.frame(i));
                    // A lexicon word misspelt on one side is read as the other side spells it.
                    let (x, fixed_old) = respelt::respelt(x, &y, lex);
                    let (y, fixed_new) = respelt::respelt(y, &x, lex);
                    let mut ev = rules::compare(&x, &y, lex, around);
                    let fixes: Vec<_> = fixed_old
                        .into_iter()
                        .chain(fixed_new.into_iter().map(|(was, now)| (now, was)))
                        .collect();
                    ev.findings.extend(rules::restyle::spelling_fixed(&fixes));
                    if x.definition.is_some() || y.definition.is_some() {
                        let siblings: Vec<Frame> = (0..sn.len())
                            .filter(|j| Some(*j) != b)
                            .map(|j| sn.frame(j).clone())
                            .collect();
                        if let Some(f) =
                            rules::definition::judge(&mut ev, &siblings, ctx, (old, new))
                        {
                            ev.push(f);
                        }
                    }
                    let (t, c) = ev.coverage();
                    changed += t;
                    explained += c;
                    if c < t {
                        let (quoted, words) = unclaimed(&ev);
                        loose.push(quoted);
                        for (all, w) in
                            [(&mut loose_words.0, words.0), (&mut loose_words.1, words.1)]
                        {
                            all.push(' ');
                            all.push_str(&w);
                        }
                    }
                    findings.append(&mut ev.findings);
                }
                // In a split or merge the sentence may stand in another clause now (or before).
                (Some(i), None) => findings.push(
                    pieces::inside_gone(&so, i, &sn, &gone_new, Version::Old)
                        .or_else(|| {
                            moved_sentence(
                                so.frame(i),
                                ctx.sentences,
                                moved::Version::New,
                                ctx.new_clauses,
                                !new.is_empty(),
                            )
                        })
                        .unwrap_or_else(|| rules::modal::solo(so.frame(i), false, reading)),
                ),
                (None, Some(j)) => findings.push(
                    pieces::inside_gone(&sn, j, &so, &gone_old, Version::New)
                        .or_else(|| {
                            moved_sentence(
                                sn.frame(j),
                                ctx.sentences,
                                moved::Version::Old,
                                ctx.old_clauses,
                                !old.is_empty(),
                            )
                        })
                        .unwrap_or_else(|| rules::modal::solo(sn.frame(j), true, reading)),
                ),
                (None, None) => {}
            }
        }
        let unexplained = (!loose.is_empty()).then(|| {
            let d: Vec<String> = loose
                .iter()
                .map(|l| l.0.clone())
                .filter(|s| !s.is_empty())
                .collect();
            let i: Vec<String> = loose
                .iter()
                .map(|l| l.1.clone())
                .filter(|s| !s.is_empty())
                .collect();
            (d.join("; "), i.join("; "))
        });
        // On flat text the rules' reading is a guess, so every changed word is evidence; on punctuated
        // text only the words no rule explained are, since the rest already speak through the rules.
        let flat = weigh::cues::is_flat(old, new);
        let cues = if flat {
            lex.cue_groups().features(old, new, true)
        } else {
            lex.cue_groups()
                .unexplained(old, new, &loose_words.0, &loose_words.1)
        };
        explain::Reading {
            findings,
            changed,
            explained,
            unexplained,
            flat,
            cues,
        }
    }
}

/// The verdict on a clause whose words did not change.
fn untouched() -> Verdict {
    Verdict {
        direction: Direction::Unchanged,
        confidence: 1.0,
        needs_review: false,
        reasons: Vec::new(),
    }
}

/// The words no rule explained, quoted from each side (shortened for a reason), and in full.
fn unclaimed(ev: &rules::Ev<'_>) -> ((String, String), (String, String)) {
    let pick = |f: &Frame, changed: &[bool], claimed: &[bool]| -> (String, String) {
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < f.toks.len() {
            if changed[i] && !claimed[i] && f.toks[i].is_content() {
                let start = i;
                while i < f.toks.len() && changed[i] && !claimed[i] {
                    i += 1;
                }
                runs.push(text::quote(&f.text, &f.toks, start..i));
            } else {
                i += 1;
            }
        }
        let full = runs.join(" ... ");
        (text::shorten(&full, 120), full)
    };
    let (old, new) = (
        pick(ev.old, &ev.del, &ev.claimed_old),
        pick(ev.new, &ev.ins, &ev.claimed_new),
    );
    ((old.0, new.0), (old.1, new.1))
}

/// A clause's norm sentences, each read as a frame only when a rule needs it.
struct Sentences<'t> {
    texts: Vec<&'t str>,
    /// The first part of the sentence each part was cut from.
    heads: Vec<usize>,
    frames: Vec<OnceCell<Frame>>,
    /// The tokens of a part that cutting the sentence into norms already read, until its frame is.
    toks: Vec<Cell<Option<Vec<text::Tok>>>>,
    lex: &'t Lexicon,
}

impl<'t> Sentences<'t> {
    fn of(text: &'t str, lex: &'t Lexicon) -> Self {
        let (mut texts, mut heads, mut toks) = (Vec::new(), Vec::new(), Vec::new());
        for sentence in text::sentences(text) {
            let head = texts.len();
            let (parts, read) = text::norm_parts_read(text, sentence);
            let mut read = Some(read);
            for part in parts {
                if let Some(t) = text.get(part) {
                    texts.push(t);
                    heads.push(head);
                    // Only a sentence left whole comes with tokens: its one part.
                    toks.push(Cell::new(read.take().flatten()));
                }
            }
        }
        let frames = texts.iter().map(|_| OnceCell::new()).collect();
        Sentences {
            texts,
            heads,
            frames,
            toks,
            lex,
        }
    }

    fn len(&self) -> usize {
        self.texts.len()
    }

    fn frame(&self, i: usize) -> &Frame {
        self.frames[i].get_or_init(|| {
            let mut f = match self.toks[i].take() {
                Some(toks) => frame::parse_tokens(self.texts[i], toks, self.lex),
                None => frame::parse(self.texts[i], self.lex),
            };
            // "... shall ask each passenger whether they are citizens, and shall record each answer":
            // an intrusive act with no object of its own, going on from an intrusive part, acts on
            // what that part named.
            // Likewise a permission going on from one used at a protected party's request ("At a
            // tenant's request, the hearing officer may postpone ..., and may extend ...").
            let head = self.heads[i];
            if head != i && leaning(&f).is_some() {
                let h = self.frame(head);
                if f.intrusive_act && h.intrusive {
                    f.intrusive = true;
                }
                if h.asked && f.op == Op::Permission && f.bearer != Bearer::Public && !f.intrusive {
                    f.asked = true;
                    f.protective = true;
                }
                // "Tenants shall keep the unit clean and shall allow inspections": the part names no
                // one, so it binds whom its head binds.
                if f.bearer == Bearer::Unknown && h.bearer != Bearer::Unknown {
                    f.bearer = h.bearer;
                    if f.bearer == Bearer::Public && !f.passive {
                        f.anyone = h.anyone;
                        f.op = frame::correlative(f.op, h.anyone);
                    }
                }
            }
            f
        })
    }

    /// Whether part `i` goes on from the part before it without a subject ("..., and shall not ...").
    fn leans(&self, i: usize) -> bool {
        self.heads[i] != i && leaning(self.frame(i)).is_some()
    }

    /// Part `i` as it is to be compared with its counterpart `other`. When only this side leans, the
    /// counterpart has said the shared lead-in again ("Unless ..., staff shall ..."), so this part is
    /// read with a lead-in too; otherwise the lead-in would count as added. Whether leading words
    /// before the subject ("At the end of each stop, ...") reach the second norm is ambiguous, so of
    /// the readings (as written, with the subject, with all the lead-in) the one nearest the
    /// counterpart's wording is taken.
    fn frame_against(&self, i: usize, other: &Frame) -> Cow<'_, Frame> {
        let plain = self.frame(i);
        if !self.leans(i) || leaning(other).is_some() {
            return Cow::Borrowed(plain);
        }
        let head = self.frame(self.heads[i]);
        let distance = |f: &Frame| -> usize {
            text::hunks(&f.toks, &other.toks)
                .iter()
                .map(|h| h.old.len() + h.new.len())
                .sum()
        };
        // On a tie the part is read as written.
        let mut best = (distance(plain), Cow::Borrowed(plain));
        for reach in [LeadIn::Subject, LeadIn::Whole] {
            if let Some(t) = with_lead_in(head, plain, reach, self.lex) {
                let f = frame::parse(&t, self.lex);
                let d = distance(&f);
                if d < best.0 {
                    best = (d, Cow::Owned(f));
                }
            }
        }
        best.1
    }
}

/// Numbers for the content words of sentences: equal words get equal numbers, so that counting the
/// words two sentences share compares integers, not strings (sentences are paired by every pair's
/// share, and on long clauses that was most of pairing them).
#[derive(Default)]
struct WordNumbers<'w>(FxHashMap<&'w str, u32>);

impl<'w> WordNumbers<'w> {
    /// A sentence's content words as numbers, sorted: what [`content_words`] gives, numbered.
    fn content(&mut self, f: &'w Frame) -> Vec<u32> {
        let mut w: Vec<u32> = f
            .toks
            .iter()
            .filter(|t| t.is_content())
            .map(|t| {
                let next = self.0.len() as u32;
                *self.0.entry(t.norm.as_str()).or_insert(next)
            })
            .collect();
        w.sort_unstable();
        w
    }

    /// The content words of the parts `which` of `s`, in that order.
    fn of(&mut self, s: &'w Sentences<'_>, which: &[usize]) -> Vec<Vec<u32>> {
        which.iter().map(|&i| self.content(s.frame(i))).collect()
    }
}

/// A sentence's content words, sorted, so that counting common words is a binary search each.
fn content_words(f: &Frame) -> Vec<&str> {
    let mut w: Vec<&str> = f
        .toks
        .iter()
        .filter(|t| t.is_content())
        .map(|t| t.norm.as_str())
        .collect();
    w.sort_unstable();
    w
}

/// Share of the longer sentence's content words (with repeats) that the other sentence also has.
fn similarity<T: Ord>(wa: &[T], wb: &[T]) -> f64 {
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let common = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    common as f64 / (wa.len().max(wb.len())).max(1) as f64
}

/// Pairs the sentences of two versions in order: identical ones first, then the most similar; the
/// rest are added or removed norms.
fn pair_sentences<T: Ord>(old: &[Vec<T>], new: &[Vec<T>]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut taken = vec![false; new.len()];
    let mut matched: Vec<Option<usize>> = vec![None; old.len()];
    let mut floor = 0;
    for (i, a) in old.iter().enumerate() {
        let best = (floor..new.len())
            .filter(|&j| !taken[j])
            .map(|j| (j, similarity(a, &new[j])))
            .filter(|(_, s)| *s >= SENTENCE_MATCH)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        if let Some((j, _)) = best {
            taken[j] = true;
            matched[i] = Some(j);
            floor = j + 1;
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut next_new = 0;
    for (i, m) in matched.iter().enumerate() {
        if let Some(j) = m {
            while next_new < *j {
                if !taken[next_new] {
                    out.push((None, Some(next_new)));
                }
                next_new += 1;
            }
            next_new = j + 1;
        }
        out.push((Some(i), *m));
    }
    for (j, t) in taken.iter().enumerate().skip(next_new) {
        if !t {
            out.push((None, Some(j)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// `read` pairs the sentences of an added or removed clause without calling `pair_sentences`;
    /// this is what that function gives them, each alone and in order.
    #[test]
    fn sentences_with_nothing_to_pair_stand_alone_in_order() {
        let words = vec![vec!["record", "stop"], vec!["keep", "log"]];
        assert_eq!(
            super::pair_sentences(&[], &words),
            vec![(None, Some(0)), (None, Some(1))]
        );
        assert_eq!(
            super::pair_sentences(&words, &[]),
            vec![(Some(0), None), (Some(1), None)]
        );
    }

    /// A sentence read whole when cut into norms is parsed from those tokens; the frame is the one
    /// reading the part from its text gives.
    #[test]
    fn a_sentence_tokenised_once_parses_as_from_its_text() {
        let lex = super::Lexicon::builtin();
        let clause =
            "Staff shall log calls, texts, and emails. Any person may file a complaint, and \
                      the agency shall accept it.";
        let s = super::Sentences::of(clause, &lex);
        // The first sentence has a joint and a modal, so it was tokenised, and stayed whole.
        let first = s.toks[0].take();
        assert!(first.is_some());
        s.toks[0].set(first);
        // The same clause with every part read from its text.
        let plain = super::Sentences::of(clause, &lex);
        plain.toks.iter().for_each(|t| t.set(None));
        for i in 0..s.len() {
            assert_eq!(format!("{:?}", s.frame(i)), format!("{:?}", plain.frame(i)));
        }
    }
    /// A clause list changed in place keeps its address, length, end ids and total text length. A
    /// sentence index kept across comparisons by any of those could not tell it from the list it was
    /// built for, and would report a moved sentence where it used to be; each comparison indexes its
    /// own documents.
    #[test]
    fn a_clause_list_changed_in_place_is_indexed_afresh() {
        let doc = |text: &str| crate::model::Document {
            policy: "p".into(),
            label: "v".into(),
            date: None,
            status: crate::model::Status::Adopted,
            source_path: "v.md".into(),
            clauses: crate::segment::segment(text),
            warnings: Vec::new(),
        };
        let old = doc(
            "1. Officers shall record every stop. Staff shall keep the stop log for two years.\n\n\
                       2. Officers may search vehicles with consent.\n\n\
                       3. The agency shall publish the data each year.\n",
        );
        let mut new = doc("1. Officers shall record every stop.\n\n\
                           2. Officers may search vehicles with consent.\n\n\
                           3. The agency shall publish the data each year. Staff shall keep the stop log for two years.\n");
        let shared = Classifier::default();
        let first = crate::compare(&old, &new, &shared, None);
        // Swap the texts of clauses 2 and 3: same list, same ids, same lengths, other content.
        let (a, b) = (new.clauses[1].text.clone(), new.clauses[2].text.clone());
        new.clauses[1].text = b;
        new.clauses[2].text = a;
        let again = crate::compare(&old, &new, &shared, None);
        let fresh = crate::compare(&old, &new, &Classifier::default(), None);
        assert_eq!(again, fresh);
        assert_ne!(first, fresh, "the swap should change the report");
    }

    use super::*;

    /// Texts that differ in no content word are unchanged and say why. Found by the `classify` fuzz
    /// target: such a verdict used to carry no reason at all, an empty reasons cell for a row whose
    /// text visibly changed.
    #[test]
    fn a_change_of_no_content_word_is_unchanged_with_a_reason() {
        let classifier = Classifier::default();
        for (old, new) in [
            (
                "Officers may require the driver to produce a driver's license.",
                "Officers may require the driver to produce a driver license.",
            ),
            ("Staff shall log calls.", "staff shall log calls;"),
            (
                "Staff shall log calls, daily.",
                "Staff shall log calls daily.",
            ),
            ("Staff shall log the calls.", "Staff shall log calls."),
        ] {
            let v = classifier.classify(Some(old), Some(new), &[], &Context::default());
            assert_eq!(v.direction, Direction::Unchanged, "{old:?} -> {new:?}");
            let rules: Vec<&str> = v.reasons.iter().map(|r| r.rule.as_str()).collect();
            assert_eq!(rules, ["no-content-change"], "{old:?} -> {new:?}");
            assert!(!v.reasons[0].explanation.is_empty());
        }
    }

    /// The shortcut for unchanged text must say what reading the text would say, for every clause of
    /// the sample corpus.
    #[test]
    fn untouched_shortcut_agrees_with_reading_the_clause() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("versions");
        let classifier = Classifier::default();
        let mut seen = 0;
        for policy in std::fs::read_dir(&root).unwrap() {
            let policy = policy.unwrap().path();
            if !policy.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&policy).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_none_or(|e| e != "md" && e != "txt") {
                    continue;
                }
                let clauses = crate::segment::segment(&std::fs::read_to_string(&file).unwrap());
                let ctx = Context {
                    old_clauses: &clauses,
                    new_clauses: &clauses,
                    sentences: None,
                    pieces: None,
                };
                for c in &clauses {
                    let read = classifier.judge(&c.text, &c.text, &ctx);
                    assert_eq!(read, untouched(), "{}: {}", file.display(), c.text);
                    seen += 1;
                }
            }
        }
        assert!(seen > 100, "only {seen} clauses read");
    }
}
