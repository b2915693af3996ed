//! A `.pdf` path in, its text layer as plain text out, with page furniture removed (see [`clean`]).
//!
//! Glyphs come from `pdf-extract` (on `lopdf`), page by page. PDF text is positioned glyphs, not
//! paragraphs, so what comes out is an approximation the segmenter is built to cope with: lines are
//! the printed lines ([`lines`]), paragraphs are separated by blank lines where the vertical gap is
//! larger than the document's ordinary line pitch, and numbering stays inline as printed
//! ("1. GENERAL A. The Department shall ...").
//!
//! A clause's `line` counts lines of the extracted text, not of a page.
//!
//! Documented limits: no OCR (a scan is refused with [`IngestError::NoTextLayer`]); multi-column
//! layouts read in the order the file draws them; tables come out as lines of cells; a PDF that
//! needs a password is refused (one that opens without one, with only an owner password, is read).
//! In text set with no space between paragraphs, an unnumbered paragraph whose last line happens to
//! fill the width runs into the next (numbered clauses are still split by the segmenter). A real
//! hyphen that falls at a line end is kept only if the document spells the word with a hyphen
//! elsewhere (see [`clean`]).
//!
//! `pdf-extract` can panic on malformed files. The extraction runs [`guarded`](super::quiet::guarded), so
//! a bad PDF becomes [`IngestError::CorruptPdf`], reported in one line, rather than a library's panic
//! text.

mod clean;
mod lines;

use super::{io_error, IngestError, Ingested};
use std::path::Path;

/// Reads a PDF file.
pub fn read_pdf(path: &Path) -> Result<Ingested, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    read_pdf_bytes(&bytes, path)
}

/// Reads PDF bytes; `path` names the file in errors.
pub fn read_pdf_bytes(bytes: &[u8], path: &Path) -> Result<Ingested, IngestError> {
    let corrupt = |message: String| IngestError::CorruptPdf {
        path: path.to_path_buf(),
        message,
    };
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    // The header may follow a little junk, which readers tolerate within the first kilobyte.
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(corrupt("no %PDF header".into()));
    }
    let pages = super::quiet::guarded(|| extract(bytes))
        .map_err(|why| corrupt(format!("text extraction failed ({why})")))?
        .map_err(|e| match e {
            Failure::Encrypted => IngestError::EncryptedPdf {
                path: path.to_path_buf(),
            },
            Failure::Other(m) => corrupt(m),
        })?;
    let empty: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    if empty.len() == pages.len() {
        return Err(IngestError::NoTextLayer {
            path: path.to_path_buf(),
            pages: pages.len(),
        });
    }
    let mut warnings = Vec::new();
    if !empty.is_empty() {
        let list: Vec<String> = empty.iter().map(usize::to_string).collect();
        warnings.push(format!(
            "page(s) {} have no text layer (scanned?); their content is missing",
            list.join(", ")
        ));
    }
    let text = clean::clean(&pages);
    Ok(Ingested {
        text: super::normalize(&text),
        warnings,
    })
}

enum Failure {
    Encrypted,
    Other(String),
}

/// One string per page, in page order.
fn extract(bytes: &[u8]) -> Result<Vec<String>, Failure> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => Failure::Encrypted,
        e => Failure::Other(e.to_string()),
    })?;
    // lopdf opens files whose user password is empty by itself; any other encrypted file is left
    // undecrypted, which shows as an Encrypt entry without an encryption state.
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(Failure::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(Failure::Other("the PDF has no pages".into()));
    }
    // One pass over the whole document: asking page by page re-walks the page tree every time.
    let mut collector = lines::Collector::default();
    pdf_extract::output_doc(&doc, &mut collector).map_err(|e| Failure::Other(e.to_string()))?;
    let metrics = lines::metrics(&collector.pages);
    let pages = collector
        .pages
        .iter()
        .map(|p| lines::page_text(p, &metrics))
        .collect();
    Ok(pages)
}
