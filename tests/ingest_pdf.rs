//! Reading versions from .pdf: the same policy as text and as a printed PDF gives the same clauses;
//! encrypted, scanned and broken PDFs are refused with exit code 2.
#![cfg(feature = "pdf")]

mod common;
mod ingest_fixtures;

use ingest_fixtures::{
    clauses, diff_json, find, layout, pdf_from_pages, pdf_from_text, refused, write, PdfOptions,
};
use policydiff::ingest::read_version_with_warnings;

const POLICY: &str = include_str!("fixtures/illustrative-policy.txt");

#[test]
fn the_layout_really_hyphenates_and_spans_pages() {
    // Guards the fixture itself: without a hyphenated word and a page break, the test below
    // would not test joining.
    let lines = layout(POLICY, 72);
    let broken = lines.windows(2).any(|w| {
        w[0].strip_suffix('-')
            .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_lowercase()))
            && w[1].starts_with(|c: char| c.is_ascii_lowercase())
    });
    assert!(broken, "no word is hyphenated across lines");
    assert!(
        lines.len() > PdfOptions::default().lines_per_page,
        "fits on one page"
    );
}

#[test]
fn printed_pdf_reads_like_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", POLICY.as_bytes());
    let pdf = write(
        dir.path(),
        "policy.pdf",
        &pdf_from_text(POLICY, PdfOptions::default()),
    );
    let read = read_version_with_warnings(&pdf).unwrap();
    assert!(
        !read.text.contains("Page 1 of"),
        "footer kept:\n{}",
        read.text
    );
    assert!(
        !read.text.contains("illustrative sample"),
        "header kept:\n{}",
        read.text
    );
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(clauses(&pdf), clauses(&txt));
}

#[test]
fn double_spaced_pdf_keeps_wrapped_lines_together() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "policy.txt", POLICY.as_bytes());
    let opts = PdfOptions {
        leading: 26.0,
        lines_per_page: 24,
        ..PdfOptions::default()
    };
    let pdf = write(dir.path(), "policy.pdf", &pdf_from_text(POLICY, opts));
    assert_eq!(clauses(&pdf), clauses(&txt));
}

/// Documented limit: with no space between paragraphs, an unnumbered paragraph whose last line
/// fills the width runs into the next one. Numbered clauses must still all come out, and no
/// unnumbered clause may appear that the text does not have.
#[test]
fn tightly_set_pdf_keeps_every_numbered_clause() {
    let dir = common::repo().join("versions/fair-and-impartial-policing");
    let Some(txt) = find(&dir, "2024") else {
        eprintln!("skipped: no 2024 .txt in {}", dir.display());
        return;
    };
    let text = std::fs::read_to_string(&txt).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let opts = PdfOptions {
        paragraph_gap: false,
        ..PdfOptions::default()
    };
    let pdf = write(tmp.path(), "2024.pdf", &pdf_from_text(&text, opts));
    let ids = |p: &std::path::Path, numbered: bool| -> Vec<String> {
        clauses(p)
            .into_iter()
            .filter(|c| c.1.is_some() == numbered)
            .map(|c| c.0)
            .collect()
    };
    assert_eq!(ids(&pdf, true), ids(&txt, true));
    let unnumbered = ids(&txt, false);
    let missing: Vec<&String> = unnumbered
        .iter()
        .filter(|id| !ids(&pdf, false).contains(id))
        .collect();
    assert!(
        missing.len() <= 2,
        "too many paragraphs merged: {missing:?}"
    );
    assert!(ids(&pdf, false).iter().all(|id| unnumbered.contains(id)));
}

/// A PDF that LibreOffice printed (see `fixtures/make-libreoffice-fixture.sh`): real embedded
/// fonts, labels set with tabs, no space between paragraphs. It must read like the .docx it was
/// printed from, whose numbers are checked against LibreOffice's own rendering in `ingest.rs`.
#[test]
fn a_pdf_printed_by_libreoffice_reads_like_its_docx() {
    let fixtures = common::repo().join("tests/fixtures");
    assert_eq!(
        clauses(&fixtures.join("libreoffice-lists.pdf")),
        clauses(&fixtures.join("libreoffice-lists.docx"))
    );
}

