//! The deontic operator: a change of tier ("should" became "shall"), a same-tier swap ("shall" became
//! "must"), the "shall not ... unless" = "may ... only if" equivalence, and whole norms added or deleted.
//!
//! Force on the regulated party: duty and ban 3, advice 1, permission and no-duty 0. Under the
//! intrusive-power reading a duty to intrude on people is a power, so the scale runs the other way for
//! it: ban 3, advice against 2, permission or no-duty 1, advice 0.5, duty 0.

use super::{Ev, Finding};
use crate::classify::frame::{Bearer, Frame, Slot, SlotKind};
use crate::classify::lexicon::Op;
use crate::classify::text::shorten;

pub fn describe(op: Op) -> &'static str {
    match op {
        Op::Obligation => "a duty",
        Op::Prohibition => "a ban",
        Op::Advisory => "advice",
        Op::AdvisoryNegative => "advice against it",
        Op::Permission => "a permission",
        Op::NoObligation => "a release from the duty",
        Op::Constitutive => "a definition",
        Op::Scope => "a scope statement",
        Op::None => "a statement",
    }
}

fn force(op: Op) -> Option<f64> {
    match op {
        Op::Obligation | Op::Prohibition => Some(3.0),
        Op::Advisory | Op::AdvisoryNegative => Some(1.0),
        Op::Permission | Op::NoObligation | Op::None => Some(0.0),
        Op::Constitutive | Op::Scope => None,
    }
}

fn protection(op: Op) -> Option<f64> {
    match op {
        Op::Prohibition => Some(3.0),
        Op::AdvisoryNegative => Some(2.0),
        Op::Permission | Op::NoObligation | Op::None => Some(1.0),
        Op::Advisory => Some(0.5),
        Op::Obligation => Some(0.0),
        Op::Constitutive | Op::Scope => None,
    }
}

fn is_flip(a: Op, b: Op) -> bool {
    matches!(
        (a, b),
        (Op::Obligation, Op::Prohibition)
            | (Op::Prohibition, Op::Obligation)
            | (Op::Advisory, Op::AdvisoryNegative)
            | (Op::AdvisoryNegative, Op::Advisory)
    )
}

/// Whether a frame's norm was written for the people the policy protects and is read through its
/// correlative on the bound party.
fn for_public(f: &Frame) -> bool {
    f.bearer == Bearer::Public && f.stated != f.op
}

/// A norm written for the people a policy protects, named as written.
fn public_norm(stated: Op) -> String {
    let on = match stated {
        Op::Permission => "a permission for",
        Op::NoObligation => "a release from a duty for",
        Op::Obligation => "a duty on",
        Op::Prohibition => "a ban on",
        Op::Advisory | Op::AdvisoryNegative => "advice to",
        _ => return describe(stated).to_string(),
    };
    format!("{on} the people the policy protects")
}

/// A frame's norm in words: as written and for whom when it was written for the protected party,
/// else as read.
fn as_written(f: &Frame) -> String {
    if for_public(f) {
        public_norm(f.stated)
    } else {
        describe(f.op).to_string()
    }
}

fn effect(a: Op, b: Op) -> String {
    use Op::*;
    let s = match (a, b) {
        (Advisory, Obligation) => "the duty is now mandatory",
        (Permission | NoObligation | None, Obligation) => "what was optional is now required",
        (Permission | NoObligation | None, Prohibition) => "what was allowed is now forbidden",
        (AdvisoryNegative, Prohibition) => "advice against it became a ban",
        (Obligation, Advisory) => "a firm duty became mere advice",
        (Obligation, Permission | NoObligation | None) => "what was required is now optional",
        (Prohibition, Permission | NoObligation | None) => "what was forbidden is now allowed",
        (Prohibition, AdvisoryNegative) => "a ban became mere advice against it",
        (Permission | NoObligation, Advisory) => "what was optional is now recommended",
        (Advisory, Permission | NoObligation) => "what was recommended is now only optional",
        _ => "",
    };
    if s.is_empty() {
        format!("{} became {}", describe(a), describe(b))
    } else {
        s.to_string()
    }
}

