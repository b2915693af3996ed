//! Raw text in, canonical text out: the same words from any file format give identical clauses.
//!
//! Unicode NFC, curly quotes and dashes made plain, non-breaking and other odd spaces made ordinary,
//! common ligatures undone, line endings made LF. Normalising here, once, means no later stage has to
//! worry whether `“may”` and `"may"` are the same word.

use unicode_normalization::UnicodeNormalization;

/// Canonicalises text; idempotent.
pub fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for ch in text.nfc() {
        match ch {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            // En and em dashes keep their role as a dash but in plain form.
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{00A0}'
            | '\u{2007}'
            | '\u{202F}'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'..='\u{200A}' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{2026}' => out.push_str("..."),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

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
    }

    #[test]
    fn idempotent() {
        let s = "\u{201C}x\u{201D} \u{2014} y\u{00A0}z";
        assert_eq!(normalize(&normalize(s)), normalize(s));
    }
}
