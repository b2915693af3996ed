//! Arbitrary bytes in, read as a Word file; a crash out if reading them panics, if an error does not
//! start with the file's name, or if a document that reads has empty or unnormalised text, or text the
//! segmenter cannot take.
//!
//! Bytes that are not a zip are also read as the XML parts of one (`document.xml`, then
//! `numbering.xml` and `styles.xml`, separated by NUL bytes), packed into a fresh archive here: a
//! mutated zip mostly fails its checksums, so without this the XML readers behind the archive would
//! see little of the fuzzer's work.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::ingest::{normalize, read_docx_bytes};
use std::io::Write;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    check(data);
    if !data.starts_with(b"PK") {
        check(&pack(data));
    }
});

fn check(data: &[u8]) {
    match read_docx_bytes(data, Path::new("fuzz.docx")) {
        Ok(read) => {
            assert!(!read.text.trim().is_empty(), "a document read with no text");
            // Every format's text goes through `normalize` last, so that the same words give the
            // same clauses whatever the format; normalising it again must change nothing.
            assert_eq!(normalize(&read.text), read.text, "text not normalised");
            let _ = policydiff::segment::segment(&read.text);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                message.starts_with("fuzz.docx: "),
                "unnamed error: {message}"
            );
        }
    }
}

/// A zip of the NUL-separated parts in `data`, stored uncompressed (the reader's inflater is fuzzed
/// through the raw bytes; here the point is the XML).
fn pack(data: &[u8]) -> Vec<u8> {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(data.splitn(names.len(), |&b| b == 0)) {
        z.start_file(*name, opts).expect("zip entry");
        z.write_all(part).expect("zip write");
    }
    z.finish().expect("zip finish");
    buf.into_inner()
}
