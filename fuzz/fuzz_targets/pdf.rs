//! Arbitrary bytes in, read as a PDF; a crash out if a panic escapes the reader (the PDF library's
//! panics are meant to be caught inside it and reported as a damaged file), if an error does not
//! start with the file's name, or if a document that reads has no text or text the segmenter cannot
//! take.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::ingest::read_pdf_bytes;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    match read_pdf_bytes(data, Path::new("fuzz.pdf")) {
        Ok(read) => {
            // A PDF with no text on any page is refused as a scan, so what reads has some.
            assert!(!read.text.trim().is_empty(), "a PDF read with no text");
            let _ = policydiff::segment::segment(&read.text);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with("fuzz.pdf: "),
                "unnamed error: {message}"
            );
        }
    }
});
