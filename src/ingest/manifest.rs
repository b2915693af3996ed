//! `policy.yaml` in, a checked [`PolicySource`] out: title, version order, labels, dates, status,
//! regulated party, lexicon and weights overrides.
//!
//! Unknown keys are errors (a misspelt `staus:` must not silently mark a draft as adopted), and every
//! path must stay inside the policy folder so a manifest cannot read files elsewhere on the machine.

use super::{io_error, stem, IngestError, PolicySource, VersionSource};
use crate::model::Status;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub title: Option<String>,
    /// Who the policy binds ("officers", "the company"); used in explanations.
    pub regulated: Option<String>,
    /// A lexicon file merged over the built-in one, relative to the policy folder.
    pub lexicon: Option<String>,
    /// A verdict weights file used in place of the built-in one, relative to the policy folder.
    pub weights: Option<String>,
    pub versions: Vec<ManifestVersion>,
    /// The folder of agencies' local policies checked against this one as a model, relative to
    /// the policy folder (`local` when not given).
    pub local: Option<String>,
    /// Per agency (a local file's stem): when it adopted its policy and which model version it
    /// answers to.
    #[serde(default)]
    pub agencies: BTreeMap<String, ManifestAgency>,
    /// The policy's review file, relative to the policy folder (`reviews.yaml` when not given).
    pub reviews: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ManifestAgency {
    /// Free text; ISO dates read best.
    pub adopted: Option<String>,
    /// A version label of this policy; the latest adopted version when not given.
    pub model_version: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ManifestVersion {
    pub file: String,
    pub label: Option<String>,
    /// Free text; ISO dates (`2024-06-01`) sort and read best.
    pub date: Option<String>,
    #[serde(default)]
    pub status: Status,
}

impl Manifest {
    /// Parses a manifest, reporting YAML and schema errors with the file, line and column.
    pub fn read(path: &Path) -> Result<Manifest, IngestError> {
        let text = super::read_text(path)?;
        Manifest::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Manifest, IngestError> {
        serde_yaml::from_str(text).map_err(|e| {
            let (line, column, message) = super::yaml_error_parts(&e);
            IngestError::Manifest {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        })
    }

    pub(super) fn into_source(
        self,
        name: String,
        dir: &Path,
        manifest_path: &Path,
    ) -> Result<PolicySource, IngestError> {
        let invalid = |message: String| IngestError::Invalid {
            path: manifest_path.to_path_buf(),
            message,
        };
        if self.versions.is_empty() {
            return Err(invalid("`versions` lists no version files".into()));
        }
        let mut labels = BTreeSet::new();
        let mut versions = Vec::with_capacity(self.versions.len());
        for v in self.versions {
            let path = inside(dir, &v.file).ok_or_else(|| {
                invalid(format!(
                    "version file {:?} must be a relative path inside the policy folder",
                    v.file
                ))
            })?;
            if !path.is_file() {
                return Err(io_error(
                    &path,
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                ));
            }
            let label = v.label.unwrap_or_else(|| stem(&path));
            if !labels.insert(label.clone()) {
                return Err(invalid(format!("version label {label:?} is used twice")));
            }
            versions.push(VersionSource {
                label,
                date: v.date,
                status: v.status,
                path,
            });
        }
        let lexicon = match self.lexicon {
            Some(l) => Some(inside(dir, &l).ok_or_else(|| {
                invalid(format!(
                    "lexicon {l:?} must be a relative path inside the policy folder"
                ))
            })?),
            None => None,
        };
        let weights = match self.weights {
            Some(w) => Some(inside(dir, &w).ok_or_else(|| {
                invalid(format!(
                    "weights {w:?} must be a relative path inside the policy folder"
                ))
            })?),
            None => None,
        };
        let local = match self.local {
            Some(l) => inside(dir, &l).ok_or_else(|| {
                invalid(format!(
                    "local {l:?} must be a relative path inside the policy folder"
                ))
            })?,
            None => dir.join(super::LOCAL_DIR),
        };
        let reviews = match self.reviews {
            Some(r) => inside(dir, &r).ok_or_else(|| {
                invalid(format!(
                    "reviews {r:?} must be a relative path inside the policy folder"
                ))
            })?,
            None => dir.join(crate::review::REVIEW_FILE),
        };
        for (agency, a) in &self.agencies {
            if let Some(label) = &a.model_version {
                if !versions.iter().any(|v| &v.label == label) {
                    return Err(invalid(format!(
                        "agency {agency:?}: model_version {label:?} is not a version label of this policy"
                    )));
                }
            }
        }
        Ok(PolicySource {
            name,
            dir: dir.to_path_buf(),
            title: self.title,
            regulated: self.regulated,
            lexicon,
            weights,
            versions,
            local,
            agencies: self.agencies,
            reviews: crate::review::ReviewFile::read(&reviews)?,
        })
    }
}

/// Joins `rel` onto `dir` only if it is a plain relative path that cannot climb out of `dir`.
fn inside(dir: &Path, rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    if rel.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(dir.join(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Manifest, IngestError> {
        Manifest::parse(yaml, Path::new("policy.yaml"))
    }

    #[test]
    fn reads_a_full_manifest() {
        let m = parse(
            "title: T\nregulated: officers\nversions:\n  - file: a.txt\n    label: '2016'\n    date: 2016-01-01\n  - file: b.txt\n    status: draft\n",
        )
        .unwrap();
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.versions.len(), 2);
        assert_eq!(m.versions[0].status, Status::Adopted);
        assert_eq!(m.versions[1].status, Status::Draft);
    }

    #[test]
    fn reads_local_policies_and_agencies() {
        let m = parse(
            "versions:\n  - file: a.txt\nlocal: agencies\nagencies:\n  carlow: {adopted: 2018-12-03, model_version: a}\n",
        )
        .unwrap();
        assert_eq!(m.local.as_deref(), Some("agencies"));
        assert_eq!(m.agencies["carlow"].model_version.as_deref(), Some("a"));
        let err =
            parse("versions:\n  - file: a.txt\nagencies:\n  carlow: {adoptd: 2018}\n").unwrap_err();
        assert!(err.to_string().contains("adoptd"), "{err}");
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let err = parse("title: T\nversions:\n  - file: a.txt\n    staus: draft\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("staus"), "{msg}");
        assert!(msg.starts_with("policy.yaml:4:"), "{msg}");
    }

    #[test]
    fn syntax_error_has_a_location() {
        let err = parse("title: [unclosed\n").unwrap_err();
        assert!(matches!(err, IngestError::Manifest { .. }), "{err}");
    }

    #[test]
    fn escaping_paths_are_refused() {
        let dir = Path::new("versions/p");
        assert!(inside(dir, "../other/a.txt").is_none());
        assert!(inside(dir, "/etc/passwd").is_none());
        assert!(inside(dir, "").is_none());
        assert_eq!(inside(dir, "a.txt"), Some(dir.join("a.txt")));
        assert_eq!(inside(dir, "drafts/a.txt"), Some(dir.join("drafts/a.txt")));
    }
}
