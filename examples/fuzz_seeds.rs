//! The sample versions in `versions/` (and, when a shared data folder is given, its evaluation tables) in;
//! seed inputs for the fuzz targets out, one folder per target: `docx`, `pdf`, `classify`, `amendments`.
//!
//! ```sh
//! cargo run --example fuzz_seeds -- OUT_DIR [SHARED_DIR]
//! ```
//!
//! `scripts/fuzz-seeds` runs this with the folders the README's fuzzing section uses. The Word and PDF
//! seeds are built by the ingest tests' own fixture builders, so they carry what the readers must cope
//! with (list definitions, tracked changes, running headers, hyphenated line ends) rather than bare
//! text; each .docx also comes unpacked (`.parts`: its XML parts separated by NUL bytes). The classifier seeds are the clause pairs the aligner finds between successive sample
//! versions, as `old NUL new`, and the table seeds are small CSV and YAML tables of those pairs. Seeds
//! are kept small on purpose: libFuzzer mutates short inputs faster, and by default it never grows an
//! input past the largest seed.

#[path = "../tests/ingest_fixtures/mod.rs"]
mod ingest_fixtures;

use policydiff::classify::Classifier;
use policydiff::model::PairKind;
use policydiff::table::read_table;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Longest clause text kept in a classifier or table seed; longer texts add run time, not new paths.
const MAX_TEXT: usize = 2000;
/// Rows per table seed.
const TABLE_ROWS: usize = 3;
/// Rows taken from each shared table: enough variety for the classifier, not minutes of start-up.
const SHARED_ROWS: usize = 400;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: fuzz_seeds OUT_DIR [SHARED_DIR]");
        return ExitCode::from(2);
    };
    match write_all(out, args.get(1).map(PathBuf::as_path)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fuzz_seeds: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_all(out: &Path, shared: Option<&Path>) -> Result<(), String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = samples(repo)?;
    documents(out, repo, &samples)?;
    let pairs = version_pairs(repo)?;
    let n = pairs.len();
    pair_seeds(out, "versions", &pairs)?;
    eprintln!("fuzz_seeds: {n} clause pairs from the sample versions");
    match shared {
        Some(dir) if dir.join("eval").is_dir() => {
            for rel in [
                "eval/dev-pairs.yaml",
                "eval/dev-pairs-2.yaml",
                "eval/real-amendments/dev.csv",
            ] {
                let path = dir.join(rel);
                if !path.is_file() {
                    eprintln!("fuzz_seeds: no {rel} in the shared folder; skipped");
                    continue;
                }
                let table = read_table(&path).map_err(|e| format!("{e:#}"))?;
                let pairs: Vec<Pair> = table
                    .rows
                    .iter()
                    .take(SHARED_ROWS)
                    .map(|r| Pair {
                        old: clip(r.get("old").unwrap_or("")),
                        new: clip(r.get("new").unwrap_or("")),
                        expect: r.get("expect").unwrap_or("").to_string(),
                    })
                    .collect();
                let stem = policydiff::ingest::stem(&path);
                eprintln!("fuzz_seeds: {} rows from {rel}", pairs.len());
                pair_seeds(out, &format!("shared-{stem}"), &pairs)?;
            }
        }
        Some(dir) => eprintln!(
            "fuzz_seeds: no evaluation sets under {}; only the sample versions are used",
            dir.display()
        ),
        None => {}
    }
    Ok(())
}

/// The sample policy texts: every version in `versions/` and the ingest tests' illustrative policy.
fn samples(repo: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for policy in list(&repo.join("versions"))? {
        if !policy.is_dir() {
            continue;
        }
        for file in list(&policy)? {
            if matches!(
                file.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                let name = format!(
                    "{}-{}",
                    policydiff::ingest::stem(&policy),
                    policydiff::ingest::stem(&file)
                );
                out.push((name, read(&file)?));
            }
        }
    }
    let fixture = repo.join("tests/fixtures/illustrative-policy.txt");
    out.push(("illustrative-policy".into(), read(&fixture)?));
    Ok(out)
}

/// Word and PDF files of each sample, whole and cut to its first few paragraphs, plus the committed
/// files written by LibreOffice.
fn documents(out: &Path, repo: &Path, samples: &[(String, String)]) -> Result<(), String> {
    use ingest_fixtures::{docx_from_text, DocxOptions};
    let fixtures = repo.join("tests/fixtures");
    for ext in ["docx", "pdf"] {
        let dir = out.join(ext);
        mkdir(&dir)?;
        let from = fixtures.join(format!("libreoffice-lists.{ext}"));
        let bytes = std::fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        write(&dir.join(format!("libreoffice-lists.{ext}")), &bytes)?;
    }
    for (name, text) in samples {
        let head = first_paragraphs(text, 6);
        let variants = [
            (
                format!("{name}.docx"),
                text.as_str(),
                DocxOptions::default(),
            ),
            (
                format!("{name}-head.docx"),
                head.as_str(),
                DocxOptions {
                    tracked_change: true,
                },
            ),
        ];
        for (file, text, opts) in variants {
            // The builder panics on numbering it cannot express as Word lists; such a sample is
            // skipped rather than stopping the other seeds.
            match quietly(|| docx_from_text(text, opts)) {
                Some(bytes) => {
                    write(&out.join("docx").join(&file), &bytes)?;
                    let parts = unpacked(&bytes).map_err(|e| format!("{file}: {e}"))?;
                    write(&out.join("docx").join(format!("{file}.parts")), &parts)?;
                }
                None => {
                    eprintln!("fuzz_seeds: {file}: the fixture builder cannot number it; skipped")
                }
            }
        }
        #[cfg(feature = "pdf")]
        {
            use ingest_fixtures::{pdf_from_text, PdfOptions};
            let tight = PdfOptions {
                furniture: false,
                paragraph_gap: false,
                ..PdfOptions::default()
            };
            for (file, text, opts) in [
                (format!("{name}.pdf"), text.as_str(), PdfOptions::default()),
                (format!("{name}-head.pdf"), head.as_str(), tight),
            ] {
                match quietly(|| pdf_from_text(text, opts)) {
                    Some(bytes) => write(&out.join("pdf").join(file), &bytes)?,
                    None => eprintln!("fuzz_seeds: {file}: the fixture builder failed; skipped"),
                }
            }
        }
    }
    Ok(())
}

