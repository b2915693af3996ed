//! Build script: fingerprints the program's own sources, so that `run`'s record of earlier results
//! (see `src/incremental`) names the exact build that made them.
//!
//! A version number alone is not enough: a developer who changes a rule and runs again without bumping
//! it must not be handed the old verdicts. The fingerprint covers everything that can change an output:
//! `src/` (code, the built-in lexicon and weights, the report templates), the dependencies' versions
//! (`Cargo.lock`), the manifest and the enabled features.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    collect(&root.join("src"), &mut files);
    files.push(root.join("Cargo.lock"));
    files.push(root.join("Cargo.toml"));
    // Sorted by path so the fingerprint does not depend on the order a folder is listed in.
    files.sort();
    let mut h = Sha256::new();
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap_or(f);
        h.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        h.update([0]);
        // A missing Cargo.lock (a fresh library checkout) still gives a fingerprint.
        h.update(std::fs::read(f).unwrap_or_default());
        h.update([0]);
    }
    let mut features: Vec<String> = std::env::vars()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("CARGO_FEATURE_"))
        .collect();
    features.sort();
    h.update(features.join(",").as_bytes());
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=POLICYDIFF_BUILD={hex}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=Cargo.toml");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
