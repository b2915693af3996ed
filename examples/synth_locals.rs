//! Writes a synthetic conformance batch: one model policy of `C` clauses and `N` agencies' local
//! policies of it, each a seeded revision of the model, generated deterministically.
//!
//! ```sh
//! cargo run --release --example synth_locals -- OUT_DIR [AGENCIES=1000] [CLAUSES=40]
//! policydiff run --versions OUT_DIR --out OUT_DIR-reports
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: synth_locals OUT_DIR [AGENCIES] [CLAUSES]");
        return ExitCode::from(2);
    };
    let num = |i: usize, default: usize| {
        args.get(i)
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let (agencies, clauses) = (num(1, 1000), num(2, 40));
    let dir = out.join("synthetic-model");
    let (model, locals) = policydiff::synth::model_and_locals(7, clauses, agencies);
    // `run` needs two versions of the model; the second is the model itself, adopted later.
    let mut files = vec![
        (dir.join("v1.md"), model.clone()),
        (dir.join("v2.md"), model),
    ];
    for (k, text) in locals.into_iter().enumerate() {
        files.push((
            dir.join("local").join(format!("agency-{:04}.md", k + 1)),
            text,
        ));
    }
    for (path, text) in files {
        if let Err(e) = policydiff::report::write_atomic(&path, text.as_bytes()) {
            eprintln!("synth_locals: {e}");
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "synth_locals: wrote a model of {clauses} clauses and {agencies} local policies to {}",
        out.display()
    );
    ExitCode::SUCCESS
}
