//! Hostile and malformed inputs in, a clear refusal or a correct result out: every case runs the real
//! binary on files built in a temporary folder.
//!
//! A refusal must be one line on stderr naming the file and the problem, exit code 2, no panic, and
//! nothing half-written where reports go. `run` checks every policy before it writes anything, so a bad
//! policy late in the alphabet must not leave the reports of an earlier good one behind.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const OLD: &str =
    "1. Officers shall record every stop.\n2. Records may be shared with the council.\n";
const NEW: &str = "1. Officers must record every stop.\n2. Records shall not be shared.\n";

fn policydiff() -> Command {
    Command::cargo_bin("policydiff").expect("binary builds")
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> PathBuf {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create folder");
    }
    fs::write(path, bytes).expect("write input");
    path.to_path_buf()
}

/// Every file under `dir`, relative to it, sorted (empty when `dir` does not exist).
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap_or(&p).display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Runs `cmd` and checks it is a clean refusal whose message names `file` and says `problem`.
#[track_caller]
fn refused(cmd: &mut Command, file: &str, problem: &str) -> String {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(file), "names {file:?}: {stderr}");
    assert!(stderr.contains(problem), "says {problem:?}: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout when refused");
    stderr
}

/// Runs `cmd` and checks it succeeds without a panic, returning stdout.
#[track_caller]
fn accepted(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert_eq!(out.status.code(), Some(0), "exit code; stderr: {stderr}");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// `diff BAD GOOD --output DIR/report.json` refused, and no report (or temporary file) written.
#[track_caller]
fn diff_refused(bad: &[u8], name: &str, problem: &str) -> String {
    let tmp = TempDir::new().expect("temp dir");
    let bad = write(&tmp.path().join(name), bad);
    let good = write(&tmp.path().join("good.txt"), NEW);
    let out = tmp.path().join("out");
    let msg = refused(
        policydiff()
            .arg("diff")
            .arg(&bad)
            .arg(&good)
            .args(["--format", "json", "--output"])
            .arg(out.join("report.json")),
        name,
        problem,
    );
    assert_eq!(files_under(&out), Vec::<String>::new(), "out stays empty");
    msg
}

/// A versions folder with a good policy `a-good` (sorted first) and whatever `bad` builds in `b-bad`.
fn versions_with_bad_policy(bad: impl FnOnce(&Path)) -> TempDir {
    let tmp = TempDir::new().expect("temp dir");
    let good = tmp.path().join("versions/a-good");
    write(&good.join("v1.txt"), OLD);
    write(&good.join("v2.txt"), NEW);
    let bad_dir = tmp.path().join("versions/b-bad");
    fs::create_dir_all(&bad_dir).expect("create folder");
    bad(&bad_dir);
    tmp
}

/// `run` over [`versions_with_bad_policy`] refused, and nothing at all written to the out folder.
#[track_caller]
fn run_refused(bad: impl FnOnce(&Path), file: &str, problem: &str) -> String {
    let tmp = versions_with_bad_policy(bad);
    let out = tmp.path().join("out");
    let msg = refused(
        policydiff()
            .arg("run")
            .arg("--quiet")
            .arg("--versions")
            .arg(tmp.path().join("versions"))
            .arg("--out")
            .arg(&out),
        file,
        problem,
    );
    assert_eq!(files_under(&out), Vec::<String>::new(), "out stays empty");
    msg
}

fn manifest(dir: &Path, yaml: &str) {
    write(&dir.join("v1.txt"), OLD);
    write(&dir.join("v2.txt"), NEW);
    write(&dir.join("policy.yaml"), yaml);
}

// ---- refused files ------------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_the_byte_offset() {
    diff_refused(
        b"1. Officers shall\xFF record.\n",
        "latin1.txt",
        "byte offset 17",
    );
}

#[test]
fn binary_files_are_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    diff_refused(png, "scan.txt", "binary");
    diff_refused(
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
        "policy.pdf",
        "not a readable PDF",
    );
}

#[test]
fn empty_documents_are_refused() {
    diff_refused(b"", "empty.txt", "empty");
    diff_refused(b"\xEF\xBB\xBF \r\n\t\n", "blank.md", "empty");
}

#[test]
fn missing_file_is_named() {
    let tmp = TempDir::new().expect("temp dir");
    let good = write(&tmp.path().join("good.txt"), NEW);
    refused(
        policydiff()
            .arg("diff")
            .arg(tmp.path().join("nowhere.txt"))
            .arg(&good),
        "nowhere.txt",
        "no such file",
    );
    refused(
        policydiff().arg("segment").arg(tmp.path().join("gone.md")),
        "gone.md",
        "no such file",
    );
}

