//! `policydiff amendments`: a table of proposed old/new clause texts in (CSV, or YAML by extension), one
//! verdict per row out (CSV or JSON), with every other column passed through unchanged.
//!
//! This is how a subcommittee screens a stack of amendments before a meeting. A bad table stops the
//! run with the file, the row or line, and the problem; nothing is half-written. With `--expect COLUMN`
//! the verdicts are also scored against the labels in that column (see [`policydiff::score`]).

use super::{classifier, emit};
use crate::cli::{ReadWith, TableFormat};
use anyhow::{anyhow, bail, Context as _, Result};
use policydiff::classify::{Classifier, Context};
use policydiff::model::{Direction, Verdict};
use policydiff::score::{self, Scorecard};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// One row of the table: its columns in order, and where it sits in the file.
struct Row {
    /// 1-based line (CSV) or 1-based row number (YAML) for messages.
    place: String,
    cells: Vec<(String, String)>,
}

impl Row {
    fn get(&self, key: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

struct Table {
    columns: Vec<String>,
    rows: Vec<Row>,
}

/// What `policydiff amendments` was asked for besides the table.
pub struct Options<'a> {
    pub format: TableFormat,
    pub output: Option<&'a Path>,
    pub read: &'a ReadWith,
    /// The column of expected labels to score the verdicts against.
    pub expect: Option<&'a str>,
}

pub fn amendments(table: &Path, opts: &Options<'_>) -> Result<ExitCode> {
    let classifier = classifier(opts.read.lexicon.as_deref(), opts.read.weights.as_deref())?;
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

/// Each row's expected direction, `None` where the label is empty.
fn read_labels(t: &Table, column: &str, path: &Path) -> Result<Vec<Option<Direction>>> {
    if !t.columns.iter().any(|c| c == column) {
        bail!(
            "{}: the table has no `{column}` column to score against (columns found: {})",
            path.display(),
            t.columns.join(", ")
        );
    }
    t.rows
        .iter()
        .map(|r| {
            let value = r.get(column).unwrap_or("");
            score::parse_label(value)
                .map_err(|e| anyhow!("{}: {}: column `{column}`: {e}", path.display(), r.place))
        })
        .collect()
}

fn screen(classifier: &Classifier, t: &Table) -> Vec<Verdict> {
    t.rows
        .par_iter()
        .map(|r| {
            let old = r.get("old").filter(|s| !s.trim().is_empty());
            let new = r.get("new").filter(|s| !s.trim().is_empty());
            classifier.classify(old, new, &[], &Context::default())
        })
        .collect()
}

fn read_table(path: &Path) -> Result<Table> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path)
        .with_context(|| format!("{}: cannot read the table", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        anyhow!(
            "{}: line {line}: the table is not valid UTF-8 text",
            path.display()
        )
    })?;
    if text.trim().is_empty() {
        bail!("{}: the table is empty", path.display());
    }
    let table = match ext.as_str() {
        "csv" => read_csv(&text, path)?,
        "yaml" | "yml" => read_yaml(&text, path)?,
        _ => bail!(
            "{}: cannot tell the table's format from its name; use a .csv, .yaml or .yml file",
            path.display()
        ),
    };
    for col in ["old", "new"] {
        if !table.columns.iter().any(|c| c == col) {
            bail!(
                "{}: the table has no `{col}` column (columns found: {})",
                path.display(),
                table.columns.join(", ")
            );
        }
    }
    for r in &table.rows {
        let blank = |k: &str| r.get(k).is_none_or(|v| v.trim().is_empty());
        if blank("old") && blank("new") {
            bail!(
                "{}: {}: both `old` and `new` are empty",
                path.display(),
                r.place
            );
        }
    }
    if table.rows.is_empty() {
        bail!("{}: the table has a header but no rows", path.display());
    }
    Ok(table)
}

fn read_csv(text: &str, path: &Path) -> Result<Table> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = rdr
        .headers()
        .map_err(|e| anyhow!("{}: line 1: cannot read the header: {e}", path.display()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            anyhow!("{}: line {line}: {}", path.display(), csv_problem(&e))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        rows.push(Row {
            place: format!("line {line}"),
            cells: columns
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        });
    }
    Ok(Table { columns, rows })
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} fields but the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

fn read_yaml(text: &str, path: &Path) -> Result<Table> {
    let rows: Vec<serde_yaml::Mapping> = serde_yaml::from_str(text).map_err(|e| {
        let (line, column, message) = policydiff::ingest::yaml_error_parts(&e);
        anyhow!(
            "{}:{line}:{column}: expected a list of rows, each a mapping with `old` and `new`: {message}",
            path.display()
        )
    })?;
    let mut columns: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (n, m) in rows.into_iter().enumerate() {
        let place = format!("row {}", n + 1);
        let mut cells = Vec::new();
        for (k, v) in m {
            let key = scalar(&k).ok_or_else(|| {
                anyhow!("{}: {place}: a column name must be text", path.display())
            })?;
            let val = scalar(&v).ok_or_else(|| {
                anyhow!(
                    "{}: {place}: column `{key}` must hold text, not a list or mapping",
                    path.display()
                )
            })?;
            if !columns.contains(&key) {
                columns.push(key.clone());
            }
            cells.push((key, val));
        }
        out.push(Row { place, cells });
    }
    Ok(Table { columns, rows: out })
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
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
