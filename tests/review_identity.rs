//! A review follows its change, not its place: it survives the clause being renumbered or moved, and
//! goes stale (listed on standard error, in `stale-reviews.csv` and in `index.html`, applied nowhere)
//! once the clause's words change or its version goes. The policy texts are illustrative.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

const OLD: &str = "Officers should explain the reason for a stop.";
const NEW: &str = "Officers shall explain the reason for a stop.";

/// A policy folder `versions/stops` with `v1.txt` and `v2.txt`, the second made of `clauses` numbered
/// in order.
struct Policy {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Policy {
    fn new() -> Policy {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        fs::create_dir_all(root.join("versions/stops")).unwrap();
        let p = Policy { _tmp: tmp, root };
        p.version(
            "v1.txt",
            &[
                "Officers shall record every stop.",
                OLD,
                "Supervisors shall review the stop log each month.",
            ],
        );
        p
    }

    fn dir(&self) -> PathBuf {
        self.root.join("versions/stops")
    }

    fn version(&self, file: &str, clauses: &[&str]) {
        let text: String = clauses
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}. {c}\n\n", i + 1))
            .collect();
        fs::write(self.dir().join(file), text).unwrap();
    }

    /// `run --full` into `out`: its stderr.
    fn run(&self, out: &str) -> String {
        let o = Command::cargo_bin("policydiff")
            .unwrap()
            .current_dir(&self.root)
            .args(["run", "--versions", "versions", "--out", out, "--full"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert!(o.status.success(), "{stderr}");
        stderr
    }

    /// The change whose new text is `text`, from the run into `out`.
    fn change(&self, out: &str, text: &str) -> serde_json::Value {
        let report = read(&self.root.join(out).join("stops/v1__v2.json"));
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["new"]["text"] == text)
            .cloned()
            .unwrap_or_else(|| panic!("no change to {text:?}"))
    }
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn a_review_survives_renumbering_and_a_move_and_goes_stale_when_the_words_change() {
    let p = Policy::new();
    p.version(
        "v2.txt",
        &[
            "Officers shall record every stop.",
            NEW,
            "Supervisors shall review the stop log each month.",
        ],
    );
    p.run("first");
    let first = p.change("first", NEW);
    assert_eq!(first["direction"], "strengthened");
    let fingerprint = first["fingerprint"].as_str().unwrap().to_string();
    fs::write(
        p.dir().join("reviews.yaml"),
        format!(
            "- fingerprint: {fingerprint}\n  verdict: unchanged\n  note: Should was always read as shall here.\n  by: A. Reviewer\n"
        ),
    )
    .unwrap();

    // Renumbered (a clause put in front of it) and then moved to the end: the review holds both times.
    for (name, clauses) in [
        (
            "renumbered",
            vec![
                "Officers shall give their name on request.",
                "Officers shall record every stop.",
                NEW,
                "Supervisors shall review the stop log each month.",
            ],
        ),
        (
            "moved",
            vec![
                "Officers shall record every stop.",
                "Supervisors shall review the stop log each month.",
                NEW,
            ],
        ),
    ] {
        p.version("v2.txt", &clauses);
        let stderr = p.run(name);
        let c = p.change(name, NEW);
        assert_ne!(
            c["new"]["id"], first["new"]["id"],
            "{name}: the number moved"
        );
        assert_eq!(c["fingerprint"], fingerprint.as_str(), "{name}");
        assert_eq!(c["direction"], "unchanged", "{name}");
        assert_eq!(c["review"]["tool_direction"], "strengthened", "{name}");
        assert!(!stderr.contains("stale"), "{name}: {stderr}");
    }

    // One word more: another change, so the review is stale, and no change carries it.
    let edited = "Officers shall explain the reason for a stop at its start.";
    p.version(
        "v2.txt",
        &[
            "Officers shall record every stop.",
            edited,
            "Supervisors shall review the stop log each month.",
        ],
    );
    let stderr = p.run("edited");
    let c = p.change("edited", edited);
    assert_ne!(c["fingerprint"], fingerprint.as_str());
    assert_eq!(c["direction"], "strengthened");
    assert!(c.get("review").is_none());
    let json = read(&p.root.join("edited/stops/v1__v2.json"));
    assert!(!json.contains("\"review\""), "applied nowhere: {json}");
    assert!(
        stderr.contains("1 stale review") && stderr.contains(&fingerprint),
        "{stderr}"
    );
    let csv = read(&p.root.join("edited/stale-reviews.csv"));
    assert!(
        csv.contains(&format!(
            "stops,{fingerprint},,,unchanged,Should was always read as shall here.,A. Reviewer,"
        )),
        "{csv}"
    );
    let index = read(&p.root.join("edited/index.html"));
    assert!(
        index.contains("Stale reviews (1)") && index.contains(&fingerprint),
        "{index}"
    );
}

#[test]
fn a_review_set_by_command_names_its_versions_once_it_is_stale() {
    let p = Policy::new();
    p.version(
        "v2.txt",
        &[
            "Officers shall record every stop.",
            NEW,
            "Supervisors shall review the stop log each month.",
        ],
    );
    p.run("out");
    let fingerprint = p.change("out", NEW)["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let o = Command::cargo_bin("policydiff")
        .unwrap()
        .current_dir(&p.root)
        .args(["review", "set", "versions/stops", &fingerprint])
        .args([
            "--verdict",
            "weakened",
            "--by",
            "Lee",
            "--when",
            "2025-03-02",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = read(&p.dir().join("reviews.yaml"));
    assert!(
        file.contains("from: v1\n") && file.contains("to: v2\n"),
        "{file}"
    );

    // The second version is renamed: its label, and so every fingerprint of the comparison, changes.
    fs::rename(p.dir().join("v2.txt"), p.dir().join("v2b.txt")).unwrap();
    let stderr = p.run("after");
    assert!(
        stderr.contains(&format!("{fingerprint} v1 -> v2 weakened")),
        "{stderr}"
    );
    let csv = read(&p.root.join("after/stale-reviews.csv"));
    assert!(
        csv.contains(&format!(
            "stops,{fingerprint},v1,v2,weakened,,Lee,2025-03-02"
        )),
        "{csv}"
    );
    let index = read(&p.root.join("after/index.html"));
    assert!(index.contains("<td>v1 → v2</td>"), "{index}");
}
