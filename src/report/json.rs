//! [`PairReport`] in, JSON or YAML text out (schema `policydiff/1`, the same shape in both).

use super::RenderError;
use crate::model::PairReport;

pub fn json(report: &PairReport) -> Result<String, RenderError> {
    // A large report is tens of megabytes: room for it up front spares the copies of a growing buffer.
    let mut out = Vec::with_capacity(size_hint(report));
    serde_json::to_writer_pretty(&mut out, report).map_err(|e| RenderError::Render {
        format: "json",
        message: e.to_string(),
    })?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| RenderError::Render {
        format: "json",
        message: e.to_string(),
    })
}

/// About how long the JSON of a report is: its texts plus the fixed keys and indentation per change.
fn size_hint(report: &PairReport) -> usize {
    let texts: usize = report
        .changes
        .iter()
        .map(|c| {
            let side = |r: &Option<crate::model::ClauseRef>| {
                r.as_ref().map_or(0, |r| {
                    r.text.len() + r.path.iter().map(|p| p.len() + 12).sum::<usize>()
                })
            };
            side(&c.old)
                + side(&c.new)
                + c.diff.iter().map(|e| e.text.len() + 60).sum::<usize>()
                + c.reasons
                    .iter()
                    .map(|r| r.explanation.len() + 200)
                    .sum::<usize>()
        })
        .sum();
    4096 + texts + 640 * report.changes.len()
}

pub fn yaml(report: &PairReport) -> Result<String, RenderError> {
    serde_yaml::to_string(report).map_err(|e| RenderError::Render {
        format: "yaml",
        message: e.to_string(),
    })
}
