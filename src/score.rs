//! Expected labels and the classifier's verdicts in; a scorecard out: agreement, the confusion matrix,
//! opposite-direction swaps, how the review flag splits good verdicts from bad, whether the confidence
//! means what it says, and how often each reason rule took part in a right verdict.
//!
//! It is what `amendments --expect` prints, and what any change to the classifier is measured by, so
//! it computes from plain pairs of (label, verdict) and knows nothing of tables or files.

use crate::model::{Direction, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The three directions in the order the confusion matrix lists them.
pub const LABELS: [Direction; 3] = [
    Direction::Strengthened,
    Direction::Weakened,
    Direction::Unchanged,
];

/// A label that names no direction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label `{0}`; expected {LABEL_HELP}")]
pub struct UnknownLabel(pub String);

/// Reads a rater's label: the directions' names and their usual synonyms, in any case. `Ok(None)` for
/// an empty label (the row is not scored).
pub fn parse_label(text: &str) -> Result<Option<Direction>, UnknownLabel> {
    let t = text.trim().to_lowercase();
    Ok(Some(match t.as_str() {
        "" => return Ok(None),
        "strengthened" | "stronger" | "strengthen" | "s" => Direction::Strengthened,
        "weakened" | "weaker" | "weaken" | "w" => Direction::Weakened,
        "unchanged" | "neutral" | "neither" | "u" => Direction::Unchanged,
        _ => return Err(UnknownLabel(text.to_string())),
    }))
}

/// The labels `parse_label` accepts, for an error message.
pub const LABEL_HELP: &str =
    "strengthened, weakened or unchanged (also stronger, weaker, neutral, \
                              neither, s, w, u; any case), or empty to skip the row";

fn index(d: Direction) -> usize {
    match d {
        Direction::Strengthened => 0,
        Direction::Weakened => 1,
        Direction::Unchanged => 2,
    }
}

/// A count of rows and how many of them the classifier got right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub rows: usize,
    pub agreed: usize,
    /// `agreed / rows`; absent when there are no rows.
    pub agreement: Option<f64>,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.rows += 1;
        self.agreed += usize::from(right);
    }

    fn finish(mut self) -> Self {
        self.agreement = share(self.agreed, self.rows);
        self
    }
}

/// The rows on one side of the review flag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Subset {
    pub rows: usize,
    /// This subset's share of all scored rows.
    pub coverage: Option<f64>,
    pub agreed: usize,
    pub agreement: Option<f64>,
    pub swaps: usize,
    /// Swaps as a share of this subset's rows.
    pub swap_share: Option<f64>,
}

/// One confidence bin of the reliability table: `[low, high)`, the last bin closed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub rows: usize,
    pub agreed: usize,
    pub agreement: Option<f64>,
}

/// Everything `amendments --expect` reports about the verdicts against a rater's labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// Rows with a label, scored.
    pub rows: usize,
    /// Rows whose label was empty, left out of every figure.
    pub skipped: usize,
    pub agreed: usize,
    pub agreement: Option<f64>,
    /// Per expected label, in the order strengthened, weakened, unchanged.
    pub per_label: BTreeMap<&'static str, Tally>,
    /// `confusion[expected][verdict]`, both in the order strengthened, weakened, unchanged.
    pub confusion: [[usize; 3]; 3],
    pub swaps: usize,
    pub swap_share: Option<f64>,
    /// Verdicts not flagged for review.
    pub confident: Subset,
    /// Verdicts flagged for review.
    pub flagged: Subset,
    /// Ten bins of confidence, 0.0-0.1 up to 0.9-1.0.
    pub reliability: Vec<Bin>,
    /// Per reason rule: the verdicts it took part in and how many of those were right.
    pub rules: BTreeMap<String, Tally>,
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Builds up a [`Scorecard`] one row at a time.
#[derive(Debug, Default)]
struct Counts {
    skipped: usize,
    confusion: [[usize; 3]; 3],
    confident: (usize, usize, usize),
    flagged: (usize, usize, usize),
    bins: [(usize, usize); 10],
    rules: BTreeMap<String, Tally>,
}

