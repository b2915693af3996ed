//! Edits that change wording but not force: cross-reference numbers, gender-neutral rewrites, spelling
//! fixes, word forms ("using" -> "use"), words moved within the sentence, spelt-out abbreviations, the
//! bound party named otherwise, and "not only ... but also" in place of "and".

use super::{Ev, Finding};
use crate::classify::frame::Frame;
use crate::classify::lexicon::{Cue, PartyCue};
use crate::classify::text::{stem, tokenize};
use std::collections::BTreeMap;
use std::ops::Range;

/// "not only ... but also" and "as well as" are emphasis: claim them, and an "and" they replace.
pub fn connectives(ev: &mut Ev<'_>) {
    let neutral = |f: &Frame| -> Vec<std::ops::Range<usize>> {
        f.hits
            .iter()
            .filter(|h| h.cues.iter().any(|c| matches!(c, Cue::Neutral)))
            .map(|h| h.start..h.end)
            .collect()
    };
    let added: Vec<_> = neutral(ev.new)
        .into_iter()
        .filter(|r| ev.all_inserted(r.clone()))
        .collect();
    let removed: Vec<_> = neutral(ev.old)
        .into_iter()
        .filter(|r| ev.all_deleted(r.clone()))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return;
    }
    for r in &added {
        ev.claim_new(r.clone());
    }
    for r in &removed {
        ev.claim_old(r.clone());
    }
    let mut quoted = Vec::new();
    for h in ev.hunks.clone() {
        let ins_neutral = added.iter().any(|r| h.new.contains(&r.start));
        let del_neutral = removed.iter().any(|r| h.old.contains(&r.start));
        if ins_neutral {
            for i in h.old.clone() {
                if ev.old.toks[i].norm == "and" {
                    ev.claim_old(i..i + 1);
                }
            }
        }
        if del_neutral {
            for i in h.new.clone() {
                if ev.new.toks[i].norm == "and" {
                    ev.claim_new(i..i + 1);
                }
            }
        }
    }
    for r in &added {
        quoted.push(ev.quote_new(r.clone()));
    }
    let q = quoted.join(" ... ");
    if !q.is_empty() {
        ev.push(
            Finding::new(
                "emphasis-only",
                0.0,
                format!("'{q}' adds emphasis, not force: it negates nothing."),
            )
            .quoting(None, Some(q)),
        );
    }
}

/// Whether two words are one word spelt two ways ("exept", "except"): close in letters, long enough
/// that a near miss is not another word, and not figures.
pub(crate) fn typo(a: &str, b: &str) -> bool {
    a.len() >= 5
        && b.len() >= 5
        && edit_distance(a, b) <= 2
        && !a.chars().any(|c| c.is_ascii_digit())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The most words a document's title after its number may have ("Policy 1035, Personnel Complaints").
const TITLE_WORDS: usize = 6;

/// Tokens that belong to a cross-reference ("Section 300.5", "subsection (c)(2)", "Section 287(g) of
/// the Immigration and Nationality Act").
fn references(f: &Frame) -> Vec<bool> {
    let mut out = vec![false; f.toks.len()];
    for h in &f.hits {
        if !h.cues.iter().any(|c| matches!(c, Cue::Reference)) {
            continue;
        }
        let mut i = h.end;
        let is_ref_part = |s: &str| {
            s.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (s.len() <= 8
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.')
                    && !matches!(
                        s,
                        "of" | "the" | "and" | "or" | "to" | "as" | "in" | "for" | "a"
                    ))
        };
        // The number itself comes first ("4.2", "1035", "(c)", "iv", "ix.c"): a longer word there
        // is the sentence going on ("this policy applies", "an order allowing entry").
        let opens = |s: &str| {
            s.starts_with(|c: char| c.is_ascii_digit())
                || s.split('.')
                    .next()
                    .is_some_and(|head| head.chars().count() <= 3)
        };
        if !f.toks.get(i).is_some_and(|t| t.word && opens(&t.norm)) {
            continue;
        }
        while f
            .toks
            .get(i)
            .is_some_and(|t| t.word && is_ref_part(&t.norm))
            && i < h.end + 5
        {
            i += 1;
        }
        if i == h.end {
            continue;
        }
        // "... of the Immigration and Nationality Act": the title belongs to the reference.
        if f.toks.get(i).is_some_and(|t| t.norm == "of") {
            if let Some(k) = (i..(i + 8).min(f.toks.len())).find(|&k| {
                matches!(
                    f.toks[k].norm.as_str(),
                    "act" | "code" | "statute" | "statutes" | "regulations" | "ordinance"
                )
            }) {
                i = k + 1;
            }
        }
        // "Policy 1035, Personnel Complaints": a title in capitals after a comma names the document
        // the number does.
        let capital = |k: usize| {
            f.toks.get(k).is_some_and(|t| {
                t.word
                    && f.text
                        .get(t.span.clone())
                        .is_some_and(|w| w.starts_with(char::is_uppercase))
            })
        };
        if f.toks.get(i).is_some_and(|t| t.norm == ",") && capital(i + 1) {
            let mut k = i + 1;
            while k < (i + 1 + TITLE_WORDS).min(f.toks.len())
                && (capital(k)
                    || (matches!(f.toks[k].norm.as_str(), "and" | "of" | "the" | "for")
                        && capital(k + 1)))
            {
                k += 1;
            }
            i = k;
        }
        for slot in out.iter_mut().take(i).skip(h.start) {
            *slot = true;
        }
    }
    out
}

/// The words of a sentence outside its changed runs.
fn kept_words<'f>(f: &'f Frame, changed: &[bool]) -> Vec<&'f str> {
    f.toks
        .iter()
        .zip(changed)
        .filter(|(t, c)| t.word && !**c)
        .map(|(t, _)| t.norm.as_str())
        .collect()
}

