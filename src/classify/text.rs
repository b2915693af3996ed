//! Clause text in, normalised tokens and sentences out, plus the changed runs ("hunks") between two
//! sentences.
//!
//! Tokens are lowercased words (a possessive "'s" dropped, so "officer's" matches "officer") and the
//! punctuation marks that matter for reading lists (`,` `;` `:`). Every token keeps its byte range in the
//! source so reasons can quote the words exactly as written.

use crate::segment::marker::{item, item_len, Reading};
use aho_corasick::AhoCorasick;
use compact_str::CompactString;
use rustc_hash::FxHashSet;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    /// Lowercased word, or the punctuation mark itself.
    pub norm: CompactString,
    /// Byte range in the source text.
    pub span: Range<usize>,
    /// False for punctuation.
    pub word: bool,
    /// Written right after a `$`.
    pub dollar: bool,
    /// Written inside a quotation (a defined term).
    pub quoted: bool,
}

/// Words that carry no force on their own: they never count as changed content.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "into",
    "onto", "and", "or", "nor", "but", "also", "that", "this", "these", "those", "it", "its", "is",
    "are", "be", "been", "was", "were", "which", "who", "whom", "whose", "there", "than", "so",
    "under", "any", "s", "such", "then", "about", "upon", "within", "their", "his", "her", "he",
    "she", "they", "them", "him", "i", "ii",
];

/// Asked for every token of every sentence read: a set, not a scan of the list.
static FUNCTION_WORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());

pub fn is_function_word(w: &str) -> bool {
    FUNCTION_WORD_SET.contains(w)
}

impl Tok {
    /// A word that carries meaning (not punctuation, not a function word).
    pub fn is_content(&self) -> bool {
        self.word && !is_function_word(&self.norm)
    }
}

fn inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',' | '/')
}

/// Splits text into tokens. A word runs over letters and digits and over `' - . , /` between them
/// ("body-worn", "5,000", "u.s", "300.5").
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    // Words are normalised into one buffer and copied into tokens that keep short words inline: a
    // large statute has a million of them, and one allocation each was most of reading it.
    let mut buf = String::new();
    scan(text, |t| {
        out.push(Tok {
            norm: match t.mark {
                Some(c) => CompactString::new(c.encode_utf8(&mut [0; 4])),
                None => {
                    buf.clear();
                    normalise_into(&text[t.span.clone()], &mut buf);
                    CompactString::new(&buf)
                }
            },
            span: t.span,
            word: t.mark.is_none(),
            dollar: t.dollar,
            quoted: t.quoted,
        })
    });
    keep_months(text, &mut out);
    unword_item_markers(text, &mut out);
    out
}

/// List items' markers ("(b)", "2.", "iv)") number the items and say nothing of their force, so they
/// are read as punctuation: numbering restyled ("(a) ...; (b) ..." -> "1. ... 2. ...") changes no word.
/// A marker counts when the text also holds its neighbour in the same style ("(a)" beside "(b)"): a
/// lone "subsection (b)" cites an item, it does not number one. "(b)" must stand apart ("5(b)"
/// cites), and "2." must open the text or follow a full stop, colon or semicolon ("at least 3." ends a
/// sentence).
fn unword_item_markers(text: &str, toks: &mut [Tok]) {
    let mut found: Vec<(usize, Vec<Reading>)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        // Most words are followed by neither mark: decide before parsing anything.
        if !t.word
            || t.norm.len() > 4
            || !matches!(text.as_bytes().get(t.span.end), Some(b')' | b'.'))
        {
            continue;
        }
        let enclosed = text[..t.span.start].ends_with('(');
        let from = t.span.start - usize::from(enclosed);
        let apart = from == 0 || text[..from].ends_with(char::is_whitespace);
        let lead = text[..from].trim_end();
        if !apart || !(enclosed || lead.is_empty() || lead.ends_with(['.', ';', ':'])) {
            continue;
        }
        if let Some(m) = item(&text[from..]).filter(|m| from + m.len > t.span.end) {
            found.push((i, m.readings));
        }
    }
    let neighbour = |a: &[Reading], b: &[Reading]| {
        a.iter().any(|r| {
            b.iter()
                .any(|o| o.style == r.style && o.value.abs_diff(r.value) == 1)
        })
    };
    for (i, readings) in &found {
        if found
            .iter()
            .any(|(j, other)| j != i && neighbour(readings, other))
        {
            toks[*i].word = false;
        }
    }
}

