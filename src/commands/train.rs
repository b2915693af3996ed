//! `policydiff train`: rated tables of old/new clause texts in; verdict weights fitted to the ratings
//! out (a weights file), with the cross-validated scorecard of those weights on standard error.
//!
//! The rules read every row as for `amendments`; the fitter (see
//! [`policydiff::classify::weigh::fit`]) learns how much each piece of evidence is worth on this kind
//! of text. A bad table, a missing column or too few rated rows stops it with nothing written.

use super::{classifier, emit};
use anyhow::{anyhow, bail, Result};
use policydiff::classify::weigh::cues::is_flat;
use policydiff::classify::weigh::fit::{self, Item, Settings};
use policydiff::classify::weigh::{argmax, Text, Weights, DIRECTIONS};
use policydiff::classify::Context;
use policydiff::model::{Reason, Verdict};
use policydiff::report::neutralise;
use policydiff::score::Scorecard;
use policydiff::table::{read_labels, read_table, Table};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `policydiff train` was asked for.
pub struct Options<'a> {
    pub expect: &'a str,
    pub group: Option<&'a str>,
    pub output: Option<&'a Path>,
    /// Write each rated row's held-out verdict here (CSV).
    pub held_out: Option<&'a Path>,
    pub lexicon: Option<&'a Path>,
    /// Who the rated policies bind.
    pub regulated: Option<&'a str>,
    /// Fit only rows of this kind of text, keeping the built-in weights for the other.
    pub only: Option<Text>,
    /// Tables fitted on but not calibrated on (see [`Item::calibrate`]).
    pub fit_only: &'a [PathBuf],
    /// With `only`, the weights kept for the other kind of text (the built-in ones if none).
    pub base: Option<&'a Path>,
    pub settings: Settings,
}

