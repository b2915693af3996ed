//! Reports in, CSV text out: one row per change (`<from>__<to>.csv`), per clause family
//! (`history.csv`) or per compared pair (`summary.csv`).
//!
//! All three files are UTF-8 with a header row, comma-separated, quoted by the `csv` crate wherever a
//! cell holds a comma, a quote or a line break, so multi-line clause text survives a round trip.
//!
//! **Spreadsheet safety.** A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be
//! run as a formula by Excel, LibreOffice or Google Sheets (`=HYPERLINK(...)` in a clause must stay
//! text). Every such cell, in every column including the header, is written with a single quote `'`
//! in front, and so is a cell whose text is single quotes followed by one of those characters, so the
//! rule can be undone without ambiguity: a tool reading the file drops one leading quote from any cell
//! that, after its leading quotes, starts with `=`, `+`, `-`, `@`, a tab or a carriage return. No other
//! cell is altered.
//!
//! ## Changes: `out/<policy>/<from>__<to>.csv` (and `diff --format csv`)
//!
//! | column | content |
//! |---|---|
//! | `policy` | policy folder name |
//! | `from`, `to` | version labels of the old and new side |
//! | `old_id`, `new_id` | clause ids (`3(b)`, `IV.B.2`, `p12`); empty for an added or removed clause |
//! | `kind` | `identical`, `modified`, `moved`, `renumbered`, `split`, `merged`, `added`, `removed` |
//! | `direction` | `strengthened`, `weakened` or `unchanged` |
//! | `confidence` | 0.00 to 1.00, two decimals |
//! | `needs_review` | `true` when a person should check the verdict, else `false` |
//! | `reasons` | the plain-language reasons, each a sentence ending in a full stop, joined by a space |
//! | `old_text`, `new_text` | full clause text of each side; empty when that side is absent |
//! | `redline` | the word diff as text: `[-deleted words-]` and `{+inserted words+}` around changes |
//! | `fingerprint` | what the change is, whatever its clause's number or place: 16 hex digits a review names |
//! | `tool_direction` | the classifier's own verdict (`direction` is the reviewer's when reviewed) |
//! | `reviewer_verdict`, `review_note`, `reviewed_by`, `reviewed_when` | the review applied; empty when none |
//!
//! Columns added later go at the end, so a spreadsheet or script that reads columns by position keeps
//! working.
//!
//! One row per change, in the order of the JSON report (the aligner's order), identical clauses included,
//! so the rows account for every clause of both versions.
//!
//! ## Clause histories: `out/<policy>/history.csv` (and `policydiff history`)
//!
//! One row per clause family (a clause followed through renumbering, moves, splits and merges):
//! `policy`, `family` (the first version's label and the clause id there, `2016:3(b)`), then for each
//! version label `L` in version order: `L_ids` (the family's clause ids in that version, joined by `; `,
//! empty when absent), `L_kind` and `L_direction` (how the step into `L` went; empty for the first
//! version and where the family is absent on both sides), and finally `net`, the direction over all steps.
//!
//! ## Run summary: `out/summary.csv`
//!
//! One row per policy and compared pair: `policy`, `from`, `to`, `strengthened`, `weakened`,
//! `unchanged`, `needs_review`, then the number of changes of each kind: `identical`, `modified`, `moved`,
//! `renumbered`, `split`, `merged`, `added`, `removed`, then `reviewed` (changes a reviewer decided)
//! and `unreviewed` (changes flagged for review that no one has decided yet).
//!
//! ## Stale reviews: `out/stale-reviews.csv`
//!
//! One row per review that names no change of the run (its clause's words changed, or a version was
//! removed), policies in run order and reviews in the order of their file: `policy`, `fingerprint`,
//! `from`, `to` (the versions the review records, empty when it records none), `verdict`, `note`,
//! `by`, `when`. Written on every run, with only its header when no review is stale, so a script can
//! tell "none" from "not run". These reviews are never applied; `run` also names them on standard
//! error and `index.html` lists them under their policy.

use super::RenderError;
use crate::model::{Change, EditOp, PairKind, PairReport, PolicyReport, Reason};
use std::borrow::Cow;

