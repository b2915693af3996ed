//! Pieces of text with their markers in, clauses with ids, paths and levels out.
//!
//! The builder keeps a stack of open frames: headings (which only name a path) and numbered or bulleted
//! items. A new marker whose style is already open pops back to it and becomes its sibling; a new style
//! nests under the top. Indentation breaks ties (a Markdown list nested under an item of the same style).
//! The stack never grows past [`MAX_DEPTH`], so every search on it is bounded and deep input stays linear.

use super::item::split_heading;
use super::marker::{Kind, Marker, Punct, Reading, Style};
use super::text;
use crate::model::Clause;
use std::collections::HashMap;

/// Deepest nesting kept; deeper items become siblings at this depth.
pub const MAX_DEPTH: usize = 32;

/// Rank of a title line (ALL-CAPS or short unpunctuated line): below every Markdown heading level.
pub const TITLE_RANK: u8 = 7;

#[derive(Debug)]
struct Frame {
    /// `None` for an unnumbered heading.
    style: Option<Style>,
    value: u32,
    number: String,
    /// Column of the marker; -1 for headings, which contain everything until the next heading.
    indent: isize,
    /// Markdown heading level, [`TITLE_RANK`] for title lines, `None` for list items.
    rank: Option<u8>,
    /// Id children build on; `None` for unnumbered headings.
    id: Option<String>,
    label: String,
    clause: Option<usize>,
    definitions: bool,
    /// A numbered heading line (`IV. IMMIGRATION ENFORCEMENT`): paragraphs after it belong to it.
    titled: bool,
}

#[derive(Debug, Default)]
struct Pending {
    heading_only: bool,
    takes_body: bool,
    has_body: bool,
    has_children: bool,
}

#[derive(Default)]
pub struct Builder {
    stack: Vec<Frame>,
    clauses: Vec<Clause>,
    pending: Vec<Pending>,
    used: HashMap<String, usize>,
    paragraphs: usize,
}

impl Builder {
    /// Frames a list marker may pop back to: those above the last unnumbered heading.
    fn floor(&self) -> usize {
        self.stack
            .iter()
            .rposition(|f| f.style.is_none())
            .map_or(0, |i| i + 1)
    }

