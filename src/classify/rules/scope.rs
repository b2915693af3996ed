//! Exceptions, gates and conditions added or removed; who is bound; and, for edits no specific rule
//! explained, whether they widen or narrow the part of the sentence they sit in.
//!
//! The effect of a widening depends on where it sits and on the host: widening what a ban covers
//! strengthens, widening an exception to it weakens, widening what a permission covers weakens.
//! Effect = widening sign x host polarity x place sign (exception -1, anything else +1).

use super::{Ev, Finding};
use crate::classify::frame::{Bearer, Frame, SlotKind};
use crate::classify::lexicon::{Cue, Lexicon, Op};
use crate::classify::text::Tok;
use std::ops::Range;

pub fn host(op: Op) -> &'static str {
    match op {
        Op::Obligation => "the duty",
        Op::Prohibition => "the ban",
        Op::Advisory | Op::AdvisoryNegative => "the recommendation",
        Op::Permission => "the permission",
        Op::NoObligation => "the exemption",
        _ => "the rule",
    }
}

fn verdict_words(w: f64) -> &'static str {
    if w > 0.0 {
        "so the policy is stricter"
    } else {
        "so the policy is looser"
    }
}

/// Exceptions, gates and conditions that appear or disappear with their trigger word.
pub fn slots(ev: &mut Ev<'_>) {
    let (po, pn) = ev.polarity();
    let added: Vec<_> = ev
        .new
        .slots
        .iter()
        .filter(|s| ev.all_inserted(s.trigger.clone()) && !ev.claimed_new[s.trigger.start])
        .cloned()
        .collect();
    let mut removed: Vec<_> = ev
        .old
        .slots
        .iter()
        .filter(|s| ev.all_deleted(s.trigger.clone()) && !ev.claimed_old[s.trigger.start])
        .cloned()
        .collect();
    for s in &added {
        // A reworded trigger ("unless" -> "except when") is not a new exception: pair it with a removed
        // one of the same kind and let the words inside be read as edits.
        if let Some(k) = removed.iter().position(|r| r.kind == s.kind) {
            let r = removed.remove(k);
            ev.claim_old(r.trigger.clone());
            ev.claim_new(s.trigger.clone());
            continue;
        }
        let inserted: Vec<usize> = s.span.clone().filter(|&i| ev.ins[i]).collect();
        for &i in &inserted {
            ev.claim_new(i..i + 1);
        }
        if pn == 0.0 {
            continue;
        }
        let base = if s.kind == SlotKind::Condition {
            0.5
        } else {
            1.0
        };
        let w = -pn * base;
        let q = ev.quote_new(s.span.clone());
        let what = match (s.kind, w > 0.0) {
            (SlotKind::Exception, false) => format!(
                "a new exception lets {} be set aside in those cases",
                host(ev.new.op)
            ),
            (SlotKind::Exception, true) => format!(
                "a new exception takes those cases out of {}",
                host(ev.new.op)
            ),
            (_, _) => format!("{} now applies only in those cases", host(ev.new.op)),
        };
        let rule = match s.kind {
            SlotKind::Exception => "exception-added",
            SlotKind::Gate => "gate-added",
            SlotKind::Condition => "condition-added",
        };
        ev.push(
            Finding::new(
                rule,
                w,
                format!("'{q}' was added: {what}, {}.", verdict_words(w)),
            )
            .quoting(None, Some(q)),
        );
    }
    for r in &removed {
        let deleted: Vec<usize> = r.span.clone().filter(|&i| ev.del[i]).collect();
        for &i in &deleted {
            ev.claim_old(i..i + 1);
        }
        // When the operator itself changed, the old host's qualifiers went with it.
        if po == 0.0 || ev.op_changed {
            continue;
        }
        let base = if r.kind == SlotKind::Condition {
            0.5
        } else {
            1.0
        };
        let w = po * base;
        let q = ev.quote_old(r.span.clone());
        let what = match r.kind {
            SlotKind::Exception => format!("{} no longer has that exception", host(ev.old.op)),
            _ => format!("{} no longer depends on that condition", host(ev.old.op)),
        };
        let rule = match r.kind {
            SlotKind::Exception => "exception-removed",
            SlotKind::Gate => "gate-removed",
            SlotKind::Condition => "condition-removed",
        };
        ev.push(
            Finding::new(
                rule,
                w,
                format!("'{q}' was deleted: {what}, {}.", verdict_words(w)),
            )
            .quoting(Some(q), None),
        );
    }
}

fn restrictive_subject(f: &Frame) -> bool {
    f.hits.iter().any(|h| {
        f.subject.contains(&h.start) && h.cues.iter().any(|c| matches!(c, Cue::Restrictive))
    })
}

