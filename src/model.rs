//! The plain data that flows between stages: documents and clauses in, pairs, changes and reports out.
//!
//! Every renderer reads these types and none recomputes analysis, so anything a report shows must be a
//! field here. All types serialise with serde; field order is the JSON/YAML order users see.

pub use crate::fingerprint::Fingerprint;
use serde::{Deserialize, Serialize};

/// Whether a version is in force or still being drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Adopted,
    Draft,
}

/// One version of one policy, segmented into clauses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub policy: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub status: Status,
    pub source_path: String,
    pub clauses: Vec<Clause>,
    /// What the user should know about reading the file (tracked changes accepted, pages without
    /// text); the CLI prints them on standard error. Not part of any report.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The smallest unit that is aligned and classified: a numbered provision, a definition or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// Stable within a document: `"IV.B.2"`, `"3(b)"`, `"definitions/biased-policing"`, `"p12"`.
    pub id: String,
    /// The clause's own number as printed, without trailing punctuation (`"B"`, `"2.1"`, `"(ii)"`).
    pub number: Option<String>,
    /// The heading the clause itself carries, if any (`"Purpose"`).
    pub heading: Option<String>,
    /// Headings and numbers of the enclosing clauses, outermost first.
    pub path: Vec<String>,
    /// The clause text with numbering removed and wrapped lines joined.
    pub text: String,
    /// 1-based line of the source where the clause starts.
    pub line: usize,
    /// Nesting depth, 0 for top level.
    pub level: usize,
}

/// How an old clause relates to a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PairKind {
    Identical,
    Modified,
    Moved,
    Renumbered,
    Split,
    Merged,
    Added,
    Removed,
}

impl PairKind {
    pub const ALL: [PairKind; 8] = [
        PairKind::Identical,
        PairKind::Modified,
        PairKind::Moved,
        PairKind::Renumbered,
        PairKind::Split,
        PairKind::Merged,
        PairKind::Added,
        PairKind::Removed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PairKind::Identical => "identical",
            PairKind::Modified => "modified",
            PairKind::Moved => "moved",
            PairKind::Renumbered => "renumbered",
            PairKind::Split => "split",
            PairKind::Merged => "merged",
            PairKind::Added => "added",
            PairKind::Removed => "removed",
        }
    }
}

/// The aligner's output: indices into the old and new clause lists.
///
/// A split gives several pairs sharing one `old`; a merge several sharing one `new`. Every clause of both
/// sides appears in at least one pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AlignedPair {
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub kind: PairKind,
    /// Lexical similarity of the two texts in 0..=1 (0 for added and removed clauses).
    pub similarity: f64,
}

/// A clause as it appears in a change: enough to cite it without the whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseRef {
    pub id: String,
    pub number: Option<String>,
    pub path: Vec<String>,
    pub text: String,
    pub line: usize,
}

impl From<&Clause> for ClauseRef {
    fn from(c: &Clause) -> Self {
        ClauseRef {
            id: c.id.clone(),
            number: c.number.clone(),
            path: c.path.clone(),
            text: c.text.clone(),
            line: c.line,
        }
    }
}

/// One step of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditOp {
    Equal,
    Insert,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordEdit {
    pub op: EditOp,
    pub text: String,
}

/// What a change does to the force of the policy on the regulated party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Strengthened,
    Weakened,
    Unchanged,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Strengthened => "strengthened",
            Direction::Weakened => "weakened",
            Direction::Unchanged => "unchanged",
        }
    }

    /// Strengthened against weakened, either way round: read as a verdict against a rating, the
    /// error a council member cannot afford (a swap).
    pub fn opposes(self, other: Direction) -> bool {
        matches!(
            (self, other),
            (Direction::Strengthened, Direction::Weakened)
                | (Direction::Weakened, Direction::Strengthened)
        )
    }

    /// The direction a signed weight points in; zero is unchanged.
    pub fn from_weight(w: f64) -> Direction {
        if w > 0.0 {
            Direction::Strengthened
        } else if w < 0.0 {
            Direction::Weakened
        } else {
            Direction::Unchanged
        }
    }
}

