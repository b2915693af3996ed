//! [`PairReport`] in, JSON or YAML text out (schema `policydiff/1`, the same shape in both).

use super::RenderError;
use crate::model::PairReport;

pub fn json(report: &PairReport) -> Result<String, RenderError> {
    let mut s = serde_json::to_string_pretty(report).map_err(|e| RenderError::Render {
        format: "json",
        message: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}

pub fn yaml(report: &PairReport) -> Result<String, RenderError> {
    serde_yaml::to_string(report).map_err(|e| RenderError::Render {
        format: "yaml",
        message: e.to_string(),
    })
}
