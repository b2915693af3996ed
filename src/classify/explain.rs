//! The rules' reading of a change and the verdict weights in, a [`Verdict`] out: the direction is the
//! one the weights find most probable given the evidence and the confidence its calibrated
//! probability. The review flag is raised by the weights' thresholds for the kind of text, when strong
//! findings point both ways, or when a finding touches a definition, reference or threshold.

use super::rules::Finding;
use super::weigh::{self, Evidence, Weights};
use crate::model::{Direction, Reason, Verdict};

/// The reason of a verdict on text that differs in no content word, where no rule read anything.
const NO_CONTENT_CHANGE: &str = "No content word changed (only capitals, punctuation, spacing, word \
                                 forms or small words such as 'the' and 'of'), so the force is unchanged.";

/// A finding whose strength is closer to zero than this does not decide a verdict on its own.
const DECISIVE: f64 = 0.25;

/// What the rules read of one change: their findings, how many changed content words there were, how
/// many the findings explained, and the words none did (deleted, inserted).
#[derive(Debug, Default)]
pub struct Reading {
    pub findings: Vec<Finding>,
    pub changed: usize,
    pub explained: usize,
    pub unexplained: Option<(String, String)>,
    /// Whether the change's text is flat: no capitals or punctuation to read sentences by.
    pub flat: bool,
    /// The lexical evidence of the change (see [`super::weigh::cues`]).
    pub cues: Vec<(String, f64)>,
}

impl Reading {
    /// The evidence the verdict weights read.
    pub fn evidence(&self) -> Evidence {
        let mut lexical = self.cues.clone();
        // On punctuated text the rules speak through their sum; how far to trust it is evidence too:
        // how much of the change no rule read, whether findings point both ways, whether a rule asked
        // for a person. (On flat text each rule is weighed on its own, which carries the same.)
        if !self.flat {
            if self.changed > self.explained {
                let share = (self.changed - self.explained) as f64 / self.changed as f64;
                lexical.push(("rules:unexplained".into(), share));
            }
            if disagree(&self.findings) {
                lexical.push(("rules:conflict".into(), 1.0));
            }
            if self.findings.iter().any(|f| f.review) {
                lexical.push(("rules:review".into(), 1.0));
            }
        }
        Evidence::new(
            self.findings.iter().map(|f| (f.rule, f.weight)),
            self.flat,
            lexical,
        )
    }
}

/// Whether some finding argues each way.
fn disagree(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.weight > 0.2) && findings.iter().any(|f| f.weight < -0.2)
}

