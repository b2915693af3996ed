//! A small hand-built comparison for report tests: its verdicts are written here, not computed by the
//! classifier, so snapshots change only when the rendering does. The policy text is illustrative and
//! fictional.
#![allow(dead_code)]

use policydiff::model::{
    Change, ClauseRef, Direction, EditOp, Lineage, LineageStep, PairKind, PairReport, PolicyReport,
    Reason, Status, Summary, VersionInfo, SCHEMA,
};

pub struct Side<'a> {
    pub id: &'a str,
    pub path: &'a [&'a str],
    pub text: &'a str,
    pub line: usize,
}

pub fn side<'a>(id: &'a str, line: usize, text: &'a str) -> Side<'a> {
    Side {
        id,
        path: &[],
        text,
        line,
    }
}

fn clause(s: &Side<'_>) -> ClauseRef {
    ClauseRef {
        id: s.id.into(),
        number: Some(s.id.into()),
        path: s.path.iter().map(|p| p.to_string()).collect(),
        text: s.text.into(),
        line: s.line,
    }
}

pub fn reason(rule: &str, effect: Direction, explanation: &str) -> Reason {
    let weight = match effect {
        Direction::Strengthened => 1.0,
        Direction::Weakened => -1.0,
        Direction::Unchanged => 0.0,
    };
    Reason {
        rule: rule.into(),
        effect,
        weight,
        deleted: None,
        inserted: None,
        explanation: explanation.into(),
    }
}

pub fn change(
    old: Option<Side<'_>>,
    new: Option<Side<'_>>,
    kind: PairKind,
    direction: Direction,
    confidence: f64,
    needs_review: bool,
    reasons: Vec<Reason>,
) -> Change {
    let diff = match (&old, &new) {
        (Some(o), Some(n)) => policydiff::diff::word_diff(o.text, n.text),
        (Some(o), None) => policydiff::diff::whole(EditOp::Delete, o.text),
        (None, Some(n)) => policydiff::diff::whole(EditOp::Insert, n.text),
        (None, None) => Vec::new(),
    };
    Change {
        old: old.as_ref().map(clause),
        new: new.as_ref().map(clause),
        fingerprint: policydiff::model::Fingerprint::of(
            "harbour-town",
            "2019",
            "2025-draft",
            old.as_ref().map(|o| o.text),
            new.as_ref().map(|n| n.text),
        ),
        kind,
        direction,
        review: None,
        confidence,
        needs_review,
        similarity: if old.is_some() && new.is_some() {
            0.8
        } else {
            0.0
        },
        reasons,
        diff,
    }
}

pub fn version(label: &str, date: &str, clauses: usize, status: Status) -> VersionInfo {
    VersionInfo {
        label: label.into(),
        file: format!("versions/harbour-town/{label}.txt"),
        clauses,
        date: Some(date.into()),
        status,
    }
}

pub const SCRIPT: &str = "Records are kept <script>alert(1)</script> & *never* shared.";
pub const FORMULA: &str =
    "=HYPERLINK(\"http://example.invalid\",\"click\") is not a clause anyone should run.";

