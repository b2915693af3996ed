//! Body reading on hand-written WordprocessingML: numbering, headings, tables, tracked changes.

use super::body::{Reader, Tracked};
use super::numbering::Numbering;
use super::styles::Styles;
use super::xml::parse;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

const STYLES: &str = r#"<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:styleId="ListClause"><w:name w:val="List Clause"/>
  <w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;

fn read(body: &str) -> (String, Tracked) {
    let numbering =
        Numbering::parse(&parse(&format!("<w:numbering {W}>{NUMBERING}</w:numbering>")).unwrap());
    let styles = Styles::parse(&parse(&format!("<w:styles {W}>{STYLES}</w:styles>")).unwrap());
    let doc = parse(&format!(
        "<w:document {W}><w:body>{body}</w:body></w:document>"
    ))
    .unwrap();
    let (text, _, tracked) = Reader::new(&numbering, &styles).read(&doc);
    (text, tracked)
}

/// A paragraph with optional numbering (numId, ilvl) and style, holding plain runs.
fn p(num: Option<(u32, u32)>, style: Option<&str>, runs: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((id, lvl)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[track_caller]
fn case(body: &str, want: &str) {
    assert_eq!(read(body).0, want);
}

#[test]
fn numbers_are_rebuilt_as_text() {
    let body = [
        p(Some((1, 0)), None, &r("GENERAL")),
        p(Some((1, 1)), None, &r("The Department shall act.")),
        p(Some((1, 2)), None, &r("first;")),
        p(Some((1, 2)), None, &r("second.")),
        p(Some((1, 1)), None, &r("Officers will report.")),
        p(Some((1, 0)), None, &r("DEFINITIONS")),
        p(Some((1, 1)), None, &r("Restarted.")),
    ]
    .concat();
    case(
        &body,
        "1. GENERAL\n\nA. The Department shall act.\n\n(i) first;\n\n(ii) second.\n\n\
         B. Officers will report.\n\n2. DEFINITIONS\n\nA. Restarted.",
    );
}

#[test]
fn style_numbering_bullets_and_switching_off() {
    let body = [
        p(None, Some("ListClause"), &r("From the style.")),
        p(
            Some((0, 0)),
            Some("ListClause"),
            &r("numId 0 removes the number."),
        ),
        p(Some((2, 0)), None, &r("a bullet")),
        p(Some((9, 0)), None, &r("an unknown list shows no number")),
    ]
    .concat();
    case(
        &body,
        "A. From the style.\n\nnumId 0 removes the number.\n\n- a bullet\n\nan unknown list shows no number",
    );
}

#[test]
fn headings_by_style() {
    let body = [
        p(None, Some("Heading1"), &r("PURPOSE")),
        p(None, Some("Heading2"), &r("Scope of this policy")),
        p(None, None, &r("Plain text.")),
        p(Some((1, 0)), Some("Heading1"), &r("Numbered heading")),
    ]
    .concat();
    case(
        &body,
        "PURPOSE\n\n## Scope of this policy\n\nPlain text.\n\n1. Numbered heading",
    );
}

#[test]
fn runs_breaks_tabs_and_empty_paragraphs() {
    let runs = format!(
        r#"{}<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:instrText>PAGE</w:instrText></w:r><w:hyperlink><w:r><w:t> link</w:t></w:r></w:hyperlink>"#,
        r("a  ")
    );
    case(
        &[p(None, None, &runs), p(None, None, "")].concat(),
        "a b\nc-d link",
    );
}

#[test]
fn tables_give_one_line_per_row() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(None, None, &r(t)));
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr><w:tr><w:trPr><w:del/></w:trPr>{}</w:tr></w:tbl>",
        cell("Offence"),
        cell("Sanction"),
        cell("First"),
        p(None, None, &r("Written")),
        p(None, None, &r("warning")),
        cell("Deleted row"),
    );
    let (text, tracked) = read(&body);
    assert_eq!(
        text,
        "| Offence | Sanction |\n\n| First | Written warning |"
    );
    assert_eq!(tracked.deletions, 1);
}

#[test]
fn tracked_changes_read_as_accepted() {
    let ins = |t: &str| format!(r#"<w:ins w:id="1" w:author="x">{}</w:ins>"#, r(t));
    let del = |t: &str| {
        format!(r#"<w:del w:id="2" w:author="x"><w:r><w:delText>{t}</w:delText></w:r></w:del>"#)
    };
    let body = [
        p(
            Some((1, 0)),
            None,
            &[r("Officers "), del("should"), ins("shall"), r(" report.")].concat(),
        ),
        // A moved sentence: dropped where it was, kept where it went.
        p(
            None,
            None,
            &format!(
                r#"<w:moveFrom w:id="3">{}</w:moveFrom>{}"#,
                r("Moved sentence. "),
                r("Stays.")
            ),
        ),
        format!(r#"<w:p><w:moveTo w:id="4">{}</w:moveTo></w:p>"#, r("Moved sentence.")),
        // A deleted paragraph mark joins this paragraph to the next one.
        r#"<w:p><w:pPr><w:rPr><w:del w:id="5"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Joined </w:t></w:r></w:p>"#
            .to_string(),
        p(Some((1, 0)), None, &r("to the next.")),
    ]
    .concat();
    let (text, tracked) = read(&body);
    assert_eq!(
        text,
        "1. Officers shall report.\n\nStays.\n\nMoved sentence.\n\n2. Joined to the next."
    );
    assert_eq!(
        tracked,
        Tracked {
            insertions: 1,
            deletions: 2,
            moves: 1
        }
    );
}

#[test]
fn alternate_content_is_read_once_and_text_boxes_follow_their_anchor() {
    let mc = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
    let body = format!(
        r#"<w:p><w:r><w:t>Anchor.</w:t></w:r><w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing><x:shape xmlns:x="urn:shape"><w:txbxContent><w:p><w:r><w:t>In the box.</w:t></w:r></w:p></w:txbxContent></x:shape></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In the box.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
    );
    case(&body, "Anchor.\n\nIn the box.");
}