impl Scorecard {
    /// Scores each verdict against its label; a row whose label is `None` is counted as skipped.
    pub fn of<'a>(rows: impl IntoIterator<Item = (Option<Direction>, &'a Verdict)>) -> Scorecard {
        let mut c = Counts::default();
        for (expect, v) in rows {
            let Some(expect) = expect else {
                c.skipped += 1;
                continue;
            };
            let right = expect == v.direction;
            let swap = expect.opposes(v.direction);
            c.confusion[index(expect)][index(v.direction)] += 1;
            let side = if v.needs_review {
                &mut c.flagged
            } else {
                &mut c.confident
            };
            side.0 += 1;
            side.1 += usize::from(right);
            side.2 += usize::from(swap);
            // Confidence 1.0 belongs in the last bin; anything out of 0..1 is clamped into range.
            let bin = ((v.confidence.clamp(0.0, 1.0) * 10.0).floor() as usize).min(9);
            c.bins[bin].0 += 1;
            c.bins[bin].1 += usize::from(right);
            let mut seen: Vec<&str> = v.reasons.iter().map(|r| r.rule.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            for rule in seen {
                c.rules.entry(rule.to_string()).or_default().add(right);
            }
        }
        c.finish()
    }
}

impl Counts {
    fn finish(self) -> Scorecard {
        let m = self.confusion;
        let rows: usize = m.iter().flatten().sum();
        let agreed = (0..3).map(|i| m[i][i]).sum();
        let swaps = m[0][1] + m[1][0];
        let per_label = LABELS
            .iter()
            .map(|&d| {
                let i = index(d);
                let t = Tally {
                    rows: m[i].iter().sum(),
                    agreed: m[i][i],
                    agreement: None,
                };
                (d.as_str(), t.finish())
            })
            .collect();
        let subset = |(n, right, swaps): (usize, usize, usize)| Subset {
            rows: n,
            coverage: share(n, rows),
            agreed: right,
            agreement: share(right, n),
            swaps,
            swap_share: share(swaps, n),
        };
        let reliability = self
            .bins
            .iter()
            .enumerate()
            .map(|(i, &(n, right))| Bin {
                low: i as f64 / 10.0,
                high: (i + 1) as f64 / 10.0,
                rows: n,
                agreed: right,
                agreement: share(right, n),
            })
            .collect();
        Scorecard {
            rows,
            skipped: self.skipped,
            agreed,
            agreement: share(agreed, rows),
            per_label,
            confusion: m,
            swaps,
            swap_share: share(swaps, rows),
            confident: subset(self.confident),
            flagged: subset(self.flagged),
            reliability,
            rules: self
                .rules
                .into_iter()
                .map(|(k, t)| (k, t.finish()))
                .collect(),
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| format!("{:.1}%", 100.0 * x))
}

impl Scorecard {
    /// The scorecard as a table a person reads in a terminal.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "scorecard: {} rows scored, {} skipped (empty label)",
            self.rows, self.skipped
        );
        let _ = writeln!(
            s,
            "agreement: {} ({} of {}); swaps (strengthened <-> weakened): {} ({})",
            pct(self.agreement),
            self.agreed,
            self.rows,
            self.swaps,
            pct(self.swap_share)
        );
        let _ = writeln!(s, "\nper expected label:");
        for d in LABELS {
            let t = self.per_label[d.as_str()];
            let _ = writeln!(
                s,
                "  {:<13} {:>6} rows  {:>6} agreed  {:>6}",
                d.as_str(),
                t.rows,
                t.agreed,
                pct(t.agreement)
            );
        }
        let _ = writeln!(s, "\nconfusion (expected down, verdict across):");
        let _ = writeln!(
            s,
            "  {:<13} {:>12} {:>12} {:>12}",
            "", "strengthened", "weakened", "unchanged"
        );
        for d in LABELS {
            let r = self.confusion[index(d)];
            let _ = writeln!(
                s,
                "  {:<13} {:>12} {:>12} {:>12}",
                d.as_str(),
                r[0],
                r[1],
                r[2]
            );
        }
        let _ = writeln!(s, "\nby review flag:");
        for (name, sub) in [("not flagged", self.confident), ("flagged", self.flagged)] {
            let _ = writeln!(
                s,
                "  {name:<13} {:>6} rows ({} of all)  agreement {}  swaps {} ({})",
                sub.rows,
                pct(sub.coverage),
                pct(sub.agreement),
                sub.swaps,
                pct(sub.swap_share)
            );
        }
        let _ = writeln!(
            s,
            "\nreliability (confidence bin: rows, observed agreement):"
        );
        for b in &self.reliability {
            let _ = writeln!(
                s,
                "  {:.1}-{:.1}  {:>6} rows  {:>6}",
                b.low,
                b.high,
                b.rows,
                pct(b.agreement)
            );
        }
        let _ = writeln!(s, "\nper reason rule (verdicts it took part in, right):");
        let width = self.rules.keys().map(String::len).max().unwrap_or(0);
        for (rule, t) in &self.rules {
            let _ = writeln!(
                s,
                "  {rule:<width$} {:>6} verdicts  {:>6} right  {:>6}",
                t.rows,
                t.agreed,
                pct(t.agreement)
            );
        }
        s
    }
}

#[cfg(test)]
mod tests;