/// How a reading weighs out.
pub fn verdict(reading: Reading, weights: &Weights) -> Verdict {
    let evidence = reading.evidence();
    let probabilities = weights.probabilities(&evidence);
    let direction = weigh::argmax(probabilities);
    let Reading {
        mut findings,
        changed,
        explained,
        unexplained,
        flat: reading_flat,
        ..
    } = reading;
    let coverage = if changed == 0 {
        1.0
    } else {
        explained as f64 / changed as f64
    };
    let decisive = findings.iter().any(|f| f.weight.abs() >= DECISIVE);
    // Whether some rule's finding argues for the verdict, so its reason says why.
    let argued = findings
        .iter()
        .any(|f| Direction::from_weight(f.weight) == direction);
    // Words no rule read: say so, quoting them, rather than pass over them in silence.
    if let Some((d, i)) = unexplained {
        if !decisive && coverage < 1.0 {
            let change = match (d.is_empty(), i.is_empty()) {
                (true, _) => format!("'{i}' was added"),
                (_, true) => format!("'{d}' was deleted"),
                _ => format!("'{d}' became '{i}'"),
            };
            // The weights have weighed those words, and their probability says whether a person
            // should look.
            findings.push(
                Finding::new(
                    "unexplained",
                    0.0,
                    format!("{change}: no rule recognises this edit as changing the force; the verdict weighs its words."),
                )
                .quoting(Some(d), Some(i)),
            );
        }
    }
    let p = probabilities[weigh::DIRECTIONS
        .iter()
        .position(|&d| d == direction)
        .unwrap_or(2)];
    let asked = findings.iter().any(|f| f.review);
    let text = weigh::Text::of(reading_flat);
    // The confidence is the weights' probability of the verdict, calibrated on held-out verdicts. A
    // person looks when it is low, when the opposite direction is nearly as likely, when strong
    // findings point both ways, or when a rule asked for a person (a changed definition or
    // cross-reference: say so rather than guess).
    let strong = weights.conflict_at();
    let conflict =
        findings.iter().any(|f| f.weight >= strong) && findings.iter().any(|f| f.weight <= -strong);
    let needs_review = weights.review(text).flags(probabilities) || conflict || asked;
    let confidence = (p.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    // Strongest evidence first; ties keep rule order.
    findings.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    // Where no rule argues for the verdict (the weights read the words, or weighed the rules'
    // findings the other way), the first reason says what weighed most. A change of no content
    // word has its own reason below.
    let weighed = (!argued && (changed > 0 || !findings.is_empty()))
        .then(|| weighed_reason(weights, &evidence, direction, p))
        .flatten();
    let mut reasons: Vec<Reason> = weighed
        .into_iter()
        .chain(findings.into_iter().map(|f| Reason {
            rule: f.rule.to_string(),
            effect: Direction::from_weight(f.weight),
            weight: f.weight,
            deleted: f.deleted,
            inserted: f.inserted,
            explanation: f.explanation,
        }))
        .collect();
    // Text that visibly differs is never called unchanged without a word of why; here no rule read
    // anything and no content word changed, which is the reason.
    if reasons.is_empty() && changed == 0 && direction == Direction::Unchanged {
        reasons.push(Reason {
            explanation: NO_CONTENT_CHANGE.into(),
            ..Reason::named("no-content-change", Direction::Unchanged)
        });
    }
    Verdict {
        direction,
        confidence,
        needs_review,
        reasons,
    }
}

/// Words shorter than this are not named in a weighed reason.
const SHORT_WORD: usize = 3;

/// How many of the evidence's largest pushes a weighed reason names.
const WEIGHED_NAMED: usize = 3;

/// One plain reason naming the evidence that pushed the verdict most, with its probability.
fn weighed_reason(weights: &Weights, ev: &Evidence, d: Direction, p: f64) -> Option<Reason> {
    let mut parts: Vec<String> = Vec::new();
    for part in weights
        .leaning(ev, d)
        .into_iter()
        .filter_map(|(name, _)| plain(name))
    {
        if !parts.contains(&part) {
            parts.push(part);
        }
        if parts.len() == WEIGHED_NAMED {
            break;
        }
    }
    let (last, rest) = parts.split_last()?;
    let list = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(Reason {
        rule: "weighed".into(),
        effect: d,
        weight: 0.0,
        deleted: None,
        inserted: None,
        explanation: format!(
            "Weighed by fitted weights: {list} weighed most towards {} ({:.0}% likely).",
            d.as_str(),
            100.0 * p
        ),
    })
}

/// A feature's name in words, or `None` for one that says nothing a reader can check.
fn plain(name: &str) -> Option<String> {
    let name = name.strip_prefix("flat:").unwrap_or(name);
    let (kind, rest) = name.split_once(':')?;
    Some(match kind {
        "word" => match rest.split_at(1) {
            // Two-letter words ('of', 'to', 'by') tell a reader nothing about the change; 'may',
            // 'not', 'and' and 'any' can.
            (_, w) if w.chars().count() < SHORT_WORD => return None,
            ("+", w) => format!("'{w}' added"),
            (_, w) => format!("'{w}' deleted"),
        },
        "cue" => {
            let (group, side) = rest.rsplit_once(':')?;
            let side = if side == "added" { "added" } else { "deleted" };
            format!("{} wording {side}", group.replace('-', " "))
        }
        "argues" | "fired" => format!("the {} finding", rest.replace('-', " ")),
        "rules" => "the rules' reading".to_string(),
        "edit" => format!("a clause {rest}"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weights whose workings a reader can follow: the rules' sum for or against, unchanged when
    /// they sum to nothing, and words no rule read towards unchanged.
    fn weights() -> Weights {
        let mut w = std::collections::BTreeMap::new();
        w.insert("rules:net".to_string(), [1.0, -1.0, 0.0]);
        w.insert("rules:unchanged".to_string(), [0.0, 0.0, 2.0]);
        w.insert("rules:unexplained".to_string(), [0.0, 0.0, 1.0]);
        let review = weigh::Review {
            below: 0.6,
            opposite: 1.0,
        };
        Weights::from_parts("test", 1.0, review, [0.0; 3], w)
    }

    fn verdict(
        findings: Vec<Finding>,
        changed: usize,
        explained: usize,
        unexplained: Option<(String, String)>,
    ) -> Verdict {
        let reading = Reading {
            findings,
            changed,
            explained,
            unexplained,
            flat: false,
            cues: Vec::new(),
        };
        super::verdict(reading, &weights())
    }

    fn f(rule: &'static str, weight: f64) -> Finding {
        Finding::new(rule, weight, format!("{rule} fired"))
            .quoting(Some("a".into()), Some("b".into()))
    }

    struct Case {
        findings: Vec<Finding>,
        changed: usize,
        explained: usize,
        direction: Direction,
        review: bool,
    }

    fn case(
        findings: Vec<Finding>,
        changed: usize,
        explained: usize,
        direction: Direction,
        review: bool,
    ) -> Case {
        Case {
            findings,
            changed,
            explained,
            direction,
            review,
        }
    }

    #[test]
    fn direction_confidence_and_review() {
        use Direction::*;
        let cases = [
            // Net 2: scores [2, -2, 0], p = 0.87.
            case(vec![f("modal-upgrade", 2.0)], 2, 2, Strengthened, false),
            case(vec![f("modal-downgrade", -3.0)], 2, 2, Weakened, false),
            // Opposite signs are weighed: net 1, p = 0.67, over the threshold.
            case(
                vec![f("modal-upgrade", 2.0), f("exception-added", -1.0)],
                4,
                4,
                Strengthened,
                false,
            ),
            // Whole norms both ways cancel out, and a person looks.
            case(
                vec![f("norm-added", 2.0), f("norm-removed", -2.0)],
                4,
                4,
                Unchanged,
                true,
            ),
            // Most of the changed words unread: [1, -1, 0.8], p = 0.51, under the threshold.
            case(vec![f("modal-upgrade", 1.0)], 10, 2, Strengthened, true),
            case(vec![f("same-tier", 0.0)], 2, 2, Unchanged, false),
            // A rule that asks for a person is heard whatever the probability.
            case(
                vec![f("definition-changed", 0.0).flagged()],
                2,
                2,
                Unchanged,
                true,
            ),
            case(vec![], 0, 0, Unchanged, false),
        ];
        for (i, c) in cases.into_iter().enumerate() {
            let v = verdict(c.findings, c.changed, c.explained, None);
            assert_eq!(
                (v.direction, v.needs_review),
                (c.direction, c.review),
                "case {i}: {v:?}"
            );
            assert!((0.0..=1.0).contains(&v.confidence), "case {i}");
        }
    }

    #[test]
    fn unexplained_edits_get_a_quoting_reason() {
        let v = verdict(vec![], 3, 0, Some(("old words".into(), "new words".into())));
        assert_eq!(v.direction, Direction::Unchanged);
        let rules: Vec<&str> = v.reasons.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(rules, ["weighed", "unexplained"], "{v:?}");
        assert!(v.reasons[1]
            .explanation
            .contains("'old words' became 'new words'"));
    }

    #[test]
    fn words_no_rule_read_lower_the_confidence_as_the_weights_say() {
        let full = verdict(vec![f("modal-upgrade", 3.0)], 4, 4, None).confidence;
        let part = verdict(vec![f("modal-upgrade", 3.0)], 4, 2, None).confidence;
        assert!(part < full, "{part} < {full}");
    }

    #[test]
    fn features_in_plain_words() {
        assert_eq!(
            plain("flat:word:+consent").as_deref(),
            Some("'consent' added")
        );
        assert_eq!(plain("word:-may").as_deref(), Some("'may' deleted"));
        assert_eq!(
            plain("flat:cue:no-obligation:added").as_deref(),
            Some("no obligation wording added")
        );
        assert_eq!(
            plain("argues:exception-added").as_deref(),
            Some("the exception added finding")
        );
        assert_eq!(plain("edit:removed").as_deref(), Some("a clause removed"));
        assert_eq!(plain("size:added"), None);
        assert_eq!(plain("flat:word:+of"), None);
        assert_eq!(plain("flat:word:+not").as_deref(), Some("'not' added"));
    }

    #[test]
    fn calibrated_weights_give_their_probability_as_the_confidence() {
        let mut w = std::collections::BTreeMap::new();
        w.insert("rules:net".to_string(), [1.0, -1.0, 0.0]);
        let weights = Weights::from_parts("test", 1.0, weigh::Review::below(0.7), [0.0; 3], w);
        let read = |findings: Vec<Finding>| {
            let reading = Reading {
                findings,
                changed: 4,
                explained: 1,
                ..Reading::default()
            };
            super::verdict(reading, &weights)
        };
        // Net 2: scores [2, -2, 0], so p = e^2 / (e^2 + e^-2 + 1) = 0.87, over the threshold; the
        // coverage of a quarter no longer flags it.
        let v = read(vec![f("modal-upgrade", 2.0)]);
        assert_eq!(
            (v.direction, v.confidence, v.needs_review),
            (Direction::Strengthened, 0.87, false)
        );
        // Net 0.5: p = e^0.5 / (e^0.5 + e^-0.5 + 1) = 0.51, under 0.7: flagged.
        let v = read(vec![f("modal-upgrade", 0.5)]);
        assert_eq!(
            (v.direction, v.confidence, v.needs_review),
            (Direction::Strengthened, 0.51, true)
        );
        // Findings of at least conflict_at (2 by default) both ways are flagged whatever the
        // probability; a weaker finding the other way is only weighed.
        let v = read(vec![f("norm-added", 4.0), f("norm-removed", -2.0)]);
        assert!(v.confidence > 0.7 && v.needs_review, "{v:?}");
        let v = read(vec![f("norm-added", 4.0), f("exception-added", -1.0)]);
        assert!(v.confidence > 0.7 && !v.needs_review, "{v:?}");
    }
}
