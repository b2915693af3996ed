//! Table-driven cases for the aligner: each names the old and new clauses as `id: text` lines and the
//! pairs expected, written as `old-id > new-id kind` (`-` for a missing side), in report order.

use super::*;

fn clauses(spec: &str) -> Vec<Clause> {
    spec.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(k, l)| {
            let (id, text) = l.split_once(':').unwrap_or((l, ""));
            Clause {
                id: id.trim().to_string(),
                number: (!id.trim().starts_with('p')).then(|| id.trim().to_string()),
                heading: None,
                path: Vec::new(),
                text: text.trim().to_string(),
                line: k + 1,
                level: 0,
            }
        })
        .collect()
}

fn case(old: &str, new: &str, expect: &[&str]) {
    let (old, new) = (clauses(old), clauses(new));
    let got: Vec<String> = align(&old, &new)
        .iter()
        .map(|p| {
            let o = p.old.map_or("-", |i| old[i].id.as_str());
            let n = p.new.map_or("-", |j| new[j].id.as_str());
            format!("{o} > {n} {}", p.kind.as_str())
        })
        .collect();
    assert_eq!(got, expect);
}

const BASE: &str = "
    1: Officers shall record every traffic stop in the stop database before the end of the shift.
    2: A supervisor shall review the stop records of each officer once a month.
    3: Recordings shall be kept for at least ninety days after the incident.
    4: The department shall publish an annual report on stops, searches and arrests.
";

#[test]
fn unchanged_and_renumbered() {
    case(
        BASE,
        BASE,
        &[
            "1 > 1 identical",
            "2 > 2 identical",
            "3 > 3 identical",
            "4 > 4 identical",
        ],
    );
    case(
        BASE,
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: Complaints about a stop go to the civilian review board within ten days.
        3: A supervisor shall review the stop records of each officer once a month.
        4: Recordings shall be kept for at least ninety days after the incident.
        5: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "- > 2 added", "2 > 3 renumbered", "3 > 4 renumbered", "4 > 5 renumbered"],
    );
}

#[test]
fn edits_moves_and_markup() {
    case(
        BASE,
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: A supervisor **must** review the stop records of each officer once a month.
        3: Recordings shall be kept for at least one hundred and eighty days after the incident.
        4: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "2 > 2 modified", "3 > 3 modified", "4 > 4 identical"],
    );
    case(
        BASE,
        "
        1: The department shall publish an annual report on stops, searches and arrests.
        2: Officers shall record every traffic stop in the stop database before the end of the shift.
        3: A supervisor shall review the stop records of each officer once a month.
        4: Recordings shall be kept for at least ninety days after the incident.
        ",
        &["4 > 1 moved", "1 > 2 renumbered", "2 > 3 renumbered", "3 > 4 renumbered"],
    );
}

#[test]
fn removed_clauses_stay_where_they_stood() {
    case(
        BASE,
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        3: Recordings shall be kept for at least ninety days after the incident.
        4: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "2 > - removed", "3 > 3 identical", "4 > 4 identical"],
    );
    case(
        BASE,
        "1: Officers shall record every traffic stop in the stop database before the end of the shift.",
        &["1 > 1 identical", "2 > - removed", "3 > - removed", "4 > - removed"],
    );
}

#[test]
fn a_reused_number_does_not_pair_unrelated_text() {
    case(
        BASE,
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: Drones may be flown over a public gathering only with the written approval of the chief.
        3: Recordings shall be kept for at least ninety days after the incident.
        4: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "2 > - removed", "- > 2 added", "3 > 3 identical", "4 > 4 identical"],
    );
}

#[test]
fn numbering_breaks_ties_between_equal_texts() {
    case(
        "
        1: Reserved.
        2: Reserved.
        3: Reserved.
        ",
        "
        2: Reserved.
        3: Reserved.
        ",
        &["1 > - removed", "2 > 2 identical", "3 > 3 identical"],
    );
}

#[test]
fn splits_and_merges() {
    case(
        "
        1: Officers shall record every traffic stop in the stop database. A supervisor shall review the stop records of each officer once a month.
        2: Recordings shall be kept for at least ninety days after the incident.
        ",
        "
        1: Officers shall record every traffic stop in the stop database.
        2: A supervisor shall review the stop records of each officer once a month.
        3: Recordings shall be kept for at least ninety days after the incident.
        ",
        &["1 > 1 split", "1 > 2 split", "2 > 3 renumbered"],
    );
    case(
        "
        1: Officers shall record every traffic stop in the stop database.
        2: A supervisor shall review the stop records of each officer once a month.
        3: Recordings shall be kept for at least ninety days after the incident.
        ",
        "
        1: Officers shall record every traffic stop in the stop database, and a supervisor shall review the stop records of each officer once a month.
        2: Recordings shall be kept for at least ninety days after the incident.
        ",
        &["1 > 1 merged", "2 > 1 merged", "3 > 2 renumbered"],
    );
}

#[test]
fn a_clause_extended_in_place_is_modified() {
    case(
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: A violation may lead to a written reprimand.
        3: The department shall publish an annual report on stops, searches and arrests.
        ",
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: A violation may lead to a written reprimand, a suspension of up to thirty days without pay, or dismissal from the department after a hearing.
        3: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "2 > 2 modified", "3 > 3 identical"],
    );
}

#[test]
fn counted_paragraphs_are_not_renumbered() {
    case(
        "
        p1: Illustrative preamble about the purpose of this order.
        p2: Officers shall record every traffic stop in the stop database before the end of the shift.
        ",
        "
        p1: A new introductory note about the scope of the order and who it binds.
        p2: Illustrative preamble about the purpose of this order.
        p3: Officers shall record every traffic stop in the stop database before the end of the shift.
        ",
        &["- > p1 added", "p1 > p2 identical", "p2 > p3 identical"],
    );
}

#[test]
fn many_equal_texts_pair_by_number() {
    // More repeats than the all-pairs fan-out: old 1..=20 are all "Reserved."; the new version drops 1.
    let old: String = (1..=20).map(|n| format!("{n}: Reserved.\n")).collect();
    let new: String = (2..=20).map(|n| format!("{n}: Reserved.\n")).collect();
    let mut expect = vec!["1 > - removed".to_string()];
    expect.extend((2..=20).map(|n| format!("{n} > {n} identical")));
    let expect: Vec<&str> = expect.iter().map(String::as_str).collect();
    case(&old, &new, &expect);
}

#[test]
fn a_clause_rewritten_in_place_is_modified() {
    case(
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: Officers shall obtain the social security number of each arrestee at booking.
        3: The department shall publish an annual report on stops, searches and arrests.
        ",
        "
        1: Officers shall record every traffic stop in the stop database before the end of the shift.
        2: Officers shall not require an arrestee to provide a social security number at booking unless a court orders it.
        3: The department shall publish an annual report on stops, searches and arrests.
        ",
        &["1 > 1 identical", "2 > 2 modified", "3 > 3 identical"],
    );
}
