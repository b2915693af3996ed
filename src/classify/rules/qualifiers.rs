//! Hedges ("where feasible"), boosters ("immediately"), motive and mental-state qualifiers ("solely",
//! "knowingly"), and ladders (proof, standard of evidence, approval, form, sanction) added, removed or
//! moved up or down a rung.

use super::scope::host;
use super::{Ev, Finding};
use crate::classify::frame::{Frame, SlotKind};
use crate::classify::lexicon::{Cue, Hit};

fn stricter(w: f64) -> &'static str {
    if w > 0.0 {
        "so the policy is stricter"
    } else {
        "so the policy is looser"
    }
}

/// Hits of one category that were wholly deleted (old) or inserted (new) and not yet explained.
fn changed<'f>(
    ev: &Ev<'_>,
    f: &'f Frame,
    old_side: bool,
    pred: &dyn Fn(&Cue) -> bool,
) -> Vec<&'f Hit<Cue>> {
    f.hits
        .iter()
        .filter(|h| h.cues.iter().any(pred))
        .filter(|h| {
            let r = h.start..h.end;
            // "based on" -> "based solely on": one inserted word makes the phrase new.
            if old_side {
                ev.any_deleted(r.clone()) && !r.clone().all(|i| ev.claimed_old[i])
            } else {
                ev.any_inserted(r.clone()) && !r.clone().all(|i| ev.claimed_new[i])
            }
        })
        .collect()
}

fn phrase(f: &Frame, h: &Hit<Cue>) -> String {
    crate::classify::text::quote(&f.text, &f.toks, h.start..h.end)
}

pub fn apply(ev: &mut Ev<'_>) {
    let (po, pn) = ev.polarity();
    type Pred<'p> = &'p dyn Fn(&Cue) -> bool;
    let kinds: [(Pred, &str); 3] = [
        (&|c| matches!(c, Cue::Hedge), "hedge"),
        (&|c| matches!(c, Cue::Booster), "booster"),
        (&|c| matches!(c, Cue::Motive), "motive"),
    ];
    for (pred, kind) in kinds {
        let (old, new) = (ev.old, ev.new);
        let gone: Vec<(String, std::ops::Range<usize>)> = changed(ev, old, true, pred)
            .into_iter()
            .map(|h| (phrase(old, h), h.start..h.end))
            .collect();
        let came: Vec<(String, std::ops::Range<usize>)> = changed(ev, new, false, pred)
            .into_iter()
            .map(|h| (phrase(new, h), h.start..h.end))
            .collect();
        for (q, r) in &gone {
            ev.claim_old(r.clone());
            // The same qualifier moved elsewhere in the sentence: no change.
            if came.iter().any(|(c, _)| c.eq_ignore_ascii_case(q)) {
                continue;
            }
            let w = match kind {
                "hedge" if po > 0.0 => 1.0,
                "booster" if po > 0.0 => -0.5,
                "motive" => po,
                _ => 0.0,
            };
            if w == 0.0 {
                continue;
            }
            let what = match kind {
                "hedge" => "the excuse it gave for not complying is gone".to_string(),
                "booster" => format!("{} is no longer as firm", host(old.op)),
                _ => format!(
                    "{} no longer depends on that state of mind or motive",
                    host(old.op)
                ),
            };
            ev.push(
                Finding::new(
                    rule_name(kind, false),
                    w,
                    format!("'{q}' was deleted: {what}, {}.", stricter(w)),
                )
                .quoting(Some(q.clone()), None),
            );
        }
        for (q, r) in &came {
            ev.claim_new(r.clone());
            if gone.iter().any(|(g, _)| g.eq_ignore_ascii_case(q)) {
                continue;
            }
            let w = match kind {
                "hedge" if pn > 0.0 => -1.0,
                "booster" if pn > 0.0 => 0.5,
                "motive" => -pn,
                _ => 0.0,
            };
            if w == 0.0 {
                continue;
            }
            let what = match kind {
                "hedge" => format!(
                    "it lets {} be skipped when it is claimed to be impractical",
                    host(new.op)
                ),
                "booster" => format!("{} is firmer", host(new.op)),
                _ => format!(
                    "{} now catches only cases with that state of mind or motive",
                    host(new.op)
                ),
            };
            ev.push(
                Finding::new(
                    rule_name(kind, true),
                    w,
                    format!("'{q}' was added: {what}, {}.", stricter(w)),
                )
                .quoting(None, Some(q.clone())),
            );
        }
    }
    ladders(ev);
}

fn rule_name(kind: &str, added: bool) -> &'static str {
    match (kind, added) {
        ("hedge", true) => "hedge-added",
        ("hedge", false) => "hedge-removed",
        ("booster", true) => "booster-added",
        ("booster", false) => "booster-removed",
        (_, true) => "qualifier-added",
        (_, false) => "qualifier-removed",
    }
}

fn ladder_name(name: &str) -> String {
    match name {
        "proof" => "level of suspicion or proof".into(),
        "evidence" => "standard of proof".into(),
        "approval" => "level of approval".into(),
        "form" => "formality (spoken, written, signed)".into(),
        "assent" => "say for others (told, consulted, their leave)".into(),
        "sanction" => "sanction".into(),
        other => other.replace('_', " "),
    }
}

/// Rungs of every ladder on the changed words of one side: ladder name -> (rank, quote, first token).
type RungHit = (String, usize, String, usize, usize);