#[test]
fn bad_version_file_in_run_writes_nothing() {
    run_refused(
        |d| {
            write(&d.join("v1.txt"), OLD);
            write(&d.join("v2.txt"), b"1. Officers \xC3 shall.\n");
        },
        "v2.txt",
        "invalid UTF-8",
    );
}

// ---- manifests ----------------------------------------------------------------------------------

#[test]
fn manifest_unknown_key_is_named() {
    let msg = run_refused(
        |d| {
            manifest(
                d,
                "title: T\nversions:\n  - file: v1.txt\n    staus: draft\n",
            )
        },
        "policy.yaml:4:",
        "staus",
    );
    assert!(msg.contains("b-bad"), "{msg}");
    run_refused(
        |d| {
            manifest(
                d,
                "titel: T\nversions:\n  - file: v1.txt\n  - file: v2.txt\n",
            )
        },
        "policy.yaml:1:",
        "titel",
    );
}

#[test]
fn manifest_syntax_error_names_line_and_column() {
    run_refused(
        |d| manifest(d, "title: T\nversions: [\n  - file: v1.txt\n"),
        "policy.yaml:3:3:",
        "did not find expected",
    );
    run_refused(
        |d| manifest(d, "title: T\n\tversions:\n"),
        "policy.yaml:2:10:",
        "mapping values are not allowed",
    );
}

