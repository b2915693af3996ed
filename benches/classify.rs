//! Classifier throughput: 3,000 synthetic amendment pairs (illustrative templates with varied
//! subjects, modals, exceptions and numbers), the size of a large amendment screening table; once as
//! written and once flat (lower case, punctuation stripped, as published amendment data is), which the
//! fitted weights read word by word.

use criterion::{criterion_group, criterion_main, Criterion};
use policydiff::classify::{Classifier, Context};
use std::hint::black_box;

const SUBJECTS: [&str; 6] = [
    "Officers",
    "The agency",
    "Each employer",
    "A contractor",
    "Jail staff",
    "The district",
];
const ACTIONS: [&str; 6] = [
    "record the reason for every stop",
    "notify the affected person in writing",
    "publish the inspection results on its website",
    "share booking records with federal immigration authorities",
    "review all complaints submitted by residents",
    "obtain a quote from a certified small business",
];
const EDITS: [(&str, &str); 8] = [
    ("should", "shall"),
    ("shall", "may"),
    ("shall not", "may"),
    ("shall", "shall, where feasible,"),
    ("must", "shall"),
    ("shall", "shall not be required to"),
    ("may", "may, only after supervisor approval,"),
    ("shall", "shall immediately"),
];

pub fn pairs(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let s = SUBJECTS[i % SUBJECTS.len()];
            let a = ACTIONS[(i / 6) % ACTIONS.len()];
            let (m1, m2) = EDITS[(i / 36) % EDITS.len()];
            let days = 5 + i % 20;
            let tail = if i % 3 == 0 {
                ", unless the person objects"
            } else {
                ""
            };
            (
                format!("{s} {m1} {a} within {days} days{tail}."),
                format!("{s} {m2} {a} within {} days.", days + i % 4),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let classifier = Classifier::default();
    let data = pairs(3000);
    c.bench_function("classify 3000 pairs", |b| {
        b.iter(|| {
            for (o, n) in &data {
                black_box(classifier.classify(Some(o), Some(n), &[], &Context::default()));
            }
        })
    });
    let flat = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect()
    };
    let flat_data: Vec<(String, String)> = data.iter().map(|(o, n)| (flat(o), flat(n))).collect();
    c.bench_function("classify 3000 flat pairs", |b| {
        b.iter(|| {
            for (o, n) in &flat_data {
                black_box(classifier.classify(Some(o), Some(n), &[], &Context::default()));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
