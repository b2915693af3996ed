//! A changed definition: does it now cover more or less (by its words, or by a changed cut-off such as
//! "at least ninety days"), and is the term used in restrictions (wider = stricter) or in exceptions
//! and permissions (wider = looser)? Always flagged for review, and the reason names the clauses of the
//! documents that use the term.

use super::scope::widening;
use super::{Ev, Finding};
use crate::classify::frame::{self, Frame, SlotKind};
use crate::classify::lexicon::Lexicon;
use crate::classify::numbers::{Bound, Kind};
use crate::classify::text::{sentences, Tok};
use crate::classify::Context;
use aho_corasick::AhoCorasick;

/// Where does `term` sit in a frame: +1 if widening it tightens the policy, -1 if it loosens it.
fn usage_in(f: &Frame, term: &[&str], lex: &Lexicon) -> i32 {
    let words: Vec<(usize, &Tok)> = f.toks.iter().enumerate().filter(|(_, t)| t.word).collect();
    let Some(pos) = words.windows(term.len().max(1)).position(|w| {
        w.iter()
            .zip(term.iter())
            .all(|((_, t), want)| t.norm == *want || t.norm.trim_end_matches('s') == *want)
    }) else {
        return 0;
    };
    let Some(&(at, _)) = words.get(pos) else {
        return 0;
    };
    let p = f.polarity(lex.intrusive_reading());
    let place = if f.slot_at(at).map(|s| s.kind) == Some(SlotKind::Exception) {
        -1.0
    } else {
        1.0
    };
    (p * place).signum() as i32
}

/// +1 when the definition's changed figures take in more cases ("vacant for at least ninety days" ->
/// "at least thirty days": more projects qualify), -1 when fewer, 0 when no figure says.
fn cut_offs_widen(ev: &Ev<'_>) -> i32 {
    let (qo, qn) = (ev.old.quantities(), ev.new.quantities());
    let mut e: i32 = 0;
    for (a, b) in qo.iter().zip(qn) {
        let touched = ev.any_deleted(a.start..a.end) || ev.any_inserted(b.start..b.end);
        if !touched || a.timed != b.timed || (a.value - b.value).abs() < 1e-9 {
            continue;
        }
        // Which side of the figure the term takes in: its own words say, else its cue.
        let bound = match (a.bound, b.bound, b.kind) {
            (x, y, _) if x == y && x != Bound::Unknown => x,
            (_, _, Kind::Minimum) => Bound::Lower,
            (_, _, Kind::Cap) => Bound::Upper,
            _ => continue,
        };
        let larger = b.value > a.value;
        e += if (bound == Bound::Lower) != larger {
            1
        } else {
            -1
        };
    }
    e.signum()
}

fn contains_term(text: &str, term: &[&str], first: Option<&AhoCorasick>) -> bool {
    // Every clause of both versions is asked, and tokenising them all was most of judging a definition.
    // A matching word starts with the term's first word, so in ASCII text a case-blind substring
    // search settles most clauses. (Some other letters lowercase to ASCII, so other text is read.)
    if let Some(first) = first {
        if text.is_ascii() && !first.is_match(text) {
            return false;
        }
    }
    let toks = crate::classify::text::tokenize(text);
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    !term.is_empty()
        && words.windows(term.len()).any(|w| {
            w.iter()
                .zip(term.iter())
                .all(|(a, b)| a == b || a.trim_end_matches('s') == *b)
        })
}

/// Removes words found on both sides (once per occurrence), keeping order.
/// Where the part of a definition that the term leaves out begins (after "but does not include"), or
/// the sentence's end when nothing is left out.
fn exclusion_start(f: &Frame, body: usize, lex: &Lexicon) -> usize {
    let words: Vec<Vec<&str>> = lex
        .spec()
        .definition_exclusions
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    (body..f.toks.len())
        .find_map(|i| {
            words.iter().find_map(|w| {
                let end = i + w.len();
                (!w.is_empty()
                    && f.toks.get(i..end).is_some_and(|ts| {
                        ts.iter()
                            .zip(w)
                            .all(|(t, x)| t.norm.eq_ignore_ascii_case(x))
                    }))
                .then_some(end)
            })
        })
        .unwrap_or(f.toks.len())
}

fn cancel_moved(mut del: Vec<Tok>, ins: Vec<Tok>) -> (Vec<Tok>, Vec<Tok>) {
    let mut kept = Vec::new();
    for t in ins {
        match del.iter().position(|d| d.norm == t.norm) {
            Some(k) => {
                del.remove(k);
            }
            None => kept.push(t),
        }
    }
    (del, kept)
}

