//! A [`ConformReport`] (local policies against their model) in, `conformance.csv` and
//! `conformance.json` out (and what `policydiff conform` prints).
//!
//! ## `conformance.csv`
//!
//! One row per agency and model clause, in model order, then one per extra clause of the agency, with
//! the same spreadsheet safety as every CSV of policydiff (see [`super::csv`]):
//!
//! | column | content |
//! |---|---|
//! | `agency` | the agency: its local file's stem |
//! | `model_clause`, `model_text` | the model clause's id and text; empty for an extra clause |
//! | `status` | `kept`, `reworded`, `stronger`, `weaker`, `missing` or `extra` |
//! | `local_clause`, `local_line` | the local clause's id and line (several ids joined by ` + `, the line of the first); empty when missing |
//! | `confidence` | 0.00 to 1.00, two decimals |
//! | `needs_review` | `true` when a person should check the status, else `false` |
//! | `reason` | the status in a plain sentence, then the classifier's reasons |

use super::csv::{sentences, SafeWriter};
use super::RenderError;
use crate::model::ConformReport;

/// Columns of `conformance.csv`, in order.
pub const CONFORM_COLUMNS: [&str; 9] = [
    "agency",
    "model_clause",
    "model_text",
    "status",
    "local_clause",
    "local_line",
    "confidence",
    "needs_review",
    "reason",
];

pub fn conform_csv(report: &ConformReport) -> Result<String, RenderError> {
    let mut w = SafeWriter::new();
    w.row(CONFORM_COLUMNS)?;
    for a in &report.agencies {
        for r in &a.rows {
            let ids: Vec<&str> = r.local.iter().map(|c| c.id.as_str()).collect();
            w.row([
                a.agency.as_str(),
                r.model.as_ref().map_or("", |m| m.id.as_str()),
                r.model.as_ref().map_or("", |m| m.text.as_str()),
                r.status.as_str(),
                &ids.join(" + "),
                &r.local
                    .first()
                    .map_or(String::new(), |c| c.line.to_string()),
                &format!("{:.2}", r.confidence),
                if r.needs_review { "true" } else { "false" },
                &sentences(&r.reasons),
            ])?;
        }
    }
    w.finish()
}

/// The whole report, pretty-printed, with a final newline.
pub fn conform_json(report: &ConformReport) -> Result<String, RenderError> {
    let mut s = serde_json::to_string_pretty(report).map_err(|e| RenderError::Render {
        format: "json",
        message: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}
