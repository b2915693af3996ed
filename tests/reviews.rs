//! Reviews end to end: a review file beside the sample corpus's versions changes the verdicts `run`
//! writes (JSON, YAML, CSV) and `check` gates on; a review whose change is gone is listed as stale and
//! never applied; a bad review file stops the run naming the file, line and column.

mod common;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// The sample corpus copied into a temporary folder, to be given review files.
struct Corpus {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Corpus {
    fn new() -> Corpus {
        let (tmp, root) = common::sample_copy();
        Corpus { _tmp: tmp, root }
    }

    fn policy(&self, name: &str) -> PathBuf {
        self.root.join("versions").join(name)
    }

    /// Runs `policydiff` in the corpus root: `(exit code, stdout, stderr)`.
    fn cmd(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("policydiff")
            .unwrap()
            .current_dir(&self.root)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// `run --full` into `out`; its stderr.
    fn run(&self, out: &str) -> String {
        let (code, _, stderr) =
            self.cmd(&["run", "--versions", "versions", "--out", out, "--full"]);
        assert_eq!(code, 0, "{stderr}");
        stderr
    }

    fn json(&self, out: &str, file: &str) -> serde_json::Value {
        let text = fs::read_to_string(self.root.join(out).join(file)).unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

const PAIR: &str = "body-worn-cameras/v2-2021__v3-2023";

/// The first change of `report` with this direction: its fingerprint and new clause id.
fn first(report: &serde_json::Value, direction: &str) -> (String, String) {
    let c = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["direction"] == direction && !c["new"].is_null())
        .unwrap_or_else(|| panic!("no {direction} change"));
    (
        c["fingerprint"].as_str().unwrap().to_string(),
        c["new"]["id"].as_str().unwrap().to_string(),
    )
}

fn change<'a>(report: &'a serde_json::Value, fingerprint: &str) -> &'a serde_json::Value {
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["fingerprint"] == fingerprint)
        .unwrap_or_else(|| panic!("no change {fingerprint}"))
}

const GONE: &str = "00000000deadbeef";

fn entry(fingerprint: &str, verdict: &str, note: &str) -> String {
    format!(
        "- fingerprint: {fingerprint}\n  verdict: {verdict}\n  note: \"{note}\"\n  by: A. Reviewer\n  when: 2025-03-01\n"
    )
}

