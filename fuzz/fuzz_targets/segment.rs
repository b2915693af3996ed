//! Arbitrary bytes in, a crash out if segmenting them panics or breaks the clause contract: every clause
//! starts on a line that exists, and ids are unique within the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::ingest::normalize;
use policydiff::segment::segment;
use std::collections::BTreeSet;

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before segmentation, so only text is worth exploring.
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let text = normalize(raw);
    let clauses = segment(&text);
    let lines = text.lines().count();
    let mut ids = BTreeSet::new();
    for c in &clauses {
        assert!(
            c.line >= 1 && c.line <= lines,
            "clause {:?} starts on line {} of {lines}",
            c.id,
            c.line
        );
        assert!(ids.insert(c.id.as_str()), "id {:?} used twice", c.id);
    }
    // Callers may skip normalisation; that must not panic either.
    let _ = segment(raw);
});
