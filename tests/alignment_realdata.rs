//! The aligner on real multi-version policies from the shared data (skipped when it is absent): every
//! successive pair aligns with every clause accounted for, a reused section number never pairs unrelated
//! text, an inserted section shifts the numbers after it without calling them modified, and a
//! markup-only revision comes out overwhelmingly unchanged.

mod common;

use policydiff::align::{align, REWRITE_SIMILARITY};
use policydiff::model::{AlignedPair, Clause, PairKind};
use std::path::{Path, PathBuf};

fn clauses(path: &Path) -> Vec<Clause> {
    let text = policydiff::ingest::read_version(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    policydiff::segment::segment(&text)
}

/// The version files of one folder, in name order (names carry the version order).
fn versions(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("realdata folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

fn pair_of(dir: &str, from: usize) -> Option<(Vec<Clause>, Vec<Clause>, Vec<AlignedPair>)> {
    let dir = common::shared(&format!("realdata/{dir}"))?;
    let files = versions(&dir, "v");
    let (old, new) = (clauses(&files[from]), clauses(&files[from + 1]));
    let pairs = align(&old, &new);
    Some((old, new, pairs))
}

fn accounted_for(old: &[Clause], new: &[Clause], pairs: &[AlignedPair], what: &str) {
    let mut seen_old = vec![false; old.len()];
    let mut seen_new = vec![false; new.len()];
    for p in pairs {
        if let Some(i) = p.old {
            seen_old[i] = true;
        }
        if let Some(j) = p.new {
            seen_new[j] = true;
        }
    }
    assert!(
        seen_old.iter().all(|&s| s),
        "{what}: an old clause is in no pair"
    );
    assert!(
        seen_new.iter().all(|&s| s),
        "{what}: a new clause is in no pair"
    );
}

fn every_successive_pair(series: &[(&str, &str)]) {
    let Some(root) = common::shared("realdata") else {
        return;
    };
    for (folder, prefix) in series {
        for w in versions(&root.join(folder), prefix).windows(2) {
            let (old, new) = (clauses(&w[0]), clauses(&w[1]));
            let pairs = align(&old, &new);
            accounted_for(&old, &new, &pairs, &w[1].display().to_string());
        }
    }
}

#[test]
fn every_successive_pair_of_the_policy_folders() {
    every_successive_pair(&[
        ("aws-service-terms", "v"),
        ("github-corporate-tos", "v"),
        ("github-dpa", "v"),
        ("uptimerobot-tos", "v"),
    ]);
}

#[test]
fn every_successive_pair_of_the_large_statute() {
    every_successive_pair(&[("large", "sgb5-")]);
}

#[test]
fn every_successive_pair_of_the_large_terms() {
    every_successive_pair(&[("large", "roblox-tos-")]);
}

/// The top-level section number of an id ("70" for "70.3.1"), when it is a plain number.
fn section(id: &str) -> Option<u32> {
    id.split('.').next()?.parse().ok()
}

#[test]
fn a_retired_section_number_never_pairs_the_new_service_that_took_it() {
    // v3 -> v4: sections 6 and 70 were retired and their numbers given to unrelated new services.
    let Some((old, new, pairs)) = pair_of("aws-service-terms", 2) else {
        return;
    };
    for p in &pairs {
        if let (Some(i), Some(j)) = (p.old, p.new) {
            for retired in [6, 70] {
                assert!(
                    !(section(&old[i].id) == Some(retired) && section(&new[j].id) == Some(retired)),
                    "{} paired with {} ({:?}, similarity {:.2})",
                    old[i].id,
                    new[j].id,
                    p.kind,
                    p.similarity
                );
            }
        }
    }
    // And a pair of clauses with the same number still shares wording: the number alone pairs nothing.
    for p in &pairs {
        if let (Some(i), Some(j)) = (p.old, p.new) {
            if old[i].id == new[j].id && p.kind == PairKind::Modified {
                assert!(p.similarity >= REWRITE_SIMILARITY, "{}: {p:?}", old[i].id);
            }
        }
    }
}

#[test]
fn an_inserted_section_renumbers_the_sections_after_it() {
    let Some((old, new, pairs)) = pair_of("uptimerobot-tos", 0) else {
        return;
    };
    let mut shifted = 0;
    let mut added_sections = 0;
    for p in &pairs {
        match (p.old, p.new) {
            (Some(i), Some(j)) => {
                let (Ok(a), Ok(b)) = (old[i].id.parse::<u32>(), new[j].id.parse::<u32>()) else {
                    continue;
                };
                if b == a + 1 {
                    shifted += 1;
                    assert!(
                        p.kind == PairKind::Renumbered || p.similarity >= 0.95,
                        "section {a} -> {b}: {p:?}"
                    );
                }
            }
            (None, Some(j)) if new[j].id.parse::<u32>().is_ok() => {
                added_sections += 1;
                assert_eq!(p.kind, PairKind::Added);
            }
            _ => {}
        }
    }
    assert!(shifted >= 8, "only {shifted} sections shifted by one");
    assert_eq!(added_sections, 1, "one inserted section");
}

#[test]
fn a_mostly_markup_revision_is_overwhelmingly_unchanged() {
    let Some((_, _, pairs)) = pair_of("uptimerobot-tos", 2) else {
        return;
    };
    let same = pairs
        .iter()
        .filter(|p| p.old.is_some() && p.new.is_some() && p.similarity >= 0.9)
        .count();
    let share = same as f64 / pairs.len() as f64;
    assert!(
        share >= 0.8,
        "only {same} of {} pairs kept their text",
        pairs.len()
    );
}
