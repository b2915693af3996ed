//! The HTML and Markdown change reports of a hand-built comparison: order, escaping, headline and shape.

mod report_fixture;

use policydiff::model::Direction;
use policydiff::report::{self, Format, Page};
use report_fixture::{pair, policy, FORMULA};

fn html() -> String {
    report::render(&pair(), Format::Html).unwrap()
}

fn markdown() -> String {
    report::render(&pair(), Format::Markdown).unwrap()
}

/// Byte offset of the first occurrence of `needle`, failing the test when it is missing.
#[track_caller]
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in report"))
}

#[test]
fn html_leads_with_the_headline_from_the_summary() {
    let r = pair();
    let h = html();
    let headline = format!(
        "{} weakened, {} strengthened, {} unchanged",
        r.summary.weakened, r.summary.strengthened, r.summary.unchanged
    );
    assert!(at(&h, &headline) < at(&h, "<main>"));
}

#[test]
fn weakened_come_first_then_strengthened_then_other_then_untouched() {
    for text in [html(), markdown()] {
        let w = at(&text, "where practicable");
        let w2 = at(&text, "sharing records with federal");
        let s = at(&text, "review complaints within");
        let s2 = at(&text, "immigration status");
        let other = at(&text, "records unit");
        let untouched = at(&text, "This policy applies");
        assert!(w < s && w2 < s && s < other && s2 < other && other < untouched);
    }
}

#[test]
fn every_listed_change_appears_once_with_its_number() {
    let r = pair();
    let h = html();
    let articles = h.matches("<article class=\"change").count();
    let untouched = r
        .changes
        .iter()
        .filter(|c| !policydiff::is_notable(c))
        .count();
    assert_eq!(articles + untouched, r.changes.len());
    for n in 1..=articles {
        assert!(h.contains(&format!("id=\"change-{n}\"")), "change {n}");
    }
    let weakened = h.matches("<span class=\"badge weakened\">").count();
    assert_eq!(weakened, r.summary.weakened);
    let strengthened = h.matches("<span class=\"badge strengthened\">").count();
    assert_eq!(strengthened, r.summary.strengthened);
    let review = h.matches("⚑ Needs review").count();
    assert_eq!(review, r.summary.needs_review);
}

#[test]
fn redline_marks_deletions_and_insertions_with_tags_not_colour_alone() {
    let h = html();
    assert!(h.contains("<del>must</del>"), "deleted word struck through");
    assert!(h.contains("<ins>should</ins>"), "inserted word underlined");
    assert!(h.contains("text-decoration: line-through"));
    assert!(h.contains("text-decoration: underline"));
    let md = markdown();
    assert!(md.contains("~~must~~"));
    assert!(md.contains("<ins>should</ins>"));
}

#[test]
fn html_escapes_policy_text_and_makes_no_requests() {
    let h = html();
    assert!(h.contains("&lt;script&gt;alert(1)"));
    assert!(!h.contains("<script"), "no script element at all");
    assert!(!h.contains("http://example.invalid\""), "quotes escaped");
    for external in ["src=", "@import", "url(", "<link"] {
        assert!(!h.contains(external), "{external}");
    }
    assert!(h.contains("default-src 'none'"));
}

#[test]
fn markdown_escapes_policy_text() {
    let md = markdown();
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!md.contains("<script"));
    assert!(
        md.contains("\\*") && !md.contains("*never*"),
        "emphasis neutralised"
    );
    assert!(!md.contains(FORMULA), "quotes escaped");
}

#[test]
fn page_context_adds_title_and_index_link() {
    let r = pair();
    let page = Page {
        title: Some("Harbour Town Stops and Records Policy (illustrative)"),
        index: Some("../index.html"),
    };
    // The HTML escaper writes `/` as `&#x2f;`, which browsers read back as `/`.
    let h = report::render_page(&r, Format::Html, page)
        .unwrap()
        .replace("&#x2f;", "/");
    assert!(h.contains("<h1>Harbour Town Stops and Records Policy (illustrative): what changed"));
    assert!(h.contains("href=\"../index.html\""));
    assert!(
        !html().contains("index.html"),
        "a lone report links nowhere"
    );
}

#[test]
fn index_links_every_pair_with_its_counts() {
    let p = policy();
    let h = report::index_html(std::slice::from_ref(&p))
        .unwrap()
        .replace("&#x2f;", "/");
    for pair in &p.pairs {
        let href = format!("harbour-town/{}.html", report::pair_stem(pair));
        assert!(h.contains(&format!("href=\"{href}\"")), "{href}");
        assert!(h.contains(&format!("▼ {}", pair.summary.weakened)));
    }
    for v in &p.versions {
        assert!(h.contains(&format!("<b>{}</b>", v.label)));
    }
    assert!(
        h.contains("version draft"),
        "drafts are marked in the timeline"
    );
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!("pair_html", html());
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!("pair_markdown", markdown());
}

#[test]
fn index_snapshot() {
    insta::assert_snapshot!("index_html", report::index_html(&[policy()]).unwrap());
}

#[test]
fn a_comparison_without_changes_still_renders_every_section() {
    let mut r = pair();
    r.changes
        .retain(|c| c.direction == Direction::Unchanged && !policydiff::is_notable(c));
    r.summary = policydiff::model::Summary::of(&r.changes);
    let h = report::render(&r, Format::Html).unwrap();
    assert_eq!(h.matches("<p class=\"none\">None.</p>").count(), 3);
    r.changes.clear();
    r.summary = policydiff::model::Summary::of(&r.changes);
    let md = report::render(&r, Format::Markdown).unwrap();
    assert!(md.contains("None: every clause changed."));
}

#[test]
fn a_report_without_a_policy_name_still_has_a_title() {
    let mut r = pair();
    r.policy.clear();
    let h = report::render(&r, Format::Html).unwrap();
    assert!(h.contains("<h1>Policy: what changed from 2019 to 2025-draft</h1>"));
}
