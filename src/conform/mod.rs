//! One model version and one local policy in (both segmented [`Document`]s); one [`ConformRow`] per
//! model clause (kept, reworded, stronger, weaker, missing) plus the local policy's extra clauses out.
//!
//! There is no second engine: the local policy is compared with the model exactly as a new version
//! with an old one ([`crate::compare`], model = old, local = new), and each status is read off the
//! aligner's pair kinds and the classifier's verdicts:
//!
//! - **kept**: the model clause's words stand in the local policy (renumbered, moved or split into
//!   several clauses, the words unchanged);
//! - **reworded**: paired with local text whose change the classifier finds unchanged in force;
//! - **stronger** / **weaker**: the classifier's verdict on the change from model to local;
//! - **missing**: removed (no local counterpart), or paired only with a clause whose reasons say it
//!   reverses the model's force (a ban become a permission; see `conform.yaml`). The verdict of a
//!   missing clause says whether a protection was lost: a heading or a front-matter line carries no
//!   force, so its absence is missing but not weakened;
//! - **extra**: a local clause the model does not have, with its own verdict.
//!
//! Two cases stop short of clause-by-clause rows. A local policy that carries almost none of the
//! model's text but holds a clause adopting the model by reference counts every model clause as kept,
//! flagged for review. Any other local file that carries almost none of the model is not a version of
//! it, and is refused ([`ConformError::Unrelated`]) rather than reported all missing.
//! Knowledge (the adoption words, the reversal rules, the share) is in `conform.yaml`.

mod knowledge;
mod rows;

pub use knowledge::{Knowledge, BUILTIN_YAML};

use crate::classify::Classifier;
use crate::ingest::{IngestError, LocalFile, PolicySource, VersionSource};
use crate::model::{
    AgencyConformance, ClauseRef, ConformCounts, ConformReport, ConformRow, ConformStatus,
    Direction, Document, Reason, Status, SCHEMA,
};
use rayon::prelude::*;
use std::path::PathBuf;

/// Why a local policy could not be checked against the model.
#[derive(Debug, thiserror::Error)]
pub enum ConformError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("{path}: no adopted version to check local policies against")]
    NoAdoptedVersion { path: PathBuf },
    #[error("{path}: model version {label:?} of agency {agency} is not a version of the policy")]
    UnknownVersion {
        path: PathBuf,
        agency: String,
        label: String,
    },
    #[error(
        "{path}: does not resemble the model ({policy} {label}): only {matched} of its {total} clauses \
         have a counterpart here; is it the right file?"
    )]
    Unrelated {
        path: PathBuf,
        policy: String,
        label: String,
        matched: usize,
        total: usize,
    },
}

/// Checks every local policy against its model version, in the order given (in parallel; the first
/// failure in that order is the one reported, so the message does not depend on timing).
pub fn conform_policy(
    src: &PolicySource,
    locals: &[LocalFile],
    classifier: &Classifier,
) -> Result<ConformReport, ConformError> {
    conform_policy_counted(src, locals, classifier, &|| {})
}

/// Like [`conform_policy`], calling `done` as each local policy has been checked (for a progress bar).
pub fn conform_policy_counted(
    src: &PolicySource,
    locals: &[LocalFile],
    classifier: &Classifier,
    done: &(dyn Fn() + Sync),
) -> Result<ConformReport, ConformError> {
    let versions: Vec<&VersionSource> = locals
        .iter()
        .map(|l| model_version(src, l))
        .collect::<Result<_, _>>()?;
    let mut labels: Vec<&VersionSource> = versions.clone();
    labels.sort_by(|a, b| a.label.cmp(&b.label));
    labels.dedup_by(|a, b| a.label == b.label);
    let models: Vec<Document> = labels
        .par_iter()
        .map(|v| crate::load_document(&src.name, v))
        .collect::<Result<_, _>>()?;
    let agencies: Vec<Result<AgencyConformance, ConformError>> = locals
        .par_iter()
        .zip(&versions)
        .map(|(l, v)| {
            let model = models
                .iter()
                .find(|m| m.label == v.label)
                .expect("every model version needed was loaded");
            let local = crate::load_document(
                &src.name,
                &VersionSource {
                    label: l.agency.clone(),
                    date: l.adopted.clone(),
                    status: Status::Adopted,
                    path: l.path.clone(),
                },
            )?;
            let checked = conform_document(model, &local, classifier, src.regulated.as_deref());
            done();
            checked
        })
        .collect();
    let agencies = agencies.into_iter().collect::<Result<_, _>>()?;
    Ok(ConformReport {
        schema: SCHEMA,
        policy: src.name.clone(),
        title: src.title.clone(),
        agencies,
    })
}

/// The version an agency answers to: its manifest's `model_version:`, or the latest adopted one.
fn model_version<'a>(
    src: &'a PolicySource,
    local: &LocalFile,
) -> Result<&'a VersionSource, ConformError> {
    match &local.model_version {
        Some(label) => src
            .versions
            .iter()
            .find(|v| &v.label == label)
            .ok_or_else(|| ConformError::UnknownVersion {
                path: src.dir.clone(),
                agency: local.agency.clone(),
                label: label.clone(),
            }),
        None => src
            .versions
            .iter()
            .rev()
            .find(|v| v.status == Status::Adopted)
            .ok_or_else(|| ConformError::NoAdoptedVersion {
                path: src.dir.clone(),
            }),
    }
}

/// Checks one local policy against one model version.
pub fn conform_document(
    model: &Document,
    local: &Document,
    classifier: &Classifier,
    regulated: Option<&str>,
) -> Result<AgencyConformance, ConformError> {
    let knowledge = Knowledge::builtin();
    let report = crate::compare(model, local, classifier, regulated);
    let total = model.clauses.len();
    let matched = rows::matched_model_clauses(&report.changes);
    let enough = total == 0 || matched as f64 >= knowledge.min_matched_share * total as f64;
    let by_reference = if enough {
        None
    } else {
        local
            .clauses
            .iter()
            .find(|c| knowledge.adopts_by_reference(&c.text))
    };
    let rows = match by_reference {
        Some(adopting) => adopted_by_reference(model, adopting),
        None if enough => rows::from_changes(model, local, &report.changes, knowledge),
        None => {
            return Err(ConformError::Unrelated {
                path: PathBuf::from(&local.source_path),
                policy: model.policy.clone(),
                label: model.label.clone(),
                matched,
                total,
            })
        }
    };
    Ok(AgencyConformance {
        agency: local.label.clone(),
        model: report.from,
        local: report.to,
        by_reference: by_reference.map(ClauseRef::from),
        counts: ConformCounts::of(&rows),
        rows,
        warnings: local.warnings.clone(),
    })
}

/// Every model clause kept through the one adopting clause, each flagged for review.
fn adopted_by_reference(model: &Document, adopting: &crate::model::Clause) -> Vec<ConformRow> {
    let reason = Reason {
        explanation: format!(
            "The local policy adopts the model by reference (clause {}, line {}) rather than \
             carrying its text; a person should confirm that it adopts this version ({}).",
            adopting.id, adopting.line, model.label
        ),
        ..Reason::named("adopted-by-reference", Direction::Unchanged)
    };
    model
        .clauses
        .iter()
        .map(|c| ConformRow {
            model: Some(ClauseRef::from(c)),
            section: rows::section(c),
            status: ConformStatus::Kept,
            local: vec![ClauseRef::from(adopting)],
            direction: Direction::Unchanged,
            confidence: 1.0,
            needs_review: true,
            reasons: vec![reason.clone()],
            diff: Vec::new(),
        })
        .collect()
}
