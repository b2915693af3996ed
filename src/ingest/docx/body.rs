//! The `w:body` element tree in, plain text out: one block per paragraph or table row, separated by
//! blank lines, in document order, with list numbers rebuilt and tracked changes read as accepted.
//!
//! What a block looks like, so the segmenter sees what a reader of the document sees:
//! - A numbered paragraph starts with its rebuilt number (`B. Officers shall ...`); a bullet with `- `.
//! - A heading (by style or outline level) stands alone. It is written as a Markdown heading
//!   (`## Scope`) only when nothing else would mark it: a numbered or ALL-CAPS heading is written as
//!   it reads, so a .docx and a .txt of the same text give the same clauses.
//! - A table row is one Markdown table line (`| cell | cell |`), which the segmenter makes one clause;
//!   paragraphs inside a cell join with spaces, and a table inside a cell flattens into that cell.
//! - Text boxes become blocks after the paragraph that anchors them.
//! - Tracked changes: insertions and moved-to text are kept, deletions and moved-from text dropped,
//!   a deleted paragraph mark joins the paragraph to the next one (as Word shows it once accepted),
//!   deleted table rows are dropped. [`Tracked`] counts them for a warning.

use super::numbering::{Counters, Label, Numbering};
use super::styles::Styles;
use super::xml::{Element, Node, Ns};

/// How many tracked changes were read as accepted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tracked {
    pub insertions: usize,
    pub deletions: usize,
    pub moves: usize,
}

impl Tracked {
    pub fn any(&self) -> bool {
        self.insertions + self.deletions + self.moves > 0
    }
}

pub struct Reader<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    pub counters: Counters,
    pub tracked: Tracked,
    blocks: Vec<String>,
    /// Text of a paragraph whose mark was deleted, waiting to join the next paragraph.
    carry: String,
    /// Blocks from text boxes, waiting for the paragraph or row that anchors them to be written.
    after: Vec<String>,
}

