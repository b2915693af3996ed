//! Arbitrary bytes in, read as an amendments table twice (as `amendments.csv` and as `amendments.yaml`)
//! by the reader `policydiff amendments` uses, with the `expect` column read as labels; a crash out if
//! reading panics, or if an error does not start with the file's name, or names a line, row or column
//! numbered 0 (places are 1-based because the user goes to them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policydiff::table::{read_labels, read_table_bytes};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for name in ["amendments.csv", "amendments.yaml"] {
        let path = Path::new(name);
        let result = read_table_bytes(data, path).and_then(|t| {
            // The reader refuses a row with nothing on either side, so every row it returns has a
            // clause to classify.
            for r in &t.rows {
                let blank = |k: &str| r.get(k).is_none_or(|v| v.trim().is_empty());
                assert!(
                    !(blank("old") && blank("new")),
                    "{name}: {}: a row with neither `old` nor `new`",
                    r.place
                );
            }
            if t.columns.iter().any(|c| c == "expect") {
                read_labels(&t, "expect", path)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            check_message(name, &format!("{e:#}"));
        }
    }
});

/// The message starts with the file's name, and every place it gives (`line N`, `row N`, or
/// `name:LINE:COLUMN:`) is counted from 1.
fn check_message(name: &str, message: &str) {
    let rest = message
        .strip_prefix(name)
        .unwrap_or_else(|| panic!("unnamed error: {message}"));
    // `name:LINE:COLUMN: ...` from the YAML parser.
    let mut parts = rest.splitn(4, ':');
    if let (Some(""), Some(line), Some(column)) = (parts.next(), parts.next(), parts.next()) {
        if let (Ok(line), Ok(column)) = (line.parse::<u64>(), column.parse::<u64>()) {
            assert!(line >= 1 && column >= 1, "place {line}:{column}: {message}");
        }
    }
    // `name: line N: ...` or `name: row N: ...`, the place right after the name.
    let head = rest.strip_prefix(": ").unwrap_or(rest);
    for word in ["line ", "row "] {
        if let Some(n) = head.strip_prefix(word) {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u64>() {
                assert!(n >= 1, "{word}{n}: {message}");
            }
        }
    }
}
