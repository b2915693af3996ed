//! The learning loop end to end: reviewers decide the changes of several policies, `review export`
//! turns the decisions into a labelled table, `amendments --expect` scores the rules against it and
//! `train` fits weights to it that `run` then accepts. The policy texts are illustrative.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

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

/// One clause's two versions and the reviewer's verdict on the change.
fn edit(duty: &str, k: usize) -> (String, String, &'static str) {
    match k % 3 {
        0 => (
            format!("Staff should {duty}."),
            format!("Staff shall {duty}."),
            "strengthened",
        ),
        1 => (
            format!("Staff shall {duty}."),
            format!("Staff may {duty}."),
            "weakened",
        ),
        _ => (
            format!("Staff shall {duty}."),
            format!("Employees shall {duty}."),
            "unchanged",
        ),
    }
}

fn policydiff(root: &Path, args: &[&str]) -> String {
    let o = Command::cargo_bin("policydiff")
        .unwrap()
        .current_dir(root)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(o.status.success(), "{args:?}: {stderr}");
    stderr
}

/// Six policies of six edited clauses each; every change reviewed with the verdict its edit calls
/// for. Returns the policy folders.
fn reviewed_corpus(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut labels = Vec::new();
    for p in 0..6 {
        let dir = root.join(format!("versions/policy-{p}"));
        fs::create_dir_all(&dir).unwrap();
        let (mut v1, mut v2) = (String::new(), String::new());
        for i in 0..6 {
            let (old, new, verdict) = edit(DUTIES[(p * 5 + i) % DUTIES.len()], p + i);
            v1.push_str(&format!("{}. {old}\n\n", i + 1));
            v2.push_str(&format!("{}. {new}\n\n", i + 1));
            labels.push((p, new, verdict));
        }
        fs::write(dir.join("v1.txt"), v1).unwrap();
        fs::write(dir.join("v2.txt"), v2).unwrap();
        dirs.push(dir);
    }
    policydiff(root, &["run", "--versions", "versions", "--out", "first"]);
    for (p, dir) in dirs.iter().enumerate() {
        let json = fs::read_to_string(root.join(format!("first/policy-{p}/v1__v2.json"))).unwrap();
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut file = String::new();
        for (_, new, verdict) in labels.iter().filter(|l| l.0 == p) {
            let c = json["changes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["new"]["text"] == new.as_str())
                .unwrap_or_else(|| panic!("no change to {new:?}"));
            file.push_str(&format!(
                "- fingerprint: {}\n  verdict: {verdict}\n  note: Decided at the meeting.\n  by: A. Reviewer\n",
                c["fingerprint"].as_str().unwrap()
            ));
        }
        fs::write(dir.join("reviews.yaml"), file).unwrap();
    }
    dirs
}

#[test]
fn exported_reviews_are_scored_by_amendments_and_fitted_by_train() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let dirs = reviewed_corpus(root);
    let mut export = vec!["review", "export"];
    let names: Vec<String> = dirs
        .iter()
        .map(|d| d.strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    export.extend(names.iter().map(String::as_str));
    export.extend(["--output", "reviewed.yaml"]);
    policydiff(root, &export);
    let table: Vec<serde_yaml::Value> =
        serde_yaml::from_str(&fs::read_to_string(root.join("reviewed.yaml")).unwrap()).unwrap();
    assert_eq!(table.len(), 36, "one row per reviewed change");

    let scored = policydiff(root, &["amendments", "reviewed.yaml", "--expect", "expect"]);
    assert!(scored.contains("scorecard: 36 rows scored"), "{scored}");

    let trained = policydiff(
        root,
        &[
            "train",
            "reviewed.yaml",
            "--expect",
            "expect",
            "--group",
            "group",
            "-o",
            "weights.yaml",
        ],
    );
    assert!(trained.contains("cross-validation by `group`"), "{trained}");
    assert!(trained.contains("scorecard: 36 rows scored"), "{trained}");
    let weights = fs::read_to_string(root.join("weights.yaml")).unwrap();
    assert!(
        weights.contains("reviewed.yaml: 36 rated rows"),
        "{weights}"
    );
    // The fitted weights are weights the pipeline runs with.
    policydiff(
        root,
        &[
            "run",
            "--versions",
            "versions",
            "--out",
            "refit",
            "--weights",
            "weights.yaml",
        ],
    );
    assert!(root.join("refit/policy-0/v1__v2.json").is_file());
}