pub fn apply(ev: &mut Ev<'_>) {
    // Moved words first, so a number that moved into a reference still counts as moved.
    moved(ev);
    let (ro, rn) = (references(ev.old), references(ev.new));
    let mut xref: Vec<(String, String)> = Vec::new();
    let mut spelling: Vec<(String, String)> = Vec::new();
    let mut pronoun: Vec<(String, String)> = Vec::new();
    let mut renamed: Vec<(String, String)> = Vec::new();
    // The words both versions kept: what a replaced pronoun's noun must come from. Most hunks never
    // ask, so they are gathered on the first question.
    let (old_frame, new_frame) = (ev.old, ev.new);
    let mut context: Option<Vec<String>> = None;
    for h in ev.hunks.clone() {
        let open_old: Vec<usize> = h
            .old
            .clone()
            .filter(|&i| !ev.claimed_old[i] && ev.old.toks[i].is_content())
            .collect();
        let open_new: Vec<usize> = h
            .new
            .clone()
            .filter(|&i| !ev.claimed_new[i] && ev.new.toks[i].is_content())
            .collect();
        if open_old.is_empty() && open_new.is_empty() {
            continue;
        }
        // Quoted only for the reasons that cite them.
        let quotes = |ev: &Ev<'_>| (ev.quote_old(h.old.clone()), ev.quote_new(h.new.clone()));
        // Only reference numbers changed.
        if open_old.iter().all(|&k| ro[k]) && open_new.iter().all(|&k| rn[k]) {
            ev.claim_old(h.old.clone());
            ev.claim_new(h.new.clone());
            xref.push(quotes(ev));
            continue;
        }
        // The bound party named otherwise in the subject ("The agency may ..." -> "The Department
        // may ..."): the same side is bound, so the norm binds as before.
        if bound_party_renamed(ev, &open_old, &open_new) {
            ev.claim_old(h.old.clone());
            ev.claim_new(h.new.clone());
            renamed.push(quotes(ev));
            continue;
        }
        // One word respelt, or the same word in another form.
        if let ([a], [b]) = (open_old.as_slice(), open_new.as_slice()) {
            let (wa, wb) = (&ev.old.toks[*a].norm, &ev.new.toks[*b].norm);
            let same_form = stem(wa) == stem(wb);
            let typo = typo(wa, wb);
            if same_form || typo {
                ev.claim_old(*a..*a + 1);
                ev.claim_new(*b..*b + 1);
                if typo && !same_form {
                    spelling.push(quotes(ev));
                }
                continue;
            }
        }
        // A pronoun replaced by the noun it stands for ("him or her" -> "the suspect"), or a noun by
        // its pronoun ("justified the stop" -> "justified it"): one side is only pronouns, and the
        // other side's words name something the clause already names.
        let all_pronouns = |f: &Frame, open: &[usize], r: std::ops::Range<usize>| {
            open.iter().all(|&k| is_pronoun(f, k)) && r.clone().any(|k| is_pronoun(f, k))
        };
        let named = if all_pronouns(ev.old, &open_old, h.old.clone()) {
            Some((new_frame, &open_new))
        } else if all_pronouns(ev.new, &open_new, h.new.clone()) {
            Some((old_frame, &open_old))
        } else {
            None
        };
        if let Some((f, open)) = named {
            // The noun may stand earlier in the clause than this sentence or piece does.
            let clause = ev.around.clauses.0;
            let context = context.get_or_insert_with(|| {
                let mut c: Vec<String> = kept_words(old_frame, &ev.del)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                c.extend(
                    kept_words(new_frame, &ev.ins)
                        .into_iter()
                        .map(str::to_string),
                );
                c.extend(
                    tokenize(clause)
                        .into_iter()
                        .filter(|t| t.word)
                        .map(|t| t.norm.to_string()),
                );
                c
            });
            if open
                .iter()
                .all(|&k| context.iter().any(|c| *c == f.toks[k].norm))
            {
                ev.claim_old(h.old.clone());
                ev.claim_new(h.new.clone());
                pronoun.push(quotes(ev));
            }
        }
    }
    acronyms(ev);
    if !xref.is_empty() {
        let (d, i) = join(&xref);
        ev.push(
            Finding::new(
                "cross-reference",
                0.0,
                format!("'{d}' became '{i}': only a cross-reference changed; check that it still points to the same rule."),
            )
            .quoting(Some(d), Some(i))
            .flagged(),
        );
    }
    ev.findings.extend(spelling_fixed(&spelling));
    if !renamed.is_empty() {
        let (d, i) = join(&renamed);
        ev.push(
            Finding::new(
                "party-renamed",
                0.0,
                format!("'{d}' became '{i}': the party the policy binds, named another way, so the norm binds as before."),
            )
            .quoting(Some(d), Some(i)),
        );
    }
    if !pronoun.is_empty() {
        let (d, i) = join(&pronoun);
        ev.push(
            Finding::new(
                "gender-neutral",
                0.0,
                format!("'{d}' became '{i}': the same person or thing named another way (a pronoun for its noun), so the meaning is the same."),
            )
            .quoting(Some(d), Some(i)),
        );
    }
}

