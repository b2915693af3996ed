//! Plain clause text in, its shape out: is it a heading, does it open with a run-in heading
//! ("Purpose. This policy ..."), is it a definition (`"Term" means ...`), and the term's slug.
//!
//! These are judgement calls on short strings; each test errs towards "ordinary text", because
//! text wrongly taken for a heading would drop out of the clause list.

/// Words that make a phrase a sentence rather than a title.
const VERBS: [&str; 22] = [
    "shall", "must", "may", "will", "should", "can", "cannot", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "does", "do", "not", "means", "would", "could",
];

/// Words that open sentences but rarely a run-in heading.
const OPENERS: [&str; 16] = [
    "the", "a", "an", "this", "that", "these", "each", "any", "all", "no", "if", "when", "it",
    "we", "you", "they",
];

/// Abbreviations that end in a period mid-sentence (`Sgt. Smith`).
const ABBREVIATIONS: [&str; 16] = [
    "sgt", "capt", "det", "ofc", "dept", "inc", "corp", "ltd", "gov", "mrs", "art", "sec", "vol",
    "etc", "seq", "approx",
];

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

fn has_verb(s: &str) -> bool {
    words(s).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        VERBS.iter().any(|v| w.eq_ignore_ascii_case(v))
    })
}

/// Letters present and none of them lower case (`PURPOSE`, `USE OF FORCE`).
pub fn is_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn ends_open(s: &str) -> bool {
    !s.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// Every word capitalised except short joining words (`Payment and Renewal`).
fn title_case(s: &str) -> bool {
    const SMALL: [&str; 14] = [
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ];
    words(s).all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        SMALL.contains(&w) || w.chars().next().is_none_or(|c| !c.is_lowercase())
    })
}

/// Whether a numbered line's whole text is a heading (`IV. IMMIGRATION ENFORCEMENT`, `3. Purpose`,
/// `2. Payment and Renewal`) rather than a provision (`A. Be courteous.`). A closing period makes it a
/// provision unless it shouts: `1. Definitions.` and `1. Promptly.` cannot be told apart, and taking
/// a provision for a heading would drop its text.
pub fn is_heading(s: &str) -> bool {
    // Counting stops past every limit below: a clause body can run to thousands of words.
    let n = words(s).take(16).count();
    if n == 0 {
        return false;
    }
    if is_caps(s) {
        return n <= 15;
    }
    if n > 10 || s.len() > 100 || has_verb(s) {
        return false;
    }
    s.chars().next().is_some_and(|c| c.is_uppercase()) && title_case(s) && ends_open(s)
}

/// Whether an unnumbered block is a title line: short, no closing punctuation, not a sentence.
pub fn is_title_line(s: &str) -> bool {
    let n = words(s).take(16).count();
    if n == 0 || s.len() > 160 || !s.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    if is_caps(s) {
        return n <= 15 && (ends_open(s) || s.ends_with(':') || (s.ends_with('.') && n <= 6));
    }
    n <= 12 && ends_open(s) && !s.contains(':') && !has_verb(s)
}

/// A line continuing an ALL-CAPS title line (`General Order 4.12: Body-Worn Cameras`): like a title
/// line, but a colon inside is allowed.
pub fn is_title_continuation(s: &str) -> bool {
    let n = words(s).take(13).count();
    n > 0
        && n <= 12
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && ends_open(s)
        && !has_verb(s)
}

/// Splits a run-in heading off the body: `"Purpose. This policy ..."` gives `("Purpose", "This
/// policy ...")`; `"USE OF FORCE Officers ..."` gives `("USE OF FORCE", "Officers ...")`.
pub fn run_in(s: &str) -> Option<(&str, &str)> {
    run_in_sentence(s).or_else(|| run_in_caps(s))
}

fn run_in_sentence(s: &str) -> Option<(&str, &str)> {
    // Only a full stop in the first 60 bytes counts, so only those are searched, not a whole clause.
    let head = &s.as_bytes()[..s.len().min(62)];
    let end = memchr::memmem::find(head, b". ")?;
    if end > 60 {
        return None;
    }
    let head = &s[..end];
    let body = s[end + 2..].trim_start();
    let n = words(head).count();
    let first = words(head).next()?;
    let last = words(head).last()?;
    let starts_upper = head.chars().next().is_some_and(|c| c.is_uppercase());
    let body_upper = body
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '"' || c == '(');
    let opener = OPENERS.iter().any(|o| first.eq_ignore_ascii_case(o));
    let abbrev = last.chars().filter(|c| c.is_alphabetic()).count() < 3
        || last.contains('.')
        || ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a));
    (n <= 6 && starts_upper && body_upper && !opener && !abbrev && !has_verb(head))
        .then_some((head, body))
}

