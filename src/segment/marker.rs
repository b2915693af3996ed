//! One clause marker at the start of a string in (`2.1`, `(b)`, `IV.`, `Section 3`, `- `), its
//! numbering style, ordinal value and printed number out.
//!
//! A marker can be ambiguous (`i.` is the ninth letter or the first roman numeral), so parsing returns
//! every reading; the builder picks one from context.

/// How a marker is punctuated: `a.`, `a)`, `(a)`, or bare (`2.1`, `Section 3`, bullets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punct {
    Period,
    Close,
    Enclosed,
    Bare,
}

/// The keyword of a keyword-numbered clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    Section,
    Paragraph,
    Article,
    Part,
    Chapter,
    Clause,
}

/// The counting system of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Arabic,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// `1.1` (depth 2), `1.1.1` (depth 3): the number already spells out its ancestors.
    Dotted(usize),
    Keyword(Keyword),
    Bullet,
}

/// A numbering style: two markers of the same style at the same place are siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub kind: Kind,
    pub punct: Punct,
}

impl Style {
    /// Styles whose printed number stands on its own in an id (`2.1`, `Section 3`).
    pub fn self_standing(self) -> bool {
        matches!(self.kind, Kind::Dotted(_) | Kind::Keyword(_))
    }
}

/// One reading of a marker: its style and ordinal value (`c` is 3, `iv` is 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub style: Style,
    pub value: u32,
}

/// A marker found at the start of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Every plausible reading, the likelier first.
    pub readings: Vec<Reading>,
    /// The number as printed without trailing punctuation (`"2.1"`, `"(b)"`, `"Section 3"`); empty for bullets.
    pub number: String,
    /// Bytes of the input taken by the marker, its markup and the spaces after it.
    pub len: usize,
}

impl Marker {
    pub fn is_bullet(&self) -> bool {
        self.readings.iter().any(|r| r.style.kind == Kind::Bullet)
    }
    pub fn is_keyword(&self) -> bool {
        self.readings
            .iter()
            .any(|r| matches!(r.style.kind, Kind::Keyword(_)))
    }
}

/// Largest roman numeral read as a clause number; beyond it words like `MD.` or `DC.` would count.
const MAX_ROMAN: u32 = 50;

/// Parses a marker at the very start of `s` (indentation already removed).
///
/// Accepts an optional bold wrapper (`**2.1.**`) and a backslash-escaped period (`1\.`). The marker
/// must be followed by whitespace, the end of the string or the closing bold, so `1.5 million` and
/// `U.S.` are not markers.
pub fn parse(s: &str) -> Option<Marker> {
    parse_with(s, false)
}

/// A list item's marker (`(b) `, `2. `, `iv) `) at the very start of `s`, with only the readings an
/// item in running text can have: dotted numbers, keywords and bullets are left out, as `3.5` and
/// `Section 4` in a sentence are a figure and a citation.
pub fn item(s: &str) -> Option<Marker> {
    let mut m = parse(s)?;
    m.readings.retain(|r| {
        !matches!(
            r.style.kind,
            Kind::Dotted(_) | Kind::Keyword(_) | Kind::Bullet
        ) && r.style.punct != Punct::Bare
    });
    (!m.readings.is_empty()).then_some(m)
}

/// The bytes an [`item`] marker takes, with the spaces after it: in running text such a marker after
/// a full stop opens the next sentence.
pub fn item_len(s: &str) -> Option<usize> {
    item(s).map(|m| m.len)
}

/// Like [`parse`], for a heading line, where a keyword number may be followed by its title directly
/// (`### § 1 Solidarität`); in running text that shape is a cross-reference (`§ 8 Abs. 2 gilt`).
pub fn parse_heading(s: &str) -> Option<Marker> {
    parse_with(s, true)
}

