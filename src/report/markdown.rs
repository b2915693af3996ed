//! [`PairReport`] in, a Markdown change report out.
//!
//! PLACEHOLDER: the report issue replaces this with a templated report.

use crate::model::PairReport;

pub fn pair_markdown(report: &PairReport) -> String {
    let s = &report.summary;
    format!(
        "# {}: {} -> {}\n\n{} weakened, {} strengthened, {} unchanged\n",
        report.policy, report.from.label, report.to.label, s.weakened, s.strengthened, s.unchanged
    )
}