#[test]
fn manifest_deeply_nested_is_refused_without_overflow() {
    let deep = format!(
        "title: {}{}\nversions: []\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    run_refused(|d| manifest(d, &deep), "policy.yaml:1:", "title");
}

#[test]
fn manifest_path_escaping_the_folder_is_refused() {
    for file in [
        "../a-good/v1.txt",
        "/etc/hostname",
        "sub/../../a-good/v2.txt",
    ] {
        let yaml = format!("versions:\n  - file: v1.txt\n  - file: {file:?}\n");
        run_refused(
            |d| manifest(d, &yaml),
            "policy.yaml",
            "must be a relative path inside the policy folder",
        );
    }
    run_refused(
        |d| {
            manifest(
                d,
                "lexicon: ../lexicon.yaml\nversions:\n  - file: v1.txt\n  - file: v2.txt\n",
            )
        },
        "policy.yaml",
        "inside the policy folder",
    );
}

#[test]
fn manifest_naming_a_missing_file_is_refused() {
    run_refused(
        |d| manifest(d, "versions:\n  - file: v1.txt\n  - file: v3.txt\n"),
        "v3.txt",
        "no such file",
    );
}

#[test]
fn duplicate_version_labels_are_refused() {
    run_refused(
        |d| {
            manifest(
                d,
                "versions:\n  - file: v1.txt\n    label: '2024'\n  - file: v2.txt\n    label: '2024'\n",
            )
        },
        "policy.yaml",
        "\"2024\" is used twice",
    );
    // Without a manifest the label is the file stem, so `v2.txt` and `v2.md` would write to one report.
    run_refused(
        |d| {
            write(&d.join("v1.txt"), OLD);
            write(&d.join("v2.txt"), NEW);
            write(&d.join("v2.md"), NEW);
        },
        "b-bad",
        "\"v2\" is used twice",
    );
}

#[test]
fn policy_with_one_version_is_refused() {
    run_refused(
        |d| {
            write(&d.join("only.txt"), OLD);
        },
        "b-bad",
        "at least two versions",
    );
    run_refused(
        |d| manifest(d, "versions:\n  - file: v1.txt\n"),
        "b-bad",
        "found 1",
    );
}

#[test]
fn empty_manifest_version_list_is_refused() {
    run_refused(
        |d| manifest(d, "versions: []\n"),
        "policy.yaml",
        "no version files",
    );
}

// ---- accepted oddities --------------------------------------------------------------------------

/// The clauses `segment --format json` reports for `text`, as (id, text) pairs.
fn segment(text: impl AsRef<[u8]>, name: &str) -> Vec<(String, String)> {
    let tmp = TempDir::new().expect("temp dir");
    let f = write(&tmp.path().join(name), text);
    let out = accepted(
        policydiff()
            .arg("segment")
            .arg("--format")
            .arg("json")
            .arg(&f),
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("segment JSON parses");
    v.as_array()
        .expect("a list of clauses")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or_default().to_string(),
                c["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// `diff --format json` of two texts, parsed.
fn diff_json(old: impl AsRef<[u8]>, new: impl AsRef<[u8]>) -> serde_json::Value {
    let tmp = TempDir::new().expect("temp dir");
    let a = write(&tmp.path().join("old.txt"), old);
    let b = write(&tmp.path().join("new.txt"), new);
    let out = accepted(
        policydiff()
            .arg("diff")
            .arg(&a)
            .arg(&b)
            .args(["--format", "json"]),
    );
    serde_json::from_str(&out).expect("diff JSON parses")
}

#[test]
fn bom_and_crlf_read_like_plain_lf() {
    let plain = segment(OLD, "plain.txt");
    let crlf = OLD.replace('\n', "\r\n");
    assert_eq!(segment(&crlf, "crlf.txt"), plain);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(crlf.as_bytes());
    assert_eq!(segment(&bom, "bom.txt"), plain);
    assert_eq!(segment(OLD.replace('\n', "\r"), "cr.txt"), plain);
    assert!(plain
        .iter()
        .all(|(_, t)| !t.contains('\r') && !t.contains('\u{FEFF}')));
    // The same words with different line endings are the same policy: nothing changed.
    let d = diff_json(OLD, &bom);
    assert_eq!(d["summary"]["strengthened"], 0);
    assert_eq!(d["summary"]["weakened"], 0);
    let kinds: Vec<&str> = d["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(kinds.iter().all(|k| *k == "identical"), "{kinds:?}");
}

#[test]
fn text_without_numbering_becomes_paragraphs() {
    let text = "Officers treat everyone with respect.\n\nThey explain why a stop is made,\nand they give their name.\n\nComplaints go to the clerk.\n";
    let clauses = segment(text, "prose.txt");
    assert_eq!(clauses.len(), 3, "{clauses:?}");
    assert_eq!(
        clauses[1].1,
        "They explain why a stop is made, and they give their name."
    );
}

#[test]
fn ten_thousand_nesting_levels() {
    let deep_number = vec!["1"; 10_000].join(".");
    let text = format!(
        "{deep_number}. Officers shall record it.\n\n{} nested {}\n\n{}quoted\n\n2. Final clause.\n",
        "(".repeat(10_000),
        ")".repeat(10_000),
        "> ".repeat(10_000)
    );
    let clauses = segment(&text, "deep.txt");
    assert!(clauses
        .iter()
        .any(|(_, t)| t.contains("Officers shall record it.")));
    assert!(clauses.iter().any(|(_, t)| t.contains("Final clause.")));
    let changed = text.replace("Final clause.", "Final clause, amended.");
    let d = diff_json(&text, &changed);
    assert!(!d["changes"].as_array().expect("changes").is_empty());
}

#[test]
fn one_megabyte_single_line() {
    let words = [
        "officers", "shall", "record", "each", "stop", "and", "may", "not", "search",
    ];
    let mut line = String::new();
    let mut i = 0;
    while line.len() < 1_000_000 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    let text = format!("1. {}\n", line.trim_end());
    let clauses = segment(&text, "long.txt");
    let total: usize = clauses.iter().map(|(_, t)| t.len()).sum();
    assert!(total >= 999_000, "no text lost: {total} bytes in clauses");
    let changed = text.replacen("may not", "shall not", 1);
    let d = diff_json(&text, &changed);
    assert!(!d["changes"].as_array().expect("changes").is_empty());
}

#[test]
fn duplicate_clause_numbers_keep_every_clause_with_unique_ids() {
    let text = "1. Officers shall record stops.\n1. Officers shall give their name.\n2. Searches need consent.\n2. Searches need consent.\n";
    let clauses = segment(text, "dup.txt");
    let texts: Vec<&str> = clauses.iter().map(|(_, t)| t.as_str()).collect();
    for want in ["record stops", "give their name", "Searches need consent"] {
        assert!(
            texts.iter().any(|t| t.contains(want)),
            "{want} in {texts:?}"
        );
    }
    let mut ids: Vec<&str> = clauses.iter().map(|(id, _)| id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        n,
        "ids are unique within a document: {clauses:?}"
    );
    let d = diff_json(text, text);
    assert_eq!(d["from"]["clauses"], d["to"]["clauses"]);
    assert_eq!(d["summary"]["strengthened"], 0);
    assert_eq!(d["summary"]["weakened"], 0);
}

#[test]
fn good_run_leaves_no_temporary_files() {
    let tmp = versions_with_bad_policy(|d| {
        write(&d.join("v1.txt"), OLD);
        write(&d.join("v2.txt"), OLD);
    });
    let out = tmp.path().join("out");
    accepted(
        policydiff()
            .arg("run")
            .arg("--quiet")
            .arg("--versions")
            .arg(tmp.path().join("versions"))
            .arg("--out")
            .arg(&out),
    );
    let files = files_under(&out);
    assert!(
        files.iter().any(|f| f.ends_with("v1__v2.json")),
        "{files:?}"
    );
    assert!(files.iter().all(|f| !f.ends_with(".tmp")), "{files:?}");
}
