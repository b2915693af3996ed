//! A [`PairReport`] in, a self-contained printable HTML change report out; the run's
//! [`PolicyReport`]s in, `index.html` out; a [`ConformReport`] in, the conformance matrix and one
//! page per agency out.
//!
//! One file each with the stylesheet inline and a Content-Security-Policy that forbids scripts and
//! every network request, so a report opened from an email or a USB stick behaves the same anywhere
//! and policy text can never act as markup (it is escaped by the template environment as well).

use super::conform_view::{agency_view, matrix_view};
use super::index_view::index_view;
use super::templates;
use super::view::{pair_view, Page};
use super::RenderError;
use crate::model::{AgencyConformance, ConformReport, PairReport, PolicyReport};

/// The change report of one comparison.
pub fn pair_html(report: &PairReport, page: Page<'_>) -> Result<String, RenderError> {
    templates::render("pair.html", "html", pair_view(report, page))
}

/// The run's index: every policy, its version timeline and a link to each comparison.
pub fn index_html(policies: &[PolicyReport]) -> Result<String, RenderError> {
    templates::render("index.html", "html", index_view(policies))
}

/// The conformance matrix of a model's local policies: agencies down, model sections across.
pub fn conformance_html(
    report: &ConformReport,
    title: Option<&str>,
) -> Result<String, RenderError> {
    templates::render("conformance.html", "html", matrix_view(report, title))
}

/// One agency's local policy against the model, missing and weaker protections first.
pub fn agency_html(a: &AgencyConformance, title: Option<&str>) -> Result<String, RenderError> {
    templates::render("agency.html", "html", agency_view(a, title))
}
