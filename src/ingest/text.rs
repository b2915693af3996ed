//! A path in, the file's checked and normalised text out.
//!
//! Invalid UTF-8 is refused rather than decoded lossily: a silently replaced character inside a clause
//! could flip a verdict, and the user can re-save the file as UTF-8. The error gives the byte offset.

use super::{io_error, normalize, IngestError};
use std::path::Path;

/// Reads a text version file: refuses missing, empty, binary and non-UTF-8 files; strips a BOM,
/// turns CRLF and CR into LF and normalises Unicode (see [`normalize`]).
pub fn read_text(path: &Path) -> Result<String, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    decode(&bytes, path)
}

pub(crate) fn decode(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        path: path.to_path_buf(),
        offset: e.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(normalize(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> Result<String, IngestError> {
        decode(b, Path::new("x.txt"))
    }

    #[test]
    fn bom_and_crlf_are_handled() {
        assert_eq!(dec(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn bad_inputs_are_refused_with_their_reason() {
        assert!(matches!(dec(b""), Err(IngestError::Empty { .. })));
        assert!(matches!(dec(b" \n\t\n"), Err(IngestError::Empty { .. })));
        assert!(matches!(
            dec(b"ab\0cd"),
            Err(IngestError::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            dec(b"abc\xFFdef"),
            Err(IngestError::InvalidUtf8 { offset: 3, .. })
        ));
    }
}