/// One piece of evidence behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Machine name of the rule that fired (`"modal-upgrade"`, `"exception-added"`).
    pub rule: String,
    pub effect: Direction,
    /// Signed: positive strengthens, negative weakens.
    pub weight: f64,
    pub deleted: Option<String>,
    pub inserted: Option<String>,
    /// One plain sentence a council member understands, quoting the changed words.
    pub explanation: String,
}

impl Reason {
    /// A reason that names only its rule and effect: what a scorecard counts of a verdict that was
    /// not explained in words (for example a held-out verdict of a fitted model).
    pub fn named(rule: &str, effect: Direction) -> Reason {
        Reason {
            rule: rule.to_string(),
            effect,
            weight: 0.0,
            deleted: None,
            inserted: None,
            explanation: String::new(),
        }
    }
}

/// The classifier's answer for one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub direction: Direction,
    pub confidence: f64,
    pub needs_review: bool,
    pub reasons: Vec<Reason>,
}

/// One aligned pair with its word diff and verdict: the unit every report lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub old: Option<ClauseRef>,
    pub new: Option<ClauseRef>,
    /// What the change is (policy, version labels, both texts), not where it is: a reviewer's
    /// decision is kept under it (see [`crate::fingerprint`]).
    pub fingerprint: Fingerprint,
    pub kind: PairKind,
    /// The effective verdict: the reviewer's when the change was reviewed, else the tool's.
    pub direction: Direction,
    /// A reviewer's decision on this change, with the tool's own verdict beside it; absent when no
    /// review names the change's fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Reviewed>,
    pub confidence: f64,
    /// The tool's flag (a reviewed change keeps it, so the flags a person settled can be counted).
    pub needs_review: bool,
    pub similarity: f64,
    pub reasons: Vec<Reason>,
    pub diff: Vec<WordEdit>,
}

/// One entry of a policy's review file: a person's verdict on the change with this fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub fingerprint: Fingerprint,
    /// The version labels of the change reviewed, as `review set` found them. Only for people: the
    /// fingerprint alone decides which change a review names, and once a review is stale these are
    /// the one way left to say which comparison it was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub verdict: Direction,
    #[serde(default)]
    pub note: String,
    /// Who decided.
    pub by: String,
    /// When, as free text (ISO dates read best).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// A review as applied to a change: the reviewer's decision and the verdict it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewed {
    /// What the classifier said; `direction` holds the reviewer's verdict.
    pub tool_direction: Direction,
    pub verdict: Direction,
    pub note: String,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// Which version a side of a comparison is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub label: String,
    pub file: String,
    pub clauses: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub status: Status,
}

/// Headline counts of one comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub strengthened: usize,
    pub weakened: usize,
    pub unchanged: usize,
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub needs_review: usize,
    /// Changes that carry a reviewer's verdict.
    pub reviewed: usize,
    /// Changes the tool flagged for review that no reviewer has decided yet.
    pub unreviewed: usize,
    /// Changes per pair kind, so tables by kind (`summary.csv`) need not recount the rows.
    pub kinds: KindCounts,
}

/// How many changes of a comparison have each [`PairKind`]; fields in [`PairKind::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    pub identical: usize,
    pub modified: usize,
    pub moved: usize,
    pub renumbered: usize,
    pub split: usize,
    pub merged: usize,
    pub added: usize,
    pub removed: usize,
}

impl KindCounts {
    /// The count for one kind.
    pub fn get(&self, kind: PairKind) -> usize {
        match kind {
            PairKind::Identical => self.identical,
            PairKind::Modified => self.modified,
            PairKind::Moved => self.moved,
            PairKind::Renumbered => self.renumbered,
            PairKind::Split => self.split,
            PairKind::Merged => self.merged,
            PairKind::Added => self.added,
            PairKind::Removed => self.removed,
        }
    }

