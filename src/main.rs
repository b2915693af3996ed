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
    // Where the kernel backs every large anonymous mapping with 2 MiB pages (transparent huge pages
    // set to `always`), mimalloc's eagerly committed arena became resident by whole huge pages: a large
    // diff's peak RSS was 126 MiB for a heap of about 55 MiB, at no gain in speed. Pages touched from
    // here on are ordinary ones; nothing has allocated much yet. Failure only leaves things as they were.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let args = cli::Cli::parse();
    match commands::dispatch(args.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("policydiff: {e:#}");
            ExitCode::from(2)
        }
    }
}
