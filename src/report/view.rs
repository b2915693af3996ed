//! A [`PairReport`] in, the presentation view the change report templates render out: changes grouped
//! weakened, then strengthened, then other edits, then untouched clauses; redline runs with their
//! surrounding whitespace split off; reviews worded; the headline and the line under it.
//!
//! Only ordering and wording live here. Every count and verdict is read from the model as it is. How a
//! review reads (its mark, both verdicts, who and when) is worded here once for the HTML and Markdown
//! reports alike. The index's view is in [`super::index_view`].

use crate::model::{
    Change, ClauseRef, Direction, EditOp, PairReport, Reviewed, Summary, VersionInfo, WordEdit,
};
use serde::Serialize;

/// What a page knows beyond the comparison itself: the policy's title and where the run's index is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page<'a> {
    /// The manifest title; the policy folder name is used without one.
    pub title: Option<&'a str>,
    /// Relative link to `index.html`, when the report is part of a run.
    pub index: Option<&'a str>,
}

/// The headline a report leads with: "2 weakened, 7 strengthened, 30 unchanged".
pub fn headline(s: &Summary) -> String {
    format!(
        "{} weakened, {} strengthened, {} unchanged",
        s.weakened, s.strengthened, s.unchanged
    )
}

/// The second line under the headline: what was added, removed, moved and what needs a person.
/// Once anything is reviewed, it says how many changes a reviewer decided and how many flags are
/// still open, rather than counting flags a person has already settled.
pub fn subline(s: &Summary) -> String {
    let review = match (s.reviewed, s.needs_review) {
        (0, 1) => "1 change needs review".to_string(),
        (0, n) => format!("{n} changes need review"),
        (done, _) => format!("{done} reviewed, {} still to review", s.unreviewed),
    };
    format!(
        "{} added, {} removed, {} moved; {review}",
        s.added, s.removed, s.moved
    )
}

/// What pages show of a comparison besides its changes. The template engine copies its whole context
/// before rendering, so handing it the report itself copied every change and word diff once more for
/// each page and each index link.
#[derive(Debug, Serialize)]
pub struct PairHead<'a> {
    pub schema: &'a str,
    pub policy: &'a str,
    pub from: &'a VersionInfo,
    pub to: &'a VersionInfo,
    pub summary: &'a Summary,
}

impl<'a> PairHead<'a> {
    pub fn of(r: &'a PairReport) -> Self {
        PairHead {
            schema: r.schema,
            policy: &r.policy,
            from: &r.from,
            to: &r.to,
            summary: &r.summary,
        }
    }
}

/// What the index shows of a policy: its name and versions (its comparisons come as [`PairLink`]s).
#[derive(Debug, Serialize)]
pub struct PolicyHead<'a> {
    pub policy: &'a str,
    pub title: Option<&'a str>,
    pub versions: &'a [VersionInfo],
}

#[derive(Debug, Serialize)]
pub struct PairView<'a> {
    pub title: &'a str,
    pub index: Option<&'a str>,
    pub headline: String,
    pub subline: String,
    pub report: PairHead<'a>,
    /// Weakened, strengthened and other edits, in that order; empty groups are kept so the
    /// reader sees "none" rather than wondering whether a section is missing.
    pub groups: Vec<Group<'a>>,
    /// Clauses carried over word for word, listed last and collapsed.
    pub unchanged: Vec<ChangeView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct Group<'a> {
    /// CSS class and anchor: `weakened`, `strengthened`, `other`.
    pub key: &'static str,
    pub heading: &'static str,
    pub note: &'static str,
    pub changes: Vec<ChangeView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView<'a> {
    /// 1-based position in the report, so a meeting can say "change 4".
    pub n: usize,
    pub change: &'a Change,
    pub old: Option<SideView<'a>>,
    pub new: Option<SideView<'a>>,
    /// Confidence as a whole percentage ("80%").
    pub confidence: String,
    pub redline: Vec<Run<'a>>,
    /// The tool flagged the change and no reviewer has decided it yet.
    pub flagged: bool,
    /// The reviewer's decision, when the change was reviewed.
    pub review: Option<ReviewView<'a>>,
}

