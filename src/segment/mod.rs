//! Normalised document text in (LF line endings, plain quotes), a list of [`Clause`]s out: numbered
//! provisions, definitions and paragraphs, each with a stable id, its heading path and nesting level.
//!
//! Never fails and never panics: text with no recognisable structure comes out as paragraphs.
//!
//! # What is recognised
//!
//! `1.` `1)` `(1)` `1.1` `1.1.1` `a.` `a)` `(a)` `A.` `(A)` `I.` `IV.` `i.` `(i)`, `Section 3`, `§ 3`,
//! `Article II`, `Part 1`, `Chapter 4`; Markdown `#` and setext headings; bold numbers (`**2.1.**`);
//! bullets (`-`, `*`, `+`, `•`); ALL-CAPS and other title lines; definition entries; tables (one clause
//! per row). Numbers that PDF extraction runs into one line ("1. GENERAL A. The Department shall ...
//! B. Officers will ...") are split when they continue the open numbering after a sentence end, a
//! colon or an ALL-CAPS heading. Hard-wrapped lines join into one clause. YAML front matter, horizontal
//! rules, page marks (`Page 2 of 4`) and tables of contents (lines made only of links to anchors) are
//! skipped.
//!
//! # Nesting
//!
//! A stack of open numbering styles: a marker whose style is open pops back to it (its sibling), a new
//! style nests under the top, so `I.` `A.` `1.` `a.` `(i)` nest and a later `B.` returns to the `A.`
//! level. Indentation decides between a sibling and a nested list of the same style (Markdown). Dotted
//! numbers nest under the clause their prefix names (`2.1` under `2`). Markdown headings nest by level.
//! An outline that reuses a style on two levels (`1. GENERAL A. ... 1. ...`) opens a new list when a
//! `1.` follows a different style at the same or a deeper indent. An ambiguous marker is read by
//! context, preferring the reading that continues an open list (its previous sibling): `i.` after `h.`
//! is a letter, otherwise a roman numeral; `V.`, `X.`, `L.` after `IV.`, `IX.`, `XLIX.` are numerals,
//! otherwise letters. Numerals stop at 50 (`L`), so `C.`, `D.`, `M.` are always letters. Nesting deeper
//! than [`MAX_DEPTH`] is flattened to that depth, which keeps deep input linear.
//!
//! Inside running text a marker must earn its place, because wrapped text is full of numbers: see the
//! `split` module. `Section 3`, `§ 3` and the like open a clause only at the start of a block and when
//! punctuation, a dash or the end of the line follows the number (`§ 8 Abs. 2 gilt` is a reference),
//! except in a Markdown heading (`### § 1 Solidarität`).
//!
//! # Id contract
//!
//! - A top-level numbered clause's id is its number as printed without trailing punctuation, keeping
//!   its keyword: `3`, `2.3`, `(c)`, `C`, `Section 3`, `§ 3`, `Article II`; `## 3. Title` gives `3`.
//!   Keyword spacing is normalised to one space (`§3` gives `§ 3`).
//! - A nested clause joins its parent's id: dotted and keyword numbers already name their place and keep
//!   their own (`2.1`, `Section 4`); parenthesised numbers append directly (`3(b)`, `3(b)(ii)`,
//!   `§ 5(1)`); letters, numerals and `a)` numbers join with a period (`IV.B.2`, `3.a`).
//! - A definition entry (`"Term" means ...`, as its own paragraph or bullet) inside a section whose
//!   heading mentions definitions: `definitions/<slug-of-term>`. Numbered definitions keep their number.
//! - Other unnumbered paragraphs and bullets: `p<N>`, N counting them through the document from 1.
//! - Ids are unique within a document: a repeated id gets `~2`, `~3`, ... in order of appearance.
//!
//! # Headings
//!
//! Unnumbered headings (Markdown, ALL-CAPS lines, one to three short unpunctuated lines standing alone
//! before more text) are path entries, not clauses; the paragraphs under them are clauses. A numbered
//! heading line with no body of its own (`IV. IMMIGRATION ENFORCEMENT`, `3. Purpose`,
//! `## 2. Records`) is a path entry for its children when it has any; with no children it is a clause
//! whose text is its heading; a paragraph right under it becomes its text. Only ALL-CAPS or unpunctuated
//! title-case text counts as such a heading: `1. Definitions.` could as well be a provision
//! (`1. Promptly.`), so it stays a clause with that text, lest a provision vanish into a path. A run-in
//! heading (`1. Purpose. This policy ...`, `1. **Purpose.** This policy ...`) goes to `heading`, the
//! rest to `text`. Further paragraphs indented under a list item are clauses of their own inside it.
//!
//! # Fields
//!
//! `number`: as printed without trailing punctuation (`None` for paragraphs and bullets). `line`: 1-based
//! line where the clause starts. `level`: how many numbered or bulleted clauses enclose it. `path`: the
//! enclosing headings and numbers, outermost first. `text`: numbering removed, wrapped lines joined with
//! single spaces, Markdown and HTML markup removed (emphasis, heading marks, link targets, escapes,
//! tags), so that markup-only edits leave the text identical.