#[test]
fn an_override_reaches_every_output_and_a_stale_review_is_listed_not_applied() {
    let c = Corpus::new();
    c.run("before");
    let before = c.json("before", &format!("{PAIR}.json"));
    let (weak, _) = first(&before, "weakened");
    let (strong, _) = first(&before, "strengthened");
    let weakened = before["summary"]["weakened"].as_u64().unwrap();
    fs::write(
        c.policy("body-worn-cameras").join("reviews.yaml"),
        format!(
            "# Decided at the March meeting.\n{}{}{}",
            entry(&weak, "unchanged", "Only a restyle."),
            entry(&strong, "strengthened", "Agreed."),
            entry(GONE, "weakened", "About a clause since rewritten."),
        ),
    )
    .unwrap();
    let stderr = c.run("after");
    let after = c.json("after", &format!("{PAIR}.json"));

    // The override: the reviewer's verdict is the direction, the tool's is kept beside it.
    let w = change(&after, &weak);
    assert_eq!(w["direction"], "unchanged");
    assert_eq!(w["review"]["tool_direction"], "weakened");
    assert_eq!(w["review"]["verdict"], "unchanged");
    assert_eq!(w["review"]["note"], "Only a restyle.");
    assert_eq!(w["review"]["by"], "A. Reviewer");
    assert_eq!(w["review"]["when"], "2025-03-01");
    assert_eq!(after["summary"]["weakened"].as_u64().unwrap(), weakened - 1);
    assert_eq!(after["summary"]["reviewed"], 2);
    // A confirmation changes no verdict.
    assert_eq!(change(&after, &strong)["direction"], "strengthened");
    // Unreviewed changes carry no review at all.
    let unreviewed = after["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("review").is_none())
        .count();
    assert_eq!(unreviewed, after["changes"].as_array().unwrap().len() - 2);

    // The YAML says the same.
    let yaml = fs::read_to_string(c.root.join("after").join(format!("{PAIR}.yaml"))).unwrap();
    assert!(yaml.contains("tool_direction: weakened"), "{yaml}");

    // The CSV: the effective verdict where it always was, the review in the last columns.
    let csv = fs::read_to_string(c.root.join("after").join(format!("{PAIR}.csv"))).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("fingerprint")] == weak.as_str())
        .unwrap();
    assert_eq!(col("direction"), 6);
    assert_eq!(&row[col("direction")], "unchanged");
    assert_eq!(&row[col("tool_direction")], "weakened");
    assert_eq!(&row[col("reviewer_verdict")], "unchanged");
    assert_eq!(&row[col("review_note")], "Only a restyle.");
    assert_eq!(&row[col("reviewed_by")], "A. Reviewer");

    // The run's summary table counts the settled flags and those still open, in its last columns.
    let summary = fs::read_to_string(c.root.join("after/summary.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(summary.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert_eq!(
        header.iter().rev().take(2).collect::<Vec<_>>(),
        ["unreviewed", "reviewed"]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .records()
        .map(Result::unwrap)
        .find(|r| {
            format!(
                "{}/{}__{}",
                &r[col("policy")],
                &r[col("from")],
                &r[col("to")]
            ) == PAIR
        })
        .unwrap();
    assert_eq!(&row[col("reviewed")], "2");
    assert_eq!(
        row[col("unreviewed")].parse::<u64>().unwrap(),
        after["summary"]["unreviewed"].as_u64().unwrap()
    );

    // The stale review: counted and listed with its note on stderr, applied nowhere.
    assert!(stderr.contains("1 stale review"), "{stderr}");
    assert!(
        stderr.contains(GONE) && stderr.contains("About a clause since rewritten."),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&weak),
        "only stale reviews are listed: {stderr}"
    );
    let files = fs::read_dir(c.root.join("after/body-worn-cameras")).unwrap();
    for f in files {
        let text = fs::read_to_string(f.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(GONE), "a stale review was written out");
    }
}

#[test]
fn the_gate_uses_the_reviewed_verdicts() {
    let c = Corpus::new();
    let policy = c.policy("body-worn-cameras");
    let draft = policy.join("v3-2023.txt");
    let check = || {
        c.cmd(&[
            "check",
            draft.to_str().unwrap(),
            "--against",
            policy.to_str().unwrap(),
        ])
    };
    let (code, _, _) = check();
    assert_eq!(code, 1, "the sample draft weakens something");
    c.run("out");
    let report = c.json("out", &format!("{PAIR}.json"));
    let weak: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["direction"] == "weakened")
        .map(|c| c["fingerprint"].as_str().unwrap())
        .collect();
    let file: String = weak
        .iter()
        .map(|f| entry(f, "unchanged", "Reviewed: no loss."))
        .collect();
    fs::write(policy.join("reviews.yaml"), file).unwrap();
    let (code, stdout, stderr) = check();
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn a_bad_review_file_is_refused_with_its_line_and_column() {
    let c = Corpus::new();
    let file = c.policy("body-worn-cameras").join("reviews.yaml");
    for (text, want) in [
        (
            "- fingerprint: 0123456789abcdef\n  verdict: weaker\n  by: A\n",
            "reviews.yaml:2:12: [0].verdict: unknown variant `weaker`",
        ),
        (
            "- fingerprint: 0123456789abcdef\n  verdict: weakened\n  by: A\n  notes: x\n",
            "reviews.yaml:4:3: [0]: unknown field `notes`",
        ),
        (
            "- fingerprint: 12ab\n  verdict: weakened\n  by: A\n",
            "reviews.yaml:1:16: [0].fingerprint: \"12ab\" is not a change fingerprint",
        ),
    ] {
        fs::write(&file, text).unwrap();
        let (code, _, stderr) = c.cmd(&["run", "--versions", "versions", "--out", "out", "--full"]);
        assert_eq!(code, 2, "{text}");
        assert!(stderr.contains(want), "{stderr}");
        assert!(!c.root.join("out/summary.csv").exists(), "nothing written");
    }
}

