//! A change's identity in (the policy, the two version labels, the old and new clause texts), its
//! [`Fingerprint`] out: what a reviewer's decision is attached to so that it outlives the run.
//!
//! The fingerprint names a change by what it is, not where it is: clause ids, numbers, lines and the
//! order of clauses are left out, so renumbering or moving a clause keeps its fingerprint (and so its
//! review), while any change of its words gives a new one (and the review goes stale rather than being
//! applied to words the reviewer never read). The texts are taken as the aligner compares them for
//! `identical` and `renumbered`: normalised like every input ([`crate::ingest::normalize`]), then with
//! runs of whitespace counted as one space; case and punctuation are words' business and count.
//!
//! Two changes of one comparison with the same old and new text (two identical "Reserved." clauses
//! removed) share a fingerprint; they are the same change in substance and take the same review.

use serde::{de, Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::fmt;

/// How many hexadecimal digits a fingerprint has: 64 bits of SHA-256, short enough to type or paste,
/// and far beyond what a policy's few thousand changes could collide in.
pub const DIGITS: usize = 16;

/// The identity of a change: [`DIGITS`] lower-case hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of the change from `old` to `new` (`None`: the clause is absent on that side)
    /// between versions `from` and `to` of `policy`.
    pub fn of(
        policy: &str,
        from: &str,
        to: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Fingerprint {
        let mut h = Sha256::new();
        // Every part is length-prefixed, so no two different inputs give the same bytes; an absent
        // side is told apart from an empty text.
        let mut part = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        part(b"policydiff change 1");
        part(policy.as_bytes());
        part(from.as_bytes());
        part(to.as_bytes());
        // An identical clause (most of a large revision) has its words read once for both sides.
        let old_words = old.map(words);
        let new_words = match (old, new) {
            (Some(o), Some(n)) if o == n => None,
            _ => new.map(words),
        };
        let sides = [
            old_words.as_deref(),
            new_words
                .as_deref()
                .or(old_words.as_deref().filter(|_| new.is_some())),
        ];
        for side in sides {
            match side {
                Some(text) => {
                    part(b"+");
                    part(text.as_bytes());
                }
                None => part(b"-"),
            }
        }
        let digest = h.finalize();
        Fingerprint(crate::report::hex(&digest[..DIGITS / 2]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text as the fingerprint reads it: normalised, words separated by single spaces.
fn words(text: &str) -> Cow<'_, str> {
    match crate::ingest::normalized(text) {
        Cow::Borrowed(t) => single_spaced(t),
        Cow::Owned(t) => Cow::Owned(single_spaced(&t).into_owned()),
    }
}

/// The words of `text` (runs without Unicode white space) joined by single spaces, as
/// `split_whitespace` and `join(" ")` give them; borrowed when that is `text` itself.
///
/// A clause's text is single spaced already (the segmenter joins its lines so), and splitting and
/// joining every clause of both versions character by character was most of what fingerprinting
/// cost; checking that with a few vectorised byte searches is a fraction of it.
fn single_spaced(text: &str) -> Cow<'_, str> {
    if is_single_spaced(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether the only white space in `text` is single ASCII spaces between words.
fn is_single_spaced(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // ASCII white space other than the space is tab, line feed, vertical tab, form feed and return.
    if memchr::memchr3(b'\t', b'\n', b'\r', b).is_some()
        || memchr::memchr2(0x0B, 0x0C, b).is_some()
        || memchr::memmem::find(b, b"  ").is_some()
    {
        return false;
    }
    // White space beyond ASCII (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000) starts with one of
    // four lead bytes in UTF-8: only characters starting with those are decoded and tested.
    let white_at = |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace)
    };
    !(memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(white_at)
        || memchr::memchr_iter(0xE3, b).any(white_at))
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == DIGITS && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Fingerprint(s.to_string()))
        } else {
            Err(format!(
                "{s:?} is not a change fingerprint ({DIGITS} lower-case hexadecimal digits, as the \
                 reports print them)"
            ))
        }
    }
}

