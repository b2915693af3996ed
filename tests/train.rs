//! `policydiff train`: a rated table in, a weights file out that the other commands accept, with the
//! cross-validated scorecard on standard error; bad tables refused with nothing written. Texts are
//! illustrative.

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

const DUTIES: [&str; 12] = [
    "log each request",
    "file a report",
    "notify the supervisor",
    "keep the records",
    "record each stop",
    "inform the person",
    "wear a camera",
    "give a receipt",
    "offer an interpreter",
    "review the footage",
    "check the log",
    "sign the form",
];

/// Three rows per duty, one group per duty: an upgrade (strengthened), a downgrade (weakened) and a
/// reworded subject with the same force (unchanged). 36 rows.
fn rated_csv() -> String {
    let mut s = String::from("id,old,new,label,grp\n");
    for (i, d) in DUTIES.iter().enumerate() {
        s.push_str(&format!(
            "{i}a,Staff should {d}.,Staff shall {d}.,strengthened,g{i}\n"
        ));
        s.push_str(&format!(
            "{i}b,Staff shall {d}.,Staff may {d}.,weakened,g{i}\n"
        ));
        s.push_str(&format!(
            "{i}c,Staff shall {d}.,Employees shall {d}.,unchanged,g{i}\n"
        ));
    }
    s
}

/// The weights `train` fits on `table` with `args`, and what it printed on standard error.
fn fitted(dir: &Path, table: &Path, args: &[&str]) -> (String, String) {
    let w = dir.join("w.yaml");
    let out = cmd()
        .args(["train", "--expect", "label", "--group", "grp", "-o"])
        .arg(&w)
        .arg(table)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    (std::fs::read_to_string(&w).unwrap(), err)
}

/// The scorecard `amendments` prints for `table` read with `weights` and `args`.
fn scorecard(table: &Path, weights: &Path, args: &[&str]) -> String {
    let out = cmd()
        .args(["amendments", "--expect", "label", "--weights"])
        .arg(weights)
        .arg(table)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn regulated_changes_whose_duties_the_evidence_reads() {
    let dir = tempfile::tempdir().unwrap();
    // A code of conduct that binds students: their new duties strengthen it.
    let t = write(
        dir.path(),
        "rated.csv",
        &rated_csv().replace("Staff", "Students"),
    );
    let (as_public, _) = fitted(dir.path(), &t, &[]);
    let (as_bound, _) = fitted(dir.path(), &t, &["--regulated", "students"]);
    assert_ne!(
        as_public, as_bound,
        "students read as bound give other evidence than students read as protected"
    );
    // The same reading scores the table with the weights fitted under it.
    let w = write(dir.path(), "bound.yaml", &as_bound);
    let card = scorecard(&t, &w, &["--regulated", "students"]);
    assert!(card.contains("agreement: 100.0% (36 of 36)"), "{card}");
}

#[test]
fn train_writes_weights_the_other_commands_accept() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "rated.csv", &rated_csv());
    let (text, err) = fitted(dir.path(), &t, &[]);
    assert!(err.contains("5-fold cross-validation by `grp`"), "{err}");
    assert!(err.contains("scorecard: 36 rows scored"), "{err}");
    assert!(
        text.contains("fitted_on: \"rated.csv: 36 rated rows"),
        "{text}"
    );
    assert!(
        !text.contains(&dir.path().display().to_string()),
        "no machine path in the file"
    );
    // The fitted weights score the same table; every row's pattern was seen in other groups.
    let card = scorecard(&t, &dir.path().join("w.yaml"), &[]);
    assert!(card.contains("agreement: 100.0% (36 of 36)"), "{card}");
}

#[test]
fn held_out_verdicts_are_written_row_by_row_as_the_scorecard_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "rated.csv", &rated_csv());
    let held = dir.path().join("held.csv");
    let (_, err) = fitted(dir.path(), &t, &["--held-out", held.to_str().unwrap()]);
    let text = std::fs::read_to_string(&held).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("table,row,group,expect,direction,confidence,needs_review,strengthened,weakened,unchanged")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 36);
    // Rows in table order, each at its line of the CSV file, with the rater's label beside the verdict.
    assert_eq!(
        rows[0][..4],
        ["rated.csv", "line 2", "rated.csv:g0", "strengthened"]
    );
    assert_eq!(
        rows[35][..4],
        ["rated.csv", "line 37", "rated.csv:g11", "unchanged"]
    );
    for r in &rows {
        let p: f64 = r[7..].iter().map(|x| x.parse::<f64>().unwrap()).sum();
        assert!((p - 1.0).abs() < 0.01, "probabilities sum to one: {r:?}");
    }
    // The scorecard on standard error counts exactly the rows the table shows as agreeing.
    let agreed = rows.iter().filter(|r| r[3] == r[4]).count();
    assert!(
        err.contains(&format!("({agreed} of 36)")),
        "{agreed}: {err}"
    );
}

#[test]
fn bad_tables_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w.yaml");
    let few: String = rated_csv()
        .lines()
        .take(20)
        .map(|l| format!("{l}\n"))
        .collect();
    let unknown = rated_csv().replacen(",weakened,", ",worse,", 1);
    let cases: [(&str, String, &[&str], &str); 4] = [
        (
            "few.csv",
            few,
            &["--group", "grp"],
            "19 rows have a label in `label`; fitting weights needs at least 30",
        ),
        ("unknown.csv", unknown, &[], "`worse`"),
        (
            "nogroup.csv",
            rated_csv(),
            &["--group", "clause"],
            "no `clause` column to group by (columns found: id, old, new, label, grp)",
        ),
        (
            "nolabel.csv",
            rated_csv().replace(",label,", ",rating,"),
            &[],
            "no `label` column",
        ),
    ];
    for (name, text, extra, want) in cases {
        let t = write(dir.path(), name, &text);
        cmd()
            .args(["train", "--expect", "label", "-o"])
            .arg(&w)
            .args(extra)
            .arg(&t)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name).and(predicate::str::contains(want)));
        assert!(!w.exists(), "{name}: nothing written");
    }
    let t = write(dir.path(), "ok.csv", &rated_csv());
    for (flag, value, want) in [
        ("--folds", "1", "--folds must be at least 2"),
        (
            "--max-swaps",
            "1.5",
            "--max-swaps is a share from 0 to 1, not 1.5",
        ),
    ] {
        cmd()
            .args(["train", "--expect", "label", flag, value])
            .arg(&t)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
    }
}

#[test]
fn fit_only_tables_are_fitted_on_but_the_figures_and_thresholds_come_from_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let main = write(dir.path(), "new-text.csv", &rated_csv());
    let seen = write(dir.path(), "seen.csv", &rated_csv().replace(",g", ",s"));
    let (weights, err) = fitted(dir.path(), &main, &["--fit-only", seen.to_str().unwrap()]);
    assert!(
        weights.contains("new-text.csv + seen.csv: 72 rated rows")
            && weights.contains("calibrated on new-text.csv alone"),
        "{weights}"
    );
    assert!(err.contains("scorecard: 36 rows scored"), "{err}");
    // Too few rows to calibrate on are refused, however many the fit-only tables hold.
    let few: String = rated_csv()
        .lines()
        .take(20)
        .map(|l| format!("{l}\n"))
        .collect();
    let few = write(dir.path(), "few.csv", &few);
    cmd()
        .args(["train", "--expect", "label", "--fit-only"])
        .arg(&seen)
        .arg(&few)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "19 rated rows are of the kind asked for; fitting weights needs at least 30 outside the --fit-only tables",
        ));
}
