//! Command-line arguments in (clap derive), a [`Command`] out. The doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Compare successive versions of a policy clause by clause, and say what each change strengthens or
/// weakens, and why.
#[derive(Debug, Parser)]
#[command(name = "policydiff", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Batch: compare every successive pair of versions of every policy and write reports.
    Run {
        /// Folder holding one subfolder per policy.
        #[arg(long, default_value = "versions")]
        versions: PathBuf,
        /// Where reports are written.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Lexicon and weights (a manifest's `lexicon:` and `weights:` win for its policy).
        #[command(flatten)]
        read: ReadWith,
        /// No progress bar and no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Process only shard K of N (for example 2/8): a deterministic round-robin slice of the
        /// policies, so a batch can be spread over machines. Run-wide files get a shard suffix.
        #[arg(long, value_name = "K/N")]
        shard: Option<crate::commands::Shard>,
        /// Recompute every comparison, ignoring the record of earlier runs kept beside the reports
        /// (by default a comparison whose inputs are unchanged is reused, not recomputed).
        #[arg(long)]
        full: bool,
    },
    /// Compare two version files and print one report.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, short, value_enum, default_value_t = FormatArg::Markdown)]
        format: FormatArg,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadWith,
        /// Who the policy binds ("officers and the agency"): these parties are read as the
        /// regulated one, whatever the lexicon says of them; a policy's manifest says it with
        /// `regulated:`.
        #[arg(long, value_name = "PARTIES")]
        regulated: Option<String>,
    },
    /// Gate a draft: compare it with the latest adopted version of a policy.
    Check {
        draft: PathBuf,
        /// The policy folder whose latest adopted version is the baseline.
        #[arg(long)]
        against: PathBuf,
        /// What fails the gate (exit 1).
        #[arg(long, value_enum, default_value_t = FailOn::Weakened)]
        fail_on: FailOn,
        #[command(flatten)]
        read: ReadWith,
    },
    /// Check local policies against a model policy: per model clause and agency, kept, reworded,
    /// stronger, weaker or missing, plus each agency's extra clauses; CSV (or JSON) on standard output.
    Conform {
        /// Local policy files (.txt, .md, .docx, .pdf), one per agency, named after the file.
        #[arg(required = true, num_args = 1..)]
        local: Vec<PathBuf>,
        /// The model's policy folder; its latest adopted version is the model, unless its manifest's
        /// `agencies:` names another version for an agency.
        #[arg(long)]
        model: PathBuf,
        /// What fails the gate (exit 1, listing agency and clause on standard error).
        #[arg(long, value_enum, default_value_t = ConformFailOn::Weaker)]
        fail_on: ConformFailOn,
        #[arg(long, short, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Check only shard K of N of the local files (for example 2/8): sorted by name and dealt
        /// round-robin, so a thousand agencies can be spread over machines.
        #[arg(long, value_name = "K/N")]
        shard: Option<crate::commands::Shard>,
        #[command(flatten)]
        read: ReadWith,
    },
    /// Screen proposed amendments: a CSV or YAML table with columns `old` and `new`, one verdict per row.
    Amendments {
        table: PathBuf,
        #[arg(long, short, value_enum, default_value_t = TableFormat::Csv)]
        format: TableFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadWith,
        /// Score the verdicts against the labels in this column (strengthened, weakened, unchanged,
        /// or a synonym); the scorecard goes to standard error, or into the JSON with `--format json`.
        #[arg(long, value_name = "COLUMN")]
        expect: Option<String>,
        /// Who the policy binds ("officers and the agency"): these parties are read as the
        /// regulated one, whatever the lexicon says of them; a policy's manifest says it with
        /// `regulated:`.
        #[arg(long, value_name = "PARTIES")]
        regulated: Option<String>,
    },
    /// Print the clauses the segmenter sees in a file.
    Segment {
        file: PathBuf,
        #[arg(long, short, value_enum, default_value_t = SegmentFormat::Text)]
        format: SegmentFormat,
    },
    /// Follow every clause of a policy through all its versions.
    History {
        /// A policy folder, e.g. versions/fair-and-impartial-policing.
        policy: PathBuf,
        #[command(flatten)]
        read: ReadWith,
    },
    /// Reviewed verdicts that persist: record a person's decision on a change, or list them.
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// Print the built-in lexicon (YAML), a starting point for your own.
    Lexicon,
    /// Fit verdict weights to rated tables (columns `old`, `new` and your labels), cross-validated.
    Train {
        /// One or more CSV or YAML tables, fitted together.
        #[arg(required = true, num_args = 1..)]
        tables: Vec<PathBuf>,
        /// The column of labels (strengthened, weakened, unchanged, or a synonym; empty skips a row).
        #[arg(long, value_name = "COLUMN")]
        expect: String,
        /// Rows sharing a value here (amendments to the same text) stay in one fold; in a table
        /// without this column each row is its own group.
        #[arg(long, value_name = "COLUMN")]
        group: Option<String>,
        /// Write the weights file here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Write each rated row's held-out verdict here (CSV: table, row, group, expect, direction,
        /// confidence, needs_review and the three probabilities), from weights fitted without it.
        #[arg(long, value_name = "FILE")]
        held_out: Option<PathBuf>,
        /// Lexicon file merged over the built-in one.
        #[arg(long)]
        lexicon: Option<PathBuf>,
        /// Who the policy binds ("officers and the agency"): these parties are read as the
        /// regulated one, whatever the lexicon says of them; a policy's manifest says it with
        /// `regulated:`.
        #[arg(long, value_name = "PARTIES")]
        regulated: Option<String>,
        /// Folds of the cross-validation.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(usize))]
        folds: usize,
        /// L2 penalty on the weights: higher keeps them smaller.
        #[arg(long, default_value_t = 1.0)]
        l2: f64,
        /// Share of verdicts not flagged for review that should be right; sets the review threshold.
        #[arg(long, default_value_t = 0.8)]
        precision: f64,
        /// Largest share of verdicts not flagged for review that may be the opposite of the rating
        /// (strengthened for weakened or the reverse); sets the second review threshold.
        #[arg(long, default_value_t = 1.0, value_name = "SHARE")]
        max_swaps: f64,
        /// A feature seen in fewer rated rows than this gets no weight.
        #[arg(long, default_value_t = 3)]
        min_rows: usize,
        /// How the groups are dealt into folds: 0 in name order, any other number a shuffled deal,
        /// to see how much the cross-validated figures move with the deal.
        #[arg(long, default_value_t = 0)]
        deal: u64,
        /// Fit only the rows of this kind of text and keep the built-in weights for the other kind.
        #[arg(long, value_enum)]
        only: Option<TextKind>,
        /// A table to fit the weights on whose held-out verdicts do not set the confidence or the
        /// review thresholds (repeatable): rows the rules were written on, where they are right more
        /// often than on new text. The TABLES calibrate, and the figures printed are theirs.
        #[arg(long, value_name = "TABLE")]
        fit_only: Vec<PathBuf>,
        /// With --only, the weights for the other kind of text come from this file instead of the
        /// built-in ones.
        #[arg(long, value_name = "FILE", requires = "only")]
        weights: Option<PathBuf>,
    },
    /// Print the built-in verdict weights (YAML): how the rules' evidence is weighed into a verdict.
    Weights,
}

