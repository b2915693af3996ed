//! Reports in, CSV text out: one row per change, per clause family, or per policy pair.
//!
//! PLACEHOLDER: the report issue adds formula neutralisation and the final column set.

use super::RenderError;
use crate::model::{PairReport, PolicyReport};

fn err(e: impl std::fmt::Display) -> RenderError {
    RenderError::Render {
        format: "csv",
        message: e.to_string(),
    }
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, RenderError> {
    let bytes = w.into_inner().map_err(err)?;
    String::from_utf8(bytes).map_err(err)
}

pub fn pair_csv(report: &PairReport) -> Result<String, RenderError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "policy",
        "from",
        "to",
        "old_id",
        "new_id",
        "kind",
        "direction",
    ])
    .map_err(err)?;
    for c in &report.changes {
        w.write_record([
            report.policy.as_str(),
            report.from.label.as_str(),
            report.to.label.as_str(),
            c.old.as_ref().map(|o| o.id.as_str()).unwrap_or(""),
            c.new.as_ref().map(|o| o.id.as_str()).unwrap_or(""),
            c.kind.as_str(),
            c.direction.as_str(),
        ])
        .map_err(err)?;
    }
    finish(w)
}

pub fn history_csv(policy: &PolicyReport) -> Result<String, RenderError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["policy", "family", "net"]).map_err(err)?;
    for l in &policy.lineages {
        w.write_record([policy.policy.as_str(), l.family.as_str(), l.net.as_str()])
            .map_err(err)?;
    }
    finish(w)
}

pub fn summary_csv(policies: &[PolicyReport]) -> Result<String, RenderError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "policy",
        "from",
        "to",
        "strengthened",
        "weakened",
        "unchanged",
    ])
    .map_err(err)?;
    for p in policies {
        for r in &p.pairs {
            w.write_record([
                p.policy.clone(),
                r.from.label.clone(),
                r.to.label.clone(),
                r.summary.strengthened.to_string(),
                r.summary.weakened.to_string(),
                r.summary.unchanged.to_string(),
            ])
            .map_err(err)?;
        }
    }
    finish(w)
}