/// Columns of the per-change CSV, in order.
pub const CSV_COLUMNS: [&str; 19] = [
    "policy",
    "from",
    "to",
    "old_id",
    "new_id",
    "kind",
    "direction",
    "confidence",
    "needs_review",
    "reasons",
    "old_text",
    "new_text",
    "redline",
    "fingerprint",
    "tool_direction",
    "reviewer_verdict",
    "review_note",
    "reviewed_by",
    "reviewed_when",
];

/// Makes a cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or carriage return
/// gets a single quote in front so the cell is read as text, never as a formula.
///
/// Text that already starts with quotes before such a character gets one more, so dropping one quote
/// always gives the original back (see the module docs).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let after_quotes = cell.trim_start_matches('\'');
    if after_quotes.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// First characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn err(e: impl std::fmt::Display) -> RenderError {
    RenderError::Render {
        format: "csv",
        message: e.to_string(),
    }
}

/// A CSV writer whose every cell passes through [`neutralise`].
pub(super) struct SafeWriter(csv::Writer<Vec<u8>>);

impl SafeWriter {
    pub(super) fn new() -> Self {
        SafeWriter(csv::Writer::from_writer(Vec::new()))
    }

    pub(super) fn row<I, S>(&mut self, cells: I) -> Result<(), RenderError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.0.write_record(&cells).map_err(err)
    }

    pub(super) fn finish(self) -> Result<String, RenderError> {
        let bytes = self.0.into_inner().map_err(err)?;
        String::from_utf8(bytes).map_err(err)
    }
}

pub fn pair_csv(report: &PairReport) -> Result<String, RenderError> {
    let mut w = SafeWriter::new();
    w.row(CSV_COLUMNS)?;
    for c in &report.changes {
        let r = c.review.as_ref();
        w.row([
            report.policy.as_str(),
            report.from.label.as_str(),
            report.to.label.as_str(),
            c.old.as_ref().map(|o| o.id.as_str()).unwrap_or(""),
            c.new.as_ref().map(|o| o.id.as_str()).unwrap_or(""),
            c.kind.as_str(),
            c.direction.as_str(),
            &format!("{:.2}", c.confidence),
            if c.needs_review { "true" } else { "false" },
            &reasons(c),
            c.old.as_ref().map(|o| o.text.as_str()).unwrap_or(""),
            c.new.as_ref().map(|o| o.text.as_str()).unwrap_or(""),
            &redline(c),
            c.fingerprint.as_str(),
            r.map_or(c.direction, |r| r.tool_direction).as_str(),
            r.map_or("", |r| r.verdict.as_str()),
            r.map_or("", |r| r.note.as_str()),
            r.map_or("", |r| r.by.as_str()),
            r.and_then(|r| r.when.as_deref()).unwrap_or(""),
        ])?;
    }
    w.finish()
}

fn reasons(c: &Change) -> String {
    sentences(&c.reasons)
}

/// The explanations as one paragraph of sentences.
pub(super) fn sentences(reasons: &[Reason]) -> String {
    let mut out = String::new();
    for r in reasons {
        let sentence = r.explanation.trim();
        if sentence.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(sentence);
        if !sentence.ends_with(['.', '!', '?']) {
            out.push('.');
        }
    }
    out
}

/// The word diff in the `[-deleted-]{+inserted+}` notation of `git diff --word-diff`, which reads
/// in a plain spreadsheet cell without colour.
fn redline(c: &Change) -> String {
    let mut out = String::new();
    for e in &c.diff {
        let (open, close) = match e.op {
            EditOp::Equal => ("", ""),
            EditOp::Delete => ("[-", "-]"),
            EditOp::Insert => ("{+", "+}"),
        };
        let body = e.text.trim_start();
        let core = body.trim_end();
        if core.is_empty() {
            out.push_str(&e.text);
            continue;
        }
        out.push_str(&e.text[..e.text.len() - body.len()]);
        out.push_str(open);
        out.push_str(core);
        out.push_str(close);
        out.push_str(&body[core.len()..]);
    }
    out
}

