//! `policydiff amendments --expect COLUMN`: the verdicts scored against a rater's labels, on CSV and
//! YAML tables, and the label and column errors. Texts are illustrative; figures are worked out by hand.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn cmd() -> Command {
    Command::cargo_bin("policydiff").unwrap()
}

/// Four rows: a clear upgrade labelled in another case and synonym (right), a clear downgrade
/// labelled strengthened (a swap), an unlabelled row (skipped), and an untouched clause labelled
/// neutral (right). So 3 scored, 2 agreed, 1 swap.
const ROWS: [(&str, &str, &str); 4] = [
    (
        "Staff should log each request.",
        "Staff shall log each request.",
        "Stronger",
    ),
    (
        "Staff shall log each request.",
        "Staff may log each request.",
        "s",
    ),
    (
        "Staff shall file a report.",
        "Staff shall file a short report.",
        "",
    ),
    (
        "Staff shall keep the log.",
        "Staff shall keep the log.",
        "NEUTRAL",
    ),
];

#[test]
fn csv_scorecard_goes_to_standard_error_and_rows_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("old,new,label\n");
    for (o, n, l) in ROWS {
        text.push_str(&format!("{o},{n},{l}\n"));
    }
    let t = write(dir.path(), "a.csv", &text);
    let plain = cmd().arg("amendments").arg(&t).output().unwrap();
    let scored = cmd()
        .args(["amendments", "--expect", "label"])
        .arg(&t)
        .output()
        .unwrap();
    assert!(scored.status.success());
    assert_eq!(plain.stdout, scored.stdout, "the per-row CSV is unchanged");
    let err = String::from_utf8(scored.stderr).unwrap();
    for needle in [
        "3 rows scored, 1 skipped",
        "agreement: 66.7% (2 of 3)",
        "swaps (strengthened <-> weakened): 1 (33.3%)",
        // Expected strengthened: one read so, one read weakened; expected unchanged: read so.
        "strengthened             1            1            0",
        "unchanged                0            0            1",
    ] {
        assert!(err.contains(needle), "{needle:?} not in\n{err}");
    }
}

#[test]
fn yaml_table_with_json_output_carries_the_scorecard_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for (o, n, l) in ROWS {
        text.push_str(&format!("- old: {o}\n  new: {n}\n  rated: '{l}'\n"));
    }
    let t = write(dir.path(), "a.yaml", &text);
    let out = cmd()
        .args(["amendments", "--format", "json", "--expect", "rated"])
        .arg(&t)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "JSON keeps the card out of stderr");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 4);
    assert_eq!(v["rows"][1]["direction"], "weakened");
    let card = &v["scorecard"];
    assert_eq!(card["rows"], 3);
    assert_eq!(card["skipped"], 1);
    assert_eq!(card["agreed"], 2);
    assert_eq!(card["swaps"], 1);
    assert_eq!(card["confusion"][0], serde_json::json!([1, 1, 0]));
    assert_eq!(card["per_label"]["unchanged"]["agreed"], 1);
    assert_eq!(card["reliability"].as_array().unwrap().len(), 10);
    let binned: u64 = card["reliability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(binned, 3, "every scored row falls in one bin");
    let flag_rows =
        card["confident"]["rows"].as_u64().unwrap() + card["flagged"]["rows"].as_u64().unwrap();
    assert_eq!(flag_rows, 3);
}

#[test]
fn unknown_label_names_row_column_and_value_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let cases = [
        (
            "a.csv",
            "old,new,label\na,b,weakened\nc,d,better\n",
            "line 3",
        ),
        ("a.yaml", "- old: a\n  new: b\n  label: better\n", "row 1"),
    ];
    for (name, text, place) in cases {
        let t = write(dir.path(), name, text);
        cmd()
            .args(["amendments", "--expect", "label", "--output"])
            .arg(&out)
            .arg(&t)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(name)
                    .and(predicate::str::contains(place))
                    .and(predicate::str::contains("`label`"))
                    .and(predicate::str::contains("`better`")),
            );
        assert!(!out.exists(), "{name}: nothing written");
    }
}

#[test]
fn missing_label_column_is_named_with_the_columns_present() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "a.csv", "id,old,new\n1,a,b\n");
    cmd()
        .args(["amendments", "--expect", "rating"])
        .arg(&t)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("a.csv")
                .and(predicate::str::contains("`rating`"))
                .and(predicate::str::contains("id, old, new")),
        );
}

/// The repository's own rated pairs (`tests/pairs/`), which `scripts/score-real` scores: each file is
/// a rated table whose every row carries a label, so its scorecard counts them all and skips none.
#[test]
fn the_repository_pairs_are_rated_tables_with_every_row_labelled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pairs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no pair files in {}", dir.display());
    for f in files {
        let pairs: Vec<serde_yaml::Value> =
            serde_yaml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let out = cmd()
            .args(["amendments", "--format", "json", "--expect", "expect"])
            .arg(&f)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", f.display());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["scorecard"]["rows"], pairs.len(), "{}", f.display());
        assert_eq!(v["scorecard"]["skipped"], 0, "{}", f.display());
    }
}
