//! Table-driven tests of the segmenter: every numbering style, nesting, ambiguity, markup and limits.
//! All sample text is illustrative and written for these tests.

use super::{segment, MAX_DEPTH};
use crate::model::Clause;

/// Segments `input` and checks the (id, text) of every clause.
#[track_caller]
fn case(input: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, String)> = segment(input).into_iter().map(|c| (c.id, c.text)).collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(i, t)| (i.to_string(), t.to_string()))
        .collect();
    assert_eq!(got, want, "input:\n{input}");
}

/// Checks the ids only.
#[track_caller]
fn ids(input: &str, want: &[&str]) {
    let got: Vec<String> = segment(input).into_iter().map(|c| c.id).collect();
    assert_eq!(got, want, "input:\n{input}");
}

fn find<'a>(clauses: &'a [Clause], id: &str) -> &'a Clause {
    clauses
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no clause {id} in {clauses:#?}"))
}

#[test]
fn numbering_styles() {
    case(
        "1. Officers shall.\n\n2. Staff may.\n",
        &[("1", "Officers shall."), ("2", "Staff may.")],
    );
    case(
        "1) First rule.\n2) Second rule.",
        &[("1", "First rule."), ("2", "Second rule.")],
    );
    case(
        "(1) First.\n(2) Second.",
        &[("(1)", "First."), ("(2)", "Second.")],
    );
    case(
        "(a) First.\n\n(b) Second.",
        &[("(a)", "First."), ("(b)", "Second.")],
    );
    case(
        "a. First.\nb. Second.",
        &[("a", "First."), ("b", "Second.")],
    );
    case(
        "a) First.\nb) Second.",
        &[("a", "First."), ("b", "Second.")],
    );
    case(
        "A. First.\n\nB. Second.",
        &[("A", "First."), ("B", "Second.")],
    );
    case(
        "I. First.\n\nII. Second.\n\nIV. Fourth.",
        &[("I", "First."), ("II", "Second."), ("IV", "Fourth.")],
    );
    case(
        "(i) First.\n(ii) Second.",
        &[("(i)", "First."), ("(ii)", "Second.")],
    );
    case(
        "2.1 First.\n2.2 Second.",
        &[("2.1", "First."), ("2.2", "Second.")],
    );
    case(
        "1.1.1 Deep.\n1.1.2 Deeper.",
        &[("1.1.1", "Deep."), ("1.1.2", "Deeper.")],
    );
    case(
        "Section 3. Scope. This applies.\n\nSection 4. Staff shall act.",
        &[
            ("Section 3", "This applies."),
            ("Section 4", "Staff shall act."),
        ],
    );
    case(
        "\u{a7} 3. Staff shall act.",
        &[("\u{a7} 3", "Staff shall act.")],
    );
    case(
        "Article II. Staff shall act.",
        &[("Article II", "Staff shall act.")],
    );
    case("**2.1.** Staff shall act.", &[("2.1", "Staff shall act.")]);
    case("1\\. Staff shall act.", &[("1", "Staff shall act.")]);
}

#[test]
fn markdown_headings() {
    case(
        "## 3. Records\nStaff shall keep records.",
        &[("3", "Staff shall keep records.")],
    );
    case(
        "# Purpose\n\nThis policy sets rules.\n\n## 1. Scope\nIt applies to staff.",
        &[
            ("p1", "This policy sets rules."),
            ("1", "It applies to staff."),
        ],
    );
    case(
        "Records\n=======\n\nStaff keep records.\n\n2\\. Retention\n------------\n\nKeep them a year.",
        &[("p1", "Staff keep records."), ("2", "Keep them a year.")],
    );
    let c = segment("# Handbook\n\n## Leave\n\nStaff may take leave.");
    assert_eq!(c[0].path, ["Handbook", "Leave"]);
    assert_eq!(c[0].level, 0);
}

