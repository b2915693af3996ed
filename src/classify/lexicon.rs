//! Lexicon YAML in (built-in, optionally a user file merged over it), a checked [`Lexicon`] out.
//!
//! PLACEHOLDER schema: the classifier issue defines the real one.

use std::path::{Path, PathBuf};

/// The built-in lexicon, printed by `policydiff lexicon`.
pub const BUILTIN_YAML: &str = include_str!("lexicon.yaml");

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    _private: (),
}

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon::default()
    }

    /// The built-in lexicon with a user file merged over it.
    pub fn with_user_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let _: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            LexiconError::Yaml {
                path: path.to_path_buf(),
                line,
                column,
                message: e.to_string(),
            }
        })?;
        Ok(Lexicon::builtin())
    }
}
