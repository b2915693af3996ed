//! A labelled or unlabelled table of old/new clause texts (CSV, or YAML by extension) in; its rows,
//! columns and, when asked, each row's expected direction out. Shared by the `amendments` and `train`
//! commands, so both refuse a bad table with the same words: the file, the row or line, and the problem.
//!
//! Errors are the messages the user reads (`anyhow`, each naming the file first), not values to branch
//! on: a bad table only ever stops the command. The module is in the library rather than beside the
//! commands so that the fuzz targets read tables through the same code.

use crate::classify::{Classifier, Context};
use crate::model::{Direction, Verdict};
use crate::score;
use anyhow::{anyhow, bail, Context as _, Result};
use std::path::Path;

/// One row of the table: its columns in order, and where it sits in the file.
pub struct Row {
    /// 1-based line (CSV) or 1-based row number (YAML) for messages.
    pub place: String,
    pub cells: Vec<(String, String)>,
}

impl Row {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The row's verdict as `policydiff amendments` gives it: a blank `old` or `new` is no clause, so
    /// the row reads as a clause added or removed.
    pub fn verdict(&self, classifier: &Classifier) -> Verdict {
        let old = self.get("old").filter(|s| !s.trim().is_empty());
        let new = self.get("new").filter(|s| !s.trim().is_empty());
        classifier.classify(old, new, &[], &Context::default())
    }
}

pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// Reads a table file; its extension says whether it is CSV or YAML.
pub fn read_table(path: &Path) -> Result<Table> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("{}: cannot read the table", path.display()))?;
    read_table_bytes(&bytes, path)
}

/// Reads a table from the bytes of a file; `path` names it in errors and its extension gives the format.
pub fn read_table_bytes(bytes: &[u8], path: &Path) -> Result<Table> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
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
        "csv" => read_csv(text, path)?,
        "yaml" | "yml" => read_yaml(text, path)?,
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
        let (line, column, message) = crate::ingest::yaml_error_parts(&e);
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

/// Each row's expected direction, `None` where the label is empty.
pub fn read_labels(t: &Table, column: &str, path: &Path) -> Result<Vec<Option<Direction>>> {
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