impl<'a> Reader<'a> {
    pub fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Reader {
            numbering,
            styles,
            counters: Counters::default(),
            tracked: Tracked::default(),
            blocks: Vec::new(),
            carry: String::new(),
            after: Vec::new(),
        }
    }

    /// Reads the `w:document` root and returns the text, blocks separated by blank lines.
    pub fn read(mut self, document: &Element) -> (String, Counters, Tracked) {
        if let Some(body) = document.child("body") {
            self.blocks_of(body);
        }
        if !self.carry.trim().is_empty() {
            let rest = std::mem::take(&mut self.carry);
            self.blocks.push(rest.trim().to_string());
        }
        (self.blocks.join("\n\n"), self.counters, self.tracked)
    }

    /// Block-level content: paragraphs, tables and the containers that hold them.
    fn blocks_of(&mut self, parent: &Element) {
        for el in parent.elements() {
            match (el.ns, el.name.as_str()) {
                (Ns::W, "p") => {
                    if let Some(text) = self.paragraph(el, true) {
                        self.blocks.push(text);
                    }
                    self.blocks.append(&mut self.after);
                }
                (Ns::W, "tbl") => self.table(el),
                (Ns::W, "ins") => {
                    self.tracked.insertions += 1;
                    self.blocks_of(el);
                }
                (Ns::W, "moveTo") => {
                    self.tracked.moves += 1;
                    self.blocks_of(el);
                }
                (Ns::W, "del") => self.tracked.deletions += 1,
                (Ns::W, "moveFrom") => {}
                (Ns::W, "sdt" | "sdtContent" | "customXml" | "txbxContent") => self.blocks_of(el),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(choice) = first_choice(el) {
                        self.blocks_of(choice);
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element) {
        for row in rows(tbl) {
            let tr_pr = row.child("trPr");
            if tr_pr.and_then(|p| p.child("del")).is_some() {
                self.tracked.deletions += 1;
                continue;
            }
            if tr_pr.and_then(|p| p.child("ins")).is_some() {
                self.tracked.insertions += 1;
            }
            let cells: Vec<String> = cells(row)
                .map(|cell| self.cell_text(cell))
                .filter(|t| !t.is_empty())
                .collect();
            if !cells.is_empty() {
                self.blocks.push(format!("| {} |", cells.join(" | ")));
            }
            self.blocks.append(&mut self.after);
        }
    }

    fn cell_text(&mut self, cell: &Element) -> String {
        let mut parts = Vec::new();
        self.cell_parts(cell, &mut parts);
        parts.join(" ")
    }

    fn cell_parts(&mut self, parent: &Element, parts: &mut Vec<String>) {
        for el in parent.elements() {
            match (el.ns, el.name.as_str()) {
                (Ns::W, "p") => {
                    if let Some(t) = self.paragraph(el, false) {
                        parts.push(t.replace('\n', " "));
                    }
                }
                (Ns::W, "tbl") => {
                    for row in rows(el) {
                        for cell in cells(row) {
                            self.cell_parts(cell, parts);
                        }
                    }
                }
                (Ns::W, "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo") => {
                    self.cell_parts(el, parts)
                }
                _ => {}
            }
        }
    }

    /// One paragraph's text with its number, or `None` when it shows nothing (or joins the next).
    fn paragraph(&mut self, p: &Element, top_level: bool) -> Option<String> {
        let ppr = p.child("pPr");
        let mark = ppr.and_then(|p| p.child("rPr"));
        let mark_deleted = mark.and_then(|r| r.child("del")).is_some();
        let mut text = std::mem::take(&mut self.carry);
        let mut boxes = Vec::new();
        self.inline(p, &mut text, &mut boxes);
        if !boxes.is_empty() {
            let outer = std::mem::take(&mut self.blocks);
            for b in boxes {
                self.blocks_of(b);
            }
            let inner = std::mem::replace(&mut self.blocks, outer);
            self.after.extend(inner);
        }
        if mark_deleted {
            // Accepting the deletion joins this paragraph to the next, which keeps its own properties.
            self.tracked.deletions += 1;
            self.carry = text;
            return None;
        }
        if mark.and_then(|r| r.child("ins")).is_some() {
            self.tracked.insertions += 1;
        }
        let text = tidy(&text);
        let style = ppr.and_then(|p| p.child_val("pStyle"));
        let label = self.label(ppr, style);
        let heading = ppr
            .and_then(|p| p.child_val("outlineLvl"))
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&o| o < 9)
            .map(|o| o + 1)
            .or_else(|| style.and_then(|s| self.styles.heading_level(s)));
        let out = match label {
            Some(Label::Number(n)) if text.is_empty() => n,
            Some(Label::Number(n)) => format!("{n} {text}"),
            Some(Label::Bullet) if text.is_empty() => return None,
            Some(Label::Bullet) => format!("- {text}"),
            None if text.is_empty() => return None,
            None => match heading {
                Some(level) if top_level && !is_all_caps(&text) => {
                    format!(
                        "{} {}",
                        "#".repeat(level.clamp(1, 6)),
                        text.replace('\n', " ")
                    )
                }
                _ => text,
            },
        };
        Some(out)
    }

    /// The list label of a paragraph: its own `numPr`, else its style's. `numId` 0 switches it off.
    fn label(&mut self, ppr: Option<&Element>, style: Option<&str>) -> Option<Label> {
        let own = ppr.and_then(|p| p.child("numPr"));
        let own_id = own.and_then(|n| n.child_val("numId"));
        let own_lvl = own
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok());
        let (num_id, ilvl) = match (own_id, style.and_then(|s| self.styles.numbering(s))) {
            (Some(id), _) => (id.to_string(), own_lvl),
            (None, Some((id, lvl))) => (id, own_lvl.or(lvl)),
            (None, None) => return None,
        };
        if num_id == "0" {
            return None;
        }
        let ilvl = ilvl
            .or_else(|| style.and_then(|s| self.numbering.level_for_style(&num_id, s)))
            .unwrap_or(0);
        self.numbering.next(&mut self.counters, &num_id, ilvl)
    }

    /// Inline content: runs and the containers around them. Text boxes are collected for later.
    fn inline<'e>(&mut self, parent: &'e Element, out: &mut String, boxes: &mut Vec<&'e Element>) {
        for el in parent.elements() {
            match (el.ns, el.name.as_str()) {
                (Ns::W, "r") => run(el, out, boxes),
                (Ns::W, "ins") => {
                    self.tracked.insertions += 1;
                    self.inline(el, out, boxes);
                }
                (Ns::W, "moveTo") => {
                    self.tracked.moves += 1;
                    self.inline(el, out, boxes);
                }
                (Ns::W, "del") => self.tracked.deletions += 1,
                (Ns::W, "moveFrom") => {}
                (
                    Ns::W,
                    "hyperlink" | "smartTag" | "customXml" | "sdt" | "sdtContent" | "fldSimple"
                    | "bdo" | "dir",
                ) => self.inline(el, out, boxes),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(choice) = first_choice(el) {
                        self.inline(choice, out, boxes);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The text of one run. Field instructions (`instrText`), deleted text (`delText`) and text
/// formatted as hidden (`vanish`, which Word neither shows nor prints) are skipped.
fn run<'e>(r: &'e Element, out: &mut String, boxes: &mut Vec<&'e Element>) {
    let hidden = r
        .child("rPr")
        .and_then(|p| p.child("vanish"))
        .is_some_and(|v| !matches!(v.attr("val"), Some("0" | "false" | "off")));
    if hidden {
        return;
    }
    for el in r.elements() {
        match (el.ns, el.name.as_str()) {
            (Ns::W, "t") => out.push_str(&el.text()),
            (Ns::W, "tab" | "ptab") => out.push(' '),
            (Ns::W, "br" | "cr") => match el.attr("type") {
                Some("page" | "column") => out.push(' '),
                _ => out.push('\n'),
            },
            (Ns::W, "noBreakHyphen") => out.push('-'),
            (Ns::W, "drawing" | "pict" | "object") => find_text_boxes(el, boxes),
            (Ns::Mc, "AlternateContent") => {
                if let Some(choice) = first_choice(el) {
                    run(choice, out, boxes);
                }
            }
            _ => {}
        }
    }
}

/// Text boxes sit deep inside drawing markup of other namespaces; their content is `w:txbxContent`.
fn find_text_boxes<'e>(el: &'e Element, boxes: &mut Vec<&'e Element>) {
    for child in el.elements() {
        if child.is("txbxContent") {
            boxes.push(child);
        } else {
            find_text_boxes(child, boxes);
        }
    }
}

/// Markup compatibility: the first alternative is what current Word writes; the fallback repeats
/// the same content for old readers, so reading both would repeat it.
fn first_choice(el: &Element) -> Option<&Element> {
    el.elements()
        .find(|c| c.ns == Ns::Mc && c.name == "Choice")
        .or_else(|| {
            el.elements()
                .find(|c| c.ns == Ns::Mc && c.name == "Fallback")
        })
}

fn rows(tbl: &Element) -> impl Iterator<Item = &Element> {
    tbl.children.iter().flat_map(|n| -> Vec<&Element> {
        match n {
            Node::Element(e) if e.is("tr") => vec![e],
            // Rows wrapped in content controls or custom XML.
            Node::Element(e) if e.ns == Ns::W && matches!(e.name.as_str(), "sdt" | "customXml") => {
                e.elements()
                    .flat_map(|c| {
                        if c.is("sdtContent") {
                            c.elements().filter(|r| r.is("tr")).collect()
                        } else if c.is("tr") {
                            vec![c]
                        } else {
                            Vec::new()
                        }
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    })
}

fn cells(row: &Element) -> impl Iterator<Item = &Element> {
    row.elements().flat_map(|e| -> Vec<&Element> {
        if e.is("tc") {
            vec![e]
        } else if e.is("sdt") {
            e.child("sdtContent")
                .map(|c| c.elements().filter(|x| x.is("tc")).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    })
}

/// Trims each line and collapses runs of spaces; line breaks inside a paragraph are kept.
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_all_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}
