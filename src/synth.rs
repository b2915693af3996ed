//! A seed and a size in, synthetic policy clauses and texts out; and a clause list in, a perturbed
//! revision with the true alignment out. For the alignment evaluation, benchmarks and batch tests.
//!
//! All wording is generated from small invented word lists: illustrative, fictional, not from any real
//! policy. The same seed gives the same output on every platform (ChaCha8).
//!
//! [`perturb`] renumbers, moves, splits, merges, inserts, deletes and edits clauses the way real
//! revisions do, and records which old clause became which new one ([`Truth`]), so an aligner can be
//! scored by pair precision and recall ([`score`]).

use crate::model::{AlignedPair, Clause};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

const SUBJECTS: &[&str] = &[
    "The Department",
    "Each officer",
    "The contractor",
    "The permit holder",
    "The records custodian",
    "A supervisor",
    "The review board",
    "Every employee",
    "The data steward",
    "The site manager",
    "The licensing office",
    "A field inspector",
    "The procurement officer",
    "The shift commander",
    "The vendor",
    "The program director",
];

const MODALS: &[&str] = &[
    "shall",
    "must",
    "may",
    "should",
    "shall not",
    "must not",
    "is required to",
    "will",
];

const VERBS: &[&str] = &[
    "file",
    "retain",
    "inspect",
    "certify",
    "publish",
    "disclose",
    "review",
    "approve",
    "record",
    "submit",
    "notify",
    "audit",
    "maintain",
    "report",
    "verify",
    "archive",
    "collect",
    "share",
    "destroy",
    "document",
    "renew",
    "suspend",
    "restore",
    "calibrate",
    "post",
    "transmit",
    "issue",
    "revoke",
    "assess",
    "update",
    "log",
    "escalate",
    "correct",
    "deliver",
    "label",
    "seal",
    "photograph",
    "register",
    "reconcile",
    "test",
];

const ADJECTIVES: &[&str] = &[
    "annual",
    "quarterly",
    "written",
    "signed",
    "itemised",
    "sealed",
    "encrypted",
    "public",
    "confidential",
    "interim",
    "final",
    "corrective",
    "preliminary",
    "emergency",
    "routine",
    "detailed",
    "summary",
    "original",
    "certified",
    "amended",
    "monthly",
    "regional",
    "internal",
    "external",
    "digital",
    "printed",
    "verified",
    "provisional",
    "standing",
    "supplementary",
    "operational",
    "statistical",
    "technical",
    "financial",
    "medical",
    "environmental",
    "archival",
    "weekly",
    "outstanding",
    "pending",
    "disputed",
    "approved",
    "current",
    "historic",
    "municipal",
    "temporary",
    "permanent",
    "partial",
    "complete",
    "redacted",
];

const NOUNS: &[&str] = &[
    "inspection report",
    "incident log",
    "complaint record",
    "safety plan",
    "training roster",
    "vehicle ledger",
    "evidence inventory",
    "payroll register",
    "waste manifest",
    "access list",
    "camera footage",
    "contract file",
    "invoice batch",
    "risk assessment",
    "maintenance schedule",
    "use-of-force report",
    "stop data",
    "grant application",
    "purchase order",
    "leave request",
    "overtime sheet",
    "sample result",
    "site diagram",
    "discharge permit",
    "warning notice",
    "audit trail",
    "consent form",
    "retention schedule",
    "appeal notice",
    "fee schedule",
    "bid package",
    "key register",
    "radio log",
    "custody receipt",
    "lab certificate",
    "vendor list",
    "budget request",
    "hazard map",
    "duty roster",
    "disposal record",
];

const RECIPIENTS: &[&str] = &[
    "the Chief",
    "the City Clerk",
    "the oversight commission",
    "the affected resident",
    "the state agency",
    "the Records Unit",
    "the Finance Director",
    "the county board",
    "the Inspector General",
    "the public portal",
    "the union representative",
    "the legal office",
];

const CONDITIONS: &[&str] = &[
    "unless a supervisor approves an exception in writing",
    "when the matter involves a minor",
    "after each shift",
    "before the contract is renewed",
    "if the amount exceeds the posted limit",
    "except during a declared emergency",
    "whenever a complaint is received",
    "upon request by a member of the public",
    "at the close of each fiscal year",
    "where the law allows",
    "before any work begins on site",
    "once the investigation is closed",
    "if the equipment fails a test",
    "during any period of reduced staffing",
    "when a resident asks in person",
    "for every vehicle in service",
];

