//! Extracted page texts in, one running text out: page headers, footers and page numbers dropped,
//! words hyphenated across lines joined, pages joined so a clause that runs over a page break stays
//! one paragraph. A page break becomes a paragraph break when the page ends a sentence or a heading
//! and the next begins like a paragraph, or when the next page begins with a clause number.
//!
//! Furniture is recognised by repetition, not position alone: a line among the first or last
//! [`EDGE_LINES`] of a page whose shape (digits ignored, so "Page 3 of 9" matches "Page 4 of 9")
//! recurs at the edge of at least half the pages, and at least two. A bare page number ("7",
//! "Page 7", "- 7 -", "7 of 9") at a page edge goes even when it does not repeat. Clause numbers
//! survive because they carry punctuation or text ("7." or "7 GENERAL").
//!
//! A line-end hyphen before a lowercase word is a break, unless the document elsewhere spells the
//! pair hyphenated more often than joined ("self-\ninitiated" stays "self-initiated" when the text
//! uses "self-initiated" elsewhere). A list label that a narrow tab ran into its text gets its space
//! back (`VII.CUSTODY` becomes `VII. CUSTODY`). Ligatures are undone later by
//! [`crate::ingest::normalize`].

use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// How many lines at the top and bottom of a page can be header or footer.
const EDGE_LINES: usize = 3;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(page\s+)?[-\u{2013}\u{2014}]?\s*\d{1,4}\s*[-\u{2013}\u{2014}]?(\s*(of|/)\s*\d{1,4})?$")
        .unwrap_or_else(|e| unreachable!("fixed pattern: {e}"))
});

/// A clause number at the start of a line: `1.`, `IV.`, `B.`, `(a)`, `a)`, `2.1`.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\(?[0-9]{1,3}\)|\([A-Za-z]{1,5}\)|[0-9]{1,3}(\.[0-9]{1,3})*\.?|[A-Z]{1,5}\.|[a-z]\)|[a-z]\.)\s")
        .unwrap_or_else(|e| unreachable!("fixed pattern: {e}"))
});

/// A list label run into its text because the tab after it was narrow: `VII.CUSTODY`, `(iii)whether`.
/// Single capitals (`A.B`) and dotted numbers (`2.1`) are left alone: they read as references.
static RUN_IN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([IVXLC]{2,}\.|[0-9]{1,3}\.|\((?:[ivxlc]+|[a-z]|[A-Z]|[0-9]{1,3})\))([A-Za-z]{2})",
    )
    .unwrap_or_else(|e| unreachable!("fixed pattern: {e}"))
});

static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+").unwrap_or_else(|e| unreachable!("fixed pattern: {e}")));

