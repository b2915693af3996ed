//! `policydiff conform` on the sample's local policies: every status written in `versions/CHANGES.md`
//! (section "local policies against the model") holds, read from that file's text; and the error
//! cases: an unrelated file, a missing file, the gate.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const SECTION: &str = "## fair-and-impartial-policing: local policies against the model";

fn bin() -> Command {
    Command::cargo_bin("policydiff").expect("the policydiff binary is built for tests")
}

fn policy_dir() -> PathBuf {
    common::repo().join("versions/fair-and-impartial-policing")
}

fn local_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(policy_dir().join("local"))
        .expect("the sample has local policies")
        .map(|e| e.expect("a folder entry").path())
        .collect();
    files.sort();
    files
}

/// What CHANGES.md expects of one agency: the status of every model clause not listed, the listed
/// model clauses, and the extra clauses (local clause -> "extra, weaker").
#[derive(Debug, Default)]
struct Expected {
    default: String,
    model: BTreeMap<String, String>,
    extra: BTreeMap<String, String>,
}

/// Reads the answer key: one `### <file>: ...` subsection per agency, "Every model clause is
/// **X**" for the default (kept without it), and table rows `| model | local | ... | status |`.
fn answer_key() -> BTreeMap<String, Expected> {
    let text = std::fs::read_to_string(common::repo().join("versions/CHANGES.md")).unwrap();
    let section = &text[text.find(SECTION).expect("CHANGES.md has the section")..];
    let mut out = BTreeMap::new();
    for part in section.split("\n### ").skip(1) {
        let file = part.split(':').next().unwrap().trim();
        let agency = file.split('.').next().unwrap().to_string();
        let mut e = Expected {
            default: "kept".into(),
            ..Expected::default()
        };
        let flat = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(at) = flat.find("Every model clause is **") {
            let rest = &flat[at + "Every model clause is **".len()..];
            e.default = rest[..rest.find("**").unwrap()].to_string();
        }
        for line in part.lines().filter(|l| l.starts_with("| ")) {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            if cells[0] == "model clause" || cells[0].starts_with("---") {
                continue;
            }
            let status = cells.last().unwrap().to_string();
            if cells[0] == "-" {
                e.extra.insert(cells[1].to_string(), status);
            } else {
                e.model.insert(cells[0].to_string(), status);
            }
        }
        out.insert(agency, e);
    }
    out
}

