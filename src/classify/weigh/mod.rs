//! The rules' findings in, named evidence out; evidence and a weights file in, a probability for each
//! direction out.
//!
//! No rule decides a verdict. Each finding becomes evidence with a name a person can read: what the
//! rule argues (`argues:<rule>`, its signed strength, positive for strengthened) and that it fired at
//! all (`fired:<rule>`). A multinomial logistic model turns the evidence into a score per direction
//! (`bias + sum of value x weight`) and, through a softmax at the file's temperature, a probability per
//! direction. The weights live in `weights.yaml` beside the lexicon (compiled in, printed by
//! `policydiff weights`), or in a user's file given with `--weights` or a manifest's `weights:`.

use crate::model::Direction;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub mod cues;
pub mod fit;

/// The built-in weights, printed by `policydiff weights`.
pub const BUILTIN_YAML: &str = include_str!("../weights.yaml");
/// The same file as JSON, written by the build script.
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/weights.json"));

/// What a weights file holds, written at the top of every file `policydiff train` writes.
const FORMAT: &str = "\
# Verdict weights: how policydiff weighs the evidence its rules and word lists report. Written by
# `policydiff train`; `policydiff weights` prints the built-in file.
#
# Each change's evidence is a set of named features:
#   argues:RULE        the signed strength of what RULE found (positive argues strengthened)
#   fired:RULE         1 when RULE found anything, whatever it argued
#   rules:net          the rules' strengths summed (capped at 3 either way)
#   rules:DIRECTION    1 for the direction the summed strengths give on their own
#   rules:unexplained  the share of the changed words no rule read (punctuated text)
#   rules:conflict     1 when findings argue both ways; rules:review 1 when a rule asked for a person
#   word:+WORD         1 when the change adds WORD (word:-WORD: deletes it)
#   pair:+A_B          1 when the added words, read with their neighbours, hold A then B (flat text;
#                      A, B and the WORD of word: are stems: 'officers' is 'officer')
#   cue:GROUP:added    how often the lexicon's GROUP phrases stand in the added words (log of 1 + count);
#                      cue:GROUP:deleted the same for the deleted words
#   edit:added|removed|modified, size:added|deleted (log of 1 + the number of changed words)
# Every feature carries a `flat:` prefix when the text is flat (lower case, no punctuation), where the
# rules cannot tell sentences apart and their reading is a guess, so flat text is weighed apart. On
# punctuated text the rules speak through their sum (rules:net, rules:DIRECTION) and the words and cues
# count only where no rule explained them.
#
# The score of each direction is its bias plus, for every feature, value x weight. The probabilities are a
# softmax of the scores divided by the temperature of the kind of text (`calibration`), chosen on
# held-out verdicts; the verdict is the most probable direction and the confidence its probability. A
# verdict goes to a person when its probability is below the kind's review_below, when it is
# strengthened or weakened and the opposite direction is at least review_opposite likely, when two
# findings of at least conflict_at point opposite ways (a whole duty added and another deleted, say), or
# when a rule asks for a person (a changed definition or cross-reference). A feature not listed here
# weighs nothing.
";

/// Every rule that reports findings, by the name its reasons carry. A weights file may only name
/// features of these rules, so a misspelt name is an error rather than a weight that never applies.
pub const RULES: &[&str] = &[
    "ban-unless-equals-may-only-if",
    "bar-lowered",
    "bar-raised",
    "booster-added",
    "booster-removed",
    "bound-narrowed",
    "bound-widened",
    "condition-added",
    "condition-removed",
    "cross-reference",
    "definition-added",
    "definition-changed",
    "definition-loosened",
    "definition-removed",
    "definition-tightened",
    "duty-reversed",
    "emphasis-only",
    "exception-added",
    "exception-removed",
    "gate-added",
    "gate-removed",
    "gender-neutral",
    "hedge-added",
    "hedge-removed",
    "intrusive-power",
    "merged-piece",
    "modal-downgrade",
    "modal-same-force",
    "modal-upgrade",
    "moved-sentence",
    "non-normative",
    "norm-added",
    "norm-removed",
    "number-loosened",
    "number-restyled",
    "number-tightened",
    "party-renamed",
    "permission-added",
    "permission-removed",
    "power-added",
    "power-removed",
    "qualifier-added",
    "qualifier-removed",
    "reference-spelt-out",
    "reordered",
    "resentenced",
    "safeguard-added",
    "safeguard-removed",
    "same-tier",
    "scope-loosened",
    "scope-reworded",
    "scope-tightened",
    "spelling",
    "split-piece",
    "statement-added",
    "statement-removed",
    "threshold-changed",
    "threshold-loosened",
    "threshold-tightened",
    "timing-loosened",
    "timing-restyled",
    "timing-tightened",
    "unexplained",
];

