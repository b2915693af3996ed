//! A pair of clause texts and their word diff in, a [`Verdict`] out: strengthened, weakened or
//! unchanged, with plain reasons, a confidence and a review flag.
//!
//! PLACEHOLDER: the norm-frame classifier replaces this. The API ([`Classifier`], [`Context`]) is the
//! contract the pipeline and `amendments` rely on.

pub mod lexicon;

pub use lexicon::{Lexicon, LexiconError};

use crate::model::{Clause, Direction, Verdict, WordEdit};

/// What the classifier may look at beyond the two clauses: the documents they come from (to find the
/// clauses that use a changed definition) and who the policy binds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub old_clauses: &'a [Clause],
    pub new_clauses: &'a [Clause],
    pub regulated: Option<&'a str>,
}

/// Reads clauses as norms using a [`Lexicon`]. Cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicon: Lexicon,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Lexicon::builtin())
    }
}

impl Classifier {
    pub fn new(lexicon: Lexicon) -> Self {
        Classifier { lexicon }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Classifies one change. `old` is `None` for an added clause, `new` for a removed one.
    pub fn classify(
        &self,
        old: Option<&str>,
        new: Option<&str>,
        _diff: &[WordEdit],
        _ctx: &Context<'_>,
    ) -> Verdict {
        let _ = (old, new);
        Verdict {
            direction: Direction::Unchanged,
            confidence: 0.0,
            needs_review: true,
            reasons: Vec::new(),
        }
    }
}
