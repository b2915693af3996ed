//! `conform.yaml` in (compiled in), the words and thresholds conformance reads out: when a local clause
//! adopts the model by reference, when a reason says a local clause reverses the model's, and how much
//! of the model a local file must carry to count as a version of it.

use crate::model::{Direction, Reason};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in conformance knowledge, as shipped.
pub const BUILTIN_YAML: &str = include_str!("conform.yaml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    pub by_reference: ByReference,
    /// Rule name -> how far below zero a reason of that rule must weigh to reverse the clause.
    pub opposite: BTreeMap<String, f64>,
    pub min_matched_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByReference {
    pub adopts: Vec<String>,
    pub whole: Vec<String>,
    pub names_model: Vec<String>,
}

impl Knowledge {
    /// The built-in knowledge. The file is part of the program, so a syntax error in it is a bug
    /// caught by the unit tests, never a user's problem.
    pub fn builtin() -> &'static Knowledge {
        static K: OnceLock<Knowledge> = OnceLock::new();
        K.get_or_init(|| {
            serde_yaml::from_str(BUILTIN_YAML).expect("the built-in conform.yaml parses")
        })
    }

    /// Whether a clause adopts the model whole: it holds a word of each list.
    pub fn adopts_by_reference(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let has = |words: &[String]| words.iter().any(|w| contains_words(&lower, w));
        let b = &self.by_reference;
        has(&b.adopts) && has(&b.whole) && has(&b.names_model)
    }

    /// Whether one of the reasons says the local clause reverses the model clause's force.
    pub fn reverses(&self, reasons: &[Reason]) -> bool {
        reasons.iter().any(|r| {
            r.effect == Direction::Weakened
                && self
                    .opposite
                    .get(&r.rule)
                    .is_some_and(|&at_least| r.weight <= -at_least)
        })
    }
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_words(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(phrase).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + phrase.len()).copied();
        let boundary = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        boundary(before) && boundary(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, want: bool) {
        assert_eq!(
            Knowledge::builtin().adopts_by_reference(text),
            want,
            "{text}"
        );
    }

    #[test]
    fn adoption_by_reference() {
        case(
            "The Department adopts the Council's model policy, as revised in 2024, as written.",
            true,
        );
        case(
            "The model policy is incorporated into this manual by reference.",
            true,
        );
        case("The Department adopts this policy as written.", false);
        case("Officers shall follow the model policy.", false);
        case("The readopted model policy applies as written.", false);
    }

    #[track_caller]
    fn reverses(rule: &str, weight: f64, want: bool) {
        let r = Reason {
            weight,
            ..Reason::named(rule, Direction::from_weight(weight))
        };
        assert_eq!(Knowledge::builtin().reverses(&[r]), want, "{rule} {weight}");
    }

    #[test]
    fn reversal_needs_the_whole_force_gone() {
        reverses("modal-downgrade", -3.0, true);
        reverses("modal-downgrade", -2.0, false);
        reverses("intrusive-power", -2.0, true);
        reverses("intrusive-power", -1.0, false);
        reverses("exception-added", -3.0, false);
        reverses("modal-upgrade", 3.0, false);
    }
}
