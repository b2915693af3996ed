//! Two norm frames and their changed runs in, findings out: each rule reads one aspect of the change
//! (the modal, exceptions and gates, hedges and qualifiers, ladders, numbers, style) and claims the
//! changed words it explains, so the verdict can say how much of the edit it understood.
//!
//! Rules run in a fixed order and a word claimed by an earlier rule is not read again by a later one;
//! the scope heuristics at the end only see what no specific rule explained.

pub mod antecedent;
pub mod carried;
pub mod definition;
pub mod modal;
pub mod numeric;
pub mod qualifiers;
pub mod restyle;
pub mod scope;

use super::frame::Frame;
use super::lexicon::Lexicon;
use super::text::{hunks, quote, Hunk};
use std::ops::Range;

/// One piece of evidence: a signed weight (positive strengthens) with its plain explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub weight: f64,
    pub deleted: Option<String>,
    pub inserted: Option<String>,
    pub explanation: String,
    /// A person should look at this change whatever the verdict.
    pub review: bool,
}

impl Finding {
    pub fn new(rule: &'static str, weight: f64, explanation: String) -> Finding {
        // The verdict weights name rules; a rule missing from their list would weigh nothing.
        debug_assert!(
            super::weigh::RULES.contains(&rule),
            "rule {rule:?} is not in weigh::RULES"
        );
        Finding {
            rule,
            weight,
            deleted: None,
            inserted: None,
            explanation,
            review: false,
        }
    }

    pub fn quoting(mut self, deleted: Option<String>, inserted: Option<String>) -> Finding {
        self.deleted = deleted.filter(|s| !s.is_empty());
        self.inserted = inserted.filter(|s| !s.is_empty());
        self
    }

    pub fn flagged(mut self) -> Finding {
        self.review = true;
        self
    }
}

/// What the rules may read beyond the two sentences.
#[derive(Debug, Clone, Copy)]
pub struct Around<'a> {
    /// The whole old and new clauses the two sentences come from.
    pub clauses: (&'a str, &'a str),
    /// For a piece of a split or merge, the words of the other pieces.
    pub pieces: Option<carried::Pieces<'a>>,
}

/// Everything the rules see for one pair of sentences, and what they have found so far.
pub struct Ev<'a> {
    pub old: &'a Frame,
    pub new: &'a Frame,
    pub lex: &'a Lexicon,
    /// The clauses the two sentences come from, and the other pieces of a split or merge.
    pub around: Around<'a>,
    pub hunks: Vec<Hunk>,
    /// Old tokens deleted, new tokens inserted.
    pub del: Vec<bool>,
    pub ins: Vec<bool>,
    pub claimed_old: Vec<bool>,
    pub claimed_new: Vec<bool>,
    pub findings: Vec<Finding>,
    /// The operator changed tier (so qualifiers of the old host are subsumed by the modal finding).
    pub op_changed: bool,
}

