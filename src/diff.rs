//! Two clause texts in, a word-level edit script ([`WordEdit`]s) out.
//!
//! The only module that touches `similar`: the texts are cut into words, runs of spaces and single
//! marks, every distinct token gets a number, and `similar`'s Patience diff runs on the numbers. Adjacent
//! edits of the same op are merged so renderers and the classifier see whole runs ("may not" deleted,
//! "shall" inserted) rather than token confetti.

use crate::model::{EditOp, WordEdit};
use rustc_hash::FxHashMap;
use similar::algorithms::{myers, Capture, Compact, DiffHook, NoFinishHook, Replace};
use similar::{DiffOp, DiffTag};
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
    let mut ids = TokenIds::default();
    let (na, nb) = (ids.number(&a), ids.number(&b));
    let mut out: Vec<WordEdit> = Vec::new();
    for op in patience(&na, &nb, ids.len()) {
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
pub fn changed_runs<T: Hash + Eq>(a: &[T], b: &[T]) -> Vec<(Range<usize>, Range<usize>)> {
    // As in `word_diff`: numbers hash and compare faster than the tokens themselves, with the same
    // equalities, so the same diff.
    let mut ids: FxHashMap<&T, u32> = FxHashMap::default();
    let (na, nb) = (number(a, &mut ids), number(b, &mut ids));
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in patience(&na, &nb, ids.len()) {
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

/// The edit script `similar`'s Patience diff gives for two lists of token numbers below `distinct`.
///
/// The same steps: the tokens that occur once on each side are matched by a Myers diff, and each gap
/// between matched tokens is diffed with Myers. Only finding the once-only tokens differs: `similar`
/// counts them in a hash map, which was a fifth of the word diff on a large statute, while dense
/// numbers can be counted in an array. A test holds the two to the same output.
fn patience(a: &[u32], b: &[u32], distinct: usize) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), a, b);
    let (once_a, once_b) = (once_only(a, distinct), once_only(b, distinct));
    let (va, vb): (Vec<u32>, Vec<u32>) = (
        once_a.iter().map(|&i| a[i]).collect(),
        once_b.iter().map(|&j| b[j]).collect(),
    );
    let mut matched = Matched(Vec::new());
    let _ = myers::diff_deadline(&mut matched, &va, 0..va.len(), &vb, 0..vb.len(), None);
    let (mut i, mut j) = (0, 0);
    for (x, y) in matched.0 {
        let (x, y) = (once_a[x], once_b[y]);
        // Equal tokens up to the anchor are kept as they are; what is left before it is diffed.
        let (i0, j0) = (i, j);
        while i < x && j < y && a[i] == b[j] {
            i += 1;
            j += 1;
        }
        if i > i0 {
            let _ = d.equal(i0, j0, i - i0);
        }
        let _ = myers::diff_deadline(&mut NoFinishHook::new(&mut d), a, i..x, b, j..y, None);
        (i, j) = (x, y);
    }
    let _ = myers::diff_deadline(&mut d, a, i..a.len(), b, j..b.len(), None);
    d.into_inner().into_inner().into_ops()
}

/// Positions of the tokens that occur exactly once in `toks`, in order.
fn once_only(toks: &[u32], distinct: usize) -> Vec<usize> {
    let mut seen = vec![0u8; distinct];
    for &t in toks {
        if let Some(n) = seen.get_mut(t as usize) {
            *n = n.saturating_add(1);
        }
    }
    (0..toks.len())
        .filter(|&i| seen.get(toks[i] as usize) == Some(&1))
        .collect()
}

/// The matched pairs of a diff, one per equal token.
struct Matched(Vec<(usize, usize)>);

impl DiffHook for Matched {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        self.0.extend((0..len).map(|k| (old + k, new + k)));
        Ok(())
    }
}

/// Numbers for diff tokens: equal tokens get equal numbers, below [`TokenIds::len`].
///
/// About half of a text's tokens are one byte (a space, a comma, a full stop); those are numbered
/// through a table instead of being hashed. Numbers are still handed out in order of first sight, so
/// they are the ones a single map of all tokens gives.
struct TokenIds<'t> {
    words: FxHashMap<&'t str, u32>,
    bytes: [u32; 128],
    next: u32,
}

impl Default for TokenIds<'_> {
    fn default() -> Self {
        TokenIds {
            words: FxHashMap::default(),
            bytes: [u32::MAX; 128],
            next: 0,
        }
    }
}

impl<'t> TokenIds<'t> {
    fn len(&self) -> usize {
        self.next as usize
    }