mod build;
mod item;
pub(crate) mod marker;
mod markup;
#[cfg(test)]
mod tests;
mod text;

pub use build::MAX_DEPTH;

use crate::model::Clause;
use build::{Builder, TITLE_RANK};

/// One non-blank source line of a block.
struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

/// Splits a document into clauses (see the module documentation for the id contract).
pub fn segment(input: &str) -> Vec<Clause> {
    let lines: Vec<&str> = input.split('\n').collect();
    let last_content = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .unwrap_or(0)
        + 1;
    let mut b = Builder::default();
    let mut block: Vec<Line> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut i = front_matter_end(&lines);
    while let Some(&line) = lines.get(i) {
        let no = i + 1;
        i += 1;
        let (indent, content) = split_indent(line.trim_end());
        if let Some(f) = fence {
            if content.starts_with(f) {
                fence = None;
                flush(&mut b, &mut block, last_content);
            } else if !content.is_empty() {
                block.push(Line {
                    no,
                    indent,
                    text: content,
                });
            }
            continue;
        }
        if content.is_empty() {
            flush(&mut b, &mut block, last_content);
            continue;
        }
        if content.starts_with("```") || content.starts_with("~~~") {
            flush(&mut b, &mut block, last_content);
            fence = content.get(..3);
            continue;
        }
        if let Some((level, rest)) = atx(content) {
            flush(&mut b, &mut block, last_content);
            md_heading(&mut b, rest, level, no);
            continue;
        }
        let marker = marker::parse(content);
        let bullet = marker.as_ref().is_some_and(|m| m.is_bullet());
        if let Some(level) = lines.get(i).and_then(|n| setext(n)).filter(|_| !bullet) {
            flush(&mut b, &mut block, last_content);
            md_heading(&mut b, content, level, no);
            i += 1;
            continue;
        }
        if is_rule(content) {
            flush(&mut b, &mut block, last_content);
            continue;
        }
        if content.starts_with('|') {
            flush(&mut b, &mut block, last_content);
            table_row(&mut b, content, indent, no);
            continue;
        }
        let after_marker = marker.map_or(content, |m| &content[m.len..]);
        if markup::is_toc(after_marker) || is_page_mark(content) {
            continue;
        }
        block.push(Line {
            no,
            indent,
            text: content,
        });
    }
    flush(&mut b, &mut block, last_content);
    b.finish()
}

/// Index of the first line after YAML front matter (`---` ... `---` at the very top), else 0.
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim(), "---" | "..."))
        .map_or(0, |p| p + 2)
}

/// Leading spaces and the rest, with blockquote marks removed.
fn split_indent(line: &str) -> (usize, &str) {
    let content = line.trim_start();
    let indent = line.len() - content.len();
    let mut content = content;
    while let Some(rest) = content.strip_prefix('>') {
        content = rest.trim_start();
    }
    (indent, content)
}