pub fn apply(ev: &mut Ev<'_>) {
    let (o, n) = (ev.old, ev.new);
    if o.op == Op::None && n.op == Op::None {
        return;
    }
    let o_modal = o.modal.clone();
    let n_modal = n.modal.clone();
    let touched = o_modal.iter().any(|&i| ev.del.get(i) == Some(&true))
        || n_modal.iter().any(|&i| ev.ins.get(i) == Some(&true));
    for &i in &o_modal {
        ev.claim_old(i..i + 1);
    }
    for &i in &n_modal {
        ev.claim_new(i..i + 1);
    }
    let (a, b) = (o.modal_text(), n.modal_text());
    if o.op == n.op {
        if touched {
            ev.push(
                Finding::new(
                    "same-tier",
                    0.0,
                    format!(
                        "'{a}' became '{b}': both make it {}, so the force is the same.",
                        as_written(n)
                    ),
                )
                .quoting(Some(a), Some(b)),
            );
        }
        return;
    }
    if let Some(f) = equivalence(ev) {
        ev.push(f);
        return;
    }
    let (Some(fa), Some(fb)) = (force(o.op), force(n.op)) else {
        return;
    };
    ev.op_changed = true;
    let reading = ev.lex.intrusive_reading();
    let intrusive = o.intrusive || n.intrusive;
    let strict = fb - fa;
    let powers = match (protection(o.op), protection(n.op)) {
        (Some(x), Some(y)) => y - x,
        _ => strict,
    };
    let quote = |s: &str| {
        if s.is_empty() {
            "(no modal)".to_string()
        } else {
            s.to_string()
        }
    };
    let (qa, qb) = (quote(&a), quote(&b));
    if reading && intrusive {
        let mut f = Finding::new(
            "intrusive-power",
            powers,
            format!(
                "'{qa}' became '{qb}': read as a power over people (intrusive-power reading), {}.",
                if powers > 0.0 {
                    "officers may intrude less, so people are better protected"
                } else if powers < 0.0 {
                    "officers may intrude more, so people are less protected"
                } else {
                    "the intrusion is neither more nor less allowed"
                }
            ),
        )
        .quoting(Some(a), Some(b));
        // The strict reading would say otherwise: name it so a person can decide.
        if strict.signum() != powers.signum() {
            f.review = true;
            f.explanation.pop();
            f.explanation.push_str(&format!(
                "; read strictly as {} becoming {}, it would count the other way.",
                describe(o.op),
                describe(n.op)
            ));
        }
        ev.push(f);
        return;
    }
    if is_flip(o.op, n.op) {
        ev.push(
            Finding::new(
                "duty-reversed",
                0.0,
                format!(
                    "'{qa}' became '{qb}': read strictly (intrusive-power reading {}), {} became {} of the same force, so a person must judge which protects more.",
                    if reading { "not applicable" } else { "off" },
                    describe(o.op),
                    describe(n.op)
                ),
            )
            .quoting(Some(a), Some(b))
            .flagged(),
        );
        return;
    }
    let rule = if strict > 0.0 {
        "modal-upgrade"
    } else {
        "modal-downgrade"
    };
    // A side read through its correlative ("users may ..." binds the bound party to allow it) is
    // named as written and for whom, or a right dropped would read as "what was forbidden is now
    // allowed".
    let what = if [o, n].iter().any(|f| for_public(f)) {
        let verdict = if strict > 0.0 {
            ", so the policy is stricter"
        } else if strict < 0.0 {
            ", so the policy is looser"
        } else {
            ""
        };
        format!("{} became {}{verdict}", as_written(o), as_written(n))
    } else {
        effect(o.op, n.op)
    };
    let mut f = Finding::new(rule, strict, format!("'{qa}' became '{qb}': {what}."))
        .quoting(Some(a), Some(b));
    if strict == 0.0 {
        f.rule = "modal-same-force";
        f.review = true;
    }
    ev.push(f);
}

/// "shall not X unless C" and "may X only if C" say the same thing.
fn equivalence(ev: &mut Ev<'_>) -> Option<Finding> {
    let (o, n) = (ev.old, ev.new);
    // Every slot of a kind: a sentence may hold another exception ("without consent") beside the
    // one that answers the other version's gate.
    let slots = |f: &Frame, op: Op, kind: SlotKind| -> Vec<Slot> {
        if f.op == op {
            f.slots.iter().filter(|s| s.kind == kind).cloned().collect()
        } else {
            Vec::new()
        }
    };
    let words = |f: &Frame, s: &Slot| -> Vec<String> {
        f.toks[s.trigger.end..s.span.end]
            .iter()
            .filter(|t| t.is_content())
            .map(|t| t.norm.to_string())
            .collect()
    };
    let jaccard = |wa: &[String], wb: &[String]| {
        let common = wa.iter().filter(|w| wb.contains(w)).count();
        common as f64 / (wa.len() + wb.len() - common).max(1) as f64
    };
    let candidates = |a: Vec<Slot>, b: Vec<Slot>| -> Vec<(Slot, Slot)> {
        a.iter()
            .flat_map(|x| b.iter().map(move |y| (x.clone(), y.clone())))
            .collect()
    };
    let mut pairs = candidates(
        slots(o, Op::Prohibition, SlotKind::Exception),
        slots(n, Op::Permission, SlotKind::Gate),
    );
    pairs.extend(candidates(
        slots(o, Op::Permission, SlotKind::Gate),
        slots(n, Op::Prohibition, SlotKind::Exception),
    ));
    let (os, ns) = pairs
        .into_iter()
        .map(|(a, b)| {
            let j = jaccard(&words(o, &a), &words(n, &b));
            (a, b, j)
        })
        .filter(|(_, _, j)| *j >= 0.6)
        .max_by(|x, y| x.2.total_cmp(&y.2))
        .map(|(a, b, _)| (a, b))?;
    ev.claim_old(os.trigger.clone());
    ev.claim_new(ns.trigger.clone());
    let qa = format!(
        "{} ... {}",
        o.modal_text(),
        ev.quote_old(os.trigger.clone())
    );
    let qb = format!(
        "{} ... {}",
        n.modal_text(),
        ev.quote_new(ns.trigger.clone())
    );
    Some(
        Finding::new(
            "ban-unless-equals-may-only-if",
            0.0,
            format!("'{qa}' became '{qb}': both allow the act only in the same cases, so the rule is the same."),
        )
        .quoting(Some(qa), Some(qb))
        .flagged(),
    )
}

