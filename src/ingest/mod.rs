//! Files in, normalised text and version lists out: reads a versions folder (with or without its
//! `policy.yaml` manifest) and the text of each version file (.txt, .md, .docx, .pdf).
//!
//! Every failure here is an [`IngestError`] naming the file, because a user fixes input by opening it.
//! Whatever the format, the text goes through [`normalize`] last, so the same words give the same
//! clauses from any format. Things the user should know but that do not stop the run (tracked changes
//! read as accepted, page furniture dropped from a PDF) come back as warnings beside the text.

mod docx;
mod manifest;
mod normalize;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod quiet;
mod text;

pub use docx::{read_docx, read_docx_bytes};
pub use manifest::{Manifest, ManifestAgency, ManifestVersion};
pub use normalize::{normalize, normalized, push_lowercase};
#[cfg(feature = "pdf")]
pub use pdf::{read_pdf, read_pdf_bytes};
pub use text::read_text;

use crate::model::Status;
use std::path::{Path, PathBuf};

/// Why an input could not be read. Callers branch on it to choose exit codes and messages.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not text")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: unsupported file type {ext:?} (expected .txt, .md, .docx or .pdf)")]
    Unsupported { path: PathBuf, ext: String },
    #[error("{path}: not a readable .docx (corrupt or not a zip archive): {message}")]
    CorruptArchive { path: PathBuf, message: String },
    #[error("{path}: not a Word document: the archive has no {part}")]
    MissingPart { path: PathBuf, part: String },
    #[error("{path}: {part}: {message}")]
    BadPart {
        path: PathBuf,
        part: String,
        message: String,
    },
    #[error("{path}: {part} is larger than {limit_mb} MB once unpacked; refusing to read it")]
    TooLarge {
        path: PathBuf,
        part: String,
        limit_mb: u64,
    },
    #[error(
        "{path}: a password-protected or old-format (.doc) Word file; save an unprotected .docx copy"
    )]
    ProtectedOrLegacy { path: PathBuf },
    #[error("{path}: the PDF is encrypted and needs a password; save an unprotected copy")]
    EncryptedPdf { path: PathBuf },
    #[error("{path}: not a readable PDF: {message}")]
    CorruptPdf { path: PathBuf, message: String },
    #[error(
        "{path}: the PDF has no text layer on any of its {pages} pages (a scan?); run OCR on it or \
         use a text version"
    )]
    NoTextLayer { path: PathBuf, pages: usize },
    #[error("{path}: this build of policydiff reads no PDF (built without the `pdf` feature)")]
    PdfDisabled { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}")]
    Manifest {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Where a YAML error is (1-based line and column) and what it says, without the trailing
/// "at line N column M" the parser appends, since messages put the location first as `file:line:col:`.
pub fn yaml_error_parts(e: &serde_yaml::Error) -> (usize, usize, String) {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let text = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
    (line, column, message)
}

/// One version file of a policy, in the order the manifest or file names give.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionSource {
    pub label: String,
    pub date: Option<String>,
    pub status: Status,
    pub path: PathBuf,
}

/// A policy folder: its name, optional manifest facts and its versions in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySource {
    /// Folder name; used in output paths.
    pub name: String,
    pub dir: PathBuf,
    pub title: Option<String>,
    /// The regulated party named by the manifest, if any.
    pub regulated: Option<String>,
    /// A user lexicon file named by the manifest, resolved inside the policy folder.
    pub lexicon: Option<PathBuf>,
    /// A verdict weights file named by the manifest, resolved inside the policy folder.
    pub weights: Option<PathBuf>,
    pub versions: Vec<VersionSource>,
    /// Where agencies' local policies checked against this policy as a model are (it may not exist).
    pub local: PathBuf,
    /// Manifest facts per agency (a local file's stem).
    pub agencies: std::collections::BTreeMap<String, ManifestAgency>,
    /// The policy's review file (`reviews.yaml`, or the manifest's `reviews:`), read and checked.
    pub reviews: crate::review::ReviewFile,
}

/// The folder of local policies inside a policy folder when the manifest names none.
pub const LOCAL_DIR: &str = "local";

/// One agency's local policy file as found in a policy's local folder.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalFile {
    pub agency: String,
    pub path: PathBuf,
    pub adopted: Option<String>,
    pub model_version: Option<String>,
}

impl LocalFile {
    /// A local file named on the command line: the agency is the file stem, and what the policy's
    /// manifest says of that agency applies.
    pub fn named(src: &PolicySource, path: PathBuf) -> LocalFile {
        let agency = stem(&path);
        let facts = src.agencies.get(&agency);
        LocalFile {
            adopted: facts.and_then(|a| a.adopted.clone()),
            model_version: facts.and_then(|a| a.model_version.clone()),
            agency,
            path,
        }
    }
}

/// The local policies of a policy, by agency name (natural order); none when its local folder does
/// not exist. Two files of one agency (`a.txt` and `a.md`) are refused, as two versions of one label.
pub fn local_policies(src: &PolicySource) -> Result<Vec<LocalFile>, IngestError> {
    if !src.local.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = read_dir(&src.local)?
        .into_iter()
        .filter(|p| p.is_file() && is_version_file(p))
        .collect();
    files.sort_by(|a, b| natural_cmp(&file_name(a), &file_name(b)));
    let mut out: Vec<LocalFile> = Vec::with_capacity(files.len());
    for path in files {
        let agency = stem(&path);
        if let Some(first) = out.iter().find(|l: &&LocalFile| l.agency == agency) {
            return Err(IngestError::Invalid {
                path: src.local.clone(),
                message: format!(
                    "agency {agency:?} has two local files ({} and {}); keep one",
                    file_name(&first.path),
                    file_name(&path)
                ),
            });
        }
        out.push(LocalFile::named(src, path));
    }
    Ok(out)
}

