//! Tokens in, tokens out: phrases the lexicon lists as meaning the same ("anyone", "any person") are
//! rewritten to one reading before a sentence is parsed, so that no rule sees a change between them.
//!
//! The rewritten words keep the whole phrase's place in the source, so a reason that quotes them quotes
//! the words as written.

use super::lexicon::Lexicon;
use super::text::Tok;

/// Rewrites every listed phrase to its group's first phrase. A phrase broken by punctuation is left as
/// it is: the matcher skips punctuation, and dropping a comma could join two list items.
pub fn canonical(toks: Vec<Tok>, lex: &Lexicon) -> Vec<Tok> {
    let hits = lex.same_meaning().scan(&toks);
    if hits.is_empty() {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut next = 0;
    for h in hits {
        let (Some(words), true) = (h.cues.first(), toks[h.start..h.end].iter().all(|t| t.word))
        else {
            continue;
        };
        out.extend_from_slice(&toks[next..h.start]);
        let span = toks[h.start].span.start..toks[h.end - 1].span.end;
        let quoted = toks[h.start].quoted;
        out.extend(words.iter().map(|w| Tok {
            norm: w.clone(),
            span: span.clone(),
            word: true,
            dollar: false,
            quoted,
        }));
        next = h.end;
    }
    out.extend_from_slice(&toks[next..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::text::tokenize;

    fn read(text: &str) -> String {
        canonical(tokenize(text), &Lexicon::builtin())
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn phrases_of_one_meaning_read_alike() {
        let cases = [
            ("Anyone may file", "Any person may file"),
            ("against anybody who", "against any person who"),
            ("No one shall", "No person shall"),
            ("threaten him to obtain", "threaten him in order to obtain"),
        ];
        for (a, b) in cases {
            assert_eq!(read(a), read(b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn rewritten_words_quote_the_phrase_as_written() {
        let text = "Anyone may file.";
        let toks = canonical(tokenize(text), &Lexicon::builtin());
        assert_eq!(&text[toks[0].span.clone()], "Anyone");
        assert_eq!(&text[toks[1].span.clone()], "Anyone");
    }

    #[test]
    fn a_user_lexicon_adds_its_own_groups() {
        let lex = Lexicon::with_user_yaml(
            "restyle:\n  same_meaning:\n    - [\"motor vehicle\", car, automobile]\n",
            std::path::Path::new("mine.yaml"),
        )
        .unwrap();
        let read = |text: &str| -> Vec<String> {
            canonical(tokenize(text), &lex)
                .iter()
                .map(|t| t.norm.to_string())
                .collect()
        };
        assert_eq!(read("tow the automobile"), read("tow the motor vehicle"));
        assert_eq!(read("tow the car"), read("tow the motor vehicle"));
    }

    #[test]
    fn a_phrase_broken_by_punctuation_is_left_alone() {
        assert_eq!(read("in order, to"), "in order , to");
    }
}
