//! Helpers shared by the integration tests: where the optional shared evaluation data lives.
#![allow(dead_code)]

use std::path::PathBuf;

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
