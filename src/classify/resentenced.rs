//! Two clause texts in; a finding out when the new text only cuts the old one into other sentences
//! ("..., and shall note it in the report." becoming "... The officer shall note it in the report.").
//!
//! Read sentence by sentence, the sentence a split makes looks like a new norm and the words it took
//! from the first sentence look deleted there, so a split read as a strengthening and a join as a
//! weakening. What is compared instead is the clause's words as a whole: the same words (by stem), in
//! about the same order or with the same modals in the same order (a duty put in the passive: "shall
//! review the data" -> "The data shall be reviewed by ..."), with only a subject or modal named again
//! where a sentence now starts.

use super::lexicon::{Cue, Lexicon, Op};
use super::rules::Finding;
use super::text::{self, stem, tokenize, Tok};
use std::collections::BTreeMap;

/// Words that may be said again or dropped, per sentence gained or lost: a new sentence names its
/// subject and its modal again ("The receipt shall show ..."), a joined one drops them.
const REPEATS_PER_CUT: usize = 4;

/// Share of the shorter side's words that must stand in the same order on the other side: a clause whose
/// parts were rearranged is left to the sentence-by-sentence reading.
const IN_ORDER: f64 = 0.8;

/// The finding for a clause cut into a different number of sentences with the same words, or `None`
/// when the sentence count is the same or any word came or went (other than the lexicon's
/// `restyle.joiners`, such as "because" becoming "so").
pub(super) fn resentenced(old: &str, new: &str, lex: &Lexicon) -> Option<Finding> {
    let (a, b) = (text::sentences(old).len(), text::sentences(new).len());
    if a == b || a == 0 || b == 0 {
        return None;
    }
    let joiners = &lex.spec().restyle.joiners;
    let joiner = |t: &Tok| joiners.iter().any(|j| j.as_str() == t.norm.as_str());
    let (to, tn) = (tokenize(old), tokenize(new));
    fn counts<'t>(toks: &'t [Tok], joiner: &dyn Fn(&Tok) -> bool) -> BTreeMap<&'t str, usize> {
        let mut m = BTreeMap::new();
        for t in toks.iter().filter(|t| t.word && !joiner(t)) {
            *m.entry(stem(&t.norm)).or_insert(0) += 1;
        }
        m
    }
    let (co, cn) = (counts(&to, &joiner), counts(&tn, &joiner));
    if co.keys().any(|w| !cn.contains_key(w)) || cn.keys().any(|w| !co.contains_key(w)) {
        return None;
    }
    let repeats: usize = co.iter().map(|(w, n)| n.abs_diff(cn[w])).sum();
    if repeats > REPEATS_PER_CUT * a.abs_diff(b) {
        return None;
    }
    // Words said again where a sentence now starts are new tokens, so the share is of the shorter side.
    let words = |toks: &[Tok]| toks.iter().filter(|t| t.word).count();
    let moved: usize = text::hunks(&to, &tn)
        .into_iter()
        .map(|h| to[h.old].iter().filter(|t| t.word).count())
        .sum();
    let shorter = words(&to).min(words(&tn));
    let in_order = ((words(&to) - moved) as f64) >= IN_ORDER * shorter as f64;
    if !in_order && forces(&to, lex) != forces(&tn, lex) {
        return None;
    }
    let plural = |n: usize| if n == 1 { "sentence" } else { "sentences" };
    // Said so that it also holds for a heading put in front of the text ("Warranty. Unless ...").
    Some(Finding::new(
        "resentenced",
        0.0,
        format!(
            "The clause now reads as {b} {} instead of {a}, gaining no word it did not already use and losing none, so its force is unchanged.",
            plural(b)
        ),
    ))
}

/// A word of a text that sets a norm's force, read through the lexicon: a modal phrase by its
/// operator ("must" and "shall" alike), or a negation standing outside one.
#[derive(Debug, PartialEq)]
enum Force {
    Op(Op),
    Negation,
}

