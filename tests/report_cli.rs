//! `policydiff run` and `diff` on hostile policy text: markup stays text in the HTML and Markdown
//! reports, formulas stay text in every CSV, and the run writes an index linking every report.

use assert_cmd::Command;
use std::path::Path;

fn bin() -> Command {
    Command::cargo_bin("policydiff").expect("the policydiff binary")
}

const OLD: &str = "Officers shall record every stop.\n\nRecords are kept for two years.\n";
const NEW: &str = "Officers should record every stop.\n\n<script>alert(1)</script> Records are kept for two years.\n\n=HYPERLINK(\"http://example.invalid\",\"click\")\n\n@SUM(1+1) and -2 and +3 **bold** [link](x) | pipe\n";

fn corpus(root: &Path) -> std::path::PathBuf {
    let dir = root.join("versions").join("harbour-town");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("v1.txt"), OLD).unwrap();
    std::fs::write(dir.join("v2.txt"), NEW).unwrap();
    root.join("versions")
}

fn run(root: &Path) -> std::path::PathBuf {
    let versions = corpus(root);
    let out = root.join("out");
    bin()
        .arg("run")
        .arg("--versions")
        .arg(&versions)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .assert()
        .success();
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn script_in_policy_text_is_visible_text_in_the_html_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path());
    let html = read(&out.join("harbour-town/v1__v2.html"));
    assert!(html.contains("&lt;script&gt;alert(1)"), "escaped");
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no script element"
    );
    let md = read(&out.join("harbour-town/v1__v2.md"));
    assert!(md.contains("&lt;script&gt;alert(1)"));
    assert!(!md.contains("<script"));
    assert!(!md.contains("**bold**") && !md.contains("[link](x)"));
}

#[test]
fn formula_text_never_starts_a_csv_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path());
    for name in [
        "harbour-town/v1__v2.csv",
        "harbour-town/history.csv",
        "summary.csv",
    ] {
        let text = read(&out.join(name));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {cell:?}"
                );
            }
        }
        assert!(cells > 0, "{name} is empty");
    }
    let pair = read(&out.join("harbour-town/v1__v2.csv"));
    assert!(pair.contains("'=HYPERLINK("), "the formula is kept as text");
    assert!(pair.contains("'@SUM(1+1)"));
}

#[test]
fn run_writes_an_index_linking_every_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path());
    let index = read(&out.join("index.html")).replace("&#x2f;", "/");
    assert!(index.contains("href=\"harbour-town/v1__v2.html\""));
    assert!(out.join("harbour-town/v1__v2.html").is_file());
    let summary = read(&out.join("summary.csv"));
    let row = summary.lines().nth(1).expect("a summary row");
    let fields: Vec<&str> = row.split(',').collect();
    assert!(index.contains(&format!(
        "▲ {} strengthened</span> <span class=\"down\">▼ {} weakened",
        fields[3], fields[4]
    )));
}

#[test]
fn diff_renders_html_to_standard_output_and_reruns_are_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let versions = corpus(tmp.path());
    let dir = versions.join("harbour-town");
    let render = || {
        let out = bin()
            .arg("diff")
            .arg(dir.join("v1.txt"))
            .arg(dir.join("v2.txt"))
            .args(["--format", "html"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let first = render();
    assert!(first.starts_with("<!DOCTYPE html>"));
    assert!(first.contains("&lt;script&gt;"));
    assert_eq!(first, render());
}
