//! The sample's Word document, `versions/fair-and-impartial-policing/local/fairhaven.docx`, is built
//! from `tests/fixtures/fairhaven.txt` by the same .docx builder as the format tests, so anyone can see
//! what it holds: the committed file must be exactly what the builder makes of that text, and must read
//! as the same clauses as the text.
//!
//! After editing the text, rebuild the document with
//! `POLICYDIFF_REBUILD_SAMPLE=1 cargo test --test sample_docx`.

mod common;
mod ingest_fixtures;

use ingest_fixtures::{clauses, docx_from_text, DocxOptions};

const SOURCE: &str = include_str!("fixtures/fairhaven.txt");

#[test]
fn the_sample_docx_is_built_from_its_text() {
    let docx = common::repo().join("versions/fair-and-impartial-policing/local/fairhaven.docx");
    let built = docx_from_text(SOURCE, DocxOptions::default());
    if std::env::var_os("POLICYDIFF_REBUILD_SAMPLE").is_some() {
        std::fs::write(&docx, &built).expect("write the sample .docx");
    }
    let committed = std::fs::read(&docx).unwrap_or_else(|e| panic!("{}: {e}", docx.display()));
    assert!(
        committed == built,
        "{} is not what the builder makes of tests/fixtures/fairhaven.txt; rebuild it with \
         POLICYDIFF_REBUILD_SAMPLE=1 cargo test --test sample_docx",
        docx.display()
    );
    let text = tempfile::tempdir().unwrap();
    let txt = text.path().join("fairhaven.txt");
    std::fs::write(&txt, SOURCE).unwrap();
    assert_eq!(clauses(&docx), clauses(&txt));
}