fn parse_with(s: &str, heading: bool) -> Option<Marker> {
    let b = s.as_bytes();
    if let Some(m) = bullet(s) {
        return Some(m);
    }
    let open = if s.starts_with("**") || s.starts_with("__") {
        2
    } else {
        0
    };
    let (readings, number, mut i) = body(s, open, heading)?;
    // Trailing punctuation after the bare number: `.` (possibly escaped) or `)`.
    if open > 0 && b.get(i..i + 2) == Some(&b[..2]) {
        i += 2;
    }
    match b.get(i) {
        None => {}
        Some(c) if c.is_ascii_whitespace() => {}
        _ => return None,
    }
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    Some(Marker {
        readings,
        number,
        len: i,
    })
}

fn bullet(s: &str) -> Option<Marker> {
    let mut chars = s.char_indices();
    let (_, c) = chars.next()?;
    if !matches!(
        c,
        '-' | '*' | '+' | '\u{2022}' | '\u{25AA}' | '\u{25CF}' | '\u{25E6}'
    ) {
        return None;
    }
    let after = c.len_utf8();
    let rest = &s[after..];
    let spaced = rest.starts_with(' ');
    if !(spaced || (c == '\u{2022}' && !rest.is_empty())) {
        return None;
    }
    let len = after + (rest.len() - rest.trim_start().len());
    Some(Marker {
        readings: vec![Reading {
            style: Style {
                kind: Kind::Bullet,
                punct: Punct::Bare,
            },
            value: 0,
        }],
        number: String::new(),
        len,
    })
}

/// The marker proper: readings, printed number and the byte index just after its punctuation.
fn body(s: &str, start: usize, heading: bool) -> Option<(Vec<Reading>, String, usize)> {
    let b = s.as_bytes();
    let rest = &s[start..];
    if let Some(r) = keyword(rest, heading) {
        return Some((r.0, r.1, start + r.2));
    }
    if b.get(start) == Some(&b'(') {
        let close = rest.find(')').filter(|&c| c > 1 && c <= 5)?;
        let inner = &rest[1..close];
        let readings = readings_of(inner, Punct::Enclosed)?;
        return Some((readings, format!("({inner})"), start + close + 1));
    }
    let word_len = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b'\\')
        .count();
    let word = &rest[..word_len];
    // Dotted numbers: two or more numeric components, trailing period optional.
    let plain = if word.contains('\\') {
        std::borrow::Cow::Owned(word.replace('\\', ""))
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    let core = plain.trim_end_matches('.');
    if core.contains('.') {
        let parts: Vec<&str> = core.split('.').collect();
        if parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()))
        {
            let value = parts.last()?.parse().ok()?;
            let style = Style {
                kind: Kind::Dotted(parts.len()),
                punct: Punct::Bare,
            };
            return Some((
                vec![Reading { style, value }],
                core.to_string(),
                start + word_len,
            ));
        }
        return None;
    }
    // Single component followed by `.`, `\.` or `)`.
    let digits_or_letters = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if digits_or_letters == 0 {
        return None;
    }
    let inner = &rest[..digits_or_letters];
    let after = &rest[digits_or_letters..];
    let (punct, plen) = if after.starts_with('.') {
        (Punct::Period, 1)
    } else if after.starts_with("\\.") {
        (Punct::Period, 2)
    } else if after.starts_with(')') {
        (Punct::Close, 1)
    } else {
        return None;
    };
    let readings = readings_of(inner, punct)?;
    Some((
        readings,
        inner.to_string(),
        start + digits_or_letters + plen,
    ))
}