pub fn train(tables: &[PathBuf], opts: &Options<'_>) -> Result<ExitCode> {
    let s = opts.settings;
    if s.folds < 2 {
        bail!("--folds must be at least 2, not {}", s.folds);
    }
    if !(s.precision > 0.0 && s.precision <= 1.0) {
        bail!("--precision is a share from 0 to 1, not {}", s.precision);
    }
    if !(0.0..=1.0).contains(&s.max_swaps) {
        bail!("--max-swaps is a share from 0 to 1, not {}", s.max_swaps);
    }
    if !(s.l2.is_finite() && s.l2 >= 0.0) {
        bail!("--l2 must be zero or more, not {}", s.l2);
    }
    // A bad base file stops the run before any table is read.
    let base = match opts.base {
        Some(path) => Weights::from_file(path)?,
        None => Weights::builtin(),
    };
    let classifier = classifier(opts.lexicon, None)?;
    let classifier = classifier.for_regulated(opts.regulated);
    let ctx = Context::default();
    // Every table is read and checked before any is analysed, so a bad one stops the run at once.
    let mut read = Vec::new();
    let all = || tables.iter().chain(opts.fit_only);
    let sources =
        (tables.iter().map(|p| (p, true))).chain(opts.fit_only.iter().map(|p| (p, false)));
    for (path, calibrate) in sources {
        let t = read_table(path)?;
        let labels = read_labels(&t, opts.expect, path)?;
        read.push((path, t, labels, calibrate));
    }
    if let Some(g) = opts.group {
        let has = |t: &Table| t.columns.iter().any(|c| c == g);
        if !read.iter().any(|(_, t, _, _)| has(t)) {
            let (path, t, _, _) = &read[0];
            bail!(
                "{}: the table has no `{g}` column to group by (columns found: {})",
                path.display(),
                t.columns.join(", ")
            );
        }
        for (path, t, _, _) in &read {
            if !has(t) {
                eprintln!(
                    "policydiff: {}: no `{g}` column; each of its rows is its own group",
                    path.display()
                );
            }
        }
    }
    let rated: usize = read
        .iter()
        .map(|(_, _, l, _)| l.iter().flatten().count())
        .sum();
    if rated < fit::MIN_ITEMS {
        bail!(
            "{}: {rated} rows have a label in `{}`; fitting weights needs at least {}",
            names(all(), ", "),
            opts.expect,
            fit::MIN_ITEMS
        );
    }
    let mut items: Vec<Item> = Vec::with_capacity(rated);
    // Where each item came from (table, row), for the held-out table.
    let mut origins: Vec<(String, String)> = Vec::with_capacity(rated);
    // Where each table's items start, for a scorecard per table.
    let mut starts = Vec::with_capacity(read.len());
    for (path, t, labels, calibrate) in &read {
        starts.push(items.len());
        let name = file_name(path);
        let (these, places): (Vec<Item>, Vec<(String, String)>) =
            (t.rows.par_iter().zip(labels).filter_map(|(r, label)| {
                let expect = (*label)?;
                let old = r.get("old").filter(|s| !s.trim().is_empty());
                let new = r.get("new").filter(|s| !s.trim().is_empty());
                let text = Text::of(is_flat(old.unwrap_or(""), new.unwrap_or("")));
                if opts.only.is_some_and(|only| only != text) {
                    return None;
                }
                // Groups are kept apart by table, so two tables' group names never meet.
                let group = match opts.group.and_then(|g| r.get(g)) {
                    Some(v) => format!("{name}:{v}"),
                    None => format!("{name}:{}", r.place),
                };
                let item = Item {
                    evidence: classifier.evidence(old, new, &ctx).unwrap_or_default(),
                    expect,
                    group,
                    calibrate: *calibrate,
                };
                Some((item, (name.clone(), r.place.clone())))
            }))
            .unzip();
        items.extend(these);
        origins.extend(places);
    }
    let calibrating = items.iter().filter(|i| i.calibrate).count();
    if calibrating < fit::MIN_ITEMS {
        bail!(
            "{}: {calibrating} rated rows are of the kind asked for; fitting weights needs at least {}{}",
            names(tables.iter(), ", "),
            fit::MIN_ITEMS,
            if opts.fit_only.is_empty() {
                ""
            } else {
                " outside the --fit-only tables, to calibrate on"
            }
        );
    }
    let mut how = match opts.group {
        Some(g) => format!("{}-fold cross-validation by `{g}`", s.folds),
        None => format!("{}-fold cross-validation by row", s.folds),
    };
    if !opts.fit_only.is_empty() {
        how.push_str(&format!(
            ", calibrated on {} alone",
            names(tables.iter(), " + ")
        ));
    }
    if let Some(only) = opts.only {
        how.push_str(&format!(
            ", {} rows only",
            if only == Text::Flat {
                "flat"
            } else {
                "punctuated"
            }
        ));
    }
    let fitted = fit::fit(&items, &s, "")?;
    let verdicts = held_out_verdicts(&items, &fitted.out_of_fold, &fitted.weights);
    // The headline figures are those of the rows calibrated on: rows the rules were written on
    // would flatter them.
    let card = Scorecard::of(
        items
            .iter()
            .zip(&verdicts)
            .filter(|(i, _)| i.calibrate)
            .map(|(i, v)| (Some(i.expect), v)),
    );
    let fitted_on = format!(
        "{}: {} rated rows, L2 {}; {how}: agreement {}, not flagged {} of rows at {} agreement",
        names(all(), " + "),
        items.len(),
        s.l2,
        pct(card.agreement),
        pct(card.confident.coverage),
        pct(card.confident.agreement),
    );
    let mut weights = fitted.weights.with_fitted_on(&fitted_on);
    if let Some(only) = opts.only {
        weights = weights.only(only, &base);
    }
    if let Some(path) = opts.held_out {
        emit(
            Some(path),
            &held_out_csv(&items, &origins, &fitted.out_of_fold, &verdicts)?,
        )?;
    }
    emit(opts.output, &weights.to_yaml())?;
    eprintln!("{how} (weights fitted without the rows they score):");
    eprint!("{}", card.to_text());
    if read.len() > 1 {
        eprintln!("\nper table:");
        let ends = starts.iter().skip(1).copied().chain([items.len()]);
        for ((path, _, _, _), (a, b)) in read.iter().zip(starts.iter().copied().zip(ends)) {
            let c = Scorecard::of(
                items[a..b]
                    .iter()
                    .map(|i| Some(i.expect))
                    .zip(&verdicts[a..b]),
            );
            eprintln!(
                "  {}: {} rows, agreement {}, swaps {}; not flagged: {} of rows, agreement {}, swaps {}",
                file_name(path),
                c.rows,
                pct(c.agreement),
                c.swaps,
                pct(c.confident.coverage),
                pct(c.confident.agreement),
                c.confident.swaps
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A table's file name: what the weights file and group names say, never a path of this machine.
fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn names<'p>(tables: impl Iterator<Item = &'p PathBuf>, sep: &str) -> String {
    tables.map(|p| file_name(p)).collect::<Vec<_>>().join(sep)
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |x| format!("{:.1}%", 100.0 * x))
}

/// The verdict each held-out probability gives, as `amendments` would report it, with the rules that
/// fired named so the scorecard can count them.
fn held_out_verdicts(items: &[Item], probs: &[[f64; 3]], weights: &Weights) -> Vec<Verdict> {
    items
        .iter()
        .zip(probs)
        .map(|(it, p)| {
            let direction = argmax(*p);
            let confidence = p[DIRECTIONS.iter().position(|&d| d == direction).unwrap_or(2)];
            Verdict {
                direction,
                confidence,
                needs_review: weights.review(it.evidence.text).flags(*p),
                reasons: it
                    .evidence
                    .features
                    .iter()
                    .filter_map(|(k, _)| k.trim_start_matches("flat:").strip_prefix("fired:"))
                    .map(|rule| Reason::named(rule, direction))
                    .collect(),
            }
        })
        .collect()
}

/// Each rated row's held-out verdict, with the probabilities it came from: where the weights go
/// wrong on rows they were not fitted on, row by row.
fn held_out_csv(
    items: &[Item],
    origins: &[(String, String)],
    probs: &[[f64; 3]],
    verdicts: &[Verdict],
) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "table",
        "row",
        "group",
        "expect",
        "direction",
        "confidence",
        "needs_review",
        "strengthened",
        "weakened",
        "unchanged",
    ])?;
    for (((it, (table, place)), p), v) in items.iter().zip(origins).zip(probs).zip(verdicts) {
        let mut rec = vec![
            table.clone(),
            place.clone(),
            it.group.clone(),
            it.expect.as_str().to_string(),
            v.direction.as_str().to_string(),
            format!("{:.3}", v.confidence),
            v.needs_review.to_string(),
        ];
        rec.extend(p.iter().map(|x| format!("{x:.3}")));
        w.write_record(rec.iter().map(|c| neutralise(c).into_owned()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow!("cannot write CSV: {e}"))?;
    Ok(String::from_utf8(bytes)?)
}
