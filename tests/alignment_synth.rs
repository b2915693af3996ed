//! Alignment evaluation on seeded synthetic revisions: pair precision and recall against known truth.

use policydiff::align::align;
use policydiff::synth::{clauses, perturb, score, Rates};

fn case(seed: u64, n: usize, rates: Rates, min: f64) {
    let old = clauses(seed, n);
    let (new, truth) = perturb(&old, seed ^ 0x5eed, rates);
    let pairs = align(&old, &new);
    let s = score(&pairs, &truth);
    eprintln!("seed {seed} n {n}: {s:?}");
    assert!(
        s.precision >= min && s.recall >= min,
        "seed {seed}, {n} clauses: {s:?}"
    );
}

#[test]
fn mixed_revisions_of_generated_documents() {
    for seed in 1..=5 {
        case(seed, 400, Rates::MIXED, 0.98);
    }
}

#[test]
fn fifty_thousand_generated_clauses() {
    case(42, 50_000, Rates::MIXED, 0.98);
}

#[test]
fn generated_policy_texts_segment_into_their_clauses() {
    // What a batch benchmark feeds the whole pipeline: every numbered clause comes back as a clause.
    let versions = policydiff::synth::policy_versions(11, 40, 3);
    let first = policydiff::segment::segment(&versions[0]);
    let numbered = first.iter().filter(|c| c.id.contains('.')).count();
    assert_eq!(numbered, 40);
    let text = policydiff::synth::policy_text(5, 4);
    let clauses = policydiff::segment::segment(&text);
    let expected = text
        .lines()
        .filter(|l| {
            l.split_once(' ')
                .is_some_and(|(n, _)| n.contains('.') && n.len() > 2)
        })
        .count();
    assert_eq!(
        clauses.iter().filter(|c| c.id.contains('.')).count(),
        expected
    );
}
