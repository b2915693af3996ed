//! The command line as a user meets it: outputs, contracts of DESIGN.md, determinism and sharding.

mod common;

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn policydiff() -> Command {
    Command::cargo_bin("policydiff").expect("binary builds")
}

const V1: &str = "ILLUSTRATIVE TEST POLICY\n\n\
1. Officers should record every stop.\n\n\
2. Officers shall not search a vehicle unless the driver consents.\n\n\
3. Supervisors shall review stop records monthly.\n";

const V2: &str = "ILLUSTRATIVE TEST POLICY\n\n\
1. Officers shall record every stop.\n\n\
2. Officers shall not search a vehicle unless the driver consents in writing.\n\n\
3. Supervisors shall review stop records monthly.\n\n\
4. Officers shall not ask a passenger for identification.\n";

const V3: &str = "ILLUSTRATIVE TEST POLICY\n\n\
1. Officers shall record every stop.\n\n\
2. Officers may search a vehicle.\n\n\
4. Officers shall not ask a passenger for identification.\n";

/// A versions folder with two policies (one with a manifest, one without).
fn corpus(root: &Path) {
    let a = root.join("alpha");
    fs::create_dir_all(&a).unwrap();
    fs::write(a.join("v1.txt"), V1).unwrap();
    fs::write(a.join("v2.txt"), V2).unwrap();
    fs::write(a.join("v10.txt"), V3).unwrap();
    let b = root.join("beta");
    fs::create_dir_all(&b).unwrap();
    fs::write(b.join("old.txt"), V1).unwrap();
    fs::write(b.join("new.txt"), V2).unwrap();
    fs::write(
        b.join("policy.yaml"),
        "title: Beta\nversions:\n  - file: old.txt\n    label: '2019'\n  - file: new.txt\n    label: '2021'\n    status: draft\n",
    )
    .unwrap();
}

fn run_into(versions: &Path, out: &Path, extra: &[&str]) {
    policydiff()
        .args(["run", "--quiet", "--versions"])
        .arg(versions)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
        .success();
}

#[test]
fn run_writes_every_pair_in_natural_version_order() {
    let tmp = tempfile::tempdir().unwrap();
    let (versions, out) = (tmp.path().join("versions"), tmp.path().join("out"));
    corpus(&versions);
    run_into(&versions, &out, &[]);
    for stem in ["alpha/v1__v2", "alpha/v2__v10", "beta/2019__2021"] {
        for ext in ["json", "yaml", "csv", "md"] {
            let p = out.join(format!("{stem}.{ext}"));
            assert!(p.is_file(), "missing {}", p.display());
        }
    }
    assert!(!out.join("alpha/v1__v10.json").exists());
    assert!(out.join("alpha/history.csv").is_file());
    assert!(out.join("beta/history.csv").is_file());
    let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 4, "{summary}");
}

#[test]
fn two_runs_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let versions = tmp.path().join("versions");
    corpus(&versions);
    run_into(&versions, &tmp.path().join("a"), &[]);
    run_into(&versions, &tmp.path().join("b"), &[]);
    let (a, b) = (
        common::snapshot_dir(&tmp.path().join("a")),
        common::snapshot_dir(&tmp.path().join("b")),
    );
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn shards_cover_the_run_and_their_summaries_merge_back() {
    let tmp = tempfile::tempdir().unwrap();
    let versions = tmp.path().join("versions");
    corpus(&versions);
    let whole = tmp.path().join("whole");
    run_into(&versions, &whole, &[]);
    let sharded = tmp.path().join("sharded");
    run_into(&versions, &sharded, &["--shard", "1/2"]);
    run_into(&versions, &sharded, &["--shard", "2/2"]);
    assert!(sharded.join("alpha/v1__v2.json").is_file());
    assert!(sharded.join("beta/2019__2021.json").is_file());

    // The merge recipe documented in the README.
    let merged = std::process::Command::new("bash")
        .arg("-c")
        .arg("{ head -n1 summary-shard-1-of-2.csv; tail -q -n +2 summary-shard-*-of-2.csv | LC_ALL=C sort -s -t, -k1,1; }")
        .current_dir(&sharded)
        .output()
        .unwrap();
    assert!(merged.status.success());
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        fs::read_to_string(whole.join("summary.csv")).unwrap()
    );
}

