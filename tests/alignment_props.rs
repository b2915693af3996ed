//! Properties of every alignment, on random clause lists: every clause of both sides is accounted for,
//! only splits share an old clause and only merges share a new one, kinds agree with their sides, the
//! output is in new-document order and the same input always gives the same output.

use policydiff::align::align;
use policydiff::model::{AlignedPair, Clause, PairKind};
use policydiff::synth::{clauses, perturb, Rates};
use proptest::prelude::*;

fn clause(id: String, text: String) -> Clause {
    Clause {
        number: Some(id.clone()),
        id,
        heading: None,
        path: Vec::new(),
        text,
        line: 1,
        level: 0,
    }
}

/// Short texts from a tiny vocabulary, so duplicates, near-duplicates, empty and markup-only clauses
/// are common.
fn texts() -> impl Strategy<Value = Vec<Clause>> {
    let word = prop::sample::select(vec![
        "the", "officer", "shall", "may", "not", "record", "stop", "**", "(a)", "", "report",
    ]);
    let text = prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "));
    let id = prop::sample::select(vec!["1", "2", "3", "2.1", "(a)", "p1"]);
    prop::collection::vec((id, text), 0..25).prop_map(|v| {
        v.into_iter()
            .map(|(i, t)| clause(i.to_string(), t))
            .collect()
    })
}

fn check(old: &[Clause], new: &[Clause], pairs: &[AlignedPair]) -> Result<(), TestCaseError> {
    let mut old_pairs: Vec<Vec<PairKind>> = vec![Vec::new(); old.len()];
    let mut new_pairs: Vec<Vec<PairKind>> = vec![Vec::new(); new.len()];
    for p in pairs {
        prop_assert!((0.0..=1.0).contains(&p.similarity), "{p:?}");
        match (p.old, p.new, p.kind) {
            (None, None, _) => prop_assert!(false, "empty pair"),
            (None, Some(_), k) => prop_assert_eq!(k, PairKind::Added),
            (Some(_), None, k) => prop_assert_eq!(k, PairKind::Removed),
            (Some(i), Some(j), k) => {
                prop_assert!(k != PairKind::Added && k != PairKind::Removed);
                if k == PairKind::Identical {
                    prop_assert_eq!(&old[i].id, &new[j].id);
                    prop_assert_eq!(
                        old[i].text.split_whitespace().collect::<Vec<_>>(),
                        new[j].text.split_whitespace().collect::<Vec<_>>()
                    );
                }
            }
        }
        if let Some(i) = p.old {
            old_pairs[i].push(p.kind);
        }
        if let Some(j) = p.new {
            new_pairs[j].push(p.kind);
        }
    }
    for (i, kinds) in old_pairs.iter().enumerate() {
        prop_assert!(!kinds.is_empty(), "old clause {i} is in no pair");
        if kinds.len() > 1 {
            prop_assert!(
                kinds.iter().all(|k| *k == PairKind::Split),
                "old {i}: {kinds:?}"
            );
        }
        if kinds.contains(&PairKind::Split) {
            prop_assert!(kinds.len() >= 2, "a split of old {i} has one piece");
        }
    }
    for (j, kinds) in new_pairs.iter().enumerate() {
        prop_assert!(!kinds.is_empty(), "new clause {j} is in no pair");
        if kinds.len() > 1 {
            prop_assert!(
                kinds.iter().all(|k| *k == PairKind::Merged),
                "new {j}: {kinds:?}"
            );
        }
        if kinds.contains(&PairKind::Merged) {
            prop_assert!(kinds.len() >= 2, "a merge into new {j} has one piece");
        }
    }
    let order: Vec<usize> = pairs.iter().filter_map(|p| p.new).collect();
    prop_assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "not in new-document order: {order:?}"
    );
    prop_assert_eq!(pairs, &align(old, new)[..], "not deterministic");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_clause_lists(old in texts(), new in texts()) {
        let pairs = align(&old, &new);
        check(&old, &new, &pairs)?;
    }

    #[test]
    fn perturbed_generated_documents(seed in any::<u64>(), n in 0usize..120, heavy in any::<bool>()) {
        let rates = if heavy {
            Rates { edit: 0.4, moves: 0.2, split: 0.15, merge: 0.15, insert: 0.15, delete: 0.15 }
        } else {
            Rates::MIXED
        };
        let old = clauses(seed, n);
        let (new, _) = perturb(&old, seed.wrapping_add(1), rates);
        let pairs = align(&old, &new);
        check(&old, &new, &pairs)?;
    }
}

#[test]
fn empty_sides() {
    assert!(align(&[], &[]).is_empty());
    let one = [clause(
        "1".into(),
        "The officer shall record the stop.".into(),
    )];
    assert_eq!(
        align(&one, &[]),
        vec![AlignedPair {
            old: Some(0),
            new: None,
            kind: PairKind::Removed,
            similarity: 0.0
        }]
    );
    assert_eq!(
        align(&[], &one),
        vec![AlignedPair {
            old: None,
            new: Some(0),
            kind: PairKind::Added,
            similarity: 0.0
        }]
    );
}
