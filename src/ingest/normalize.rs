//! Raw text in, canonical text out: the same words from any file format give identical clauses.
//!
//! Unicode NFC, curly quotes and dashes made plain, non-breaking and other odd spaces made ordinary,
//! common ligatures undone, line endings made LF. Normalising here, once, means no later stage has to
//! worry whether `“may”` and `"may"` are the same word.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Canonicalises text; idempotent.
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize`], borrowing `text` when it is canonical already: a clause of a read document is, and
/// copying every clause again only to find that was most of what fingerprinting a change cost.
pub fn normalized(text: &str) -> Cow<'_, str> {
    let text: Cow<str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let composed = match compose(&text) {
        Cow::Owned(composed) => Some(composed),
        Cow::Borrowed(_) => None,
    };
    match composed {
        Some(composed) => Cow::Owned(replaced(&composed).unwrap_or(composed)),
        None => match replaced(&text) {
            Some(out) => Cow::Owned(out),
            None => text,
        },
    }
}

/// `composed` with every character that has a plain form replaced by it; `None` when none has.
fn replaced(composed: &str) -> Option<String> {
    // Most characters stay as they are, so copy unchanged runs whole and only splice in replacements.
    // Every character with a replacement is a tab or starts with one of three lead bytes, so the scan
    // looks for those bytes and decodes a character only there.
    let bytes = composed.as_bytes();
    let mut out: Option<String> = None;
    let mut kept = 0;
    // The next tab and the next lead byte at or after `at`, each searched again only once passed, so
    // a text full of one kind never rescans for the other.
    let mut tab = memchr::memchr(b'\t', bytes);
    let mut lead = memchr::memchr3(0xC2, 0xE2, 0xEF, bytes);
    while let Some(i) = lead.into_iter().chain(tab).min() {
        let ch = composed[i..].chars().next().unwrap_or('\0');
        let at = i + ch.len_utf8();
        if tab == Some(i) {
            tab = memchr::memchr(b'\t', &bytes[at..]).map(|x| at + x);
        } else {
            lead = memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[at..]).map(|x| at + x);
        }
        if let Some(plain) = replacement(ch) {
            let out = out.get_or_insert_with(|| String::with_capacity(composed.len()));
            out.push_str(&composed[kept..i]);
            out.push_str(plain);
            kept = at;
        }
    }
    let mut out = out?;
    out.push_str(&composed[kept..]);
    Some(out)
}

/// `text` in Unicode NFC, composing only where it is needed.
///
/// Nearly all text is NFC already, and composing a whole file was most of reading one: a single
/// combining mark (a language menu in Thai or Hindi) was enough for that. An ASCII character is a
/// starter that nothing before it composes with, and nothing composes with it but marks that follow
/// it, so each run of other characters is checked on its own, and only a run the quick check cannot
/// clear is composed, together with the ASCII character before it.
fn compose(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut kept, mut at) = (0, 0);
    while let Some(step) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        let start = at + step;
        let len = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .unwrap_or(bytes.len() - start);
        at = start + len;
        // Both ends are at ASCII bytes or the ends of the text, so they are character boundaries.
        if is_nfc_quick(text[start..at].chars()) == IsNormalized::Yes {
            continue;
        }
        let from = start.saturating_sub(1);
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[kept..from]);
        o.extend(text[from..at].nfc());
        kept = at;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[kept..]);
            Cow::Owned(o)
        }
    }
}

/// `c` in lower case. Accented Latin letters (German, French, Spanish text) are mapped directly:
/// in that block the capitals are the 32 code points below their small letters, except the
/// multiplication sign.
///
/// Inlined, with ASCII first: the aligner and the classifier call it for every character of a word
/// that has a letter beyond ASCII (most words of a German statute), and Unicode case mapping of a plain
/// ASCII letter was most of that cost.
#[inline]
pub fn push_lowercase(c: char, out: &mut String) {
    match c {
        '\0'..='\x7F' => out.push(c.to_ascii_lowercase()),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => {
            out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c));
        }
        '\u{DF}'..='\u{FF}' => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// The plain form of a character that has one, `None` for characters kept as they are.
fn replacement(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' => "-",
        // En and em dashes keep their role as a dash but in plain form.
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}'
        | '\u{2007}'
        | '\u{202F}'
        | '\u{2000}'..='\u{2006}'
        | '\u{2008}'..='\u{200A}' => " ",
        '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{2026}' => "...",
        '\t' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use unicode_normalization::UnicodeNormalization;

    #[track_caller]
    fn case(input: &str, want: &str) {
        assert_eq!(normalize(input), want, "input {input:?}");
    }

    #[test]
    fn canonical_forms() {
        case("\u{201C}may\u{201D}", "\"may\"");
        case("officer\u{2019}s", "officer's");
        case("2016\u{2013}2018", "2016-2018");
        case("ten\u{00A0}(10)", "ten (10)");
        case("\u{FB01}nal", "final");
        case("e\u{0301}", "\u{00E9}");
        case("a\r\nb", "a\nb");
        case("soft\u{00AD}hyphen", "softhyphen");
        case(
            "Stra\u{00DF}e\tund\u{2014}\u{00E4}",
            "Stra\u{00DF}e und-\u{00E4}",
        );
        case("\u{00FC}e\u{0308}", "\u{00FC}\u{00EB}");
        case("a\u{0323}\u{0302}", "\u{1EAD}");
        case("\u{FEFF}x\r", "x\n");
    }

    #[test]
    fn latin_letters_lowercase_as_unicode_says() {
        for c in (0u32..0x250).filter_map(char::from_u32) {
            let mut got = String::new();
            super::push_lowercase(c, &mut got);
            assert_eq!(got, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// Composing run by run gives what composing the whole text gives.
        #[test]
        fn compose_equals_whole_nfc(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'e', 'A', ' ', '.', '\u{0301}', '\u{0308}', '\u{0323}', '\u{0302}', '\u{00E9}',
                '\u{212B}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{0E49}', '\u{0937}', '\u{094D}',
                '\u{093C}', '\u{0340}', '\u{00C5}', '\u{0327}', 'c',
            ]), 0..40)
        ) {
            let s: String = chars.into_iter().collect();
            let want: String = s.nfc().collect();
            proptest::prop_assert_eq!(super::compose(&s).into_owned(), want);
        }
    }

    #[test]
    fn idempotent() {
        let s = "\u{201C}x\u{201D} \u{2014} y\u{00A0}z";
        assert_eq!(normalize(&normalize(s)), normalize(s));
    }
}
