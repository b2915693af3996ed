//! Two norms cut from one sentence in, the second said in full out: "Unless a judge has signed a
//! warrant, staff shall not give notice, and shall not share addresses" has a second part that leans
//! on the first for its subject and exception; read beside a version that says it in full, it needs
//! the same words.

use super::frame::Frame;
use super::lexicon::{Cue, Lexicon};
use super::text::{self, Tok};

/// The conjunction that opens a part with no subject of its own: "and" in "and shall not share ...".
pub(super) fn leaning(part: &Frame) -> Option<&Tok> {
    let mut words = part.toks.iter().filter(|t| t.word);
    let conj = words
        .next()
        .filter(|t| matches!(t.norm.as_str(), "and" | "or" | "but"))?;
    words.next().filter(|t| text::is_modal_word(&t.norm))?;
    Some(conj)
}

/// How much of a head part a leaning part shares: its subject, or everything before its modal.
#[derive(Debug, Clone, Copy)]
pub(super) enum LeadIn {
    Subject,
    Whole,
}

/// A leaning part said in full with its head's lead-in, then the part without its conjunction.
/// `None` when the lead-in names no one or holds a negation ("No employee shall ..., and shall
/// ..."), which the second norm need not share.
pub(super) fn with_lead_in(
    head: &Frame,
    part: &Frame,
    reach: LeadIn,
    lex: &Lexicon,
) -> Option<String> {
    let conj = leaning(part)?;
    let modal = head
        .toks
        .iter()
        .position(|t| t.word && text::is_modal_word(&t.norm))?;
    // The subject as read, or the words after the last comma before the modal when a phrase the
    // lexicon does not know ("At the end of each stop, the member") ran into it.
    let from = match reach {
        LeadIn::Whole => 0,
        LeadIn::Subject if head.subject.end <= modal => head.toks[..modal]
            .iter()
            .rposition(|t| t.norm == ",")
            .map_or(head.subject.start, |c| head.subject.start.max(c + 1)),
        LeadIn::Subject => return None,
    };
    let lead = head.toks.get(from..modal)?;
    if !lead.iter().any(|t| t.is_content()) || (from..modal).any(|i| negates(head, i, lex)) {
        return None;
    }
    let said = head
        .text
        .get(head.toks[from].span.start..head.toks[modal].span.start)?;
    let rest = part.text.get(conj.span.end..)?.trim_start();
    Some(format!("{said}{rest}"))
}

/// Whether the word at `i` is a negation that would be said twice if the lead-in were lent to a
/// second norm. One the lexicon reads inside a phrase of another kind ("without a warrant", "not
/// only") negates nothing of the norm.
fn negates(head: &Frame, i: usize, lex: &Lexicon) -> bool {
    let word = head.toks[i].norm.as_str();
    lex.spec().negation.words.iter().any(|w| w == word)
        && !head.hits.iter().any(|h| {
            (h.start..h.end).contains(&i)
                && !h.cues.iter().any(|c| {
                    matches!(
                        c,
                        Cue::Deontic(_) | Cue::Will(_) | Cue::NegativeSubject | Cue::NegatedVerb
                    )
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::frame;

    #[track_caller]
    fn case(head: &str, part: &str, reach: LeadIn, expect: Option<&str>) {
        let lex = Lexicon::builtin();
        let (h, p) = (frame::parse(head, &lex), frame::parse(part, &lex));
        assert_eq!(with_lead_in(&h, &p, reach, &lex).as_deref(), expect);
    }

    #[test]
    fn a_lead_in_is_lent_unless_it_negates_the_norm() {
        let head = "Without a warrant, inspectors shall not enter a home,";
        let part = "and shall not seize papers.";
        case(
            head,
            part,
            LeadIn::Whole,
            Some("Without a warrant, inspectors shall not seize papers."),
        );
        case(
            head,
            part,
            LeadIn::Subject,
            Some("inspectors shall not seize papers."),
        );
        // "No" would make the second norm a ban it is not.
        case(
            "No employee shall accept a gift,",
            "and shall report any offer.",
            LeadIn::Whole,
            None,
        );
        // A part with its own subject leans on nothing.
        case(
            head,
            "and staff shall not seize papers.",
            LeadIn::Whole,
            None,
        );
    }
}
