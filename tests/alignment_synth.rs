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
