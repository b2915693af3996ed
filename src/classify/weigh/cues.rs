//! The lexicon's word lists in, a matcher out; two texts in, the lexical evidence of their change out:
//! what kind of edit it is, how much changed, and per cue group how often its phrases stand in the
//! words added and in the words deleted.
//!
//! The rules read words inside a norm frame; cues read them even where no frame can be found (a
//! run-on amendment with its punctuation stripped), and the fitted weights say how much each kind of
//! wording moved rated changes. Every list the lexicon already keeps for the rules (modals, exceptions,
//! hedges, parties ...) is a cue group under its own name; the lexicon's `cues:` adds groups the rules
//! do not read (for example `only`, `and`, `or`, protective acts).

use super::super::lexicon::Spec;
use super::super::text::stem;
use std::collections::{BTreeMap, HashMap};

/// One phrase: its words after the first, and whether its last word is a prefix (`derogat*`).
#[derive(Debug, Clone)]
struct Phrase {
    group: usize,
    rest: Vec<String>,
    prefix_last: bool,
    len: usize,
}

/// The cue groups compiled for matching word by word.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    names: Vec<String>,
    /// Phrases by their first word (without a trailing `*`).
    by_first: HashMap<String, Vec<Phrase>>,
    /// One-word prefix phrases (`derogat*`), checked against every word.
    prefixes: Vec<(String, usize)>,
}

/// Lower-case words of a text: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The names of the groups a lexicon's lists give, in the order of their features.
pub fn group_lists(spec: &Spec) -> BTreeMap<String, Vec<String>> {
    let d = &spec.deontic;
    let ip = &spec.intrusive_powers;
    let cat = |lists: &[&Vec<String>]| lists.iter().flat_map(|l| l.iter().cloned()).collect();
    let mut g: BTreeMap<String, Vec<String>> = BTreeMap::new();
    g.insert("obligation".into(), cat(&[&d.obligation, &d.will]));
    g.insert("prohibition".into(), cat(&[&d.prohibition, &d.will_not]));
    g.insert("advisory".into(), cat(&[&d.advisory, &d.advisory_negative]));
    g.insert("permission".into(), cat(&[&d.permission]));
    g.insert("no-obligation".into(), cat(&[&d.no_obligation]));
    g.insert("definition".into(), cat(&[&d.constitutive]));
    g.insert("scope-statement".into(), cat(&[&d.scope_statement]));
    g.insert("regulated-party".into(), cat(&[&spec.parties.regulated]));
    g.insert("protected-party".into(), cat(&[&spec.parties.public]));
    g.insert(
        "intrusive".into(),
        cat(&[&ip.standalone, &ip.objects, &ip.recipients, &ip.holds]),
    );
    g.insert("exception".into(), cat(&[&spec.exceptions]));
    g.insert("gate".into(), cat(&[&spec.gates]));
    g.insert("condition".into(), cat(&[&spec.conditions]));
    g.insert("hedge".into(), cat(&[&spec.hedges]));
    g.insert("booster".into(), cat(&[&spec.boosters]));
    for (name, list) in &spec.cues {
        g.entry(name.clone())
            .or_default()
            .extend(list.iter().cloned());
    }
    g
}