const UNITS: &[&str] = &[
    "days",
    "business days",
    "hours",
    "weeks",
    "months",
    "calendar days",
];

/// The known answer for one perturbation: which old clause became which new one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Truth {
    /// Every (old index, new index) that a correct aligner pairs, splits and merges included.
    pub pairs: BTreeSet<(usize, usize)>,
}

/// How often each kind of change happens, per clause.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub edit: f64,
    pub moves: f64,
    pub split: f64,
    pub merge: f64,
    pub insert: f64,
    pub delete: f64,
}

impl Rates {
    /// A typical revision: every kind of change, a few percent each.
    pub const MIXED: Rates = Rates {
        edit: 0.15,
        moves: 0.04,
        split: 0.03,
        merge: 0.03,
        insert: 0.04,
        delete: 0.04,
    };

    /// The benchmark's revision: 10% of clauses edited and 5% moved.
    pub const BENCH: Rates = Rates {
        edit: 0.10,
        moves: 0.05,
        split: 0.0,
        merge: 0.0,
        insert: 0.0,
        delete: 0.0,
    };
}

/// Pair precision and recall of an alignment against the truth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub predicted: usize,
    pub expected: usize,
    pub correct: usize,
}

/// Scores `pairs` (only those with both sides count) against `truth`.
pub fn score(pairs: &[AlignedPair], truth: &Truth) -> Score {
    let predicted: BTreeSet<(usize, usize)> = pairs
        .iter()
        .filter_map(|p| Some((p.old?, p.new?)))
        .collect();
    let correct = predicted.intersection(&truth.pairs).count();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Score {
        precision: ratio(correct, predicted.len()),
        recall: ratio(correct, truth.pairs.len()),
        predicted: predicted.len(),
        expected: truth.pairs.len(),
        correct,
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list.get(rng.random_range(0..list.len().max(1)))
        .copied()
        .unwrap_or("")
}

/// One plausible normative sentence.
fn sentence(rng: &mut ChaCha8Rng) -> String {
    let mut s = format!(
        "{} {} {} the {} {}",
        pick(rng, SUBJECTS),
        pick(rng, MODALS),
        pick(rng, VERBS),
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS)
    );
    if rng.random_bool(0.6) {
        s.push_str(&format!(" to {}", pick(rng, RECIPIENTS)));
    }
    if rng.random_bool(0.5) {
        let n: u32 = rng.random_range(2..=120);
        s.push_str(&format!(" within {n} {}", pick(rng, UNITS)));
    }
    if rng.random_bool(0.5) {
        s.push(' ');
        s.push_str(pick(rng, CONDITIONS));
    }
    s.push('.');
    s
}

/// One clause's text: one to three sentences.
pub fn clause_text(rng: &mut ChaCha8Rng) -> String {
    let n = match rng.random_range(0..10) {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// `n` clauses numbered `1.1`, `1.2`, ... in sections of up to ten, as a segmenter would give them.
pub fn clauses(seed: u64, n: usize) -> Vec<Clause> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|k| {
            let id = format!("{}.{}", k / 10 + 1, k % 10 + 1);
            Clause {
                number: Some(id.clone()),
                id,
                heading: None,
                path: vec![format!("{}", k / 10 + 1)],
                text: clause_text(&mut rng),
                line: 2 * k + 1,
                level: 1,
            }
        })
        .collect()
}

/// A whole plausible policy as Markdown text: a title, numbered sections with headings, numbered clauses.
pub fn policy_text(seed: u64, sections: usize) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let title = format!("{} {}", pick(&mut rng, ADJECTIVES), pick(&mut rng, NOUNS));
    let mut out = format!(
        "# {} Policy\n\nIllustrative policy generated for testing; fictional.\n",
        title
            .split(' ')
            .map(capitalise)
            .collect::<Vec<_>>()
            .join(" ")
    );
    for s in 1..=sections {
        out.push_str(&format!(
            "\n## {s}. {}\n",
            capitalise(&format!(
                "{} {}",
                pick(&mut rng, ADJECTIVES),
                pick(&mut rng, NOUNS)
            ))
        ));
        for c in 1..=rng.random_range(2..=6) {
            out.push_str(&format!("\n{s}.{c} {}\n", clause_text(&mut rng)));
        }
    }
    out
}