/// The document, numbering and styles parts of a .docx, separated by NUL bytes: the form in which the
/// `docx` target packs the XML into an archive itself.
fn unpacked(docx: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx))?;
    let mut out = Vec::new();
    for (i, name) in ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push(0);
        }
        zip.by_name(name)?.read_to_end(&mut out)?;
    }
    Ok(out)
}

/// One old/new pair with the direction it is expected to have (empty when unknown).
struct Pair {
    old: String,
    new: String,
    expect: String,
}

/// The changed clause pairs between successive versions of each sample policy, with the classifier's
/// own verdict as the label (it is a seed, not a rating).
fn version_pairs(repo: &Path) -> Result<Vec<Pair>, String> {
    let classifier = Classifier::default();
    let mut pairs = Vec::new();
    for dir in
        policydiff::ingest::list_policies(&repo.join("versions")).map_err(|e| e.to_string())?
    {
        let src = policydiff::ingest::load_policy(&dir).map_err(|e| e.to_string())?;
        let docs = policydiff::load_versions(&src).map_err(|e| e.to_string())?;
        for w in docs.windows(2) {
            let report = policydiff::compare(&w[0], &w[1], &classifier, None);
            for c in report.changes {
                if c.kind == PairKind::Identical {
                    continue;
                }
                let text = |r: &Option<policydiff::model::ClauseRef>| {
                    r.as_ref().map(|r| clip(&r.text)).unwrap_or_default()
                };
                pairs.push(Pair {
                    old: text(&c.old),
                    new: text(&c.new),
                    expect: c.direction.as_str().into(),
                });
            }
        }
    }
    Ok(pairs)
}

/// Classifier seeds (`old NUL new`) and CSV and YAML table seeds of `pairs`, named after `source`.
fn pair_seeds(out: &Path, source: &str, pairs: &[Pair]) -> Result<(), String> {
    let (classify, tables) = (out.join("classify"), out.join("amendments"));
    mkdir(&classify)?;
    mkdir(&tables)?;
    for (i, p) in pairs.iter().enumerate() {
        let mut bytes = p.old.clone().into_bytes();
        bytes.push(0);
        bytes.extend_from_slice(p.new.as_bytes());
        write(&classify.join(format!("{source}-{:04}", i + 1)), &bytes)?;
    }
    for (i, chunk) in pairs.chunks(TABLE_ROWS).enumerate() {
        let name = format!("{source}-{:04}", i + 1);
        write(&tables.join(format!("{name}.csv")), &csv_table(chunk)?)?;
        write(
            &tables.join(format!("{name}.yaml")),
            yaml_table(chunk)?.as_bytes(),
        )?;
    }
    Ok(())
}

fn csv_table(rows: &[Pair]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| e.to_string();
    w.write_record(["old", "new", "expect"]).map_err(fail)?;
    for r in rows {
        w.write_record([&r.old, &r.new, &r.expect]).map_err(fail)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn yaml_table(rows: &[Pair]) -> Result<String, String> {
    let list: Vec<serde_yaml::Mapping> = rows
        .iter()
        .map(|r| {
            let mut m = serde_yaml::Mapping::new();
            for (k, v) in [("old", &r.old), ("new", &r.new), ("expect", &r.expect)] {
                m.insert(k.into(), v.as_str().into());
            }
            m
        })
        .collect();
    serde_yaml::to_string(&list).map_err(|e| e.to_string())
}

/// The text up to its `n`th blank-line-separated paragraph.
fn first_paragraphs(text: &str, n: usize) -> String {
    let paras: Vec<&str> = text.split("\n\n").take(n).collect();
    let mut head = paras.join("\n\n");
    head.push('\n');
    head
}

/// At most [`MAX_TEXT`] bytes of `s`, cut at a character boundary.
fn clip(s: &str) -> String {
    let mut end = s.len().min(MAX_TEXT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// Runs a fixture builder, turning its panic into `None` without printing the panic: a skipped sample
/// is reported in one line by the caller.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

fn list(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .and_then(|rd| rd.map(|e| e.map(|e| e.path())).collect())
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    out.sort();
    Ok(out)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn mkdir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