impl Cues {
    pub fn build(groups: &BTreeMap<String, Vec<String>>) -> Cues {
        let mut c = Cues {
            names: groups.keys().cloned().collect(),
            ..Cues::default()
        };
        for (g, list) in groups.values().enumerate() {
            for phrase in list {
                // Placeholders such as `{unit}` stand for several words; such phrases are left to the
                // rules, which expand them.
                if phrase.contains('{') {
                    continue;
                }
                let prefix_last = phrase.ends_with('*');
                let w = words(phrase);
                let Some((first, rest)) = w.split_first() else {
                    continue;
                };
                if prefix_last && rest.is_empty() {
                    c.prefixes.push((first.clone(), g));
                    continue;
                }
                c.by_first.entry(first.clone()).or_default().push(Phrase {
                    group: g,
                    rest: rest.to_vec(),
                    prefix_last,
                    len: w.len(),
                });
            }
        }
        // Longest first, so the first phrase that matches at a word is the longest there.
        for list in c.by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len));
        }
        c
    }

    /// The group names, for checking the names in a weights file.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Per group, the phrases in `w` that touch a word marked in `changed`, matched leftmost-longest.
    fn count(&self, w: &[String], changed: &[bool]) -> Vec<usize> {
        let mut n = vec![0; self.names.len()];
        let mut i = 0;
        while i < w.len() {
            let hit = self.by_first.get(&w[i]).and_then(|list| {
                list.iter().find(|p| {
                    i + p.len <= w.len()
                        && p.rest.iter().enumerate().all(|(k, r)| {
                            let word = &w[i + 1 + k];
                            if p.prefix_last && k + 1 == p.rest.len() {
                                word.starts_with(r.as_str())
                            } else {
                                word == r
                            }
                        })
                })
            });
            let (group, len) = match hit {
                Some(p) => (Some(p.group), p.len),
                None => (
                    self.prefixes
                        .iter()
                        .find(|(pre, _)| w[i].starts_with(pre.as_str()))
                        .map(|(_, g)| *g),
                    1,
                ),
            };
            if let Some(g) = group {
                if changed[i..i + len].iter().any(|&c| c) {
                    n[g] += 1;
                }
                i += len;
            } else {
                i += 1;
            }
        }
        n
    }

    /// The lexical evidence of a change from `old` to `new` (either may be empty): the kind and size
    /// of the edit, the cue groups on each side, and each changed word (`word:+WORD`, `word:-WORD`),
    /// each with a `flat:` prefix on flat text, whose wording the weights read apart.
    pub fn features(&self, old: &str, new: &str, flat: bool) -> Vec<(String, f64)> {
        let (o, n) = (words(old), words(new));
        let kind = match (o.is_empty(), n.is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "modified",
        };
        let mut del = vec![true; o.len()];
        let mut ins = vec![true; n.len()];
        if kind == "modified" {
            del.fill(false);
            ins.fill(false);
            for op in similar::capture_diff_slices(similar::Algorithm::Myers, &o, &n) {
                match op {
                    similar::DiffOp::Delete {
                        old_index, old_len, ..
                    } => del[old_index..old_index + old_len].fill(true),
                    similar::DiffOp::Insert {
                        new_index, new_len, ..
                    } => ins[new_index..new_index + new_len].fill(true),
                    similar::DiffOp::Replace {
                        old_index,
                        old_len,
                        new_index,
                        new_len,
                    } => {
                        del[old_index..old_index + old_len].fill(true);
                        ins[new_index..new_index + new_len].fill(true);
                    }
                    similar::DiffOp::Equal { .. } => {}
                }
            }
        }
        self.describe(kind, (&o, &del), (&n, &ins), flat)
    }

    /// The lexical evidence of only the words the rules could not explain (the deleted and inserted
    /// runs in full), for punctuated text, where the words the rules did explain are
    /// already evidence in what they argued and must not count twice.
    pub fn unexplained(
        &self,
        old: &str,
        new: &str,
        deleted: &str,
        inserted: &str,
    ) -> Vec<(String, f64)> {
        let kind = match (old.trim().is_empty(), new.trim().is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "modified",
        };
        let (o, n) = (words(deleted), words(inserted));
        let (del, ins) = (vec![true; o.len()], vec![true; n.len()]);
        self.describe(kind, (&o, &del), (&n, &ins), false)
    }

    /// Named features of the marked words of each side.
    fn describe(
        &self,
        kind: &str,
        (o, del): (&[String], &[bool]),
        (n, ins): (&[String], &[bool]),
        flat: bool,
    ) -> Vec<(String, f64)> {
        // Flat text is read by other weights than punctuated text: every feature names which.
        let pre = if flat { "flat:" } else { "" };
        let mut f = vec![(format!("{pre}edit:{kind}"), 1.0)];
        for (sign, w, changed) in [('+', n, ins), ('-', o, del)] {
            for (word, _) in w.iter().zip(changed.iter()).filter(|(_, &c)| c) {
                // On flat text a word is weighed by its stem: "processing", "processed" and
                // "process" carry one meaning, and a few hundred rated rows are too few to learn
                // it three times.
                let word = if flat { stem(word) } else { word };
                f.push((format!("{pre}word:{sign}{word}"), 1.0));
            }
        }
        // On flat text each changed word is also read with its neighbours: what an edit means
        // ("not" after "shall", "only" before "where") lies at its edges as much as in its words.
        // The pair is of stems, as the words are, for the same reason.
        if flat {
            for (sign, w, changed) in [('+', n, ins), ('-', o, del)] {
                for i in 1..w.len() {
                    if changed[i] || changed[i - 1] {
                        f.push((
                            format!("{pre}pair:{sign}{}_{}", stem(&w[i - 1]), stem(&w[i])),
                            1.0,
                        ));
                    }
                }
            }
        }
        for (side, w, changed) in [("added", n, ins), ("deleted", o, del)] {
            let size = changed.iter().filter(|&&c| c).count();
            if size > 0 {
                f.push((format!("{pre}size:{side}"), (1.0 + size as f64).ln()));
            }
            for (g, count) in self.count(w, changed).into_iter().enumerate() {
                if count > 0 {
                    let name = format!("{pre}cue:{}:{side}", self.names[g]);
                    f.push((name, (1.0 + count as f64).ln()));
                }
            }
        }
        f.sort_by(|a, b| a.0.cmp(&b.0));
        f.dedup_by(|a, b| a.0 == b.0);
        f
    }
}

/// Whether a change's text is flat, as published amendment data is: lower case with its punctuation
/// stripped, so no sentence or clause can be told apart and the rules' reading is a guess.
pub fn is_flat(old: &str, new: &str) -> bool {
    !(old.chars().chain(new.chars()))
        .any(|c| c.is_uppercase() || matches!(c, '.' | ',' | ';' | ':' | '(' | ')'))
}

#[cfg(test)]
mod tests;