/// Whether a changed run only swaps one name of the regulated party for another in the subject of
/// both sentences, each bound as before. A protected party renamed ("passengers" -> "occupants") may
/// name other people, so it is left to the scope rules.
fn bound_party_renamed(ev: &Ev<'_>, open_old: &[usize], open_new: &[usize]) -> bool {
    let regulated_subject = |f: &Frame, open: &[usize]| {
        // Most changed runs are not in the subject: that is asked before the parties are read.
        if open.is_empty() || !open.iter().all(|k| f.subject.contains(k)) {
            return false;
        }
        let hits = ev.lex.parties().scan(&f.toks[f.subject.clone()]);
        open.iter().all(|&k| {
            hits.iter().any(|h| {
                (f.subject.start + h.start..f.subject.start + h.end).contains(&k)
                    && h.cues.contains(&PartyCue::Regulated)
            })
        })
    };
    ev.old.bearer == ev.new.bearer
        && regulated_subject(ev.old, open_old)
        && regulated_subject(ev.new, open_new)
}

fn is_pronoun(f: &Frame, k: usize) -> bool {
    f.hits
        .iter()
        .any(|h| h.start <= k && k < h.end && h.cues.iter().any(|c| matches!(c, Cue::Pronoun)))
}

/// The finding for words respelt (as they were, as they are), if any: here, and for the lexicon's
/// words read as respelt before the rules run (see `classify::respelt`).
pub(crate) fn spelling_fixed(pairs: &[(String, String)]) -> Option<Finding> {
    (!pairs.is_empty()).then(|| {
        let (d, i) = join(pairs);
        Finding::new(
            "spelling",
            0.0,
            format!("'{d}' became '{i}': a spelling fix."),
        )
        .quoting(Some(d), Some(i))
    })
}

