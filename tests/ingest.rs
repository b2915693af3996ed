//! Reading versions from .docx (and, in `ingest_pdf.rs`, .pdf): the same policy in any format gives
//! the same clauses, and every unreadable file gets a message naming it and exit code 2.

mod common;
mod ingest_fixtures;

use assert_cmd::Command;
use ingest_fixtures::{
    clauses, diff_json, docx_from_text, find, refused, write, DocxOptions, DocxParts, W,
};
use policydiff::ingest::{read_version, read_version_with_warnings, IngestError};
use predicates::prelude::*;

const POLICY: &str = include_str!("fixtures/illustrative-policy.txt");

#[test]
fn docx_with_list_numbering_reads_like_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", POLICY.as_bytes());
    let docx = write(
        dir.path(),
        "policy.docx",
        &docx_from_text(POLICY, DocxOptions::default()),
    );
    let text = read_version(&docx).unwrap();
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

/// A .docx written by LibreOffice (see `fixtures/make-libreoffice-fixture.sh`) against LibreOffice's
/// own plain-text export of it: the numbers we rebuild are the numbers another word processor shows.
#[test]
fn numbers_match_what_libreoffice_displays() {
    let fixtures = common::repo().join("tests/fixtures");
    let ours = read_version(&fixtures.join("libreoffice-lists.docx")).unwrap();
    let theirs = read_version(&fixtures.join("libreoffice-lists.txt")).unwrap();
    let lines = |text: &str, strip_heading_marks: bool| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let l = if strip_heading_marks {
                    l.trim_start_matches('#').trim_start()
                } else {
                    l
                };
                l.to_string()
            })
            .collect()
    };
    // Our only addition is the Markdown mark on a heading that nothing else would mark.
    assert!(ours.contains("## Scope and sources"), "{ours}");
    assert_eq!(lines(&ours, true), lines(&theirs, false));
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
    let read = read_version_with_warnings(&docx).unwrap();
    assert!(!read.text.contains("formerly worded"), "deleted text kept");
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(read.warnings[0].contains("(1 insertion kept, 1 deletion dropped, 0 moves taken"));
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
    assert_eq!(diff_json(&a, &b_docx), diff_json(&a, &b_txt));
}

#[test]
fn a_batch_run_reads_docx_versions_and_names_them_in_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("versions/sample");
    std::fs::create_dir_all(&policy).unwrap();
    write(&policy, "2018.txt", POLICY.as_bytes());
    let docx = docx_from_text(
        POLICY,
        DocxOptions {
            tracked_change: true,
        },
    );
    write(&policy, "2024.docx", &docx);
    Command::cargo_bin("policydiff")
        .unwrap()
        .current_dir(dir.path())
        .args(["run", "--quiet"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2024.docx: tracked changes read as if accepted",
        ));
    assert!(dir.path().join("out/sample/2018__2024.json").is_file());
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
fn the_sample_2024_version_reads_and_compares_the_same_as_docx() {
    let dir = common::repo().join("versions/fair-and-impartial-policing");
    let (Some(old), Some(txt)) = (find(&dir, "2018"), find(&dir, "2024")) else {
        eprintln!("skipped: no 2018 and 2024 .txt in {}", dir.display());
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
    assert_eq!(diff_json(&old, &docx), diff_json(&old, &txt));
}

#[cfg(not(feature = "pdf"))]
#[test]
fn without_the_pdf_feature_a_pdf_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "draft.pdf", b"%PDF-1.5\n");
    refused(&p, "built without the `pdf` feature");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;

    /// Pieces of WordprocessingML, well-formed or not, to assemble into random bodies.
    const PIECES: &[&str] = &[
        "<w:p>",
        "</w:p>",
        "<w:r>",
        "</w:r>",
        "<w:t>word </w:t>",
        "<w:pPr>",
        "</w:pPr>",
        r#"<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>"#,
        r#"<w:numPr><w:ilvl w:val="99"/><w:numId w:val="2"/></w:numPr>"#,
        r#"<w:pStyle w:val="Heading1"/>"#,
        "<w:ins>",
        "</w:ins>",
        "<w:del>",
        "</w:del>",
        "<w:moveFrom>",
        "</w:moveFrom>",
        "<w:tbl>",
        "</w:tbl>",
        "<w:tr>",
        "</w:tr>",
        "<w:tc>",
        "</w:tc>",
        "<w:rPr><w:del/></w:rPr>",
        "<w:br/>",
        "&amp;",
        "&#0;",
        "<w:txbxContent>",
        "</w:txbxContent>",
        "<w:drawing>",
        "</w:drawing>",
    ];

    fn numbering(start: u32, fmt: &str) -> String {
        format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="8"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%9.%1%"/><w:lvlRestart w:val="{start}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="3"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num></w:numbering>"#
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn on_any_body_or_numbering(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
            start in any::<u32>(),
            fmt in prop::sample::select(vec!["decimal", "lowerLetter", "upperRoman", "bullet", "none", "chicago"]),
        ) {
            let body: String = picks.iter().map(|&i| PIECES[i]).collect();
            let doc = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
            let bytes = DocxParts::standard(&doc).with("word/numbering.xml", &numbering(start, fmt)).zip();
            let _ = policydiff::ingest::read_docx_bytes(&bytes, Path::new("random.docx"));
        }

        #[test]
        fn on_damaged_archives(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
            static GOOD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let mut bytes = GOOD
                .get_or_init(|| docx_from_text(POLICY, DocxOptions { tracked_change: true }))
                .clone();
            if let Some(b) = bytes.get_mut(flip) {
                *b ^= byte;
            }
            bytes.truncate(cut.max(1) * 2);
            let _ = policydiff::ingest::read_docx_bytes(&bytes, Path::new("damaged.docx"));
        }
    }
}

/// Damaged Word files (bytes flipped, cut short, a part of the zip left out), made here from the
/// fixture: each is read or refused in one line naming the file (exit 2), never with panic text.
#[test]
fn damaged_docx_files_print_one_clean_line() {
    use std::io::{Read, Write};
    let good = std::fs::read(common::repo().join("tests/fixtures/libreoffice-lists.docx")).unwrap();
    let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
    for at in (0..good.len()).step_by(good.len() / 12) {
        let mut b = good.clone();
        b[at] ^= 0xFF;
        variants.push((format!("flipped at {at}"), b));
        variants.push((format!("cut at {at}"), good[..at].to_vec()));
    }
    // The same archive without each of its parts in turn.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&good)).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    for skip in &names {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for name in &names {
            if name == skip {
                continue;
            }
            let mut body = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut body).unwrap();
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&body).unwrap();
        }
        variants.push((
            format!("without {skip}"),
            out.finish().unwrap().into_inner(),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.docx");
    let mut refused = 0;
    for (what, bytes) in variants {
        refused += usize::from(common::read_or_refused_in_one_line(&path, &bytes, &what).is_some());
    }
    // Some damage must be refused, or the test would pass on a reader that ignores its input.
    assert!(
        refused > 0,
        "no damaged file was refused; the test checks nothing"
    );
}
