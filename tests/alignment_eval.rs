//! The aligner against the labelled evaluation documents: every expected alignment in
//! `eval/docs/*/expected.yaml` holds (the right clauses paired, with the right kind of pair).
//! Skips when the shared data is absent.

mod common;

use policydiff::align::align;
use policydiff::model::{AlignedPair, Clause, PairKind};
use policydiff::segment::segment;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Expected {
    alignment: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    old: Vec<String>,
    new: Vec<String>,
    op: String,
}

fn clauses(path: &Path) -> Vec<Clause> {
    let text = policydiff::ingest::read_version(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    segment(&text)
}

fn eval_dirs() -> Vec<PathBuf> {
    let Some(docs) = common::shared("eval/docs") else {
        return Vec::new();
    };
    let mut dirs: Vec<_> = std::fs::read_dir(&docs)
        .expect("eval/docs is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The pairs (old id, new id, kind) the aligner gave, with ids in place of indices.
fn described(
    old: &[Clause],
    new: &[Clause],
    pairs: &[AlignedPair],
) -> Vec<(String, String, PairKind)> {
    pairs
        .iter()
        .map(|p| {
            let id = |c: Option<&Clause>| c.map(|c| c.id.clone()).unwrap_or_default();
            (
                id(p.old.map(|i| &old[i])),
                id(p.new.map(|j| &new[j])),
                p.kind,
            )
        })
        .collect()
}

/// Which kinds satisfy an expected op.
fn kinds_for(op: &str) -> &'static [PairKind] {
    match op {
        "keep" => &[
            PairKind::Identical,
            PairKind::Renumbered,
            PairKind::Modified,
        ],
        "move" => &[PairKind::Moved],
        "split" => &[PairKind::Split],
        "merge" => &[PairKind::Merged],
        "add" => &[PairKind::Added],
        "remove" => &[PairKind::Removed],
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn every_expected_alignment_holds() {
    let mut failures = Vec::new();
    for dir in eval_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Expected =
            serde_yaml::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
                .unwrap();
        let (old, new) = (clauses(&dir.join("v1.txt")), clauses(&dir.join("v2.txt")));
        let got = described(&old, &new, &align(&old, &new));
        for e in &expected.alignment {
            let kinds = kinds_for(&e.op);
            let olds: Vec<&str> = if e.old.is_empty() {
                vec![""]
            } else {
                e.old.iter().map(String::as_str).collect()
            };
            let news: Vec<&str> = if e.new.is_empty() {
                vec![""]
            } else {
                e.new.iter().map(String::as_str).collect()
            };
            for o in &olds {
                for n in &news {
                    let hit = got
                        .iter()
                        .any(|(go, gn, k)| go == o && gn == n && kinds.contains(k));
                    if !hit {
                        let near: Vec<_> = got
                            .iter()
                            .filter(|(go, gn, _)| {
                                (!o.is_empty() && go == o) || (!n.is_empty() && gn == n)
                            })
                            .collect();
                        failures.push(format!(
                            "{name}: expected {o:?} -> {n:?} ({}), got {near:?}",
                            e.op
                        ));
                    }
                }
            }
        }
        // Nothing beyond the expected pairs among numbered clauses: every pair the aligner made between
        // two numbered clauses is one the answer key lists.
        for (o, n, k) in &got {
            let listed = expected.alignment.iter().any(|e| {
                (e.old.contains(o) || (o.is_empty() && e.old.is_empty()))
                    && (e.new.contains(n) || (n.is_empty() && e.new.is_empty()))
            });
            let numbered =
                |id: &str, side: &[Clause]| side.iter().any(|c| c.id == id && c.number.is_some());
            if !listed && (numbered(o, &old) || numbered(n, &new)) {
                failures.push(format!("{name}: unexpected pair {o:?} -> {n:?} ({k:?})"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
