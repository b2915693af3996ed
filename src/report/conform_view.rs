//! A [`ConformReport`] in, the views its pages render out: the matrix (agencies down, model sections
//! across, most weakened agency first) and one council-report page per agency (missing and weaker
//! protections first, kept clauses collapsed at the end).
//!
//! Only ordering, grouping and wording live here; every status and verdict is a field of the model.

use super::view::{redline, Run};
use crate::model::{AgencyConformance, ConformReport, ConformRow, ConformStatus, Direction};
use serde::Serialize;

/// How a status shows in a matrix cell and on a badge: a symbol and a word, so it reads without
/// colour, and a CSS class for the colour.
fn mark(s: ConformStatus) -> (&'static str, &'static str) {
    match s {
        ConformStatus::Kept => ("✓", "kept"),
        ConformStatus::Reworded => ("≈", "reworded"),
        ConformStatus::Stronger => ("▲", "stronger"),
        ConformStatus::Weaker => ("▼", "weaker"),
        ConformStatus::Missing => ("✕", "missing"),
        ConformStatus::Extra => ("+", "extra"),
    }
}

/// Which status a section's cell shows when its clauses differ: the one a reader must see first.
fn severity(s: ConformStatus) -> u8 {
    match s {
        ConformStatus::Missing => 5,
        ConformStatus::Weaker => 4,
        ConformStatus::Stronger => 3,
        ConformStatus::Reworded => 2,
        ConformStatus::Kept | ConformStatus::Extra => 1,
    }
}

/// Agencies most weakened first: rows that loosen the model, then missing and weaker ones, then name.
fn ranked(report: &ConformReport) -> Vec<&AgencyConformance> {
    let mut agencies: Vec<&AgencyConformance> = report.agencies.iter().collect();
    agencies.sort_by(|a, b| {
        let key = |x: &AgencyConformance| (x.counts.weakened, x.counts.missing + x.counts.weaker);
        key(b).cmp(&key(a)).then_with(|| a.agency.cmp(&b.agency))
    });
    agencies
}

/// "2 missing, 1 weaker, 0 stronger, 1 reworded, 36 kept; 1 extra clause".
pub fn agency_headline(a: &AgencyConformance) -> String {
    let c = &a.counts;
    let extra = match c.extra {
        1 => "1 extra clause".to_string(),
        n => format!("{n} extra clauses"),
    };
    format!(
        "{} missing, {} weaker, {} stronger, {} reworded, {} kept; {extra}",
        c.missing, c.weaker, c.stronger, c.reworded, c.kept
    )
}

/// The agency's page, relative to `conformance.html`.
pub fn agency_href(agency: &str) -> String {
    format!("local/{}.html", super::safe_name(agency))
}

#[derive(Debug, Serialize)]
pub struct MatrixView<'a> {
    pub title: &'a str,
    pub policy: &'a str,
    pub index: Option<&'a str>,
    /// Model sections in model order (of the first agency's model version).
    pub sections: Vec<&'a str>,
    pub agencies: Vec<MatrixLine<'a>>,
    pub legend: Vec<Legend>,
}

#[derive(Debug, Serialize)]
pub struct Legend {
    pub symbol: &'static str,
    pub class: &'static str,
    pub meaning: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MatrixLine<'a> {
    pub agency: &'a AgencyConformance,
    pub href: String,
    pub headline: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub symbol: &'static str,
    pub class: &'static str,
    /// Link to the agency page, at the row the cell shows.
    pub href: String,
    /// Every model clause of the section with its status, for the cell's tooltip.
    pub detail: String,
}