/// "May 25, 2018", "25 May 2018": a capitalised "May" beside a number is the month, not the modal.
/// Its token keeps the capital, so no phrase of the lexicon (all lower case) takes it for "may".
fn keep_months(text: &str, toks: &mut [Tok]) {
    let number = |t: Option<&Tok>| {
        t.is_some_and(|t| {
            (1..=4).contains(&t.norm.len()) && t.norm.bytes().all(|b| b.is_ascii_digit())
        })
    };
    for i in 0..toks.len() {
        if toks[i].norm == "may"
            && &text[toks[i].span.clone()] == "May"
            && (number(toks.get(i + 1)) || i.checked_sub(1).is_some_and(|p| number(toks.get(p))))
        {
            toks[i].norm = CompactString::new("May");
        }
    }
}

/// A sentence's words, normalised as [`tokenize`] does and joined by single spaces, without a leading
/// "and"/"but"/"or" left by cutting two norms apart: the key under which the same sentence is found
/// again elsewhere. Builds one string, not a token list, as it runs over whole documents.
pub fn sentence_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    sentence_key_into(text, &mut key);
    key
}

/// [`sentence_key`] written into `key` (cleared first), so a caller keying a whole document reuses
/// one buffer.
pub fn sentence_key_into(text: &str, key: &mut String) {
    key.clear();
    let mut first = true;
    scan(text, |t| {
        if t.mark.is_some() {
            return;
        }
        let start = key.len();
        if start > 0 {
            key.push(' ');
        }
        normalise_into(&text[t.span], key);
        if first && matches!(&key[start..], "and" | "but" | "or") {
            key.truncate(start);
        }
        first = false;
    });
}

/// One token found by [`scan`]: a word, or one of the marks `,` `;` `:`.
struct Scanned {
    span: Range<usize>,
    mark: Option<char>,
    dollar: bool,
    quoted: bool,
}

/// Walks the words and marks of `text` in order; the one place that decides where a word ends.
fn scan(text: &str, mut emit: impl FnMut(Scanned)) {
    let mut quoted = false;
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = pos + c.len_utf8();
            let mut last = c;
            while let Some(&(p, d)) = it.peek() {
                if d.is_alphanumeric() {
                    it.next();
                    end = p + d.len_utf8();
                    last = d;
                    continue;
                }
                if !inner_joiner(d) {
                    break;
                }
                // A joiner counts only with a letter or digit right after it, and a comma joins
                // digits only ("5,000"), never words ("name,address").
                let next = text[p + d.len_utf8()..].chars().next();
                let joins = next.is_some_and(|e| e.is_alphanumeric())
                    && (d != ','
                        || (last.is_ascii_digit() && next.is_some_and(|e| e.is_ascii_digit())));
                if !joins {
                    break;
                }
                it.next();
                last = d;
            }
            emit(Scanned {
                span: pos..end,
                mark: None,
                dollar: prev == Some('$'),
                quoted,
            });
            prev = Some(last);
            continue;
        }
        match c {
            '"' | '\u{201C}' | '\u{201D}' => quoted = c == '\u{201C}' || (c == '"' && !quoted),
            ',' | ';' | ':' => emit(Scanned {
                span: pos..pos + c.len_utf8(),
                mark: Some(c),
                dollar: false,
                quoted: false,
            }),
            _ => {}
        }
        prev = Some(c);
    }
}

