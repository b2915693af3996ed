//! The labelled development pairs (shared evaluation data, skipped when absent): accuracy overall and
//! per pattern is printed; at least 95% must match and no miss may swap strengthened and weakened.

mod common;

use policydiff::classify::Classifier;
use policydiff::model::Direction;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
struct Pair {
    id: String,
    pattern: String,
    old: String,
    new: String,
    expect: Direction,
}

#[test]
fn dev_pairs_meet_the_floor() {
    let Some(path) = common::shared("eval/dev-pairs.yaml") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("dev pairs readable");
    let pairs: Vec<Pair> = serde_yaml::from_str(&text).expect("dev pairs parse");
    let classifier = Classifier::default();
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut swaps = Vec::new();
    for p in &pairs {
        let v = common::classify_texts(&classifier, &p.old, &p.new);
        let e = per.entry(p.pattern.clone()).or_default();
        e.1 += 1;
        if v.direction == p.expect {
            e.0 += 1;
        } else {
            let why = common::reasons_line(&v);
            misses.push(format!(
                "{} ({}): expected {}, got {}: {}",
                p.id,
                p.pattern,
                p.expect.as_str(),
                v.direction.as_str(),
                why
            ));
            if v.direction != Direction::Unchanged && p.expect != Direction::Unchanged {
                swaps.push(p.id.clone());
            }
        }
        if v.direction != Direction::Unchanged {
            let quoted = v.reasons.iter().any(|r| {
                r.effect == v.direction
                    && [&r.deleted, &r.inserted]
                        .iter()
                        .filter_map(|q| q.as_deref())
                        .any(|q| r.explanation.contains(&format!("'{q}'")))
            });
            assert!(
                quoted,
                "{}: no reason quotes the changed words: {:?}",
                p.id, v.reasons
            );
        }
    }
    let right: usize = per.values().map(|v| v.0).sum();
    let accuracy = right as f64 / pairs.len() as f64;
    eprintln!(
        "dev pairs: {right}/{} = {:.1}%",
        pairs.len(),
        accuracy * 100.0
    );
    for (pattern, (r, n)) in &per {
        eprintln!("  {pattern:<22} {r}/{n}");
    }
    for m in &misses {
        eprintln!("  MISS {m}");
    }
    assert!(swaps.is_empty(), "strengthened/weakened swapped: {swaps:?}");
    assert!(accuracy >= 0.95, "accuracy {accuracy:.3} below 0.95");
}
