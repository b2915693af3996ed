//! `policydiff check`: a draft against the latest adopted version of a policy, as a gate.
//!
//! PLACEHOLDER until the report issue builds it.

use crate::cli::FailOn;
use anyhow::{bail, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn check(
    _draft: &Path,
    _against: &Path,
    _fail_on: FailOn,
    _lexicon: Option<&Path>,
) -> Result<ExitCode> {
    bail!("check is not built yet")
}