/// A whole sentence added (`added`) or deleted, judged by its own frame.
pub fn solo(f: &Frame, added: bool, intrusive_reading: bool) -> Finding {
    let q = shorten(f.text.trim(), 90);
    let sign = if added { 1.0 } else { -1.0 };
    let (deleted, inserted) = if added {
        (None, Some(q.clone()))
    } else {
        (Some(q.clone()), None)
    };
    let power = intrusive_reading && f.intrusive && matches!(f.op, Op::Obligation | Op::Advisory);
    let finding = match f.op {
        _ if power => Finding::new(
            if added { "power-added" } else { "power-removed" },
            -2.0 * sign,
            if added {
                format!("New duty '{q}' is a power over people (intrusive-power reading): the bound party must now do this to them, so the policy protects less.")
            } else {
                format!("The duty '{q}' was deleted; read as a power over people (intrusive-power reading), the bound party no longer must do this to them.")
            },
        ),
        Op::Obligation | Op::Prohibition | Op::Advisory | Op::AdvisoryNegative => {
            let w = force(f.op).unwrap_or(0.0) * sign;
            // "Tenants may appeal": read as a limit on the bound party, but said as what it is.
            let right = f.bearer == Bearer::Public && f.stated == Op::Permission;
            Finding::new(
                if added { "norm-added" } else { "norm-removed" },
                w,
                if right && added {
                    format!("New right '{q}' for the people the policy protects: the bound party must now allow it.")
                } else if right {
                    format!("The right '{q}' of the people the policy protects was deleted, so the bound party need no longer allow it.")
                } else if added {
                    format!("New {} '{q}': the policy now binds here where it did not before.", noun(f.op))
                } else {
                    format!("The {} '{q}' was deleted, so it no longer binds.", noun(f.op))
                },
            )
        }
        Op::Permission if f.protective => Finding::new(
            if added { "safeguard-added" } else { "safeguard-removed" },
            2.0 * sign,
            if added {
                format!("New permission '{q}' lets the bound party protect people, so the policy gives more protection.")
            } else {
                format!("The permission '{q}' let the bound party protect people; it was deleted, so that protection is gone.")
            },
        ),
        // "Arrestees shall provide their address": a duty of the people protected is what the bound
        // party may now demand of them.
        Op::Permission
            if f.bearer == Bearer::Public && matches!(f.stated, Op::Obligation | Op::Prohibition) =>
        {
            let what = noun(f.stated);
            Finding::new(
                if added { "permission-added" } else { "permission-removed" },
                -2.0 * sign,
                if added {
                    format!("New {what} '{q}' is laid on the people the policy protects: a burden on them, so the policy protects less.")
                } else {
                    format!("The {what} '{q}' laid on the people the policy protects was deleted, so that burden is gone.")
                },
            )
        }
        Op::Permission | Op::NoObligation => Finding::new(
            if added { "permission-added" } else { "permission-removed" },
            -2.0 * sign,
            if added {
                format!("New {} '{q}' gives leeway the policy did not give before.", noun(f.op))
            } else {
                format!("The {} '{q}' was deleted, so that leeway is gone; check that no other clause now grants it.", noun(f.op))
            },
        ),
        Op::Constitutive | Op::Scope => Finding::new(
            if added { "definition-added" } else { "definition-removed" },
            0.0,
            format!(
                "{} '{q}' was {}: it changes what other clauses mean, so a person should check them.",
                if f.op == Op::Scope { "The scope statement" } else { "The definition" },
                if added { "added" } else { "deleted" }
            ),
        )
        .flagged(),
        Op::None => Finding::new(
            if added { "statement-added" } else { "statement-removed" },
            0.0,
            format!(
                "'{q}' was {}; it states no duty, ban or permission.",
                if added { "added" } else { "deleted" }
            ),
        ),
    };
    // A deleted permission often reappears elsewhere; a person should confirm it is really gone.
    let finding =
        if !added && matches!(f.op, Op::Permission | Op::NoObligation) && !power && !f.protective {
            finding.flagged()
        } else {
            finding
        };
    finding.quoting(deleted, inserted)
}

fn noun(op: Op) -> &'static str {
    match op {
        Op::Obligation => "duty",
        Op::Prohibition => "ban",
        Op::Advisory => "recommendation",
        Op::AdvisoryNegative => "recommendation against",
        Op::Permission => "permission",
        Op::NoObligation => "exemption",
        _ => "statement",
    }
}