    fn topmost(&self, style: Style) -> Option<usize> {
        let floor = self.floor();
        (floor..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].style == Some(style))
    }

    /// Picks the reading of an ambiguous marker (`i.` after `h.` is a letter; after nothing, a numeral).
    pub fn resolve(&self, m: &Marker) -> Option<Reading> {
        let mut best: Option<(u8, usize, Reading)> = None;
        for r in &m.readings {
            let (score, pos) = match self.topmost(r.style) {
                Some(i) if self.stack[i].value + 1 == r.value => (3, i),
                Some(i) => (1, i),
                None if r.value == 1 => (2, 0),
                None => (0, 0),
            };
            if best.is_none_or(|(s, p, _)| (score, pos) > (s, p)) {
                best = Some((score, pos, *r));
            }
        }
        best.map(|b| b.2)
    }

    /// Whether a marker at the start of a wrapped line resumes an open list although it is not the next
    /// number: it steps back out of deeper text to that list's indentation, or follows a sentence end
    /// after a small gap in the numbering (a number skipped or reserved).
    pub fn resumes(
        &self,
        r: Reading,
        indent: isize,
        prev_indent: isize,
        sentence_end: bool,
    ) -> bool {
        if matches!(r.style.kind, Kind::Dotted(_)) {
            return false;
        }
        let open = &self.stack[self.floor()..];
        let outdent = indent + 2 <= prev_indent
            && open
                .iter()
                .any(|f| f.style == Some(r.style) && (f.indent - indent).abs() <= 1);
        let gap = self.topmost(r.style).is_some_and(|i| {
            let v = self.stack[i].value;
            sentence_end && r.value > v && r.value <= v + 3
        });
        outdent || gap
    }

    /// Whether a marker found inside running text continues the open numbering: the next number of an
    /// open style, or (when `first_ok`) the first number of a style not yet open.
    pub fn fits(&self, r: Reading, number: &str, first_ok: bool) -> bool {
        if let Kind::Dotted(_) = r.style.kind {
            let prefix = number.rsplit_once('.').map_or("", |p| p.0);
            let parent = (self.floor()..self.stack.len()).any(|i| self.stack[i].number == prefix);
            if parent && r.value == 1 {
                return true;
            }
            return self.topmost(r.style).is_some_and(|i| {
                let f = &self.stack[i];
                f.value + 1 == r.value && f.number.rsplit_once('.').map(|p| p.0) == Some(prefix)
            });
        }
        match self.topmost(r.style) {
            Some(i) => {
                self.stack[i].value + 1 == r.value
                    || (first_ok && self.restarts_under_top(r, i, self.stack[i].indent))
            }
            None => first_ok && r.value == 1,
        }
    }

    fn pop_to(&mut self, len: usize) {
        self.stack.truncate(len);
    }

    fn make_room(&mut self) {
        if self.stack.len() >= MAX_DEPTH {
            self.stack.truncate(MAX_DEPTH - 1);
        }
    }

    /// An unnumbered heading: a path entry for what follows.
    pub fn heading(&mut self, label: String, rank: u8) {
        while self
            .stack
            .last()
            .is_some_and(|f| f.rank.is_none_or(|r| r >= rank))
        {
            self.stack.pop();
        }
        self.make_room();
        let definitions = mentions_definitions(&label);
        self.stack.push(Frame {
            style: None,
            value: 0,
            number: String::new(),
            indent: -1,
            rank: Some(rank),
            id: None,
            label,
            clause: None,
            definitions,
            titled: true,
        });
    }

    /// Opens a numbered or bulleted item; its text comes with [`Builder::finish_item`].
    pub fn open_item(
        &mut self,
        m: &Marker,
        r: Reading,
        indent: isize,
        line: usize,
        rank: Option<u8>,
    ) {
        match rank {
            Some(rank) => {
                while self
                    .stack
                    .last()
                    .is_some_and(|f| f.rank.is_none_or(|x| x >= rank))
                {
                    self.stack.pop();
                }
            }
            None => self.place_list_item(r, &m.number, indent),
        }
        self.make_room();
        if let Some(ci) = self.stack.last().and_then(|f| f.clause) {
            if let Some(p) = self.pending.get_mut(ci) {
                p.has_children = true;
            }
        }
        let path: Vec<String> = self.stack.iter().map(|f| f.label.clone()).collect();
        let level = self.stack.iter().filter(|f| f.style.is_some()).count();
        let parent = self.stack.iter().rev().find_map(|f| f.id.as_deref());
        let base = match (r.style.kind, r.style.punct, parent) {
            (Kind::Bullet, _, _) => String::new(),
            (_, _, None) => m.number.clone(),
            _ if r.style.self_standing() => m.number.clone(),
            (_, Punct::Enclosed, Some(p)) => format!("{p}{}", m.number),
            (_, _, Some(p)) => format!("{p}.{}", m.number),
        };
        let number = (!m.number.is_empty()).then(|| m.number.clone());
        self.clauses.push(Clause {
            id: base,
            number,
            heading: None,
            path,
            text: String::new(),
            line,
            level,
        });
        self.pending.push(Pending::default());
        self.stack.push(Frame {
            style: Some(r.style),
            value: r.value,
            number: m.number.clone(),
            indent,
            rank,
            id: None,
            label: m.number.clone(),
            clause: Some(self.clauses.len() - 1),
            definitions: false,
            titled: false,
        });
    }

    fn place_list_item(&mut self, r: Reading, number: &str, indent: isize) {
        let style = r.style;
        let floor = self.floor();
        let len = self.stack.len();
        if let Kind::Dotted(_) = style.kind {
            let prefix = number.rsplit_once('.').map_or("", |p| p.0);
            if let Some(p) = (floor..len).rev().find(|&i| self.stack[i].number == prefix) {
                return self.pop_to(p + 1);
            }
            if let Some(s) = self.topmost(style) {
                return self.pop_to(s);
            }
        } else {
            let same = |f: &Frame| f.style == Some(style);
            let near = (floor..len)
                .rev()
                .find(|&i| same(&self.stack[i]) && (self.stack[i].indent - indent).abs() <= 1);
            let outer = (floor..len)
                .rev()
                .find(|&i| same(&self.stack[i]) && self.stack[i].indent > indent);
            if let Some(s) = near.or(outer) {
                if !self.restarts_under_top(r, s, indent) {
                    return self.pop_to(s);
                }
            }
        }
        // A new style nests under the top, after leaving lists indented deeper than this marker.
        while self
            .stack
            .last()
            .is_some_and(|f| f.rank.is_none() && f.indent > indent + 1)
        {
            self.stack.pop();
        }
    }

    /// Whether a `1.` (or `A.`, `a.`) starts a new list under the top item although an outer list of
    /// the same style is open at `open`: outlines reuse a style on two levels (`1. GENERAL A. ... 1. ...`).
    fn restarts_under_top(&self, r: Reading, open: usize, indent: isize) -> bool {
        let Some(top) = self.stack.last() else {
            return false;
        };
        r.value == 1
            && open + 1 < self.stack.len()
            && top.rank.is_none()
            && top
                .style
                .is_some_and(|s| s != r.style && s.kind != Kind::Bullet)
            && top.indent <= indent
    }

    /// Gives the item opened last its heading and text, taken from the raw text after its marker.
    pub fn finish_item(&mut self, raw: &str, markdown_heading: bool) {
        let in_definitions = self.in_definitions(self.stack.len().saturating_sub(1));
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        let Some(ci) = frame.clause else { return };
        let bullet = frame.style.is_some_and(|s| s.kind == Kind::Bullet);
        let raw = raw.trim().trim_start_matches(['-', '\u{2013}', ':']).trim();
        let enclosed = frame.style.is_some_and(|s| s.punct == Punct::Enclosed);
        let (heading, body) = split_heading(raw, markdown_heading, bullet, enclosed);
        let heading_only = body.is_empty() && !bullet;
        let takes_body = heading_only
            && (markdown_heading
                || heading
                    .as_deref()
                    .is_none_or(|h| text::is_caps(h) || !h.ends_with('.')));
        let Some(clause) = self.clauses.get_mut(ci) else {
            return;
        };
        let heading = heading.map(|h| text::trim_heading(&h).to_string());
        if let Some(h) = &heading {
            frame.definitions = mentions_definitions(h);
            frame.label = if frame.number.is_empty() {
                h.clone()
            } else if frame.style.is_some_and(|s| s.punct == Punct::Period) {
                format!("{}. {h}", frame.number)
            } else {
                format!("{} {h}", frame.number)
            };
        }
        clause.text = if body.is_empty() {
            heading.clone().unwrap_or_default()
        } else {
            body
        };
        clause.heading = heading;
        if bullet {
            let term = text::defined_term(&clause.text).filter(|_| in_definitions);
            clause.id = match term {
                Some(t) => format!("definitions/{}", text::slug(t)),
                None => {
                    self.paragraphs += 1;
                    format!("p{}", self.paragraphs)
                }
            };
            if frame.label.is_empty() {
                frame.label = preview(&clause.text);
            }
        }
        let id = unique(&mut self.used, &clause.id);
        clause.id.clone_from(&id);
        frame.id = Some(id);
        frame.titled = heading_only && clause.heading.is_some();
        if let Some(p) = self.pending.get_mut(ci) {
            p.heading_only = heading_only;
            p.takes_body = takes_body;
        }
    }

    fn in_definitions(&self, upto: usize) -> bool {
        self.stack.iter().take(upto).any(|f| f.definitions)
    }

    /// An unnumbered paragraph: the body of the heading-only item above it, or a clause of its own
    /// (`p<N>` or `definitions/<slug>`) inside the item it is indented under. Later paragraphs of an
    /// item stay separate clauses so that an edit to one does not blur the others.
    pub fn paragraph(&mut self, text: String, indent: isize, line: usize) {
        if text.is_empty() {
            return;
        }
        let is_def = text::defined_term(&text).is_some();
        if self.absorb(&text, indent, is_def) {
            return;
        }
        let container = self
            .stack
            .iter()
            .rposition(|f| f.indent < indent || f.titled);
        let upto = container.map_or(0, |c| c + 1);
        if let Some(ci) = container.and_then(|c| self.stack[c].clause) {
            if let Some(p) = self.pending.get_mut(ci) {
                p.has_children = true;
            }
        }
        let term = text::defined_term(&text).filter(|_| self.in_definitions(upto));
        let id = match term {
            Some(t) => format!("definitions/{}", text::slug(t)),
            None => {
                self.paragraphs += 1;
                format!("p{}", self.paragraphs)
            }
        };
        let id = unique(&mut self.used, &id);
        self.clauses.push(Clause {
            id,
            number: None,
            heading: None,
            path: self.stack[..upto].iter().map(|f| f.label.clone()).collect(),
            text,
            line,
            level: self.stack[..upto]
                .iter()
                .filter(|f| f.style.is_some())
                .count(),
        });
        self.pending.push(Pending::default());
    }

    fn absorb(&mut self, text: &str, indent: isize, is_def: bool) -> bool {
        let in_defs = self.in_definitions(self.stack.len());
        let Some(top) = self.stack.last() else {
            return false;
        };
        let Some(ci) = top.clause else { return false };
        let indented = top.rank.is_none() && indent > top.indent + 1;
        let (Some(p), Some(c)) = (self.pending.get_mut(ci), self.clauses.get_mut(ci)) else {
            return false;
        };
        if p.has_children {
            return false;
        }
        if p.heading_only && !p.has_body {
            if (is_def && in_defs) || !(p.takes_body || indented) {
                return false;
            }
            c.text = text.to_string();
            p.has_body = true;
            return true;
        }
        false
    }

    /// The clauses, without heading-only items whose children carry their heading in `path`.
    pub fn finish(self) -> Vec<Clause> {
        self.clauses
            .into_iter()
            .zip(self.pending)
            .filter(|(_, p)| !(p.heading_only && p.has_children && !p.has_body))
            .map(|(c, _)| c)
            .collect()
    }
}

fn mentions_definitions(s: &str) -> bool {
    s.to_ascii_lowercase().contains("definition")
}

fn preview(s: &str) -> String {
    s.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
}

/// `id`, or `id~2`, `id~3` ... when taken.
fn unique(used: &mut HashMap<String, usize>, id: &str) -> String {
    let Some(n) = used.get(id).copied() else {
        used.insert(id.to_string(), 1);
        return id.to_string();
    };
    let mut k = n + 1;
    loop {
        let candidate = format!("{id}~{k}");
        if !used.contains_key(&candidate) {
            used.insert(id.to_string(), k);
            used.insert(candidate.clone(), 1);
            return candidate;
        }
        k += 1;
    }
}
