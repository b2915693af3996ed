//! `policydiff amendments`: a table of proposed old/new clause texts in (CSV, or YAML by extension), one
//! verdict per row out (CSV or JSON), with every other column passed through unchanged.
//!
//! This is how a subcommittee screens a stack of amendments before a meeting. A bad table stops the
//! run with the file, the row or line, and the problem; nothing is half-written. With `--expect COLUMN`
//! the verdicts are also scored against the labels in that column (see [`policydiff::score`]).

use super::{classifier, emit};
use crate::cli::{ReadWith, TableFormat};
use anyhow::{anyhow, Result};
use policydiff::classify::Classifier;
use policydiff::model::Verdict;
use policydiff::score::Scorecard;
use policydiff::table::{read_labels, read_table, Table};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// What `policydiff amendments` was asked for besides the table.
pub struct Options<'a> {
    pub format: TableFormat,
    pub output: Option<&'a Path>,
    pub read: &'a ReadWith,
    /// The column of expected labels to score the verdicts against.
    pub expect: Option<&'a str>,
    /// Who the amended policy binds.
    pub regulated: Option<&'a str>,
}

pub fn amendments(table: &Path, opts: &Options<'_>) -> Result<ExitCode> {
    let classifier = classifier(opts.read.lexicon.as_deref(), opts.read.weights.as_deref())?;
    let classifier = classifier.for_regulated(opts.regulated);
    let t = read_table(table)?;
    // Labels are read before any work, so a bad one stops the run with nothing written.
    let labels = opts
        .expect
        .map(|col| read_labels(&t, col, table))
        .transpose()?;
    let verdicts = screen(&classifier, &t);
    let card = labels
        .as_ref()
        .map(|l| Scorecard::of(l.iter().copied().zip(&verdicts)));
    let text = match opts.format {
        TableFormat::Csv => to_csv(&t, &verdicts)?,
        TableFormat::Json => to_json(&t, &verdicts, card.as_ref())?,
    };
    emit(opts.output, &text)?;
    if let (Some(card), TableFormat::Csv) = (&card, opts.format) {
        eprint!("{}", card.to_text());
    }
    Ok(ExitCode::SUCCESS)
}

fn screen(classifier: &Classifier, t: &Table) -> Vec<Verdict> {
    t.rows.par_iter().map(|r| r.verdict(classifier)).collect()
}

/// A cell a spreadsheet would run as a formula is prefixed with a quote mark.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn reasons_text(v: &Verdict) -> String {
    v.reasons
        .iter()
        .map(|r| r.explanation.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn to_csv(t: &Table, verdicts: &[Verdict]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = t.columns.iter().map(|c| cell(c)).collect();
    header.extend(["direction", "confidence", "needs_review", "reasons"].map(String::from));
    w.write_record(&header)?;
    for (r, v) in t.rows.iter().zip(verdicts) {
        let mut rec: Vec<String> = t
            .columns
            .iter()
            .map(|c| cell(r.get(c).unwrap_or("")))
            .collect();
        rec.push(v.direction.as_str().to_string());
        rec.push(format!("{:.2}", v.confidence));
        rec.push(v.needs_review.to_string());
        rec.push(cell(&reasons_text(v)));
        w.write_record(&rec)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| anyhow!("cannot write CSV: {e}"))?;
    Ok(String::from_utf8(bytes)?)
}

#[derive(Serialize)]
struct JsonRow<'a> {
    row: usize,
    columns: serde_json::Map<String, serde_json::Value>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

/// With a scorecard the rows and the card sit side by side in one object; without, the rows alone as
/// before, so existing readers of the array are unaffected.
#[derive(Serialize)]
struct Scored<'a> {
    rows: Vec<JsonRow<'a>>,
    scorecard: &'a Scorecard,
}

fn to_json(t: &Table, verdicts: &[Verdict], card: Option<&Scorecard>) -> Result<String> {
    let rows: Vec<JsonRow> = t
        .rows
        .iter()
        .zip(verdicts)
        .enumerate()
        .map(|(i, (r, v))| JsonRow {
            row: i + 1,
            columns: r
                .cells
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect(),
            verdict: v,
        })
        .collect();
    let mut s = match card {
        Some(scorecard) => serde_json::to_string_pretty(&Scored { rows, scorecard })?,
        None => serde_json::to_string_pretty(&rows)?,
    };
    s.push('\n');
    Ok(s)
}