/// A word normalised and appended to `out`: lowercase, a curly apostrophe made straight, a possessive
/// "'s" dropped. Most words are plain ASCII, which skips Unicode case mapping (a large statute has a
/// million words).
fn normalise_into(raw: &str, out: &mut String) {
    let start = out.len();
    if raw.is_ascii() {
        out.push_str(raw);
        out[start..].make_ascii_lowercase();
    } else if raw.as_bytes().contains(&0xCE) && raw.contains('\u{3A3}') {
        // A capital sigma lowercases by its place in the word, which only the whole-string mapping knows.
        // (Its UTF-8 form starts with 0xCE, and looking for one byte is the cheaper first test.)
        out.push_str(&raw.to_lowercase().replace('\u{2019}', "'"));
    } else {
        for c in raw.chars() {
            match c {
                '\u{2019}' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => crate::ingest::push_lowercase(c, out),
            }
        }
    }
    if out[start..].ends_with("'s") {
        out.truncate(out.len() - 2);
    }
}

/// Splits a clause into sentences (byte ranges). A full stop ends a sentence when a capital letter or
/// an opening quote follows, and the word before it is not an abbreviation ("U.S.", "Sec.").
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    // The three marks are ASCII, so their bytes are found without decoding the text around them.
    for pos in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
        let end = pos + 1;
        let after = &text[end..];
        if !after.starts_with(char::is_whitespace) {
            continue;
        }
        let next = after.trim_start();
        let Some(f) = next.chars().next() else {
            continue;
        };
        if !(f.is_uppercase() || f == '"' || f == '\u{201C}' || item_len(next).is_some()) {
            continue;
        }
        let word_before = text[..pos].rsplit(char::is_whitespace).next().unwrap_or("");
        // "U.S.", "No. 5", "Sec. 3" are abbreviations, but short words can end a sentence too.
        let short_word = ["it", "us", "do", "go", "up", "on", "in", "so", "me", "be"]
            .iter()
            .any(|w| word_before.eq_ignore_ascii_case(w));
        if word_before.contains('.') || (word_before.chars().count() <= 2 && !short_word) {
            continue;
        }
        push_sentence(text, start..end, &mut out);
        start = end;
    }
    push_sentence(text, start..text.len(), &mut out);
    out
}

/// Keeps a sentence without the list item's marker it opens with ("(b) The clerk shall ...", "2. The
/// clerk shall ..."): the
/// marker numbers the sentence and says nothing of its force.
fn push_sentence(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let body = text[r.clone()].trim_start();
    let start = item_len(body).map_or(r.start, |n| r.end - body.len() + n);
    if !text[start..r.end].trim().is_empty() {
        out.push(start..r.end);
    }
}

const MODAL_WORDS: &[&str] = &[
    "shall", "must", "may", "should", "will", "need", "cannot", "means",
];

/// Words that state a norm without a modal after "is", "are" or "be" ("are prohibited from").
const DEONTIC_PARTICIPLES: &[&str] = &[
    "prohibited",
    "required",
    "forbidden",
    "obliged",
    "obligated",
    "entitled",
    "permitted",
    "allowed",
    "authorized",
    "authorised",
];

/// The normalised words among `toks`, as a set (punctuation left out).
pub fn word_set<'a>(toks: impl IntoIterator<Item = &'a Tok>) -> HashSet<String> {
    toks.into_iter()
        .filter(|t| t.word)
        .map(|t| t.norm.to_string())
        .collect()
}

/// Modals that open a second norm straight after a bare "and" ("... and shall cover ..."); "need",
/// "cannot" and "means" are too often other words there.
const BARE_JOINT_MODALS: &[&str] = &["shall", "must", "may", "should", "will"];

/// Whether a normalised word is one of the modals a norm part is cut at.
pub fn is_modal_word(norm: &str) -> bool {
    MODAL_WORDS.contains(&norm)
}

/// Finds any modal word as a substring, in any case: a sentence without one has no modal token.
static MODAL_SCAN: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(MODAL_WORDS)
        .expect("the modal word list is a valid pattern set")
});