/// Successive versions of one plausible policy: the first from [`policy_text`]'s generator, each next
/// one a [`Rates::MIXED`] revision of the one before, rendered as Markdown.
pub fn policy_versions(seed: u64, clauses_count: usize, versions: usize) -> Vec<String> {
    let mut current = clauses(seed, clauses_count);
    let mut out = Vec::with_capacity(versions);
    for v in 0..versions {
        if v > 0 {
            current = perturb(&current, seed.wrapping_add(v as u64), Rates::MIXED).0;
        }
        out.push(render(&current, &format!("Version {}", v + 1)));
    }
    out
}

/// A model policy and `agencies` local policies of it, each a [`Rates::MIXED`] revision of the model
/// seeded apart, rendered as Markdown: a conformance batch to measure `run` on.
pub fn model_and_locals(seed: u64, clauses_count: usize, agencies: usize) -> (String, Vec<String>) {
    let model = clauses(seed, clauses_count);
    let locals = (0..agencies)
        .map(|k| {
            let local = perturb(&model, seed.wrapping_add(1 + k as u64), Rates::MIXED).0;
            render(&local, &format!("Agency {}", k + 1))
        })
        .collect();
    (render(&model, "Model"), locals)
}

/// Renders clauses as a Markdown policy numbered `N.` by position, ten clauses to a section.
fn render(clauses: &[Clause], title: &str) -> String {
    let mut out = format!("# Illustrative Policy ({title})\n");
    for (k, c) in clauses.iter().enumerate() {
        if k % 10 == 0 {
            out.push_str(&format!("\n## {}. Part {}\n", k / 10 + 1, k / 10 + 1));
        }
        out.push_str(&format!("\n{}.{} {}\n", k / 10 + 1, k % 10 + 1, c.text));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One clause of the revision being built, with the old clauses it came from.
struct Item {
    text: String,
    origin: Vec<usize>,
    heading: Option<String>,
}

/// A revision of `old` with the true alignment. New clauses are numbered by position with the ids of the
/// old document (position k gets the id old clause k had), so after an insertion or deletion every later
/// number shifts and retired numbers land on other text, as in real renumbered revisions.
pub fn perturb(old: &[Clause], seed: u64, rates: Rates) -> (Vec<Clause>, Truth) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut items: Vec<Item> = Vec::with_capacity(old.len() + old.len() / 10);
    for (i, c) in old.iter().enumerate() {
        if rng.random_bool(rates.delete) {
            continue;
        }
        let pieces = if rng.random_bool(rates.split) {
            split_text(&c.text)
        } else {
            None
        };
        match pieces {
            Some((a, b)) => {
                items.push(item(a, vec![i], c));
                items.push(item(b, vec![i], c));
            }
            None => items.push(item(c.text.clone(), vec![i], c)),
        }
    }
    // Merge: an item absorbs the next one, when both are single unsplit clauses.
    let mut merged: Vec<Item> = Vec::with_capacity(items.len());
    for it in items {
        let join = rng.random_bool(rates.merge)
            && merged.last().is_some_and(|prev: &Item| {
                prev.origin.len() == 1
                    && it.origin.len() == 1
                    && prev.origin != it.origin
                    && !prev.text.is_empty()
                    && !it.text.is_empty()
            });
        match merged.last_mut() {
            Some(prev) if join => {
                prev.text = format!("{} {}", prev.text, it.text);
                prev.origin.extend(it.origin);
            }
            _ => merged.push(it),
        }
    }
    let mut items = merged;
    for it in &mut items {
        if rng.random_bool(rates.edit) {
            it.text = edit_text(&mut rng, &it.text);
        }
    }
    // Moves and inserts: every item gets a place on a line; a moved or inserted one a random place.
    // Sorting by place keeps the cost O(n log n) on 50,000 clauses.
    let len = items.len();
    let mut placed: Vec<(f64, usize, Item)> = items
        .into_iter()
        .enumerate()
        .map(|(k, it)| {
            let at = if rng.random_bool(rates.moves) {
                rng.random_range(0.0..len as f64)
            } else {
                k as f64
            };
            (at, k, it)
        })
        .collect();
    let inserts = (old.len() as f64 * rates.insert).round() as usize;
    for n in 0..inserts {
        let at = rng.random_range(0.0..len.max(1) as f64);
        let item = Item {
            text: clause_text(&mut rng),
            origin: Vec::new(),
            heading: None,
        };
        placed.push((at, len + n, item));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let items: Vec<Item> = placed.into_iter().map(|(_, _, it)| it).collect();
    let mut truth = Truth::default();
    let new = items
        .into_iter()
        .enumerate()
        .map(|(j, it)| {
            for &i in &it.origin {
                truth.pairs.insert((i, j));
            }
            let id = old
                .get(j)
                .map(|c| c.id.clone())
                .unwrap_or_else(|| format!("x{}", j + 1));
            Clause {
                number: Some(id.clone()),
                id,
                heading: it.heading,
                path: Vec::new(),
                text: it.text,
                line: j + 1,
                level: 0,
            }
        })
        .collect();
    (new, truth)
}

fn item(text: String, origin: Vec<usize>, c: &Clause) -> Item {
    Item {
        text,
        origin,
        heading: c.heading.clone(),
    }
}

/// Splits a clause at the sentence boundary nearest its middle, when both halves keep some substance.
fn split_text(text: &str) -> Option<(String, String)> {
    let half = text.split_whitespace().count() / 2;
    let words_before = |p: usize| {
        text.get(..p)
            .map_or(usize::MAX, |s| s.split_whitespace().count())
    };
    let pos = text
        .match_indices(". ")
        .map(|(p, _)| p)
        .min_by_key(|&p| words_before(p).abs_diff(half))?;
    let (a, b) = (text.get(..=pos)?.trim(), text.get(pos + 1..)?.trim());
    let enough = |s: &str| s.split_whitespace().count() >= 4;
    (enough(a) && enough(b)).then(|| (a.to_string(), b.to_string()))
}

/// Small edits of the kind revisions make: a word replaced, inserted or dropped, about one per ten
/// words, so the clause stays recognisably the same clause.
fn edit_text(rng: &mut ChaCha8Rng, text: &str) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if words.len() < 6 {
        return text.to_string();
    }
    let edits = (words.len() / 10).max(1);
    for _ in 0..edits {
        let at = rng.random_range(0..words.len());
        match rng.random_range(0..3) {
            0 => {
                if let Some(w) = words.get_mut(at) {
                    *w = pick(rng, MODALS).to_string();
                }
            }
            1 => words.insert(at, pick(rng, ADJECTIVES).to_string()),
            _ => {
                if words.len() > 6 {
                    words.remove(at);
                }
            }
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_output() {
        assert_eq!(clauses(7, 30), clauses(7, 30));
        assert_ne!(clauses(7, 30), clauses(8, 30));
        assert_eq!(policy_text(3, 4), policy_text(3, 4));
    }

    #[test]
    fn truth_accounts_for_every_surviving_clause() {
        let old = clauses(1, 200);
        let (new, truth) = perturb(&old, 2, Rates::MIXED);
        let news: BTreeSet<usize> = truth.pairs.iter().map(|p| p.1).collect();
        let olds: BTreeSet<usize> = truth.pairs.iter().map(|p| p.0).collect();
        assert!(news.iter().all(|&j| j < new.len()));
        assert!(olds.iter().all(|&i| i < old.len()));
        // Inserted clauses have no origin; everything else has one.
        let inserted = new.len() - news.len();
        assert_eq!(inserted, (200.0 * Rates::MIXED.insert).round() as usize);
    }

    #[test]
    fn splits_at_a_sentence_boundary() {
        let (a, b) = split_text("One two three four five. Six seven eight nine ten.").unwrap();
        assert_eq!(a, "One two three four five.");
        assert_eq!(b, "Six seven eight nine ten.");
        assert_eq!(split_text("Too short. To split."), None);
        assert_eq!(split_text("No boundary in this clause at all"), None);
    }
}
