//! Reviews and a comparison in, the comparison with the reviewers' verdicts in force out; reviews and
//! all of a policy's comparisons in, the reviews that matched no change out.

use crate::model::{Change, Fingerprint, PairReport, Review, Reviewed, Summary};
use std::collections::{HashMap, HashSet};

/// Gives every change a review names the reviewer's verdict, keeping the tool's beside it, and
/// recounts the summary. Applying the same reviews again changes nothing.
pub fn apply(report: &mut PairReport, reviews: &[Review]) {
    if reviews.is_empty() {
        return;
    }
    let by: HashMap<&Fingerprint, &Review> = reviews.iter().map(|r| (&r.fingerprint, r)).collect();
    for c in &mut report.changes {
        if let Some(r) = by.get(&c.fingerprint) {
            review(c, r);
        }
    }
    report.summary = Summary::of(&report.changes);
}

fn review(c: &mut Change, r: &Review) {
    // A change reviewed before keeps the tool's verdict it had then, not the reviewer's.
    let tool_direction = c.review.as_ref().map_or(c.direction, |x| x.tool_direction);
    c.direction = r.verdict;
    c.review = Some(Reviewed {
        tool_direction,
        verdict: r.verdict,
        note: r.note.clone(),
        by: r.by.clone(),
        when: r.when.clone(),
    });
}

/// The reviews, in file order, whose fingerprint no change of `pairs` has.
pub fn stale(reviews: &[Review], pairs: &[PairReport]) -> Vec<Review> {
    if reviews.is_empty() {
        return Vec::new();
    }
    let found: HashSet<&Fingerprint> = pairs
        .iter()
        .flat_map(|p| &p.changes)
        .map(|c| &c.fingerprint)
        .collect();
    reviews
        .iter()
        .filter(|r| !found.contains(&r.fingerprint))
        .cloned()
        .collect()
}
