//! [`PairReport`] in, JSON or YAML text out (schema `policydiff/1`, the same shape in both).

use super::RenderError;
use crate::model::{Change, PairReport};
use rayon::prelude::*;

/// Changes rendered per parallel task: enough to amortise a task, few enough to balance the cores.
const CHUNK: usize = 64;

/// Exactly what `serde_json::to_writer_pretty` writes for the report, plus a final newline.
pub fn json(report: &PairReport) -> Result<String, RenderError> {
    Ok(json_parts(report)?.concat())
}

/// [`json`] in consecutive pieces, for writing without first joining tens of megabytes into one
/// buffer.
pub fn json_parts(report: &PairReport) -> Result<Vec<String>, RenderError> {
    let mut parts = Vec::new();
    json_each(report, |part| {
        parts.push(part);
        Ok::<_, RenderError>(())
    })?;
    Ok(parts)
}

/// Changes rendered before their pieces are handed on: enough for every core to have many chunks,
/// few enough that the rendered text held at once stays a few megabytes.
const WAVE: usize = 16 * CHUNK;

/// [`json`] handed to `each` piece by piece, in order, as it is rendered.
///
/// A large statute's report is tens of megabytes, and rendering it on one core took as long as
/// classifying it on two. The changes are independent, so each is rendered on its own and spliced
/// into the array; everything else is small and rendered as usual. Changes are rendered a wave at a
/// time and each wave handed on before the next is rendered: holding the whole rendered report until
/// the end was the largest single part of a large diff's peak memory.
pub fn json_each<E: From<RenderError>>(
    report: &PairReport,
    mut each: impl FnMut(String) -> Result<(), E>,
) -> Result<(), E> {
    // Listing every field means a field added to the report cannot be silently left out here.
    let PairReport {
        schema,
        policy,
        from,
        to,
        summary,
        changes,
    } = report;
    let head = PairReport {
        schema,
        policy: policy.clone(),
        from: from.clone(),
        to: to.clone(),
        summary: summary.clone(),
        changes: Vec::new(),
    };
    let mut out = serde_json::to_string_pretty(&head).map_err(render_error)?;
    if changes.is_empty() {
        out.push('\n');
        return each(out);
    }
    // The head ends with the empty array and the closing brace: `"changes": []` then `\n}`.
    let tail = "[]\n}";
    if !out.ends_with(tail) {
        return Err(render_error("the report does not end with its changes").into());
    }
    out.truncate(out.len() - tail.len());
    out.push('[');
    each(out)?;
    for (w, wave) in changes.chunks(WAVE).enumerate() {
        let chunks: Vec<String> = wave
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| render_chunk(chunk, w > 0 || k > 0))
            .collect::<Result<_, _>>()?;
        for chunk in chunks {
            each(chunk)?;
        }
    }
    each("\n  ]\n}\n".to_string())
}

/// Changes as the array elements they are in the whole report: each on a new line, two levels deep
/// (four spaces), separated by commas (with one before the first when earlier chunks precede it).
fn render_chunk(changes: &[Change], after_others: bool) -> Result<String, RenderError> {
    let hint: usize = changes.iter().map(size_hint).sum();
    let mut out = Vec::with_capacity(hint + hint / 4);
    if after_others {
        out.push(b',');
    }
    let mut one = Vec::with_capacity(4096);
    for (k, c) in changes.iter().enumerate() {
        out.extend_from_slice(if k > 0 { b",\n    " } else { b"\n    " });
        one.clear();
        serde_json::to_writer_pretty(&mut one, c).map_err(render_error)?;
        // JSON strings escape their newlines, so each raw newline is the formatter's own line break:
        // indent the line after it by the two levels the change sits at in the whole report.
        let mut rest = one.as_slice();
        while let Some(at) = memchr::memchr(b'\n', rest) {
            out.extend_from_slice(&rest[..=at]);
            out.extend_from_slice(b"    ");
            rest = &rest[at + 1..];
        }
        out.extend_from_slice(rest);
    }
    // Checking the text is valid UTF-8 is a pass over every byte: here it runs on all cores.
    String::from_utf8(out).map_err(render_error)
}

/// About how long a change's JSON is: its texts plus the fixed keys and indentation.
fn size_hint(c: &Change) -> usize {
    let side = |r: &Option<crate::model::ClauseRef>| {
        r.as_ref().map_or(0, |r| {
            r.text.len() + r.path.iter().map(|p| p.len() + 12).sum::<usize>()
        })
    };
    640 + side(&c.old)
        + side(&c.new)
        + c.diff.iter().map(|e| e.text.len() + 60).sum::<usize>()
        + c.reasons
            .iter()
            .map(|r| r.explanation.len() + 200)
            .sum::<usize>()
}

fn render_error(e: impl std::fmt::Display) -> RenderError {
    RenderError::Render {
        format: "json",
        message: e.to_string(),
    }
}

pub fn yaml(report: &PairReport) -> Result<String, RenderError> {
    serde_yaml::to_string(report).map_err(|e| RenderError::Render {
        format: "yaml",
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Classifier;
    use crate::segment::segment;

    fn doc(text: &str) -> crate::model::Document {
        crate::model::Document {
            policy: "p".into(),
            label: "v".into(),
            date: None,
            status: crate::model::Status::Adopted,
            source_path: "v.md".into(),
            clauses: segment(text),
            warnings: Vec::new(),
        }
    }

    /// The spliced rendering must be byte for byte what serde_json writes for the whole report.
    #[track_caller]
    fn case(old: &str, new: &str) {
        let report = crate::compare(&doc(old), &doc(new), &Classifier::default(), None);
        let mut want = serde_json::to_string_pretty(&report).unwrap();
        want.push('\n');
        assert_eq!(json(&report).unwrap(), want);
        assert_eq!(json_parts(&report).unwrap().concat(), want);
        let mut streamed = String::new();
        json_each(&report, |part| {
            streamed.push_str(&part);
            Ok::<_, RenderError>(())
        })
        .unwrap();
        assert_eq!(streamed, want);
    }

    #[test]
    fn same_bytes_as_one_pass() {
        case("", "");
        case("1. Officers shall stop.", "1. Officers shall stop.");
        case(
            "1. Officers may ask.\n\n2. Records are kept \"as is\".\n",
            "1. Officers shall not ask.\n\n3. New duty:\n   line\\two\n",
        );
        // More changes than one chunk, so several chunks are spliced.
        let many = |verb: &str| {
            (1..=150)
                .map(|i| format!("{i}. Staff {verb} file report {i} within {i} days.\n\n"))
                .collect::<String>()
        };
        case(&many("shall"), &many("may"));
        // More changes than one wave.
        let more = |verb: &str| {
            (1..=WAVE + 70)
                .map(|i| format!("{i}. Staff {verb} file report {i}.\n\n"))
                .collect::<String>()
        };
        case(&more("shall"), &more("may"));
    }
}