/// Splits a sentence that joins two norms ("..., and the agency shall accept ...", "...; staff may ...",
/// "... shall stop all grading and shall cover ...") into one part per norm. A comma or semicolon
/// followed by "and", "but" or "or" splits only when both sides have a modal of their own, so lists
/// inside one norm stay whole; a bare "and" splits only when a modal such as "shall" follows it at once.
pub fn norm_parts(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    norm_parts_read(text, range).0
}

/// [`norm_parts`], also handing back the sentence's tokens when it had to be tokenised and stayed
/// whole: they are what [`tokenize`] gives for that one part, so it need not be read twice.
pub fn norm_parts_read(text: &str, range: Range<usize>) -> (Vec<Range<usize>>, Option<Vec<Tok>>) {
    let Some(sentence) = text.get(range.clone()) else {
        return (vec![range], None);
    };
    // No cut without a joint and a modal on each side: most sentences of a long document are
    // settled by substring scans without tokenising them.
    let joint = memchr::memchr2(b',', b';', sentence.as_bytes()).is_some()
        || [" and ", " or ", " but "]
            .iter()
            .any(|c| sentence.contains(c));
    if !joint || !MODAL_SCAN.is_match(sentence) {
        return (vec![range], None);
    }
    let toks = tokenize(sentence);
    let modal_at = |i: usize| {
        toks.get(i)
            .is_some_and(|t| MODAL_WORDS.contains(&t.norm.as_str()))
    };
    let word_at = |i: usize, w: &[&str]| toks.get(i).is_some_and(|t| w.contains(&t.norm.as_str()));
    // "are prohibited from", "is entitled to", and a right granted ("has the right to").
    let stated_at = |i: usize| {
        (word_at(i, DEONTIC_PARTICIPLES) && i > 0 && word_at(i - 1, &["is", "are", "be"]))
            || (word_at(i, &["has", "have"])
                && word_at(i + 1, &["the", "a"])
                && word_at(i + 2, &["right"]))
    };
    // A comma or semicolon followed by "and", "but" or "or".
    let joined_at = |i: usize| {
        toks.get(i)
            .is_some_and(|t| !t.word && (t.norm == "," || t.norm == ";"))
            && toks
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "and" | "but" | "or"))
    };
    let mut cuts = Vec::new();
    let mut last_cut = 0;
    for (i, t) in toks.iter().enumerate() {
        // "... shall stop all grading and shall cover ...": a second modal right after a bare
        // conjunction starts a second norm, if some words stand between it and the first modal
        // ("may and shall" is one norm) and the first part ends on a word that carries meaning ("will
        // be binding upon and will inure to ..." shares its object).
        // Only "and" and a true modal: "or will be cancelled" states a consequence, and "manner and
        // means" is no definition.
        if t.word {
            let bare = t.norm == "and"
                && i > 0
                && toks[i - 1].is_content()
                && toks
                    .get(i + 1)
                    .is_some_and(|n| BARE_JOINT_MODALS.contains(&n.norm.as_str()))
                && (last_cut..i - 1).any(modal_at);
            if bare {
                cuts.push(t.span.start);
                last_cut = i;
            }
            continue;
        }
        // A semicolon joins norms on its own; a comma only with a conjunction after it.
        if !(joined_at(i) || t.norm == ";") {
            continue;
        }
        // The first norm may be stated without a modal ("Employees are prohibited from ...").
        let before = (last_cut..i).any(|k| modal_at(k) || stated_at(k));
        // After a semicolon the next norm may take a while to reach its modal.
        let reach = if t.norm == ";" {
            toks.len()
        } else {
            (i + 10).min(toks.len())
        };
        // The cut nearest the next modal: in "about birth, citizenship, or status, and shall not
        // record ..." the norm starts at ", and", not at ", or".
        let after = (i + 1..reach).take_while(|&k| !joined_at(k)).any(modal_at);
        if before && after {
            cuts.push(t.span.end);
            last_cut = i + 1;
        }
    }
    if cuts.is_empty() {
        return (vec![range], Some(toks));
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        out.push(range.start + start..range.start + c);
        start = c;
    }
    out.push(range.start + start..range.end);
    (out, None)
}