#[test]
fn a_manifest_can_name_the_review_file() {
    let c = Corpus::new();
    let policy = c.policy("fair-and-impartial-policing");
    let manifest = fs::read_to_string(policy.join("policy.yaml")).unwrap();
    fs::write(
        policy.join("policy.yaml"),
        format!("reviews: decided.yaml\n{manifest}"),
    )
    .unwrap();
    // The default name is no longer read; the named file is.
    fs::write(policy.join("reviews.yaml"), "not: [a review file\n").unwrap();
    fs::write(
        policy.join("decided.yaml"),
        "- fingerprint: 0123456789abcdef\n  verdict: sideways\n  by: A\n",
    )
    .unwrap();
    let (code, _, stderr) = c.cmd(&["run", "--versions", "versions", "--out", "out"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("decided.yaml:2:12:"), "{stderr}");
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap())
}

#[test]
fn review_set_writes_once_and_list_tells_stale_from_applied() {
    let c = Corpus::new();
    c.run("out");
    let report = c.json("out", &format!("{PAIR}.json"));
    let (weak, id) = first(&report, "weakened");
    let policy = c.policy("body-worn-cameras");
    let file = policy.join("reviews.yaml");
    let header = "# Decided at the March meeting.\n";
    fs::write(
        &file,
        format!(
            "{header}{}",
            entry(GONE, "weakened", "About a clause since rewritten.")
        ),
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    let set = |verdict: &str, note: &str| {
        c.cmd(&[
            "review",
            "set",
            p,
            &weak,
            "--verdict",
            verdict,
            "--note",
            note,
            "--by",
            "Lee",
            "--when",
            "2025-03-02",
        ])
    };

    let (code, _, stderr) = set("unchanged", "Only a restyle.");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("added") && stderr.contains(&id), "{stderr}");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(header), "the comment is kept: {text}");
    assert!(text.contains(GONE), "{text}");
    // A second identical call changes nothing: same bytes, and the file was not even replaced.
    #[cfg(unix)]
    let before = inode(&file);
    let (code, _, stderr) = set("unchanged", "Only a restyle.");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("unchanged (already recorded)"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    #[cfg(unix)]
    assert_eq!(inode(&file), before);
    // Another verdict replaces the entry; the run then uses it.
    let (code, _, stderr) = set("strengthened", "Read again.");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("replaced"), "{stderr}");
    c.run("after");
    let after = c.json("after", &format!("{PAIR}.json"));
    assert_eq!(change(&after, &weak)["direction"], "strengthened");
    assert_eq!(change(&after, &weak)["review"]["note"], "Read again.");

    // The list: the applied review with its change, the stale one marked; --stale only the latter.
    let (code, all, _) = c.cmd(&["review", "list", p]);
    assert_eq!(code, 0);
    let line = |fp: &str, out: &str| out.lines().find(|l| l.starts_with(fp)).map(String::from);
    let applied = line(&weak, &all).unwrap();
    assert!(
        applied.contains("strengthened") && applied.contains("the tool says weakened"),
        "{all}"
    );
    assert!(!applied.contains("STALE"), "{all}");
    assert!(line(GONE, &all).unwrap().contains("STALE"), "{all}");
    assert!(all.contains("    About a clause since rewritten."), "{all}");
    let (_, stale, _) = c.cmd(&["review", "list", p, "--stale"]);
    assert!(
        line(&weak, &stale).is_none() && line(GONE, &stale).is_some(),
        "{stale}"
    );
}

