//! Version files in, timings out: segment, align, word-diff, classify and the whole `diff` (load, compare,
//! render JSON) on the sample corpus in `versions/` and, when the shared data folder is beside the
//! repository, on two large real pairs (a 2 MB statute and a long terms-of-service).
//!
//! Run with `cargo bench --bench pipeline`; filter with e.g. `cargo bench --bench pipeline -- large/`.
//! Inputs that are absent are skipped with a note, so a fresh clone still runs the sample benches.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use policydiff::classify::{Classifier, Context, SentenceIndexes};
use policydiff::diff::{whole, word_diff};
use policydiff::ingest::{self, VersionSource};
use policydiff::model::{AlignedPair, Document, EditOp, Status, WordEdit};
use policydiff::{align, compare, report, segment};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One benchmarked comparison: a name and its two version files.
struct Pair {
    name: String,
    old: PathBuf,
    new: PathBuf,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder (`../shared`, or `POLICYDIFF_SHARED`), if present.
fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("POLICYDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    dir.is_dir().then_some(dir)
}

/// Every successive pair of every policy in the sample corpus.
fn sample_pairs() -> Vec<Pair> {
    let Ok(dirs) = ingest::list_policies(&repo().join("versions")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(src) = ingest::load_policy(&dir) else {
            continue;
        };
        for w in src.versions.windows(2) {
            out.push(Pair {
                name: format!("{}/{}__{}", src.name, w[0].label, w[1].label),
                old: w[0].path.clone(),
                new: w[1].path.clone(),
            });
        }
    }
    out
}

/// The large real pairs, those present.
fn large_pairs() -> Vec<Pair> {
    let Some(dir) = shared().map(|d| d.join("realdata/large")) else {
        return Vec::new();
    };
    [
        (
            "sgb5-v2-v3",
            "sgb5-v2-2012-12-02.md",
            "sgb5-v3-2018-11-08.md",
        ),
        (
            "roblox-v1-v2",
            "roblox-tos-v1-2025-10-31.md",
            "roblox-tos-v2-2026-08-19.md",
        ),
    ]
    .into_iter()
    .map(|(name, a, b)| Pair {
        name: name.into(),
        old: dir.join(a),
        new: dir.join(b),
    })
    .filter(|p| p.old.is_file() && p.new.is_file())
    .collect()
}

fn load(path: &Path) -> Document {
    let v = VersionSource {
        label: ingest::stem(path),
        date: None,
        status: Status::Adopted,
        path: path.to_path_buf(),
    };
    policydiff::load_document("bench", &v).expect("bench input reads")
}

/// The word edits of every aligned pair, as `compare` computes them.
fn edits(old: &Document, new: &Document, pairs: &[AlignedPair]) -> Vec<Vec<WordEdit>> {
    pairs
        .iter()
        .map(|p| {
            match (
                p.old.and_then(|i| old.clauses.get(i)),
                p.new.and_then(|j| new.clauses.get(j)),
            ) {
                (Some(o), Some(n)) => word_diff(&o.text, &n.text),
                (Some(o), None) => whole(EditOp::Delete, &o.text),
                (None, Some(n)) => whole(EditOp::Insert, &n.text),
                (None, None) => Vec::new(),
            }
        })
        .collect()
}

fn bench_pairs(c: &mut Criterion, group: &str, pairs: &[Pair], sample_size: usize) {
    if pairs.is_empty() {
        eprintln!("skipped: no {group} inputs present");
        return;
    }
    let classifier = Classifier::default();
    let mut g = c.benchmark_group(group);
    g.sample_size(sample_size);
    if sample_size < 20 {
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(5));
    }
    for p in pairs {
        let text = ingest::read_version(&p.new).expect("bench input reads");
        let (old, new) = (load(&p.old), load(&p.new));
        let aligned = align::align(&old.clauses, &new.clauses);
        let diffs = edits(&old, &new, &aligned);
        let sentences = SentenceIndexes::build(&old.clauses, &new.clauses);
        let ctx = Context {
            old_clauses: &old.clauses,
            new_clauses: &new.clauses,
            sentences: Some(&sentences),
            pieces: None,
        };

        g.bench_with_input(BenchmarkId::new("segment", &p.name), &text, |b, t| {
            b.iter(|| segment::segment(black_box(t)))
        });
        g.bench_function(BenchmarkId::new("align", &p.name), |b| {
            b.iter(|| align::align(black_box(&old.clauses), black_box(&new.clauses)))
        });
        g.bench_function(BenchmarkId::new("word-diff", &p.name), |b| {
            b.iter(|| edits(&old, &new, black_box(&aligned)))
        });
        g.bench_function(BenchmarkId::new("classify", &p.name), |b| {
            b.iter(|| {
                aligned
                    .iter()
                    .zip(&diffs)
                    .map(|(pair, d)| {
                        let o = pair.old.and_then(|i| old.clauses.get(i));
                        let n = pair.new.and_then(|j| new.clauses.get(j));
                        classifier.classify(
                            o.map(|c| c.text.as_str()),
                            n.map(|c| c.text.as_str()),
                            d,
                            &ctx,
                        )
                    })
                    .count()
            })
        });
        // What `policydiff diff --format json OLD NEW` does, less process start and printing.
        g.bench_function(BenchmarkId::new("diff-json", &p.name), |b| {
            b.iter(|| {
                let (a, n) = (load(&p.old), load(&p.new));
                let r = compare(&a, &n, &classifier, None);
                report::render(&r, report::Format::Json).map(|s| s.len())
            })
        });
    }
    g.finish();
}

fn sample(c: &mut Criterion) {
    bench_pairs(c, "sample", &sample_pairs(), 30);
}

fn large(c: &mut Criterion) {
    bench_pairs(c, "large", &large_pairs(), 10);
}

criterion_group!(benches, sample, large);
criterion_main!(benches);
