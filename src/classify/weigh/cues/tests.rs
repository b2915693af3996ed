//! Lexical evidence on short made-up changes.

use super::*;
use crate::classify::Lexicon;

fn features(old: &str, new: &str) -> Vec<(String, f64)> {
    Lexicon::builtin()
        .cue_groups()
        .features(old, new, false)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("word:"))
        .collect()
}

fn names(f: &[(String, f64)]) -> Vec<&str> {
    f.iter().map(|(k, _)| k.as_str()).collect()
}

fn ln(n: f64) -> f64 {
    (1.0 + n).ln()
}

#[test]
fn words_are_lower_case_runs_of_letters_and_digits() {
    assert_eq!(
        words("The Officer's  287(g) duty."),
        ["the", "officer", "s", "287", "g", "duty"]
    );
}

#[test]
fn a_modal_swap_and_an_added_gate_read_on_their_own_sides() {
    let f = features(
        "Staff should log each request.",
        "Staff shall log each request only if asked.",
    );
    assert_eq!(
        names(&f),
        [
            "cue:advisory:deleted",
            "cue:gate:added",
            "cue:obligation:added",
            "edit:modified",
            "size:added",
            "size:deleted",
        ],
        "`only if` is read as one gate, not as `only` too; unchanged `staff` is no cue"
    );
    let size_added = f.iter().find(|(k, _)| k == "size:added").unwrap().1;
    assert_eq!(size_added, ln(4.0), "shall, only, if, asked");
}

#[test]
fn whole_clauses_added_or_removed_count_every_word() {
    let f = features("", "Officers may detain any person.");
    assert_eq!(
        names(&f),
        [
            "cue:breadth:added",
            "cue:intrusive:added",
            "cue:permission:added",
            "cue:protected-party:added",
            "cue:regulated-party:added",
            "edit:added",
            "size:added",
        ]
    );
    let f = features("Officers may detain any person.", "");
    assert!(names(&f).contains(&"edit:removed"));
    assert!(names(&f).contains(&"cue:permission:deleted"));
}

#[test]
fn a_trailing_star_matches_the_beginning_of_a_word_and_counts_repeat() {
    let f = features(
        "Controllers shall erase the data.",
        "Controllers shall erase the data, subject to derogations and exemptions.",
    );
    let latitude = f.iter().find(|(k, _)| k == "cue:latitude:added").unwrap().1;
    assert_eq!(latitude, ln(2.0), "derogations and exemptions");
    assert!(names(&f).contains(&"cue:and:added"));
}

#[test]
fn user_groups_join_the_built_in_ones() {
    let mut groups = BTreeMap::new();
    groups.insert(
        "fees".to_string(),
        vec!["fee*".to_string(), "service charge".to_string()],
    );
    let c = Cues::build(&groups);
    let f = c.features("A fee applies.", "Fees and a service charge apply.", false);
    let fees = f.iter().find(|(k, _)| k == "cue:fees:added").unwrap().1;
    assert_eq!(fees, ln(2.0));
}

#[test]
fn changed_words_are_named_by_side_and_by_reading() {
    let lex = Lexicon::builtin();
    let c = lex.cue_groups();
    let words = |f: Vec<(String, f64)>| -> Vec<String> {
        f.into_iter()
            .map(|(k, _)| k)
            .filter(|k| k.contains("word:"))
            .collect()
    };
    let punctuated = c.features(
        "Staff should log it.",
        "Staff shall log it, and log it.",
        false,
    );
    assert_eq!(
        words(punctuated),
        [
            "word:+and",
            "word:+it",
            "word:+log",
            "word:+shall",
            "word:-should"
        ]
    );
    let flat = c.features("staff should log it", "staff shall log it", true);
    assert_eq!(words(flat), ["flat:word:+shall", "flat:word:-should"]);
    assert!(is_flat("staff should log it", ""));
    assert!(!is_flat("Staff should log it", ""));
    assert!(!is_flat("staff should log it, daily", ""));
}

#[test]
fn flat_text_reads_each_changed_word_with_its_neighbours() {
    let c = Lexicon::builtin().cue_groups().clone();
    let pairs = |f: Vec<(String, f64)>| -> Vec<String> {
        f.into_iter()
            .map(|(k, _)| k)
            .filter(|k| k.contains("pair:"))
            .collect()
    };
    assert_eq!(
        pairs(c.features("staff should log it", "staff shall log it", true)),
        [
            "flat:pair:+shall_log",
            "flat:pair:+staff_shall",
            "flat:pair:-should_log",
            "flat:pair:-staff_should"
        ]
    );
    // The neighbours are stems as the words are: "officers shall record" and "the officer shall
    // record" share the pair "officer_shall".
    assert_eq!(
        pairs(c.features("officers log stops", "officers shall log stops", true)),
        ["flat:pair:+officer_shall", "flat:pair:+shall_log"]
    );
    // Punctuated text is read by the rules; its words stand alone.
    assert!(pairs(c.features("Staff should log it.", "Staff shall log it.", false)).is_empty());
}