/// How changes are read and weighed; every command that classifies takes these.
#[derive(Debug, Clone, Default, Args)]
pub struct ReadWith {
    /// Lexicon file merged over the built-in one.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Verdict weights file used in place of the built-in one (see `policydiff weights`).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Json,
    Yaml,
    Csv,
    Markdown,
    Html,
}

impl From<FormatArg> for policydiff::report::Format {
    fn from(f: FormatArg) -> Self {
        use policydiff::report::Format;
        match f {
            FormatArg::Json => Format::Json,
            FormatArg::Yaml => Format::Yaml,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SegmentFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail when any clause is weakened.
    Weakened,
    /// Fail on any change in force, either way.
    Any,
    /// Never fail; report only.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConformFailOn {
    /// Fail when any agency is weaker than the model on any clause: a weaker or missing protection,
    /// or an extra clause that loosens the model.
    Weaker,
    /// Fail on any departure in force, either way.
    Any,
    /// Never fail; report only.
    None,
}

/// The kinds of text the verdict weights read apart.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TextKind {
    /// Lower case with no punctuation, as published amendment data is.
    Flat,
    /// Written in sentences.
    Punctuated,
}

impl From<TextKind> for policydiff::classify::weigh::Text {
    fn from(t: TextKind) -> Self {
        match t {
            TextKind::Flat => Self::Flat,
            TextKind::Punctuated => Self::Punctuated,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Csv,
    Json,
}

/// What `review` does with a policy's review file.
#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Add the review of one change, or replace it (the file's comments and order are kept).
    Set {
        /// The policy folder, e.g. versions/fair-and-impartial-policing.
        policy: PathBuf,
        /// The change's fingerprint, as the reports print it.
        fingerprint: policydiff::model::Fingerprint,
        /// The reviewer's verdict, which every later run uses in place of the tool's.
        #[arg(long, value_enum)]
        verdict: VerdictArg,
        /// Why (shown beside the verdict in the reports).
        #[arg(long, default_value = "")]
        note: String,
        /// Who decided.
        #[arg(long)]
        by: String,
        /// When it was decided (free text; today's date, YYYY-MM-DD, when not given).
        #[arg(long)]
        when: Option<String>,
    },
    /// List the reviews of a policy: the change each names and the tool's verdict, or STALE.
    List {
        /// The policy folder, e.g. versions/fair-and-impartial-policing.
        policy: PathBuf,
        /// Only the stale reviews (their change is in no comparison of the policy any more).
        #[arg(long)]
        stale: bool,
    },
    /// Write the reviewed changes of policies as a table (`old`, `new`, `expect`, `group`, ...) for
    /// `amendments --expect` and `train`: CSV, or YAML when the output file ends in .yaml or .yml.
    Export {
        /// Policy folders, e.g. versions/fair-and-impartial-policing.
        #[arg(required = true, num_args = 1..)]
        policies: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    Strengthened,
    Weakened,
    Unchanged,
}
