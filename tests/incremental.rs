//! Incremental `run`: after every kind of edit to a versions folder (a draft added, a version edited,
//! the lexicon edited, a version deleted, a review file added or edited), a run that reuses its record writes exactly the files a
//! full run into an empty folder writes, recomputing only what changed; a record or stored report that
//! cannot be trusted is named in a warning and recomputed; `--full` ignores the record.

mod common;
mod ingest_fixtures;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// The sample corpus (with its local policies, so conformance reports are covered) and a lexicon file
/// given with `--lexicon`, copied into a temporary folder to be edited.
struct Corpus {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Corpus {
    fn new() -> Corpus {
        let (tmp, root) = common::sample_copy();
        fs::write(root.join("lexicon.yaml"), "will: obligation\n").unwrap();
        Corpus { _tmp: tmp, root }
    }

    fn versions(&self) -> PathBuf {
        self.root.join("versions")
    }

    /// Runs into `out` (relative to the corpus root) and returns `(recomputed, reused, stderr)`.
    fn run(&self, out: &str, extra: &[&str]) -> (usize, usize, String) {
        let output = Command::cargo_bin("policydiff")
            .unwrap()
            .current_dir(&self.root)
            .args(["run", "--versions", "versions", "--lexicon", "lexicon.yaml"])
            .args(["--out", out])
            .args(extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(output.status.success(), "{stderr}");
        (
            count(&stderr, " recomputed"),
            count(&stderr, " reused"),
            stderr,
        )
    }

    /// Runs incrementally into `inc`, checks that its outputs equal a full run's into a new folder,
    /// and returns how many comparisons were recomputed and reused.
    fn step(&self, name: &str) -> (usize, usize) {
        let (recomputed, reused, _) = self.run("inc", &[]);
        let full = format!("full-{name}");
        let (all, none, _) = self.run(&full, &["--full"]);
        assert_eq!(none, 0, "{name}: --full reused something");
        assert_eq!(all, recomputed + reused, "{name}: comparison counts differ");
        assert_same_tree(&self.root.join("inc"), &self.root.join(&full), name);
        (recomputed, reused)
    }
}

/// The number just before `what` in the summary line ("(2 recomputed, 3 reused)").
fn count(stderr: &str, what: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.contains(" comparisons ("))
        .unwrap_or_else(|| panic!("no summary line in {stderr}"));
    let before = &line[..line.find(what).unwrap_or_else(|| panic!("{line}"))];
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[track_caller]
fn assert_same_tree(a: &Path, b: &Path, step: &str) {
    let (a, b) = (common::snapshot_dir(a), common::snapshot_dir(b));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{step}: different files");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{step}: {name} differs from a full run's");
    }
}

/// Replaces the first `from` in a file with `to`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap())
}

#[test]
fn every_edit_gives_the_outputs_of_a_full_run_and_recomputes_only_what_changed() {
    let c = Corpus::new();
    let v = c.versions();
    let cams = v.join("body-worn-cameras");
    let fip = v.join("fair-and-impartial-policing");

    // The sample corpus: 3 + 2 comparisons.
    assert_eq!(c.step("first"), (5, 0));
    #[cfg(unix)]
    let before = inode(&c.root.join("inc/body-worn-cameras/v1-2019__v2-2021.html"));
    assert_eq!(c.step("unchanged"), (0, 5));

    // A new draft: only its comparison with the last version is computed.
    let draft = fs::read_to_string(cams.join("v3-2023.txt")).unwrap();
    fs::write(
        cams.join("v4-2025.txt"),
        draft.replacen("shall", "should", 1),
    )
    .unwrap();
    assert_eq!(c.step("draft added"), (1, 5));
    // Reused comparisons' files are left alone, not rewritten with the same bytes.
    #[cfg(unix)]
    assert_eq!(
        before,
        inode(&c.root.join("inc/body-worn-cameras/v1-2019__v2-2021.html"))
    );

    // A new draft of a model with local policies: the agencies answer to the latest adopted
    // version, which did not change, so their reports are reused too.
    let conformance = c
        .root
        .join("inc/fair-and-impartial-policing/conformance.csv");
    #[cfg(unix)]
    let before = inode(&conformance);
    let draft = fs::read_to_string(fip.join("2025-draft.txt")).unwrap();
    fs::write(
        fip.join("2026-draft.txt"),
        draft.replacen("shall", "may", 1),
    )
    .unwrap();
    let manifest = fs::read_to_string(fip.join("policy.yaml")).unwrap();
    fs::write(
        fip.join("policy.yaml"),
        manifest + "  - {file: 2026-draft.txt, label: \"2026\", status: draft}\n",
    )
    .unwrap();
    assert_eq!(c.step("draft of a model added"), (1, 6));
    #[cfg(unix)]
    assert_eq!(before, inode(&conformance));

    // An edited local policy: no comparison, but the conformance reports.
    edit(&fip.join("local/ashford.txt"), "shall", "should");
    assert_eq!(c.step("local policy edited"), (0, 7));
    #[cfg(unix)]
    assert_ne!(before, inode(&conformance));

    // An edited version: both of its comparisons, and the conformance reports of the agencies that
    // answer to it (the latest adopted version, 2024).
    edit(&fip.join("2024-revision.txt"), "shall", "should");
    assert_eq!(c.step("version edited"), (2, 5));

    // The manifest's facts reach the reports too: a new date for one version.
    edit(&fip.join("policy.yaml"), "2016-06-01", "2016-06-02");
    assert_eq!(c.step("manifest edited"), (1, 6));

    // The lexicon reaches every verdict.
    fs::write(c.root.join("lexicon.yaml"), "will: future\n").unwrap();
    assert_eq!(c.step("lexicon edited"), (7, 0));

    // A version deleted from the middle: one new comparison; the two old ones' files go.
    fs::remove_file(cams.join("v2-2021.txt")).unwrap();
    assert_eq!(c.step("version deleted"), (1, 5));
    assert!(!c
        .root
        .join("inc/body-worn-cameras/v1-2019__v2-2021.json")
        .exists());

    // A review file: every comparison of its policy (a review may name any of them), nothing else.
    // Its words are the fingerprint of a real change, so the reports really differ.
    let report =
        fs::read_to_string(c.root.join("inc/body-worn-cameras/v3-2023__v4-2025.json")).unwrap();
    let at = report.find("\"fingerprint\": \"").unwrap() + "\"fingerprint\": \"".len();
    let fingerprint = &report[at..at + 16];
    let reviews = cams.join("reviews.yaml");
    fs::write(
        &reviews,
        format!(
            "- fingerprint: {fingerprint}\n  verdict: weakened\n  by: A\n\
             - fingerprint: 00000000deadbeef\n  verdict: unchanged\n  by: B\n"
        ),
    )
    .unwrap();
    assert_eq!(c.step("reviews added"), (2, 4));
    assert!(
        fs::read_to_string(c.root.join("inc/body-worn-cameras/v3-2023__v4-2025.json"))
            .unwrap()
            .contains("\"tool_direction\"")
    );
    // A comment is not a review: nothing to recompute.
    let text = fs::read_to_string(&reviews).unwrap();
    fs::write(&reviews, format!("# Decided in March.\n{text}")).unwrap();
    assert_eq!(c.step("review file commented"), (0, 6));
    edit(&reviews, "verdict: weakened", "verdict: strengthened");
    assert_eq!(c.step("review edited"), (2, 4));

    // The local policies go: their reports go with them.
    fs::remove_dir_all(fip.join("local")).unwrap();
    c.step("local policies removed");
    assert!(!c
        .root
        .join("inc/fair-and-impartial-policing/conformance.csv")
        .exists());
}

