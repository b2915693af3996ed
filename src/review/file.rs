//! The text of a review file in, its checked entries out; every mistake is named with the file, line
//! and column, as manifest errors are, since a person fixes it by opening the file there.

use crate::ingest::{yaml_error_parts, IngestError};
use crate::model::Review;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The review file of a policy folder when its manifest names none.
pub const REVIEW_FILE: &str = "reviews.yaml";

/// A policy's review file: where it is (it may not exist yet) and its entries in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewFile {
    pub path: PathBuf,
    pub reviews: Vec<Review>,
}

impl ReviewFile {
    /// Reads the review file at `path`; a file that does not exist holds no reviews (the first
    /// `review set` creates it).
    pub fn read(path: &Path) -> Result<ReviewFile, IngestError> {
        let reviews = match std::fs::read_to_string(path) {
            Ok(text) => parse(&text, path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(crate::ingest::io_error(path, e)),
        };
        Ok(ReviewFile {
            path: path.to_path_buf(),
            reviews,
        })
    }
}

/// Parses a review file's text; `path` names it in errors. An empty file (or one of comments only)
/// holds no reviews.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Review>, IngestError> {
    let at = |line: usize, column: usize, message: String| IngestError::Manifest {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let reviews: Option<Vec<Review>> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column, message) = yaml_error_parts(&e);
        // The parser names a field of the top-level list as `.[0].verdict`; `[0].verdict` reads better.
        let message = message
            .strip_prefix('.')
            .map_or(message.clone(), String::from);
        at(line, column, message)
    })?;
    let reviews = reviews.unwrap_or_default();
    // Two verdicts on one change leave no way to tell which holds.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for r in &reviews {
        let n = seen.entry(r.fingerprint.as_str()).or_default();
        *n += 1;
        if *n == 2 {
            let (line, column) = nth_place(text, r.fingerprint.as_str(), 2);
            return Err(at(
                line,
                column,
                format!(
                    "fingerprint {} is reviewed twice; keep one entry",
                    r.fingerprint
                ),
            ));
        }
    }
    Ok(reviews)
}

/// The 1-based line and column of the `nth` occurrence of `needle` (the start when it has fewer).
fn nth_place(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let Some((at, _)) = text.match_indices(needle).nth(nth - 1) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    const FP: &str = "0123456789abcdef";

    fn parse_it(text: &str) -> Result<Vec<Review>, String> {
        parse(text, Path::new("reviews.yaml")).map_err(|e| e.to_string())
    }

    /// A review file's text and what it gives: the entries' verdicts, or the start of the error.
    #[track_caller]
    fn case(text: &str, want: Result<&[Direction], &str>) {
        let got = parse_it(text);
        match (got, want) {
            (Ok(r), Ok(w)) => assert_eq!(r.iter().map(|r| r.verdict).collect::<Vec<_>>(), w),
            (Err(e), Err(w)) => assert!(e.starts_with(w), "{e:?} should start with {w:?}"),
            (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn entries_and_mistakes() {
        use Direction::*;
        let one = format!("- fingerprint: {FP}\n  verdict: weakened\n  by: A\n");
        case("", Ok(&[]));
        case("# nothing reviewed yet\n", Ok(&[]));
        case(&one, Ok(&[Weakened]));
        case(
            &format!("{one}- fingerprint: fedcba9876543210\n  verdict: unchanged\n  by: B\n"),
            Ok(&[Weakened, Unchanged]),
        );
        // A fingerprint of digits only is still text, not a number.
        case(
            "- fingerprint: 0123456789012345\n  verdict: unchanged\n  by: A\n",
            Ok(&[Unchanged]),
        );
        // A bad verdict, an unknown key, a fingerprint not in its printed form, a missing name: each
        // named at its line and column.
        case(
            &format!("- fingerprint: {FP}\n  verdict: weaker\n  by: A\n"),
            Err("reviews.yaml:2:12: [0].verdict: unknown variant `weaker`"),
        );
        case(
            &format!("- fingerprint: {FP}\n  verdict: weakened\n  by: A\n  nte: x\n"),
            Err("reviews.yaml:4:3: [0]: unknown field `nte`"),
        );
        case(
            "- fingerprint: 0123ABCD\n  verdict: weakened\n  by: A\n",
            Err("reviews.yaml:1:16: [0].fingerprint: \"0123ABCD\" is not a change fingerprint"),
        );
        case(
            &format!("- fingerprint: {FP}\n  verdict: weakened\n"),
            Err("reviews.yaml:1:3: [0]: missing field `by`"),
        );
        case("fingerprint: x\n", Err("reviews.yaml:1:1: invalid type"));
        case(
            &format!("{one}{one}"),
            Err(&format!(
                "reviews.yaml:4:16: fingerprint {FP} is reviewed twice"
            )),
        );
    }

    #[test]
    fn every_field_is_read() {
        let r = parse_it(&format!(
            "- fingerprint: {FP}\n  verdict: strengthened\n  note: \"Now: mandatory.\"\n  by: A. B\n  when: 2025-03-01\n"
        ))
        .unwrap();
        assert_eq!(r[0].fingerprint.as_str(), FP);
        assert_eq!(r[0].note, "Now: mandatory.");
        assert_eq!(r[0].by, "A. B");
        assert_eq!(r[0].when.as_deref(), Some("2025-03-01"));
    }

    #[test]
    fn a_missing_file_holds_no_reviews() {
        let dir = tempfile::tempdir().unwrap();
        let f = ReviewFile::read(&dir.path().join(REVIEW_FILE)).unwrap();
        assert!(f.reviews.is_empty());
    }
}
