//! A block of non-blank lines in, its pieces handed to the builder: where a marker at a line start or
//! inside a line begins a new clause.
//!
//! A marker at the start of the block always opens a clause. Later markers must earn it, because
//! wrapped text is full of things that look like numbers ("(§\n12)", "Abs. 1. Die"): a bullet at a line
//! start always splits; otherwise the marker must continue the open numbering (the next number of an
//! open style), or open a new style right after a sentence end, a colon, an ALL-CAPS heading or a
//! deeper indent. Inside a line the text before must end a sentence or clause (`.`, `;`, `:`) or be an
//! ALL-CAPS heading word, and a new style may open only after a colon or such a heading; parenthesised
//! numbers inside a line split only after a sentence end and only when they continue an open list.

use super::build::Builder;
use super::marker::{self, Marker, Punct, Reading};
use super::{markup, text, Line};

pub(super) fn pieces(b: &mut Builder, lines: &[Line]) {
    let Some(first) = lines.first() else { return };
    let mut raw = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for l in lines {
        if !raw.is_empty() {
            raw.push(' ');
        }
        starts.push(raw.len());
        raw.push_str(l.text);
    }
    let line_at = |off: usize| starts.partition_point(|&s| s <= off).saturating_sub(1);
    let opening = marker::parse(first.text).and_then(|m| b.resolve(&m).map(|r| (m, r)));
    let (mut item, mut seg_start) = match opening {
        Some((m, r)) => {
            b.open_item(&m, r, first.indent as isize, first.no, None);
            (true, m.len)
        }
        None => (false, 0),
    };
    loop {
        let next = find_split(b, &raw, seg_start, lines, &starts, item);
        let end = next.as_ref().map_or(raw.len(), |n| n.0);
        let piece = raw.get(seg_start..end).unwrap_or("");
        let title_lines = next
            .as_ref()
            .map(|n| line_at(n.0))
            .filter(|&k| !item && k > 0 && starts.get(k) == next.as_ref().map(|n| &n.0));
        let title = title_lines.and_then(|k| super::title(&lines[..k]));
        if let Some(t) = title {
            // Title lines run straight into the numbered text, as PDF extraction leaves them.
            b.heading(t, super::build::TITLE_RANK);
        } else if item {
            b.finish_item(piece, false);
        } else {
            let l = &lines[line_at(seg_start)];
            b.paragraph(markup::strip(piece), l.indent as isize, l.no);
        }
        let Some((at, m, r)) = next else { break };
        let l = &lines[line_at(at)];
        b.open_item(&m, r, l.indent as isize, l.no, None);
        item = true;
        seg_start = at + m.len;
    }
}

/// The next place after `from` where a new clause starts, with its marker and reading.
fn find_split(
    b: &Builder,
    raw: &str,
    from: usize,
    lines: &[Line],
    starts: &[usize],
    in_item: bool,
) -> Option<(usize, Marker, Reading)> {
    let bytes = raw.as_bytes();
    let mut p = from;
    // The line `p` stands in; `p` only moves forward, so the line does too, and is not searched for
    // again at every word.
    let mut li = starts.partition_point(|&s| s <= p).saturating_sub(1);
    while p < raw.len() {
        // Move to the start of a word.
        if p > 0 && bytes[p - 1] != b' ' || bytes[p] == b' ' {
            p = past_space(bytes, p);
            continue;
        }
        while starts.get(li + 1).is_some_and(|&s| s <= p) {
            li += 1;
        }
        let hit = if starts.get(li) == Some(&p) && li > 0 {
            at_line_start(b, raw, p, lines, starts, li)
        } else {
            inline(b, raw, p, in_item)
        };
        if let Some((m, r)) = hit {
            return Some((p, m, r));
        }
        p = past_space(bytes, p);
    }
    None
}

/// Where the word after the next space starts (the end when there is none). Words are short, so a
/// plain loop beats setting up a vectorised search at every word of the document.
fn past_space(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b' '))
        .map_or(bytes.len(), |x| from + x + 1)
}

/// The last space-separated word of `s` (all of it when it has no space).
fn last_word(s: &str) -> &str {
    s.bytes()
        .rposition(|b| b == b' ')
        .map_or(s, |i| &s[i + 1..])
}

fn at_line_start(
    b: &Builder,
    raw: &str,
    p: usize,
    lines: &[Line],
    starts: &[usize],
    li: usize,
) -> Option<(Marker, Reading)> {
    let m = marker::parse(&raw[p..])?;
    // A number alone on a wrapped line ends the sentence before it (`nach § 194 Absatz` / `1a.`).
    let line_end = starts
        .get(li + 1)
        .map_or(raw.len(), |&s| s.saturating_sub(1));
    if m.is_keyword() || p + m.len >= line_end {
        return None;
    }
    let r = b.resolve(&m)?;
    if m.is_bullet() {
        return Some((m, r));
    }
    let prev = raw.get(starts[li - 1]..p).unwrap_or("").trim_end();
    let deeper = match (lines.get(li), lines.get(li - 1)) {
        (Some(l), Some(k)) => l.indent >= k.indent + 2,
        _ => false,
    };
    // A deeper-indented `1.` opens a nested list even when an outer `1.` list is open.
    if deeper && r.value == 1 {
        return Some((m, r));
    }
    let sentence_end = prev.ends_with(['.', ':', ';', '!', '?']);
    let first_ok = sentence_end || text::is_caps(&markup::strip(prev)) || deeper;
    let (indent, prev_indent) = match (lines.get(li), lines.get(li - 1)) {
        (Some(l), Some(k)) => (l.indent as isize, k.indent as isize),
        _ => (0, 0),
    };
    (b.fits(r, &m.number, first_ok) || b.resumes(r, indent, prev_indent, sentence_end))
        .then_some((m, r))
}

fn inline(b: &Builder, raw: &str, p: usize, in_item: bool) -> Option<(Marker, Reading)> {
    let c = *raw.as_bytes().get(p)?;
    if !(c.is_ascii_alphanumeric() || c == b'(') {
        return None;
    }
    let before = raw[..p].trim_end();
    let colon = before.ends_with(':');
    let ended = before.ends_with(['.', ';']) || colon;
    // This runs at every word of the document: the cheap test first, the heading word only if needed.
    let caps = !ended && text::is_caps(last_word(before));
    if !(ended || caps) {
        return None;
    }
    let m = marker::parse(&raw[p..])?;
    if m.is_bullet() || m.is_keyword() {
        return None;
    }
    let r = b.resolve(&m)?;
    let after = raw[p + m.len..].chars().next()?;
    // `(a)`, `(ii)` inside a sentence enumerate parts of it; only a sentence end before one that
    // continues an open list (statute text run together: "... . (2) The ...") starts a clause.
    let (follows, first_ok) = match r.style.punct {
        Punct::Enclosed => (before.ends_with('.'), false),
        _ => (
            after.is_uppercase() || after == '"',
            in_item && (colon || caps || prose_end(before)),
        ),
    };
    (follows && b.fits(r, &m.number, first_ok)).then_some((m, r))
}

/// Text ending a sentence with an ordinary lower-case word (`... to all officers.`), not an
/// abbreviation or a number (`Abs.`, `U.S.`, `2019.`).
fn prose_end(before: &str) -> bool {
    before.strip_suffix('.').is_some_and(|b| {
        let word = last_word(b);
        word.len() >= 2 && word.chars().all(|c| c.is_lowercase())
    })
}
