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
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".policydiff-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    for part in parts {
        tmp.write_all(part.as_ref()).map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
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
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("report.json")]);
    }
}
