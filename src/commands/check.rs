//! `policydiff check`: a draft file and a policy folder in; a short summary, the clauses that fail the
//! gate, and an exit code out (0 passed, 1 the gate failed, 2 bad input).
//!
//! The baseline is the latest *adopted* version of the policy: the last version the manifest marks
//! `adopted`, or without a manifest the last file in natural name order. The draft itself never counts as
//! its own baseline, so a draft already dropped into the policy folder can be checked in place.

use super::{classifier, emit};
use crate::cli::{FailOn, ReadWith};
use anyhow::{bail, Context as _, Result};
use policydiff::ingest::{self, PolicySource, VersionSource};
use policydiff::model::{Change, Direction, PairReport, Status, Summary};
use policydiff::report;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub fn check(draft: &Path, against: &Path, fail_on: FailOn, read: &ReadWith) -> Result<ExitCode> {
    if !draft.is_file() {
        bail!("{}: the draft is not a readable file", draft.display());
    }
    if !against.is_dir() {
        bail!(
            "{}: expected a policy folder (versions/<policy>)",
            against.display()
        );
    }
    let src = ingest::load_policy(against)?;
    let Some(base) = baseline(&src, draft) else {
        bail!(
            "{}: no adopted version to compare the draft with",
            against.display()
        );
    };
    let draft_version = VersionSource {
        label: src
            .versions
            .iter()
            .find(|v| same_file(&v.path, draft))
            .map(|v| v.label.clone())
            .unwrap_or_else(|| ingest::stem(draft)),
        date: None,
        status: Status::Draft,
        path: draft.to_path_buf(),
    };
    let classifier = classifier(
        read.lexicon.as_deref().or(src.lexicon.as_deref()),
        read.weights.as_deref().or(src.weights.as_deref()),
    )?;
    let old = policydiff::load_document(&src.name, base)?;
    let new = policydiff::load_document(&src.name, &draft_version)?;
    let mut report = policydiff::compare(&old, &new, &classifier, src.regulated.as_deref());
    // The gate counts the effective verdicts: a change a reviewer decided is judged as decided.
    policydiff::review::apply(&mut report, &src.reviews.reviews);
    let failed = gate_fails(fail_on, &report.summary);
    emit(None, &summary_text(&report, fail_on, failed))
        .context("cannot print the check summary")?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The last adopted version that is not the draft file itself.
fn baseline<'a>(src: &'a PolicySource, draft: &Path) -> Option<&'a VersionSource> {
    src.versions
        .iter()
        .rev()
        .find(|v| v.status == Status::Adopted && !same_file(&v.path, draft))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether the comparison fails the gate the user chose.
fn gate_fails(fail_on: FailOn, s: &Summary) -> bool {
    match fail_on {
        FailOn::Weakened => s.weakened > 0,
        FailOn::Any => s.weakened + s.strengthened > 0,
        FailOn::None => false,
    }
}

fn fail_on_name(f: FailOn) -> &'static str {
    match f {
        FailOn::Weakened => "weakened",
        FailOn::Any => "any",
        FailOn::None => "none",
    }
}

/// What a person reading a CI log needs: which versions, the counts, the offending clauses, the outcome.
fn summary_text(r: &PairReport, fail_on: FailOn, failed: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: draft {} ({}) against adopted {} ({})",
        r.policy, r.to.label, r.to.file, r.from.label, r.from.file
    );
    let _ = writeln!(
        out,
        "{}; {}",
        report::headline(&r.summary),
        report::subline(&r.summary)
    );
    let mut listed = vec![Direction::Weakened];
    if fail_on == FailOn::Any {
        listed.push(Direction::Strengthened);
    }
    for direction in listed {
        let changes: Vec<&Change> = r
            .changes
            .iter()
            .filter(|c| c.direction == direction)
            .collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}:", capitalised(direction.as_str()));
        for c in changes {
            let _ = writeln!(out, "  {}: {}", clause_name(c), reasons(c));
        }
    }
    let outcome = if failed { "FAILED" } else { "passed" };
    let _ = writeln!(out, "gate {outcome} (--fail-on {})", fail_on_name(fail_on));
    out
}

fn clause_name(c: &Change) -> String {
    match (&c.old, &c.new) {
        (Some(o), Some(n)) if o.id != n.id => {
            format!("{} (was {}, line {})", n.id, o.id, n.line)
        }
        (_, Some(n)) => format!("{} (line {})", n.id, n.line),
        (Some(o), None) => format!("{} (removed; was line {})", o.id, o.line),
        (None, None) => "(no clause)".into(),
    }
}

