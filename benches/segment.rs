//! Segmenter speed: a generated 2 MB outline, a 1 MB single line, and (when the shared data is beside
//! the repository) the 2.2 MB statute and a terms-of-use file with 18,000-character lines.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use policydiff::segment::segment;
use std::path::PathBuf;

/// An illustrative outline policy of about `bytes` bytes: roman sections, lettered and numbered items.
fn outline(bytes: usize) -> String {
    let mut s = String::new();
    let mut section = 0;
    while s.len() < bytes {
        section += 1;
        s.push_str(&format!("{section}. SECTION HEADING\n\n"));
        for letter in ['A', 'B', 'C', 'D'] {
            s.push_str(&format!(
                "{letter}. Officers shall record each stop and\nshall report it to a supervisor.\n\n"
            ));
            for n in 1..=3 {
                s.push_str(&format!(
                    "{n}. The record shall include the time; (i) the place; and (ii) the reason.\n"
                ));
            }
            s.push('\n');
        }
    }
    s
}

fn shared(file: &str) -> Option<String> {
    let dir = std::env::var_os("POLICYDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let text = std::fs::read_to_string(dir.join(file)).ok()?;
    Some(policydiff::ingest::normalize(&text))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("segment");
    g.sample_size(10);
    let mut inputs = vec![
        ("outline-2mb".to_string(), outline(2_000_000)),
        (
            "one-line-1mb".to_string(),
            "The officer shall record the stop. ".repeat(30_000),
        ),
    ];
    for file in [
        "realdata/large/sgb5-v3-2018-11-08.md",
        "realdata/large/roblox-tos-v2-2026-08-19.md",
    ] {
        match shared(file) {
            Some(text) => inputs.push((file.rsplit('/').next().unwrap_or(file).to_string(), text)),
            None => eprintln!("skipped: shared data {file} is not present"),
        }
    }
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name.as_str(), |b| b.iter(|| segment(text)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
