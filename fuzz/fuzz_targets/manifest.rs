//! Arbitrary bytes in, a crash out if parsing them as `policy.yaml` panics, overflows the stack, or
//! yields an error that does not name the file and a 1-based line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::ingest::{IngestError, Manifest};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Manifest::parse(text, Path::new("policy.yaml")) {
        Ok(_) => {}
        Err(IngestError::Manifest { line, column, .. }) => {
            assert!(line >= 1 && column >= 1, "location {line}:{column}");
        }
        Err(e) => {
            assert!(
                e.to_string().starts_with("policy.yaml"),
                "unnamed error: {e}"
            );
        }
    }
});