/// "All members shall" -> "A majority of the members shall": fewer people are bound.
pub fn quantifiers(ev: &mut Ev<'_>) {
    let (ro, rn) = (restrictive_subject(ev.old), restrictive_subject(ev.new));
    let quant = |f: &Frame| -> Vec<Range<usize>> {
        f.hits
            .iter()
            .filter(|h| {
                f.subject.contains(&h.start)
                    && h.cues.iter().any(|c| {
                        matches!(c, Cue::Restrictive | Cue::Universal | Cue::NegativeSubject)
                    })
            })
            .map(|h| h.start..h.end)
            .collect()
    };
    let (qo, qn) = (quant(ev.old), quant(ev.new));
    let changed = qo.iter().any(|r| ev.any_deleted(r.clone()))
        || qn.iter().any(|r| ev.any_inserted(r.clone()));
    if !changed {
        return;
    }
    let sub_o = ev.old.subject.clone();
    let sub_n = ev.new.subject.clone();
    for r in qo {
        ev.claim_old(r);
    }
    for r in qn {
        ev.claim_new(r);
    }
    if ro == rn {
        return;
    }
    let (_, pn) = ev.polarity();
    let b = if rn { -1.0 } else { 1.0 };
    let w = b * pn;
    if w == 0.0 {
        return;
    }
    let (a, c) = (ev.quote_old(sub_o), ev.quote_new(sub_n));
    ev.push(
        Finding::new(
            if b > 0.0 {
                "bound-widened"
            } else {
                "bound-narrowed"
            },
            w,
            format!(
                "'{a}' became '{c}': {} are bound by {}, {}.",
                if b > 0.0 { "more" } else { "fewer" },
                host(ev.new.op),
                verdict_words(w)
            ),
        )
        .quoting(Some(a), Some(c)),
    );
}

const COORDINATORS: &[&str] = &[
    ",",
    ";",
    "or",
    "and",
    "nor",
    "but",
    "plus",
    "also",
    "including",
];
const RELATIVES: &[&str] = &["who", "that", "which", "whose", "whom", "where"];

/// +1 when an edit widens what its phrase covers, -1 when it narrows it, 0 when it cannot tell.
/// `del` and `ins` are the deleted and inserted tokens of one changed run.
pub fn widening(del: &[Tok], ins: &[Tok], lex: &Lexicon) -> i32 {
    widening_in(del, ins, lex, false, false)
}

/// Like [`widening`]; `condition` says the edit sits in a condition, gate or exception, where an "and"
/// joins requirements: dropping one ("and has notified a supervisor") makes the condition easier to
/// meet, so it widens, where dropping an item from a list narrows. `listed` says the edit stands
/// between a content word and an "and" or "or" ("supply heat water [gas] and light"):
/// an item of a list whose commas are gone, not a modifier of the word after it.
pub fn widening_in(del: &[Tok], ins: &[Tok], lex: &Lexicon, condition: bool, listed: bool) -> i32 {
    let conjunctive = |t: &[Tok]| {
        condition && t.iter().any(|x| x.norm == "and") && !t.iter().any(|x| x.norm == "or")
    };
    let content = |t: &[Tok]| t.iter().filter(|x| x.is_content()).count();
    let (cd, ci) = (content(del), content(ins));
    let (wd, wi) = (words(del), words(ins));
    fn words(t: &[Tok]) -> Vec<&str> {
        t.iter()
            .filter(|x| x.word)
            .map(|x| x.norm.as_str())
            .collect()
    }
    // "and" -> "or" loosens a condition; "or" -> "and" tightens it.
    if cd == 0 && ci == 0 {
        if wd.contains(&"and") && wi.contains(&"or") {
            return 1;
        }
        if wd.contains(&"or") && wi.contains(&"and") {
            return -1;
        }
    }
    // A whole item added to or dropped from a list ("..., or a witness"): its inner qualifiers
    // describe the item, not the list.
    let lead = |t: &[Tok]| {
        t.first()
            .is_some_and(|x| COORDINATORS.contains(&x.norm.as_str()))
    };
    match (cd > 0, ci > 0) {
        (false, true) if lead(ins) => return if conjunctive(ins) { -1 } else { 1 },
        (true, false) if lead(del) => return if conjunctive(del) { 1 } else { -1 },
        _ => {}
    }
    let count = |t: &[Tok], pred: &dyn Fn(&Cue) -> bool| {
        lex.cues()
            .scan(t)
            .iter()
            .filter(|h| h.cues.iter().any(pred))
            .count() as i32
    };
    let universal = |c: &Cue| matches!(c, Cue::Universal);
    let restrictive = |c: &Cue| matches!(c, Cue::Restrictive);
    // "any" -> "every": one word of all for another.
    let only_universal = |t: &[Tok]| {
        let hits = lex.cues().scan(t);
        let words: Vec<usize> = (0..t.len()).filter(|&i| t[i].word).collect();
        !words.is_empty()
            && words.iter().all(|&i| {
                hits.iter()
                    .any(|h| (h.start..h.end).contains(&i) && h.cues.iter().any(universal))
            })
    };
    if only_universal(del) && only_universal(ins) {
        return 0;
    }
    let q = count(ins, &universal) - count(del, &universal) + count(del, &restrictive)
        - count(ins, &restrictive);
    if q != 0 {
        return q.signum();
    }
    let first = |t: &[Tok]| t.first().map(|x| x.norm.clone()).unwrap_or_default();
    let coord = |t: &[Tok]| {
        t.iter()
            .filter(|x| COORDINATORS.contains(&x.norm.as_str()))
            .count()
    };
    let piece = |t: &[Tok]| -> i32 {
        let f = first(t);
        if COORDINATORS.contains(&f.as_str()) {
            1
        } else if RELATIVES.contains(&f.as_str()) {
            -1
        } else if coord(t) > 0 || listed {
            1
        } else {
            // A modifier added to a noun phrase narrows it ("a written complaint").
            -1
        }
    };
    match (cd > 0, ci > 0) {
        (false, true) => piece(ins),
        (true, false) => -piece(del),
        (true, true) => (coord(ins) as i32 - coord(del) as i32).signum(),
        (false, false) => 0,
    }
}