/// The bar a whole sentence sets on one ladder: alternatives joined by "or" ("the Sheriff or the
/// Undersheriff") set the lowest of them, requirements joined otherwise the highest. -1 when none.
fn effective(all: &[RungHit], name: &str, f: &Frame) -> i64 {
    let mut v: Vec<&RungHit> = all.iter().filter(|r| r.0 == name).collect();
    if v.is_empty() {
        return -1;
    }
    v.sort_by_key(|r| r.3);
    let any_or = v.windows(2).any(|w| {
        f.toks
            .get(w[0].4..w[1].3)
            .is_some_and(|between| between.iter().any(|t| t.norm == "or"))
    });
    let ranks = v.iter().map(|r| r.1 as i64);
    if any_or {
        ranks.min().unwrap_or(-1)
    } else {
        ranks.max().unwrap_or(-1)
    }
}

/// Every rung of every ladder in a sentence, except those another rule already explained.
fn all_rungs(ev: &Ev<'_>, f: &Frame, old_side: bool) -> Vec<RungHit> {
    collect_rungs(ev, f, old_side, false)
}

/// The rungs whose words the edit touched (deleted on the old side, inserted on the new).
fn rungs(ev: &Ev<'_>, f: &Frame, old_side: bool) -> Vec<RungHit> {
    collect_rungs(ev, f, old_side, true)
}

fn collect_rungs(ev: &Ev<'_>, f: &Frame, old_side: bool, only_touched: bool) -> Vec<RungHit> {
    let mut out = Vec::new();
    for h in &f.hits {
        let r = h.start..h.end;
        let (touched, claimed) = if old_side {
            (
                ev.any_deleted(r.clone()),
                r.clone().all(|i| ev.claimed_old[i]),
            )
        } else {
            (
                ev.any_inserted(r.clone()),
                r.clone().all(|i| ev.claimed_new[i]),
            )
        };
        if claimed || (only_touched && !touched) {
            continue;
        }
        for c in h.cues.iter() {
            let (name, rank) = match c {
                Cue::Ladder(n, r) => (n.clone(), *r),
                Cue::Sanction(Some(r)) if f.sanction => ("sanction".to_string(), *r),
                _ => continue,
            };
            out.push((name, rank, phrase(f, h), h.start, h.end));
            break;
        }
    }
    out
}

fn ladders(ev: &mut Ev<'_>) {
    let (old, new) = (ev.old, ev.new);
    let ro = rungs(ev, old, true);
    let rn = rungs(ev, new, false);
    let (all_o, all_n) = (all_rungs(ev, old, true), all_rungs(ev, new, false));
    let mut names: Vec<&String> = ro.iter().chain(rn.iter()).map(|r| &r.0).collect();
    names.sort();
    names.dedup();
    let (_, pn) = ev.polarity();
    for name in names {
        let top = |v: &[(String, usize, String, usize, usize)]| {
            v.iter()
                .filter(|r| &r.0 == name)
                .max_by_key(|r| r.1)
                .cloned()
        };
        let (a, b) = (top(&ro), top(&rn));
        let (eo, en) = (effective(&all_o, name, old), effective(&all_n, name, new));
        for r in ro.iter().filter(|r| &r.0 == name) {
            ev.claim_old(r.3..r.4);
        }
        for r in rn.iter().filter(|r| &r.0 == name) {
            ev.claim_new(r.3..r.4);
        }
        // A rung that appears with nothing to compare against sits above "no requirement at all",
        // except sanctions and the lexicon's paired ladders, where a missing rung says nothing.
        let rank = |x: &Option<(String, usize, String, usize, usize)>| {
            x.as_ref().map(|r| r.1 as i64).unwrap_or(-1)
        };
        let paired = name == "sanction" || ev.lex.spec().paired_ladders.contains(name);
        if paired && (a.is_none() || b.is_none()) {
            continue;
        }
        let _ = rank;
        let s = (en - eo).signum() as f64;
        if s == 0.0 {
            continue;
        }
        // A rung that comes or goes with a whole alternative ("... or the shift supervisor finds a
        // risk") where the other side had no rung: the alternative adds or removes a way through,
        // which the scope rules read; it sets no bar of its own.
        let alone_in_alternative = |r: &Option<RungHit>, old_side: bool| {
            r.as_ref().is_some_and(|r| {
                ev.hunks.iter().any(|h| {
                    let (range, toks) = if old_side {
                        (&h.old, &old.toks)
                    } else {
                        (&h.new, &new.toks)
                    };
                    range.contains(&r.3) && toks.get(range.start).is_some_and(|t| t.norm == "or")
                })
            })
        };
        if (eo < 0 && alone_in_alternative(&b, false)) || (en < 0 && alone_in_alternative(&a, true))
        {
            continue;
        }
        // A higher bar inside a condition that triggers a duty means the duty fires less often.
        let at = b.as_ref().map(|r| r.3);
        let in_condition = at
            .and_then(|i| new.slot_at(i))
            .is_some_and(|sl| sl.kind == SlotKind::Condition);
        let w = if in_condition && pn > 0.0 { -s } else { s };
        let qa = a.map(|r| r.2).unwrap_or_default();
        let qb = b.map(|r| r.2).unwrap_or_default();
        let change = match (qa.is_empty(), qb.is_empty()) {
            (true, _) => format!("'{qb}' was added"),
            (_, true) => format!("'{qa}' was deleted"),
            _ => format!("'{qa}' became '{qb}'"),
        };
        let text = if name == "sanction" {
            format!(
                "{change}: the sanction is {}, {}.",
                if s > 0.0 { "heavier" } else { "lighter" },
                stricter(w)
            )
        } else {
            format!(
                "{change}: a {} {} is needed first, {}.",
                if s > 0.0 { "higher" } else { "lower" },
                ladder_name(name),
                stricter(w)
            )
        };
        ev.push(
            Finding::new(if w > 0.0 { "bar-raised" } else { "bar-lowered" }, w, text)
                .quoting(Some(qa), Some(qb)),
        );
    }
}