/// The forces of a text in order, one said again in a row counted once: what a rearranged clause
/// must keep for its norms to be the same norms.
fn forces(toks: &[Tok], lex: &Lexicon) -> Vec<Force> {
    let hits = lex.cues().scan(toks);
    let negations = &lex.spec().negation.words;
    let mut out: Vec<Force> = Vec::new();
    for (i, t) in toks.iter().enumerate().filter(|(_, t)| t.word) {
        let modal = hits.iter().find_map(|h| {
            let op = h.cues.iter().find_map(|c| match c {
                Cue::Deontic(op) | Cue::Will(op) => Some(*op),
                _ => None,
            })?;
            (h.start..h.end).contains(&i).then_some((h.start, op))
        });
        let force = match modal {
            // A phrase's force is read once, at its first word.
            Some((start, op)) => (start == i).then_some(Force::Op(op)),
            None => negations
                .iter()
                .any(|w| *w == t.norm)
                .then_some(Force::Negation),
        };
        if let Some(f) = force.filter(|f| out.last() != Some(f)) {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(old: &str, new: &str, expect: bool) {
        let got = resentenced(old, new, &Lexicon::builtin());
        assert_eq!(got.is_some(), expect, "{old:?} -> {new:?}: {got:?}");
        if let Some(f) = got {
            assert_eq!(f.weight, 0.0);
        }
    }

    #[test]
    fn forces_are_read_through_the_lexicon() {
        use Force::{Negation, Op as F};
        let lex = Lexicon::builtin();
        let read = |text: &str| forces(&tokenize(text), &lex);
        // "must" and "shall" are one operator; a modal phrase counts once.
        assert_eq!(
            read("Staff must file it and shall file it again."),
            [F(Op::Obligation)]
        );
        assert_eq!(
            read("Staff shall file it but shall not keep it."),
            [F(Op::Obligation), F(Op::Prohibition)]
        );
        // A negation outside a modal phrase is a force of its own.
        assert_eq!(
            read("No clerk shall sell them, never."),
            [Negation, F(Op::Obligation), Negation]
        );
    }

    #[test]
    fn a_clause_cut_into_sentences_with_the_same_words_is_resentenced() {
        // A split that names the subject and modal again.
        case(
            "The officer shall give the driver a receipt that shows the officer's name, and shall note in the report that it was given.",
            "The officer shall give the driver a receipt. The receipt shall show the officer's name. The officer shall note in the report that it was given.",
            true,
        );
        // A join, and a reason turned round ("because" -> "so").
        case(
            "A vendor shall keep the permit in the cart. A vendor who sells the cart shall return the permit because permits cannot be sold.",
            "A vendor shall keep the permit in the cart, and a vendor who sells the cart shall return the permit, so permits cannot be sold.",
            true,
        );
    }

    #[test]
    fn a_word_gained_or_lost_is_read_sentence_by_sentence() {
        // A new modal.
        case(
            "The officer shall give the driver a receipt and shall note it.",
            "The officer shall give the driver a receipt. The officer may note it.",
            false,
        );
        // A list item dropped.
        case(
            "The receipt shall show the officer's name, badge number and the reason.",
            "The receipt shall show the officer's name. It shall show the reason.",
            false,
        );
        // An exception added.
        case(
            "Officers shall record each stop and shall report it.",
            "Officers shall record each stop. Unless the stop is brief, officers shall report it.",
            false,
        );
        // The same number of sentences: the sentence-by-sentence reading already pairs them.
        case(
            "Officers shall record each stop. They shall report it.",
            "Officers shall report each stop. They shall record it.",
            false,
        );
    }

    #[test]
    fn a_duty_put_in_the_passive_and_cut_in_two_is_resentenced() {
        case(
            "The auditor shall check the ledger every year and shall report any gap to the board.",
            "The ledger shall be checked by the auditor every year. Any gap shall then be reported to the board by the auditor.",
            true,
        );
        // The same words with the duty and the permission trading places are other norms.
        case(
            "The auditor shall check the ledger, and the clerk may report any gap to the board.",
            "The auditor may check the ledger. Any gap shall be reported to the board by the clerk.",
            false,
        );
    }

    #[test]
    fn a_clause_rearranged_across_sentences_is_not_resentenced() {
        case(
            "Officers may search a vehicle with consent and shall not search a person without a warrant.",
            "Officers shall not search a vehicle. With consent and without a warrant, officers may search a person.",
            false,
        );
    }
}