pub fn matrix_view<'a>(report: &'a ConformReport, title: Option<&'a str>) -> MatrixView<'a> {
    let mut sections: Vec<&str> = Vec::new();
    for a in &report.agencies {
        for r in a.rows.iter().filter(|r| r.model.is_some()) {
            if !sections.contains(&r.section.as_str()) {
                sections.push(&r.section);
            }
        }
    }
    let agencies = ranked(report)
        .into_iter()
        .map(|a| {
            let href = agency_href(&a.agency);
            let cells = sections
                .iter()
                .map(|s| cell(a, s, &href))
                .collect::<Vec<_>>();
            MatrixLine {
                agency: a,
                headline: agency_headline(a),
                href,
                cells,
            }
        })
        .collect();
    let legend = [
        (
            ConformStatus::Missing,
            "missing: no local clause carries it, or only one saying the opposite",
        ),
        (ConformStatus::Weaker, "weaker than the model"),
        (ConformStatus::Stronger, "stronger than the model"),
        (ConformStatus::Reworded, "reworded with the same force"),
        (ConformStatus::Kept, "kept word for word"),
    ]
    .into_iter()
    .map(|(s, meaning)| {
        let (symbol, class) = mark(s);
        Legend {
            symbol,
            class,
            meaning,
        }
    })
    .collect();
    MatrixView {
        title: title.unwrap_or(&report.policy),
        policy: &report.policy,
        index: Some("../index.html"),
        sections,
        agencies,
        legend,
    }
}

fn cell(a: &AgencyConformance, section: &str, href: &str) -> Cell {
    let rows: Vec<(usize, &ConformRow)> = a
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.model.is_some() && r.section == section)
        .collect();
    let worst = rows
        .iter()
        .max_by_key(|(i, r)| (severity(r.status), usize::MAX - i));
    let detail = rows
        .iter()
        .filter_map(|(_, r)| {
            r.model
                .as_ref()
                .map(|m| format!("{} {}", m.id, r.status.as_str()))
        })
        .collect::<Vec<_>>()
        .join("; ");
    match worst {
        Some((i, r)) => {
            let (symbol, class) = mark(r.status);
            Cell {
                symbol,
                class,
                href: format!("{href}#row-{}", i + 1),
                detail,
            }
        }
        None => Cell {
            symbol: "",
            class: "absent",
            href: href.to_string(),
            detail: "not in this agency's model version".into(),
        },
    }
}

#[derive(Debug, Serialize)]
pub struct AgencyView<'a> {
    pub title: &'a str,
    pub agency: &'a AgencyConformance,
    pub headline: String,
    /// Links back to the matrix and the run's index, relative to the agency page.
    pub matrix: &'static str,
    pub index: &'static str,
    pub groups: Vec<RowGroup<'a>>,
    /// Kept clauses, listed last and collapsed.
    pub kept: Vec<RowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RowGroup<'a> {
    pub key: &'static str,
    pub heading: &'static str,
    pub note: &'static str,
    pub rows: Vec<RowView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RowView<'a> {
    /// 1-based position among the agency's rows: the anchor `row-N` the matrix links to.
    pub n: usize,
    pub row: &'a ConformRow,
    pub symbol: &'static str,
    pub class: &'static str,
    pub local_ids: String,
    pub local_line: Option<usize>,
    pub confidence: String,
    pub redline: Vec<Run<'a>>,
}

/// The agency page's groups in reading order: key, heading, note.
const GROUPS: [(&str, &str, &str); 6] = [
    ("missing", "Missing protections", "Model clauses no local clause carries, or only one that says the opposite."),
    ("weaker", "Weaker than the model", "Local clauses that bind less than the model's."),
    ("extra-weaker", "Extra clauses that loosen the model", "Clauses of the agency's own, not in the model, that give officers or the agency more leeway."),
    ("stronger", "Stronger than the model", "Local clauses that bind more than the model's."),
    ("extra", "Other extra clauses", "Clauses of the agency's own that the model does not have."),
    ("reworded", "Reworded with the same force", "Local clauses that say what the model says in other words."),
];

/// Which of [`GROUPS`] a row goes in; `None` for a kept clause, listed last and collapsed.
fn group(r: &ConformRow) -> Option<usize> {
    match (r.status, r.direction) {
        (ConformStatus::Missing, _) => Some(0),
        (ConformStatus::Weaker, _) => Some(1),
        (ConformStatus::Extra, Direction::Weakened) => Some(2),
        (ConformStatus::Stronger, _) => Some(3),
        (ConformStatus::Extra, _) => Some(4),
        (ConformStatus::Reworded, _) => Some(5),
        (ConformStatus::Kept, _) => None,
    }
}