/// The kinds of evidence a finding gives, as the prefix of a feature's name.
const KINDS: &[&str] = &["argues", "fired"];

/// Whether `name` is a feature the evidence can hold: the rules' evidence (`argues:RULE`,
/// `fired:RULE`, `rules:net`, `rules:DIRECTION`), the changed words (`word:+WORD`, `word:-WORD`), the
/// cue groups of the built-in lexicon (`cue:GROUP:added`, `cue:GROUP:deleted`), the kind of edit
/// (`edit:added|removed|modified`) and its size (`size:added|deleted`); each with a `flat:` prefix
/// when the change's text is flat.
pub fn is_feature(name: &str) -> bool {
    let Some((kind, rest)) = name.split_once(':') else {
        return false;
    };
    let side = |s: &str| ["added", "deleted"].contains(&s);
    match kind {
        "flat" => !rest.starts_with("flat:") && is_feature(rest),
        "edit" => ["added", "removed", "modified"].contains(&rest),
        "size" => side(rest),
        "cue" => rest.rsplit_once(':').is_some_and(|(group, s)| {
            side(s)
                && crate::classify::Lexicon::builtin()
                    .cue_groups()
                    .names()
                    .iter()
                    .any(|g| g == group)
        }),
        "rules" => {
            ["net", "unexplained", "conflict", "review"].contains(&rest)
                || DIRECTIONS.iter().any(|d| d.as_str() == rest)
        }
        "word" => rest.strip_prefix(['+', '-']).is_some_and(plain_word),
        "pair" => rest
            .strip_prefix(['+', '-'])
            .and_then(|p| p.split_once('_'))
            .is_some_and(|(a, b)| plain_word(a) && plain_word(b)),
        _ => KINDS.contains(&kind) && RULES.contains(&rest),
    }
}

fn plain_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() && !c.is_uppercase())
}

/// The rules' summed strength counts up to this much either way: beyond it, more findings the same way
/// add no more certainty.
const NET_CAP: f64 = 3.0;

/// A summed strength closer to zero than this is the rules' own "unchanged".
const NEUTRAL_BAND: f64 = 0.25;

/// What the model reads of one change: feature names and their values, sorted by name, each once,
/// and the kind of text they were read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub features: Vec<(String, f64)>,
    pub text: Text,
}

impl Evidence {
    /// The evidence of the rules' findings (each its rule and signed strength) on text that is flat or
    /// not, with the lexical evidence of the change (see [`cues`]).
    pub fn new<'a>(
        findings: impl IntoIterator<Item = (&'a str, f64)>,
        flat: bool,
        lexical: Vec<(String, f64)>,
    ) -> Evidence {
        let pre = if flat { "flat:" } else { "" };
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        let mut net = 0.0;
        for (rule, weight) in findings {
            // On punctuated text each rule's sign is its reading of the language, and a few hundred
            // rated clauses are too few to weigh sixty rules apart without flipping some: there the
            // rules speak through their sum. On flat text their reading is a guess whose worth per
            // rule is learnt from rated amendments.
            if flat {
                *sums.entry(format!("{pre}argues:{rule}")).or_default() += weight;
                sums.insert(format!("{pre}fired:{rule}"), 1.0);
            }
            net += weight;
        }
        let rules = if net >= NEUTRAL_BAND {
            Direction::Strengthened
        } else if net <= -NEUTRAL_BAND {
            Direction::Weakened
        } else {
            Direction::Unchanged
        };
        sums.insert(format!("{pre}rules:{}", rules.as_str()), 1.0);
        if net != 0.0 {
            sums.insert(format!("{pre}rules:net"), net.clamp(-NET_CAP, NET_CAP));
        }
        sums.extend(lexical);
        Evidence {
            features: sums.into_iter().collect(),
            text: Text::of(flat),
        }
    }