    fn bump(&mut self, kind: PairKind) {
        let slot = match kind {
            PairKind::Identical => &mut self.identical,
            PairKind::Modified => &mut self.modified,
            PairKind::Moved => &mut self.moved,
            PairKind::Renumbered => &mut self.renumbered,
            PairKind::Split => &mut self.split,
            PairKind::Merged => &mut self.merged,
            PairKind::Added => &mut self.added,
            PairKind::Removed => &mut self.removed,
        };
        *slot += 1;
    }
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            match c.direction {
                Direction::Strengthened => s.strengthened += 1,
                Direction::Weakened => s.weakened += 1,
                Direction::Unchanged => s.unchanged += 1,
            }
            match c.kind {
                PairKind::Added => s.added += 1,
                PairKind::Removed => s.removed += 1,
                PairKind::Moved => s.moved += 1,
                _ => {}
            }
            if c.needs_review {
                s.needs_review += 1;
            }
            match (&c.review, c.needs_review) {
                (Some(_), _) => s.reviewed += 1,
                (None, true) => s.unreviewed += 1,
                (None, false) => {}
            }
            s.kinds.bump(c.kind);
        }
        s
    }
}

/// Schema tag written at the top of every JSON and YAML report.
pub const SCHEMA: &str = "policydiff/1";

/// The schema tag, for reports read back (see [`PairReport::schema`]).
fn schema() -> &'static str {
    SCHEMA
}

/// Everything known about one comparison of two versions. Every renderer takes this and only this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairReport {
    /// Read back as [`SCHEMA`]: a stored report is only read when its hash proves this program wrote it.
    #[serde(skip_deserializing, default = "schema")]
    pub schema: &'static str,
    pub policy: String,
    pub from: VersionInfo,
    pub to: VersionInfo,
    pub summary: Summary,
    pub changes: Vec<Change>,
}

/// One version's place in a clause family: which clause it was, and how the step into it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineageStep {
    pub label: String,
    /// Clause ids in this version (several after a split; empty when the family is absent).
    pub ids: Vec<String>,
    /// Kind of the step from the previous version into this one (`None` for the first version).
    pub kind: Option<PairKind>,
    /// Direction of the step into this version (`None` for the first version or when absent).
    pub direction: Option<Direction>,
}

/// A clause family followed through every version of a policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lineage {
    /// Family name: the first id it had, prefixed with the label where it first appeared.
    pub family: String,
    pub steps: Vec<LineageStep>,
    /// Net direction over all steps.
    pub net: Direction,
}

/// All comparisons of one policy, in version order, with its lineages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyReport {
    pub policy: String,
    pub title: Option<String>,
    pub versions: Vec<VersionInfo>,
    pub pairs: Vec<PairReport>,
    pub lineages: Vec<Lineage>,
    /// Agencies' local policies checked against this policy as a model, when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conformance: Option<ConformReport>,
    /// Reviews in the policy's review file whose change no run of these versions produces (its words
    /// changed, or a version was removed): listed, never applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale_reviews: Vec<Review>,
}

/// How a local policy treats one clause of the model it must adopt (or, for `Extra`, a clause of its
/// own that the model does not have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConformStatus {
    /// The same words.
    Kept,
    /// Other words, the same force.
    Reworded,
    /// The local clause binds more firmly than the model's.
    Stronger,
    /// The local clause binds less firmly than the model's.
    Weaker,
    /// No local clause carries the model clause, or only one that says the opposite.
    Missing,
    /// A local clause with no counterpart in the model, with its own verdict.
    Extra,
}