/// One changed run between two token lists: the old tokens deleted and the new ones inserted.
#[derive(Debug, Clone, PartialEq)]
pub struct Hunk {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// Aligns two token lists by a diff of their normalised forms and returns the changed runs. Case and
/// punctuation-spacing differences vanish because both sides are normalised first.
pub fn hunks(old: &[Tok], new: &[Tok]) -> Vec<Hunk> {
    let a: Vec<&str> = old.iter().map(|x| x.norm.as_str()).collect();
    let b: Vec<&str> = new.iter().map(|x| x.norm.as_str()).collect();
    crate::diff::changed_runs(&a, &b)
        .into_iter()
        .map(|(old, new)| Hunk { old, new })
        .collect()
}

/// The source words of a token range, as written.
pub fn quote(text: &str, toks: &[Tok], r: Range<usize>) -> String {
    let (Some(first), Some(last)) = (
        toks.get(r.start),
        r.end.checked_sub(1).and_then(|e| toks.get(e)),
    ) else {
        return String::new();
    };
    if first.span.start > last.span.end {
        return String::new();
    }
    let s = text
        .get(first.span.start..last.span.end)
        .unwrap_or_default()
        .trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace());
    shorten(s, 90)
}

/// Cuts long quotes in the middle of a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    // Only the first `max + 1` characters decide: the unexplained words of a long clause are never
    // counted to their end.
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s.to_string();
    };
    let cut = &s[..end];
    let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    format!("{cut} ...")
}

/// A crude stem, enough to see that "recordings", "recording" and "recorded" are one word, and that
/// "stopped" is "stop".
pub fn stem(w: &str) -> &str {
    let mut cur = w;
    'outer: loop {
        for suf in ["ing", "ion", "ed", "es", "s", "e"] {
            if let Some(s) = cur.strip_suffix(suf) {
                // "using" and "use" both come to "us". A noun in "-ion" keeps a stem of five letters
                // or more ("inspection", "deletion" are "inspected", "deleted"); "nation", "mission"
                // and "union" are words of their own.
                if s.len() >= if suf == "ion" { 5 } else { 2 } {
                    cur = s;
                    continue 'outer;
                }
            }
        }
        return undoubled(cur, w);
    }
}

