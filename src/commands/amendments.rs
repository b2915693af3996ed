//! `policydiff amendments`: a table of proposed old/new clause texts in, one verdict per row out.
//!
//! PLACEHOLDER until the classifier issue builds it.

use crate::cli::TableFormat;
use anyhow::{bail, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn amendments(
    _table: &Path,
    _format: TableFormat,
    _output: Option<&Path>,
    _lexicon: Option<&Path>,
) -> Result<ExitCode> {
    bail!("amendments is not built yet")
}
