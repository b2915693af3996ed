//! Unit tests of the record's safety checks; the byte-for-byte comparisons with full runs are in
//! `tests/incremental.rs`.

use super::record::{is_output_name, Record, FORMAT, RECORD_FILE};

#[test]
fn only_names_run_writes_may_be_deleted() {
    for ok in [
        "v1__v2.json",
        "history.csv",
        "local/ashford.html",
        "conformance.json",
    ] {
        assert!(is_output_name(ok), "{ok}");
    }
    for bad in [
        "../v1__v2.json",
        "/etc/passwd",
        "local/../../x",
        "a/b.html",
        "local/x/y.md",
        "",
        ".",
        "..\\x",
        RECORD_FILE,
        "local/",
    ] {
        assert!(!is_output_name(bad), "{bad}");
    }
}

fn record_in(dir: &std::path::Path, text: &str) -> Result<Option<Record>, String> {
    std::fs::write(dir.join(RECORD_FILE), text).unwrap();
    Record::read(dir, "p")
}

#[test]
fn a_record_that_cannot_be_trusted_says_why() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Record::read(dir.path(), "p"), Ok(None));
    let why = record_in(dir.path(), "{\"record\": ").unwrap_err();
    assert!(why.contains("not a record policydiff can read"), "{why}");
    let why = record_in(dir.path(), "[1, 2]").unwrap_err();
    assert!(why.contains("not a record"), "{why}");
    let good = |policy: &str, file: &str, format: &str| {
        format!(
            r#"{{"record": "{format}", "program": "x", "policy": "{policy}", "inputs": "k",
                "versions": [], "lineages": [], "warnings": [], "pairs": [],
                "history": {{"{file}": {{"bytes": 1, "sha256": "00"}}}}, "conformance": null}}"#
        )
    };
    assert!(record_in(dir.path(), &good("p", "history.csv", FORMAT))
        .unwrap()
        .is_some());
    let why = record_in(dir.path(), &good("q", "history.csv", FORMAT)).unwrap_err();
    assert!(why.contains("policy \"q\""), "{why}");
    let why = record_in(dir.path(), &good("p", "history.csv", "other/9")).unwrap_err();
    assert!(why.contains("format"), "{why}");
    let why = record_in(dir.path(), &good("p", "../../x", FORMAT)).unwrap_err();
    assert!(why.contains("cannot have written"), "{why}");
}