/// Edits left unexplained by the specific rules, read as widening or narrowing where they sit.
///
/// When those readings point both ways in one sentence ("Prior to the commencement of" -> "Before",
/// "interrogating officer" -> "officer conducting it"), the sentence was reworded, and a count of
/// words gained against words lost is no measure of its reach: they give way to one neutral finding.
pub fn leftovers(ev: &mut Ev<'_>) {
    let (_, pn) = ev.polarity();
    if pn == 0.0 {
        return;
    }
    // Each reading with the edit it read, in words.
    let mut found: Vec<(Finding, String)> = Vec::new();
    let hunks = ev.hunks.clone();
    for h in hunks {
        let open_old: Vec<usize> = h.old.clone().filter(|&i| !ev.claimed_old[i]).collect();
        let open_new: Vec<usize> = h.new.clone().filter(|&i| !ev.claimed_new[i]).collect();
        let has_content = open_old.iter().any(|&i| ev.old.toks[i].is_content())
            || open_new.iter().any(|&i| ev.new.toks[i].is_content());
        let swap = open_old
            .iter()
            .any(|&i| matches!(ev.old.toks[i].norm.as_str(), "and" | "or"))
            && open_new
                .iter()
                .any(|&i| matches!(ev.new.toks[i].norm.as_str(), "and" | "or"));
        if !has_content && !swap {
            continue;
        }
        let del: Vec<Tok> = h
            .old
            .clone()
            .filter_map(|i| ev.old.toks.get(i).cloned())
            .collect();
        let ins: Vec<Tok> = h
            .new
            .clone()
            .filter_map(|i| ev.new.toks.get(i).cloned())
            .collect();
        // Where the edit sits in the new sentence (or, for a pure deletion, the old one).
        let (frame, at) = if !h.new.is_empty() {
            (ev.new, h.new.start)
        } else {
            (ev.old, h.old.start)
        };
        let slot = frame.slot_at(at).map(|s| s.kind);
        let in_subject = frame.subject.contains(&at);
        // In a list of excepted cases "and" adds a case; elsewhere in a slot it adds a requirement.
        let requirements = frame.slot_at(at).is_some_and(|s| {
            let trigger = frame.toks[s.trigger.clone()]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            !(s.kind == SlotKind::Exception && ev.lex.spec().case_exceptions.contains(&trigger))
        });
        // "..., and shall submit" leaves its subject to the sentence before: supplying or dropping
        // it is not a change of who is bound.
        let elided = |f: &Frame| !f.toks[f.subject.clone()].iter().any(|t| t.is_content());
        // Only an edit that stays inside the subjects is the subject supplied or dropped; one that
        // runs on into the rest of the sentence rewrote more than who is bound.
        let inside = |f: &Frame, r: &Range<usize>| {
            r.is_empty() || (f.subject.start <= r.start && r.end <= f.subject.end)
        };
        if in_subject
            && slot.is_none()
            && (elided(ev.old) || elided(ev.new))
            && inside(ev.old, &h.old)
            && inside(ev.new, &h.new)
        {
            for i in h.old.clone() {
                ev.claim_old(i..i + 1);
            }
            for i in h.new.clone() {
                ev.claim_new(i..i + 1);
            }
            continue;
        }
        // A run alone between a content word and "and"/"or" is an item of the list they close.
        let listed = |toks: &[Tok], r: &Range<usize>| {
            r.start > 0
                && toks.get(r.start - 1).is_some_and(Tok::is_content)
                && toks
                    .get(r.end)
                    .is_some_and(|t| matches!(t.norm.as_str(), "and" | "or"))
        };
        let listed = match (h.old.is_empty(), h.new.is_empty()) {
            (true, false) => listed(&ev.new.toks, &h.new),
            (false, true) => listed(&ev.old.toks, &h.old),
            _ => false,
        };
        let b = widening_in(&del, &ins, ev.lex, requirements, listed);
        if b == 0 {
            continue;
        }
        let place = if slot == Some(SlotKind::Exception) {
            -1.0
        } else {
            1.0
        };
        let w = f64::from(b) * pn * place * 0.75;
        for i in h.old.clone() {
            ev.claim_old(i..i + 1);
        }
        for i in h.new.clone() {
            ev.claim_new(i..i + 1);
        }
        let what = match slot {
            Some(SlotKind::Exception) => "the exception".to_string(),
            Some(SlotKind::Gate) | Some(SlotKind::Condition) => "the condition".to_string(),
            // A subject that names no party ("the detection mechanisms") says what the rule
            // covers, not who it binds.
            None if in_subject
                && (ev.old.bearer, ev.new.bearer) != (Bearer::Unknown, Bearer::Unknown) =>
            {
                "who is bound".to_string()
            }
            None => format!("what {} covers", host(ev.new.op)),
        };
        let (d, i) = (ev.quote_old(h.old.clone()), ev.quote_new(h.new.clone()));
        let change = match (d.is_empty(), i.is_empty()) {
            (true, _) => format!("'{i}' was added to {what}"),
            (_, true) => format!("'{d}' was deleted from {what}"),
            _ => format!("'{d}' became '{i}' in {what}"),
        };
        let reach = if b > 0 { "more" } else { "fewer" };
        found.push((
            Finding::new(
                if w > 0.0 {
                    "scope-tightened"
                } else {
                    "scope-loosened"
                },
                w,
                format!(
                    "{change}: it now reaches {reach} cases, {}.",
                    verdict_words(w)
                ),
            )
            .quoting(Some(d), Some(i)),
            change,
        ));
    }
    let both_ways =
        found.iter().any(|(f, _)| f.weight > 0.0) && found.iter().any(|(f, _)| f.weight < 0.0);
    if !both_ways {
        for (f, _) in found {
            ev.push(f);
        }
        return;
    }
    let join = |side: fn(&Finding) -> Option<&String>| {
        found
            .iter()
            .filter_map(|(f, _)| side(f))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ... ")
    };
    let (d, i) = (join(|f| f.deleted.as_ref()), join(|f| f.inserted.as_ref()));
    let changes: Vec<&str> = found.iter().map(|(_, c)| c.as_str()).collect();
    ev.push(
        Finding::new(
            "scope-reworded",
            0.0,
            format!(
                "{}: some of these edits widen {} and some narrow it, so its reach reads as the same.",
                changes.join("; "),
                host(ev.new.op)
            ),
        )
        .quoting(Some(d), Some(i)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::text::tokenize;

    fn case(del: &str, ins: &str, want: i32) {
        let lex = Lexicon::builtin();
        assert_eq!(
            widening(&tokenize(del), &tokenize(ins), &lex),
            want,
            "{del:?} -> {ins:?}"
        );
    }

    /// Found by the `classify` fuzz target: a sentence rewritten from its first word on, where one
    /// version's subject has no content word, was taken whole as "the subject supplied or dropped" and
    /// came back unchanged with full confidence and no reason at all.
    #[test]
    fn a_rewrite_past_an_elided_subject_is_not_taken_for_the_subject() {
        let classifier = crate::classify::Classifier::default();
        let (old, new) = (
            "Tword:-furthers of this s",
            "o not apply to a person who has previously been removed from the country.",
        );
        let v = classifier.classify(Some(old), Some(new), &[], &Default::default());
        assert!(!v.reasons.is_empty(), "{v:?}");
        assert!(v.confidence < 1.0, "{v:?}");
    }

    #[test]
    fn widening_signs() {
        case("and", "or", 1);
        case("or", "and", -1);
        case("", ", a witness, or a caller", 1);
        case("", "who is the victim of a crime", -1);
        case("or a prior conviction", "", -1);
        case("a sample of", "all of", 1);
        case("all", "a majority of the", -1);
        case("", "imminent", -1);
        case("knowingly", "", 1);
        case("any", "every", 0);
        let lex = Lexicon::builtin();
        let t = tokenize;
        assert_eq!(
            widening_in(&t("and has told a supervisor"), &[], &lex, true, false),
            1
        );
        assert_eq!(
            widening_in(&t("and has told a supervisor"), &[], &lex, false, false),
            -1
        );
    }
}
