//! Positioned glyphs of one page in (from `pdf-extract`), the page's text out: glyphs grouped into
//! printed lines, and a blank line wherever the vertical gap says a new paragraph starts.
//!
//! `pdf-extract`'s own plain-text output starts a paragraph whenever lines are more than 1.5 font
//! sizes apart, which turns every line of a double-spaced draft into a paragraph of its own. Here the
//! ordinary line pitch is learnt from the document instead (the [`PITCH_PERCENTILE`] of its line
//! gaps, so that a page of one-line clauses does not make the paragraph gap look ordinary), and only
//! a gap clearly larger than that pitch starts a paragraph. Text set with no space between paragraphs
//! is split where a line stopped although the next word had room after it.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Which gap counts as the ordinary distance between two lines of one paragraph.
const PITCH_PERCENTILE: f64 = 0.2;
/// A gap this many times the pitch (or more) separates paragraphs.
const PARAGRAPH_GAP: f64 = 1.3;

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width in page units.
    width: f64,
    size: f64,
    text: String,
}

/// One printed line: its baseline, horizontal extent, font size and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f64,
    pub left: f64,
    pub right: f64,
    pub size: f64,
    pub text: String,
}

/// Collects every page's lines.
#[derive(Debug, Default)]
pub struct Collector {
    glyphs: Vec<Glyph>,
    pub pages: Vec<Vec<Line>>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        _media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        self.pages.push(group(&glyphs));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The glyph's scale on the page is the square root of the text matrix's area factor.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: trm.m32,
            width: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Glyphs in drawing order to lines: a glyph more than half its size above or below the current
/// baseline starts a new line; a horizontal jump of more than a tenth of the size is a space.
fn group(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut end = f64::MIN;
    for g in glyphs {
        let size = if g.size > 0.0 { g.size } else { 1.0 };
        let same = lines
            .last()
            .is_some_and(|l| (l.y - g.y).abs() <= size * 0.5 && g.x >= end - size);
        if same {
            if let Some(l) = lines.last_mut() {
                if g.x > end + size * 0.1 && !l.text.ends_with(' ') && g.text != " " {
                    l.text.push(' ');
                }
                l.text.push_str(&g.text);
                l.size = l.size.max(size);
                l.right = l.right.max(g.x + g.width);
            }
        } else {
            lines.push(Line {
                y: g.y,
                left: g.x,
                right: g.x + g.width,
                size,
                text: g.text.clone(),
            });
        }
        end = g.x + g.width;
    }
    for l in &mut lines {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// What a document's ordinary lines look like: their pitch and where the text block's right edge is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// A low percentile of the downward gaps between lines.
    pub pitch: Option<f64>,
    /// Left margin and right edge of full lines (low and high percentiles of the line extents).
    pub left: f64,
    pub right: f64,
}

pub fn metrics(pages: &[Vec<Line>]) -> Metrics {
    let mut gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.windows(2).map(|w| w[0].y - w[1].y))
        .filter(|&g| g > 0.0)
        .collect();
    let mut lefts: Vec<f64> = pages.iter().flatten().map(|l| l.left).collect();
    let mut rights: Vec<f64> = pages.iter().flatten().map(|l| l.right).collect();
    Metrics {
        pitch: percentile(&mut gaps, PITCH_PERCENTILE),
        left: percentile(&mut lefts, 0.1).unwrap_or(0.0),
        right: percentile(&mut rights, 0.9).unwrap_or(0.0),
    }
}

fn percentile(v: &mut [f64], p: f64) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied()
}

/// A page's text: lines joined, with a blank line where a new paragraph starts. That is where the
/// vertical gap exceeds the paragraph threshold, or, in tightly set text with no gaps, where the next
/// line's first word would have fitted at the end of this one ([`ends_early`]) and the next line
/// begins like a paragraph.
pub fn page_text(lines: &[Line], m: &Metrics) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).and_then(|j| lines.get(j)) {
            let gap = prev.y - l.y;
            // Without a learnt pitch (one line per page), fall back to the font size.
            let normal = m.pitch.unwrap_or(prev.size * 1.2);
            out.push('\n');
            if gap > normal * PARAGRAPH_GAP || (ends_early(prev, l, m) && starts_paragraph(&l.text))
            {
                out.push('\n');
            }
        }
        out.push_str(&l.text);
    }
    out
}

/// Whether `prev` stopped although the first word of `next` had room after it: a line-wrapping
/// program would have put the word there, so the line break was the author's. Word widths are
/// estimated from the next line's average character width.
fn ends_early(prev: &Line, next: &Line, m: &Metrics) -> bool {
    let chars = next.text.chars().count();
    if chars == 0 || m.right <= m.left {
        return false;
    }
    let per_char = (next.right - next.left) / chars as f64;
    let word = next.text.split(' ').next().map_or(0, |w| w.chars().count());
    prev.right + per_char * (word as f64 + 1.0) < m.right
}

fn starts_paragraph(text: &str) -> bool {
    text.starts_with(|c: char| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '(' | '[' | '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{00A7}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(y: f64, x0: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x0 + 6.0 * i as f64,
                y,
                width: 6.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn glyphs_group_into_lines_with_spaces_from_gaps() {
        let mut g = glyphs(700.0, 72.0, "One");
        g.extend(glyphs(700.0, 72.0 + 6.0 * 3.0 + 5.0, "two"));
        g.extend(glyphs(686.0, 72.0, "Next line"));
        let lines = group(&g);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["One two", "Next line"]);
    }

    fn line(y: f64, right: f64, text: &str) -> Line {
        Line {
            y,
            left: 72.0,
            right,
            size: 10.0,
            text: text.into(),
        }
    }

    /// Full-width lines at the given baselines.
    #[track_caller]
    fn case(ys: &[f64], want: &str) {
        let lines: Vec<Line> = ys
            .iter()
            .enumerate()
            .map(|(i, &y)| line(y, 540.0, &format!("l{i}")))
            .collect();
        let pages = vec![lines];
        assert_eq!(page_text(&pages[0], &metrics(&pages)), want);
    }

    #[test]
    fn paragraphs_follow_the_documents_own_spacing() {
        // Single spacing (12) with a paragraph gap (24).
        case(&[700.0, 688.0, 676.0, 652.0, 640.0], "l0\nl1\nl2\n\nl3\nl4");
        // Double spacing (24): wrapped lines stay together, the 48 gap splits.
        case(&[700.0, 676.0, 652.0, 604.0, 580.0], "l0\nl1\nl2\n\nl3\nl4");
        // One line only: nothing to split.
        case(&[700.0], "l0");
    }

    #[test]
    fn tight_text_splits_after_a_short_line() {
        let lines = vec![
            line(700.0, 540.0, "A full line that wraps"),
            line(688.0, 200.0, "onto a short one."),
            line(676.0, 540.0, "Next paragraph, full width"),
            line(664.0, 540.0, "continues here, and then"),
            line(652.0, 300.0, "stops. lowercase stays"),
            line(640.0, 250.0, "joined to the line before."),
            // A long first word that could not fit: the break was the wrapping program's.
            line(628.0, 480.0, "Wrapped before a very long"),
            line(616.0, 540.0, "Interdepartmentalization word."),
        ];
        let pages = vec![lines];
        assert_eq!(
            page_text(&pages[0], &metrics(&pages)),
            "A full line that wraps\nonto a short one.\n\nNext paragraph, full width\n\
             continues here, and then\nstops. lowercase stays\njoined to the line before.\n\n\
             Wrapped before a very long\nInterdepartmentalization word."
        );
    }
}