#[test]
fn statute_sections() {
    let doc = "## Chapter One\n\n### \u{a7} 5 Duties\n\n(1) The office shall\nkeep a register.\n\n\
               (2) It may charge a fee for\n\n1. copies,\n\n2. searches.\n\n### \u{a7} 5a Fees\n\nFees are set yearly.";
    case(
        doc,
        &[
            ("\u{a7} 5(1)", "The office shall keep a register."),
            ("\u{a7} 5(2)", "It may charge a fee for"),
            ("\u{a7} 5(2).1", "copies,"),
            ("\u{a7} 5(2).2", "searches."),
            ("\u{a7} 5a", "Fees are set yearly."),
        ],
    );
    let c = segment(doc);
    assert_eq!(
        find(&c, "\u{a7} 5(2).1").path,
        ["Chapter One", "\u{a7} 5 Duties", "(2)"]
    );
    assert_eq!(find(&c, "\u{a7} 5(2).1").level, 2);
}

#[test]
fn nesting_and_popping() {
    let doc =
        "I. GENERAL\n\nA. Staff shall act.\n\n1. Promptly.\n\na. In writing.\n\n(i) Signed.\n\n\
               B. Officers shall report.\n\nII. TRAINING\n\nA. Yearly.";
    ids(
        doc,
        &["I.A", "I.A.1", "I.A.1.a", "I.A.1.a(i)", "I.B", "II.A"],
    );
    let c = segment(doc);
    assert_eq!(find(&c, "I.A.1.a(i)").level, 4);
    assert_eq!(find(&c, "I.B").level, 1);
    assert_eq!(find(&c, "I.B").path, ["I. GENERAL"]);
    ids(
        "3. Staff shall:\n(a) report;\n(b) record:\n(i) the time;\n(ii) the place.",
        &["3", "3(a)", "3(b)", "3(b)(i)", "3(b)(ii)"],
    );
    ids(
        "1. One.\n1.1 Sub.\n1.1.1 Subsub.\n1.2 Sub two.\n2. Two.\n2.1 Sub.",
        &["1", "1.1", "1.1.1", "1.2", "2", "2.1"],
    );
}

#[test]
fn markdown_lists_nest_by_indentation() {
    let doc = "1. Accounts.\n\n    1. Keep it safe.\n    2. Report misuse.\n\n2. Payments.\n\n    1. Pay on time.";
    ids(doc, &["1", "1.1", "1.2", "2", "2.1"]);
    // Back out of a nested list to the outer one, across a gap in the numbering.
    ids(
        "16. Rewards.\n    * None are cash.\n18. Contact us.",
        &["16", "p1", "18"],
    );
    // Indented paragraphs under an item are clauses of their own inside it.
    let c = segment("5. Staff shall act.\n\n   They may ask first.\n\n6. Next.");
    assert_eq!(
        c.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["5", "p1", "6"]
    );
    assert_eq!(c[1].path, ["5"]);
    assert_eq!(c[1].level, 1);
    let doc = "- Staff shall:\n  - report;\n  - record.\n- Officers may ask.";
    ids(doc, &["p1", "p2", "p3", "p4"]);
    let c = segment(doc);
    assert_eq!(c.iter().map(|c| c.level).collect::<Vec<_>>(), [0, 1, 1, 0]);
}