/// Cleans and joins the pages of one document.
pub fn clean(pages: &[String]) -> String {
    let pages: Vec<Vec<String>> = pages.iter().map(|p| page_lines(p)).collect();
    let furniture = repeated_edges(&pages);
    let mut kept: Vec<Vec<String>> = pages
        .into_iter()
        .map(|lines| drop_furniture(lines, &furniture))
        .collect();
    kept.retain(|p| !p.is_empty());
    let mut lines: Vec<String> = Vec::new();
    for page in kept {
        if let (Some(last), Some(first)) = (lines.last(), page.first()) {
            let heading = is_all_caps(last);
            if (ends_paragraph(last) || heading) && starts_paragraph(first)
                || starts_numbered(first)
            {
                lines.push(String::new());
            }
        }
        lines.extend(page);
    }
    let lines: Vec<String> = join_hyphenated(lines)
        .into_iter()
        .map(|l| RUN_IN_LABEL.replace(&l, "$1 $2").into_owned())
        .collect();
    let mut out = String::new();
    let mut blank = false;
    for l in lines {
        if l.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// Lines with spaces collapsed, blank lines kept (they separate paragraphs) but not at the ends.
fn page_lines(page: &str) -> Vec<String> {
    let mut lines: Vec<String> = page
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    lines.drain(..start);
    lines
}

fn shape(line: &str) -> String {
    DIGITS.replace_all(&line.to_lowercase(), "#").into_owned()
}

/// Indices of the non-blank lines at the top and bottom edges of a page.
fn edges(lines: &[String]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let mut idx: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
    idx.extend(filled.iter().rev().take(EDGE_LINES).copied());
    idx.sort_unstable();
    idx.dedup();
    idx
}

/// Shapes that recur at the page edges often enough to be furniture.
fn repeated_edges(pages: &[Vec<String>]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for lines in pages {
        let mut shapes: Vec<String> = edges(lines).into_iter().map(|i| shape(&lines[i])).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    seen.into_iter()
        .filter(|(_, n)| *n >= need)
        .map(|(s, _)| s)
        .collect()
}

fn drop_furniture(lines: Vec<String>, furniture: &[String]) -> Vec<String> {
    let edge = edges(&lines);
    let kept: Vec<String> = lines
        .into_iter()
        .enumerate()
        .filter(|(i, l)| {
            !(edge.contains(i) && (PAGE_NUMBER.is_match(l) || furniture.contains(&shape(l))))
        })
        .map(|(_, l)| l)
        .collect();
    page_lines(&kept.join("\n"))
}

fn ends_paragraph(line: &str) -> bool {
    line.ends_with(['.', ':', ';', '!', '?'])
}

fn is_all_caps(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

fn starts_numbered(line: &str) -> bool {
    NUMBERED.is_match(line)
}

fn starts_paragraph(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(' || c == '"')
}

/// Joins a word broken by a hyphen at a line end with its rest on the next line.
fn join_hyphenated(lines: Vec<String>) -> Vec<String> {
    let spellings = Spellings::of(&lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(mut line) = iter.next() {
        while let Some(next) = iter.peek() {
            let Some((head, hyphen)) = broken_word(&line) else {
                break;
            };
            let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            if tail.is_empty() || !next.starts_with(|c: char| c.is_lowercase()) {
                break;
            }
            let keep = hyphen == '-' && spellings.keeps_hyphen(&head, &tail);
            line.truncate(line.len() - hyphen.len_utf8());
            if keep {
                line.push('-');
            }
            let rest = iter.next().unwrap_or_default();
            line.push_str(&rest);
        }
        out.push(line);
    }
    out
}

/// The letters before a line-final hyphen (ASCII, Unicode hyphen or soft hyphen), with the hyphen.
fn broken_word(line: &str) -> Option<(String, char)> {
    let hyphen = line
        .chars()
        .last()
        .filter(|c| matches!(c, '-' | '\u{2010}' | '\u{00AD}'))?;
    let body = &line[..line.len() - hyphen.len_utf8()];
    let head: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!head.is_empty()).then_some((head, hyphen))
}

/// How often the document spells each word, and each hyphenated pair (`self-initiated`, also the
/// pairs inside `twenty-four-hour`), within its lines. Counted once so that joining every broken
/// word stays linear in the document's size.
struct Spellings {
    counts: HashMap<String, usize>,
}

impl Spellings {
    fn of(lines: &[String]) -> Spellings {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for line in lines {
            let lower = line.to_lowercase();
            for token in lower.split(|c: char| !(c.is_alphabetic() || c == '-')) {
                let parts: Vec<&str> = token.split('-').filter(|p| !p.is_empty()).collect();
                if parts.len() == 1 && !token.ends_with('-') {
                    *counts.entry(token.to_string()).or_default() += 1;
                }
                for pair in parts.windows(2) {
                    *counts
                        .entry(format!("{}-{}", pair[0], pair[1]))
                        .or_default() += 1;
                }
            }
        }
        Spellings { counts }
    }

    /// Whether `head-tail` is written more often than `headtail`.
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
        let (head, tail) = (head.to_lowercase(), tail.to_lowercase());
        let count = |w: &str| self.counts.get(w).copied().unwrap_or(0);
        count(&format!("{head}-{tail}")) > count(&format!("{head}{tail}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(pages: &[&str], want: &str) {
        let pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        assert_eq!(clean(&pages), want);
    }

    #[test]
    fn headers_footers_and_page_numbers_go() {
        case(
            &[
                "Model Policy 2024\n\n1. PURPOSE\nText one.\n\nPage 1 of 2",
                "Model Policy 2024\n\n2. SCOPE\nText two.\n\nPage 2 of 2",
            ],
            "1. PURPOSE\nText one.\n\n2. SCOPE\nText two.\n",
        );
        // A lone number at a page edge is a page number even on a single page; "3." is a clause.
        case(&["3. Officers shall act.\n\n7"], "3. Officers shall act.\n");
        case(&["- 2 -\nBody text."], "Body text.\n");
    }

    #[test]
    fn repeated_lines_inside_pages_stay() {
        // Only page edges are furniture; a repeated line in mid-page is text.
        case(
            &[
                "a\nb\nc\nSame line.\nd\ne\nf",
                "g\nh\ni\nSame line.\nj\nk\nl",
            ],
            "a\nb\nc\nSame line.\nd\ne\nf\ng\nh\ni\nSame line.\nj\nk\nl\n",
        );
    }

    #[test]
    fn pages_join_mid_sentence_and_split_between_paragraphs() {
        case(
            &["The officer shall", "document the stop."],
            "The officer shall\ndocument the stop.\n",
        );
        case(
            &["Ends here.", "B. Next clause."],
            "Ends here.\n\nB. Next clause.\n",
        );
    }

    #[test]
    fn labels_run_into_their_text_are_separated() {
        case(&["VII.CUSTODY AND BOOKING"], "VII. CUSTODY AND BOOKING\n");
        case(&["(iii)whether a search"], "(iii) whether a search\n");
        case(&["12.Officers shall"], "12. Officers shall\n");
        case(
            &["IV.B of this policy\n2.1 applies"],
            "IV.B of this policy\n2.1 applies\n",
        );
    }

    #[test]
    fn hyphenation() {
        case(&["The Depart-\nment shall"], "The Department shall\n");
        // The document writes "self-initiated" elsewhere, so the hyphen is real.
        case(
            &["self-initiated stops and self-\ninitiated contacts"],
            "self-initiated stops and self-initiated contacts\n",
        );
        case(
            &["a twenty-four-hour limit; a twenty-four-\nhour report"],
            "a twenty-four-hour limit; a twenty-four-hour report\n",
        );
        // Spelt both ways, the joined form wins only when it is the more common.
        case(
            &["reopen, reopen, re-open and re-\nopen"],
            "reopen, reopen, re-open and reopen\n",
        );
        // Soft hyphens always go; a dash before a capital or number is left alone.
        case(&["inves\u{00AD}\ntigate"], "investigate\n");
        case(&["see section-\n2 below"], "see section-\n2 below\n");
    }
}
