//! The changes of one comparison (model = old, local = new) in, one [`ConformRow`] per model clause
//! and one per extra local clause out. Only reading: every verdict is the classifier's.

use super::Knowledge;
use crate::model::{Change, ClauseRef, ConformRow, ConformStatus, Direction, Document, PairKind};
use crate::model::{Clause, Reason, WordEdit};

/// How many model clauses have any local counterpart.
pub fn matched_model_clauses(changes: &[Change]) -> usize {
    let mut seen: Vec<(&str, usize)> = changes
        .iter()
        .filter(|c| c.kind != PairKind::Removed)
        .filter_map(|c| c.old.as_ref().map(|o| (o.id.as_str(), o.line)))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// The top-level section a clause sits in: the heading at its outermost level of numbering (a
/// top-level clause names its own section by number and heading); "Front matter" for a top-level
/// paragraph with no heading.
pub fn section(c: &Clause) -> String {
    if c.level == 0 {
        return match (&c.number, &c.heading) {
            (Some(n), Some(h)) => format!("{n}. {h}"),
            (None, Some(h)) => h.clone(),
            _ => "Front matter".into(),
        };
    }
    c.path
        .len()
        .checked_sub(c.level)
        .and_then(|i| c.path.get(i))
        .cloned()
        .unwrap_or_else(|| c.id.clone())
}

/// One row per model clause, in model order, then the extra local clauses in local order.
pub fn from_changes(
    model: &Document,
    local: &Document,
    changes: &[Change],
    k: &Knowledge,
) -> Vec<ConformRow> {
    let mut rows: Vec<ConformRow> = model
        .clauses
        .iter()
        .map(|clause| {
            let of_clause: Vec<&Change> = changes
                .iter()
                .filter(|c| c.old.as_ref().is_some_and(|o| is(o, clause)))
                .collect();
            model_row(clause, &of_clause, k)
        })
        .collect();
    rows.extend(changes.iter().filter(|c| c.old.is_none()).map(|c| {
        let section = c
            .new
            .as_ref()
            .and_then(|n| local.clauses.iter().find(|l| is(n, l)))
            .map(section)
            .unwrap_or_default();
        extra_row(c, section)
    }));
    rows
}

fn is(r: &ClauseRef, c: &Clause) -> bool {
    r.id == c.id && r.line == c.line
}

fn model_row(clause: &Clause, changes: &[&Change], k: &Knowledge) -> ConformRow {
    let pieces: Vec<&Change> = changes
        .iter()
        .copied()
        .filter(|c| c.new.is_some())
        .collect();
    let local: Vec<ClauseRef> = pieces.iter().filter_map(|c| c.new.clone()).collect();
    let model = Some(ClauseRef::from(clause));
    let section = section(clause);
    let diff: Vec<WordEdit> = changes
        .iter()
        .flat_map(|c| c.diff.iter().cloned())
        .collect();
    if pieces.is_empty() {
        // Removed: the classifier's verdict on the removal says whether a protection went with it.
        let removal = changes.first().copied();
        let direction = removal.map_or(Direction::Unchanged, |c| c.direction);
        let said = if direction == Direction::Weakened {
            "No clause of the local policy carries it, so the protection it gives is lost."
        } else {
            "No clause of the local policy carries it; it binds no one, so no protection is lost."
        };
        return ConformRow {
            model,
            section,
            status: ConformStatus::Missing,
            local,
            direction,
            confidence: removal.map_or(1.0, |c| c.confidence),
            needs_review: removal.is_some_and(|c| c.needs_review),
            reasons: with_status(said.into(), removal.into_iter()),
            diff,
        };
    }
    let names = names(&local);
    let confidence = pieces.iter().map(|c| c.confidence).fold(1.0, f64::min);
    let review = pieces.iter().any(|c| c.needs_review);
    let joined: Vec<&str> = local.iter().map(|c| c.text.as_str()).collect();
    if words(&clause.text) == words(&joined.join(" ")) {
        return ConformRow {
            model,
            section,
            status: ConformStatus::Kept,
            local,
            direction: Direction::Unchanged,
            confidence: 1.0,
            needs_review: false,
            reasons: with_status(
                format!("The model's words stand in {names}."),
                [].into_iter(),
            ),
            diff: Vec::new(),
        };
    }
    let weakened = pieces.iter().any(|c| c.direction == Direction::Weakened);
    let strengthened = pieces
        .iter()
        .any(|c| c.direction == Direction::Strengthened);
    let reversed = pieces.iter().any(|c| k.reverses(&c.reasons));
    let (status, direction, said) = if reversed {
        (
            ConformStatus::Missing,
            Direction::Weakened,
            format!(
                "Only {names} deals with it, and it says the opposite, so the protection is lost."
            ),
        )
    } else if weakened {
        (
            ConformStatus::Weaker,
            Direction::Weakened,
            format!("{} binds less firmly than the model.", capital(&names)),
        )
    } else if strengthened {
        (
            ConformStatus::Stronger,
            Direction::Strengthened,
            format!("{} binds more firmly than the model.", capital(&names)),
        )
    } else {
        (
            ConformStatus::Reworded,
            Direction::Unchanged,
            format!(
                "{} says it in other words with the same force.",
                capital(&names)
            ),
        )
    };
    ConformRow {
        model,
        section,
        status,
        local,
        direction,
        confidence,
        // Pieces that pull both ways leave the row's status to a person.
        needs_review: review || (weakened && strengthened),
        reasons: with_status(said, pieces.into_iter()),
        diff,
    }
}

fn extra_row(c: &Change, section: String) -> ConformRow {
    let effect = match c.direction {
        Direction::Strengthened => "it makes the local policy stronger than the model",
        Direction::Weakened => "it makes the local policy weaker than the model",
        Direction::Unchanged => "it adds no duty or prohibition",
    };
    let local: Vec<ClauseRef> = c.new.iter().cloned().collect();
    let said = format!("{} is not in the model; {effect}.", capital(&names(&local)));
    ConformRow {
        model: None,
        section,
        status: ConformStatus::Extra,
        local,
        direction: c.direction,
        confidence: c.confidence,
        needs_review: c.needs_review,
        reasons: with_status(said, std::iter::once(c)),
        diff: c.diff.clone(),
    }
}

/// The status sentence first, then the classifier's reasons that say something.
fn with_status<'a>(said: String, changes: impl Iterator<Item = &'a Change>) -> Vec<Reason> {
    let mut out = vec![Reason {
        explanation: said,
        ..Reason::named("conformance", Direction::Unchanged)
    }];
    out.extend(
        changes
            .flat_map(|c| &c.reasons)
            .filter(|r| !r.explanation.trim().is_empty())
            .cloned(),
    );
    out
}

