//! Bytes and a destination path in, a complete file out, or no file at all.
//!
//! Writes go to a temporary file in the destination folder and are renamed into place, so an
//! interrupted run never leaves a half-written report for a user to hand out. A destination that is
//! not a file (`-o /dev/null`, a named pipe) is written to as it is: renaming over it would replace the
//! device with a file.
//!
//! [`write_atomic_noted`] also notes the size and content hash of what it wrote, so that an incremental
//! `run` can later tell whether a report it means to reuse is still the one it wrote.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Atomically replaces `path` with `contents`, creating parent folders as needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_atomic_parts(path, &[contents])
}

/// The size and SHA-256 (lower-case hex) of a file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFact {
    pub bytes: u64,
    pub sha256: String,
}

impl FileFact {
    /// The fact of contents in hand.
    pub fn of(contents: &[u8]) -> FileFact {
        FileFact {
            bytes: contents.len() as u64,
            sha256: hex(&Sha256::digest(contents)),
        }
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    // Two digits a byte looked up, not formatted: every change of a report gets a fingerprint, and
    // going through the formatting machinery for each byte cost more than hashing a short clause.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Like [`write_atomic_parts`], returning the size and hash of what was written.
pub fn write_atomic_noted(path: &Path, parts: &[impl AsRef<[u8]>]) -> Result<FileFact, WriteError> {
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    write_parts(path, parts, &mut |part| {
        hasher.update(part);
        bytes += part.len() as u64;
    })?;
    Ok(FileFact {
        bytes,
        sha256: hex(&hasher.finalize()),
    })
}

/// Like [`write_atomic`] for contents in consecutive pieces.
pub fn write_atomic_parts(path: &Path, parts: &[impl AsRef<[u8]>]) -> Result<(), WriteError> {
    write_parts(path, parts, &mut |_| {})
}

/// Writes the parts atomically, showing each part to `seen` as it goes.
fn write_parts(
    path: &Path,
    parts: &[impl AsRef<[u8]>],
    seen: &mut dyn FnMut(&[u8]),
) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path)?;
    for part in parts {
        file.write(part.as_ref())?;
        seen(part.as_ref());
    }
    file.commit()
}

/// A file written piece by piece that appears at its path, complete, only on [`AtomicFile::commit`];
/// dropped without it, nothing appears. For contents too large to hold whole before writing.
pub struct AtomicFile {
    path: PathBuf,
    to: Destination,
}

enum Destination {
    /// A temporary file beside the destination, renamed over it on commit.
    Temp(tempfile::NamedTempFile),
    /// A device or pipe, written to directly: there is nothing to replace.
    Special(std::fs::File),
}

impl AtomicFile {
    /// Starts the file that will replace `path`, creating parent folders as needed.
    pub fn create(path: &Path) -> Result<AtomicFile, WriteError> {
        let err = |source| WriteError {
            path: path.to_path_buf(),
            source,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        let to = if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            Destination::Special(file)
        } else {
            std::fs::create_dir_all(dir).map_err(err)?;
            let tmp = tempfile::Builder::new()
                .prefix(".policydiff-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(err)?;
            Destination::Temp(tmp)
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            to,
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        let done = match &mut self.to {
            Destination::Temp(tmp) => tmp.write_all(bytes),
            Destination::Special(file) => file.write_all(bytes),
        };
        done.map_err(|e| self.error(e))
    }

    /// Makes the file durable and puts it in place.
    pub fn commit(self) -> Result<(), WriteError> {
        let path = self.path;
        match self.to {
            Destination::Temp(tmp) => {
                tmp.as_file().sync_all().map_err(|source| WriteError {
                    path: path.clone(),
                    source,
                })?;
                tmp.persist(&path).map_err(|e| WriteError {
                    path,
                    source: e.error,
                })?;
            }
            Destination::Special(mut file) => {
                file.flush().map_err(|source| WriteError { path, source })?;
            }
        }
        Ok(())
    }

    fn error(&self, source: std::io::Error) -> WriteError {
        WriteError {
            path: self.path.clone(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let want: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&all), want);
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b/report.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        write_atomic_parts(&p, &["thr", "", "ee"]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        // A file dropped before its commit leaves the old one in place and nothing beside it.
        let mut half = AtomicFile::create(&p).unwrap();
        half.write(b"fo").unwrap();
        drop(half);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("report.json")]);
    }

    /// `-o /dev/null` once replaced the device with a file of the report: a destination that is not
    /// a file is written to as it stands. A named pipe stands in for the device here.
    #[cfg(unix)]
    #[test]
    fn a_pipe_or_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&p).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo to make a named pipe");
            return;
        }
        let reader = {
            let p = p.clone();
            std::thread::spawn(move || std::fs::read(&p).unwrap())
        };
        write_atomic_parts(&p, &["on", "e"]).unwrap();
        assert!(std::fs::metadata(&p).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("pipe")]);
    }

    #[test]
    fn notes_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        let fact = write_atomic_noted(&p, &["a,b", "\n"]).unwrap();
        assert_eq!(fact, FileFact::of(b"a,b\n"));
        assert_eq!(fact.bytes, 4);
        // SHA-256 of "a,b\n", as `sha256sum` prints it.
        assert_eq!(
            fact.sha256,
            "5be08c9684a1d25efcee09318204824278b08bbfb4aef973ffefd0b9d7478313"
        );
    }
}