/// "stopp" (of "stopped") is "stop": a consonant doubled before an ending. Not l, s, f or z, which
/// English doubles in the word itself ("filled", "passed", "staffed").
fn undoubled<'w>(stemmed: &'w str, word: &str) -> &'w str {
    let b = stemmed.as_bytes();
    let doubled = b.len() >= 4
        && stemmed.len() < word.len()
        && b[b.len() - 1] == b[b.len() - 2]
        && b[b.len() - 1].is_ascii_lowercase()
        && !matches!(
            b[b.len() - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'f' | b'z'
        );
    if doubled {
        &stemmed[..stemmed.len() - 1]
    } else {
        stemmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.norm.into()).collect()
    }

    /// The sentence key read off the token list, the slow way.
    fn key_from_tokens(s: &str) -> String {
        let words: Vec<String> = tokenize(s)
            .into_iter()
            .filter(|t| t.word)
            .map(|t| t.norm.into())
            .collect();
        let skip = usize::from(
            words
                .first()
                .is_some_and(|w| ["and", "but", "or"].contains(&w.as_str())),
        );
        words[skip..].join(" ")
    }

    #[test]
    fn function_words_are_exactly_the_list() {
        assert!(FUNCTION_WORDS.iter().all(|w| is_function_word(w)));
        for w in ["officer", "shall", "", "The", "thee", "an "] {
            assert!(!is_function_word(w), "{w:?}");
        }
    }

    #[test]
    fn sentence_key_equals_the_token_words() {
        let mut cases = vec![
            "and the Officer\u{2019}s report, filed: 5,000 \"copies\"".to_string(),
            "Or".to_string(),
            "".to_string(),
            "OR else, and".to_string(),
            "ΣΟΦΟΣ officer's".to_string(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("versions");
        for policy in std::fs::read_dir(root).unwrap() {
            for file in std::fs::read_dir(policy.unwrap().path())
                .into_iter()
                .flatten()
            {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap_or_default();
                cases.extend(text.lines().map(str::to_string));
            }
        }
        cases.push("Straße ÜBER Σοφός ΟΔΟΣ İstanbul officer\u{2019}s".to_string());
        assert!(cases.len() > 200);
        for c in &cases {
            let mut fast = String::new();
            for w in c.split_whitespace() {
                fast.clear();
                normalise_into(w, &mut fast);
                assert_eq!(fast, {
                    let mut slow = w.to_lowercase().replace('\u{2019}', "'");
                    if slow.ends_with("'s") {
                        slow.truncate(slow.len() - 2);
                    }
                    slow
                });
            }
        }
        for c in &cases {
            assert_eq!(sentence_key(c), key_from_tokens(c), "{c:?}");
        }
    }

    #[test]
    fn word_forms_share_a_stem() {
        let case = |a: &str, b: &str, same: bool| {
            assert_eq!(stem(a) == stem(b), same, "{a} {b}: {} {}", stem(a), stem(b));
        };
        case("using", "use", true);
        case("stopped", "stop", true);
        // A noun in "-ion" and its verb's participle.
        case("selection", "selected", true);
        case("inspections", "inspected", true);
        case("deletion", "deleted", true);
        // Short words in "-ion" are words of their own.
        case("mission", "missed", false);
        case("nation", "nated", false);
        case("union", "unite", false);
    }

    #[test]
    fn words_keep_inner_joiners_and_drop_possessives() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The officer's body-worn camera",
                &["the", "officer", "body-worn", "camera"],
            ),
            ("over $5,000, or", &["over", "5,000", ",", "or"]),
            ("U.S. Immigration", &["u.s", "immigration"]),
            ("ten (10) days' notice", &["ten", "10", "days", "notice"]),
            ("name,address", &["name", ",", "address"]),
        ];
        for (input, want) in cases {
            assert_eq!(norms(input), *want, "{input}");
        }
    }

    #[test]
    fn dollar_and_quote_flags() {
        let t = tokenize("\"Emergency\" means $25");
        assert!(t[0].quoted && !t[1].quoted);
        assert!(t[2].dollar);
    }

    #[test]
    fn sentences_split_on_full_stops_before_capitals_only() {
        let s = "Staff may act. For this purpose, U.S. Code applies. Done";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            parts,
            vec![
                "Staff may act.",
                " For this purpose, U.S. Code applies.",
                " Done"
            ]
        );
    }

    #[test]
    fn a_numbered_item_after_a_full_stop_starts_a_sentence_without_its_marker() {
        let s = "1. Staff shall lock the room. 2. Staff shall log the key. It weighs at least 3. Then stop.";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| s[r].trim()).collect();
        assert_eq!(
            parts,
            vec![
                "Staff shall lock the room.",
                "Staff shall log the key.",
                "It weighs at least 3. Then stop."
            ]
        );
    }

    #[test]
    fn markers_that_number_a_list_are_not_words() {
        let words = |s: &str| -> Vec<String> {
            tokenize(s)
                .into_iter()
                .filter(|t| t.word)
                .map(|t| t.norm.to_string())
                .collect()
        };
        let case = |s: &str, want: &[&str]| assert_eq!(words(s), want, "{s}");
        case("weigh (1) speed; (2) rain", &["weigh", "speed", "rain"]);
        case(
            "list: (i) a name; (ii) a date",
            &["list", "a", "name", "a", "date"],
        );
        case("1. Lock it. 2. Log it.", &["lock", "it", "log", "it"]);
        // A marker with no neighbour cites; one joined to a number is part of a citation.
        case(
            "as in subsection (b) here",
            &["as", "in", "subsection", "b", "here"],
        );
        case("under 5(a) and 5(b)", &["under", "5", "a", "and", "5", "b"]);
        // A figure ending a sentence is not an item's number.
        case(
            "at least 2. And 3. Then",
            &["at", "least", "2", "and", "3", "then"],
        );
    }

    #[test]
    fn a_lettered_item_after_a_full_stop_starts_a_sentence_without_its_marker() {
        let s =
            "Release. (a) A person shall get a copy. (b) The clerk shall keep one. See (c) below.";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| s[r].trim()).collect();
        assert_eq!(
            parts,
            vec![
                "Release.",
                "A person shall get a copy.",
                "The clerk shall keep one.",
                "See (c) below."
            ]
        );
    }

    #[test]
    fn two_norms_joined_by_and_are_split() {
        let s = "Any person may file a complaint, and the agency shall accept it. Staff shall log calls, texts, and emails.";
        let parts: Vec<&str> = sentences(s)
            .into_iter()
            .flat_map(|r| norm_parts(s, r))
            .map(|r| s[r].trim())
            .collect();
        assert_eq!(
            parts,
            vec![
                "Any person may file a complaint,",
                "and the agency shall accept it.",
                "Staff shall log calls, texts, and emails."
            ]
        );
    }

    /// One sentence cut into its norm parts, trimmed.
    fn parts_of(s: &str) -> Vec<&str> {
        norm_parts(s, 0..s.len())
            .into_iter()
            .map(|r| s[r].trim())
            .collect()
    }

    #[test]
    fn a_list_before_the_second_norm_stays_with_the_first() {
        let s = "Clerks shall not ask about a caller's age, address, or income, and shall not record the call.";
        assert_eq!(
            parts_of(s),
            vec![
                "Clerks shall not ask about a caller's age, address, or income,",
                "and shall not record the call."
            ]
        );
    }

    #[test]
    fn a_bare_and_before_a_modal_starts_a_second_norm() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The permittee shall stop all grading and shall cover every stockpile.",
                &[
                    "The permittee shall stop all grading",
                    "and shall cover every stockpile.",
                ],
            ),
            // The first part ends on a small word: the object is shared.
            (
                "This order will be binding upon and will benefit the parties.",
                &["This order will be binding upon and will benefit the parties."],
            ),
            // No word between the modals, "or" before a consequence, "means" as a noun.
            (
                "The agency may and shall publish the data.",
                &["The agency may and shall publish the data."],
            ),
            (
                "Credits must be used within a year or will be cancelled.",
                &["Credits must be used within a year or will be cancelled."],
            ),
            (
                "The vendor will choose the manner and means of the work.",
                &["The vendor will choose the manner and means of the work."],
            ),
        ];
        for (s, want) in cases {
            assert_eq!(parts_of(s), *want, "{s}");
        }
    }

    #[test]
    fn a_norm_stated_without_a_modal_can_be_cut_off() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Employees are prohibited from working unpaid, and supervisors shall not ask them to.",
                &["Employees are prohibited from working unpaid,", "and supervisors shall not ask them to."],
            ),
            // "required" here describes the forms; no norm stands before the comma.
            (
                "Send the forms required by law, and the clerk shall file them.",
                &["Send the forms required by law, and the clerk shall file them."],
            ),
        ];
        for (s, want) in cases {
            assert_eq!(parts_of(s), *want, "{s}");
        }
    }

    #[test]
    fn hunks_ignore_case_and_find_the_changed_words() {
        let a = tokenize("Contractors should record it.");
        let b = tokenize("contractors shall record it.");
        let h = hunks(&a, &b);
        assert_eq!(
            h,
            vec![Hunk {
                old: 1..2,
                new: 1..2
            }]
        );
    }
}
