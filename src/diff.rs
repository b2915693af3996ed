//! Two clause texts in, a word-level edit script ([`WordEdit`]s) out.
//!
//! The only module that touches `similar`: the texts are cut into words, runs of spaces and single
//! marks, every distinct token gets a number, and `similar`'s Patience diff runs on the numbers. Adjacent
//! edits of the same op are merged so renderers and the classifier see whole runs ("may not" deleted,
//! "shall" inserted) rather than token confetti.

use crate::model::{EditOp, WordEdit};
use rustc_hash::FxHashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::hash::Hash;
use std::ops::Range;

/// Word diff of `old` against `new`. Concatenating the `Equal` and `Delete` texts gives back `old`;
/// `Equal` and `Insert` give back `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<WordEdit> {
    // Most pairs of a large revision are untouched or renumbered clauses: no need to tokenise them.
    if old == new {
        return whole(EditOp::Equal, old);
    }
    let (a, b) = (tokens(old), tokens(new));
    // Comparing numbers instead of strings keeps the diff's inner loop to integer compares.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let (na, nb) = (number(&a, &mut ids), number(&b, &mut ids));
    let mut out: Vec<WordEdit> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &na, &nb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(&mut out, EditOp::Equal, &a[ra]),
            DiffTag::Delete => push(&mut out, EditOp::Delete, &a[ra]),
            DiffTag::Insert => push(&mut out, EditOp::Insert, &b[rb]),
            DiffTag::Replace => {
                push(&mut out, EditOp::Delete, &a[ra]);
                push(&mut out, EditOp::Insert, &b[rb]);
            }
        }
    }
    out
}

/// The changed runs between two token lists, as (old range, new range) pairs of indices: what lies
/// between two stretches of equal tokens, deleted, inserted or both.
pub fn changed_runs<T: Hash + Eq + Ord>(a: &[T], b: &[T]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, a, b) {
        let (tag, ra, rb) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // Patience reports a replace as a delete next to an insert; they are one run.
        match out.last_mut() {
            Some((la, lb)) if la.end == ra.start && lb.end == rb.start => {
                la.end = ra.end;
                lb.end = rb.end;
            }
            _ => out.push((ra, rb)),
        }
    }
    out
}

fn number<'t>(toks: &[&'t str], ids: &mut FxHashMap<&'t str, u32>) -> Vec<u32> {
    toks.iter()
        .map(|&t| {
            let next = ids.len() as u32;
            *ids.entry(t).or_insert(next)
        })
        .collect()
}

/// Cuts text into diff tokens: words, runs of white space, and every other character alone. A word
/// runs over letters and digits, and over an apostrophe or full stop between two of them ("don't",
/// "U.S", "1.5") or a comma between two digits ("5,000"), so a changed figure is one token.
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let len = if first.is_alphanumeric() {
            word_len(rest)
        } else if first.is_whitespace() {
            rest.find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

fn word_len(s: &str) -> usize {
    let mut it = s.char_indices().peekable();
    let mut end = 0;
    let mut prev = ' ';
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
            prev = c;
            continue;
        }
        let joins = match c {
            '\'' | '\u{2019}' | '.' => it.peek().is_some_and(|&(_, n)| n.is_alphanumeric()),
            ',' => prev.is_ascii_digit() && it.peek().is_some_and(|&(_, n)| n.is_ascii_digit()),
            _ => false,
        };
        if !joins {
            break;
        }
        prev = c;
    }
    end
}

/// Whole-clause edit for an added or removed clause.
pub fn whole(op: EditOp, text: &str) -> Vec<WordEdit> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![WordEdit {
        op,
        text: text.to_string(),
    }]
}

fn push(out: &mut Vec<WordEdit>, op: EditOp, toks: &[&str]) {
    if toks.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op => toks.iter().for_each(|t| last.text.push_str(t)),
        _ => out.push(WordEdit {
            op,
            text: toks.concat(),
        }),
    }
}

/// Rebuilds one side of a diff: `Delete` edits for the old side, `Insert` for the new.
pub fn reconstruct(edits: &[WordEdit], side: EditOp) -> String {
    edits
        .iter()
        .filter(|e| e.op == EditOp::Equal || e.op == side)
        .map(|e| e.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(edits: &[WordEdit]) -> String {
        edits
            .iter()
            .map(|e| match e.op {
                EditOp::Equal => e.text.clone(),
                EditOp::Insert => format!("{{+{}+}}", e.text),
                EditOp::Delete => format!("[-{}-]", e.text),
            })
            .collect()
    }

    #[test]
    fn modal_swap_is_one_delete_and_one_insert() {
        let d = word_diff("Officers should record it.", "Officers shall record it.");
        assert_eq!(render(&d), "Officers [-should-]{+shall+} record it.");
    }

    #[test]
    fn identical_text_is_all_equal() {
        let d = word_diff("a b c", "a b c");
        assert!(d.iter().all(|e| e.op == EditOp::Equal));
    }

    #[test]
    fn reconstructs_both_sides() {
        let (a, b) = (
            "The Agency will not disclose records except as required by law.",
            "The Agency shall not disclose any records except as required or permitted by law.",
        );
        let d = word_diff(a, b);
        assert_eq!(reconstruct(&d, EditOp::Delete), a);
        assert_eq!(reconstruct(&d, EditOp::Insert), b);
    }

    #[test]
    fn a_changed_figure_is_one_token() {
        let d = word_diff(
            "within 5,000 feet of U.S. soil",
            "within 2,500 feet of U.S. soil",
        );
        assert_eq!(render(&d), "within [-5,000-]{+2,500+} feet of U.S. soil");
        assert_eq!(tokens("don't stop."), ["don't", " ", "stop", "."]);
        assert_eq!(tokens("a,b  1,2"), ["a", ",", "b", "  ", "1,2"]);
    }

    #[test]
    fn whole_clause_edits() {
        assert_eq!(whole(EditOp::Insert, "").len(), 0);
        assert_eq!(render(&whole(EditOp::Delete, "x y")), "[-x y-]");
    }
}
