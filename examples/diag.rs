use policydiff::align::align;
use policydiff::synth::{clauses, perturb, Rates};
use std::collections::BTreeSet;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(50000);
    let old = clauses(42, n);
    let (new, truth) = perturb(&old, 42 ^ 0x5eed, Rates::MIXED);
    let t = std::time::Instant::now();
    let pairs = align(&old, &new);
    eprintln!("align {:?}", t.elapsed());
    let pred: BTreeSet<(usize, usize)> = pairs
        .iter()
        .filter_map(|p| Some((p.old?, p.new?)))
        .collect();
    let mut shown = 0;
    for &(i, j) in truth.pairs.difference(&pred) {
        if shown > 8 {
            break;
        }
        shown += 1;
        let got: Vec<_> = pairs
            .iter()
            .filter(|p| p.old == Some(i) || p.new == Some(j))
            .collect();
        println!(
            "MISS {i}->{j}\n  O: {}\n  N: {}\n  got {:?}",
            old[i].text, new[j].text, got
        );
        for p in got {
            if let (Some(a), Some(b)) = (p.old, p.new) {
                println!("    [{a}] {}\n    [{b}] {}", old[a].text, new[b].text);
            }
        }
    }
    for &(i, j) in pred.difference(&truth.pairs).take(5) {
        let k = pairs
            .iter()
            .find(|p| p.old == Some(i) && p.new == Some(j))
            .unwrap();
        println!(
            "FALSE {i}->{j} {:?}\n  O: {}\n  N: {}",
            k, old[i].text, new[j].text
        );
    }
}
