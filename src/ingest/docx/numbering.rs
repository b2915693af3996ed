//! `word/numbering.xml` in, the numbers a reader sees out: Word stores "1." and "(a)" as list
//! definitions plus per-paragraph references, never as text, so they are rebuilt here.
//!
//! Model (ECMA-376 part 1, 17.9): an `abstractNum` defines up to nine levels, each with a start value,
//! a format (`decimal`, `lowerLetter`, `upperRoman`, ...) and a template such as `%1.` or `(%2)` where
//! `%n` is the current count of level n. A `num` points at an abstract definition, optionally
//! overriding start values or whole levels. Paragraphs refer to a `num` and a level.
//!
//! Counting follows what Word displays:
//! - Lists that share an abstract definition share their counters (Word continues the list), unless
//!   the `num` overrides a start value, which makes it a list of its own that restarts.
//! - Using a level resets the deeper levels, unless a deeper level's `lvlRestart` says otherwise
//!   (`0` never restarts; `n` restarts only when level n or a shallower one is used).
//! - A level referenced by a template but never used yet shows its start value.
//! - `isLgl` shows every level in the template as a decimal ("legal" numbering, 1.1.1).
//!
//! Unsupported formats (`chicago`, `ordinalText`, East Asian counters) are shown as decimal, with a
//! warning so the user knows the ids may differ from what Word shows.

use super::xml::Element;
use std::collections::{BTreeMap, BTreeSet};

const LEVELS: usize = 9;

#[derive(Debug, Clone, PartialEq)]
enum Format {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
    Unsupported(String),
}