pub fn agency_view<'a>(a: &'a AgencyConformance, title: Option<&'a str>) -> AgencyView<'a> {
    let mut groups: Vec<RowGroup<'a>> = GROUPS
        .iter()
        .map(|&(key, heading, note)| RowGroup {
            key,
            heading,
            note,
            rows: Vec::new(),
        })
        .collect();
    let mut kept = Vec::new();
    for (i, r) in a.rows.iter().enumerate() {
        let v = row_view(i + 1, r);
        match group(r) {
            Some(k) => groups[k].rows.push(v),
            None => kept.push(v),
        }
    }
    AgencyView {
        title: title.unwrap_or(&a.model.label),
        agency: a,
        headline: agency_headline(a),
        matrix: "../conformance.html",
        index: "../../index.html",
        groups,
        kept,
    }
}

fn row_view(n: usize, r: &ConformRow) -> RowView<'_> {
    let (symbol, class) = match (r.status, r.direction) {
        (ConformStatus::Extra, Direction::Weakened) => ("+▼", "weaker"),
        (ConformStatus::Extra, Direction::Strengthened) => ("+▲", "stronger"),
        (s, _) => mark(s),
    };
    RowView {
        n,
        row: r,
        symbol,
        class,
        local_ids: r
            .local
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        local_line: r.local.first().map(|c| c.line),
        confidence: format!("{:.0}%", (r.confidence.clamp(0.0, 1.0) * 100.0).round()),
        redline: redline(&r.diff),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClauseRef, ConformCounts, Status, VersionInfo, SCHEMA};

    fn row(id: &str, section: &str, status: ConformStatus, direction: Direction) -> ConformRow {
        ConformRow {
            model: Some(ClauseRef {
                id: id.into(),
                number: None,
                path: Vec::new(),
                text: format!("Clause {id} (illustrative)."),
                line: 1,
            }),
            section: section.into(),
            status,
            local: Vec::new(),
            direction,
            confidence: 0.9,
            needs_review: false,
            reasons: Vec::new(),
            diff: Vec::new(),
        }
    }

    fn agency(name: &str, rows: Vec<ConformRow>) -> AgencyConformance {
        let version = |label: &str| VersionInfo {
            label: label.into(),
            file: format!("{label}.txt"),
            clauses: 2,
            date: None,
            status: Status::Adopted,
        };
        AgencyConformance {
            agency: name.into(),
            model: version("2024"),
            local: version(name),
            by_reference: None,
            counts: ConformCounts::of(&rows),
            rows,
            warnings: Vec::new(),
        }
    }

    #[track_caller]
    fn case(rows: &[(ConformStatus, Direction)], want: &str) {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, &(s, d))| row(&format!("A.{i}"), "A. Stops", s, d))
            .collect();
        let a = agency("x", rows);
        let c = cell(&a, "A. Stops", "local/x.html");
        assert_eq!(format!("{} {}", c.symbol, c.class), want);
    }

    #[test]
    fn a_cell_shows_its_most_serious_status() {
        use ConformStatus::*;
        use Direction::*;
        case(&[(Kept, Unchanged), (Reworded, Unchanged)], "≈ reworded");
        case(&[(Stronger, Strengthened), (Weaker, Weakened)], "▼ weaker");
        case(&[(Weaker, Weakened), (Missing, Weakened)], "✕ missing");
        case(&[(Kept, Unchanged)], "✓ kept");
    }

    #[test]
    fn the_most_weakened_agency_comes_first() {
        use ConformStatus::*;
        use Direction::*;
        let report = ConformReport {
            schema: SCHEMA,
            policy: "p".into(),
            title: None,
            agencies: vec![
                agency("a-kept", vec![row("1", "S", Kept, Unchanged)]),
                agency("b-one", vec![row("1", "S", Weaker, Weakened)]),
                agency(
                    "c-two",
                    vec![
                        row("1", "S", Missing, Weakened),
                        row("2", "S", Weaker, Weakened),
                    ],
                ),
                agency("d-stronger", vec![row("1", "S", Stronger, Strengthened)]),
            ],
        };
        let order: Vec<&str> = ranked(&report).iter().map(|a| a.agency.as_str()).collect();
        assert_eq!(order, ["c-two", "b-one", "a-kept", "d-stronger"]);
        let m = matrix_view(&report, None);
        assert_eq!(m.sections, ["S"]);
        assert_eq!(m.agencies[0].cells[0].href, "local/c-two.html#row-1");
    }
}