#[test]
fn ambiguous_letters_and_numerals() {
    let letters = "a. A.\nb. B.\nc. C.\nd. D.\ne. E.\nf. F.\ng. G.\nh. H.\ni. I.\nj. J.";
    ids(letters, &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    ids(
        "a. Staff shall act.\n\ni. Part one.\nii. Part two.\n\nb. Staff may wait.",
        &["a", "a.i", "a.ii", "b"],
    );
    let upper = "G. Seven.\n\nH. Eight.\n\nI. Nine.\n\nJ. Ten.";
    ids(upper, &["G", "H", "I", "J"]);
    ids(
        "I. PART ONE\n\nA. Rule.\n\nII. PART TWO\n\nA. Rule.",
        &["I.A", "II.A"],
    );
    ids("(iv) Four.\n(v) Five.\n(vi) Six.", &["(iv)", "(v)", "(vi)"]);
    ids("(u) U.\n(v) V.\n(w) W.", &["(u)", "(v)", "(w)"]);
    ids("B. Bee.\n\nC. Sea.\n\nD. Dee.", &["B", "C", "D"]);
    ids("IX. Nine.\n\nX. Ten.\n\nXI. Eleven.", &["IX", "X", "XI"]);
    ids("K. Kay.\n\nL. Ell.\n\nM. Em.", &["K", "L", "M"]);
    ids("XLIX. Forty-nine.\n\nL. Fifty.", &["XLIX", "L"]);
    ids(
        "I. ONE\n\nA. Rule.\n\nB. Rule.\n\nC. Rule.\n\nII. TWO\n\nA. Rule.",
        &["I.A", "I.B", "I.C", "II.A"],
    );
}

#[test]
fn inline_numbering_from_pdf_text() {
    let doc = "1. GENERAL A. The Department shall train staff. B. Officers will attend. \
               2. REPORTS A. Staff shall file reports.";
    case(
        doc,
        &[
            ("1.A", "The Department shall train staff."),
            ("1.B", "Officers will attend."),
            ("2.A", "Staff shall file reports."),
        ],
    );
    let c = segment(doc);
    assert_eq!(find(&c, "1.B").path, ["1. GENERAL"]);
    // An outline that reuses `1.` on its third level, run together on one line.
    ids(
        "1. GENERAL A. Staff shall train. 1. Yearly for all officers. 2. Again on promotion. \
         B. Records are kept. 2. DUTIES A. Staff shall report.",
        &["1.A", "1.A.1", "1.A.2", "1.B", "2.A"],
    );
    // Hard-wrapped PDF text: title lines run into the numbers, a page mark sits mid-clause.
    let c = segment(
        "CITY POLICE\nGENERAL ORDER 5\n1. GENERAL\nA. Staff shall train all\nofficers. \
         B. Officers will attend.\nPage 2 of 4\nC. Sergeants may excuse.",
    );
    let got: Vec<(&str, &str)> = c.iter().map(|c| (c.id.as_str(), c.text.as_str())).collect();
    assert_eq!(
        got,
        [
            ("1.A", "Staff shall train all officers."),
            ("1.B", "Officers will attend."),
            ("1.C", "Sergeants may excuse."),
        ]
    );
    assert_eq!(c[0].path, ["CITY POLICE GENERAL ORDER 5", "1. GENERAL"]);
    // Numbers inside sentences stay put.
    case(
        "1. Staff shall see Section 3. The rest follows.\n\n2. Pay within five (5) days.",
        &[
            ("1", "Staff shall see Section 3. The rest follows."),
            ("2", "Pay within five (5) days."),
        ],
    );
    case(
        "1. Officers shall (a) record and (b) report.",
        &[("1", "Officers shall (a) record and (b) report.")],
    );
    // A number after an abbreviation does not open a list.
    case(
        "(1) Es gilt Abs. 1. Die Frist.",
        &[("(1)", "Es gilt Abs. 1. Die Frist.")],
    );
}

#[test]
fn hard_wrapped_lines_join() {
    case(
        "1. The officer shall record\n   the stop and the\n   reason for it.\n2. Next.",
        &[
            (
                "1",
                "The officer shall record the stop and the reason for it.",
            ),
            ("2", "Next."),
        ],
    );
    // A wrapped line that starts with a number is not a new clause.
    case(
        "(1) The fee is set under (\u{a7}\n12) of the act.",
        &[("(1)", "The fee is set under (\u{a7} 12) of the act.")],
    );
    case(
        "Plain text wrapped\nover two lines.",
        &[("p1", "Plain text wrapped over two lines.")],
    );
    // A number alone on a wrapped line ends the sentence before it.
    case(
        "1. The fee is set under Absatz\n    1a.\n2. Next.",
        &[("1", "The fee is set under Absatz 1a."), ("2", "Next.")],
    );
}

#[test]
fn markup_is_stripped_so_markup_edits_change_nothing() {
    let plain = segment("1. Officers shall record the stop at the scene.");
    let marked = segment(
        "1. **Officers** shall _record_ the [stop](https://example.org/stop) at the<br>scene\\.",
    );
    assert_eq!(plain[0].text, marked[0].text);
    assert_eq!(plain[0].id, marked[0].id);
    case(
        "## 2. *Scope*\nApplies to **all** staff.",
        &[("2", "Applies to all staff.")],
    );
}

#[test]
fn headings_and_run_in_headings() {
    let c = segment("1. Purpose. This policy governs stops.");
    assert_eq!(c[0].heading.as_deref(), Some("Purpose"));
    assert_eq!(c[0].text, "This policy governs stops.");
    assert_eq!(c[0].number.as_deref(), Some("1"));
    let c = segment("2. **Records.** Staff keep records.");
    assert_eq!(c[0].heading.as_deref(), Some("Records"));
    assert_eq!(c[0].text, "Staff keep records.");
    // A numbered heading with children is a path entry; without children it is a clause.
    let c = segment("IV. IMMIGRATION ENFORCEMENT\n\nA. Staff shall not ask.\n\nV. RESERVED");
    assert_eq!(
        c.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["IV.A", "V"]
    );
    assert_eq!(c[0].path, ["IV. IMMIGRATION ENFORCEMENT"]);
    assert_eq!(c[1].heading.as_deref(), Some("RESERVED"));
    assert_eq!(c[1].text, "RESERVED");
    // A heading-only item takes the paragraph below it as its text.
    case(
        "3. Purpose\n\nThis policy governs stops.",
        &[("3", "This policy governs stops.")],
    );
    // Title lines are path entries.
    let c = segment("COUNTY OFFICE\nPolicy 9 - Stops\n\n1. Staff shall act.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].path, ["COUNTY OFFICE Policy 9 - Stops"]);
    let c = segment("CITY POLICE\nGeneral Order 4: Cameras\n\n1. Staff shall record.");
    assert_eq!(c[0].path, ["CITY POLICE General Order 4: Cameras"]);
    let c = segment("PURPOSE\n\nThis policy governs stops.");
    assert_eq!(c[0].id, "p1");
    assert_eq!(c[0].path, ["PURPOSE"]);
    // An unnumbered heading keeps the text under it.
    case(
        "# Purpose\n\nFirst.\n\nSecond.",
        &[("p1", "First."), ("p2", "Second.")],
    );
}

#[test]
fn definitions() {
    let doc = "II. DEFINITIONS\n\n\"Biased policing\" means unequal treatment.\n\n\
               \"Officer\" shall mean a sworn member.\n\nThese words apply throughout.\n\n\
               III. RULES\n\n\"Quoted\" means nothing special here.";
    case(
        doc,
        &[
            (
                "definitions/biased-policing",
                "\"Biased policing\" means unequal treatment.",
            ),
            (
                "definitions/officer",
                "\"Officer\" shall mean a sworn member.",
            ),
            ("p1", "These words apply throughout."),
            ("III", "\"Quoted\" means nothing special here."),
        ],
    );
    ids(
        "## Definitions\n\n- \"Stop\" means a detention.\n- \"Search\" means a look.",
        &["definitions/stop", "definitions/search"],
    );
    // Numbered definitions keep their number.
    ids(
        "1. DEFINITIONS\n\n1.1 \"Stop\" means a detention.",
        &["1.1"],
    );
    // A numbered line ending in a period might be a provision, so it stays a clause.
    ids(
        "1. Definitions.\n\n1.1 \"Stop\" means a detention.",
        &["1", "1.1"],
    );
}

#[test]
fn duplicate_numbers_get_suffixes() {
    ids(
        "1. One.\n\n2. Two.\n\n2. Two again.\n\n2. And again.",
        &["1", "2", "2~2", "2~3"],
    );
    ids(
        "# Users\n\n1. One.\n\n# Creators\n\n1. One.\n\n(a) Sub.",
        &["1", "1~2", "1~2(a)"],
    );
    ids(
        "# Part A\n\n1. One.\n\n# Part B\n\n1. One.",
        &["Part A.1", "Part B.1"],
    );
}

#[test]
fn empty_and_unstructured_input() {
    case("", &[]);
    case("   \n\n\t\n", &[]);
    case(
        "The office keeps records.\n\nIt shares them on request.",
        &[
            ("p1", "The office keeps records."),
            ("p2", "It shares them on request."),
        ],
    );
    case("---\ntitle: x\n---\n\nBody text.", &[("p1", "Body text.")]);
    case(
        "| Term | Meaning |\n| --- | --- |\n| Stop | A detention |",
        &[("p1", "Term | Meaning"), ("p2", "Stop | A detention")],
    );
    case(
        "* [Purpose](#purpose)\n* [Scope](#scope)\n\n1. Staff act.",
        &[("1", "Staff act.")],
    );
}

#[test]
fn lines_and_numbers() {
    let c = segment("Title line here\n\n\n1. One.\n\n   (a) Sub\n   wrapped.");
    assert_eq!(c[0].line, 4);
    assert_eq!(c[1].line, 6);
    assert_eq!(c[1].number.as_deref(), Some("(a)"));
    assert_eq!(c[1].text, "Sub wrapped.");
    let c = segment("a) First.\n\nSection 4. Second.\n\n**2.1.** Third.");
    let numbers: Vec<Option<&str>> = c.iter().map(|c| c.number.as_deref()).collect();
    assert_eq!(numbers, [Some("a"), Some("Section 4"), Some("2.1")]);
}

/// 10,000 items, each nested one level under the one before it (in runs of 500 levels, so that the
/// input stays a few megabytes: real nesting needs ever deeper indentation or longer numbers).
#[test]
fn deep_nesting_is_flattened_not_overflowed() {
    let mut doc = String::new();
    for depth in 0..10_000 {
        doc.push_str(&" ".repeat(2 * (depth % 500)));
        doc.push_str(if depth % 2 == 0 {
            "- item\n"
        } else {
            "1. item\n"
        });
    }
    let c = segment(&doc);
    assert_eq!(c.len(), 10_000);
    assert_eq!(c.iter().map(|c| c.level).max(), Some(MAX_DEPTH - 1));
    assert!(c.iter().all(|c| c.path.len() < MAX_DEPTH));
    let mut doc = String::from("1. Top.\n");
    let mut number = String::from("1");
    for _ in 0..10_000 {
        if number.len() > 400 {
            number = String::from("1");
        }
        number.push_str(".1");
        doc.push_str(&number);
        doc.push_str(" Text.\n");
    }
    let c = segment(&doc);
    assert_eq!(c.len(), 10_001);
    assert_eq!(c.iter().map(|c| c.level).max(), Some(MAX_DEPTH - 1));
}

#[test]
fn one_megabyte_line() {
    let line = "The officer shall record the stop. ".repeat(30_000);
    let c = segment(&line);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].text, line.trim());
    let body = "Staff shall keep the record. ".repeat(36);
    let numbered: String = (1..=999).map(|n| format!("{n}. {body}")).collect();
    assert!(numbered.len() > 1_000_000);
    // Numbers run together on one line, as PDF extraction leaves them, still split.
    let c = segment(&numbered);
    assert_eq!(c.len(), 999);
    assert_eq!(c.last().map(|c| c.id.as_str()), Some("999"));
    assert_eq!(c.last().map(|c| c.text.as_str()), Some(body.trim()));
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "(",
        ")",
        "(a",
        "1.",
        "**",
        "**1.**",
        "\u{a7}",
        "Section",
        "- ",
        "#",
        "######",
        "=\n=",
        "|",
        "||",
        "\\",
        "[a](",
        "<",
        "<b",
        "\u{2022}",
        "(\u{e9})",
        "1.\u{e9}",
        "\u{a7}\u{e9}",
        "Article \u{e9}",
        "```\ncode",
        "> quote",
        "1. \n2. ",
        "i.\nii.\niii.",
        "\"",
        "\"\" means",
    ] {
        let _ = segment(s);
    }
}