#[test]
fn a_damaged_or_foreign_record_is_named_and_not_trusted() {
    let c = Corpus::new();
    c.run("inc", &[]);
    let record = c.root.join("inc/body-worn-cameras/.policydiff-record.json");
    let other = c
        .root
        .join("inc/fair-and-impartial-policing/.policydiff-record.json");

    fs::write(&record, "{\"record\": \"policydiff-record/1\", ").unwrap();
    let (recomputed, reused, stderr) = c.run("inc", &[]);
    assert_eq!((recomputed, reused), (2, 3));
    assert!(
        stderr.contains("warning") && stderr.contains(".policydiff-record.json"),
        "{stderr}"
    );

    // Another policy's record in its place.
    fs::copy(&other, &record).unwrap();
    let (recomputed, _, stderr) = c.run("inc", &[]);
    assert_eq!(recomputed, 2);
    assert!(stderr.contains("the record of policy"), "{stderr}");

    c.run("full", &["--full"]);
    assert_same_tree(&c.root.join("inc"), &c.root.join("full"), "after damage");
}

#[test]
fn a_stored_report_changed_by_hand_is_recomputed() {
    let c = Corpus::new();
    c.run("inc", &[]);
    // Same size, other bytes: only its hash tells.
    let json = c.root.join("inc/body-worn-cameras/v1-2019__v2-2021.json");
    let text = fs::read_to_string(&json).unwrap();
    fs::write(&json, text.replacen("\"policy\"", "\"Policy\"", 1)).unwrap();
    // A missing report of another comparison.
    fs::remove_file(c.root.join("inc/body-worn-cameras/v2-2021__v3-2023.md")).unwrap();
    let (recomputed, reused, stderr) = c.run("inc", &[]);
    assert_eq!((recomputed, reused), (2, 3), "{stderr}");
    assert!(stderr.contains("changed since it was written"), "{stderr}");
    assert!(stderr.contains("missing"), "{stderr}");
    c.run("full", &["--full"]);
    assert_same_tree(&c.root.join("inc"), &c.root.join("full"), "after edits");
}

#[test]
fn full_ignores_the_record() {
    let c = Corpus::new();
    c.run("inc", &[]);
    fs::write(
        c.root.join("inc/body-worn-cameras/.policydiff-record.json"),
        "damaged",
    )
    .unwrap();
    let (recomputed, reused, stderr) = c.run("inc", &["--full"]);
    assert_eq!((recomputed, reused), (5, 0));
    // Not read, so not warned about. The sample's stale review is the one warning a run of it gives.
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("1 stale review"), "{stderr}");
    assert!(!stderr.contains("record"), "{stderr}");
    let (_, reused, _) = c.run("inc", &[]);
    assert_eq!(reused, 5, "--full writes a good record");
}

#[test]
fn a_reused_policy_repeats_what_reading_its_files_warned_about() {
    use ingest_fixtures::{docx_from_text, DocxOptions};
    let c = Corpus::new();
    let cams = c.versions().join("body-worn-cameras");
    let text = fs::read_to_string(cams.join("v3-2023.txt")).unwrap();
    let docx = docx_from_text(
        &text,
        DocxOptions {
            tracked_change: true,
        },
    );
    fs::write(cams.join("v4-2025.docx"), docx).unwrap();
    let warning = "v4-2025.docx: tracked changes";
    let (_, _, first) = c.run("inc", &[]);
    assert!(first.contains(warning), "{first}");
    let (recomputed, _, second) = c.run("inc", &[]);
    assert_eq!(recomputed, 0);
    assert!(second.contains(warning), "not repeated: {second}");
}
