//! Who a policy binds, as its manifest (or `--regulated`) names it, in; a lexicon that reads those
//! names as the regulated party out.
//!
//! The built-in lexicon guesses parties by role (officers and landlords are bound, tenants and
//! passengers are protected). A user who says who the policy binds knows better for that policy: a
//! name they give is read as the regulated party even where the lexicon would read it as the public
//! ("students" in a student conduct code) or as either ("employees" in a code of conduct for staff).
//! Parties the user does not name keep the lexicon's reading, so a policy binding "officers and the
//! agency" still reads its supervisors as bound and its passengers as protected. The reader a text
//! speaks to ("you", the lexicon's `parties.addressee`) is protected unless named among the bound.

use super::lexicon::{Lexicon, Spec};
use super::text::tokenize;

impl Lexicon {
    /// This lexicon with the parties named in `regulated` ("officers and the agency", "the landlord,
    /// its agents") read as the regulated party. The names are split at commas, semicolons, slashes,
    /// "and" and "or", and read without the determiners the lexicon lists (`parties.determiners`);
    /// each is taken in its singular and plural form.
    pub fn naming_regulated(&self, regulated: &str) -> Lexicon {
        let names = names(regulated, self.spec());
        if names.is_empty() {
            return self.clone();
        }
        let mut p = self.spec().parties.clone();
        for name in &names {
            let same = |x: &String| x.to_lowercase() == *name;
            p.public.retain(|x| !same(x));
            p.either.retain(|x| !same(x));
            if !p.regulated.iter().any(same) {
                p.regulated.push(name.clone());
            }
        }
        // Terms that bind "GitHub" speak to its customers as "you": a reader the user did not name
        // among the bound is one the policy protects.
        for word in std::mem::take(&mut p.addressee) {
            if !names.contains(&word.to_lowercase()) && !p.public.contains(&word) {
                p.public.push(word);
            }
        }
        self.with_parties(p)
    }
}

/// The party names in a manifest's `regulated` phrase, lowercased, with both numbers of each noun.
fn names(regulated: &str, spec: &Spec) -> Vec<String> {
    let determiners = &spec.parties.determiners;
    let mut out: Vec<String> = Vec::new();
    for part in regulated.split([',', ';', '/', '&']) {
        let words: Vec<String> = tokenize(part)
            .into_iter()
            .filter(|t| t.word)
            .map(|t| t.norm.to_string())
            .collect();
        for name in words.split(|w| w == "and" || w == "or") {
            let start = name
                .iter()
                .position(|w| !determiners.contains(w))
                .unwrap_or(name.len());
            let name = &name[start..];
            if name.is_empty() {
                continue;
            }
            for form in numbers(name) {
                if !out.contains(&form) {
                    out.push(form);
                }
            }
        }
    }
    out
}

/// A name as given and with its last word in the other grammatical number ("agency" and "agencies",
/// "officers" and "officer"), since the lexicon lists each form it matches.
fn numbers(name: &[String]) -> Vec<String> {
    let (last, head) = name.split_last().expect("a name has a word");
    let other = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = last.strip_suffix('y').filter(|s| !s.ends_with(VOWELS)) {
        format!("{stem}ies")
    } else if let Some(stem) = last.strip_suffix("es").filter(|s| sibilant(s)) {
        stem.to_string()
    } else if sibilant(last) {
        format!("{last}es")
    } else if let Some(stem) = last.strip_suffix('s').filter(|s| s.len() > 2) {
        stem.to_string()
    } else {
        format!("{last}s")
    };
    let join = |last: &str| {
        let mut words: Vec<&str> = head.iter().map(String::as_str).collect();
        words.push(last);
        words.join(" ")
    };
    vec![join(last), join(&other)]
}

const VOWELS: [char; 5] = ['a', 'e', 'i', 'o', 'u'];

/// Whether a noun takes "-es" in the plural ("boxes", "witnesses", "churches").
fn sibilant(word: &str) -> bool {
    ["ss", "sh", "ch", "x"].iter().any(|e| word.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::lexicon::PartyCue;

    fn case(regulated: &str, expected: &[&str]) {
        let spec = Lexicon::builtin().spec().clone();
        assert_eq!(names(regulated, &spec), expected, "{regulated:?}");
    }

    #[test]
    fn names_are_split_and_read_without_determiners() {
        case(
            "officers and the agency",
            &["officers", "officer", "agency", "agencies"],
        );
        case(
            "The landlord, its agents",
            &["landlord", "landlords", "agents", "agent"],
        );
        case(
            "each school / district",
            &["school", "schools", "district", "districts"],
        );
        case(
            "the board of health",
            &["board of health", "board of healths"],
        );
        case(
            "bus companies or taxes",
            &["bus companies", "bus company", "taxes", "tax"],
        );
        case("the", &[]);
    }

    fn reads(lex: &Lexicon, word: &str) -> Option<PartyCue> {
        let hits = lex.parties().scan(&tokenize(word));
        hits.first().and_then(|h| h.cues.first().copied())
    }

    #[test]
    fn a_named_party_is_read_as_regulated_and_others_keep_their_reading() {
        let lex = Lexicon::builtin();
        assert_eq!(reads(&lex, "students"), Some(PartyCue::Public));
        assert_eq!(reads(&lex, "employee"), Some(PartyCue::Either));
        let named = lex.naming_regulated("students and employees");
        assert_eq!(reads(&named, "students"), Some(PartyCue::Regulated));
        assert_eq!(reads(&named, "student"), Some(PartyCue::Regulated));
        assert_eq!(reads(&named, "employee"), Some(PartyCue::Regulated));
        assert_eq!(reads(&named, "passengers"), Some(PartyCue::Public));
        assert_eq!(reads(&named, "officers"), Some(PartyCue::Regulated));
    }

    #[test]
    fn the_reader_addressed_is_protected_unless_named_among_the_bound() {
        let lex = Lexicon::builtin();
        assert_eq!(reads(&lex, "you"), None);
        let terms = lex.naming_regulated("the company");
        assert_eq!(reads(&terms, "you"), Some(PartyCue::Public));
        assert_eq!(reads(&terms, "company"), Some(PartyCue::Regulated));
        let manual = lex.naming_regulated("you and your supervisor");
        assert_eq!(reads(&manual, "you"), Some(PartyCue::Regulated));
    }
}
