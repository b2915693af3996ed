//! Markdown-ish text in, plain words out: emphasis markers, links, HTML tags, escapes and entities go,
//! words stay, whitespace collapses to single spaces.
//!
//! Two versions that differ only in markup must give identical clause text, or the classifier would
//! report a change nobody made. Every pattern here is linear-time (the `regex` crate has no
//! backtracking) and compiled once.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"!?\[([^\]\n]*)\]\(\s*[^)\s]*(?:\s+"[^"\n]*")?\s*\)"#).expect("valid regex")
});
static REF_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]+)\]\[[^\]\n]*\]").expect("valid regex"));
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|mailto):[^>\s]+)>").expect("valid regex"));
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid regex"));
/// Tags that break a line or a block stand for a space; inline tags (`<span>`, `<b>`) for nothing.
static BREAK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|hr)(?:\s[^<>\n]*)?/?>")
        .expect("valid regex")
});
/// Only formatting tags are markup. Anything else (`<script>`, `<Agency>`) is left as words, because
/// in a policy's text it may be exactly what the author wrote, and reports escape it.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:a|abbr|b|big|cite|code|dfn|em|font|i|kbd|mark|q|s|small|span|strike|strong|sub|sup|tt|u)(?:\s[^<>\n]*)?/?>",
    )
    .expect("valid regex")
});
/// A text made only of in-page links (`[Purpose](#purpose)`): a table of contents, not a clause.
static TOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[*_]{0,2}\s*\[[^\]\n]*\]\([^)\s]*#[^)\s]*\)[*_]{0,2}\s*)+$")
        .expect("valid regex")
});

/// Whether `raw` is nothing but links to places in a page (a table of contents line).
pub fn is_toc(raw: &str) -> bool {
    TOC.is_match(raw.trim())
}

/// Removes Markdown and HTML markup, keeping the words; collapses whitespace.
pub fn strip(raw: &str) -> String {
    // Every pattern below needs one of these characters; most clauses of a long text have none.
    if !any_byte(raw.as_bytes(), |b| {
        matches!(b, b'<' | b'[' | b'&' | b'*' | b'_' | b'\\' | b'`')
    }) {
        return collapse(raw);
    }
    let s = replace(raw, '<', &COMMENT, " ");
    let s = replace(&s, '[', &LINK, "$1");
    let s = replace(&s, '[', &REF_LINK, "$1");
    let s = replace(&s, '<', &AUTOLINK, "$1");
    let s = replace(&s, '<', &BREAK_TAG, " ");
    let s = replace(&s, '<', &TAG, "");
    let s = entities(&s);
    if s.contains(['*', '_', '\\', '`']) {
        collapse(&emphasis_and_escapes(&s))
    } else {
        collapse(&s)
    }
}

/// `trigger` is a character every match contains: its absence skips the regex on plain lines.
fn replace<'a>(s: &'a str, trigger: char, re: &Regex, with: &str) -> Cow<'a, str> {
    if !s.contains(trigger) {
        return Cow::Borrowed(s);
    }
    re.replace_all(s, with)
}

fn entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    const ENT: [(&str, &str); 7] = [
        ("&nbsp;", " "),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
    ];
    let mut out = s.to_string();
    for (e, r) in ENT {
        if out.contains(e) {
            out = out.replace(e, r);
        }
    }
    Cow::Owned(out)
}

