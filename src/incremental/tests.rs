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
        "local",
        "local/ashford",
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

fn document(label: &str, text: &str) -> crate::model::Document {
    crate::model::Document {
        policy: "p".into(),
        label: label.into(),
        date: Some("2024-01-02".into()),
        status: crate::model::Status::Adopted,
        source_path: format!("{label}.md"),
        clauses: crate::segment::segment(text),
        warnings: Vec::new(),
    }
}

/// Reuse rests on this: a report read back from its JSON is the report that was written, every
/// confidence and similarity to the last bit, so what is rebuilt from it matches a full run.
#[test]
fn stored_reports_read_back_exactly() {
    use crate::model::{ConformReport, PairReport, SCHEMA};
    let texts = crate::synth::policy_versions(7, 40, 2);
    let (a, b) = (document("v1", &texts[0]), document("v2", &texts[1]));
    let cls = crate::classify::Classifier::new(crate::classify::Lexicon::builtin());
    let pair = crate::compare(&a, &b, &cls, Some("officers"));
    assert!(pair.changes.iter().any(|c| c.confidence.fract() != 0.0));
    let json = crate::report::render(&pair, crate::report::Format::Json).unwrap();
    assert_eq!(serde_json::from_str::<PairReport>(&json).unwrap(), pair);

    let agency = crate::conform::conform_document(&a, &b, &cls, None).unwrap();
    let conformance = ConformReport {
        schema: SCHEMA,
        policy: "p".into(),
        title: Some("P".into()),
        agencies: vec![agency],
    };
    let json = crate::report::conform_json(&conformance).unwrap();
    assert_eq!(
        serde_json::from_str::<ConformReport>(&json).unwrap(),
        conformance
    );
}

/// The keys of a policy folder holding `files` (name, text), read with program `program`.
fn keys_of(dir: &std::path::Path, files: &[(&str, &str)], program: &str) -> super::Keys {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let src = crate::ingest::load_policy(dir).unwrap();
    let settings = super::Settings::read(program, None, None).unwrap();
    super::Keys::read(&src, &settings, &[]).unwrap()
}

#[test]
fn keys_change_with_their_inputs_and_only_with_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    std::fs::create_dir(&dir).unwrap();
    let one = [("v1.txt", "1. Officers shall record stops.\n")];
    let two = [("v2.txt", "1. Officers should record stops.\n")];
    let three = [("v3.txt", "1. Officers may record stops.\n")];
    let first = keys_of(&dir, &[one[0], two[0]], "a");
    assert_eq!(first.pairs.len(), 1);
    assert_eq!(first.conformance, None);
    assert_eq!(keys_of(&dir, &[], "a"), first, "keys are stable");

    // A new version: the earlier comparison keeps its key, the policy's changes.
    let added = keys_of(&dir, &three, "a");
    assert_eq!(added.pairs[0], first.pairs[0]);
    assert_ne!(added.policy, first.policy);

    // Edited content: the comparisons it is part of change, no other.
    let edited = keys_of(&dir, &[("v3.txt", "1. Officers must record stops.\n")], "a");
    assert_eq!(edited.pairs[0], added.pairs[0]);
    assert_ne!(edited.pairs[1], added.pairs[1]);

    // Another build of the program: everything.
    let rebuilt = keys_of(&dir, &[], "b");
    assert!(rebuilt.pairs.iter().zip(&edited.pairs).all(|(a, b)| a != b));
}
