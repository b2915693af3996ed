//! The run's [`PolicyReport`]s in, the view `index.html` renders out: every policy with its version
//! timeline, a link and the counts of each comparison, its stale reviews, and the run's review totals.
//!
//! Like [`super::view`], only ordering and wording live here; the run-wide totals are sums of the
//! comparisons' own counts, added up once here so no template does arithmetic.

use super::view::{by_line, headline, PairHead, PolicyHead};
use crate::model::{PolicyReport, Review};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IndexView<'a> {
    pub policies: Vec<PolicyView<'a>>,
    pub comparisons: usize,
    /// The run's reviews in one sentence ("3 changes reviewed, 5 flagged changes still to review,
    /// 1 stale review not applied"); empty when the run has no reviews and nothing flagged.
    pub reviews: String,
}

#[derive(Debug, Serialize)]
pub struct PolicyView<'a> {
    pub title: &'a str,
    pub report: PolicyHead<'a>,
    /// The conformance matrix of the policy's local policies, when it has any.
    pub conformance: Option<ConformLink>,
    /// One entry per successive pair, in version order: `pairs[k]` leads from version k to k+1.
    pub pairs: Vec<PairLink<'a>>,
    /// Reviews in the policy's review file that name no change of these versions, in file order.
    pub stale: Vec<StaleView<'a>>,
}

/// A stale review as the index lists it.
#[derive(Debug, Serialize)]
pub struct StaleView<'a> {
    pub fingerprint: &'a str,
    /// "2018 → 2024" when the review records its versions, else "not recorded".
    pub versions: String,
    pub verdict: &'static str,
    pub note: &'a str,
    /// "A. Reviewer, 2025-03-01".
    pub by: String,
}

fn stale_view(r: &Review) -> StaleView<'_> {
    let versions = match (&r.from, &r.to) {
        (Some(f), Some(t)) => format!("{f} → {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("to {t}"),
        (None, None) => "not recorded".to_string(),
    };
    StaleView {
        fingerprint: r.fingerprint.as_str(),
        versions,
        verdict: r.verdict.as_str(),
        note: &r.note,
        by: by_line(&r.by, r.when.as_deref()),
    }
}

#[derive(Debug, Serialize)]
pub struct ConformLink {
    /// Link to `conformance.html`, relative to `index.html`.
    pub href: String,
    /// "6 local policies checked; 3 weaker than the model somewhere".
    pub headline: String,
}

#[derive(Debug, Serialize)]
pub struct PairLink<'a> {
    pub pair: PairHead<'a>,
    /// Link to the HTML report, relative to `index.html`.
    pub href: String,
    pub headline: String,
}

/// Builds the view of the run's index page.
pub fn index_view(policies: &[PolicyReport]) -> IndexView<'_> {
    let policies: Vec<PolicyView<'_>> = policies
        .iter()
        .map(|p| PolicyView {
            title: p.title.as_deref().unwrap_or(&p.policy),
            report: PolicyHead {
                policy: &p.policy,
                title: p.title.as_deref(),
                versions: &p.versions,
            },
            conformance: p.conformance.as_ref().map(|c| {
                let weaker = c.agencies.iter().filter(|a| a.counts.weakened > 0).count();
                let n = c.agencies.len();
                ConformLink {
                    href: format!("{}/conformance.html", super::safe_name(&p.policy)),
                    headline: format!(
                        "{n} local {} checked against the model; {weaker} weaker than it somewhere",
                        if n == 1 { "policy" } else { "policies" }
                    ),
                }
            }),
            pairs: p
                .pairs
                .iter()
                .map(|r| PairLink {
                    pair: PairHead::of(r),
                    href: format!(
                        "{}/{}.html",
                        super::safe_name(&p.policy),
                        super::pair_stem(r)
                    ),
                    headline: headline(&r.summary),
                })
                .collect(),
            stale: p.stale_reviews.iter().map(stale_view).collect(),
        })
        .collect();
    IndexView {
        comparisons: policies.iter().map(|p| p.pairs.len()).sum(),
        reviews: run_reviews(&policies),
        policies,
    }
}

/// The sentence the index gives the run's reviews.
fn run_reviews(policies: &[PolicyView<'_>]) -> String {
    let summaries = || {
        policies
            .iter()
            .flat_map(|p| &p.pairs)
            .map(|l| l.pair.summary)
    };
    let reviewed: usize = summaries().map(|s| s.reviewed).sum();
    let open: usize = summaries().map(|s| s.unreviewed).sum();
    let stale: usize = policies.iter().map(|p| p.stale.len()).sum();
    if reviewed + open + stale == 0 {
        return String::new();
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![
        plural(reviewed, "change reviewed", "changes reviewed"),
        plural(
            open,
            "flagged change still to review",
            "flagged changes still to review",
        ),
    ];
    if stale > 0 {
        parts.push(plural(
            stale,
            "stale review not applied",
            "stale reviews not applied",
        ));
    }
    parts.join(", ")
}
