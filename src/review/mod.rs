//! A policy's review file in (`versions/<policy>/reviews.yaml`, or the file its manifest names under
//! `reviews:`), reviewed comparisons out: each change whose fingerprint a review names takes the
//! reviewer's verdict, and reviews that name no change of the run come back as stale. [`set`] puts one
//! review into the file's text for `policydiff review set`.
//!
//! The file is a YAML list, one entry per reviewed change:
//!
//! ```yaml
//! - fingerprint: 3f9a0c1d5e7b2a48   # as the reports print it
//!   verdict: weakened               # strengthened, weakened or unchanged
//!   note: The exception swallows the rule.
//!   by: J. Reviewer
//!   when: 2025-03-01
//!   from: "2024"                    # optional, as `review set` writes them: the versions compared,
//!   to: "2025"                      # so that a stale review still says which comparison it was about
//! ```
//!
//! A review is only ever applied to the change it was written for: the fingerprint covers the policy,
//! both version labels and both texts ([`crate::fingerprint`]), so a review of a clause whose words have
//! since changed is stale, listed with its note, and never applied to words the reviewer did not read.
//! `from` and `to` are for people only and decide nothing.

mod apply;
mod edit;
mod file;

pub use apply::{apply, stale};
pub use edit::{set, Outcome};
pub use file::{parse, ReviewFile, REVIEW_FILE};