/// "local clause 4.2 (line 31)", or several joined.
fn names(local: &[ClauseRef]) -> String {
    let each: Vec<String> = local
        .iter()
        .map(|c| format!("{} (line {})", c.id, c.line))
        .collect();
    match each.len() {
        0 => "no local clause".into(),
        1 => format!("local clause {}", each[0]),
        _ => format!("local clauses {}", each.join(" and ")),
    }
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The words of a text, lower case, without punctuation: what "the same words" compares.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    const MODEL: &str = "Officers shall not ask about status.";

    fn clause(id: &str, text: &str) -> Clause {
        Clause {
            id: id.into(),
            number: None,
            heading: None,
            path: Vec::new(),
            text: text.into(),
            line: 3,
            level: 0,
        }
    }

    /// A change from the model clause to local pieces with these texts, kind and verdict.
    fn change(local: Option<&str>, kind: PairKind, d: Direction, rule: &str, w: f64) -> Change {
        Change {
            old: Some(ClauseRef::from(&clause("A", MODEL))),
            new: local.map(|t| ClauseRef::from(&clause("1", t))),
            fingerprint: crate::model::Fingerprint::of("p", "model", "local", Some(MODEL), local),
            kind,
            direction: d,
            review: None,
            confidence: 0.7,
            needs_review: false,
            similarity: 0.5,
            reasons: vec![Reason {
                weight: w,
                explanation: "because".into(),
                ..Reason::named(rule, d)
            }],
            diff: Vec::new(),
        }
    }

    #[track_caller]
    fn case(changes: &[Change], status: ConformStatus, direction: Direction) {
        let model = Document {
            policy: "p".into(),
            label: "2024".into(),
            date: None,
            status: Status::Adopted,
            source_path: "model.txt".into(),
            clauses: vec![clause("A", MODEL)],
            warnings: Vec::new(),
        };
        let rows = from_changes(&model, &model, changes, Knowledge::builtin());
        assert_eq!((rows[0].status, rows[0].direction), (status, direction));
        assert!(!rows[0].reasons[0].explanation.is_empty());
    }

    #[test]
    fn statuses_read_off_the_changes() {
        use ConformStatus::*;
        use Direction::*;
        use PairKind::*;
        let same = Some(MODEL);
        let other = Some("Officers must not ask about status.");
        case(
            &[change(same, Renumbered, Unchanged, "x", 0.0)],
            Kept,
            Unchanged,
        );
        case(
            &[change(other, Modified, Unchanged, "same-tier", 0.0)],
            Reworded,
            Unchanged,
        );
        case(
            &[change(other, Modified, Weakened, "hedge-added", -1.0)],
            Weaker,
            Weakened,
        );
        case(
            &[change(other, Moved, Strengthened, "exception-removed", 1.0)],
            Stronger,
            Strengthened,
        );
        case(
            &[change(other, Modified, Weakened, "modal-downgrade", -3.0)],
            Missing,
            Weakened,
        );
        case(
            &[change(other, Modified, Weakened, "modal-downgrade", -2.0)],
            Weaker,
            Weakened,
        );
        case(
            &[change(None, Removed, Weakened, "norm-removed", -3.0)],
            Missing,
            Weakened,
        );
        case(
            &[change(None, Removed, Unchanged, "non-normative", 0.0)],
            Missing,
            Unchanged,
        );
        // Split in two with the words unchanged, or with one piece loosened.
        let halves = [
            change(
                Some("Officers shall not ask"),
                Split,
                Unchanged,
                "split-piece",
                0.0,
            ),
            change(Some("about status."), Split, Unchanged, "split-piece", 0.0),
        ];
        case(&halves, Kept, Unchanged);
        let loosened = [
            change(
                Some("Officers shall not ask"),
                Split,
                Unchanged,
                "split-piece",
                0.0,
            ),
            change(
                Some("about status, if practicable."),
                Split,
                Weakened,
                "hedge-added",
                -1.0,
            ),
        ];
        case(&loosened, Weaker, Weakened);
    }

    #[test]
    fn extra_clauses_keep_their_own_verdict() {
        let mut added = change(
            Some("Officers shall wear a badge."),
            PairKind::Added,
            Direction::Strengthened,
            "norm-added",
            3.0,
        );
        added.old = None;
        let row = extra_row(&added, "2. Duties".into());
        assert_eq!(row.status, ConformStatus::Extra);
        assert_eq!(row.direction, Direction::Strengthened);
        assert!(row.model.is_none());
        assert!(row.reasons[0]
            .explanation
            .starts_with("Local clause 1 (line 3) is not in the model"));
    }
}
