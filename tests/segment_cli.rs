//! `policydiff segment` as a user runs it: text and JSON output for an illustrative policy, and the
//! segmenter's invariants on every real document of the shared data (skipped when it is absent).

mod common;

use assert_cmd::Command;
use policydiff::segment::segment;
use std::collections::HashSet;

/// Illustrative sample written for this test; not a real policy.
const SAMPLE: &str = "\
TOWN OF ILLUSTRATION POLICE
General Order 7: Sample Stops

I. PURPOSE

This order is an illustrative sample.

II. DEFINITIONS

\"Stop\" means a brief detention.

III. PROCEDURES

A. **Traffic stops.** Officers shall state the reason.

1. Officers may ask for a license.

2. Officers shall not ask about
   immigration status.

B. Officers shall record:

(i) the time; and

(ii) the place.
";

fn run(args: &[&str], input: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sample.txt");
    std::fs::write(&file, input).expect("write sample");
    let out = Command::cargo_bin("policydiff")
        .expect("binary")
        .arg("segment")
        .arg(&file)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn text_output() {
    insta::assert_snapshot!(run(&[], SAMPLE));
}

#[test]
fn json_output() {
    let json: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json"], SAMPLE)).expect("valid JSON");
    let ids: Vec<&str> = json
        .as_array()
        .expect("an array of clauses")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "I",
            "definitions/stop",
            "III.A",
            "III.A.1",
            "III.A.2",
            "III.B",
            "III.B(i)",
            "III.B(ii)"
        ]
    );
    let a2 = &json[4];
    assert_eq!(
        a2["text"],
        "Officers shall not ask about immigration status."
    );
    assert_eq!(a2["line"], 18);
    assert_eq!(a2["level"], 2);
    assert_eq!(
        a2["path"],
        serde_json::json!([
            "TOWN OF ILLUSTRATION POLICE General Order 7: Sample Stops",
            "III. PROCEDURES",
            "A. Traffic stops"
        ])
    );
    assert_eq!(json[2]["heading"], "Traffic stops");
}

#[test]
fn same_input_same_output() {
    assert_eq!(
        run(&["--format", "json"], SAMPLE),
        run(&["--format", "json"], SAMPLE)
    );
}

/// Every real document: ids unique, lines within the file and in order, no empty numbered ids.
#[test]
fn real_documents_hold_the_invariants() {
    let Some(root) = common::shared("realdata") else {
        return;
    };
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let text = policydiff::ingest::read_version(&file).expect("readable version");
        let lines = text.lines().count();
        let clauses = segment(&text);
        assert!(!clauses.is_empty(), "{}", file.display());
        let mut seen = HashSet::new();
        let mut last = 0;
        for c in &clauses {
            assert!(
                seen.insert(c.id.as_str()),
                "{}: duplicate id {}",
                file.display(),
                c.id
            );
            assert!(
                !c.id.is_empty(),
                "{}: empty id at line {}",
                file.display(),
                c.line
            );
            assert!(
                c.line >= 1 && c.line <= lines,
                "{}: line {}",
                file.display(),
                c.line
            );
            assert!(
                c.line >= last,
                "{}: {} goes back to line {}",
                file.display(),
                c.id,
                c.line
            );
            last = c.line;
        }
    }
}