impl<'a> Ev<'a> {
    pub fn new(old: &'a Frame, new: &'a Frame, lex: &'a Lexicon, around: Around<'a>) -> Ev<'a> {
        let hunks = hunks(&old.toks, &new.toks);
        let mut del = vec![false; old.toks.len()];
        let mut ins = vec![false; new.toks.len()];
        for h in &hunks {
            for i in h.old.clone() {
                if let Some(d) = del.get_mut(i) {
                    *d = true;
                }
            }
            for i in h.new.clone() {
                if let Some(d) = ins.get_mut(i) {
                    *d = true;
                }
            }
        }
        Ev {
            old,
            new,
            lex,
            around,
            hunks,
            claimed_old: vec![false; old.toks.len()],
            claimed_new: vec![false; new.toks.len()],
            del,
            ins,
            findings: Vec::new(),
            op_changed: false,
        }
    }

    pub fn claim_old(&mut self, r: Range<usize>) {
        for i in r {
            if let Some(c) = self.claimed_old.get_mut(i) {
                *c = true;
            }
        }
    }

    pub fn claim_new(&mut self, r: Range<usize>) {
        for i in r {
            if let Some(c) = self.claimed_new.get_mut(i) {
                *c = true;
            }
        }
    }

    /// Whether every token of `r` on the old side was deleted.
    pub fn all_deleted(&self, r: Range<usize>) -> bool {
        !r.is_empty()
            && r.into_iter()
                .all(|i| self.del.get(i).copied().unwrap_or(false))
    }

    pub fn all_inserted(&self, r: Range<usize>) -> bool {
        !r.is_empty()
            && r.into_iter()
                .all(|i| self.ins.get(i).copied().unwrap_or(false))
    }

    pub fn any_deleted(&self, r: Range<usize>) -> bool {
        r.into_iter()
            .any(|i| self.del.get(i).copied().unwrap_or(false))
    }

    pub fn any_inserted(&self, r: Range<usize>) -> bool {
        r.into_iter()
            .any(|i| self.ins.get(i).copied().unwrap_or(false))
    }

    pub fn quote_old(&self, r: Range<usize>) -> String {
        quote(&self.old.text, &self.old.toks, r)
    }

    pub fn quote_new(&self, r: Range<usize>) -> String {
        quote(&self.new.text, &self.new.toks, r)
    }

    /// Changed content words on both sides and how many of them some rule claimed.
    pub fn coverage(&self) -> (usize, usize) {
        let mut total = 0;
        let mut claimed = 0;
        for (i, t) in self.old.toks.iter().enumerate() {
            if self.del[i] && t.is_content() {
                total += 1;
                claimed += usize::from(self.claimed_old[i]);
            }
        }
        for (i, t) in self.new.toks.iter().enumerate() {
            if self.ins[i] && t.is_content() {
                total += 1;
                claimed += usize::from(self.claimed_new[i]);
            }
        }
        (total, claimed)
    }

    /// Host polarity of the old and new frames under the lexicon's reading.
    pub fn polarity(&self) -> (f64, f64) {
        let r = self.lex.intrusive_reading();
        (self.old.polarity(r), self.new.polarity(r))
    }

    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
}

/// Runs every rule on one pair of sentences, read in the clauses `around` them.
pub fn compare<'a>(old: &'a Frame, new: &'a Frame, lex: &'a Lexicon, around: Around<'a>) -> Ev<'a> {
    let mut ev = Ev::new(old, new, lex, around);
    if ev.hunks.is_empty() {
        return ev;
    }
    if old.definition.is_some() || new.definition.is_some() {
        // Definitions are judged with the documents' other clauses (see `definition`); one rebuilt
        // from the same words ("signed by a judge" -> "that a judge has signed") is read here first.
        restyle::restructured(&mut ev);
        return ev;
    }
    // Prose that binds no one ("Model policy adopted in 2016"): wording changes carry no force.
    let (po, pn) = ev.polarity();
    if old.op == super::lexicon::Op::None
        && new.op == super::lexicon::Op::None
        && po == 0.0
        && pn == 0.0
    {
        restyle::apply(&mut ev);
        let (total, claimed) = ev.coverage();
        if claimed == total {
            return ev;
        }
        let n_old = ev.old.toks.len();
        let n_new = ev.new.toks.len();
        ev.claim_old(0..n_old);
        ev.claim_new(0..n_new);
        let (d, i) = (ev.quote_old(0..n_old), ev.quote_new(0..n_new));
        ev.push(
            Finding::new(
                "non-normative",
                0.0,
                format!("'{d}' became '{i}': the sentence states no duty, ban or permission, so its force is unchanged."),
            )
            .quoting(Some(d), Some(i)),
        );
        return ev;
    }
    if restyle::restructured(&mut ev) {
        return ev;
    }
    modal::apply(&mut ev);
    restyle::connectives(&mut ev);
    // A pointer spelt out says more than "these words stand in another piece", so it goes first.
    antecedent::apply(&mut ev);
    carried::apply(&mut ev);
    scope::slots(&mut ev);
    numeric::apply(&mut ev);
    qualifiers::apply(&mut ev);
    restyle::apply(&mut ev);
    scope::quantifiers(&mut ev);
    scope::leftovers(&mut ev);
    ev
}
