//! Reading versions from .docx (and, in `ingest_pdf.rs`, .pdf): the same policy in any format gives
//! the same clauses, and every unreadable file gets a message naming it and exit code 2.

mod common;
mod ingest_fixtures;

use assert_cmd::Command;
use ingest_fixtures::{docx_from_text, DocxOptions, DocxParts, W};
use policydiff::ingest::{read_version, IngestError};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const POLICY: &str = include_str!("fixtures/illustrative-policy.txt");

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// What a clause is, minus its source line (a .txt wraps lines; a .docx paragraph is one line).
fn clauses(path: &Path) -> Vec<(String, Option<String>, Vec<String>, String, usize)> {
    policydiff::load_file(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .clauses
        .into_iter()
        .map(|c| (c.id, c.number, c.path, c.text, c.level))
        .collect()
}

#[test]
fn docx_with_list_numbering_reads_like_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", POLICY.as_bytes());
    let docx = write(
        dir.path(),
        "policy.docx",
        &docx_from_text(POLICY, DocxOptions::default()),
    );
    let text = read_version(&docx).unwrap().text;
    // The numbers exist only as list definitions in the file; the reader rebuilt them.
    for line in [
        "I. PURPOSE",
        "B. \"Protected characteristic\"",
        "3. the officer's",
        "(c) training",
    ] {
        assert!(text.contains(line), "{line:?} missing from\n{text}");
    }
    assert_eq!(clauses(&docx), clauses(&txt));
}

#[test]
fn tracked_changes_are_accepted_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", POLICY.as_bytes());
    let docx = write(
        dir.path(),
        "policy.docx",
        &docx_from_text(
            POLICY,
            DocxOptions {
                tracked_change: true,
            },
        ),
    );
    let read = read_version(&docx).unwrap();
    assert!(!read.text.contains("formerly worded"), "deleted text kept");
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(read.warnings[0].contains("1 insertions kept, 1 deletions dropped"));
    assert_eq!(clauses(&docx), clauses(&txt));
    // The CLI names the file in the warning on stderr, and still succeeds.
    Command::cargo_bin("policydiff")
        .unwrap()
        .args(["segment"])
        .arg(&docx)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("warning")
                .and(predicate::str::contains("policy.docx: tracked changes")),
        );
}

#[test]
fn docx_and_txt_in_a_versions_folder_compare_like_two_texts() {
    let dir = tempfile::tempdir().unwrap();
    let old = POLICY.replace("Officers must document", "Officers should document");
    let a = write(dir.path(), "2018.txt", old.as_bytes());
    let b_txt = write(dir.path(), "2024.txt", POLICY.as_bytes());
    let b_docx = write(
        dir.path(),
        "2024.docx",
        &docx_from_text(POLICY, DocxOptions::default()),
    );
    let json = |new: &Path| {
        let out = Command::cargo_bin("policydiff")
            .unwrap()
            .args(["diff", "--format", "json"])
            .arg(&a)
            .arg(new)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["to"]["file"] = serde_json::Value::Null;
        v["to"]["label"] = serde_json::Value::Null;
        strip_lines(&mut v);
        v
    };
    assert_eq!(json(&b_docx), json(&b_txt));
}

/// Source lines differ between formats by design; everything else must match.
fn strip_lines(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("line");
            m.values_mut().for_each(strip_lines);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_lines),
        _ => {}
    }
}

#[test]
fn a_versions_folder_lists_docx_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["v1.txt", "v2.docx", "v3.pdf", "notes.odt", "~$v2.docx"] {
        write(dir.path(), name, b"x");
    }
    let src = policydiff::ingest::load_policy(dir.path()).unwrap();
    let labels: Vec<&str> = src.versions.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["v1", "v2", "v3"]);
}

/// Runs `segment` on a file and expects exit 2 with a message naming it and saying `what`.
#[track_caller]
fn refused(path: &Path, what: &str) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    Command::cargo_bin("policydiff")
        .unwrap()
        .arg("segment")
        .arg(path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(name).and(predicate::str::contains(what)));
}

#[test]
fn broken_word_files_are_refused_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = docx_from_text(POLICY, DocxOptions::default());
    refused(
        &write(d, "truncated.docx", &good[..good.len() / 2]),
        "not a readable .docx",
    );
    refused(
        &write(d, "text.docx", b"just some text, not a zip"),
        "not a readable .docx",
    );
    let no_doc = DocxParts::standard("").without("word/document.xml").zip();
    refused(&write(d, "nodoc.docx", &no_doc), "has no word/document.xml");
    let bad_xml = DocxParts::standard(&format!("<w:document {W}><w:body><w:p></w:body>")).zip();
    refused(
        &write(d, "badxml.docx", &bad_xml),
        "word/document.xml: malformed XML",
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 512]);
    refused(
        &write(d, "locked.docx", &ole),
        "password-protected or old-format",
    );
    let empty = DocxParts::standard(&format!("<w:document {W}><w:body/></w:document>")).zip();
    refused(&write(d, "empty.docx", &empty), "empty");
}

#[test]
fn library_errors_carry_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "x.docx", b"PK\x03\x04garbage");
    match read_version(&p) {
        Err(IngestError::CorruptArchive { path, .. }) => assert_eq!(path, p),
        other => panic!("expected CorruptArchive, got {other:?}"),
    }
}

#[test]
fn the_sample_2024_version_reads_the_same_as_docx() {
    let dir = common::repo().join("versions/fair-and-impartial-policing");
    let Some(txt) = find_2024(&dir) else {
        eprintln!("skipped: no 2024 .txt in {}", dir.display());
        return;
    };
    let text = std::fs::read_to_string(&txt).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let docx = write(
        tmp.path(),
        "2024.docx",
        &docx_from_text(
            &text,
            DocxOptions {
                tracked_change: true,
            },
        ),
    );
    assert_eq!(clauses(&docx), clauses(&txt));
}

pub fn find_2024(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with("2024") && name.ends_with(".txt")
        })
        .collect();
    found.sort();
    found.into_iter().next()
}
