//! A [`PairReport`] (or a whole [`PolicyReport`]) in, rendered text out: JSON, YAML, CSV, Markdown, HTML;
//! plus the batch files (`history.csv`, `summary.csv`, `stale-reviews.csv`) and atomic writing to `out/`.
//!
//! Renderers only format: every number and verdict they show is a field of the model.

mod batch;
mod conform;
mod conform_view;
mod csv;
mod html;
mod index_view;
mod json;
mod markdown;
mod templates;
mod view;
mod write;

pub use batch::{
    policy_dir, write_policy, write_policy_parts, write_run, BatchError, Files, Select, Written,
};
pub use conform::{conform_csv, conform_json, CONFORM_COLUMNS};
pub use csv::{neutralise, CSV_COLUMNS};
pub use html::{agency_html, conformance_html, index_html};
pub use json::json_each;
pub use markdown::agency_markdown;
pub use templates::escape_markdown;
pub use view::{headline, subline, Page};
pub use write::{
    hex, write_atomic, write_atomic_noted, write_atomic_parts, AtomicFile, FileFact, WriteError,
};

use crate::model::{PairReport, PolicyReport};

/// Output formats for one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    Csv,
    Markdown,
    Html,
}

impl Format {
    /// File extension used under `out/`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// The formats `run` writes for every pair.
    pub const BATCH: [Format; 5] = [
        Format::Json,
        Format::Yaml,
        Format::Csv,
        Format::Markdown,
        Format::Html,
    ];
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot render {format}: {message}")]
    Render {
        format: &'static str,
        message: String,
    },
}

/// Renders one comparison on its own (as `diff` does).
pub fn render(report: &PairReport, format: Format) -> Result<String, RenderError> {
    render_page(report, format, Page::default())
}

/// Renders one comparison with what the page knows of its surroundings (title, link to the index).
pub fn render_page(
    report: &PairReport,
    format: Format,
    page: Page<'_>,
) -> Result<String, RenderError> {
    match format {
        Format::Json => json::json(report),
        Format::Yaml => json::yaml(report),
        Format::Csv => csv::pair_csv(report),
        Format::Markdown => markdown::pair_markdown(report, page),
        Format::Html => html::pair_html(report, page),
    }
}

/// [`render_page`] in consecutive pieces to be written one after another. A large JSON report comes
/// in many pieces, rendered in parallel and never joined into one buffer; other formats in one.
pub fn render_parts(
    report: &PairReport,
    format: Format,
    page: Page<'_>,
) -> Result<Vec<String>, RenderError> {
    match format {
        Format::Json => json::json_parts(report),
        _ => Ok(vec![render_page(report, format, page)?]),
    }
}

/// `out/<policy>/history.csv`: one row per clause family.
pub fn history_csv(policy: &PolicyReport) -> Result<String, RenderError> {
    csv::history_csv(policy)
}

/// `out/summary.csv`: one row per policy and pair.
pub fn summary_csv(policies: &[PolicyReport]) -> Result<String, RenderError> {
    csv::summary_csv(policies)
}

/// `out/stale-reviews.csv`: the reviews of every policy that name no change of the run.
pub fn stale_reviews_csv(policies: &[PolicyReport]) -> Result<String, RenderError> {
    csv::stale_reviews_csv(policies)
}

/// File stem of a pair's outputs: `<from>__<to>`.
pub fn pair_stem(report: &PairReport) -> String {
    format!(
        "{}__{}",
        safe_name(&report.from.label),
        safe_name(&report.to.label)
    )
}

/// Makes a label safe as a file name on every platform.
pub fn safe_name(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}
