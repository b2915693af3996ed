//! The CSV outputs parsed back with the csv crate: documented columns, one row per item, multi-line
//! text intact, and no cell a spreadsheet would run as a formula.

mod report_fixture;

use policydiff::model::PairKind;
use policydiff::report::{self, Format, CSV_COLUMNS};
use report_fixture::{pair, policy, FORMULA};

fn parse(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// What a spreadsheet would see: a cell it runs as a formula starts with one of these.
#[track_caller]
fn assert_all_safe(rows: &[Vec<String>]) {
    for (i, row) in rows.iter().enumerate() {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "row {i}: {cell:?} would run as a formula"
            );
        }
    }
}

/// The text a reader gets back by the documented rule: drop one leading quote from a cell that,
/// after its leading quotes, starts a formula.
fn original(cell: &str) -> &str {
    let formula = cell
        .trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    match cell.strip_prefix('\'') {
        Some(rest) if formula => rest,
        _ => cell,
    }
}

#[test]
fn pair_csv_has_the_documented_columns_and_a_row_per_change() {
    let r = pair();
    let rows = parse(&report::render(&r, Format::Csv).unwrap());
    assert_eq!(rows[0], CSV_COLUMNS);
    assert_eq!(rows.len() - 1, r.changes.len());
    for (row, c) in rows[1..].iter().zip(&r.changes) {
        assert_eq!(row.len(), CSV_COLUMNS.len());
        assert_eq!(row[5], c.kind.as_str());
        assert_eq!(row[6], c.direction.as_str());
        assert_eq!(row[8], c.needs_review.to_string());
        assert_eq!(
            original(&row[10]),
            c.old.as_ref().map_or("", |o| o.text.as_str())
        );
        assert_eq!(
            original(&row[11]),
            c.new.as_ref().map_or("", |o| o.text.as_str())
        );
        assert_eq!(row[13], c.fingerprint.as_str());
        for reason in &c.reasons {
            assert!(row[9].contains(reason.explanation.trim_end_matches('.')));
        }
    }
    assert_all_safe(&rows);
}

#[test]
fn formula_text_is_kept_but_cannot_run() {
    let rows = parse(&report::render(&pair(), Format::Csv).unwrap());
    let cell = rows
        .iter()
        .flatten()
        .find(|c| c.contains("HYPERLINK"))
        .expect("the formula clause is in the CSV");
    assert_eq!(cell, &format!("'{FORMULA}"));
}

#[test]
fn multi_line_and_quoted_text_round_trips() {
    let mut r = pair();
    let text = "First line, with a comma;\n\"quoted\" second line\r\n-third line";
    if let Some(new) = r.changes.iter_mut().find_map(|c| c.new.as_mut()) {
        new.text = text.into();
    }
    let rows = parse(&report::render(&r, Format::Csv).unwrap());
    assert!(rows.iter().flatten().any(|c| c == text));
    assert_all_safe(&rows);
}

#[test]
fn redline_column_marks_edits_in_plain_text() {
    let rows = parse(&report::render(&pair(), Format::Csv).unwrap());
    assert!(rows.iter().any(|r| r[12]
        == "Officers [-must-]{+should+} record [-every-]{+each+} stop {+where practicable+}."));
}

#[test]
fn history_csv_has_a_row_per_family_and_three_columns_per_version() {
    let p = policy();
    let rows = parse(&report::history_csv(&p).unwrap());
    let width = 2 + 3 * p.versions.len() + 1;
    assert_eq!(rows[0][..2], ["policy", "family"]);
    assert_eq!(rows[0][2..5], ["2019_ids", "2019_kind", "2019_direction"]);
    assert_eq!(rows[0][width - 1], "net");
    assert_eq!(rows.len() - 1, p.lineages.len());
    for (row, l) in rows[1..].iter().zip(&p.lineages) {
        assert_eq!(row.len(), width);
        assert_eq!(row[1], l.family);
        assert_eq!(row[width - 1], l.net.as_str());
        for (k, step) in l.steps.iter().enumerate() {
            assert_eq!(original(&row[2 + 3 * k]), step.ids.join("; "));
        }
    }
    assert_all_safe(&rows);
}

#[test]
fn summary_csv_counts_match_each_pair() {
    let p = policy();
    let rows = parse(&report::summary_csv(std::slice::from_ref(&p)).unwrap());
    assert_eq!(
        rows[0],
        [
            "policy",
            "from",
            "to",
            "strengthened",
            "weakened",
            "unchanged",
            "needs_review",
            "identical",
            "modified",
            "moved",
            "renumbered",
            "split",
            "merged",
            "added",
            "removed",
            "reviewed",
            "unreviewed",
        ]
    );
    assert_eq!(rows.len() - 1, p.pairs.len());
    for (row, pair) in rows[1..].iter().zip(&p.pairs) {
        let n = |i: usize| row[i].parse::<usize>().unwrap();
        assert_eq!(n(3) + n(4) + n(5), pair.changes.len(), "directions add up");
        assert_eq!(
            (7..15).map(n).sum::<usize>(),
            pair.changes.len(),
            "kinds add up"
        );
        for (i, kind) in PairKind::ALL.iter().enumerate() {
            let rows_of_kind = pair.changes.iter().filter(|c| c.kind == *kind).count();
            assert_eq!(n(7 + i), rows_of_kind, "{kind:?}");
        }
        // Nothing reviewed here, so every flag is still open.
        assert_eq!(n(15), 0, "reviewed");
        assert_eq!(n(16), n(6), "unreviewed = needs_review");
    }
    assert_all_safe(&rows);
}

proptest::proptest! {
    /// Whatever a clause says, its cell is safe and reads back as the text once the one neutralising
    /// quote is dropped.
    #[test]
    fn any_clause_text_is_safe_and_round_trips(text in "[=+@\t\r\n\"', a-z-]{0,40}") {
        let mut r = pair();
        if let Some(new) = r.changes.iter_mut().find_map(|c| c.new.as_mut()) {
            new.text = text.clone();
        }
        let rows = parse(&report::render(&r, Format::Csv).unwrap());
        assert_all_safe(&rows);
        let first_new_text = rows
            .iter()
            .skip(1)
            .zip(&r.changes)
            .find(|(_, c)| c.new.is_some())
            .map(|(row, _)| row[11].clone())
            .unwrap();
        proptest::prop_assert_eq!(original(&first_new_text), text.as_str());
    }
}
