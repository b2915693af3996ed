//! Table-driven tests of the segmenter: every numbering style, nesting, ambiguity, markup and limits.
//! All sample text is illustrative and written for these tests.

use super::segment;

/// Segments `input` and checks the (id, text) of every clause.
#[track_caller]
fn case(input: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, String)> = segment(input).into_iter().map(|c| (c.id, c.text)).collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(i, t)| (i.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want, "input:\n{input}");
}

/// Checks the ids only.
#[track_caller]
fn ids(input: &str, want: &[&str]) {
    let got: Vec<String> = segment(input).into_iter().map(|c| c.id).collect();
    assert_eq!(got, want, "input:\n{input}");
}

#[test]
fn smoke() {
    case(
        "1. Officers shall.\n\n2. Staff may.\n",
        &[("1", "Officers shall."), ("2", "Staff may.")],
    );
}