/// A reviewed change as the reports show it: a mark, the verdicts, the note and who decided.
#[derive(Debug, Serialize)]
pub struct ReviewView<'a> {
    /// Whether the reviewer's verdict differs from the tool's (the change's badge is the reviewer's).
    pub overrides: bool,
    /// "✔ Reviewed: overrides the tool" or "✔ Reviewed: confirms the tool".
    pub mark: &'static str,
    /// The verdicts in one sentence: "Reviewer's verdict: unchanged; the tool said weakened."
    pub verdicts: String,
    pub note: &'a str,
    /// "A. Reviewer, 2025-03-01".
    pub by: String,
}

#[derive(Debug, Serialize)]
pub struct SideView<'a> {
    pub id: &'a str,
    pub line: usize,
    /// Enclosing headings and numbers, outermost first, joined for display.
    pub path: String,
    pub text: &'a str,
}

/// One run of a redline. `text` is the marked part; `lead` and `trail` are the whitespace around it,
/// kept outside the marks because Markdown strike-through does not open or close next to a space.
#[derive(Debug, Serialize)]
pub struct Run<'a> {
    pub op: &'static str,
    pub lead: &'a str,
    pub text: &'a str,
    pub trail: &'a str,
    /// A space after a deletion that runs straight into an insertion, so "must" replaced by "should"
    /// reads as two words rather than "mustshould" where the marks do not show (plain text, print).
    pub join: &'static str,
}

/// Builds the view of one comparison.
pub fn pair_view<'a>(report: &'a PairReport, page: Page<'a>) -> PairView<'a> {
    let mut weakened = Vec::new();
    let mut strengthened = Vec::new();
    let mut other = Vec::new();
    let mut unchanged = Vec::new();
    for c in &report.changes {
        let bucket = match c.direction {
            Direction::Weakened => &mut weakened,
            Direction::Strengthened => &mut strengthened,
            // A reviewed change is shown with its review, even one a reviewer found to be untouched.
            Direction::Unchanged if crate::is_notable(c) || c.review.is_some() => &mut other,
            Direction::Unchanged => &mut unchanged,
        };
        bucket.push(c);
    }
    let mut n = 0;
    let mut number = |changes: Vec<&'a Change>| -> Vec<ChangeView<'a>> {
        changes
            .into_iter()
            .map(|c| {
                n += 1;
                change_view(n, c)
            })
            .collect()
    };
    let groups = vec![
        Group {
            key: "weakened",
            heading: "Weakened",
            note: "Changes that loosen a duty or a prohibition, add an exception, or widen a permission.",
            changes: number(weakened),
        },
        Group {
            key: "strengthened",
            heading: "Strengthened",
            note: "Changes that make a duty or a prohibition bind more firmly or reach further, or narrow a permission.",
            changes: number(strengthened),
        },
        Group {
            key: "other",
            heading: "Other edits",
            note: "Edited, moved or renumbered with no change in force, or not decided by the rules: see each change's reasons.",
            changes: number(other),
        },
    ];
    let unchanged = number(unchanged);
    PairView {
        title: [page.title.unwrap_or(""), report.policy.as_str()]
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .unwrap_or("Policy"),
        index: page.index,
        headline: headline(&report.summary),
        subline: subline(&report.summary),
        report: PairHead::of(report),
        groups,
        unchanged,
    }
}

fn change_view(n: usize, c: &Change) -> ChangeView<'_> {
    ChangeView {
        n,
        change: c,
        old: c.old.as_ref().map(side),
        new: c.new.as_ref().map(side),
        confidence: format!("{:.0}%", (c.confidence.clamp(0.0, 1.0) * 100.0).round()),
        redline: redline(&c.diff),
        flagged: c.needs_review && c.review.is_none(),
        review: c.review.as_ref().map(review_view),
    }
}

