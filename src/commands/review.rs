//! `policydiff review set|list`: a policy folder and a person's decision in; its review file updated
//! (atomically), or its reviews listed with the change each names or as stale. (`review export` is in
//! `export.rs`.)
//!
//! Both analyse the policy: `set` refuses a fingerprint no comparison of the policy has (a typo must
//! not become a review that is stale from the start), and `list` says which reviews are stale.

use super::classifier;
use crate::cli::{ReviewAction, VerdictArg};
use anyhow::{bail, Context as _, Result};
use policydiff::ingest::{self, PolicySource};
use policydiff::model::{Change, Fingerprint, PairReport, PolicyReport, Review};
use policydiff::review::{self, Outcome};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub fn review(action: ReviewAction) -> Result<ExitCode> {
    match action {
        ReviewAction::Set {
            policy,
            fingerprint,
            verdict,
            note,
            by,
            when,
        } => set(
            &policy,
            Review {
                fingerprint,
                verdict: verdict.into(),
                note,
                by,
                when: Some(when.unwrap_or_else(today)),
                // Filled in from the change the fingerprint names.
                from: None,
                to: None,
            },
        ),
        ReviewAction::List { policy, stale } => list(&policy, stale),
        ReviewAction::Export { policies, output } => {
            super::export::export(&policies, output.as_deref())
        }
    }
}

/// Every comparison of the policy, with its reviews applied.
pub(super) fn analyse(src: &PolicySource) -> Result<PolicyReport> {
    let cls = classifier(src.lexicon.as_deref(), src.weights.as_deref())?;
    let docs = policydiff::load_versions(src)?;
    Ok(policydiff::analyse_documents(src, &docs, &cls))
}

pub(super) fn load(dir: &Path) -> Result<PolicySource> {
    if !dir.is_dir() {
        bail!(
            "{}: expected a policy folder (versions/<policy>)",
            dir.display()
        );
    }
    Ok(ingest::load_policy(dir)?)
}

fn find<'a>(report: &'a PolicyReport, f: &Fingerprint) -> Option<(&'a PairReport, &'a Change)> {
    report.pairs.iter().find_map(|p| {
        p.changes
            .iter()
            .find(|c| &c.fingerprint == f)
            .map(|c| (p, c))
    })
}

/// The change in words: versions and clause ids.
fn describe(pair: &PairReport, c: &Change) -> String {
    fn id(r: &Option<policydiff::model::ClauseRef>) -> &str {
        r.as_ref().map_or("-", |r| r.id.as_str())
    }
    format!(
        "{} -> {}, clause {} -> {}, {}",
        pair.from.label,
        pair.to.label,
        id(&c.old),
        id(&c.new),
        c.kind.as_str()
    )
}

fn set(dir: &Path, mut r: Review) -> Result<ExitCode> {
    let src = load(dir)?;
    let report = analyse(&src)?;
    let Some((pair, change)) = find(&report, &r.fingerprint) else {
        bail!(
            "{}: no comparison of this policy has a change with fingerprint {}",
            dir.display(),
            r.fingerprint
        );
    };
    // Written down so that, should the change go (a version removed), the stale review still says
    // which comparison it was about.
    r.from = Some(pair.from.label.clone());
    r.to = Some(pair.to.label.clone());
    let path = &src.reviews.path;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let (edited, outcome) = review::set(&text, path, &r)?;
    if outcome != Outcome::Unchanged {
        policydiff::report::write_atomic(path, edited.as_bytes())?;
    }
    let tool = change
        .review
        .as_ref()
        .map_or(change.direction, |x| x.tool_direction);
    let done = match outcome {
        Outcome::Added => "added",
        Outcome::Replaced => "replaced",
        Outcome::Unchanged => "unchanged (already recorded)",
    };
    eprintln!(
        "policydiff: {}: review of {} ({}) {done}: {} (the tool says {})",
        path.display(),
        r.fingerprint,
        describe(pair, change),
        r.verdict.as_str(),
        tool.as_str()
    );
    Ok(ExitCode::SUCCESS)
}

fn list(dir: &Path, only_stale: bool) -> Result<ExitCode> {
    let src = load(dir)?;
    let report = analyse(&src)?;
    let mut out = String::new();
    for r in &src.reviews.reviews {
        let found = find(&report, &r.fingerprint);
        if only_stale && found.is_some() {
            continue;
        }
        let status = match found {
            Some((pair, c)) => {
                let tool = c.review.as_ref().map_or(c.direction, |x| x.tool_direction);
                format!("{}; the tool says {}", describe(pair, c), tool.as_str())
            }
            None => {
                match (&r.from, &r.to) {
                    (Some(f), Some(t)) => {
                        format!("STALE: reviewed as {f} -> {t}; no comparison has this change; not applied")
                    }
                    _ => "STALE: no comparison has this change; not applied".to_string(),
                }
            }
        };
        let when = r
            .when
            .as_deref()
            .map(|w| format!(", {w}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}  {:<12}  by {}{when}  [{status}]",
            r.fingerprint,
            r.verdict.as_str(),
            r.by
        );
        if !r.note.is_empty() {
            let _ = writeln!(out, "    {}", r.note.replace('\n', "\n    "));
        }
    }
    super::emit(None, &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Today's date (UTC) as `YYYY-MM-DD`: when a review was decided, unless `--when` says otherwise.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(secs / 86_400)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl From<VerdictArg> for policydiff::model::Direction {
    fn from(v: VerdictArg) -> Self {
        match v {
            VerdictArg::Strengthened => policydiff::model::Direction::Strengthened,
            VerdictArg::Weakened => policydiff::model::Direction::Weakened,
            VerdictArg::Unchanged => policydiff::model::Direction::Unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[track_caller]
    fn case(days: u64, want: &str) {
        assert_eq!(civil(days), want, "{days}");
    }

    #[test]
    fn days_since_1970_as_dates() {
        case(0, "1970-01-01");
        case(59, "1970-03-01");
        case(11_016, "2000-02-29");
        case(11_017, "2000-03-01");
        case(20_454, "2026-01-01");
        case(19_417, "2023-03-01");
    }
}
