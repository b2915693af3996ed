//! Builders for the ingest tests: plain policy text in, a .docx or .pdf of the same text out.
//!
//! Fixtures are generated, never committed binaries and never third-party documents, so anyone can
//! see exactly what the reader is tested on. The .docx carries real Word list definitions
//! (`numbering.xml` levels with formats and templates, paragraphs referring to them), not number
//! text: the reader has to rebuild "I.", "A.", "1." and "(a)" the way Word would show them. The PDF
//! is laid out like a printed policy: hard-wrapped lines, a running header, "Page N of M" footers
//! and long words hyphenated at line ends.
#![allow(dead_code)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A paragraph of the source text with its leading number split off.
#[derive(Debug, Clone)]
pub struct Para {
    pub number: Option<Number>,
    /// `#` count of a Markdown heading, or 1 for an ALL-CAPS line standing alone.
    pub heading: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// As printed, without punctuation: `IV`, `B`, `12`, `ii`.
    pub token: String,
    /// Word's level template with `%` for the number: `%.` or `(%)`.
    pub shape: &'static str,
}

/// Splits plain policy text into paragraphs: a blank line or a numbered line starts one, other lines
/// continue it (hard wrapping).
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let (number, rest) = split_number(line);
        let md = line.chars().take_while(|&c| c == '#').count();
        if md > 0 && line[md..].starts_with(' ') {
            out.push(Para {
                number: None,
                heading: Some(md),
                text: line[md..].trim().to_string(),
            });
            open = false;
            continue;
        }
        if open && number.is_none() {
            if let Some(last) = out.last_mut() {
                last.text.push(' ');
                last.text.push_str(line);
                continue;
            }
        }
        let caps = number.is_none()
            && rest.chars().any(char::is_alphabetic)
            && !rest.chars().any(char::is_lowercase);
        out.push(Para {
            number,
            heading: caps.then_some(1),
            text: rest.to_string(),
        });
        // An ALL-CAPS heading line stands alone; anything else may wrap onto the next line.
        open = !caps;
    }
    out
}

/// A leading number token (`IV.`, `B.`, `12.`, `(a)`, `(ii)`) and the rest of the line.
fn split_number(line: &str) -> (Option<Number>, &str) {
    let Some((token, rest)) = line.split_once(' ') else {
        return (None, line);
    };
    let (inner, shape) = if let Some(i) = token.strip_prefix('(').and_then(|t| t.strip_suffix(')'))
    {
        (i, "(%)")
    } else if let Some(i) = token.strip_suffix('.') {
        (i, "%.")
    } else {
        return (None, line);
    };
    if readings(inner).is_empty() || rest.trim().is_empty() {
        return (None, line);
    }
    (
        Some(Number {
            token: inner.to_string(),
            shape,
        }),
        rest.trim_start(),
    )
}

/// Every (format, value) a token can mean: "C" is Roman 100 or the letter 3.
pub fn readings(token: &str) -> Vec<(&'static str, u32)> {
    let mut out = Vec::new();
    if !token.is_empty() && token.chars().all(|c| c.is_ascii_digit()) && token.len() <= 3 {
        if let Ok(v) = token.parse() {
            out.push(("decimal", v));
        }
    }
    if let Some(v) = from_roman(token) {
        let f = if token.chars().all(|c| c.is_ascii_uppercase()) {
            "upperRoman"
        } else {
            "lowerRoman"
        };
        out.push((f, v));
    }
    if token.len() == 1 {
        let c = token.chars().next().unwrap_or('?');
        if c.is_ascii_uppercase() {
            out.push(("upperLetter", u32::from(c as u8 - b'A' + 1)));
        } else if c.is_ascii_lowercase() {
            out.push(("lowerLetter", u32::from(c as u8 - b'a' + 1)));
        }
    }
    out
}

