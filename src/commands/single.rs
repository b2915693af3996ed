//! Commands on one file or one policy: `diff`, `segment`, `history`.

use super::{classifier, emit, emit_each, emit_parts, leave, print_warnings};
use crate::cli::{ReadWith, SegmentFormat};
use anyhow::{Context as _, Result};
use policydiff::report::{self, Format};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub fn diff(
    old: &Path,
    new: &Path,
    format: Format,
    output: Option<&Path>,
    read: &ReadWith,
    regulated: Option<&str>,
) -> Result<ExitCode> {
    // Reading and segmenting the two files are independent: one core each. The new version is
    // usually the larger, so the core with the old one goes on to build the classifier, whose two
    // halves (lexicon and weights) the other core can take a share of when the versions are of a size.
    let (b, (a, classifier)) = rayon::join(
        || policydiff::load_file(new),
        || {
            rayon::join(
                || policydiff::load_file(old),
                || classifier(read.lexicon.as_deref(), read.weights.as_deref()),
            )
        },
    );
    let classifier = classifier?;
    let (mut a, mut b) = (a?, b?);
    print_warnings(&a);
    print_warnings(&b);
    // Nothing reads the documents after this: their texts move into the report.
    let report = policydiff::compare_moving(&mut a, &mut b, &classifier, regulated);
    match format {
        // A large report is tens of megabytes: written as it is rendered, never held whole.
        Format::Json => emit_each(output, |each| report::json_each(&report, each))?,
        _ => emit_parts(
            output,
            &report::render_parts(&report, format, report::Page::default())?,
        )?,
    }
    leave((a, b, report, classifier));
    Ok(ExitCode::SUCCESS)
}

pub fn segment(file: &Path, format: SegmentFormat) -> Result<ExitCode> {
    let doc = policydiff::load_file(file)?;
    print_warnings(&doc);
    let text = match format {
        SegmentFormat::Json => {
            let mut s = serde_json::to_string_pretty(&doc.clauses).context("cannot render JSON")?;
            s.push('\n');
            s
        }
        SegmentFormat::Text => {
            // One clause a line: source line, id indented by nesting level, [heading], text.
            let width = doc
                .clauses
                .iter()
                .map(|c| 2 * c.level.min(8) + c.id.chars().count())
                .max()
                .unwrap_or(0)
                .min(40);
            let mut s = String::new();
            for c in &doc.clauses {
                let id = format!("{}{}", "  ".repeat(c.level.min(8)), c.id);
                let heading = c
                    .heading
                    .as_deref()
                    .filter(|h| *h != c.text)
                    .map(|h| format!("[{h}] "))
                    .unwrap_or_default();
                let body = preview(&format!("{heading}{}", c.text), 100);
                let _ = writeln!(s, "{:>6}  {id:<width$}  {body}", c.line);
            }
            s
        }
    };
    emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}

pub fn history(policy: &Path, read: &ReadWith) -> Result<ExitCode> {
    let src = policydiff::ingest::load_policy(policy)?;
    let lexicon = read.lexicon.as_deref().or(src.lexicon.as_deref());
    let weights = read.weights.as_deref().or(src.weights.as_deref());
    let classifier = classifier(lexicon, weights)?;
    let docs = policydiff::load_versions(&src)?;
    docs.iter().for_each(print_warnings);
    let report = policydiff::analyse_documents(&src, &docs, &classifier);
    emit(None, &report::history_csv(&report)?)?;
    Ok(ExitCode::SUCCESS)
}

fn preview(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 3).collect();
    format!("{cut}...")
}
