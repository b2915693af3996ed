//! Helpers shared by the integration tests: where the optional shared evaluation data lives.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared data folder beside the repository (`../shared`), or `POLICYDIFF_SHARED` when set.
/// `None` on a user's fresh clone, where tests that need it skip with a note.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("POLICYDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.is_dir().then_some(dir)
}

/// A subfolder of the shared data, or `None` (with a note on stderr) when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    match shared_dir().map(|d| d.join(sub)).filter(|p| p.exists()) {
        Some(p) => Some(p),
        None => {
            eprintln!("skipped: shared data {sub} is not present");
            None
        }
    }
}

/// The repository root (for the sample corpus in `versions/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Classifies a text pair where an empty side means the clause is absent (added or deleted), as the
/// labelled sets write it.
pub fn classify_texts(
    c: &policydiff::classify::Classifier,
    old: &str,
    new: &str,
) -> policydiff::model::Verdict {
    let side = |t: &str| (!t.is_empty()).then(|| t.to_string());
    let (old, new) = (side(old), side(new));
    c.classify(
        old.as_deref(),
        new.as_deref(),
        &[],
        &policydiff::classify::Context::default(),
    )
}

/// A verdict's reasons on one line, for printing a miss.
pub fn reasons_line(v: &policydiff::model::Verdict) -> String {
    v.reasons
        .iter()
        .map(|r| format!("[{}] {}", r.rule, r.explanation))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Writes `bytes` to `path` and runs `policydiff segment` on it, with and without a backtrace asked
/// for: the file is read (exit 0) or refused in one line naming it (exit 2), never with panic text.
/// Returns the refusal line of the first run, if any. `what` names the damage in a failure.
pub fn read_or_refused_in_one_line(
    path: &std::path::Path,
    bytes: &[u8],
    what: &str,
) -> Option<String> {
    std::fs::write(path, bytes).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut refusal = None;
    for backtrace in ["0", "1"] {
        let out = assert_cmd::Command::cargo_bin("policydiff")
            .unwrap()
            .env("RUST_BACKTRACE", backtrace)
            .arg("segment")
            .arg(path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{what}: {err}");
        match out.status.code() {
            Some(0) => {}
            Some(2) => {
                assert_eq!(err.lines().count(), 1, "{what}: {err}");
                assert!(err.contains(&name), "{what}: {err}");
                refusal.get_or_insert(err);
            }
            other => panic!("{what}: exit {other:?}: {err}"),
        }
    }
    refusal
}

/// Every file under `dir` with its bytes, sorted by relative path.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Copies a folder and everything in it (a corpus to edit in a temporary folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The sample corpus's `versions` folder copied into a new temporary folder: the folder (removed when
/// dropped) and its path.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    copy_dir(&repo().join("versions"), &root.join("versions"));
    (tmp, root)
}