fn review_view(r: &Reviewed) -> ReviewView<'_> {
    let overrides = r.verdict != r.tool_direction;
    let (mark, verdicts) = if overrides {
        (
            "✔ Reviewed: overrides the tool",
            format!(
                "Reviewer's verdict: {}; the tool said {}.",
                r.verdict.as_str(),
                r.tool_direction.as_str()
            ),
        )
    } else {
        (
            "✔ Reviewed: confirms the tool",
            format!(
                "Reviewer's verdict: {}, as the tool said.",
                r.verdict.as_str()
            ),
        )
    };
    ReviewView {
        overrides,
        mark,
        verdicts,
        note: &r.note,
        by: by_line(&r.by, r.when.as_deref()),
    }
}

/// Who decided, and when if known: "A. Reviewer, 2025-03-01".
pub(super) fn by_line(by: &str, when: Option<&str>) -> String {
    match when {
        Some(w) if !w.trim().is_empty() => format!("{by}, {w}"),
        _ => by.to_string(),
    }
}

fn side(c: &ClauseRef) -> SideView<'_> {
    SideView {
        id: &c.id,
        line: c.line,
        path: c.path.join(" › "),
        text: &c.text,
    }
}

pub(super) fn redline(diff: &[WordEdit]) -> Vec<Run<'_>> {
    let mut runs: Vec<Run<'_>> = diff.iter().map(|e| run(e.op, &e.text)).collect();
    for i in 1..runs.len() {
        let (before, after) = runs.split_at_mut(i);
        if let (Some(prev), Some(next)) = (before.last_mut(), after.first()) {
            if prev.op == "delete"
                && prev.trail.is_empty()
                && next.op == "insert"
                && next.lead.is_empty()
            {
                prev.join = " ";
            }
        }
    }
    runs
}

fn run(op: EditOp, text: &str) -> Run<'_> {
    let op = match op {
        EditOp::Equal => "equal",
        EditOp::Insert => "insert",
        EditOp::Delete => "delete",
    };
    let body = text.trim_start();
    let lead = &text[..text.len() - body.len()];
    let core = body.trim_end();
    let trail = &body[core.len()..];
    Run {
        op,
        lead,
        text: core,
        trail,
        join: "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, lead: &str, core: &str, trail: &str) {
        let r = run(EditOp::Delete, text);
        assert_eq!((r.lead, r.text, r.trail), (lead, core, trail), "{text:?}");
    }

    #[test]
    fn runs_keep_whitespace_outside_the_marks() {
        case("may not", "", "may not", "");
        case(" may not ", " ", "may not", " ");
        case("shall\n", "", "shall", "\n");
        case("   ", "   ", "", "");
        case("", "", "", "");
        case("\u{a0}née ", "\u{a0}", "née", " ");
    }

    #[test]
    fn the_subline_counts_reviews_once_there_are_any() {
        let mut s = Summary {
            added: 1,
            needs_review: 3,
            unreviewed: 3,
            ..Summary::default()
        };
        assert_eq!(
            subline(&s),
            "1 added, 0 removed, 0 moved; 3 changes need review"
        );
        s.reviewed = 2;
        s.unreviewed = 1;
        assert_eq!(
            subline(&s),
            "1 added, 0 removed, 0 moved; 2 reviewed, 1 still to review"
        );
    }

    #[test]
    fn a_replacement_reads_as_two_words() {
        let edit = |op, text: &str| WordEdit {
            op,
            text: text.into(),
        };
        let diff = [
            edit(EditOp::Equal, "Officers "),
            edit(EditOp::Delete, "must"),
            edit(EditOp::Insert, "should"),
            edit(EditOp::Equal, " record"),
            edit(EditOp::Delete, "ed "),
            edit(EditOp::Insert, "s"),
        ];
        let joins: Vec<&str> = redline(&diff).iter().map(|r| r.join).collect();
        assert_eq!(joins, ["", " ", "", "", "", ""]);
    }
}
