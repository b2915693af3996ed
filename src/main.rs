//! The `policydiff` binary: parses the command line, runs a command, maps the outcome to an exit code
//! (0 success, 1 a gate failed, 2 bad input or usage).

mod cli;
mod commands;

use clap::Parser;
use std::process::ExitCode;

// The pipeline makes millions of small allocations (words, tokens, edits) on several threads; glibc's
// allocator was a sixth of the run time on a large statute.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::dispatch(args.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("policydiff: {e:#}");
            ExitCode::from(2)
        }
    }
}
