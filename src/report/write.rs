//! Bytes and a destination path in, a complete file out, or no file at all.
//!
//! Writes go to a temporary file in the destination folder and are renamed into place, so an
//! interrupted run never leaves a half-written report for a user to hand out.

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

/// Like [`write_atomic`] for contents in consecutive pieces.
pub fn write_atomic_parts(path: &Path, parts: &[impl AsRef<[u8]>]) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path)?;
    for part in parts {
        file.write(part.as_ref())?;
    }
    file.commit()
}

/// A file written piece by piece that appears at its path, complete, only on [`AtomicFile::commit`];
/// dropped without it, nothing appears. For contents too large to hold whole before writing.
pub struct AtomicFile {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
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
        std::fs::create_dir_all(dir).map_err(err)?;
        let tmp = tempfile::Builder::new()
            .prefix(".policydiff-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(err)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.tmp.write_all(bytes).map_err(|e| self.error(e))
    }

    /// Makes the file durable and puts it in place.
    pub fn commit(self) -> Result<(), WriteError> {
        self.tmp.as_file().sync_all().map_err(|e| self.error(e))?;
        let path = self.path;
        self.tmp.persist(&path).map_err(|e| WriteError {
            path,
            source: e.error,
        })?;
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
}
