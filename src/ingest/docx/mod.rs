//! A `.docx` path in, the document's text as a reader sees it out, plus warnings for the user.
//!
//! A .docx is a zip of XML parts. The main text is `word/document.xml`; list definitions are in
//! `word/numbering.xml` and paragraph styles in `word/styles.xml` (both optional). Parts are found at
//! these fixed names, which every word processor writing .docx uses. See [`body`] for what the text
//! looks like, [`numbering`] for how "1." and "(a)" are rebuilt.
//!
//! Footnotes, comments, headers and footers are not read: they are not clauses of the policy.
//! A clause's `line` counts lines of this extracted text (`policydiff segment` shows it), since a
//! .docx has no lines of its own.

mod body;
mod numbering;
mod styles;
mod xml;

use super::{io_error, IngestError, Ingested};
use std::io::Read;
use std::path::Path;

/// A part larger than this is refused: it would be a zip bomb, not a policy (a 500-page document is
/// a few MB of XML).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// OLE2 compound file signature: password-protected .docx files and legacy .doc files both use it.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

const DOCUMENT: &str = "word/document.xml";

/// Reads a .docx file.
pub fn read_docx(path: &Path) -> Result<Ingested, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    read_docx_bytes(&bytes, path)
}

/// Reads .docx bytes; `path` names the file in errors and warnings.
pub fn read_docx_bytes(bytes: &[u8], path: &Path) -> Result<Ingested, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(IngestError::ProtectedOrLegacy {
            path: path.to_path_buf(),
        });
    }
    let corrupt = |e: zip::result::ZipError| IngestError::CorruptArchive {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(corrupt)?;
    let document = part(&mut zip, path, DOCUMENT)?.ok_or_else(|| IngestError::MissingPart {
        path: path.to_path_buf(),
        part: DOCUMENT.to_string(),
    })?;
    let mut numbering = match part(&mut zip, path, "word/numbering.xml")? {
        Some(x) => numbering::Numbering::parse(&parse(path, "word/numbering.xml", &x)?),
        None => numbering::Numbering::default(),
    };
    let styles = match part(&mut zip, path, "word/styles.xml")? {
        Some(x) => styles::Styles::parse(&parse(path, "word/styles.xml", &x)?),
        None => styles::Styles::default(),
    };
    numbering.resolve_style_links(|s| styles.numbering(s).map(|(num_id, _)| num_id));
    let root = parse(path, DOCUMENT, &document)?;
    let (text, counters, tracked) = body::Reader::new(&numbering, &styles).read(&root);
    let mut warnings = Vec::new();
    if tracked.any() {
        warnings.push(format!(
            "tracked changes read as if accepted ({} kept, {} dropped, {} taken at their new \
             place); accept or reject them in Word to compare another state",
            count(tracked.insertions, "insertion"),
            count(tracked.deletions, "deletion"),
            count(tracked.moves, "move"),
        ));
    }
    for f in &counters.unsupported {
        warnings.push(format!(
            "list number format {f:?} is not supported and was shown as decimal; clause ids may \
             differ from what Word shows"
        ));
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Ingested {
        text: super::normalize(&text),
        warnings,
    })
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// One part as UTF-8 text, `None` when absent.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    path: &Path,
    name: &str,
) -> Result<Option<String>, IngestError> {
    let corrupt = |message: String| IngestError::CorruptArchive {
        path: path.to_path_buf(),
        message: format!("{name}: {message}"),
    };
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(e.to_string())),
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            part: name.to_string(),
            limit_mb: MAX_PART_BYTES / (1024 * 1024),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Some(s.to_string())),
        Err(e) => Err(IngestError::BadPart {
            path: path.to_path_buf(),
            part: name.to_string(),
            message: format!("not UTF-8 (byte offset {})", e.valid_up_to()),
        }),
    }
}

fn parse(path: &Path, part: &str, text: &str) -> Result<xml::Element, IngestError> {
    xml::parse(text).map_err(|message| IngestError::BadPart {
        path: path.to_path_buf(),
        part: part.to_string(),
        message,
    })
}

#[cfg(test)]
mod tests;
