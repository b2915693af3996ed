//! A [`PairReport`] in, the change report as GitHub-flavoured Markdown out: the same content and order
//! as the HTML report, readable on a code host or in a terminal.
//!
//! The redline marks deletions `~~like this~~` and insertions `<ins>like this</ins>` (GitHub keeps
//! `<ins>` and underlines it), so both read without colour. Policy text is escaped by the template
//! environment so no character of it becomes Markdown or HTML.

use super::conform_view::agency_view;
use super::templates;
use super::view::{pair_view, Page};
use super::RenderError;
use crate::model::{AgencyConformance, PairReport};

pub fn pair_markdown(report: &PairReport, page: Page<'_>) -> Result<String, RenderError> {
    templates::render("pair.md", "markdown", pair_view(report, page))
}

/// One agency's local policy against the model, as Markdown: the same content as its HTML page.
pub fn agency_markdown(a: &AgencyConformance, title: Option<&str>) -> Result<String, RenderError> {
    templates::render("agency.md", "markdown", agency_view(a, title))
}
