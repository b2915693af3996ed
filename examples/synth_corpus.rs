//! Writes a synthetic versions folder for batch measurements: `N` policies of `V` versions each, with
//! `C` clauses per policy, generated deterministically from a seed.
//!
//! ```sh
//! cargo run --release --example synth_corpus -- OUT_DIR [POLICIES=200] [VERSIONS=4] [CLAUSES=60]
//! policydiff run --versions OUT_DIR --out OUT_DIR-reports
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: synth_corpus OUT_DIR [POLICIES] [VERSIONS] [CLAUSES]");
        return ExitCode::from(2);
    };
    let num = |i: usize, default: usize| {
        args.get(i)
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let (policies, versions, clauses) = (num(1, 200), num(2, 4), num(3, 60));
    for p in 0..policies {
        let dir = out.join(format!("synthetic-policy-{p:04}"));
        let texts = policydiff::synth::policy_versions(p as u64, clauses, versions);
        for (v, text) in texts.iter().enumerate() {
            let path = dir.join(format!("v{}.md", v + 1));
            if let Err(e) = policydiff::report::write_atomic(&path, text.as_bytes()) {
                eprintln!("synth_corpus: {e}");
                return ExitCode::from(2);
            }
        }
    }
    eprintln!(
        "synth_corpus: wrote {policies} policies x {versions} versions to {}",
        out.display()
    );
    ExitCode::SUCCESS
}
