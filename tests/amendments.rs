//! `policydiff amendments`: tables in (CSV, YAML), one verdict per row out, bad tables named with their
//! line or row and exit code 2. Texts are illustrative.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn cmd() -> Command {
    Command::cargo_bin("policydiff").unwrap()
}

#[test]
fn csv_rows_get_verdicts_and_keep_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "a.csv",
        "id,old,new,sponsor\n\
         A1,Staff should log each request.,Staff shall log each request.,Rivera\n\
         A2,Staff shall log each request.,Staff may log each request.,=cmd()\n\
         A3,,Nothing in this policy prevents staff from sharing the log.,Chen\n",
    );
    let out = cmd().args(["amendments"]).arg(&t).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "id",
            "old",
            "new",
            "sponsor",
            "direction",
            "confidence",
            "needs_review",
            "reasons"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let dirs: Vec<&str> = rows.iter().map(|r| &r[4]).collect();
    assert_eq!(dirs, ["strengthened", "weakened", "weakened"]);
    assert_eq!(&rows[1][3], "'=cmd()", "formula cells are neutralised");
    assert!(
        rows[0][7].contains("'should' became 'shall'"),
        "{}",
        &rows[0][7]
    );
}

#[test]
fn yaml_tables_and_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "a.yaml",
        "- old: Vendors shall not accept gifts.\n  new: Vendors shall not accept gifts, except meals under $20.\n  ref: 7\n",
    );
    let out = dir.path().join("out.json");
    cmd()
        .args(["amendments", "--format", "json", "--output"])
        .arg(&out)
        .arg(&t)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v[0]["row"], 1);
    assert_eq!(v[0]["columns"]["ref"], "7");
    assert_eq!(v[0]["direction"], "weakened");
    assert!(v[0]["reasons"][0]["explanation"]
        .as_str()
        .unwrap()
        .contains("except meals"));
}

#[test]
fn a_user_lexicon_applies() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "a.csv",
        "old,new\nStaff shall obtain the arrestee's social security number.,Staff shall not require a social security number.\n",
    );
    let lex = write(
        dir.path(),
        "lex.yaml",
        "intrusive_powers:\n  enabled: false\n",
    );
    cmd()
        .arg("amendments")
        .arg(&t)
        .assert()
        .success()
        .stdout(predicate::str::contains("strengthened"));
    cmd()
        .arg("amendments")
        .arg(&t)
        .arg("--lexicon")
        .arg(&lex)
        .assert()
        .success()
        .stdout(predicate::str::contains("strengthened").not())
        .stdout(predicate::str::contains("intrusive-power reading off"));
}

/// The verdicts of a table's rows, in order.
fn directions(table: &Path, args: &[&str]) -> Vec<String> {
    let out = cmd()
        .arg("amendments")
        .arg(table)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let at = rdr.headers().unwrap().iter().position(|h| h == "direction");
    rdr.records()
        .map(|r| r.unwrap()[at.unwrap()].to_string())
        .collect()
}

#[test]
fn regulated_names_whose_duties_bind_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    // Students and employees are the people a school policy protects, unless the policy is a code
    // that binds them.
    let t = write(
        dir.path(),
        "a.csv",
        "old,new
         ,Each student shall report any weapon seen on school grounds to the principal.
         An employee may appeal a suspension within 10 days.,An employee may appeal a suspension within 30 days.
",
    );
    assert_eq!(directions(&t, &[]), ["weakened", "strengthened"]);
    assert_eq!(
        directions(&t, &["--regulated", "students and employees"]),
        ["strengthened", "weakened"]
    );
    // Naming a party the lexicon already reads as bound changes nothing.
    assert_eq!(
        directions(&t, &["--regulated", "the principal"]),
        ["weakened", "strengthened"]
    );
}

#[test]
fn terms_that_speak_to_you_protect_you_when_the_company_is_named_bound() {
    let dir = tempfile::tempdir().unwrap();
    // Illustrative terms of a fictional hosting service: "we" is the service, "you" its customer.
    let t = write(
        dir.path(),
        "terms.csv",
        "old,new
         You must keep your password secret. You must report any misuse of your account.,You must keep your password secret.
         We may suspend your account if you miss a payment. We may delete your files.,We may suspend your account if you miss a payment.
",
    );
    // Named, the service is bound and the reader it speaks to is protected: a duty of the customer
    // dropped and a power of the service dropped both protect the customer more.
    assert_eq!(
        directions(&t, &["--regulated", "the service"]),
        ["strengthened", "strengthened"]
    );
    // A manual that binds its reader ("regulated: you") reads the same duty dropped as looser.
    assert_eq!(directions(&t, &["--regulated", "you"])[0], "weakened");
}

#[test]
fn bad_tables_are_named_with_line_or_row() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        ("ragged.csv", "old,new\na,b\nc\n", "line 3"),
        ("nocol.csv", "old,text\na,b\n", "no `new` column"),
        ("empty.csv", "", "empty"),
        (
            "blank.csv",
            "old,new\n,\n",
            "line 2: both `old` and `new` are empty",
        ),
        ("nested.yaml", "- old: a\n  new: [x]\n", "row 1"),
        ("syntax.yaml", "- old: a\n  new: 'x\n", "line"),
        (
            "notalist.yaml",
            "old: a\nnew: b\n",
            "expected a list of rows",
        ),
        ("table.txt", "old,new\na,b\n", ".csv, .yaml or .yml"),
    ];
    for (name, text, want) in cases {
        let t = write(dir.path(), name, text);
        cmd()
            .arg("amendments")
            .arg(&t)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*name).and(predicate::str::contains(*want)));
    }
    cmd()
        .arg("amendments")
        .arg(dir.path().join("missing.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.csv"));
    let bad = write(dir.path(), "bin.csv", "old,new\n");
    std::fs::write(&bad, b"old,new\n\xff\xfe,x\n").unwrap();
    cmd()
        .arg("amendments")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn lexicon_command_prints_the_builtin() {
    cmd().arg("lexicon").assert().success().stdout(
        predicate::str::contains("intrusive_powers:")
            .and(predicate::str::contains("enabled: true")),
    );
}
