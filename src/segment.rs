//! Normalised document text in, a list of [`Clause`]s out (numbering, headings, paragraphs).
//!
//! PLACEHOLDER: paragraphs only. The full segmenter (numbering styles of DESIGN.md) replaces this.

use crate::model::Clause;

/// Splits a document into clauses. Never fails: text with no recognisable structure becomes paragraphs.
pub fn segment(text: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut buf: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            flush(&mut clauses, &mut buf, start);
        } else {
            if buf.is_empty() {
                start = i + 1;
            }
            buf.push(line.trim());
        }
    }
    flush(&mut clauses, &mut buf, start);
    clauses
}

fn flush(clauses: &mut Vec<Clause>, buf: &mut Vec<&str>, line: usize) {
    if buf.is_empty() {
        return;
    }
    let n = clauses.len() + 1;
    clauses.push(Clause {
        id: format!("p{n}"),
        number: None,
        heading: None,
        path: Vec::new(),
        text: buf.join(" "),
        line,
        level: 0,
    });
    buf.clear();
}