    fn number(&mut self, toks: &[&'t str]) -> Vec<u32> {
        toks.iter()
            .map(|&t| {
                let next = self.next;
                let id = match t.as_bytes() {
                    &[c] if c < 128 => {
                        let slot = &mut self.bytes[usize::from(c)];
                        if *slot == u32::MAX {
                            *slot = next;
                        }
                        *slot
                    }
                    _ => *self.words.entry(t).or_insert(next),
                };
                if id == next {
                    self.next += 1;
                }
                id
            })
            .collect()
    }
}

fn number<'t, T: Hash + Eq>(toks: &'t [T], ids: &mut FxHashMap<&'t T, u32>) -> Vec<u32> {
    toks.iter()
        .map(|t| {
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
            space_len(rest)
        } else {
            first.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// The length of the run of white space `s` starts with.
fn space_len(s: &str) -> usize {
    // Mostly one ASCII space: counted as bytes. A run that reaches a character beyond ASCII (which
    // may be white space too) is read again the general way.
    let b = s.as_bytes();
    let ascii = b
        .iter()
        .position(|&c| !matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
        .unwrap_or(b.len());
    if b.get(ascii).is_none_or(u8::is_ascii) {
        return ascii;
    }
    s.find(|c: char| !c.is_whitespace()).unwrap_or(s.len())
}

/// The length of the word `s` starts with.
fn word_len(s: &str) -> usize {
    // Mostly ASCII letters and digits up to a space or a mark: counted as bytes. A run that stops at
    // a joining mark or at a character beyond ASCII is read again the general way below.
    let b = s.as_bytes();
    let ascii = b
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(b.len());
    match b.get(ascii) {
        None => return ascii,
        Some(&c) if c.is_ascii() && !matches!(c, b'\'' | b'.' | b',') => return ascii,
        _ => {}
    }
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
    use proptest::strategy::Strategy;

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
    fn words_and_spaces_beyond_ascii() {
        assert_eq!(tokens("a\u{A0} b\t\nc"), ["a", "\u{A0} ", "b", "\t\n", "c"]);
        assert_eq!(
            tokens("Stra\u{DF}e\u{2019}s 1.5 U.S."),
            ["Stra\u{DF}e\u{2019}s", " ", "1.5", " ", "U.S", "."]
        );
        assert_eq!(tokens(" \u{2003}x, y"), [" \u{2003}", "x", ",", " ", "y"]);
    }

    proptest::proptest! {
        /// The array-counting Patience diff gives `similar`'s own, token for token.
        #[test]
        fn patience_matches_similar(
            (a, b, distinct) in (1u32..40).prop_flat_map(|n| (
                proptest::collection::vec(0..n, 0..60),
                proptest::collection::vec(0..n, 0..60),
                proptest::strategy::Just(n as usize),
            )),
        ) {
            let want = similar::capture_diff_slices(similar::Algorithm::Patience, &a, &b);
            proptest::prop_assert_eq!(patience(&a, &b, distinct), want);
        }
    }

    #[test]
    fn patience_on_sentences() {
        let cases = [
            ("a b c d e", "a x c y e"),
            ("the cat sat on the mat", "the mat sat on the cat"),
            ("", "one two"),
            ("one two", ""),
            ("same same same", "same same"),
        ];
        for (x, y) in cases {
            let (ta, tb) = (tokens(x), tokens(y));
            let mut ids = FxHashMap::default();
            let (na, nb) = (number(&ta, &mut ids), number(&tb, &mut ids));
            let want = similar::capture_diff_slices(similar::Algorithm::Patience, &na, &nb);
            assert_eq!(patience(&na, &nb, ids.len()), want, "{x:?} -> {y:?}");
        }
    }

    #[test]
    fn token_ids_tell_tokens_apart_as_one_map_does() {
        let (x, y) = ("a, b  c. a\u{A0}b, \u{E9} c", "b a,, c \u{E9}. x  a");
        let (ta, tb) = (tokens(x), tokens(y));
        let mut ids = TokenIds::default();
        let (na, nb) = (ids.number(&ta), ids.number(&tb));
        let mut map = FxHashMap::default();
        let (ma, mb) = (number(&ta, &mut map), number(&tb, &mut map));
        assert_eq!((na, nb, ids.len()), (ma, mb, map.len()));
    }

    #[test]
    fn whole_clause_edits() {
        assert_eq!(whole(EditOp::Insert, "").len(), 0);
        assert_eq!(render(&whole(EditOp::Delete, "x y")), "[-x y-]");
    }
}