/// File extensions read as versions. `pdf` is listed even in builds without the `pdf` feature, so a
/// PDF in a versions folder is reported rather than silently skipped.
pub const VERSION_EXTENSIONS: &[&str] = &["txt", "md", "docx", "pdf"];

/// A version file's normalised text and what the user should be told about reading it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ingested {
    pub text: String,
    /// Plain sentences, without the file name (the caller adds it).
    pub warnings: Vec<String>,
}

fn is_version_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| VERSION_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
        && name != "README.md"
        // Word leaves `~$name.docx` owner files beside a document it has open; they are not versions.
        && !name.starts_with("~$")
}

/// Lists the policy folders under `versions_dir`, sorted by name byte for byte (so that
/// `LC_ALL=C sort` over run-wide CSV files reproduces the run's own order when merging shards).
pub fn list_policies(versions_dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let entries = read_dir(versions_dir)?;
    let mut dirs: Vec<PathBuf> = entries.into_iter().filter(|p| p.is_dir()).collect();
    dirs.sort_by_key(|p| file_name(p));
    Ok(dirs)
}

/// Reads one policy folder: the manifest if present, otherwise every version file in natural name order.
pub fn load_policy(dir: &Path) -> Result<PolicySource, IngestError> {
    if !dir.exists() {
        return Err(IngestError::NotFound {
            path: dir.to_path_buf(),
        });
    }
    let name = file_name(dir);
    let manifest_path = dir.join("policy.yaml");
    if manifest_path.exists() {
        let manifest = Manifest::read(&manifest_path)?;
        return manifest.into_source(name, dir, &manifest_path);
    }
    let mut files: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| p.is_file() && is_version_file(p))
        .collect();
    files.sort_by(|a, b| natural_cmp(&file_name(a), &file_name(b)));
    // Labels name the output files, so `v2.txt` beside `v2.md` would make two pairs write one report.
    let mut labels = std::collections::BTreeMap::new();
    for path in &files {
        if let Some(first) = labels.insert(stem(path), path) {
            return Err(IngestError::Invalid {
                path: dir.to_path_buf(),
                message: format!(
                    "version label {:?} is used twice ({} and {}); rename one file or give labels in policy.yaml",
                    stem(path),
                    file_name(first),
                    file_name(path)
                ),
            });
        }
    }
    let versions = files
        .into_iter()
        .map(|path| VersionSource {
            label: stem(&path),
            date: None,
            status: Status::Adopted,
            path,
        })
        .collect();
    Ok(PolicySource {
        name,
        dir: dir.to_path_buf(),
        title: None,
        regulated: None,
        lexicon: None,
        weights: None,
        versions,
        local: dir.join(LOCAL_DIR),
        agencies: Default::default(),
        reviews: crate::review::ReviewFile::read(&dir.join(crate::review::REVIEW_FILE))?,
    })
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let rd = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut out = Vec::new();
    for entry in rd {
        out.push(entry.map_err(|e| io_error(dir, e))?.path());
    }
    Ok(out)
}

pub(crate) fn io_error(path: &Path, e: std::io::Error) -> IngestError {
    if e.kind() == std::io::ErrorKind::NotFound {
        IngestError::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        IngestError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// File name without its extension: the default version label.
pub fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Compares names so that embedded numbers sort by value: `v2` before `v10`, dates in order.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digit = None;
        for (i, ch) in s.char_indices() {
            let d = ch.is_ascii_digit();
            if digit.is_some_and(|prev| prev != d) {
                out.push((digit.unwrap_or(false), &s[start..i]));
                start = i;
            }
            digit = Some(d);
        }
        if start < s.len() {
            out.push((digit.unwrap_or(false), &s[start..]));
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, sa), (db, sb)) in ca.iter().zip(cb.iter()) {
        let ord = if *da && *db {
            let (ta, tb) = (sa.trim_start_matches('0'), sb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
        } else {
            sa.to_lowercase().cmp(&sb.to_lowercase())
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

/// Reads one version file of any supported format into normalised text, chosen by extension.
/// Warnings are dropped; [`read_version_with_warnings`] keeps them for the user.
pub fn read_version(path: &Path) -> Result<String, IngestError> {
    read_version_with_warnings(path).map(|i| i.text)
}

/// Like [`read_version`], with what the user should be told about reading the file.
pub fn read_version_with_warnings(path: &Path) -> Result<Ingested, IngestError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "md" | "" => Ok(Ingested {
            text: read_text(path)?,
            warnings: Vec::new(),
        }),
        "docx" => read_docx(path),
        #[cfg(feature = "pdf")]
        "pdf" => read_pdf(path),
        #[cfg(not(feature = "pdf"))]
        "pdf" => Err(IngestError::PdfDisabled {
            path: path.to_path_buf(),
        }),
        _ => {
            if !path.exists() {
                return Err(IngestError::NotFound {
                    path: path.to_path_buf(),
                });
            }
            Err(IngestError::Unsupported {
                path: path.to_path_buf(),
                ext,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering::*;

    #[track_caller]
    fn case(a: &str, b: &str, want: std::cmp::Ordering) {
        assert_eq!(natural_cmp(a, b), want, "{a} vs {b}");
    }

    #[test]
    fn natural_order() {
        case("v2", "v10", Less);
        case("v10", "v2", Greater);
        case("2016", "2018-draft", Less);
        case("v1-2017-06-09", "v1-2017-06-10", Less);
        case("a", "a", Equal);
        case("v01", "v1", Less);
        case("Draft", "draft", Less);
    }
}