#[test]
fn diff_json_has_the_documented_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    fs::write(&a, V1).unwrap();
    fs::write(&b, V2).unwrap();
    let out = policydiff()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema"], "policydiff/1");
    for key in [
        "strengthened",
        "weakened",
        "unchanged",
        "added",
        "removed",
        "moved",
        "needs_review",
    ] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(v["from"]["label"], "a");
    assert!(v["to"]["clauses"].as_u64().is_some_and(|n| n >= 4));
    let changes = v["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        for key in [
            "old",
            "new",
            "kind",
            "direction",
            "confidence",
            "needs_review",
            "similarity",
            "reasons",
            "diff",
        ] {
            assert!(c.get(key).is_some(), "change lacks {key}: {c}");
        }
        for side in ["old", "new"] {
            if !c[side].is_null() {
                assert!(c[side]["id"].is_string());
                assert!(c[side]["text"].is_string());
                assert!(c[side]["line"].as_u64().is_some_and(|l| l >= 1));
            }
        }
        for r in c["reasons"].as_array().unwrap() {
            assert!(r["explanation"].as_str().is_some_and(|e| !e.is_empty()));
        }
        for d in c["diff"].as_array().unwrap() {
            assert!(["equal", "insert", "delete"].contains(&d["op"].as_str().unwrap()));
        }
    }
    // The added clause 4 is reported as added, with its whole text inserted.
    let added: Vec<_> = changes.iter().filter(|c| c["kind"] == "added").collect();
    assert_eq!(added.len(), 1);
    assert!(added[0]["new"]["text"]
        .as_str()
        .unwrap()
        .contains("passenger"));
}

#[test]
fn diff_writes_to_a_file_with_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, o) = (
        tmp.path().join("a.txt"),
        tmp.path().join("b.txt"),
        tmp.path().join("r/report.yaml"),
    );
    fs::write(&a, V1).unwrap();
    fs::write(&b, V2).unwrap();
    policydiff()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .args(["--format", "yaml", "--output"])
        .arg(&o)
        .assert()
        .success()
        .stdout("");
    let text = fs::read_to_string(&o).unwrap();
    assert!(text.starts_with("schema: policydiff/1"), "{text}");
}

/// The direction of each change in a pair's JSON report.
fn directions(json: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(json).unwrap();
    v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] != "identical")
        .map(|c| c["direction"].as_str().unwrap().to_string())
        .collect()
}

const CODE_V1: &str = "ILLUSTRATIVE STUDENT CODE\n\n1. Students shall attend class.\n";
const CODE_V2: &str = "ILLUSTRATIVE STUDENT CODE\n\n1. Students shall attend class.\n\n\
2. Each student shall report any weapon seen on school grounds.\n";

#[test]
fn the_regulated_party_decides_whose_new_duty_strengthens() {
    let tmp = tempfile::tempdir().unwrap();
    let versions = tmp.path().join("versions");
    let code = versions.join("code");
    fs::create_dir_all(&code).unwrap();
    fs::write(code.join("v1.txt"), CODE_V1).unwrap();
    fs::write(code.join("v2.txt"), CODE_V2).unwrap();
    let diff = |extra: &[&str]| {
        let out = policydiff()
            .args(["diff", "--format", "json"])
            .arg(code.join("v1.txt"))
            .arg(code.join("v2.txt"))
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        directions(&out.stdout)
    };
    // Read with the lexicon, students are people a policy protects: a duty laid on them burdens them.
    assert_eq!(diff(&[]), ["weakened"]);
    assert_eq!(diff(&["--regulated", "students"]), ["strengthened"]);
    // The manifest says the same for `run`.
    fs::write(
        code.join("policy.yaml"),
        "title: Code\nregulated: the students\nversions:\n  - file: v1.txt\n  - file: v2.txt\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    run_into(&versions, &out, &[]);
    let json = fs::read(out.join("code/v1__v2.json")).unwrap();
    assert_eq!(directions(&json), ["strengthened"]);
}

#[test]
fn lexicon_prints_the_builtin_yaml() {
    let out = policydiff().arg("lexicon").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let _: serde_yaml::Value = serde_yaml::from_str(&text).expect("the built-in lexicon is YAML");
    assert_eq!(text, policydiff::classify::lexicon::BUILTIN_YAML);
}

#[test]
fn segment_json_lists_clauses_with_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    fs::write(&a, V1).unwrap();
    let out = policydiff()
        .arg("segment")
        .arg(&a)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clauses = v.as_array().unwrap();
    assert!(clauses.len() >= 3);
    assert!(clauses
        .iter()
        .all(|c| c["line"].as_u64().is_some_and(|l| l >= 1)));
}

#[test]
fn bad_usage_and_missing_input_exit_2() {
    policydiff().arg("frobnicate").assert().code(2);
    policydiff()
        .args(["diff", "no-such-old.txt", "no-such-new.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-old.txt"));
    policydiff()
        .args(["run", "--versions", "no-such-folder", "--out"])
        .arg(tempfile::tempdir().unwrap().path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-folder"));
}