fn reasons(c: &Change) -> String {
    let texts: Vec<&str> = c
        .reasons
        .iter()
        .map(|r| r.explanation.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if texts.is_empty() {
        "no rule explained this change".into()
    } else {
        texts.join("; ")
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(fail_on: FailOn, strengthened: usize, weakened: usize, want: bool) {
        let s = Summary {
            strengthened,
            weakened,
            ..Summary::default()
        };
        assert_eq!(
            gate_fails(fail_on, &s),
            want,
            "{fail_on:?} s={strengthened} w={weakened}"
        );
    }

    fn clause(id: &str, line: usize) -> policydiff::model::ClauseRef {
        policydiff::model::ClauseRef {
            id: id.into(),
            number: None,
            path: Vec::new(),
            text: format!("Clause {id} (illustrative)."),
            line,
        }
    }

    fn change(old: Option<(&str, usize)>, new: Option<(&str, usize)>, d: Direction) -> Change {
        let old = old.map(|(id, l)| clause(id, l));
        let new = new.map(|(id, l)| clause(id, l));
        let text = |c: &Option<policydiff::model::ClauseRef>| c.as_ref().map(|c| c.text.clone());
        Change {
            fingerprint: policydiff::model::Fingerprint::of(
                "p",
                "2024",
                "2025",
                text(&old).as_deref(),
                text(&new).as_deref(),
            ),
            old,
            new,
            kind: policydiff::model::PairKind::Modified,
            direction: d,
            review: None,
            confidence: 0.5,
            needs_review: false,
            similarity: 0.5,
            reasons: Vec::new(),
            diff: Vec::new(),
        }
    }

    #[track_caller]
    fn name(old: Option<(&str, usize)>, new: Option<(&str, usize)>, want: &str) {
        assert_eq!(clause_name(&change(old, new, Direction::Weakened)), want);
    }

    #[test]
    fn clauses_are_named_by_their_new_id_and_line() {
        name(Some(("3(b)", 9)), Some(("3(b)", 10)), "3(b) (line 10)");
        name(
            Some(("3(b)", 9)),
            Some(("4(a)", 12)),
            "4(a) (was 3(b), line 12)",
        );
        name(None, Some(("5", 20)), "5 (line 20)");
        name(Some(("6", 30)), None, "6 (removed; was line 30)");
    }

    #[test]
    fn summary_lists_what_fails_the_gate() {
        use policydiff::model::{Reason, VersionInfo, SCHEMA};
        let mut weak = change(Some(("2", 4)), Some(("2", 4)), Direction::Weakened);
        weak.reasons = vec![Reason {
            rule: "modal-downgrade".into(),
            effect: Direction::Weakened,
            weight: -1.0,
            deleted: Some("must".into()),
            inserted: Some("should".into()),
            explanation: "'must' became 'should': the duty is now advice".into(),
        }];
        let strong = change(None, Some(("7", 15)), Direction::Strengthened);
        let changes = vec![weak, strong];
        let version = |label: &str, status| VersionInfo {
            label: label.into(),
            file: format!("versions/p/{label}.txt"),
            clauses: 2,
            date: None,
            status,
        };
        let r = PairReport {
            schema: SCHEMA,
            policy: "p".into(),
            from: version("2024", Status::Adopted),
            to: version("2025", Status::Draft),
            summary: Summary::of(&changes),
            changes,
        };
        let weakened_only = summary_text(&r, FailOn::Weakened, true);
        assert!(weakened_only.contains("Weakened:\n  2 (line 4): 'must' became 'should'"));
        assert!(!weakened_only.contains("Strengthened:"));
        assert!(weakened_only.ends_with("gate FAILED (--fail-on weakened)\n"));
        let any = summary_text(&r, FailOn::Any, true);
        assert!(any.contains("Strengthened:\n  7 (line 15): no rule explained this change\n"));
        insta::assert_snapshot!("check_summary_any", any);
    }

    #[test]
    fn gate() {
        case(FailOn::Weakened, 0, 0, false);
        case(FailOn::Weakened, 3, 0, false);
        case(FailOn::Weakened, 0, 1, true);
        case(FailOn::Any, 0, 0, false);
        case(FailOn::Any, 1, 0, true);
        case(FailOn::Any, 0, 1, true);
        case(FailOn::None, 5, 5, false);
    }
}
