//! The record `run` keeps beside one policy's outputs (`out/<policy>/.policydiff-record.json`): the
//! keys of what each comparison and the conformance reports were made from, and the size and hash of
//! every file written for them.
//!
//! The stored result of a comparison is its own `<from>__<to>.json` report (the full [`PairReport`]),
//! so nothing is kept twice; the record's hash of that file proves it is the one this program wrote.
//! The record also keeps what a reused policy needs beyond its pairs (its versions' clause counts,
//! its clause lineages, and the warnings its files gave), so a policy whose inputs are all unchanged is
//! not segmented or analysed again.
//!
//! One record per policy, not one for the run, so that shards of a run (`--shard`) never share a file.
//! Its contents depend only on the inputs, never on what earlier runs did, so an incremental run and a
//! full one leave the same record.

use crate::model::{ConformReport, Lineage, PairReport, VersionInfo};
use crate::report::{FileFact, Files};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::path::{Component, Path};

/// The record's file name inside a policy's output folder.
pub const RECORD_FILE: &str = ".policydiff-record.json";

/// The record's own format tag: a file without it is not a record this program can read.
pub const FORMAT: &str = "policydiff-record/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub record: String,
    /// The program that wrote it (for a person reading the file; the keys already cover it).
    pub program: String,
    pub policy: String,
    /// Key of everything the policy's outputs are made from.
    pub inputs: String,
    pub versions: Vec<VersionInfo>,
    pub lineages: Vec<Lineage>,
    /// Warnings the version files gave when read, each naming its file; repeated when reused.
    pub warnings: Vec<String>,
    pub pairs: Vec<PairEntry>,
    pub history: Files,
    pub conformance: Option<ConformEntry>,
}

/// One comparison: the key of its inputs and the files written for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairEntry {
    pub inputs: String,
    /// `<from>__<to>`: its JSON report, `<stem>.json`, is the stored result.
    pub stem: String,
    pub files: Files,
}

/// The conformance reports: the key of their inputs, the local files' warnings, the files written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConformEntry {
    pub inputs: String,
    pub warnings: Vec<String>,
    pub files: Files,
}

/// Why a stored record or result cannot be used; the run says so and recomputes.
pub type Distrust = String;

impl Record {
    /// Reads the record in `dir` written for `policy`: `Ok(None)` when there is none, an explanation
    /// when there is one that cannot be trusted (unreadable, not a record, another policy's, or naming
    /// files outside the policy's folder).
    pub fn read(dir: &Path, policy: &str) -> Result<Option<Record>, Distrust> {
        let path = dir.join(RECORD_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read it: {e}", path.display())),
        };
        let why = |what: String| format!("{}: {what}", path.display());
        let record: Record = serde_json::from_slice(&bytes)
            .map_err(|e| why(format!("not a record policydiff can read ({e})")))?;
        if record.record != FORMAT {
            return Err(why(format!(
                "a record of format {:?}, not {FORMAT:?}",
                record.record
            )));
        }
        if record.policy != policy {
            return Err(why(format!(
                "the record of policy {:?}, not {policy:?}",
                record.policy
            )));
        }
        if let Some(bad) = record.names().find(|n| !is_output_name(n)) {
            return Err(why(format!("names a file it cannot have written: {bad:?}")));
        }
        Ok(Some(record))
    }

    /// Every file the record lists.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs
            .iter()
            .flat_map(|p| p.files.keys())
            .chain(self.history.keys())
            .chain(self.conformance.iter().flat_map(|c| c.files.keys()))
            .map(String::as_str)
    }
}

/// Whether every listed file in `dir` still has the size it was written with (cheap: no file is read).
pub fn intact(dir: &Path, files: &Files) -> Result<(), Distrust> {
    for (name, fact) in files {
        let path = dir.join(name);
        match std::fs::metadata(&path) {
            Ok(m) if m.len() == fact.bytes => {}
            Ok(_) => return Err(format!("{}: changed since it was written", path.display())),
            Err(_) => return Err(format!("{}: missing", path.display())),
        }
    }
    Ok(())
}

/// A stored comparison: its JSON report, checked against the record's hash and read back.
pub fn load_pair(dir: &Path, entry: &PairEntry) -> Result<PairReport, Distrust> {
    intact(dir, &entry.files)?;
    load_json(dir, &format!("{}.json", entry.stem), &entry.files)
}

/// The stored conformance reports, checked and read back like [`load_pair`].
pub fn load_conformance(dir: &Path, entry: &ConformEntry) -> Result<ConformReport, Distrust> {
    intact(dir, &entry.files)?;
    load_json(dir, "conformance.json", &entry.files)
}

fn load_json<T: DeserializeOwned>(dir: &Path, name: &str, files: &Files) -> Result<T, Distrust> {
    let path = dir.join(name);
    let fact = files
        .get(name)
        .ok_or_else(|| format!("{}: not in the record", path.display()))?;
    let bytes =
        std::fs::read(&path).map_err(|e| format!("{}: cannot read it: {e}", path.display()))?;
    if FileFact::of(&bytes) != *fact {
        return Err(format!("{}: changed since it was written", path.display()));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: cannot be read back ({e})", path.display()))
}

/// A name `run` writes inside a policy's folder: a plain file name, or one under `local/`. A record
/// naming anything else (`../x`, an absolute path) is not trusted, since stale files it lists are
/// deleted.
pub fn is_output_name(name: &str) -> bool {
    let parts: Vec<Component<'_>> = Path::new(name).components().collect();
    let plain = |c: &Component<'_>| match c {
        Component::Normal(s) => s.to_str().is_some_and(|s| s != RECORD_FILE),
        _ => false,
    };
    // Every file `run` writes has an extension; a bare name could be a folder.
    !name.contains('\\')
        && !name.ends_with('/')
        && Path::new(name).extension().is_some()
        && match parts.as_slice() {
            [file] => plain(file),
            [dir, file] => *dir == Component::Normal("local".as_ref()) && plain(file),
            _ => false,
        }
}
