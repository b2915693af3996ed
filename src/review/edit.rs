//! A review file's text and one review in, the text with that review added or replaced out: what
//! `policydiff review set` writes. The rest of the file (comments, blank lines, the other entries and
//! their order) is left as it was, so a file people also edit by hand stays theirs.

use super::file::parse;
use crate::ingest::IngestError;
use crate::model::Review;
use std::path::Path;

/// What [`set`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Replaced,
    /// The file already holds this verdict, note and name for the change: nothing to write (its
    /// `when` stays the day it was decided).
    Unchanged,
}

/// `text` (the file at `path`, empty when it does not exist) with `review` in it: appended when the
/// file has no review of its fingerprint, else in place of that entry.
pub fn set(text: &str, path: &Path, review: &Review) -> Result<(String, Outcome), IngestError> {
    let mut want = parse(text, path)?;
    let same = |r: &Review| r.fingerprint == review.fingerprint;
    let (edited, outcome) = match want.iter().position(same) {
        Some(i) => {
            let old = &want[i];
            if (old.verdict, &old.note, &old.by) == (review.verdict, &review.note, &review.by) {
                return Ok((text.to_string(), Outcome::Unchanged));
            }
            want[i] = review.clone();
            (replace(text, i, review), Outcome::Replaced)
        }
        None => {
            want.push(review.clone());
            (Some(append(text, review)), Outcome::Added)
        }
    };
    // The edit is made on the text; reading it back proves it says what was meant. A file in another
    // layout (a flow list, entries indented unevenly) is not rewritten: that would lose its comments.
    match edited {
        Some(t) if parse(&t, path).ok().as_ref() == Some(&want) => Ok((t, outcome)),
        _ => Err(IngestError::Invalid {
            path: path.to_path_buf(),
            message: "cannot add the review in place: write the file as a plain list of entries \
                      (`- fingerprint: ...`), or edit it by hand"
                .into(),
        }),
    }
}

/// One review as a block of the file, indented by `indent` spaces.
fn entry(review: &Review, indent: usize) -> String {
    // serde_yaml quotes whatever needs it (a note starting with `#`, a fingerprint of digits only).
    let block = serde_yaml::to_string(&[review]).unwrap_or_default();
    let pad = " ".repeat(indent);
    block.lines().map(|l| format!("{pad}{l}\n")).collect()
}

fn append(text: &str, review: &Review) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&entry(review, list_indent(text).unwrap_or(0)));
    out
}

/// `text` with its `i`-th entry replaced; `None` when the entries cannot be told apart by their lines.
fn replace(text: &str, i: usize, review: &Review) -> Option<String> {
    let indent = list_indent(text)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&k| is_item(lines[k], indent))
        .collect();
    let start = *starts.get(i)?;
    // The entry ends at its last line of content: blank lines and comments before the next entry (or
    // at the end of the file) belong to what follows.
    let next = starts.get(i + 1).copied().unwrap_or(lines.len());
    let end = (start + 1..next)
        .rev()
        .find(|&k| !is_blank_or_comment(lines[k]))
        .map_or(start + 1, |k| k + 1);
    let mut out: String = lines[..start].concat();
    out.push_str(&entry(review, indent));
    out.push_str(&lines[end..].concat());
    Some(out)
}

/// The indentation of the list's items: that of the first line starting with `- `.
fn list_indent(text: &str) -> Option<usize> {
    text.lines().find_map(|l| {
        let body = l.trim_start_matches(' ');
        (body.starts_with("- ") || body == "-").then(|| l.len() - body.len())
    })
}

