//! [`PairReport`] in, JSON or YAML text out (schema `policydiff/1`, the same shape in both).

use super::RenderError;
use crate::model::{Change, PairReport};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

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
        parts.push(String::from_utf8(part).map_err(render_error)?);
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
    mut each: impl FnMut(Vec<u8>) -> Result<(), E>,
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
        return each(out.into_bytes());
    }
    // The head ends with the empty array and the closing brace: `"changes": []` then `\n}`.
    let tail = "[]\n}";
    if !out.ends_with(tail) {
        return Err(render_error("the report does not end with its changes").into());
    }
    out.truncate(out.len() - tail.len());
    out.push('[');
    each(out.into_bytes())?;
    for (w, wave) in changes.chunks(WAVE).enumerate() {
        let chunks: Vec<Vec<u8>> = wave
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| render_chunk(chunk, w > 0 || k > 0))
            .collect::<Result<_, _>>()?;
        for chunk in chunks {
            each(chunk)?;
        }
    }
    each(b"\n  ]\n}\n".to_vec())
}

/// Changes as the array elements they are in the whole report: each on a new line, two levels deep
/// (four spaces), separated by commas (with one before the first when earlier chunks precede it).
///
/// Bytes, not a `String`: serde_json writes valid UTF-8 from `&str`s and the separators here are
/// ASCII, so checking every byte again (a pass over the whole report) would find nothing.
fn render_chunk(changes: &[Change], after_others: bool) -> Result<Vec<u8>, RenderError> {
    let hint: usize = changes.iter().map(size_hint).sum();
    let mut out = Vec::with_capacity(hint + hint / 4);
    if after_others {
        out.push(b',');
    }
    for (k, c) in changes.iter().enumerate() {
        out.extend_from_slice(if k > 0 { b",\n    " } else { b"\n    " });
        // Written straight into the report at the depth the change sits at, instead of pretty-printed
        // on its own and copied over line by line with the extra indentation.
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested::at(2));
        c.serialize(&mut ser).map_err(render_error)?;
    }
    Ok(out)
}

/// serde_json's `PrettyFormatter` (two spaces a level) for a value that starts `depth` levels deep:
/// the same bytes as pretty-printing the value alone and indenting each of its lines by `depth`
/// levels (JSON strings escape their newlines, so every line break is the formatter's own).
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        (0..self.depth).try_for_each(|_| w.write_all(b"  "))
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            (0..self.depth).try_for_each(|_| w.write_all(b"  "))?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
            streamed.push_str(std::str::from_utf8(&part).unwrap());
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
