//! One function per subcommand: arguments in, files or standard output and an exit code out.
//! The binary's edge, so errors are `anyhow` with context.

mod amendments;
mod check;
mod conform;
mod export;
mod review;
mod run;
mod single;
mod train;

pub use run::Shard;

use crate::cli::Command;
use anyhow::{Context as _, Result};
use policydiff::classify::{Classifier, Lexicon, Weights};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn dispatch(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Run {
            versions,
            out,
            read,
            quiet,
            shard,
            full,
        } => run::run(run::RunArgs {
            versions: &versions,
            out: &out,
            read: &read,
            quiet,
            shard,
            full,
        }),
        Command::Diff {
            old,
            new,
            format,
            output,
            read,
            regulated,
        } => single::diff(
            &old,
            &new,
            format.into(),
            output.as_deref(),
            &read,
            regulated.as_deref(),
        ),
        Command::Check {
            draft,
            against,
            fail_on,
            read,
        } => check::check(&draft, &against, fail_on, &read),
        Command::Conform {
            local,
            model,
            fail_on,
            format,
            output,
            shard,
            read,
        } => conform::conform(
            &local,
            &model,
            &conform::Options {
                fail_on,
                format,
                output: output.as_deref(),
                shard,
                read: &read,
            },
        ),
        Command::Amendments {
            table,
            format,
            output,
            read,
            expect,
            regulated,
        } => amendments::amendments(
            &table,
            &amendments::Options {
                format,
                output: output.as_deref(),
                read: &read,
                expect: expect.as_deref(),
                regulated: regulated.as_deref(),
            },
        ),
        Command::Segment { file, format } => single::segment(&file, format),
        Command::History { policy, read } => single::history(&policy, &read),
        Command::Lexicon => {
            emit(None, policydiff::classify::lexicon::BUILTIN_YAML)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            tables,
            expect,
            group,
            output,
            held_out,
            lexicon,
            regulated,
            folds,
            l2,
            precision,
            max_swaps,
            min_rows,
            deal,
            only,
            fit_only,
            weights,
        } => train::train(
            &tables,
            &train::Options {
                expect: &expect,
                group: group.as_deref(),
                output: output.as_deref(),
                held_out: held_out.as_deref(),
                lexicon: lexicon.as_deref(),
                regulated: regulated.as_deref(),
                only: only.map(Into::into),
                fit_only: &fit_only,
                base: weights.as_deref(),
                settings: policydiff::classify::weigh::fit::Settings {
                    l2,
                    folds,
                    precision,
                    max_swaps,
                    min_rows,
                    deal,
                },
            },
        ),
        Command::Review { action } => review::review(action),
        Command::Weights => {
            emit(None, policydiff::classify::weigh::BUILTIN_YAML)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints what reading a document warned about (tracked changes accepted, pages without text) on
/// standard error, naming the file.
/// Hands back large results without freeing them: the command is done and the process is about to
/// exit, and freeing a large statute's millions of small strings one by one delays the exit by a tenth
/// of the run. The operating system takes the memory back at once.
pub fn leave<T>(done: T) {
    std::mem::forget(done);
}

pub fn print_warnings(doc: &policydiff::model::Document) {
    for w in &doc.warnings {
        eprintln!("policydiff: warning: {}: {w}", doc.source_path);
    }
}

/// The classifier for a lexicon file, or the built-in one.
/// A classifier with the given lexicon merged over the built-in one and the given weights in place of
/// the built-in ones.
pub fn classifier(lexicon: Option<&Path>, weights: Option<&Path>) -> Result<Classifier> {
    // Independent reads of about the same size that a large diff waits for: a core that comes free
    // takes one of them.
    let (lex, weights) = rayon::join(
        || match lexicon {
            Some(p) => Lexicon::with_user_file(p),
            None => Ok(Lexicon::builtin()),
        },
        || match weights {
            Some(p) => Weights::from_file(p),
            None => Ok(Weights::builtin()),
        },
    );
    Ok(Classifier::new(lex?).with_weights(weights?))
}

/// Writes to a file atomically, or to standard output.
pub fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    emit_parts(output, &[text])
}

/// Like [`emit`] for text that `render` hands over piece by piece as it is made, so that the whole
/// text is never held at once. Into a file, nothing appears unless `render` succeeds.
pub fn emit_each(
    output: Option<&Path>,
    render: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> Result<()>) -> Result<()>,
) -> Result<()> {
    match output {
        Some(p) => {
            let mut file = policydiff::report::AtomicFile::create(p)?;
            render(&mut |part| Ok(file.write(&part)?))?;
            file.commit()?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is the reader's choice, not an error: the rest goes nowhere.
            let mut closed = false;
            render(&mut |part| {
                if closed {
                    return Ok(());
                }
                match out.write_all(&part) {
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => closed = true,
                    r => r.context("cannot write to standard output")?,
                }
                Ok(())
            })?;
            match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r.context("cannot write to standard output")?,
            }
        }
    }
    Ok(())
}

/// Like [`emit`] for text in consecutive pieces.
pub fn emit_parts(output: Option<&Path>, parts: &[impl AsRef<[u8]>]) -> Result<()> {
    match output {
        Some(p) => policydiff::report::write_atomic_parts(p, parts)?,
        None => {
            let mut out = std::io::stdout().lock();
            parts
                .iter()
                .try_for_each(|part| out.write_all(part.as_ref()))
                .and_then(|_| out.flush())
                .or_else(|e| {
                    // A closed pipe (`| head`) is the reader's choice, not an error.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .context("cannot write to standard output")?;
        }
    }
    Ok(())
}

/// A bar on standard error when it is a terminal; nothing otherwise or with `--quiet`.
pub fn progress(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}