/// `Section 3`, `Sec. 3.1`, `§ 12a`, `Article II`, `Part 1`, `Chapter 4`.
fn keyword(s: &str, heading: bool) -> Option<(Vec<Reading>, String, usize)> {
    const WORDS: [(&str, Keyword); 8] = [
        ("section", Keyword::Section),
        ("sec.", Keyword::Section),
        ("\u{a7}", Keyword::Paragraph),
        ("article", Keyword::Article),
        ("art.", Keyword::Article),
        ("part", Keyword::Part),
        ("chapter", Keyword::Chapter),
        ("clause", Keyword::Clause),
    ];
    let first = s.chars().next()?;
    if !(first.is_uppercase() || first == '\u{a7}') {
        return None;
    }
    let (word, kw) = WORDS.iter().find(|(w, _)| {
        s.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    })?;
    let printed = &s[..word.len()];
    let mut i = word.len();
    let b = s.as_bytes();
    let spaces = b[i..].iter().take_while(|c| **c == b' ').count();
    if spaces == 0 && *kw != Keyword::Paragraph {
        return None;
    }
    i += spaces;
    let num_len = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'.')
        .count();
    let num = s[i..i + num_len].trim_end_matches('.');
    if num.is_empty() || num.len() > 10 {
        return None;
    }
    let value = keyword_value(num)?;
    let end_num = i + num.len();
    let mut j = end_num;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    if b.get(j..j + 2) == Some(b"**") {
        j += 2;
    }
    // What follows must look like the end of a number, not a cross-reference inside a sentence.
    let tail = &s[j..];
    let t = tail.trim_start();
    let ok = t.is_empty()
        || j > end_num
        || tail.len() - t.len() >= 2
        || t.starts_with(['-', ':', '\u{2013}', '*'])
        || (heading
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '"'));
    if !ok {
        return None;
    }
    let style = Style {
        kind: Kind::Keyword(*kw),
        punct: Punct::Bare,
    };
    Some((
        vec![Reading { style, value }],
        format!("{printed} {num}"),
        j,
    ))
}

fn keyword_value(num: &str) -> Option<u32> {
    let b = num.as_bytes();
    if b.first()?.is_ascii_digit() {
        let digits: String = num.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &num[digits.len()..];
        if !(rest.is_empty()
            || rest.starts_with('.')
            || (rest.len() == 1 && rest.bytes().all(|c| c.is_ascii_lowercase())))
        {
            return None;
        }
        return digits.parse().ok();
    }
    if let Some(v) = roman(num) {
        return Some(v);
    }
    (num.len() == 1).then(|| letter_value(num)).flatten()
}