fn is_item(line: &str, indent: usize) -> bool {
    let body = line.trim_end_matches(['\n', '\r']);
    body.len() > indent
        && body[..indent].bytes().all(|b| b == b' ')
        && (body[indent..].starts_with("- ") || &body[indent..] == "-")
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    const A: &str = "0123456789abcdef";
    const B: &str = "fedcba9876543210";

    fn review(fingerprint: &str, verdict: Direction, note: &str) -> Review {
        Review {
            fingerprint: fingerprint.parse().unwrap(),
            verdict,
            note: note.into(),
            by: "Lee".into(),
            when: Some("2025-03-01".into()),
            from: None,
            to: None,
        }
    }

    /// The file before, the review set, and the file after (or `None`: refused).
    #[track_caller]
    fn case(before: &str, r: Review, want: Option<(&str, Outcome)>) {
        let got = set(before, Path::new("reviews.yaml"), &r).ok();
        let got = got.as_ref().map(|(t, o)| (t.as_str(), *o));
        assert_eq!(got, want, "{before:?}");
    }

    #[test]
    fn adds_replaces_and_leaves_the_rest_alone() {
        use Direction::*;
        let a = "- fingerprint: 0123456789abcdef\n  verdict: weakened\n  note: Loses a duty.\n  by: Lee\n  when: 2025-03-01\n";
        let b = "- fingerprint: fedcba9876543210\n  verdict: unchanged\n  note: ''\n  by: Lee\n  when: 2025-03-01\n";
        // Into a new file, and after comments.
        case(
            "",
            review(A, Weakened, "Loses a duty."),
            Some((a, Outcome::Added)),
        );
        case(
            "# March meeting\n",
            review(A, Weakened, "Loses a duty."),
            Some((&format!("# March meeting\n{a}"), Outcome::Added)),
        );
        // After an entry written by hand without a final newline.
        let by_hand = "- fingerprint: fedcba9876543210\n  verdict: unchanged\n  by: Kim";
        case(
            by_hand,
            review(A, Weakened, "Loses a duty."),
            Some((&format!("{by_hand}\n{a}"), Outcome::Added)),
        );
        // The same decision again: nothing changes, not even the date.
        let mut later = review(A, Weakened, "Loses a duty.");
        later.when = Some("2025-04-01".into());
        case(a, later, Some((a, Outcome::Unchanged)));
        // Another verdict: the entry is replaced where it stands; comments and the other entry stay.
        let file = format!("# first\n{a}\n# second, decided later\n{b}# end\n");
        let replaced = file.replace(
            "verdict: weakened\n  note: Loses a duty.",
            "verdict: unchanged\n  note: 'On reflection: a restyle.'",
        );
        case(
            &file,
            review(A, Unchanged, "On reflection: a restyle."),
            Some((&replaced, Outcome::Replaced)),
        );
        // The last entry, with an inline comment of its own that goes with it.
        let file = format!("{a}- fingerprint: {B}  # the removed clause\n  verdict: unchanged\n  by: Kim\n\n# end\n");
        case(
            &file,
            review(B, Strengthened, ""),
            Some((
                &format!("{a}{}\n# end\n", b.replace("unchanged", "strengthened")),
                Outcome::Replaced,
            )),
        );
        // Indented items keep their indentation.
        let indented = "  - fingerprint: 0123456789abcdef\n    verdict: weakened\n    by: Kim\n";
        let got = set(indented, Path::new("r.yaml"), &review(B, Unchanged, "x")).unwrap();
        assert!(
            got.0.starts_with(indented)
                && got
                    .0
                    .contains("\n  - fingerprint: fedcba9876543210\n    verdict: unchanged\n"),
            "{}",
            got.0
        );
        // A flow list cannot be edited in place, and a bad file is not edited at all.
        case(
            "[{fingerprint: 0123456789abcdef, verdict: weakened, by: Kim}]\n",
            review(B, Weakened, ""),
            None,
        );
        case("- fingerprint: nope\n", review(A, Weakened, ""), None);
    }

    #[test]
    fn notes_that_look_like_yaml_stay_text() {
        for note in [
            "# not a comment",
            "yes",
            "a: b",
            "- x",
            "'quoted'",
            "line\nbreak",
        ] {
            let (text, _) = set(
                "",
                Path::new("r.yaml"),
                &review(A, Direction::Weakened, note),
            )
            .unwrap();
            assert_eq!(
                parse(&text, Path::new("r.yaml")).unwrap()[0].note,
                note,
                "{text}"
            );
        }
    }
}
