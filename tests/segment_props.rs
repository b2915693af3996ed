//! Properties of the segmenter on generated documents: it never panics, ids are unique, lines and
//! levels stay in range, the output is deterministic, and markup-only edits leave clause text alone.

use policydiff::segment::{segment, MAX_DEPTH};
use proptest::prelude::*;
use std::collections::HashSet;

/// Pieces a line is made of: markers of every style, headings, bullets, words and punctuation.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1.",
        "2.",
        "1.1",
        "2.3.4",
        "(a)",
        "(b)",
        "a.",
        "b)",
        "A.",
        "B.",
        "I.",
        "IV.",
        "i.",
        "(ii)",
        "Section 3.",
        "\u{a7} 5",
        "Article II",
        "##",
        "#",
        "-",
        "*",
        "\u{2022}",
        "**2.1.**",
        "===",
        "---",
        "|",
        "\"Term\" means",
        "officers",
        "shall",
        "not",
        "record",
        "PURPOSE",
        "the",
        "stop.",
        "x;",
        "y:",
        "(",
        ")",
        "[link](#a)",
        "<br>",
        "\\.",
        "_",
        "`",
        "Page 2 of 3",
        "    ",
        "\t",
    ])
}

fn line() -> impl Strategy<Value = String> {
    (0usize..6, prop::collection::vec(fragment(), 0..8))
        .prop_map(|(indent, parts)| format!("{}{}", " ".repeat(indent * 2), parts.join(" ")))
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn invariants_hold(doc in document()) {
        let clauses = segment(&doc);
        let lines = doc.split('\n').count();
        let mut ids = HashSet::new();
        for c in &clauses {
            prop_assert!(ids.insert(c.id.clone()), "duplicate id {}", c.id);
            prop_assert!(c.line >= 1 && c.line <= lines);
            prop_assert!(c.level < MAX_DEPTH);
            prop_assert!(!c.text.contains('\n'));
            prop_assert_eq!(c.text.trim(), c.text.as_str());
        }
        prop_assert_eq!(segment(&doc), clauses);
    }

    #[test]
    fn markup_only_edits_keep_text(
        items in prop::collection::vec(prop::collection::vec("[a-z]{2,9}", 2..10), 1..8),
        style in 0usize..4,
    ) {
        let plain: String = items
            .iter()
            .enumerate()
            .map(|(n, words)| format!("{}. Officers {}.\n\n", n + 1, words.join(" ")))
            .collect();
        let marked: String = items
            .iter()
            .enumerate()
            .map(|(n, words)| {
                let words: Vec<String> = words
                    .iter()
                    .map(|w| match style {
                        0 => format!("**{w}**"),
                        1 => format!("_{w}_"),
                        2 => format!("[{w}](https://example.org/{w})"),
                        _ => format!("<span class=\"x\">{w}</span>"),
                    })
                    .collect();
                format!("**{}.** Officers {}.\n\n", n + 1, words.join(" "))
            })
            .collect();
        let a: Vec<(String, String)> = segment(&plain).into_iter().map(|c| (c.id, c.text)).collect();
        let b: Vec<(String, String)> = segment(&marked).into_iter().map(|c| (c.id, c.text)).collect();
        prop_assert_eq!(a, b);
    }
}
