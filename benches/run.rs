//! The batch command as a user runs it: `policydiff run` on a synthetic corpus, in full and
//! incrementally (nothing changed; one new draft), through the built binary so the record's reading,
//! checking and writing are all counted.
//!
//! Run with `cargo bench --bench run`. The 200-policy figure of the README comes from
//! `scripts/bench-incremental`, which is too slow for criterion's repetitions.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Policies in the benchmark corpus (4 versions of 60 clauses each, as `synth_corpus` writes them).
const POLICIES: u64 = 40;

fn run(versions: &Path, out: &Path, full: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policydiff"));
    cmd.args(["run", "--quiet", "--versions"])
        .arg(versions)
        .arg("--out")
        .arg(out);
    if full {
        cmd.arg("--full");
    }
    let status = cmd.status().expect("policydiff runs");
    assert!(status.success(), "policydiff run failed");
}

fn write(path: &Path, text: &str) {
    policydiff::report::write_atomic(path, text.as_bytes()).expect("corpus written");
}

fn bench_run(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let (versions, out) = (tmp.path().join("versions"), tmp.path().join("out"));
    for p in 0..POLICIES {
        let dir = versions.join(format!("synthetic-policy-{p:04}"));
        for (v, text) in policydiff::synth::policy_versions(p, 60, 4)
            .iter()
            .enumerate()
        {
            write(&dir.join(format!("v{}.md", v + 1)), text);
        }
    }
    // Two drafts of a fifth version of the first policy, swapped in turn, so that every measured
    // incremental run has exactly one comparison to compute.
    let fifth = policydiff::synth::policy_versions(0, 60, 5).remove(4);
    let drafts = [fifth.clone(), fifth.replacen("shall", "should", 1)];
    let draft = versions.join("synthetic-policy-0000/v5.md");

    let mut g = c.benchmark_group("run");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("full-40x4", |b| b.iter(|| run(&versions, &out, true)));
    run(&versions, &out, true);
    g.bench_function("incremental-unchanged-40x4", |b| {
        b.iter(|| run(&versions, &out, false))
    });
    let mut turn = 0;
    g.bench_function("incremental-one-new-draft-40x4", |b| {
        b.iter(|| {
            turn += 1;
            write(&draft, &drafts[turn % 2]);
            run(&versions, &out, false)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_run);
criterion_main!(benches);