#[test]
fn review_set_refuses_what_it_cannot_record() {
    let c = Corpus::new();
    let p = c.policy("body-worn-cameras");
    let p = p.to_str().unwrap();
    let set = |fp: &str, verdict: &str| {
        c.cmd(&["review", "set", p, fp, "--verdict", verdict, "--by", "Lee"])
    };
    // A fingerprint of no change (a typo), one not in the printed form, a verdict not among the three.
    let (code, _, stderr) = set(GONE, "weakened");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no comparison of this policy has a change"),
        "{stderr}"
    );
    assert_eq!(set("12ab", "weakened").0, 2);
    assert_eq!(set(GONE, "weaker").0, 2);
    assert!(!c.policy("body-worn-cameras").join("reviews.yaml").exists());
}

#[test]
fn review_export_makes_a_table_amendments_and_train_read() {
    let c = Corpus::new();
    c.run("out");
    let report = c.json("out", &format!("{PAIR}.json"));
    let (weak, _) = first(&report, "weakened");
    let (strong, _) = first(&report, "strengthened");
    let policy = c.policy("body-worn-cameras");
    fs::write(
        policy.join("reviews.yaml"),
        format!(
            "{}{}{}",
            entry(&weak, "unchanged", "Only a restyle."),
            entry(&strong, "strengthened", "Agreed."),
            entry(GONE, "weakened", "Stale: never exported."),
        ),
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    for file in ["reviewed.csv", "reviewed.yaml"] {
        let (code, _, stderr) = c.cmd(&["review", "export", p, "--output", file]);
        assert_eq!(code, 0, "{stderr}");
        let text = fs::read_to_string(c.root.join(file)).unwrap();
        assert!(!text.contains(GONE), "{text}");
        // Scored against the reviewers' labels: one row per reviewed change.
        let (code, out, stderr) = c.cmd(&["amendments", file, "--expect", "expect"]);
        assert_eq!(code, 0, "{stderr}");
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), 2, "{out}");
        assert!(stderr.contains("scorecard: 2 rows scored"), "{stderr}");
    }
    let mut rdr = csv::Reader::from_path(c.root.join("reviewed.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["old", "new", "expect", "group"]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let row = rows.iter().find(|r| &r[6] == weak.as_str()).unwrap();
    assert_eq!(
        (&row[2], &row[3], &row[7]),
        ("unchanged", "body-worn-cameras", "weakened")
    );
    // Nothing reviewed, nothing to export.
    fs::remove_file(policy.join("reviews.yaml")).unwrap();
    assert_eq!(c.cmd(&["review", "export", p]).0, 2);
}

/// The sample ships one review that confirms the tool, one that overrides it and one stale: a plain
/// run of the sample shows all three where the README says.
#[test]
fn the_sample_reviews_confirm_override_and_go_stale() {
    let c = Corpus::new();
    let stderr = c.run("out");
    let fair = "fair-and-impartial-policing";
    let reviewed: Vec<serde_json::Value> = ["2016__2018", "2018__2024", "2024__2025"]
        .iter()
        .flat_map(|stem| {
            let r = c.json("out", &format!("{fair}/{stem}.json"));
            r["changes"].as_array().unwrap().clone()
        })
        .filter(|ch| ch.get("review").is_some())
        .collect();
    let verdicts: Vec<(&str, &str)> = reviewed
        .iter()
        .map(|ch| {
            (
                ch["review"]["tool_direction"].as_str().unwrap(),
                ch["direction"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [("unchanged", "unchanged"), ("unchanged", "strengthened")],
        "a confirmation, then an override"
    );
    assert!(reviewed.iter().all(|ch| ch["needs_review"] == true));

    let stale = fs::read_to_string(c.root.join("out/stale-reviews.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(stale.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1, "{stale}");
    let fingerprint = &rows[0][1];
    assert_eq!(
        (&rows[0][0], &rows[0][2], &rows[0][3]),
        (fair, "2024", "2025")
    );
    assert!(
        stderr.contains("1 stale review") && stderr.contains(fingerprint),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 reviewed (1 stale review not applied)"),
        "{stderr}"
    );
    let index = fs::read_to_string(c.root.join("out/index.html")).unwrap();
    assert!(index.contains(fingerprint) && index.contains("Stale reviews (1)"));
}