    /// The evidence of findings alone, on punctuated text.
    pub fn of<'a>(findings: impl IntoIterator<Item = (&'a str, f64)>) -> Evidence {
        Evidence::new(findings, false, Vec::new())
    }
}

/// One number per direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PerLabel {
    pub strengthened: f64,
    pub weakened: f64,
    pub unchanged: f64,
}

impl PerLabel {
    fn get(&self) -> [f64; 3] {
        [self.strengthened, self.weakened, self.unchanged]
    }
}

/// The directions in the order of [`PerLabel::get`] and of every probability triple.
pub const DIRECTIONS: [Direction; 3] = [
    Direction::Strengthened,
    Direction::Weakened,
    Direction::Unchanged,
];

/// A feature name as a key of `weights:`, checked while the file is read so an unknown one is
/// reported at its line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FeatureName(String);

impl<'de> Deserialize<'de> for FeatureName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_feature(&s) {
            Ok(FeatureName(s))
        } else {
            Err(de::Error::custom(format!(
                "unknown feature `{s}`: a feature is `argues:RULE`, `fired:RULE`, `rules:net`, \
                 `rules:DIRECTION`, `rules:unexplained|conflict|review`, `word:+WORD` or \
                 `word:-WORD`, `pair:+A_B` or `pair:-A_B`, \
                 `cue:GROUP:added`, `cue:GROUP:deleted`, `edit:added|removed|modified` or \
                 `size:added|deleted`, each also with a `flat:` prefix, with RULE and GROUP as named in \
                 `policydiff weights` and `policydiff lexicon`"
            )))
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Each kind of text is fitted apart, on its own rows, so each has its own calibration.
    calibration: Calibrations,
    /// Findings this strong on both sides send a calibrated verdict to review, whatever its probability.
    #[serde(default = "default_conflict_at")]
    conflict_at: f64,
    bias: PerLabel,
    #[serde(default)]
    weights: BTreeMap<FeatureName, PerLabel>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Calibrations {
    flat: CalibrationFile,
    punctuated: CalibrationFile,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalibrationFile {
    #[serde(default)]
    fitted_on: String,
    temperature: f64,
    review_below: f64,
    /// A strengthened or weakened verdict whose opposite direction is at least this probable goes to
    /// review: the evidence points both ways. 1 (the default) never flags on this alone.
    #[serde(default = "default_review_opposite")]
    review_opposite: f64,
}

/// How the probabilities of one kind of text were calibrated: what its weights were fitted on, the
/// temperature that makes held-out verdicts most likely, and when a verdict goes to a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub fitted_on: String,
    pub temperature: f64,
    pub review: Review,
}

fn default_conflict_at() -> f64 {
    2.0
}

fn default_review_opposite() -> f64 {
    1.0
}

/// When a calibrated verdict goes to a person: its probability is below `below`, or it is strengthened
/// or weakened and the opposite direction's probability is at least `opposite`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Review {
    pub below: f64,
    pub opposite: f64,
}

impl Review {
    /// A threshold on the verdict's probability alone.
    pub fn below(below: f64) -> Review {
        Review {
            below,
            opposite: default_review_opposite(),
        }
    }

    /// Whether a verdict with these probabilities goes to a person.
    pub fn flags(&self, p: [f64; 3]) -> bool {
        let d = argmax(p);
        let of = |x: Direction| p[DIRECTIONS.iter().position(|&y| y == x).unwrap_or(2)];
        let opposite = DIRECTIONS
            .iter()
            .filter(|&&x| x.opposes(d))
            .map(|&x| of(x))
            .fold(0.0, f64::max);
        of(d) < self.below || opposite >= self.opposite
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("{}: cannot read the weights file: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The fitted model: a bias and a weight per feature and direction, a temperature that calibrates the
/// probabilities, and the probability below which a verdict goes to a person. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Weights {
    inner: Arc<Model>,
}

/// The two kinds of text the weights read apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Text {
    /// Lower case with no punctuation, as published amendment data is: features named `flat:...`.
    Flat,
    /// Written in sentences: every other feature.
    #[default]
    Punctuated,
}

impl Text {
    pub fn of(flat: bool) -> Text {
        if flat {
            Text::Flat
        } else {
            Text::Punctuated
        }
    }