impl ConformStatus {
    pub const ALL: [ConformStatus; 6] = [
        ConformStatus::Kept,
        ConformStatus::Reworded,
        ConformStatus::Stronger,
        ConformStatus::Weaker,
        ConformStatus::Missing,
        ConformStatus::Extra,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConformStatus::Kept => "kept",
            ConformStatus::Reworded => "reworded",
            ConformStatus::Stronger => "stronger",
            ConformStatus::Weaker => "weaker",
            ConformStatus::Missing => "missing",
            ConformStatus::Extra => "extra",
        }
    }
}

/// One model clause in one local policy (or one extra local clause): the unit of a conformance report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformRow {
    /// The model's clause; `None` for an extra clause of the local policy.
    pub model: Option<ClauseRef>,
    /// The top-level section the clause sits in (`IV. PROHIBITED PRACTICES`, `Front matter`): the
    /// model's for a model clause, the local policy's for an extra one.
    pub section: String,
    pub status: ConformStatus,
    /// The local clauses that carry it (several when the agency split it), in local order; for an
    /// extra clause, that clause. Empty when missing with no counterpart at all.
    pub local: Vec<ClauseRef>,
    /// The classifier's verdict on the change from the model clause to the local one (model = old).
    pub direction: Direction,
    pub confidence: f64,
    pub needs_review: bool,
    /// The status in one plain sentence, then the classifier's own reasons.
    pub reasons: Vec<Reason>,
    /// The word diff from the model clause to the local clauses (several pieces one after another);
    /// empty for a kept clause.
    pub diff: Vec<WordEdit>,
}

/// How many rows of one agency have each status, and how many need a person's review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConformCounts {
    pub kept: usize,
    pub reworded: usize,
    pub stronger: usize,
    pub weaker: usize,
    pub missing: usize,
    pub extra: usize,
    /// Rows whose verdict loosens the model: weaker, missing a protection, or an extra exception.
    pub weakened: usize,
    pub needs_review: usize,
}

impl ConformCounts {
    pub fn of(rows: &[ConformRow]) -> ConformCounts {
        let mut c = ConformCounts::default();
        for r in rows {
            *match r.status {
                ConformStatus::Kept => &mut c.kept,
                ConformStatus::Reworded => &mut c.reworded,
                ConformStatus::Stronger => &mut c.stronger,
                ConformStatus::Weaker => &mut c.weaker,
                ConformStatus::Missing => &mut c.missing,
                ConformStatus::Extra => &mut c.extra,
            } += 1;
            c.weakened += usize::from(r.direction == Direction::Weakened);
            c.needs_review += usize::from(r.needs_review);
        }
        c
    }

    pub fn get(&self, status: ConformStatus) -> usize {
        match status {
            ConformStatus::Kept => self.kept,
            ConformStatus::Reworded => self.reworded,
            ConformStatus::Stronger => self.stronger,
            ConformStatus::Weaker => self.weaker,
            ConformStatus::Missing => self.missing,
            ConformStatus::Extra => self.extra,
        }
    }
}

/// One local policy checked against one version of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyConformance {
    /// The local file's stem (`ashford`), which names its outputs.
    pub agency: String,
    /// The model version compared against.
    pub model: VersionInfo,
    /// The local policy (its `date` is the manifest's `adopted:`).
    pub local: VersionInfo,
    /// The local clause that adopts the model by reference, when the policy does so instead of
    /// carrying the model's text; every model clause then counts as kept, flagged for review.
    pub by_reference: Option<ClauseRef>,
    pub counts: ConformCounts,
    /// One row per model clause in model order, then the extra local clauses in local order.
    pub rows: Vec<ConformRow>,
    /// What reading the local file warned about (see [`Document::warnings`]). Not part of any report.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// Every local policy of one model policy: what `conform` prints and `run` writes as `conformance.*`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformReport {
    /// Read back as [`SCHEMA`]: a stored report is only read when its hash proves this program wrote it.
    #[serde(skip_deserializing, default = "schema")]
    pub schema: &'static str,
    pub policy: String,
    pub title: Option<String>,
    /// In the order given (`conform`) or by agency name (`run`).
    pub agencies: Vec<AgencyConformance>,
}