#[test]
fn encrypted_pdf_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let opts = PdfOptions {
        password: Some("secret"),
        ..PdfOptions::default()
    };
    let p = write(dir.path(), "locked.pdf", &pdf_from_text(POLICY, opts));
    refused(&p, "encrypted");
}

#[test]
fn scanned_pdf_without_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let opts = PdfOptions {
        no_text: true,
        ..PdfOptions::default()
    };
    let p = write(dir.path(), "scan.pdf", &pdf_from_text(POLICY, opts));
    refused(&p, "no text layer");
}

#[test]
fn broken_pdfs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = pdf_from_text(POLICY, PdfOptions::default());
    refused(
        &write(dir.path(), "cut.pdf", &good[..good.len() / 3]),
        "not a readable PDF",
    );
    refused(
        &write(dir.path(), "text.pdf", b"not a pdf at all"),
        "no %PDF header",
    );
}

#[test]
fn a_page_without_text_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text: Vec<String> = vec!["1. Officers shall act.".into()];
    let p = write(
        dir.path(),
        "mixed.pdf",
        &pdf_from_pages(
            &[&text, &[]],
            PdfOptions {
                furniture: false,
                ..PdfOptions::default()
            },
        ),
    );
    let read = read_version_with_warnings(&p).unwrap();
    assert_eq!(read.text, "1. Officers shall act.\n");
    assert_eq!(
        read.warnings,
        ["page(s) 2 have no text layer (scanned?); their content is missing"]
    );
}

#[test]
fn the_sample_2024_version_reads_and_compares_the_same_as_pdf() {
    let dir = common::repo().join("versions/fair-and-impartial-policing");
    let (Some(old), Some(txt)) = (find(&dir, "2018"), find(&dir, "2024")) else {
        eprintln!("skipped: no 2018 and 2024 .txt in {}", dir.display());
        return;
    };
    let text = std::fs::read_to_string(&txt).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pdf = write(
        tmp.path(),
        "2024.pdf",
        &pdf_from_text(&text, PdfOptions::default()),
    );
    assert_eq!(clauses(&pdf), clauses(&txt));
    assert_eq!(diff_json(&old, &pdf), diff_json(&old, &txt));
}

/// Damaged PDFs (cut short, bytes flipped) give an error or some text, never a crash: panics inside
/// the extraction library are caught and reported as a corrupt file.
#[test]
fn damaged_pdfs_never_crash() {
    let good = std::fs::read(common::repo().join("tests/fixtures/libreoffice-lists.pdf")).unwrap();
    let path = std::path::Path::new("damaged.pdf");
    for i in 1..16usize {
        let at = good.len() * i / 16;
        let _ = policydiff::ingest::read_pdf_bytes(&good[..at], path);
        let mut flipped = good.clone();
        if let Some(b) = flipped.get_mut(at) {
            *b ^= 0x5A;
        }
        let _ = policydiff::ingest::read_pdf_bytes(&flipped, path);
    }
}

/// A damaged PDF whose extraction panics inside the library is reported by the binary in one line that
/// names the file, exit 2, with no panic text, whether or not a backtrace is asked for. The damage is
/// made here from the fixture: one byte in every 194 flipped in turn, which reaches the library's
/// panicking paths in several places.
#[test]
fn damaged_pdfs_print_one_clean_line() {
    let good = std::fs::read(common::repo().join("tests/fixtures/libreoffice-lists.pdf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.pdf");
    let mut caught = 0;
    for at in (0..good.len()).step_by(194) {
        let mut bytes = good.clone();
        bytes[at] ^= 0xFF;
        let refusal = common::read_or_refused_in_one_line(&path, &bytes, &format!("byte {at}"));
        caught += usize::from(refusal.is_some_and(|e| e.contains("text extraction failed")));
    }
    assert!(
        caught > 0,
        "no damage reached a panic in the library; the test checks nothing"
    );
}