fn conform_json(files: &[PathBuf]) -> Value {
    let out = bin()
        .arg("conform")
        .args(files)
        .arg("--model")
        .arg(policy_dir())
        .args(["--format", "json", "--fail-on", "none"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("conform prints JSON")
}

#[test]
fn every_status_of_the_answer_key_holds() {
    let key = answer_key();
    assert_eq!(key.len(), 6, "six agencies in CHANGES.md: {:?}", key.keys());
    let report = conform_json(&local_files());
    let mut failures = Vec::new();
    for a in report["agencies"].as_array().unwrap() {
        let agency = a["agency"].as_str().unwrap();
        let e = key
            .get(agency)
            .unwrap_or_else(|| panic!("{agency} is not in CHANGES.md"));
        for row in a["rows"].as_array().unwrap() {
            let status = row["status"].as_str().unwrap();
            let (clause, want, got) = if status == "extra" {
                let id = row["local"][0]["id"].as_str().unwrap();
                let got = format!("extra, {}", weaker_name(&row["direction"]));
                (id.to_string(), e.extra.get(id).cloned(), got)
            } else {
                let id = row["model"]["id"].as_str().unwrap();
                let want = e.model.get(id).unwrap_or(&e.default).clone();
                (id.to_string(), Some(want), status.to_string())
            };
            let Some(want) = want else {
                failures.push(format!("{agency} {clause}: {got}, not in CHANGES.md"));
                continue;
            };
            if want != got {
                failures.push(format!(
                    "{agency} {clause}: expected {want}, got {got} ({})",
                    row["reasons"]
                ));
            }
        }
        for id in e.extra.keys() {
            let found = a["rows"].as_array().unwrap().iter().any(|r| {
                r["status"] == "extra" && r["local"][0]["id"].as_str() == Some(id.as_str())
            });
            if !found {
                failures.push(format!("{agency}: extra clause {id} not reported"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// "weaker" / "stronger" / "no change" as the answer key names an extra clause's verdict.
fn weaker_name(direction: &Value) -> &'static str {
    match direction.as_str() {
        Some("weakened") => "weaker",
        Some("strengthened") => "stronger",
        _ => "no change",
    }
}

#[test]
fn adoption_by_reference_is_kept_and_flagged_for_review() {
    let report = conform_json(&[policy_dir().join("local/brookfield.md")]);
    let a = &report["agencies"][0];
    assert_eq!(a["by_reference"]["id"], "p2");
    let rows = a["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 40, "one row per model clause");
    assert!(rows
        .iter()
        .all(|r| r["status"] == "kept" && r["needs_review"] == true));
}

#[test]
fn every_local_file_starts_with_the_sample_note() {
    for f in local_files() {
        let doc = policydiff::load_file(&f).unwrap();
        assert_eq!(
            doc.clauses[0].text,
            "ILLUSTRATIVE SAMPLE - written for policydiff. Fictional; not an official text of any body.",
            "{}",
            f.display()
        );
    }
}

#[test]
fn the_gate_lists_agency_and_clause() {
    let run = |files: &[&str], fail_on: &str| {
        let files: Vec<PathBuf> = files
            .iter()
            .map(|f| policy_dir().join("local").join(f))
            .collect();
        bin()
            .arg("conform")
            .args(&files)
            .arg("--model")
            .arg(policy_dir())
            .args(["--fail-on", fail_on])
            .output()
            .unwrap()
    };
    let out = run(&["ashford.txt", "elmwood.txt"], "weaker");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "elmwood: model clause V.A.4 (line 47): missing",
        "elmwood: model clause VI.E (line 69): weaker",
        "elmwood: model clause VII.B (line 75): missing",
        "elmwood: local clause VI.F (line 69): extra, weakened",
    ] {
        assert!(err.contains(line), "{line:?} not in {err}");
    }
    assert!(!err.contains("ashford"), "{err}");
    assert!(!out.stdout.is_empty(), "the report is printed too");
    assert_eq!(run(&["elmwood.txt"], "none").status.code(), Some(0));
    // Stricter passes the weaker gate, not the gate on any change.
    assert_eq!(run(&["fairhaven.docx"], "weaker").status.code(), Some(0));
    assert_eq!(run(&["fairhaven.docx"], "any").status.code(), Some(1));
    assert_eq!(
        run(&["ashford.txt", "brookfield.md"], "any").status.code(),
        Some(0)
    );
}

#[track_caller]
fn refused(local: &std::path::Path, names: &str, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("conformance.csv");
    let out = bin()
        .arg("conform")
        .arg(local)
        .arg("--model")
        .arg(policy_dir())
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(names) && err.contains(says), "{err}");
    assert!(!output.exists(), "nothing written");
}

#[test]
fn an_unrelated_or_missing_file_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let unrelated = dir.path().join("library-hours.txt");
    std::fs::write(
        &unrelated,
        "Illustrative text written for this test.\n\n1. The library opens at nine each weekday.\n\n\
         2. Borrowers may keep a book for three weeks.\n\n3. A fine of ten cents a day applies to late returns.\n",
    )
    .unwrap();
    refused(
        &unrelated,
        "library-hours.txt",
        "does not resemble the model",
    );
    refused(
        &dir.path().join("nowhere.txt"),
        "nowhere.txt",
        "no such file",
    );
}

#[test]
fn csv_cells_cannot_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let model = std::fs::read_to_string(policy_dir().join("2024-revision.txt")).unwrap();
    let local = dir.path().join("formula.txt");
    std::fs::write(
        &local,
        format!("{model}\n\n=HYPERLINK(\"http://example.invalid\")\n"),
    )
    .unwrap();
    let out = bin()
        .arg("conform")
        .arg(&local)
        .arg("--model")
        .arg(policy_dir())
        .args(["--fail-on", "none"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with(
        "agency,model_clause,model_text,status,local_clause,local_line,confidence,needs_review,reason\n"
    ));
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
}

#[test]
fn run_writes_the_same_conformance_as_the_command() {
    let out = tempfile::tempdir().unwrap();
    bin()
        .args(["run", "--quiet", "--versions"])
        .arg(common::repo().join("versions"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let dir = out.path().join("fair-and-impartial-policing");
    let command = bin()
        .arg("conform")
        .args(local_files())
        .arg("--model")
        .arg(policy_dir())
        .args(["--fail-on", "none"])
        .output()
        .unwrap();
    let written = std::fs::read_to_string(dir.join("conformance.csv")).unwrap();
    // The CSV names no file, so the run's and the command's are byte for byte the same.
    assert_eq!(written, String::from_utf8(command.stdout).unwrap());
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("conformance.json")).unwrap())
            .unwrap();
    assert_eq!(json["agencies"].as_array().unwrap().len(), 6);
    // A policy without local policies gets no conformance files.
    assert!(!out
        .path()
        .join("body-worn-cameras/conformance.csv")
        .exists());
}

#[test]
fn the_manifest_names_the_local_folder_and_each_agency_s_model_version() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("model");
    std::fs::create_dir_all(policy.join("agencies")).unwrap();
    for (from, to) in [
        ("2018-revision.txt", "2018.txt"),
        ("2024-revision.txt", "2024.txt"),
    ] {
        std::fs::copy(policy_dir().join(from), policy.join(to)).unwrap();
    }
    std::fs::copy(
        policy_dir().join("local/carlow.txt"),
        policy.join("agencies/carlow.txt"),
    )
    .unwrap();
    std::fs::write(
        policy.join("policy.yaml"),
        "versions:\n  - {file: 2018.txt, label: '2018'}\n  - {file: 2024.txt, label: '2024'}\n\
         local: agencies\nagencies:\n  carlow: {adopted: 2018-12-03, model_version: '2018'}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    bin()
        .args(["run", "--quiet", "--versions"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("model/conformance.json")).unwrap())
            .unwrap();
    let carlow = &json["agencies"][0];
    assert_eq!(carlow["model"]["label"], "2018");
    assert_eq!(carlow["local"]["date"], "2018-12-03");
    // On the model it adopted, Carlow changes nothing in force.
    assert_eq!(carlow["counts"]["weakened"], 0, "{}", carlow["counts"]);
}

#[test]
fn a_run_with_an_unrelated_local_file_stops_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("model");
    std::fs::create_dir_all(policy.join("local")).unwrap();
    for name in ["2018-revision.txt", "2024-revision.txt"] {
        std::fs::copy(policy_dir().join(name), policy.join(name)).unwrap();
    }
    std::fs::write(
        policy.join("local/library.txt"),
        "Illustrative text written for this test.\n\n1. The library opens at nine each weekday.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = bin()
        .args(["run", "--quiet", "--versions"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("library.txt") && err.contains("does not resemble the model"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
}

fn conform_csv(files: &[PathBuf], shard: Option<&str>) -> (String, String) {
    let mut cmd = bin();
    cmd.arg("conform")
        .args(files)
        .arg("--model")
        .arg(policy_dir())
        .args(["--fail-on", "none"]);
    if let Some(s) = shard {
        cmd.args(["--shard", s]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The README's recipe: shards dealt by file name, whatever order the files were given in, merge
/// back into the unsharded CSV with a header and a stable sort on the agency column.
#[test]
fn shards_of_the_agencies_merge_into_the_whole_report() {
    let files = local_files();
    let (whole, _) = conform_csv(&files, None);
    let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    let mut header = None;
    let mut rows: Vec<String> = Vec::new();
    let mut agencies_seen = 0;
    for k in 1..=4 {
        let (part, _) = conform_csv(&reversed, Some(&format!("{k}/4")));
        let mut lines = part.lines();
        let first = lines.next().unwrap().to_string();
        assert_eq!(header.get_or_insert(first.clone()), &first);
        let before = rows.len();
        rows.extend(lines.map(str::to_string));
        agencies_seen += usize::from(rows.len() > before);
    }
    assert_eq!(agencies_seen, 4, "every shard of 4 gets an agency of 6");
    rows.sort_by(|a, b| a.split(',').next().cmp(&b.split(',').next()));
    let merged = format!("{}\n{}\n", header.unwrap(), rows.join("\n"));
    assert_eq!(merged, whole);

    // More shards than files: an empty shard prints the header only and says why.
    let (empty, note) = conform_csv(&files, Some("8/8"));
    assert_eq!(empty.lines().count(), 1, "{empty}");
    assert!(note.contains("shard 8/8 has no local files"), "{note}");
}
