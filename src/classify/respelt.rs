//! A sentence's frame and its counterpart's in; the frame read again with the lexicon's words it
//! misspells ("exept") spelt as the counterpart spells them, and the fixes, out.
//!
//! Rules read a sentence through the lexicon's phrases, so a misspelt "except" is no exception to
//! them: fixing the spelling would read as an exception added. Read as the other version spells it,
//! the fix changes nothing, and the spelling rule's finding says it was a spelling fix.

use super::frame::{self, Frame};
use super::lexicon::Lexicon;
use super::rules::restyle::typo;
use super::text;
use std::borrow::Cow;

/// `f` with every word that misspells a lexicon word `other` has in its place, spelt as `other`
/// spells it, and the words fixed (as written here, as written there). Borrowed when none is.
pub(super) fn respelt<'f>(
    f: Cow<'f, Frame>,
    other: &Frame,
    lex: &Lexicon,
) -> (Cow<'f, Frame>, Vec<(String, String)>) {
    let known = |w: &str| lex.cues().has_word(w);
    // Only a word the lexicon knows on the other side, and missing here, can be one misspelt here:
    // most sentence pairs have none, and are not diffed again.
    let here: std::collections::HashSet<&str> = f.toks.iter().map(|t| t.norm.as_str()).collect();
    if !other
        .toks
        .iter()
        .any(|t| t.word && !here.contains(t.norm.as_str()) && known(&t.norm))
    {
        return (f, Vec::new());
    }
    let mut fixes: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for h in text::hunks(&f.toks, &other.toks) {
        let (Some(a), Some(b)) = (f.toks.get(h.old.start), other.toks.get(h.new.start)) else {
            continue;
        };
        if h.old.len() == 1
            && h.new.len() == 1
            && a.word
            && b.word
            && known(&b.norm)
            && !known(&a.norm)
            && typo(&a.norm, &b.norm)
        {
            fixes.push((a.span.clone(), &other.text[b.span.clone()]));
        }
    }
    if fixes.is_empty() {
        return (f, Vec::new());
    }
    let mut fixed = f.text.clone();
    let mut said = Vec::with_capacity(fixes.len());
    // From the end, so the earlier spans still point at their words.
    for (span, word) in fixes.iter().rev() {
        said.push((f.text[span.clone()].to_string(), word.to_string()));
        fixed.replace_range(span.clone(), word);
    }
    said.reverse();
    (Cow::Owned(frame::parse(&fixed, lex)), said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, other: &str, want: &[(&str, &str)]) {
        let lex = Lexicon::builtin();
        let (f, o) = (frame::parse(text, &lex), frame::parse(other, &lex));
        let (read, fixes) = respelt(Cow::Borrowed(&f), &o, &lex);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(fixes, want, "{text:?} against {other:?}");
        if !want.is_empty() {
            assert_eq!(read.hits.len(), o.hits.len(), "{:?}", read.text);
        }
    }

    #[test]
    fn a_misspelt_lexicon_word_is_read_as_the_other_side_spells_it() {
        case(
            "Staff shall not search a car, exept with consent.",
            "Staff shall not search a car, except with consent.",
            &[("exept", "except")],
        );
        case(
            "Staff shall not search a car unles the driver agrees.",
            "Staff shall not search a car unless the driver agrees.",
            &[("unles", "unless")],
        );
        // A word the lexicon does not read is left to the spelling rule.
        case(
            "Telphones shall be in each dayroom.",
            "Telephones shall be in each dayroom.",
            &[],
        );
        // Two words of the lexicon are two words, however close.
        case(
            "Staff shall act where the rules allow.",
            "Staff shall act there the rules allow.",
            &[],
        );
        // A word added is no misspelling.
        case(
            "Staff shall not search a car.",
            "Staff shall not search a car, except with consent.",
            &[],
        );
    }
}