/// Drops `*`/`_` emphasis runs and backticks, and resolves backslash escapes, in one pass.
///
/// A `*` run goes unless it stands between spaces (`2 * 3`); an `_` run goes only at a word edge, so
/// `snake_case` survives. An escaped character is always kept as a literal.
fn emphasis_and_escapes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '\\' {
            if let Some(&next) = chars.get(i + 1) {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    i += 2;
                    continue;
                }
            }
            out.push(c);
            i += 1;
            continue;
        }
        if c == '`' {
            i += 1;
            continue;
        }
        if c == '*' || c == '_' {
            let mut j = i;
            while chars.get(j) == Some(&c) {
                j += 1;
            }
            let prev = if i == 0 { ' ' } else { chars[i - 1] };
            let next = chars.get(j).copied().unwrap_or(' ');
            let left = !next.is_whitespace();
            let right = !prev.is_whitespace();
            let drop = if c == '*' {
                left || right
            } else {
                (left && !prev.is_alphanumeric()) || (right && !next.is_alphanumeric())
            };
            if !drop {
                out.extend(chars[i..j].iter());
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Single spaces between words, none at the ends.
pub fn collapse(s: &str) -> String {
    // Most lines are already tidy; checking bytes is much cheaper than splitting on Unicode spaces.
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// No white space but single ASCII spaces between words.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ')
        || b.last() == Some(&b' ')
        || memchr::memmem::find(b, b"  ").is_some()
    {
        return false;
    }
    // Other white space is an ASCII control character, or a character whose UTF-8 form starts with
    // one of four lead bytes; only those are decoded, and only in a text that has one of them.
    let suspect = |c: u8| (c < 0x20) | (c == 0xC2) | (c.wrapping_sub(0xE1) < 3);
    if !any_byte(b, suspect) {
        return true;
    }
    b.iter().enumerate().all(|(i, &c)| match c {
        b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => false,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => !s[i..].chars().next().is_some_and(char::is_whitespace),
        _ => true,
    })
}

/// Whether some byte of `b` passes `test`. Every byte of a block is tested, without stopping at the
/// first that passes, which lets the compiler test many at once; it stops between blocks. This runs
/// over every clause text of a document, where byte-by-byte tests were a tenth of segmenting it.
fn any_byte(b: &[u8], test: impl Fn(u8) -> bool) -> bool {
    b.chunks(64)
        .any(|block| block.iter().fold(false, |found, &c| found | test(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, want: &str) {
        assert_eq!(strip(input), want, "input {input:?}");
    }

    #[test]
    fn markup_goes_words_stay() {
        case("**bold** and __strong__", "bold and strong");
        case("*em* and _em_", "em and em");
        case("snake_case stays", "snake_case stays");
        case("2 * 3 = 6", "2 * 3 = 6");
        case(
            "see [the policy](https://example.org/p#a) now",
            "see the policy now",
        );
        case("![logo](img.png) text", "logo text");
        case("[text][ref] x", "text x");
        case("line<br>break", "line break");
        case("a <span class=\"x\">b</span>. c", "a b. c");
        case("one<p>two</p>", "one two");
        case("x < 5 and y > 3", "x < 5 and y > 3");
        case("1\\. Universal \\*terms\\*", "1. Universal *terms*");
        case("`code` here", "code here");
        case("a&nbsp;b &amp; c", "a b & c");
        case("  spaced\n out  ", "spaced out");
        case("<!-- note --> kept", "kept");
        case("<https://example.org>", "https://example.org");
        case("<strong>x</strong> <EM>y</EM>", "x y");
        case("<script>alert(1)</script>", "<script>alert(1)</script>");
        case("notify the <Agency> head", "notify the <Agency> head");
        case("", "");
        case("a\u{a0}b\tc \u{2003} d", "a b c d");
        assert_eq!(collapse(" a  b "), "a b");
        assert_eq!(collapse("a b"), "a b");
        for spaced in [
            "a\u{00A0}b",
            "a\u{2003}b",
            "a\u{3000}b",
            "a\u{1680}b",
            "a\u{0085}b",
            "a\tb",
        ] {
            assert_eq!(collapse(spaced), "a b", "{spaced:?}");
        }
        assert_eq!(
            collapse("\u{00E4}\u{20AC}\u{E000} b"),
            "\u{00E4}\u{20AC}\u{E000} b"
        );
    }

    #[test]
    fn toc_lines() {
        assert!(is_toc("[Purpose](#purpose)"));
        assert!(is_toc("[A](https://x.org/terms/#a) [B](#b)"));
        assert!(!is_toc("[Policy](https://x.org/policy)"));
        assert!(!is_toc("See [Purpose](#purpose) for details."));
    }
}