pub fn history_csv(policy: &PolicyReport) -> Result<String, RenderError> {
    let mut w = SafeWriter::new();
    let mut header = vec!["policy".to_string(), "family".to_string()];
    for v in &policy.versions {
        for col in ["ids", "kind", "direction"] {
            header.push(format!("{}_{col}", v.label));
        }
    }
    header.push("net".into());
    w.row(&header)?;
    for l in &policy.lineages {
        let mut row = vec![policy.policy.clone(), l.family.clone()];
        // Lineage steps follow the version order; pad so a short lineage never shifts columns.
        for k in 0..policy.versions.len() {
            match l.steps.get(k) {
                Some(s) => {
                    row.push(s.ids.join("; "));
                    row.push(s.kind.map(PairKind::as_str).unwrap_or("").into());
                    row.push(s.direction.map(|d| d.as_str()).unwrap_or("").into());
                }
                None => row.extend([String::new(), String::new(), String::new()]),
            }
        }
        row.push(l.net.as_str().into());
        w.row(&row)?;
    }
    w.finish()
}

pub fn summary_csv(policies: &[PolicyReport]) -> Result<String, RenderError> {
    let mut w = SafeWriter::new();
    let mut header: Vec<&str> = vec![
        "policy",
        "from",
        "to",
        "strengthened",
        "weakened",
        "unchanged",
        "needs_review",
    ];
    header.extend(PairKind::ALL.map(PairKind::as_str));
    // After the kinds, so the columns that were there before reviews keep their places.
    header.extend(["reviewed", "unreviewed"]);
    w.row(&header)?;
    for p in policies {
        for r in &p.pairs {
            let s = &r.summary;
            let mut row = vec![
                p.policy.clone(),
                r.from.label.clone(),
                r.to.label.clone(),
                s.strengthened.to_string(),
                s.weakened.to_string(),
                s.unchanged.to_string(),
                s.needs_review.to_string(),
            ];
            row.extend(PairKind::ALL.map(|k| s.kinds.get(k).to_string()));
            row.extend([s.reviewed.to_string(), s.unreviewed.to_string()]);
            w.row(&row)?;
        }
    }
    w.finish()
}

/// `out/stale-reviews.csv`: one row per stale review of every policy.
pub fn stale_reviews_csv(policies: &[PolicyReport]) -> Result<String, RenderError> {
    let mut w = SafeWriter::new();
    w.row([
        "policy",
        "fingerprint",
        "from",
        "to",
        "verdict",
        "note",
        "by",
        "when",
    ])?;
    for p in policies {
        for r in &p.stale_reviews {
            let text = |s: &Option<String>| s.as_deref().unwrap_or("").to_string();
            w.row([
                p.policy.clone(),
                r.fingerprint.to_string(),
                text(&r.from),
                text(&r.to),
                r.verdict.as_str().to_string(),
                r.note.clone(),
                r.by.clone(),
                text(&r.when),
            ])?;
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(cell: &str, want: &str) {
        assert_eq!(neutralise(cell), want, "{cell:?}");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        case("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")");
        case("+1", "'+1");
        case("-1", "'-1");
        case("@SUM(A1)", "'@SUM(A1)");
        case("\tx", "'\tx");
        case("\rx", "'\rx");
        case("", "");
        case("plain", "plain");
        case("a=b", "a=b");
        case(" =x", " =x");
        case("'=x", "''=x");
        case("''+x", "'''+x");
        case("'quoted' term", "'quoted' term");
        case("'", "'");
    }

    #[test]
    fn redline_marks_edits_and_keeps_spaces_outside() {
        use crate::model::{Direction, WordEdit};
        let edit = |op, text: &str| WordEdit {
            op,
            text: text.into(),
        };
        let c = Change {
            old: None,
            new: None,
            fingerprint: crate::model::Fingerprint::of("p", "a", "b", None, None),
            kind: PairKind::Modified,
            direction: Direction::Unchanged,
            review: None,
            confidence: 0.0,
            needs_review: false,
            similarity: 0.0,
            reasons: Vec::new(),
            diff: vec![
                edit(EditOp::Equal, "Officers "),
                edit(EditOp::Delete, "may "),
                edit(EditOp::Insert, "shall "),
                edit(EditOp::Equal, "record"),
                edit(EditOp::Insert, " "),
            ],
        };
        assert_eq!(redline(&c), "Officers [-may-] {+shall+} record ");
    }
}
