//! What a policy's outputs are made from, reduced to content keys: one per comparison, one for the
//! whole policy and one for its conformance reports.
//!
//! A key is the SHA-256 of a canonical JSON description of the inputs: the program build, the lexicon
//! and weights in force (path as reports may show it, and content), the manifest facts that reach the
//! reports (title, regulated party, each version's label, date, status and file path), the content of
//! every file read, and the entries of the policy's review file. Two runs with equal keys would compute
//! equal outputs, so the later one may reuse the earlier one's. Anything left out of a key would be a stale report waiting to happen, so keys err
//! on the side of including too much: a false change costs a recomputation, a missed one a wrong report.

use super::IncrementalError;
use crate::ingest::{LocalFile, PolicySource, VersionSource};
use crate::model::Status;
use crate::report::hex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// This program: its version and the fingerprint of the sources it was built from (see `build.rs`),
/// so that records from another build are never reused.
pub fn program() -> String {
    format!(
        "policydiff {} build {}",
        env!("CARGO_PKG_VERSION"),
        env!("POLICYDIFF_BUILD")
    )
}

/// A file that shapes every verdict of a policy (a lexicon or weights file), or the built-in one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInput {
    pub path: String,
    pub sha256: String,
}

impl FileInput {
    /// Reads and hashes `path`; `None` stands for the built-in file, covered by the program build.
    pub fn read(path: Option<&Path>) -> Result<Option<FileInput>, IncrementalError> {
        path.map(|p| {
            Ok(FileInput {
                path: crate::display_path(p),
                sha256: file_sha256(p)?,
            })
        })
        .transpose()
    }
}

/// What every comparison of a policy shares: the program, and the lexicon and weights in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub program: String,
    pub lexicon: Option<FileInput>,
    pub weights: Option<FileInput>,
}

impl Settings {
    /// The settings of a run whose lexicon and weights files (`None`: built in) are these.
    pub fn read(
        program: &str,
        lexicon: Option<&Path>,
        weights: Option<&Path>,
    ) -> Result<Settings, IncrementalError> {
        Ok(Settings {
            program: program.to_string(),
            lexicon: FileInput::read(lexicon)?,
            weights: FileInput::read(weights)?,
        })
    }
}

/// One version as its reports show it, with its content.
#[derive(Debug, Clone, Serialize)]
struct VersionInput<'a> {
    label: &'a str,
    date: Option<&'a str>,
    status: Status,
    file: String,
    sha256: String,
}

impl<'a> VersionInput<'a> {
    fn read(v: &'a VersionSource) -> Result<VersionInput<'a>, IncrementalError> {
        Ok(VersionInput {
            label: &v.label,
            date: v.date.as_deref(),
            status: v.status,
            file: crate::display_path(&v.path),
            sha256: file_sha256(&v.path)?,
        })
    }
}

/// One agency's local policy as its reports show it, with its content.
#[derive(Debug, Clone, Serialize)]
struct LocalInput<'a> {
    agency: &'a str,
    adopted: Option<&'a str>,
    model_version: Option<&'a str>,
    file: String,
    sha256: String,
}

/// What reaches every report of a policy besides its versions.
#[derive(Debug, Clone, Serialize)]
struct PolicyFacts<'a> {
    settings: &'a Settings,
    policy: &'a str,
    title: Option<&'a str>,
    regulated: Option<&'a str>,
}

/// The keys of one policy: each comparison's, the whole policy's, and its conformance reports' (when
/// it has local policies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub policy: String,
    /// `pairs[k]` is the comparison of version k with version k+1.
    pub pairs: Vec<String>,
    pub conformance: Option<String>,
}

impl Keys {
    /// Reads and hashes every input of a policy.
    pub fn read(
        src: &PolicySource,
        settings: &Settings,
        locals: &[LocalFile],
    ) -> Result<Keys, IncrementalError> {
        let facts = PolicyFacts {
            settings,
            policy: &src.name,
            title: src.title.as_deref(),
            regulated: src.regulated.as_deref(),
        };
        // A review changes the verdicts of the comparisons it names, and a review can name any
        // comparison of the policy; its entries (not its comments) are part of every comparison's
        // key. Conformance reports carry no reviews, so theirs leaves them out.
        let reviews = &src.reviews.reviews;
        let versions: Vec<VersionInput<'_>> = src
            .versions
            .iter()
            .map(VersionInput::read)
            .collect::<Result<_, _>>()?;
        let pairs = versions
            .windows(2)
            .map(|w| key(&(&facts, &w[0], &w[1], reviews)))
            .collect::<Result<_, _>>()?;
        let conformance = if locals.is_empty() {
            None
        } else {
            // Conformance reads only the versions agencies answer to: the adopted ones, or one an
            // agency names. A new draft then leaves a thousand agencies' reports alone.
            let models: Vec<&VersionInput<'_>> = versions
                .iter()
                .filter(|v| {
                    v.status == Status::Adopted
                        || locals
                            .iter()
                            .any(|l| l.model_version.as_deref() == Some(v.label))
                })
                .collect();
            let locals: Vec<LocalInput<'_>> = locals
                .iter()
                .map(|l| {
                    Ok(LocalInput {
                        agency: &l.agency,
                        adopted: l.adopted.as_deref(),
                        model_version: l.model_version.as_deref(),
                        file: crate::display_path(&l.path),
                        sha256: file_sha256(&l.path)?,
                    })
                })
                .collect::<Result<_, IncrementalError>>()?;
            Some(key(&(&facts, &models, &locals))?)
        };
        Ok(Keys {
            policy: key(&(&facts, &versions, &conformance, reviews))?,
            pairs,
            conformance,
        })
    }
}

/// SHA-256 of the canonical JSON of `value` (struct fields in declaration order, so it is stable).
fn key(value: &impl Serialize) -> Result<String, IncrementalError> {
    let json = serde_json::to_vec(value).map_err(IncrementalError::Describe)?;
    Ok(hex(&Sha256::digest(&json)))
}

fn file_sha256(path: &Path) -> Result<String, IncrementalError> {
    let bytes = std::fs::read(path).map_err(|source| IncrementalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(hex(&Sha256::digest(&bytes)))
}
