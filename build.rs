//! Build script: fingerprints the program's own sources, so that `run`'s record of earlier results
//! (see `src/incremental`) names the exact build that made them; and turns the built-in weights file
//! into JSON, which the program reads at start far faster than the YAML it is written in.
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
    builtin_weights_as_json(&root);
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=Cargo.toml");
}

/// `src/classify/weights.yaml` (thousands of lines written by `policydiff train`) as JSON in the build
/// folder. The YAML stays the file people read, edit and refit; a broken one fails the build, naming it.
fn builtin_weights_as_json(root: &Path) {
    let path = root.join("src/classify/weights.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let value: serde_json::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not valid YAML: {e}", path.display()));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("weights.json");
    std::fs::write(&out, value.to_string())
        .unwrap_or_else(|e| panic!("{}: cannot write: {e}", out.display()));
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
