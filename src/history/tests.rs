//! Lineages over small hand-made version series: splits, merges, additions, removals and net direction.

use super::*;
use crate::model::{Change, Clause, ClauseRef, Status, VersionInfo};

fn doc(label: &str, spec: &[(&str, &str)]) -> Document {
    Document {
        policy: "p".into(),
        label: label.into(),
        date: None,
        status: Status::Adopted,
        source_path: format!("{label}.txt"),
        clauses: spec
            .iter()
            .enumerate()
            .map(|(k, (id, text))| Clause {
                id: id.to_string(),
                number: Some(id.to_string()),
                heading: None,
                path: Vec::new(),
                text: text.to_string(),
                line: k + 1,
                level: 0,
            })
            .collect(),
        warnings: Vec::new(),
    }
}

/// Aligns two documents and gives each change the direction listed for it as `"old>new"` (ids, `-` for
/// a missing side).
fn compare(old: &Document, new: &Document, directions: &[(&str, Direction)]) -> PairReport {
    let info = |d: &Document| VersionInfo {
        label: d.label.clone(),
        file: d.source_path.clone(),
        clauses: d.clauses.len(),
        date: None,
        status: d.status,
    };
    let changes = crate::align::align(&old.clauses, &new.clauses)
        .into_iter()
        .map(|p| {
            let o = p.old.map(|i| ClauseRef::from(&old.clauses[i]));
            let n = p.new.map(|j| ClauseRef::from(&new.clauses[j]));
            let id = |c: &Option<ClauseRef>| c.as_ref().map_or("-".to_string(), |c| c.id.clone());
            let key = format!("{}>{}", id(&o), id(&n));
            let direction = directions
                .iter()
                .find(|(id, _)| *id == key)
                .map_or(Direction::Unchanged, |d| d.1);
            Change {
                fingerprint: crate::model::Fingerprint::of(
                    "p",
                    &old.label,
                    &new.label,
                    o.as_ref().map(|c| c.text.as_str()),
                    n.as_ref().map(|c| c.text.as_str()),
                ),
                old: o,
                new: n,
                kind: p.kind,
                direction,
                review: None,
                confidence: 1.0,
                needs_review: false,
                similarity: p.similarity,
                reasons: Vec::new(),
                diff: Vec::new(),
            }
        })
        .collect();
    PairReport {
        schema: crate::model::SCHEMA,
        policy: "p".into(),
        from: info(old),
        to: info(new),
        summary: Default::default(),
        changes,
    }
}

/// One line per family: `family | ids per version (ids joined by +, absent as -) | kinds | net`.
fn render(lineages: &[Lineage]) -> Vec<String> {
    lineages
        .iter()
        .map(|l| {
            let ids: Vec<String> = l
                .steps
                .iter()
                .map(|s| {
                    if s.ids.is_empty() {
                        "-".into()
                    } else {
                        s.ids.join("+")
                    }
                })
                .collect();
            let kinds: Vec<&str> = l
                .steps
                .iter()
                .map(|s| s.kind.map_or(".", |k| k.as_str()))
                .collect();
            let dirs: Vec<&str> = l
                .steps
                .iter()
                .map(|s| s.direction.map_or(".", |d| d.as_str()))
                .collect();
            format!(
                "{} | {} | {} | {} | {}",
                l.family,
                ids.join(" "),
                kinds.join(" "),
                dirs.join(" "),
                l.net.as_str()
            )
        })
        .collect()
}

const RECORD: &str = "Officers shall record every traffic stop in the stop database.";
const REVIEW: &str = "A supervisor shall review the stop records of each officer once a month.";
const KEEP: &str = "Recordings shall be kept for at least ninety days after the incident.";
const KEEP_LESS: &str = "Recordings shall be kept for at least thirty days after the incident.";
const PUBLISH: &str = "The department shall publish an annual report on stops and searches.";
const DRONES: &str = "Drones may be flown over a public gathering only with approval of the chief.";

fn case(
    versions: &[(&str, &[(&str, &str)])],
    directions: &[&[(&str, Direction)]],
    expect: &[&str],
) {
    let docs: Vec<Document> = versions.iter().map(|(l, s)| doc(l, s)).collect();
    let pairs: Vec<PairReport> = docs
        .windows(2)
        .enumerate()
        .map(|(k, w)| compare(&w[0], &w[1], directions.get(k).copied().unwrap_or(&[])))
        .collect();
    assert_eq!(render(&lineages(&docs, &pairs)), expect);
}

#[test]
fn families_through_split_merge_and_renumbering() {
    let joined = format!("{RECORD} {REVIEW}");
    case(
        &[
            ("v1", &[("1", &joined), ("2", KEEP)]),
            ("v2", &[("1", RECORD), ("2", REVIEW), ("3", KEEP)]),
            ("v3", &[("1", &joined), ("2", KEEP_LESS)]),
        ],
        &[&[], &[("3>2", Direction::Weakened)]],
        &[
            "v1:1 | 1 1+2 1 | . split merged | . unchanged unchanged | unchanged",
            "v1:2 | 2 3 2 | . renumbered modified | . unchanged weakened | weakened",
        ],
    );
}

#[test]
fn added_and_removed_families_are_absent_outside_their_versions() {
    case(
        &[
            ("v1", &[("1", RECORD), ("2", KEEP)]),
            ("v2", &[("1", RECORD), ("2", DRONES), ("3", KEEP)]),
            ("v3", &[("1", RECORD), ("2", KEEP)]),
        ],
        &[
            &[("->2", Direction::Weakened)],
            &[("2>-", Direction::Strengthened)],
        ],
        &[
            "v1:1 | 1 1 1 | . identical identical | . unchanged unchanged | unchanged",
            "v1:2 | 2 3 2 | . renumbered renumbered | . unchanged unchanged | unchanged",
            "v2:2 | - 2 - | . added removed | . weakened strengthened | weakened",
        ],
    );
}

#[test]
fn net_direction_counts_steps() {
    let versions: &[(&str, &[(&str, &str)])] = &[
        ("a", &[("1", PUBLISH)]),
        ("b", &[("1", PUBLISH)]),
        ("c", &[("1", PUBLISH)]),
        ("d", &[("1", PUBLISH)]),
    ];
    use Direction::{Strengthened as S, Weakened as W};
    case(
        versions,
        &[&[("1>1", S)], &[("1>1", S)], &[("1>1", W)]],
        &["a:1 | 1 1 1 1 | . identical identical identical | . strengthened strengthened weakened | strengthened"],
    );
    case(
        versions,
        &[&[("1>1", S)], &[], &[("1>1", W)]],
        &["a:1 | 1 1 1 1 | . identical identical identical | . strengthened unchanged weakened | weakened"],
    );
}

#[test]
fn no_versions_no_families() {
    assert!(lineages(&[], &[]).is_empty());
    let one = doc("v1", &[("1", RECORD)]);
    assert_eq!(
        render(&lineages(&[one], &[])),
        vec!["v1:1 | 1 | . | . | unchanged"]
    );
}
