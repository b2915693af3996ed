//! The raw text after an item's marker in, its heading and body out: a Markdown heading is all
//! heading, `**Title.** body` and `Purpose. body` carry run-in headings, and a short title-like line
//! (`IV. IMMIGRATION ENFORCEMENT`) is a heading with no body.

use super::{markup, text};

/// Heading and body of an item: a Markdown heading is all heading; `**Title.** body` and
/// `Purpose. body` have run-in headings; a short title-like text is a heading with no body.
pub fn split_heading(
    raw: &str,
    markdown_heading: bool,
    bullet: bool,
    enclosed: bool,
) -> (Option<String>, String) {
    if markdown_heading {
        let h = markup::strip(raw);
        return ((!h.is_empty()).then_some(h), String::new());
    }
    if let Some((h, rest)) = bold_run_in(raw) {
        let rest = markup::strip(rest.trim_start_matches(['.', ':', ',']));
        return (Some(h), rest);
    }
    let s = markup::strip(raw);
    if bullet || s.is_empty() {
        return (None, s);
    }
    // `(1) Versicherungspflichtig sind` introduces a list; parenthesised items are headings only
    // when they shout.
    if text::is_heading(&s) && (!enclosed || text::is_caps(&s)) {
        return (Some(s), String::new());
    }
    if let Some((h, body)) = text::run_in(&s) {
        return (Some(h.to_string()), body.to_string());
    }
    (None, s)
}

/// `**Title.** rest`, `**Title:** rest` or `**Title**` alone, with a short, verb-free title.
fn bold_run_in(raw: &str) -> Option<(String, &str)> {
    let delim = if raw.starts_with("**") {
        "**"
    } else if raw.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let close = raw[2..].find(delim)? + 2;
    let h = markup::strip(&raw[2..close]);
    let n = h.split_whitespace().count();
    let rest = &raw[close + 2..];
    let ended = h.ends_with(['.', ':'])
        || rest.starts_with(['.', ':'])
        || rest.trim().is_empty()
        || rest.trim_start().starts_with(char::is_uppercase);
    let title = text::is_heading(text::trim_heading(&h));
    (n > 0 && n <= 12 && ended && title).then_some((h, rest))
}

#[cfg(test)]
mod tests {
    use super::split_heading;

    #[track_caller]
    fn case(raw: &str, heading: Option<&str>, body: &str) {
        let (h, b) = split_heading(raw, false, false, false);
        assert_eq!((h.as_deref(), b.as_str()), (heading, body), "{raw:?}");
    }

    #[test]
    fn headings_and_bodies() {
        case(
            "**Records.** Staff keep records.",
            Some("Records."),
            "Staff keep records.",
        );
        case(
            "**Records**: Staff keep records.",
            Some("Records"),
            "Staff keep records.",
        );
        case("**Officers** shall act.", None, "Officers shall act.");
        case(
            "Purpose. This policy applies.",
            Some("Purpose"),
            "This policy applies.",
        );
        case(
            "IMMIGRATION ENFORCEMENT",
            Some("IMMIGRATION ENFORCEMENT"),
            "",
        );
        case("Staff shall act.", None, "Staff shall act.");
        case("", None, "");
    }
}
