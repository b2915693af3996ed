//! A [`PairReport`] in, a self-contained printable HTML change report out; the run's
//! [`PolicyReport`]s in, `index.html` out.
//!
//! One file each with the stylesheet inline and a Content-Security-Policy that forbids scripts and
//! every network request, so a report opened from an email or a USB stick behaves the same anywhere
//! and policy text can never act as markup (it is escaped by the template environment as well).

use super::templates;
use super::view::{index_view, pair_view, Page};
use super::RenderError;
use crate::model::{PairReport, PolicyReport};

/// The change report of one comparison.
pub fn pair_html(report: &PairReport, page: Page<'_>) -> Result<String, RenderError> {
    templates::render("pair.html", "html", pair_view(report, page))
}

/// The run's index: every policy, its version timeline and a link to each comparison.
pub fn index_html(policies: &[PolicyReport]) -> Result<String, RenderError> {
    templates::render("index.html", "html", index_view(policies))
}
