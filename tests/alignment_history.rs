//! Clause lineages on the sample corpus: the families its answer key (versions/CHANGES.md) describes.

mod common;

use policydiff::classify::Classifier;
use policydiff::model::{Lineage, PairKind};

fn lineages(policy: &str) -> Vec<Lineage> {
    let src = policydiff::ingest::load_policy(&common::repo().join("versions").join(policy))
        .expect("sample policy loads");
    policydiff::analyse_policy(&src, &Classifier::default())
        .expect("sample policy analyses")
        .lineages
}

fn family<'a>(all: &'a [Lineage], name: &str) -> &'a Lineage {
    all.iter()
        .find(|l| l.family == name)
        .unwrap_or_else(|| panic!("no family {name}"))
}

#[test]
fn every_clause_of_every_version_is_in_exactly_one_family() {
    let src = policydiff::ingest::load_policy(
        &common::repo()
            .join("versions")
            .join("fair-and-impartial-policing"),
    )
    .unwrap();
    let report = policydiff::analyse_policy(&src, &Classifier::default()).unwrap();
    for (k, v) in report.versions.iter().enumerate() {
        let listed: usize = report.lineages.iter().map(|l| l.steps[k].ids.len()).sum();
        assert_eq!(listed, v.clauses, "version {}", v.label);
        assert!(report.lineages.iter().all(|l| l.steps[k].label == v.label));
    }
}

#[test]
fn a_split_clause_is_one_family_with_both_pieces() {
    // 2016 -> 2018: IX.A is split into IX.A and IX.B; the letters after it shift.
    let all = lineages("fair-and-impartial-policing");
    let split = family(&all, "2016:IX.A");
    assert_eq!(split.steps[1].ids, ["IX.A", "IX.B"]);
    assert_eq!(split.steps[1].kind, Some(PairKind::Split));
    let shifted = family(&all, "2016:IX.B");
    assert_eq!(shifted.steps[0].ids, ["IX.B"]);
    assert_eq!(shifted.steps[1].ids, ["IX.C"]);
    assert_eq!(shifted.steps[1].kind, Some(PairKind::Renumbered));
}