/// `## Title` gives `(2, "Title")`.
fn atx(content: &str) -> Option<(u8, &str)> {
    let hashes = content.bytes().take_while(|c| *c == b'#').count();
    let rest = &content[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let level = u8::try_from(hashes).ok()?;
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// A setext underline: `===` gives level 1, `---` level 2.
fn setext(line: &str) -> Option<u8> {
    let t = line.trim();
    if t.len() < 2 || line.len() - line.trim_start().len() > 3 {
        return None;
    }
    if t.bytes().all(|c| c == b'=') {
        Some(1)
    } else if t.bytes().all(|c| c == b'-') {
        Some(2)
    } else {
        None
    }
}

/// A horizontal rule: three or more of one of `-`, `*`, `_`, spaces allowed.
fn is_rule(content: &str) -> bool {
    let mut kind = None;
    let mut n = 0;
    for c in content.chars() {
        match c {
            ' ' => {}
            '-' | '*' | '_' if kind.is_none_or(|k| k == c) => {
                kind = Some(c);
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 3
}

fn md_heading(b: &mut Builder, content: &str, level: u8, no: usize) {
    let numbered = marker::parse_heading(content)
        .filter(|m| !m.is_bullet())
        .and_then(|m| b.resolve(&m).map(|r| (m, r)));
    match numbered {
        Some((m, r)) => {
            b.open_item(&m, r, -1, no, Some(level));
            b.finish_item(content.get(m.len..).unwrap_or(""), true);
        }
        None => {
            let h = markup::strip(content);
            if !h.is_empty() {
                b.heading(h, level);
            }
        }
    }
}

fn table_row(b: &mut Builder, content: &str, indent: usize, no: usize) {
    let inner = content.trim().trim_matches('|');
    if inner.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return;
    }
    let cells: Vec<String> = inner.split('|').map(markup::strip).collect();
    b.paragraph(cells.join(" | ").trim().to_string(), indent as isize, no);
}

/// Hands a block of consecutive non-blank lines to the builder, split into clauses.
fn flush(b: &mut Builder, block: &mut Vec<Line>, last_content: usize) {
    if block.is_empty() {
        return;
    }
    let is_last = block.last().is_some_and(|l| l.no >= last_content);
    match title(block).filter(|_| !is_last) {
        Some(t) => b.heading(t, TITLE_RANK),
        None => split::pieces(b, block),
    }
    block.clear();
}

/// The heading text of a block of one to three title lines (`COUNTY OFFICE` / `Policy 9 - Stops`).
fn title(lines: &[Line]) -> Option<String> {
    // Every block is asked, and most are text that `split` strips of markup again: the cheap marker
    // test goes first, each line is stripped once, and the first line that is no title ends it.
    if lines.len() > 3 || lines.iter().any(|l| marker::parse(l.text).is_some()) {
        return None;
    }
    let mut stripped: Vec<String> = Vec::with_capacity(lines.len());
    let mut caps_first = false;
    for l in lines {
        let s = markup::strip(l.text);
        if stripped.is_empty() {
            caps_first = text::is_caps(l.text) && text::is_title_line(&s);
        }
        if !(text::is_title_line(&s) || (caps_first && text::is_title_continuation(&s))) {
            return None;
        }
        stripped.push(s);
    }
    (!stripped.is_empty()).then(|| stripped.join(" "))
}

/// A page header or footer left by PDF extraction (`Page 2 of 4`).
fn is_page_mark(content: &str) -> bool {
    let rest = content
        .strip_prefix("Page ")
        .or_else(|| content.strip_prefix("PAGE "));
    rest.is_some_and(|r| {
        let mut parts = r.split(" of ");
        let num = |p: Option<&str>| {
            p.is_some_and(|x| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit()))
        };
        num(parts.next())
            && (parts.clone().next().is_none() || num(parts.next()))
            && parts.next().is_none()
    })
}

mod split;