fn from_roman(s: &str) -> Option<u32> {
    let upper = s.chars().all(|c| "IVXLCDM".contains(c));
    let lower = s.chars().all(|c| "ivxlcdm".contains(c));
    if s.is_empty() || !(upper || lower) {
        return None;
    }
    let val = |c: char| match c.to_ascii_uppercase() {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let v: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0;
    for (i, &x) in v.iter().enumerate() {
        if v.get(i + 1).is_some_and(|&n| n > x) {
            total -= x as i64;
        } else {
            total += x as i64;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

/// Assigns each paragraph's number to a list level so that Word's counting reproduces the printed
/// numbers: levels in order of first appearance, deeper levels restarting when a shallower one is
/// used. Ambiguous tokens ("I", "i", "C") take the reading that continues an existing level.
/// Panics (in test code) if the printed numbering cannot be expressed that way.
pub fn assign_levels(
    paras: &[Para],
    source: &str,
) -> (Vec<(&'static str, &'static str)>, Vec<Option<usize>>) {
    let mut levels: Vec<(&'static str, &'static str)> = Vec::new();
    let mut counts: Vec<Option<u32>> = Vec::new();
    let mut out = Vec::new();
    for p in paras {
        let Some(n) = &p.number else {
            out.push(None);
            continue;
        };
        let token = &n.token;
        let options: Vec<(&'static str, u32)> = readings(token);
        let existing = options.iter().find_map(|&(f, v)| {
            let i = levels
                .iter()
                .position(|&(lf, ls)| lf == f && ls == n.shape)?;
            (counts[i].map_or(1, |c| c + 1) == v).then_some(i)
        });
        let level = match existing {
            Some(i) => i,
            None => {
                let &(f, _) = options.iter().find(|&&(_, v)| v == 1).unwrap_or_else(|| {
                    panic!("{source}: cannot express number {token:?} of {:?}", p.text)
                });
                levels.push((f, n.shape));
                counts.push(None);
                levels.len() - 1
            }
        };
        counts[level] = Some(counts[level].map_or(1, |c| c + 1));
        for c in counts.iter_mut().skip(level + 1) {
            *c = None;
        }
        out.push(Some(level));
    }
    assert!(levels.len() <= 9, "{source}: more than nine list levels");
    (levels, out)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Typographic quotes and apostrophes, as Word's autoformat would type them.
fn curly(s: &str) -> String {
    let mut out = String::new();
    let mut open = true;
    for c in s.chars() {
        match c {
            '"' => {
                out.push(if open { '\u{201C}' } else { '\u{201D}' });
                open = !open;
            }
            '\'' => out.push('\u{2019}'),
            c => out.push(c),
        }
    }
    out
}

/// Options for [`docx_from_text`].
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxOptions {
    /// Wrap one word of the first long paragraph in a tracked insertion, and add a tracked deletion
    /// before it, so the text reads as the source only once changes are accepted.
    pub tracked_change: bool,
}

/// A .docx of `text`: numbers as real list definitions, headings as heading styles, runs split
/// mid-paragraph, typographic quotes.
pub fn docx_from_text(text: &str, opts: DocxOptions) -> Vec<u8> {
    let paras = paragraphs(text);
    let (levels, assigned) = assign_levels(&paras, "docx fixture");
    let mut body = String::new();
    let mut tracked_done = !opts.tracked_change;
    for (p, level) in paras.iter().zip(&assigned) {
        let mut ppr = String::new();
        if let Some(h) = p.heading {
            ppr.push_str(&format!(r#"<w:pStyle w:val="Heading{h}"/>"#));
        }
        if let Some(l) = level {
            ppr.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr>"#
            ));
        }
        let words: Vec<&str> = p.text.split(' ').collect();
        let runs = if !tracked_done && words.len() >= 4 {
            tracked_done = true;
            let (first, rest) = (words[0], words[2..].join(" "));
            format!(
                r#"<w:r><w:t xml:space="preserve">{} </w:t></w:r><w:del w:id="1" w:author="Illustrative" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">formerly worded </w:delText></w:r></w:del><w:ins w:id="2" w:author="Illustrative" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">{} </w:t></w:r></w:ins><w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(&curly(first)),
                esc(&curly(words[1])),
                esc(&curly(&rest))
            )
        } else {
            // Word splits runs wherever formatting or editing history changed; split mid-text.
            let mid = words.len() / 2;
            let (a, b) = (words[..mid].join(" "), words[mid..].join(" "));
            let sep = if a.is_empty() { "" } else { " " };
            format!(
                r#"<w:r><w:t xml:space="preserve">{}{sep}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                esc(&curly(&a)),
                esc(&curly(&b))
            )
        };
        body.push_str(&format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"));
    }
    let lvls: String = levels
        .iter()
        .enumerate()
        .map(|(i, (fmt, shape))| {
            let text = shape.replace('%', &format!("%{}", i + 1));
            format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#, 720 * (i + 1))
        })
        .collect();
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    DocxParts::standard(&format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    ))
    .with("word/numbering.xml", &numbering)
    .zip()
}

pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The parts of a .docx package, written as a zip.
pub struct DocxParts {
    pub parts: Vec<(String, String)>,
}

impl DocxParts {
    /// A minimal valid package around a `word/document.xml`, with heading styles 1-6.
    pub fn standard(document: &str) -> DocxParts {
        let styles: String = (1..=6)
            .map(|i| format!(r#"<w:style w:type="paragraph" w:styleId="Heading{i}"><w:name w:val="heading {i}"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="{}"/></w:pPr></w:style>"#, i - 1))
            .collect();
        DocxParts { parts: vec![
            ("[Content_Types].xml".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#.into()),
            ("_rels/.rels".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into()),
            ("word/_rels/document.xml.rels".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.into()),
            ("word/document.xml".into(), document.into()),
            ("word/styles.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>{styles}</w:styles>"#)),
        ] }
    }

    pub fn with(mut self, name: &str, content: &str) -> DocxParts {
        self.parts.retain(|(n, _)| n != name);
        self.parts.push((name.into(), content.into()));
        self
    }

    pub fn without(mut self, name: &str) -> DocxParts {
        self.parts.retain(|(n, _)| n != name);
        self
    }

    pub fn zip(&self) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, content) in &self.parts {
                z.start_file(name.as_str(), opts).expect("zip entry");
                z.write_all(content.as_bytes()).expect("zip write");
            }
            z.finish().expect("zip finish");
        }
        buf.into_inner()
    }
}

/// Options for [`pdf_from_text`].
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, Copy)]
pub struct PdfOptions {
    /// Characters per line before wrapping (Courier, so width is exact).
    pub width: usize,
    pub lines_per_page: usize,
    /// A running header line and a "Page N of M" footer on every page.
    pub furniture: bool,
    /// Draw nothing: pages without a text layer, like a scan.
    pub no_text: bool,
    /// Protect with this user password.
    pub password: Option<&'static str>,
    /// Distance between baselines in points (10 pt type: 14 is single spacing, 26 double).
    pub leading: f64,
    /// A blank line between paragraphs; without it only numbers and headings mark clauses.
    pub paragraph_gap: bool,
}

#[cfg(feature = "pdf")]
impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            width: 72,
            lines_per_page: 40,
            furniture: true,
            no_text: false,
            password: None,
            leading: 14.0,
            paragraph_gap: true,
        }
    }
}

/// Lays out `text` as a printed policy: each source paragraph starts a line, blank space between
/// paragraphs, lines wrapped at `width`, and a word of 10 or more lowercase letters that would cross
/// the margin hyphenated ("Depart-" / "ment") rather than moved.
#[cfg(feature = "pdf")]
pub fn layout(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for p in paragraphs(text) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let mut first = match &p.number {
            Some(n) if n.shape == "(%)" => format!("({})", n.token),
            Some(n) => format!("{}.", n.token),
            None => String::new(),
        };
        if let Some(h) = p.heading.filter(|_| p.number.is_none()) {
            let caps = !p.text.chars().any(char::is_lowercase);
            if !caps {
                first = "#".repeat(h);
            }
        }
        let mut line = first;
        for word in p.text.split(' ') {
            let needed = if line.is_empty() {
                word.len()
            } else {
                line.len() + 1 + word.len()
            };
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            let room = width.saturating_sub(line.len() + 2);
            let breakable = word.len() >= 10 && word.chars().all(|c| c.is_ascii_lowercase());
            if breakable && room >= 4 && word.len() - room >= 3 {
                line.push(' ');
                line.push_str(&word[..room]);
                line.push('-');
                lines.push(std::mem::take(&mut line));
                line.push_str(&word[room..]);
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        lines.push(line);
    }
    lines
}

/// WinAnsi bytes for a line (the standard-font encoding); unknown characters become `?`.
#[cfg(feature = "pdf")]
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            c if (c as u32) < 0x80 => c as u8,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// A PDF of `text` laid out by [`layout`].
#[cfg(feature = "pdf")]
pub fn pdf_from_text(text: &str, opts: PdfOptions) -> Vec<u8> {
    let mut lines = layout(text, opts.width);
    if !opts.paragraph_gap {
        lines.retain(|l| !l.is_empty());
    }
    let pages: Vec<&[String]> = lines.chunks(opts.lines_per_page.max(1)).collect();
    pdf_from_pages(&pages, opts)
}

/// A PDF with the given lines on each page (Courier 10 pt, US Letter); an empty line is a blank one.
#[cfg(feature = "pdf")]
pub fn pdf_from_pages(pages: &[&[String]], opts: PdfOptions) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let total = pages.len();
    let mut kids = Vec::new();
    for (n, lines) in pages.iter().enumerate() {
        let mut ops = Vec::new();
        let line_at = |ops: &mut Vec<Operation>, y: f64, text: &str| {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 10.into()]));
            ops.push(Operation::new("Td", vec![72.into(), y.into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(win_ansi(text))],
            ));
            ops.push(Operation::new("ET", vec![]));
        };
        if !opts.no_text {
            if opts.furniture {
                line_at(
                    &mut ops,
                    750.0,
                    "Fair and Impartial Policing (illustrative sample)",
                );
            }
            let mut y = 720.0;
            for l in lines.iter() {
                if !l.is_empty() {
                    line_at(&mut ops, y, l);
                }
                y -= opts.leading;
            }
            if opts.furniture {
                line_at(&mut ops, 40.0, &format!("Page {} of {total}", n + 1));
            }
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("encode"),
        ));
        kids.push(
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            })
            .into(),
        );
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => total as i64,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"policydiff-fixture".to_vec()),
            Object::string_literal(b"policydiff-fixture".to_vec()),
        ],
    );
    if let Some(pw) = opts.password {
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: pw,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
        doc.encrypt(&state).expect("encrypt");
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

// Shared by the format tests: writing fixtures, reading clauses, running the binary.

/// Writes a fixture file into a test folder.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// What a clause is, minus its source line (a .txt wraps lines; a .docx paragraph is one line).
/// A clause's id, number, path, text and level.
pub type ClauseShape = (String, Option<String>, Vec<String>, String, usize);

pub fn clauses(path: &Path) -> Vec<ClauseShape> {
    policydiff::load_file(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .clauses
        .into_iter()
        .map(|c| (c.id, c.number, c.path, c.text, c.level))
        .collect()
}

/// `policydiff diff --format json`, with what legitimately differs between formats of the new
/// version (its file, label, folder and source lines) blanked out.
pub fn diff_json(old: &Path, new: &Path) -> serde_json::Value {
    let out = Command::cargo_bin("policydiff")
        .unwrap()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["file", "label"] {
        v["to"][key] = serde_json::Value::Null;
    }
    v["policy"] = serde_json::Value::Null;
    // Each change's fingerprint is made from the policy and the labels nulled above (and from the
    // texts, compared as they are), so it differs with them by design.
    if let Some(changes) = v["changes"].as_array_mut() {
        for c in changes {
            c["fingerprint"] = serde_json::Value::Null;
        }
    }
    strip_lines(&mut v);
    v
}

/// Source lines differ between formats by design; everything else must match.
fn strip_lines(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("line");
            m.values_mut().for_each(strip_lines);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_lines),
        _ => {}
    }
}

/// Runs `segment` on a file and expects exit 2 with a message naming it and saying `what`.
#[track_caller]
pub fn refused(path: &Path, what: &str) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    Command::cargo_bin("policydiff")
        .unwrap()
        .arg("segment")
        .arg(path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(name).and(predicate::str::contains(what)));
}

/// The sample corpus's `.txt` version whose name starts with `year`.
pub fn find(dir: &Path, year: &str) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.starts_with(year) && name.ends_with(".txt")
        })
        .collect();
    found.sort();
    found.into_iter().next()
}