/// Readings of a bare marker body such as `12`, `c`, `iv`, `B`.
fn readings_of(inner: &str, punct: Punct) -> Option<Vec<Reading>> {
    let r = |kind, value| Reading {
        style: Style { kind, punct },
        value,
    };
    let b = inner.as_bytes();
    if b.first()?.is_ascii_digit() {
        let digits = inner.bytes().take_while(|c| c.is_ascii_digit()).count();
        let suffix = &inner[digits..];
        // Statutes insert `2a.` and `(1a)` between existing numbers.
        if digits > 3 || suffix.len() > 1 {
            return None;
        }
        if !suffix.bytes().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        return Some(vec![r(Kind::Arabic, inner[..digits].parse().ok()?)]);
    }
    if !inner.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = inner.bytes().all(|c| c.is_ascii_lowercase());
    let upper = inner.bytes().all(|c| c.is_ascii_uppercase());
    if !(lower || upper) {
        return None;
    }
    let (alpha, rom) = if lower {
        (Kind::LowerAlpha, Kind::LowerRoman)
    } else {
        (Kind::UpperAlpha, Kind::UpperRoman)
    };
    let mut out = Vec::new();
    let roman_value = roman(inner);
    let letter = letter_value(inner);
    // `i`/`I` alone most often opens a roman list; every other single letter is a letter first.
    // So does any longer numeral (`ii` is two before it is the doubled letter).
    if inner.eq_ignore_ascii_case("i") || (inner.len() > 1 && roman_value.is_some()) {
        if let Some(v) = roman_value {
            out.push(r(rom, v));
        }
        if let Some(v) = letter {
            out.push(r(alpha, v));
        }
    } else {
        if let Some(v) = letter {
            out.push(r(alpha, v));
        }
        if let Some(v) = roman_value {
            out.push(r(rom, v));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `a` is 1, `z` 26, doubled letters continue (`aa` 27, `bb` 28).
fn letter_value(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let first = b.first()?.to_ascii_lowercase();
    if !first.is_ascii_lowercase() || b.iter().any(|c| c.to_ascii_lowercase() != first) {
        return None;
    }
    let base = u32::from(first - b'a') + 1;
    match b.len() {
        1 => Some(base),
        2 => Some(26 + base),
        _ => None,
    }
}

/// Value of a canonical roman numeral up to [`MAX_ROMAN`] (`iv` is 4; `iiii` and `vx` are not numerals).
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let digit = |c: u8| match c.to_ascii_lowercase() {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        b'd' => Some(500),
        b'm' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.bytes().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in vals.iter().enumerate() {
        match vals.get(k + 1) {
            Some(next) if next > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    let total = u32::try_from(total)
        .ok()
        .filter(|t| (1..=MAX_ROMAN).contains(t))?;
    (to_roman(total) == s.to_ascii_lowercase()).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 6] = [
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out.push_str(&"i".repeat(n as usize));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, number: Option<&str>, kinds: &[Kind]) {
        let m = parse(input);
        assert_eq!(m.as_ref().map(|m| m.number.as_str()), number, "{input:?}");
        if let Some(m) = m {
            let got: Vec<Kind> = m.readings.iter().map(|r| r.style.kind).collect();
            assert_eq!(got, kinds, "{input:?}");
        }
    }

    #[test]
    fn markers() {
        use Kind::*;
        case("1. Purpose", Some("1"), &[Arabic]);
        case("12) x", Some("12"), &[Arabic]);
        case("(3) x", Some("(3)"), &[Arabic]);
        case("(1a) x", Some("(1a)"), &[Arabic]);
        case("2a. x", Some("2a"), &[Arabic]);
        case("2.1 x", Some("2.1"), &[Dotted(2)]);
        case("2.1.3. x", Some("2.1.3"), &[Dotted(3)]);
        case("**2.1.** x", Some("2.1"), &[Dotted(2)]);
        case("1\\. Universal", Some("1"), &[Arabic]);
        case("(c) x", Some("(c)"), &[LowerAlpha]);
        case("(v) x", Some("(v)"), &[LowerAlpha, LowerRoman]);
        case("1.5 million", Some("1.5"), &[Dotted(2)]);
        case("(ii) x", Some("(ii)"), &[LowerRoman, LowerAlpha]);
        case("(iv) x", Some("(iv)"), &[LowerRoman]);
        case("i. x", Some("i"), &[LowerRoman, LowerAlpha]);
        case("IV. X", Some("IV"), &[UpperRoman]);
        case("B. x", Some("B"), &[UpperAlpha]);
        case("a) x", Some("a"), &[LowerAlpha]);
        case(
            "Section 3. Title",
            Some("Section 3"),
            &[Keyword(super::Keyword::Section)],
        );
        case(
            "\u{a7} 5. Title",
            Some("\u{a7} 5"),
            &[Keyword(super::Keyword::Paragraph)],
        );
        case(
            "Article II",
            Some("Article II"),
            &[Keyword(super::Keyword::Article)],
        );
        case(
            "Part 1 - General",
            Some("Part 1"),
            &[Keyword(super::Keyword::Part)],
        );
        case("- item", Some(""), &[Bullet]);
        case("\u{2022} item", Some(""), &[Bullet]);
        case("4.", Some("4"), &[Arabic]);
    }

    #[test]
    fn not_markers() {
        case("U.S. citizens", None, &[]);
        case("No. 5", None, &[]);
        case("MD. x", None, &[]);
        case("Section 3 of this policy", None, &[]);
        case("\u{a7} 8 Abs. 2 gilt", None, &[]);
        case("2018 was", None, &[]);
        case("**bold** text", None, &[]);
        case("1.Foo", None, &[]);
        case("(see below)", None, &[]);
        case("", None, &[]);
        case("-", None, &[]);
    }

    #[test]
    fn keyword_headings() {
        let m = parse_heading("\u{a7} 1 Solidarity").map(|m| m.number);
        assert_eq!(m.as_deref(), Some("\u{a7} 1"));
        assert_eq!(parse("\u{a7} 1 Solidarity"), None);
    }

    #[test]
    fn romans() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("XLIX"), Some(49));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("vx"), None);
        assert_eq!(roman("c"), None);
    }
}