/// The comparison: every group of the report is represented, listed in an order that is not the
/// report's, so the tests see the renderer put weakened changes first.
pub fn pair() -> PairReport {
    use Direction::*;
    use PairKind::*;
    let changes = vec![
        change(
            Some(side("1", 3, "This policy applies to all officers of the Harbour Town police.")),
            Some(side("1", 3, "This policy applies to all officers of the Harbour Town police.")),
            Identical,
            Unchanged,
            1.0,
            false,
            vec![],
        ),
        change(
            Some(side("2", 5, "Supervisors may review complaints within 30 days.")),
            Some(side("2", 5, "Supervisors shall review complaints within 10 days.")),
            Modified,
            Strengthened,
            0.9,
            false,
            vec![
                reason("modal-upgrade", Strengthened, "'may' became 'shall': reviewing complaints is now a duty"),
                reason("deadline-shortened", Strengthened, "The deadline fell from 30 days to 10 days."),
            ],
        ),
        change(
            Some(Side {
                id: "3(a)",
                path: &["3", "Stops"],
                text: "Officers must record every stop.",
                line: 8,
            }),
            Some(Side {
                id: "3(a)",
                path: &["3", "Stops"],
                text: "Officers should record each stop where practicable.",
                line: 8,
            }),
            Modified,
            Weakened,
            0.85,
            false,
            vec![
                reason("modal-downgrade", Weakened, "'must' became 'should': recording stops is now advice, not a duty"),
                reason("hedge-added", Weakened, "'where practicable' was added: officers may now skip the record"),
            ],
        ),
        change(
            Some(side("4", 10, "Officers may ask a person about immigration status when relevant.")),
            None,
            Removed,
            Strengthened,
            0.7,
            false,
            vec![reason("power-removed", Strengthened, "A permission to question people about status was removed")],
        ),
        change(
            None,
            Some(side("6", 14, "Nothing in this policy prevents officers from sharing records with federal agencies.")),
            Added,
            Weakened,
            0.75,
            true,
            vec![reason("savings-clause-added", Weakened, "A 'nothing prevents' clause was added: it opens a way around the rest of the policy")],
        ),
        change(
            Some(side("5", 12, "Complaints are filed with the records unit.")),
            Some(side("5.1", 12, "Complaints are filed with the records unit.")),
            Renumbered,
            Unchanged,
            0.95,
            false,
            vec![reason("renumbered", Unchanged, "Only the number changed")],
        ),
        change(
            Some(side("7", 16, "Records are kept & never shared.")),
            Some(side("7", 16, SCRIPT)),
            Modified,
            Unchanged,
            0.3,
            true,
            vec![],
        ),
        change(
            None,
            Some(side("8", 18, FORMULA)),
            Added,
            Unchanged,
            0.2,
            true,
            vec![],
        ),
        change(
            Some(side("9", 20, "See https://example.invalid/a/very/long/address/that/keeps/going/without/any/space/at/all/so/it/must/wrap/somewhere/in/print for the form.")),
            Some(side("9", 20, "See https://example.invalid/a/very/long/address/that/keeps/going/without/any/space/at/all/so/it/must/wrap/somewhere/in/print for the form.")),
            Identical,
            Unchanged,
            1.0,
            false,
            vec![],
        ),
    ];
    PairReport {
        schema: SCHEMA,
        policy: "harbour-town".into(),
        from: version("2019", "2019-03-01", 8, Status::Adopted),
        to: version("2025-draft", "2025-01-15", 8, Status::Draft),
        summary: Summary::of(&changes),
        changes,
    }
}

/// A three-version policy around [`pair`], with a lineage of each shape.
pub fn policy() -> PolicyReport {
    let first = pair();
    let mut second = pair();
    second.from = first.to.clone();
    second.to = version("2025", "2025-06-01", 8, Status::Adopted);
    second
        .changes
        .retain(|c| c.direction != Direction::Weakened);
    second.summary = Summary::of(&second.changes);
    let step = |label: &str, ids: &[&str], kind: Option<PairKind>, direction: Option<Direction>| {
        LineageStep {
            label: label.into(),
            ids: ids.iter().map(|s| s.to_string()).collect(),
            kind,
            direction,
        }
    };
    PolicyReport {
        stale_reviews: Vec::new(),
        policy: "harbour-town".into(),
        title: Some("Harbour Town Stops and Records Policy (illustrative)".into()),
        versions: vec![first.from.clone(), first.to.clone(), second.to.clone()],
        lineages: vec![
            Lineage {
                family: "2019:3(a)".into(),
                steps: vec![
                    step("2019", &["3(a)"], None, None),
                    step(
                        "2025-draft",
                        &["3(a)"],
                        Some(PairKind::Modified),
                        Some(Direction::Weakened),
                    ),
                    step(
                        "2025",
                        &["3(a)"],
                        Some(PairKind::Identical),
                        Some(Direction::Unchanged),
                    ),
                ],
                net: Direction::Weakened,
            },
            Lineage {
                family: "2025-draft:8".into(),
                steps: vec![
                    step("2019", &[], None, None),
                    step(
                        "2025-draft",
                        &["8"],
                        Some(PairKind::Added),
                        Some(Direction::Unchanged),
                    ),
                    step(
                        "2025",
                        &["-8", "=8b"],
                        Some(PairKind::Split),
                        Some(Direction::Unchanged),
                    ),
                ],
                net: Direction::Unchanged,
            },
        ],
        pairs: vec![first, second],
        conformance: None,
    }
}
