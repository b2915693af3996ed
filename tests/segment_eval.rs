//! The segmenter against the labelled evaluation documents: for every document and side, the ids of
//! the numbered clauses equal the ids its expected alignment lists. Skips when the shared data is absent.

mod common;

use policydiff::segment::segment;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Expected {
    alignment: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    old: Vec<String>,
    new: Vec<String>,
}

fn numbered_ids(path: &Path) -> BTreeSet<String> {
    let text = policydiff::ingest::read_version(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    segment(&text)
        .into_iter()
        .filter(|c| c.number.is_some())
        .map(|c| c.id)
        .collect()
}

#[test]
fn numbered_ids_match_expected_alignment() {
    let Some(docs) = common::shared("eval/docs") else {
        return;
    };
    let mut dirs: Vec<_> = std::fs::read_dir(&docs)
        .expect("eval/docs is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.yaml").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no evaluation documents found");
    for dir in dirs {
        let yaml = std::fs::read_to_string(dir.join("expected.yaml")).expect("expected.yaml");
        let expected: Expected = serde_yaml::from_str(&yaml).expect("expected.yaml parses");
        let want_old: BTreeSet<String> = expected
            .alignment
            .iter()
            .flat_map(|e| e.old.clone())
            .collect();
        let want_new: BTreeSet<String> = expected
            .alignment
            .iter()
            .flat_map(|e| e.new.clone())
            .collect();
        assert_eq!(
            numbered_ids(&dir.join("v1.txt")),
            want_old,
            "{} v1",
            dir.display()
        );
        assert_eq!(
            numbered_ids(&dir.join("v2.txt")),
            want_new,
            "{} v2",
            dir.display()
        );
    }
}
