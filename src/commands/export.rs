//! `policydiff review export`: policy folders in, their reviewed changes out as a table with `old`,
//! `new`, `expect` (the reviewer's verdict) and `group` (the policy), which `amendments --expect`
//! scores the rules against and `train` fits weights to: reviewers' decisions become labels.
//!
//! CSV by default, spreadsheet-safe like every CSV here (a cell that would start a formula gets a
//! quote mark in front); YAML when `--output` ends in `.yaml` or `.yml`, which keeps every text
//! exactly and is what `train` should read.

use super::review::{analyse, load};
use anyhow::{bail, Result};
use policydiff::model::ClauseRef;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One reviewed change; fields in column order.
#[derive(Serialize)]
struct Row {
    old: String,
    new: String,
    expect: &'static str,
    group: String,
    from: String,
    to: String,
    fingerprint: String,
    tool_direction: &'static str,
    note: String,
}

pub fn export(dirs: &[PathBuf], output: Option<&Path>) -> Result<ExitCode> {
    let text = |c: &Option<ClauseRef>| c.as_ref().map_or(String::new(), |c| c.text.clone());
    let mut rows = Vec::new();
    for dir in dirs {
        let report = analyse(&load(dir)?)?;
        for pair in &report.pairs {
            for c in &pair.changes {
                let Some(r) = &c.review else { continue };
                rows.push(Row {
                    old: text(&c.old),
                    new: text(&c.new),
                    expect: r.verdict.as_str(),
                    group: report.policy.clone(),
                    from: pair.from.label.clone(),
                    to: pair.to.label.clone(),
                    fingerprint: c.fingerprint.to_string(),
                    tool_direction: r.tool_direction.as_str(),
                    note: r.note.clone(),
                });
            }
        }
    }
    if rows.is_empty() {
        bail!("no reviewed change to export (stale reviews are never exported)");
    }
    let yaml = output
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let out = if yaml {
        serde_yaml::to_string(&rows)?
    } else {
        csv(&rows)?
    };
    super::emit(output, &out)?;
    Ok(ExitCode::SUCCESS)
}

fn csv(rows: &[Row]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "old",
        "new",
        "expect",
        "group",
        "from",
        "to",
        "fingerprint",
        "tool_direction",
        "note",
    ])?;
    for r in rows {
        let cells = [
            r.old.as_str(),
            &r.new,
            r.expect,
            &r.group,
            &r.from,
            &r.to,
            &r.fingerprint,
            r.tool_direction,
            &r.note,
        ];
        w.write_record(
            cells
                .map(policydiff::report::neutralise)
                .iter()
                .map(|c| c.as_bytes()),
        )?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