fn run_in_caps(s: &str) -> Option<(&str, &str)> {
    let (mut end, mut at, mut letters, mut count) = (0, 0, 0, 0);
    for w in s.split(' ') {
        if w.is_empty() {
            return None;
        }
        if !w.chars().any(char::is_lowercase) {
            letters += w.chars().filter(|c| c.is_alphabetic()).count();
            count += 1;
            end = at + w.len();
            at += w.len() + 1;
            continue;
        }
        let next_ok = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"');
        let enough = letters >= 6 || (count >= 2 && letters >= 4);
        return (count > 0 && enough && next_ok).then(|| (&s[..end], &s[at..]));
    }
    None
}

/// The defined term of a definition entry: `"Biased policing" means ...`, `The "Agreement" refers to`.
pub fn defined_term(s: &str) -> Option<&str> {
    let mut rest = s;
    for article in ["The ", "A ", "An "] {
        if let Some(r) = rest.strip_prefix(article) {
            rest = r;
            break;
        }
    }
    let rest = rest.strip_prefix('"')?;
    let close = rest.find('"')?;
    let term = rest[..close].trim().trim_end_matches([',', '.']);
    if term.is_empty() || term.len() > 80 {
        return None;
    }
    // Further names for the same thing: `"Application" or "Learning Lab" means ...`.
    let mut tail = &rest[close + 1..];
    for _ in 0..4 {
        let t = tail.trim_start_matches([',', ' ']);
        let t = t
            .strip_prefix("or ")
            .or_else(|| t.strip_prefix("and "))
            .unwrap_or(t);
        match t
            .strip_prefix('"')
            .and_then(|r| r.find('"').map(|c| &r[c + 1..]))
        {
            Some(next) => tail = next,
            None => break,
        }
    }
    let colon = tail.trim_start().starts_with(':');
    let after = tail
        .trim_start_matches([',', ')', ':', ' '])
        .to_ascii_lowercase();
    const LINKS: [&str; 9] = [
        "means",
        "mean ",
        "shall mean",
        "refers to",
        "refer to",
        "includes",
        "has the meaning",
        "is defined",
        "shall include",
    ];
    (colon || LINKS.iter().any(|l| after.starts_with(l))).then_some(term)
}

/// Lower-case words joined by hyphens: `"Biased Policing"` gives `biased-policing`.
pub fn slug(term: &str) -> String {
    let mut out = String::new();
    for c in term.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A heading without its closing period or colon.
pub fn trim_heading(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ':']).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        for (s, want) in [
            ("IMMIGRATION ENFORCEMENT", true),
            ("Purpose", true),
            ("Dust Control Plan", true),
            ("Versicherungspflichtig sind", false),
            ("Definitions.", false),
            ("Payment and Renewal", true),
            ("Be courteous.", false),
            ("Officers shall wear cameras", false),
            (
                "The officer records the stop, the time and the place.",
                false,
            ),
            ("", false),
        ] {
            assert_eq!(is_heading(s), want, "{s:?}");
        }
    }

    #[test]
    fn title_lines() {
        for (s, want) in [
            ("COUNTY SHERIFF'S OFFICE", true),
            ("Policy 612 - Immigration Detainers", true),
            ("Introduction", true),
            ("Effective Date: May 1, 2020", false),
            ("This policy applies to all staff.", false),
            ("Officers must comply", false),
        ] {
            assert_eq!(is_title_line(s), want, "{s:?}");
        }
        assert!(is_title_continuation(
            "General Order 4.12: Body-Worn Cameras"
        ));
        assert!(!is_title_continuation("Note: officers must comply."));
    }

    #[test]
    fn run_in_headings() {
        for (s, want) in [
            (
                "Purpose. This policy governs x.",
                Some(("Purpose", "This policy governs x.")),
            ),
            (
                "Written quotes. For each purchase",
                Some(("Written quotes", "For each purchase")),
            ),
            (
                "USE OF FORCE Officers shall",
                Some(("USE OF FORCE", "Officers shall")),
            ),
            ("PURPOSE This policy", Some(("PURPOSE", "This policy"))),
            ("The officer left. Then", None),
            ("Officers shall comply. Failure", None),
            ("CJIS data is kept", None),
            ("Signed by Sgt. Smith", None),
            ("Per U.S. law", None),
        ] {
            assert_eq!(run_in(s), want, "{s:?}");
        }
    }

    #[test]
    fn definitions() {
        assert_eq!(
            defined_term("\"Biased policing\" means the use"),
            Some("Biased policing")
        );
        assert_eq!(
            defined_term("The \"Agreement\" refers to"),
            Some("Agreement")
        );
        assert_eq!(defined_term("\"Term\": a word"), Some("Term"));
        assert_eq!(
            defined_term("\"Application\" or \"Lab\" means the tool"),
            Some("Application")
        );
        assert_eq!(
            defined_term("\"A,\" \"B,\" and \"C\" have the meanings"),
            None
        );
        assert_eq!(defined_term("\"Quoted\" words alone"), None);
        assert_eq!(slug("Biased Policing"), "biased-policing");
        assert_eq!(slug("Officer's  duty (on/off)"), "officer-s-duty-on-off");
    }
}
