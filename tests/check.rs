//! `policydiff check` on small illustrative policies written here: which version is the baseline, the
//! exit code agrees with the printed counts, `--fail-on none` never fails, bad input exits 2.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    Command::cargo_bin("policydiff").expect("the policydiff binary")
}

const V1: &str = "Officers shall record every stop.\n\nOfficers shall not ask about immigration status.\n\nComplaints are answered within 30 days.\n";
const V2: &str = "Officers shall record every stop.\n\nOfficers shall not ask about immigration status.\n\nComplaints are answered within 20 days.\n";
const DRAFT: &str = "Officers should record stops where practicable.\n\nComplaints are answered within 20 days.\n\nNothing in this policy prevents officers from asking about status.\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// A policy folder with a manifest: two adopted versions and a later draft.
fn with_manifest(root: &Path) -> PathBuf {
    let dir = root.join("harbour-town");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "2016.txt", V1);
    write(&dir, "2018.txt", V2);
    write(&dir, "2025-draft.txt", DRAFT);
    write(
        &dir,
        "policy.yaml",
        "title: Harbour Town (illustrative)\nversions:\n  - {file: 2016.txt, label: '2016', status: adopted}\n  - {file: 2018.txt, label: '2018', status: adopted}\n  - {file: 2025-draft.txt, label: '2025', status: draft}\n",
    );
    dir
}

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("run policydiff");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The weakened count in the printed headline ("N weakened, ...").
fn weakened(text: &str) -> usize {
    let line = text.lines().nth(1).expect("a headline line");
    line.split(" weakened")
        .next()
        .and_then(|n| n.trim().parse().ok())
        .expect(line)
}

#[test]
fn draft_in_the_manifest_is_compared_with_the_latest_adopted_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_manifest(tmp.path());
    let (code, out) = stdout(
        bin()
            .arg("check")
            .arg(dir.join("2025-draft.txt"))
            .arg("--against")
            .arg(&dir),
    );
    assert!(out.contains("draft 2025 ("), "{out}");
    assert!(out.contains("against adopted 2018 ("), "{out}");
    let w = weakened(&out);
    assert_eq!(code, if w > 0 { 1 } else { 0 }, "{out}");
    assert_eq!(out.contains("gate FAILED"), w > 0, "{out}");
    // Every weakened clause is listed under its heading, one line each.
    let listed = out
        .lines()
        .skip_while(|l| *l != "Weakened:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .count();
    assert_eq!(listed, w, "{out}");
}

#[test]
fn fail_on_none_always_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_manifest(tmp.path());
    bin()
        .arg("check")
        .arg(dir.join("2025-draft.txt"))
        .arg("--against")
        .arg(&dir)
        .args(["--fail-on", "none"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gate passed (--fail-on none)"));
}

#[test]
fn fail_on_any_fails_exactly_when_something_changed_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_manifest(tmp.path());
    let (code, out) = stdout(
        bin()
            .arg("check")
            .arg(dir.join("2025-draft.txt"))
            .arg("--against")
            .arg(&dir)
            .args(["--fail-on", "any"]),
    );
    let headline = out.lines().nth(1).unwrap_or_default();
    let changed = !headline.starts_with("0 weakened, 0 strengthened");
    assert_eq!(code, if changed { 1 } else { 0 }, "{out}");
}

#[test]
fn an_identical_draft_passes_every_gate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_manifest(tmp.path());
    let same = write(tmp.path(), "same.txt", V2);
    for gate in ["weakened", "any", "none"] {
        bin()
            .arg("check")
            .arg(&same)
            .arg("--against")
            .arg(&dir)
            .args(["--fail-on", gate])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("0 weakened, 0 strengthened"));
    }
}

#[test]
fn without_a_manifest_the_last_file_other_than_the_draft_is_the_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    std::fs::create_dir_all(&dir).unwrap();
    write(&dir, "v1.txt", V1);
    write(&dir, "v2.txt", V2);
    let draft = write(&dir, "v10-draft.txt", DRAFT);
    let (_, out) = stdout(bin().arg("check").arg(&draft).arg("--against").arg(&dir));
    assert!(out.contains("against adopted v2 ("), "{out}");
    let outside = write(tmp.path(), "proposal.txt", DRAFT);
    let (_, out) = stdout(bin().arg("check").arg(&outside).arg("--against").arg(&dir));
    assert!(out.contains("against adopted v10-draft ("), "{out}");
}

#[test]
fn bad_input_exits_2_and_names_the_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = with_manifest(tmp.path());
    bin()
        .arg("check")
        .arg(tmp.path().join("missing.txt"))
        .arg("--against")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    let draft = write(tmp.path(), "draft.txt", DRAFT);
    bin()
        .arg("check")
        .arg(&draft)
        .arg("--against")
        .arg(tmp.path().join("nowhere"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere"));
    let lonely = tmp.path().join("lonely");
    std::fs::create_dir_all(&lonely).unwrap();
    let only = write(&lonely, "draft.txt", DRAFT);
    bin()
        .arg("check")
        .arg(&only)
        .arg("--against")
        .arg(&lonely)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no adopted version"));
    let empty = write(tmp.path(), "empty.txt", "");
    bin()
        .arg("check")
        .arg(&empty)
        .arg("--against")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.txt"));
}

#[test]
fn sample_draft_gate_agrees_with_its_own_counts() {
    let policy = Path::new(env!("CARGO_MANIFEST_DIR")).join("versions/fair-and-impartial-policing");
    if !policy.join("2025-draft.txt").is_file() {
        eprintln!("skipped: the sample corpus is not in versions/");
        return;
    }
    let draft = policy.join("2025-draft.txt");
    let (code, out) = stdout(bin().arg("check").arg(&draft).arg("--against").arg(&policy));
    assert!(
        out.contains("draft 2025 (") && out.contains("against adopted 2024 ("),
        "{out}"
    );
    assert_eq!(code, if weakened(&out) > 0 { 1 } else { 0 }, "{out}");
    bin()
        .arg("check")
        .arg(&draft)
        .arg("--against")
        .arg(&policy)
        .args(["--fail-on", "none"])
        .assert()
        .code(0);
}
