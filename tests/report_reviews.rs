//! Reviews in the rendered reports of a hand-built comparison: a reviewed change carries a mark, the
//! reviewer's verdict beside the tool's when they differ, the note and who decided, in HTML and
//! Markdown; the index counts reviewed and still-open flags and lists stale reviews under their policy.

mod report_fixture;

use policydiff::model::{Direction, PairReport, PolicyReport, Review, Summary};
use policydiff::report::{self, Format};
use report_fixture::{pair, policy};

/// Reviews the first weakened change as unchanged (an override) and the first strengthened one as
/// strengthened (a confirmation), as the review stage does, and returns their new clause ids.
fn reviewed(r: &mut PairReport) -> (String, String) {
    let pick = |r: &PairReport, d: Direction| {
        r.changes
            .iter()
            .position(|c| c.direction == d && c.new.is_some())
            .unwrap()
    };
    let (w, s) = (
        pick(r, Direction::Weakened),
        pick(r, Direction::Strengthened),
    );
    let review = |i: usize, verdict: Direction, note: &str| Review {
        fingerprint: r.changes[i].fingerprint.clone(),
        from: None,
        to: None,
        verdict,
        note: note.into(),
        by: "A. Reviewer".into(),
        when: Some("2025-03-01".into()),
    };
    let reviews = [
        review(w, Direction::Unchanged, "Only a <b>restyle</b>: no loss."),
        review(s, Direction::Strengthened, "Agreed."),
    ];
    policydiff::review::apply(r, &reviews);
    let id = |i: usize| r.changes[i].new.as_ref().unwrap().id.clone();
    (id(w), id(s))
}

/// The part of `text` from the change card of clause `id` (found by its id cell) to the next card.
fn card<'a>(text: &'a str, start: &str, id_marker: &str, end: &str) -> &'a str {
    let at = text
        .find(id_marker)
        .unwrap_or_else(|| panic!("{id_marker} not found"));
    let from = text[..at].rfind(start).unwrap();
    let to = text[at..].find(end).map_or(text.len(), |e| at + e);
    &text[from..to]
}

#[test]
fn html_marks_a_reviewed_change_with_both_verdicts_the_note_and_who() {
    let mut r = pair();
    let before = report::render(&r, Format::Html).unwrap();
    assert!(!before.contains("Reviewed"), "no review, no mark");
    let (over, agreed) = reviewed(&mut r);
    let h = report::render(&r, Format::Html).unwrap();

    let o = card(
        &h,
        "<article",
        &format!("<span class=\"id\">{over}</span>"),
        "</article>",
    );
    assert!(o.contains("class=\"reviewed overrides\""), "{o}");
    assert!(o.contains("✔ Reviewed: overrides the tool"), "{o}");
    assert!(
        o.contains("Reviewer&#x27;s verdict: unchanged; the tool said weakened."),
        "{o}"
    );
    // The badge is the effective verdict; the note is escaped like any text.
    assert!(o.contains("● No change in force"), "{o}");
    assert!(
        o.contains("Only a &lt;b&gt;restyle&lt;&#x2f;b&gt;: no loss."),
        "{o}"
    );
    assert!(o.contains("Reviewed by A. Reviewer, 2025-03-01"), "{o}");
    assert!(!o.contains("⚑ Needs review"), "a decided flag is not open");

    let a = card(
        &h,
        "<article",
        &format!("<span class=\"id\">{agreed}</span>"),
        "</article>",
    );
    assert!(a.contains("✔ Reviewed: confirms the tool"), "{a}");
    assert!(
        a.contains("Reviewer&#x27;s verdict: strengthened, as the tool said."),
        "{a}"
    );
    assert!(!a.contains("overrides"), "{a}");
    assert_eq!(h.matches("class=\"review-note\"").count(), 2);

    // The subline counts reviews instead of flags once there are any.
    let s = &r.summary;
    assert!(h.contains(&format!(
        "{} reviewed, {} still to review",
        s.reviewed, s.unreviewed
    )));
}

#[test]
fn markdown_marks_a_reviewed_change_the_same_way() {
    let mut r = pair();
    let (over, agreed) = reviewed(&mut r);
    let md = report::render(&r, Format::Markdown).unwrap();
    let o = card(&md, "\n### ", &format!("| {over} (line"), "\n### ");
    assert!(o.contains("| ✔ Reviewed: overrides the tool |"), "{o}");
    assert!(o.contains("**✔ Reviewed: overrides the tool.** Reviewer's verdict: unchanged; the tool said weakened. Only a &lt;b&gt;restyle&lt;/b&gt;: no loss. (reviewed by A. Reviewer, 2025-03-01)"), "{o}");
    let a = card(&md, "\n### ", &format!("| {agreed} (line"), "\n### ");
    assert!(
        a.contains("Reviewer's verdict: strengthened, as the tool said. Agreed."),
        "{a}"
    );
}

/// A policy of the fixture with one override and one stale review.
fn reviewed_policy() -> PolicyReport {
    let mut p = policy();
    reviewed(&mut p.pairs[0]);
    p.stale_reviews = vec![Review {
        fingerprint: "00000000deadbeef".parse().unwrap(),
        from: Some("2017".into()),
        to: Some("2019".into()),
        verdict: Direction::Weakened,
        note: "About a clause since rewritten.".into(),
        by: "B. Reviewer".into(),
        when: None,
    }];
    p
}

#[test]
fn the_index_counts_reviews_and_lists_stale_ones_under_their_policy() {
    let p = reviewed_policy();
    let h = report::index_html(std::slice::from_ref(&p)).unwrap();
    let s: &Summary = &p.pairs[0].summary;
    assert_eq!(s.reviewed, 2);
    let open: usize = p.pairs.iter().map(|r| r.summary.unreviewed).sum();
    assert!(
        h.contains(&format!(
            "Reviews: 2 changes reviewed, {open} flagged change{} still to review, 1 stale review not applied.",
            if open == 1 { "" } else { "s" }
        )),
        "{h}"
    );
    // The first comparison's row: flagged, reviewed, still to review, in its last three cells.
    let row = format!(
        "<td>{}</td><td>{}</td><td>{}</td></tr>",
        s.needs_review, s.reviewed, s.unreviewed
    );
    assert!(h.contains(&row), "{row} not in {h}");
    let stale = card(
        &h,
        "<section class=\"stale\"",
        "00000000deadbeef",
        "</section>",
    );
    for text in [
        "Stale reviews (1)",
        "<td>2017 → 2019</td>",
        "<td>weakened</td>",
        "<td>About a clause since rewritten.</td>",
        "<td>B. Reviewer</td>",
    ] {
        assert!(stale.contains(text), "{text} not in {stale}");
    }
    // Without reviews there is no stale section.
    let plain = report::index_html(&[policy()]).unwrap();
    assert!(!plain.contains("class=\"stale\""));
}

#[test]
fn stale_reviews_csv_has_a_row_per_stale_review_and_a_header_when_none() {
    let text = report::stale_reviews_csv(&[policy(), reviewed_policy()]).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "policy",
            "fingerprint",
            "from",
            "to",
            "verdict",
            "note",
            "by",
            "when"
        ]
    );
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [[
            "harbour-town",
            "00000000deadbeef",
            "2017",
            "2019",
            "weakened",
            "About a clause since rewritten.",
            "B. Reviewer",
            ""
        ]]
    );
    let none = report::stale_reviews_csv(&[policy()]).unwrap();
    assert_eq!(none.lines().count(), 1, "{none}");
}