/// Judges a changed definition. `siblings` are the other sentences of the same clause (new version).
pub fn judge(
    ev: &mut Ev<'_>,
    siblings: &[Frame],
    ctx: &Context<'_>,
    clause_texts: (&str, &str),
) -> Option<Finding> {
    let def = ev
        .new
        .definition
        .clone()
        .or_else(|| ev.old.definition.clone())?;
    let term: Vec<&str> = def.term.split(' ').filter(|w| !w.is_empty()).collect();
    // Does the definition now cover more or less?
    let mut e = 0;
    let mut dq = Vec::new();
    let mut iq = Vec::new();
    let body_old = ev
        .old
        .definition
        .as_ref()
        .map(|d| d.body.start)
        .unwrap_or(0);
    let body_new = ev
        .new
        .definition
        .as_ref()
        .map(|d| d.body.start)
        .unwrap_or(0);
    let (out_old, out_new) = (
        exclusion_start(ev.old, body_old, ev.lex),
        exclusion_start(ev.new, body_new, ev.lex),
    );
    for h in ev.hunks.clone() {
        // Edits before the defining word ("In this policy" -> "As used in this policy") do not change
        // what the term covers.
        if h.old.end <= body_old && h.new.end <= body_new {
            continue;
        }
        let open = h
            .old
            .clone()
            .any(|i| !ev.claimed_old[i] && ev.old.toks[i].is_content())
            || h.new
                .clone()
                .any(|i| !ev.claimed_new[i] && ev.new.toks[i].is_content());
        let swap = h
            .old
            .clone()
            .any(|i| matches!(ev.old.toks[i].norm.as_str(), "and" | "or"));
        if !open && !swap {
            continue;
        }
        let del: Vec<Tok> = ev.old.toks[h.old.clone()].to_vec();
        let ins: Vec<Tok> = ev.new.toks[h.new.clone()].to_vec();
        // An edit among what the term leaves out works the other way round.
        let left_out = if h.new.is_empty() {
            h.old.start >= out_old
        } else {
            h.new.start >= out_new
        };
        let sign = if left_out { -1 } else { 1 };
        e += sign * widening(&del, &ins, ev.lex);
        ev.claim_old(h.old.clone());
        ev.claim_new(h.new.clone());
        dq.push(ev.quote_old(h.old.clone()));
        iq.push(ev.quote_new(h.new.clone()));
    }
    // Read the body as a whole too, with words that merely moved cancelled out: a diff may cut a list
    // in odd places ("or payroll" / ", payroll records, or location").
    // What the term takes in and what it leaves out are read apart, the second the other way round.
    let changed = |f: &Frame, marks: &[bool], range: std::ops::Range<usize>| -> Vec<Tok> {
        range
            .filter(|i| marks.get(*i) == Some(&true))
            .filter_map(|i| f.toks.get(i).cloned())
            .collect()
    };
    let read = |old: std::ops::Range<usize>, new: std::ops::Range<usize>| {
        let (d, i) = cancel_moved(changed(ev.old, &ev.del, old), changed(ev.new, &ev.ins, new));
        // And how many content words changed other than by moving.
        let still_changed = d.iter().chain(&i).filter(|t| t.is_content()).count();
        (widening(&d, &i, ev.lex), still_changed)
    };
    let (n_old, n_new) = (ev.old.toks.len(), ev.new.toks.len());
    let ((taken_in, changed_in), (left_out, changed_out)) = (
        read(body_old..out_old, body_new..out_new),
        read(out_old..n_old, out_new..n_new),
    );
    // Every changed word of the body only moved ("race, religion or disability" -> "disability,
    // race or religion"): the term covers what it did.
    if changed_in + changed_out == 0 {
        return None;
    }
    let whole = taken_in - left_out;
    if whole != 0 {
        e = whole;
    }
    if e == 0 {
        e = cut_offs_widen(ev);
    }
    let dq: Vec<String> = dq.into_iter().filter(|s| !s.is_empty()).collect();
    let iq: Vec<String> = iq.into_iter().filter(|s| !s.is_empty()).collect();
    if dq.is_empty() && iq.is_empty() {
        return None;
    }
    // Where is the term used? First the definition's own words ("for purposes of the sharing
    // restrictions", "which is exempt from"), then the clause's other sentences, then other clauses.
    let lead: i32 = ev.new.toks[..def.body.start.min(ev.new.toks.len())]
        .iter()
        .filter(|t| t.word && !term.contains(&t.norm.as_str()))
        .map(|t| ev.lex.spec().definition_uses.of(&t.norm))
        .sum();
    let mut u = lead.signum();
    if u == 0 {
        u = siblings
            .iter()
            .map(|f| usage_in(f, &term, ev.lex))
            .sum::<i32>()
            .signum();
    }
    let first = term.first().filter(|w| w.is_ascii()).and_then(|w| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([w])
            .ok()
    });
    let mut users: Vec<String> = Vec::new();
    let mut using: Vec<&str> = Vec::new();
    for c in ctx.new_clauses.iter().chain(ctx.old_clauses.iter()) {
        if c.text == clause_texts.0
            || c.text == clause_texts.1
            || !contains_term(&c.text, &term, first.as_ref())
        {
            continue;
        }
        if !users.contains(&c.id) {
            users.push(c.id.clone());
        }
        using.push(&c.text);
    }
    // Reading every clause that uses a common term is the dearest step of the classifier, so it is
    // done only when the nearer evidence said nothing.
    if u == 0 {
        let mut ctx_u = 0;
        for text in using {
            for r in sentences(text) {
                let f = frame::parse(text.get(r).unwrap_or_default(), ev.lex);
                if f.definition.is_none() {
                    ctx_u += usage_in(&f, &term, ev.lex);
                }
            }
        }
        u = ctx_u.signum();
    }
    // A definition edited on its own, with no document around it (a row of a rated table), whose
    // words say nothing of its use: a defined term most often sets the reach of what a policy
    // protects or forbids, and terms that open exceptions usually say so ("exempt", "permits"), so
    // it is read that way, and the reason says it was assumed.
    let same_term =
        matches!((&ev.old.definition, &ev.new.definition), (Some(a), Some(b)) if a.term == b.term);
    let guessed = u == 0 && same_term && ctx.new_clauses.is_empty() && ctx.old_clauses.is_empty();
    if guessed {
        u = 1;
    }
    let used = if users.is_empty() {
        String::new()
    } else {
        let shown: Vec<&str> = users.iter().take(6).map(String::as_str).collect();
        let more = if users.len() > 6 {
            format!(" and {} more", users.len() - 6)
        } else {
            String::new()
        };
        format!(
            " It is used in clause{} {}{more}.",
            if users.len() == 1 { "" } else { "s" },
            shown.join(", ")
        )
    };
    let change = match (dq.is_empty(), iq.is_empty()) {
        (true, _) => format!("'{}' was added", iq.join("; ")),
        (_, true) => format!("'{}' was deleted", dq.join("; ")),
        _ => format!("'{}' became '{}'", dq.join("; "), iq.join("; ")),
    };
    let term_s = def.term.clone();
    let (d, i) = (Some(dq.join("; ")), Some(iq.join("; ")));
    if e == 0 || u == 0 {
        return Some(
            Finding::new(
                "definition-changed",
                0.0,
                format!(
                    "{change} in the definition of '{term_s}': {}, so a person should judge the effect.{used}",
                    if e == 0 {
                        "whether it now covers more or less is unclear"
                    } else {
                        "where the term is used could not be read"
                    }
                ),
            )
            .quoting(d, i)
            .flagged(),
        );
    }
    let w = f64::from(e.signum() * u);
    Some(
        Finding::new(
            if w > 0.0 { "definition-tightened" } else { "definition-loosened" },
            w,
            format!(
                "{change} in the definition of '{term_s}': it now covers {}, and the term {}, so the policy is {}.{used}",
                if e > 0 { "more" } else { "less" },
                match (u > 0, guessed) {
                    (true, false) => "sets the reach of a restriction",
                    (true, true) => "is taken to set the reach of a restriction (its use is not in view)",
                    (false, _) => "opens an exception or permission",
                },
                if w > 0.0 { "stricter" } else { "looser" }
            ),
        )
        .quoting(d, i)
        .flagged(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, term: &[&str], want: bool) {
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([term[0]])
            .unwrap();
        assert_eq!(contains_term(text, term, Some(&finder)), want, "{text:?}");
        assert_eq!(contains_term(text, term, None), want, "{text:?} unfiltered");
    }

    /// The substring pre-check never changes the answer of reading the words.
    #[test]
    fn term_use_with_and_without_the_precheck() {
        case("The KEYS are kept.", &["key"], true);
        case(
            "Personal data means any record.",
            &["personal", "data"],
            true,
        );
        case(
            "Personal information means any record.",
            &["personal", "data"],
            false,
        );
        case("A monkey is not a key word.", &["key", "word"], true);
        case("Nothing here.", &["key"], false);
        // Not ASCII: the Kelvin sign lowercases to an ASCII k, so only reading the words can tell.
        case("The \u{212A}eys are kept.", &["key"], true);
        case("Caf\u{00E9} keys", &["key"], true);
    }
}
