//! Verdict weights from the command line: `policydiff weights` prints the built-in file, `--weights` and
//! a manifest's `weights:` replace it, and a bad file is refused with its line. Texts are illustrative.

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

/// Weights that read every argued strength backwards: what the rules call strengthened comes out
/// weakened, so a test can tell the file was used.
const BACKWARDS: &str = "calibration:
  flat: {fitted_on: a test that reads the rules backwards, temperature: 1.0, review_below: 0.0}
  punctuated: {fitted_on: a test that reads the rules backwards, temperature: 1.0, review_below: 0.0}
bias: {strengthened: -0.25, weakened: -0.25, unchanged: 0.0}\n\
weights:\n  rules:net: {strengthened: -1.0, weakened: 1.0}\n";

const OLD: &str = "1. Staff should log each request.\n";
const NEW: &str = "1. Staff shall log each request.\n";

#[test]
fn weights_prints_the_builtin_file() {
    let out = cmd().arg("weights").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, policydiff::classify::weigh::BUILTIN_YAML);
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "w.yaml", &text);
    policydiff::classify::Weights::from_file(&file).expect("the printed file reads back");
}

#[test]
fn a_weights_file_replaces_the_builtin_on_diff_and_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        write(dir.path(), "a.txt", OLD),
        write(dir.path(), "b.txt", NEW),
    );
    let w = write(dir.path(), "w.yaml", BACKWARDS);
    let summary = |extra: &[&Path]| {
        let out = cmd()
            .args(["diff", "--format", "json"])
            .arg(&a)
            .arg(&b)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["changes"][0]["direction"].as_str().unwrap().to_string()
    };
    assert_eq!(summary(&[]), "strengthened");
    assert_eq!(summary(&[Path::new("--weights"), &w]), "weakened");

    let t = write(
        dir.path(),
        "t.csv",
        "old,new\nStaff should log each request.,Staff shall log each request.\n",
    );
    cmd()
        .arg("amendments")
        .arg(&t)
        .arg("--weights")
        .arg(&w)
        .assert()
        .success()
        .stdout(predicate::str::contains(",weakened,"));
}

#[test]
fn a_manifest_names_weights_for_its_policy() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("versions").join("logs");
    std::fs::create_dir_all(&policy).unwrap();
    write(&policy, "v1.txt", OLD);
    write(&policy, "v2.txt", NEW);
    write(&policy, "backwards.yaml", BACKWARDS);
    write(
        &policy,
        "policy.yaml",
        "weights: backwards.yaml\nversions:\n  - file: v1.txt\n  - file: v2.txt\n    status: draft\n",
    );
    let draft = policy.join("v2.txt");
    cmd()
        .arg("check")
        .arg(&draft)
        .arg("--against")
        .arg(&policy)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 weakened"));
    write(
        &policy,
        "policy.yaml",
        "weights: ../elsewhere.yaml\nversions:\n  - file: v1.txt\n  - file: v2.txt\n",
    );
    cmd()
        .arg("history")
        .arg(&policy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the policy folder"));
}

#[test]
fn a_bad_weights_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        write(dir.path(), "a.txt", OLD),
        write(dir.path(), "b.txt", NEW),
    );
    let cases = [
        (
            "typo.yaml",
            "calibration:\n  flat: {temperature: 1, review_below: 0.5}\n  punctuated: {temperature: 1, \
             review_below: 0.5}\nbias: {}\nweights:\n  argues:modal-upgrad: {weakened: 1}\n",
            "typo.yaml:6:3: weights: unknown feature `argues:modal-upgrad`",
        ),
        (
            "shape.yaml",
            "calibration:\n  flat: {temperature: 1, review_below: 0.5}\n  punctuated: {temperature: 1, \
             review_below: 0.5}\nbias: [1, 2, 3]\n",
            "shape.yaml:4:",
        ),
    ];
    for (name, text, want) in cases {
        let w = write(dir.path(), name, text);
        cmd()
            .arg("diff")
            .arg(&a)
            .arg(&b)
            .arg("--weights")
            .arg(&w)
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains(want));
    }
    cmd()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .arg("--weights")
        .arg(dir.path().join("none.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("none.yaml"));
}
