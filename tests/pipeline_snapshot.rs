//! One small pair through the whole pipeline (segment, align, diff, classify, render), snapshotted as
//! JSON and Markdown: a change to any stage that alters what users read shows up here for review.

use assert_cmd::Command;

const OLD: &str = "ILLUSTRATIVE TEST POLICY - written for these tests.\n\n\
I. STOPS\n\n\
A. Officers should explain the reason for a stop at the start of the stop.\n\n\
B. Officers shall not search a vehicle unless the driver consents or the officer has probable cause.\n\n\
C. Officers may ask a passenger for identification.\n\n\
II. RECORDS\n\n\
A. The agency shall publish stop data within ninety (90) days after each quarter ends.\n";

const NEW: &str = "ILLUSTRATIVE TEST POLICY - written for these tests.\n\n\
I. STOPS\n\n\
A. Officers shall explain the reason for a stop at the start of the stop.\n\n\
B. Officers shall not search a vehicle unless the driver consents in writing or the officer has probable cause.\n\n\
C. Officers shall not require a passenger to provide identification unless the passenger is suspected of a crime.\n\n\
II. RECORDS\n\n\
A. Where practicable, the agency shall publish stop data within thirty (30) days after each quarter ends.\n\n\
B. Officers shall not ask any person about immigration status during a traffic stop.\n";

fn render(format: &str) -> String {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("old.txt"), tmp.path().join("new.txt"));
    std::fs::write(&a, OLD).expect("write old");
    std::fs::write(&b, NEW).expect("write new");
    let out = Command::cargo_bin("policydiff")
        .expect("binary")
        .current_dir(tmp.path())
        .args(["diff", "old.txt", "new.txt", "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn json_of_one_pair() {
    insta::assert_snapshot!("pipeline_json", render("json"));
}

#[test]
fn markdown_of_one_pair() {
    insta::assert_snapshot!("pipeline_markdown", render("markdown"));
}
