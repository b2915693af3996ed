//! A pointing word and the words it points back to, swapped: "those authorities" became "federal
//! immigration authorities", or "any such employee" became "an employee who has a financial interest
//! in a vendor", when the clause itself says who "those" or "such" were. One finding, no force.
//!
//! This is how a clause that joined two norms reads once it is split in two (and the reverse when two
//! clauses are merged): the second norm can no longer lean on the first, so it says in full what it
//! used to point to. The words said in full must stand in the clause that had the pointing word;
//! otherwise the change could name someone new.

use super::{Ev, Finding};
use crate::classify::frame::Frame;
use crate::classify::text::{tokenize, word_set, Hunk};
use std::ops::Range;

/// Small words that may go or come with a pointer ("and any such" -> "an").
const DETERMINERS: &[&str] = &["a", "an", "any", "each", "every", "the", "and", "or", "all"];

/// How many kept words may stand between the pointer's run and a run that spells out its referent
/// ("an [employee] who has ...").
const REACH: usize = 3;

/// One version's side of the sentence pair.
struct Side<'a> {
    frame: &'a Frame,
    changed: &'a [bool],
    claimed: &'a [bool],
    clause: &'a str,
}

impl Side<'_> {
    fn open(&self, r: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        r.filter(|&i| self.changed[i] && !self.claimed[i] && self.frame.toks[i].word)
    }
}

pub fn apply(ev: &mut Ev<'_>) {
    let (old_clause, new_clause) = ev.around.clauses;
    let old = Side {
        frame: ev.old,
        changed: &ev.del,
        claimed: &ev.claimed_old,
        clause: old_clause,
    };
    let new = Side {
        frame: ev.new,
        changed: &ev.ins,
        claimed: &ev.claimed_new,
        clause: new_clause,
    };
    // The pointer on the old side and the referent said in the new one, or the other way round.
    let runs = spelt_out(&ev.hunks, &old, &new, &ev.lex.spec().pointers, |h| {
        (h.old.clone(), h.new.clone())
    });
    let (runs, pointer_was_old) = if runs.is_empty() {
        let back = spelt_out(&ev.hunks, &new, &old, &ev.lex.spec().pointers, |h| {
            (h.new.clone(), h.old.clone())
        });
        (back, false)
    } else {
        (runs, true)
    };
    if runs.is_empty() {
        return;
    }
    let (mut d, mut i) = (Vec::new(), Vec::new());
    for h in &runs {
        ev.claim_old(h.old.clone());
        ev.claim_new(h.new.clone());
        d.push(ev.quote_old(h.old.clone()));
        i.push(ev.quote_new(h.new.clone()));
    }
    let join = |v: Vec<String>| {
        v.into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ... ")
    };
    let (d, i) = (join(d), join(i));
    let how = if pointer_was_old {
        "now names what the old words pointed back to"
    } else {
        "now points back to what the old words named"
    };
    ev.push(
        Finding::new(
            "reference-spelt-out",
            0.0,
            format!("'{d}' became '{i}': the sentence {how} in the same clause, so it reaches the same cases."),
        )
        .quoting(Some(d), Some(i)),
    );
}

/// The runs that swap a pointer on side `short` for words on side `long` that `short`'s own clause
/// already holds. `pointers` are the lexicon's words that point back; `sides` gives a run's ranges as
/// (short, long).
fn spelt_out(
    hunks: &[Hunk],
    short: &Side<'_>,
    long: &Side<'_>,
    pointers: &[String],
    sides: impl Fn(&Hunk) -> (Range<usize>, Range<usize>),
) -> Vec<Hunk> {
    let pointer = |w: &str| pointers.iter().any(|p| p == w);
    let is_pointer = |i: usize| pointer(&short.frame.toks[i].norm);
    let Some(anchor) = hunks
        .iter()
        .position(|h| short.open(sides(h).0).any(is_pointer))
    else {
        return Vec::new();
    };
    // Only small words may go with the pointer; anything else is a change of its own.
    let only_small = short.open(sides(&hunks[anchor]).0).all(|i| {
        let w = short.frame.toks[i].norm.as_str();
        pointer(w) || DETERMINERS.contains(&w)
    });
    if !only_small {
        return Vec::new();
    }
    // Runs that only add words just after it say the rest of the referent ("an employee [who has
    // ...]").
    let mut picked = vec![anchor];
    let mut end = sides(&hunks[anchor]).1.end;
    for (k, h) in hunks.iter().enumerate().skip(anchor + 1) {
        let (s, l) = sides(h);
        if l.start > end + REACH || short.open(s).next().is_some() {
            break;
        }
        picked.push(k);
        end = l.end;
    }
    let said = word_set(&tokenize(short.clause));
    let mut named = picked
        .iter()
        .flat_map(|&k| long.open(sides(&hunks[k]).1))
        .map(|i| &long.frame.toks[i])
        .filter(|t| t.is_content())
        .peekable();
    // A pointer dropped with nothing said in its place is a change of scope, not a restyle.
    if named.peek().is_none() || !named.all(|t| said.contains(t.norm.as_str())) {
        return Vec::new();
    }
    picked.into_iter().map(|k| hunks[k].clone()).collect()
}