impl Format {
    fn parse(s: &str) -> Format {
        match s {
            "decimal" => Format::Decimal,
            "decimalZero" => Format::DecimalZero,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            other => Format::Unsupported(other.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Level {
    start: u32,
    format: Format,
    template: String,
    /// `None`: restart after any shallower level; `Some(0)`: never; `Some(n)`: after level n (1-based).
    restart: Option<u32>,
    legal: bool,
    /// A paragraph style tied to this level: paragraphs of that style take this level.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: Format::Decimal,
            template: String::new(),
            restart: None,
            legal: false,
            style: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Num {
    abstract_id: String,
    start_overrides: BTreeMap<usize, u32>,
    level_overrides: BTreeMap<usize, Level>,
}

/// The list definitions of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<usize, Level>>,
    nums: BTreeMap<String, Num>,
    /// Abstract definitions that only point at a numbering style (`numStyleLink`), by style id.
    style_links: BTreeMap<String, String>,
}

/// What a numbered paragraph shows before its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Number(String),
    Bullet,
}

/// Running counters while the document is read in order.
#[derive(Debug, Default)]
pub struct Counters {
    lists: BTreeMap<String, [Option<u32>; LEVELS]>,
    /// Unsupported formats met, for one warning each.
    pub unsupported: BTreeSet<String>,
}

impl Numbering {
    /// Reads the `w:numbering` root. Missing or malformed values fall back to Word's defaults rather
    /// than failing: a slightly wrong number is better than no document.
    pub fn parse(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for el in root.elements() {
            if el.is("abstractNum") {
                let id = el.attr("abstractNumId").unwrap_or_default().to_string();
                let levels = el
                    .elements()
                    .filter(|l| l.is("lvl"))
                    .filter_map(|l| Some((level_index(l.attr("ilvl"))?, parse_level(l))))
                    .collect();
                if let Some(style) = el.child_val("numStyleLink") {
                    n.style_links.insert(id.clone(), style.to_string());
                }
                n.abstracts.insert(id, levels);
            } else if el.is("num") {
                let id = el.attr("numId").unwrap_or_default().to_string();
                let mut num = Num {
                    abstract_id: el
                        .child_val("abstractNumId")
                        .unwrap_or_default()
                        .to_string(),
                    ..Num::default()
                };
                for o in el.elements().filter(|o| o.is("lvlOverride")) {
                    let Some(i) = level_index(o.attr("ilvl")) else {
                        continue;
                    };
                    if let Some(s) = o.child_val("startOverride").and_then(|v| v.parse().ok()) {
                        num.start_overrides.insert(i, s);
                    }
                    if let Some(l) = o.child("lvl") {
                        num.level_overrides.insert(i, parse_level(l));
                    }
                }
                n.nums.insert(id, num);
            }
        }
        n
    }

    /// Follows `numStyleLink`s: a list defined through a numbering style (Word's "list styles") has an
    /// empty abstract definition that names the style, whose own `numPr` leads to the definition with
    /// the levels. `style_num` gives a style's list id (from [`super::styles::Styles`]).
    pub fn resolve_style_links(&mut self, style_num: impl Fn(&str) -> Option<String>) {
        let links = std::mem::take(&mut self.style_links);
        for (abstract_id, style) in links {
            let target = style_num(&style)
                .and_then(|num_id| self.nums.get(&num_id))
                .map(|num| num.abstract_id.clone())
                .filter(|t| *t != abstract_id);
            let levels = target.and_then(|t| self.abstracts.get(&t)).cloned();
            if let Some(levels) = levels {
                self.abstracts.insert(abstract_id, levels);
            }
        }
    }

    /// The level a paragraph style is tied to inside list `num_id`, if the definition names it.
    pub fn level_for_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        levels
            .iter()
            .find(|(_, l)| l.style.as_deref() == Some(style))
            .map(|(i, _)| *i)
    }

    fn level(&self, num: &Num, i: usize) -> Level {
        let mut level = num
            .level_overrides
            .get(&i)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(&i))
            .cloned()
            .unwrap_or_default();
        if let Some(&s) = num.start_overrides.get(&i) {
            level.start = s;
        }
        level
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and returns the label it shows, or
    /// `None` when the list is unknown or numbering is switched off (`numId` 0).
    pub fn next(&self, counters: &mut Counters, num_id: &str, ilvl: usize) -> Option<Label> {
        let num = self.nums.get(num_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let key = if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
            format!("abstract:{}", num.abstract_id)
        } else {
            format!("num:{num_id}")
        };
        let levels: Vec<Level> = (0..LEVELS).map(|i| self.level(num, i)).collect();
        let counts = counters.lists.entry(key).or_insert([None; LEVELS]);
        let here = levels.get(ilvl)?;
        counts[ilvl] = Some(match counts[ilvl] {
            Some(c) => c.saturating_add(1),
            None => here.start,
        });
        for (d, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let resets = match level.restart {
                None => true,
                Some(0) => false,
                Some(n) => (ilvl as u32) < n,
            };
            if resets {
                counts[d] = None;
            }
        }
        if here.format == Format::Bullet {
            return Some(Label::Bullet);
        }
        let mut out = String::new();
        let mut chars = here.template.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let Some(level) = levels.get(i) else { continue };
                    let value = counts[i].unwrap_or(level.start);
                    let format = if here.legal && level.format != Format::None {
                        &Format::Decimal
                    } else {
                        &level.format
                    };
                    out.push_str(&render(value, format, &mut counters.unsupported));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(Label::Number(out))
    }
}

fn level_index(v: Option<&str>) -> Option<usize> {
    v.and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

fn parse_level(l: &Element) -> Level {
    Level {
        start: l
            .child_val("start")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
        format: l
            .child_val("numFmt")
            .map(Format::parse)
            .unwrap_or(Format::Decimal),
        template: l.child_val("lvlText").unwrap_or_default().to_string(),
        restart: l.child_val("lvlRestart").and_then(|v| v.parse().ok()),
        legal: l
            .child("isLgl")
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off"))),
        style: l.child_val("pStyle").map(str::to_string),
    }
}

fn render(value: u32, format: &Format, unsupported: &mut BTreeSet<String>) -> String {
    match format {
        Format::Decimal | Format::Bullet => value.to_string(),
        Format::DecimalZero => format!("{value:02}"),
        Format::LowerLetter => letters(value),
        Format::UpperLetter => letters(value).to_uppercase(),
        Format::LowerRoman => roman(value).to_lowercase(),
        Format::UpperRoman => roman(value),
        Format::None => String::new(),
        Format::Unsupported(name) => {
            unsupported.insert(name.clone());
            value.to_string()
        }
    }
}

/// Word's letter counting: a..z, then aa..zz, then aaa..: the letter repeats, it does not carry.
fn letters(value: u32) -> String {
    // Past a few repeats the label is unreadable anyway; a hostile start value must not allocate
    // millions of letters.
    if value == 0 || value > 26 * 20 {
        return value.to_string();
    }
    let v = value - 1;
    let letter = char::from(b'a' + (v % 26) as u8);
    std::iter::repeat_n(letter, (v / 26) as usize + 1).collect()
}

fn roman(value: u32) -> String {
    // Word falls back to decimal outside the range Roman numerals cover.
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut v = value;
    let mut out = String::new();
    for (n, s) in TABLE {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[track_caller]
    fn fmt(value: u32, format: &str, want: &str) {
        let got = render(value, &Format::parse(format), &mut BTreeSet::new());
        assert_eq!(got, want, "{value} as {format}");
    }

    #[test]
    fn formats() {
        fmt(3, "decimal", "3");
        fmt(3, "decimalZero", "03");
        fmt(1, "lowerLetter", "a");
        fmt(26, "lowerLetter", "z");
        fmt(27, "lowerLetter", "aa");
        fmt(54, "upperLetter", "BBB");
        fmt(4_000_000, "lowerLetter", "4000000");
        fmt(4, "lowerRoman", "iv");
        fmt(1994, "upperRoman", "MCMXCIV");
        fmt(4000, "upperRoman", "4000");
        fmt(2, "chicago", "2");
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn lvl(i: usize, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
        )
    }

    /// An outline list (I. / A. / 1. / (a)), a second num sharing it, one restarting it, and a legal list.
    fn sample() -> Numbering {
        let outline = [
            lvl(0, "upperRoman", "%1.", ""),
            lvl(1, "upperLetter", "%2.", ""),
            lvl(2, "decimal", "%3.", ""),
            lvl(3, "lowerLetter", "(%4)", r#"<w:lvlRestart w:val="1"/>"#),
        ]
        .concat();
        let legal = [
            lvl(0, "decimal", "%1.", ""),
            lvl(1, "lowerRoman", "%1.%2", "<w:isLgl/>"),
        ]
        .concat();
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{outline}</w:abstractNum><w:abstractNum w:abstractNumId="1">{legal}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        );
        Numbering::parse(&parse(&xml).unwrap())
    }

    #[track_caller]
    fn run(steps: &[(&str, usize)], want: &[&str]) {
        let n = sample();
        let mut c = Counters::default();
        let got: Vec<String> = steps
            .iter()
            .map(|&(num, ilvl)| match n.next(&mut c, num, ilvl) {
                Some(Label::Number(s)) => s,
                Some(Label::Bullet) => "*".into(),
                None => "-".into(),
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn counters_restart_continue_and_override() {
        // Deeper levels restart when a shallower one advances.
        run(
            &[("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1)],
            &["I.", "A.", "B.", "1.", "II.", "A."],
        );
        // A second num over the same definition continues the list.
        run(&[("1", 0), ("1", 1), ("2", 1)], &["I.", "A.", "B."]);
        // A start override makes a fresh list starting where it says.
        run(&[("1", 2), ("1", 2), ("3", 2)], &["1.", "2.", "5."]);
        // lvlRestart 1: (a) restarts only when level 1 (I.) is used, not at A. or 1.
        run(
            &[
                ("1", 0),
                ("1", 3),
                ("1", 3),
                ("1", 1),
                ("1", 3),
                ("1", 0),
                ("1", 3),
            ],
            &["I.", "(a)", "(b)", "A.", "(c)", "II.", "(a)"],
        );
        // Legal numbering shows every level in decimal; unknown lists show nothing.
        run(
            &[("4", 0), ("4", 1), ("4", 1), ("9", 0)],
            &["1.", "1.1", "1.2", "-"],
        );
    }

    #[test]
    fn lists_defined_through_a_numbering_style() {
        // Abstract 5 only names style "Outline"; that style numbers with num 1, whose abstract 0
        // holds the levels. Num 6 uses abstract 5.
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="Outline"/></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#,
            lvl(0, "upperRoman", "%1.", "")
        );
        let mut n = Numbering::parse(&parse(&xml).unwrap());
        let mut c = Counters::default();
        assert_eq!(n.next(&mut c, "6", 0), None, "no levels of its own");
        n.resolve_style_links(|s| (s == "Outline").then(|| "1".to_string()));
        let mut c = Counters::default();
        assert_eq!(n.next(&mut c, "6", 0), Some(Label::Number("I.".into())));
    }
}