    /// Whether a feature is read on this kind of text.
    pub fn names(self, feature: &str) -> bool {
        feature.starts_with("flat:") == (self == Text::Flat)
    }

    fn as_str(self) -> &'static str {
        match self {
            Text::Flat => "flat",
            Text::Punctuated => "punctuated",
        }
    }

    /// The place of this kind's calibration in [`Model::calibration`].
    fn index(self) -> usize {
        usize::from(self == Text::Punctuated)
    }
}

#[derive(Debug)]
struct Model {
    /// Flat text's, then punctuated text's.
    calibration: [Calibration; 2],
    conflict_at: f64,
    bias: [f64; 3],
    weights: BTreeMap<String, [f64; 3]>,
    source: String,
}

impl Weights {
    /// The built-in weights.
    pub fn builtin() -> Weights {
        static BUILTIN: OnceLock<Weights> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // Tests parse the built-in file; were it ever broken, refusing to classify would be
                // worse than an even model whose every verdict is "unchanged" and flagged.
                Weights::read_builtin().unwrap_or_else(|_| Weights {
                    inner: Arc::new(Model {
                        calibration: [Text::Flat, Text::Punctuated].map(|_| Calibration {
                            fitted_on: "empty".into(),
                            temperature: 1.0,
                            review: Review::below(1.0),
                        }),
                        conflict_at: default_conflict_at(),
                        bias: [0.0; 3],
                        weights: BTreeMap::new(),
                        source: "empty".into(),
                    }),
                })
            })
            .clone()
    }

    /// A user's weights file, in place of the built-in one.
    pub fn from_file(path: &Path) -> Result<Weights, WeightsError> {
        let text = std::fs::read_to_string(path).map_err(|source| WeightsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Weights::parse(&text, path)
    }

    /// Reads weights from YAML text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Weights, WeightsError> {
        Weights::read(text, path, &path.display().to_string())
    }

    fn read(text: &str, path: &Path, source: &str) -> Result<Weights, WeightsError> {
        let file = Weights::read_yaml(text, path)?;
        Weights::check(file, text, path, source)
    }

    /// The built-in file from the JSON the build made of it: reading its thousands of lines as YAML
    /// was a tenth of a large diff, and the classifier waits for it. Checked as the YAML would be.
    fn read_builtin() -> Result<Weights, WeightsError> {
        let path = Path::new("weights.yaml");
        // Whatever the JSON refuses, the YAML reader refuses too, and names the line of the YAML.
        let file: File = match serde_json::from_str(BUILTIN_JSON) {
            Ok(file) => file,
            Err(_) => Weights::read_yaml(BUILTIN_YAML, path)?,
        };
        Weights::check(file, BUILTIN_YAML, path, "built-in")
    }

    /// The whole file through the YAML reader, with its errors placed at a line and column.
    fn read_yaml(text: &str, path: &Path) -> Result<File, WeightsError> {
        serde_yaml::from_str(text).map_err(|e| {
            let (mut line, mut column, message) = crate::ingest::yaml_error_parts(&e);
            // The parser places an error in a mapping's key at the mapping's start; point at the key.
            if let Some(name) = message
                .split_once("unknown feature `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(name, _)| name)
            {
                if let Some((i, l)) = text
                    .lines()
                    .enumerate()
                    .find(|(_, l)| l.trim_start().starts_with(&format!("{name}:")))
                {
                    line = i + 1;
                    column = 1 + l.len() - l.trim_start().len();
                }
            }
            WeightsError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        })
    }

    /// Checks the numbers the YAML types let through and makes the model.
    fn check(file: File, text: &str, path: &Path, source: &str) -> Result<Weights, WeightsError> {
        // Name the line of the offending key (under its kind of text, if any), which serde has
        // already let through.
        let bad = |kind: Option<Text>, key: &str, message: String| {
            let lines: Vec<&str> = text.lines().collect();
            let from = kind
                .and_then(|k| {
                    let head = format!("{}:", k.as_str());
                    lines.iter().position(|l| l.trim_start().starts_with(&head))
                })
                .unwrap_or(0);
            let line = lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| match kind {
                    Some(_) => l.contains(&format!("{key}:")),
                    None => l.starts_with(&format!("{key}:")),
                })
                .map_or(1, |(i, _)| i + 1);
            WeightsError::Invalid {
                path: path.to_path_buf(),
                line,
                column: 1,
                message,
            }
        };
        if !(file.conflict_at.is_finite() && file.conflict_at > 0.0) {
            return Err(bad(
                None,
                "conflict_at",
                format!(
                    "conflict_at must be a positive number, not {}",
                    file.conflict_at
                ),
            ));
        }
        let checked = |kind: Text, c: CalibrationFile| -> Result<Calibration, WeightsError> {
            let name = kind.as_str();
            if !(c.temperature.is_finite() && c.temperature > 0.0) {
                return Err(bad(
                    Some(kind),
                    "temperature",
                    format!(
                        "{name} temperature must be a positive number, not {}",
                        c.temperature
                    ),
                ));
            }
            for (key, value) in [
                ("review_below", c.review_below),
                ("review_opposite", c.review_opposite),
            ] {
                if !(0.0..=1.0).contains(&value) {
                    return Err(bad(
                        Some(kind),
                        key,
                        format!("{name} {key} is a probability from 0 to 1, not {value}"),
                    ));
                }
            }
            Ok(Calibration {
                fitted_on: c.fitted_on,
                temperature: c.temperature,
                review: Review {
                    below: c.review_below,
                    opposite: c.review_opposite,
                },
            })
        };
        let Calibrations { flat, punctuated } = file.calibration;
        let (flat, punctuated) = (
            checked(Text::Flat, flat)?,
            checked(Text::Punctuated, punctuated)?,
        );
        Ok(Weights {
            inner: Arc::new(Model {
                calibration: [flat, punctuated],
                conflict_at: file.conflict_at,
                bias: file.bias.get(),
                weights: file
                    .weights
                    .into_iter()
                    .map(|(k, w)| (k.0, w.get()))
                    .collect(),
                source: source.to_string(),
            }),
        })
    }

    /// Weights from their parts, as a fitter makes them: one calibration for both kinds of text.
    pub fn from_parts(
        fitted_on: &str,
        temperature: f64,
        review: Review,
        bias: [f64; 3],
        weights: BTreeMap<String, [f64; 3]>,
    ) -> Weights {
        let c = Calibration {
            fitted_on: fitted_on.to_string(),
            temperature,
            review,
        };
        Weights {
            inner: Arc::new(Model {
                calibration: [c.clone(), c],
                conflict_at: default_conflict_at(),
                bias,
                weights,
                source: "fitted".into(),
            }),
        }
    }

    /// The same weights with another note of what they were fitted on, for both kinds of text.
    pub fn with_fitted_on(&self, fitted_on: &str) -> Weights {
        let m = &self.inner;
        Weights {
            inner: Arc::new(Model {
                calibration: m.calibration.clone().map(|c| Calibration {
                    fitted_on: fitted_on.to_string(),
                    ..c
                }),
                weights: m.weights.clone(),
                source: m.source.clone(),
                conflict_at: m.conflict_at,
                bias: m.bias,
            }),
        }
    }

    /// These weights and calibration for one kind of text, and `base`'s for the other: what a fit on
    /// one kind of text writes. Every change has exactly one `edit:` feature of its kind, so the
    /// difference of the two biases moves onto those features and each kind keeps the bias it was
    /// fitted with.
    pub fn only(&self, text: Text, base: &Weights) -> Weights {
        let (m, b) = (&self.inner, &base.inner);
        let mut weights: BTreeMap<String, [f64; 3]> = b
            .weights
            .iter()
            .filter(|(k, _)| !text.names(k))
            .map(|(k, w)| (k.clone(), *w))
            .chain(
                m.weights
                    .iter()
                    .filter(|(k, _)| text.names(k))
                    .map(|(k, w)| (k.clone(), *w)),
            )
            .collect();
        let pre = if text == Text::Flat { "flat:" } else { "" };
        for kind in ["added", "removed", "modified"] {
            let w = weights.entry(format!("{pre}edit:{kind}")).or_default();
            for ((w, fitted), set) in w.iter_mut().zip(m.bias).zip(b.bias) {
                *w += fitted - set;
            }
        }
        let mut calibration = b.calibration.clone();
        calibration[text.index()] = m.calibration[text.index()].clone();
        Weights {
            inner: Arc::new(Model {
                calibration,
                conflict_at: b.conflict_at,
                bias: b.bias,
                weights,
                source: m.source.clone(),
            }),
        }
    }

    /// The weights as a file [`Weights::parse`] reads back, numbers rounded to four decimals and
    /// features whose weights all round to zero left out.
    pub fn to_yaml(&self) -> String {
        let m = &self.inner;
        let r = |x: f64| (x * 1e4).round() / 1e4 + 0.0;
        let triple = |w: [f64; 3]| {
            format!(
                "{{strengthened: {}, weakened: {}, unchanged: {}}}",
                r(w[0]),
                r(w[1]),
                r(w[2])
            )
        };
        let mut s = String::from(FORMAT);
        s.push_str("calibration:\n");
        for kind in [Text::Flat, Text::Punctuated] {
            let c = &m.calibration[kind.index()];
            s.push_str(&format!(
                "  {}:\n    fitted_on: {}\n    temperature: {}\n    review_below: {}\n    review_opposite: {}\n",
                kind.as_str(),
                serde_json::to_string(&c.fitted_on).unwrap_or_default(),
                r(c.temperature),
                r(c.review.below),
                r(c.review.opposite)
            ));
        }
        s.push_str(&format!("conflict_at: {}\n", r(m.conflict_at)));
        s.push_str(&format!("bias: {}\n", triple(m.bias)));
        s.push_str("weights:\n");
        for (k, w) in &m.weights {
            if w.iter().any(|x| r(*x) != 0.0) {
                s.push_str(&format!("  {k}: {}\n", triple(*w)));
            }
        }
        s
    }

    /// Where these weights came from ("built-in" or the user's file).
    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// How this kind of text was fitted and calibrated, as the file says.
    pub fn calibration(&self, text: Text) -> &Calibration {
        &self.inner.calibration[text.index()]
    }

    /// When a verdict on this kind of text goes to a person, by its probabilities.
    pub fn review(&self, text: Text) -> Review {
        self.calibration(text).review
    }

    /// Two findings at least this strong pointing opposite ways send a calibrated verdict to review.
    pub fn conflict_at(&self) -> f64 {
        self.inner.conflict_at
    }

    /// The score of each direction before calibration: bias plus value times weight.
    pub fn scores(&self, ev: &Evidence) -> [f64; 3] {
        let mut z = self.inner.bias;
        for (name, x) in &ev.features {
            if let Some(w) = self.inner.weights.get(name) {
                for (z, w) in z.iter_mut().zip(w) {
                    *z += x * w;
                }
            }
        }
        z
    }

    /// What pushed a change towards `d`: each feature's value times how much more it weighs for `d`
    /// than for the next most probable direction, the positive ones only, largest first.
    pub fn leaning<'e>(&self, ev: &'e Evidence, d: Direction) -> Vec<(&'e str, f64)> {
        let p = self.probabilities(ev);
        let i = DIRECTIONS.iter().position(|&x| x == d).unwrap_or(2);
        let Some(r) = (0..3)
            .filter(|&j| j != i)
            .max_by(|&a, &b| p[a].total_cmp(&p[b]))
        else {
            return Vec::new();
        };
        let mut out: Vec<(&str, f64)> = ev
            .features
            .iter()
            .filter_map(|(k, x)| {
                let w = self.inner.weights.get(k)?;
                let c = x * (w[i] - w[r]);
                (c > 0.0).then_some((k.as_str(), c))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }

    /// The calibrated probability of each direction.
    pub fn probabilities(&self, ev: &Evidence) -> [f64; 3] {
        softmax(self.scores(ev), self.calibration(ev.text).temperature)
    }
}

/// Probabilities from scores at a temperature; shifted by the largest score so no exponent overflows.
pub fn softmax(z: [f64; 3], temperature: f64) -> [f64; 3] {
    let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = z.map(|z| ((z - top) / temperature).exp());
    let sum: f64 = e.iter().sum();
    e.map(|e| e / sum)
}

/// The direction with the highest score; a tie goes to the first in the order strengthened,
/// weakened, unchanged.
pub fn argmax(p: [f64; 3]) -> Direction {
    let mut best = 0;
    for i in 1..3 {
        if p[i] > p[best] {
            best = i;
        }
    }
    DIRECTIONS[best]
}

#[cfg(test)]
mod tests;