/// Checked as the text is read (not after, as `try_from` would), so that a parser that knows where it
/// is names the fingerprint's own line and column.
impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl de::Visitor<'_> for Text {
            type Value = Fingerprint;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a change fingerprint ({DIGITS} hexadecimal digits)")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Fingerprint, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Text)
    }
}

impl From<Fingerprint> for String {
    fn from(f: Fingerprint) -> String {
        f.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "Officers should record every stop.";
    const NEW: &str = "Officers shall record every stop.";

    fn fp(old: Option<&str>, new: Option<&str>) -> Fingerprint {
        Fingerprint::of("p", "v1", "v2", old, new)
    }

    /// Whether the change with these texts has the fingerprint of `OLD` -> `NEW`.
    #[track_caller]
    fn case(old: Option<&str>, new: Option<&str>, same: bool) {
        assert_eq!(
            fp(old, new) == fp(Some(OLD), Some(NEW)),
            same,
            "{old:?} -> {new:?}"
        );
    }

    #[test]
    fn only_the_words_decide() {
        case(Some(OLD), Some(NEW), true);
        // Layout the aligner also ignores: spacing, wrapped lines, curly quotes and odd spaces.
        case(
            Some("Officers  should\nrecord every stop. "),
            Some(NEW),
            true,
        );
        case(
            Some(OLD),
            Some("Officers\u{a0}shall record\tevery stop."),
            true,
        );
        // Any change of words, case or punctuation is another change.
        case(Some(OLD), Some("Officers shall record each stop."), false);
        case(Some(OLD), Some("officers shall record every stop."), false);
        case(Some(OLD), Some("Officers shall record every stop"), false);
        case(Some("Officers should record any stop."), Some(NEW), false);
        // The sides are not interchangeable, and an absent side is not an empty one.
        case(Some(NEW), Some(OLD), false);
        case(None, Some(NEW), false);
        assert_ne!(fp(None, Some(NEW)), fp(Some(""), Some(NEW)));
        assert_ne!(fp(Some(OLD), None), fp(None, Some(OLD)));
    }

    #[test]
    fn the_policy_and_both_labels_count() {
        let base = fp(Some(OLD), Some(NEW));
        for other in [
            Fingerprint::of("q", "v1", "v2", Some(OLD), Some(NEW)),
            Fingerprint::of("p", "v0", "v2", Some(OLD), Some(NEW)),
            Fingerprint::of("p", "v1", "v3", Some(OLD), Some(NEW)),
            // Length prefixes: moving a character from one part to the next is not the same input.
            Fingerprint::of("p", "v1v", "2", Some(OLD), Some(NEW)),
        ] {
            assert_ne!(base, other);
        }
    }

    /// Checking a text for single spacing gives what splitting and joining it gives.
    #[test]
    fn single_spacing_as_split_and_join() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a b",
            "a b ",
            "a  b",
            "a\nb",
            "a\u{0B}b",
            "a\u{A0}b",
            "a \u{2003}b",
            "\u{E9}t\u{E9} \u{4E2D}",
            "x\u{3000}",
            "\u{85}",
            "a\u{1680}b",
            "a\u{205F}b",
            "a\u{2028}",
            "\u{3000}a",
            "a\u{0C}b",
            "Stra\u{DF}e \u{E4}\u{F6} \u{2014} \u{30A2}",
            "a \u{A0}",
        ] {
            let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let got = single_spaced(text);
            assert_eq!(got, want, "{text:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), want == text, "{text:?}");
        }
    }

    #[track_caller]
    fn form(s: &str, ok: bool) {
        assert_eq!(s.parse::<Fingerprint>().is_ok(), ok, "{s:?}");
    }

    #[test]
    fn only_the_printed_form_parses() {
        let printed = fp(Some(OLD), Some(NEW)).to_string();
        assert_eq!(printed.len(), DIGITS);
        form(&printed, true);
        form("0123456789abcdef", true);
        form("0123456789ABCDEF", false);
        form("0123456789abcde", false);
        form("0123456789abcdef0", false);
        form("0123456789abcdeg", false);
        form(" 0123456789abcdef", false);
        form("", false);
    }
}