fn join(pairs: &[(String, String)]) -> (String, String) {
    let d: Vec<&str> = pairs
        .iter()
        .map(|p| p.0.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let i: Vec<&str> = pairs
        .iter()
        .map(|p| p.1.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    (d.join("; "), i.join("; "))
}

/// The whole sentence rebuilt from the same words: the same operator, the same content words (up to a
/// word form: "keep" -> "kept"), the same negations and the same exceptions and gates, in another order
/// or voice ("The controller shall keep a record" -> "A record shall be kept by the controller"; "When
/// an officer fires, he shall report" -> "An officer who fires shall report"). Read before the other
/// rules, which would otherwise take each moved phrase for a deletion and an addition.
pub fn restructured(ev: &mut Ev<'_>) -> bool {
    let (o, n) = (ev.old, ev.new);
    if o.op != n.op {
        return false;
    }
    // Condition words ("when", "if") may become a relative clause ("an officer who ..."), so they
    // are compared by what they hold, not by the trigger itself.
    let content = |f: &Frame| -> Vec<String> {
        let trigger = |i: usize| {
            f.hits.iter().any(|h| {
                (h.start..h.end).contains(&i) && h.cues.iter().any(|c| matches!(c, Cue::Condition))
            })
        };
        // An auxiliary comes and goes with the voice and tense ("signed by a judge" -> "that a judge
        // has signed"), so it is not one of the words compared.
        let auxiliary = |i: usize| {
            matches!(
                f.toks[i].norm.as_str(),
                "has" | "have" | "had" | "do" | "does" | "did" | "being"
            )
        };
        let mut v: Vec<String> = (0..f.toks.len())
            .filter(|&i| {
                f.toks[i].is_content() && !f.modal.contains(&i) && !trigger(i) && !auxiliary(i)
            })
            .map(|i| stem(&f.toks[i].norm).to_string())
            .collect();
        v.sort();
        v
    };
    // Something must have moved: content words, one word that now stands elsewhere in another form
    // ("signed by a judge" -> "that a judge has signed"), or a condition turned into another
    // construction. A single word swapped in place is left to the rules that name it.
    let deleted: Vec<usize> = (0..o.toks.len())
        .filter(|&i| ev.del[i] && o.toks[i].is_content())
        .collect();
    let relocated = deleted.iter().any(|&i| {
        !o.modal.contains(&i)
            && (0..n.toks.len()).any(|j| {
                ev.ins[j]
                    && n.toks[j].is_content()
                    && stem(&n.toks[j].norm) == stem(&o.toks[i].norm)
            })
    });
    let condition_touched = |f: &Frame, changed: &[bool]| {
        f.hits.iter().any(|h| {
            h.cues.iter().any(|c| matches!(c, Cue::Condition))
                && (h.start..h.end).any(|i| changed.get(i) == Some(&true))
        })
    };
    if deleted.len() < 2
        && !relocated
        && !condition_touched(o, &ev.del)
        && !condition_touched(n, &ev.ins)
    {
        return false;
    }
    let (mut a, mut b) = (content(o), content(n));
    // Drop the words both sides share; what is left must pair up as forms of one word.
    let mut i = 0;
    while i < a.len() {
        if let Some(j) = b.iter().position(|w| *w == a[i]) {
            b.remove(j);
            a.remove(i);
        } else {
            i += 1;
        }
    }
    // One side may name again a party the sentence already names ("the reason for the stop" -> "why
    // the driver was stopped", where the driver is the one told): that restates, it adds no one. Only
    // one such word, and only where no list grew, since a repeated word after "and" would be new.
    let coordinators = |f: &Frame| {
        f.toks
            .iter()
            .filter(|t| matches!(t.norm.as_str(), "and" | "or"))
            .count()
    };
    if a.len() != b.len() && coordinators(o) == coordinators(n) {
        let (longer, named) = if a.len() > b.len() {
            (&mut a, content(n))
        } else {
            (&mut b, content(o))
        };
        if let Some(k) = longer.iter().position(|w| named.contains(w)) {
            longer.remove(k);
        }
    }
    if a.len() != b.len() || a.len() > 2 {
        return false;
    }
    let form_of = |x: &str, y: &str| {
        x.len() >= 4
            && y.len() >= 4
            && x.chars().all(char::is_alphabetic)
            && y.chars().all(char::is_alphabetic)
            // By characters: a word may open with a letter of more than one byte ("Müller").
            && x.chars().take(2).eq(y.chars().take(2))
            && edit_distance(x, y) <= 2
    };
    if !a.iter().zip(&b).all(|(x, y)| form_of(x, y)) {
        return false;
    }
    let negations = &ev.lex.spec().negation.words;
    let marks = |f: &Frame| -> Vec<String> {
        let mut v: Vec<String> = f
            .hits
            .iter()
            .filter(|h| {
                h.cues.iter().any(|c| {
                    matches!(
                        c,
                        Cue::Exception | Cue::Gate | Cue::NegativeSubject | Cue::NegatedVerb
                    )
                })
            })
            .map(|h| {
                f.toks[h.start..h.end]
                    .iter()
                    .map(|t| t.norm.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .chain(
                f.toks
                    .iter()
                    .filter(|t| negations.iter().any(|w| *w == t.norm))
                    .map(|t| t.norm.to_string()),
            )
            .collect();
        v.sort();
        v
    };
    if marks(o) != marks(n) {
        return false;
    }
    let (no, nn) = (o.toks.len(), n.toks.len());
    ev.claim_old(0..no);
    ev.claim_new(0..nn);
    ev.push(Finding::new(
        "reordered",
        0.0,
        "The sentence was rebuilt from the same words in another order or voice; the same words carry the same force.".to_string(),
    ));
    true
}

/// Content words deleted in one place and inserted in another: a reordering, not a change.
fn moved(ev: &mut Ev<'_>) {
    let mut pool: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, t) in ev.old.toks.iter().enumerate() {
        if ev.del[i] && !ev.claimed_old[i] && t.is_content() {
            pool.entry(stem(&t.norm).to_string()).or_default().push(i);
        }
    }
    let mut count = 0;
    for j in 0..ev.new.toks.len() {
        let t = &ev.new.toks[j];
        if !(ev.ins[j] && !ev.claimed_new[j] && t.is_content()) {
            continue;
        }
        if let Some(v) = pool.get_mut(stem(&t.norm)) {
            if let Some(i) = v.pop() {
                ev.claim_old(i..i + 1);
                ev.claim_new(j..j + 1);
                count += 1;
            }
        }
    }
    if count >= 2 {
        ev.push(Finding::new(
            "reordered",
            0.0,
            format!("{count} words were moved within the sentence; the same words carry the same force."),
        ));
    }
}

/// "ICE" spelt out as "Immigration and Customs Enforcement", beside it or in its place, and the
/// reverse: an abbreviation put for the words it stands for names the same thing.
fn acronyms(ev: &mut Ev<'_>) {
    // Abbreviations are written in capitals ("ICE", "DHS"): each with its token.
    let caps = |f: &Frame| -> Vec<(usize, String)> {
        f.toks
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.word
                    && (2..=6).contains(&t.norm.len())
                    && f.text
                        .get(t.span.clone())
                        .is_some_and(|s| s.chars().all(|c| c.is_ascii_uppercase()))
            })
            .map(|(i, t)| (i, t.norm.to_string()))
            .collect()
    };
    let (old, new) = (caps(ev.old), caps(ev.new));
    let either: Vec<(usize, String)> = old.iter().chain(&new).cloned().collect();
    // Spelt out in the new words: the abbreviation stands in either version; where the old one was
    // deleted, the new words took its place and it is read too.
    for (run, letters) in spelt_out(ev.new, &ev.ins, &either) {
        ev.claim_new(run);
        let gone: Vec<usize> = old
            .iter()
            .filter(|(i, a)| *a == letters && ev.del[*i])
            .map(|(i, _)| *i)
            .collect();
        for i in gone {
            ev.claim_old(i..i + 1);
        }
    }
    // Spelt out in the old words and abbreviated in the new.
    for (run, letters) in spelt_out(ev.old, &ev.del, &new) {
        let put: Vec<usize> = new
            .iter()
            .filter(|(i, a)| *a == letters && ev.ins[*i])
            .map(|(i, _)| *i)
            .collect();
        if !put.is_empty() {
            ev.claim_old(run);
            for i in put {
                ev.claim_new(i..i + 1);
            }
        }
    }
}

/// The runs of changed words of `f` whose initials spell one of `abbreviations`, with the letters
/// they spell. Small words ("and", "of") and dotted ones ("U.S.") give no letter.
fn spelt_out(
    f: &Frame,
    changed: &[bool],
    abbreviations: &[(usize, String)],
) -> Vec<(Range<usize>, String)> {
    let known = |l: &str| abbreviations.iter().any(|(_, a)| a == l);
    let n = f.toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !changed[i] || !f.toks[i].word {
            i += 1;
            continue;
        }
        let mut letters = String::new();
        let mut j = i;
        let mut matched = None;
        while j < n && changed[j] && f.toks[j].word {
            let w = &f.toks[j].norm;
            if !matches!(w.as_str(), "and" | "of" | "for" | "the" | "on") && !w.contains('.') {
                if let Some(c) = w.chars().next() {
                    letters.push(c);
                }
            }
            if letters.len() >= 2 && known(&letters) {
                matched = Some((j, letters.clone()));
            }
            j += 1;
        }
        match matched {
            Some((end, l)) => {
                out.push((i..end + 1, l));
                i = end + 1;
            }
            None => i += 1,
        }
    }
    out
}
