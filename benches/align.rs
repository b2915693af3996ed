//! Alignment cost at 1k, 10k and 50k clauses: a generated document against its revision with 10% of
//! clauses edited and 5% moved. Near-linear growth is the target (DESIGN.md, Performance).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use policydiff::align::align;
use policydiff::synth::{clauses, perturb, Rates};
use std::hint::black_box;
use std::time::Duration;

fn bench_align(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for n in [1_000, 10_000, 50_000] {
        let old = clauses(7, n);
        let (new, _) = perturb(&old, 8, Rates::BENCH);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &(old, new),
            |b, (old, new)| b.iter(|| align(black_box(old), black_box(new))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
