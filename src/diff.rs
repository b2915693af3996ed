//! Two clause texts in, a word-level edit script ([`WordEdit`]s) out.
//!
//! The only module that touches `similar`: its Unicode word tokenizer and Patience diff, mapped to our
//! three-op model. Adjacent edits of the same op are merged so renderers and the classifier see whole
//! runs ("may not" deleted, "shall" inserted) rather than token confetti.

use crate::model::{EditOp, WordEdit};
use similar::{Algorithm, ChangeTag, TextDiff};

/// Word diff of `old` against `new`. Concatenating the `Equal` and `Delete` texts gives back `old`;
/// `Equal` and `Insert` give back `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<WordEdit> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_unicode_words(old, new);
    let mut out: Vec<WordEdit> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => EditOp::Equal,
            ChangeTag::Insert => EditOp::Insert,
            ChangeTag::Delete => EditOp::Delete,
        };
        push(&mut out, op, change.value());
    }
    out
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

fn push(out: &mut Vec<WordEdit>, op: EditOp, text: &str) {
    if let Some(last) = out.last_mut() {
        if last.op == op {
            last.text.push_str(text);
            return;
        }
    }
    out.push(WordEdit {
        op,
        text: text.to_string(),
    });
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
    fn whole_clause_edits() {
        assert_eq!(whole(EditOp::Insert, "").len(), 0);
        assert_eq!(render(&whole(EditOp::Delete, "x y")), "[-x y-]");
    }
}
