//! Template names and a serialisable view in, rendered text out, through one minijinja environment
//! holding the templates compiled into the binary.
//!
//! Escaping is the environment's job, never the template author's: `.html` templates escape every value
//! for HTML, `.md` templates escape every value for GitHub-flavoured Markdown (see [`escape_markdown`]).
//! Only the stylesheet, included verbatim, is trusted.

use super::RenderError;
use minijinja::{AutoEscape, Environment, Output, State, Value};
use serde::Serialize;
use std::sync::OnceLock;

const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

fn environment() -> Result<&'static Environment<'static>, String> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else if name.ends_with(".md") {
                MARKDOWN
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(format_value);
        for (name, source) in [
            ("style.css", include_str!("templates/style.css")),
            ("page.html", include_str!("templates/page.html")),
            ("pair.html", include_str!("templates/pair.html")),
            ("index.html", include_str!("templates/index.html")),
            ("pair.md", include_str!("templates/pair.md")),
            (
                "conformance.html",
                include_str!("templates/conformance.html"),
            ),
            ("agency.html", include_str!("templates/agency.html")),
            ("agency.md", include_str!("templates/agency.md")),
        ] {
            env.add_template(name, source)
                .map_err(|e| format!("built-in template {name}: {e:#}"))?;
        }
        Ok(env)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Renders one of the built-in templates with `ctx`.
pub fn render(
    name: &str,
    format: &'static str,
    ctx: impl Serialize,
) -> Result<String, RenderError> {
    let err = |e: minijinja::Error| RenderError::Render {
        format,
        message: format!("{name}: {e:#}"),
    };
    let env = environment().map_err(|message| RenderError::Render { format, message })?;
    let template = env.get_template(name).map_err(err)?;
    template.render(ctx).map_err(err)
}

fn format_value(
    out: &mut Output<'_>,
    state: &State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if state.auto_escape() != MARKDOWN || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let mut s = String::new();
    escape_markdown(&value.to_string(), &mut s);
    out.write_str(&s).map_err(minijinja::Error::from)
}

/// Escapes text so GitHub shows it literally: no emphasis, links, tables, strike-through, math, raw
/// HTML or list markers can come out of policy text.
///
/// HTML-significant characters become entities (a backslash does not stop every renderer from reading
/// `<script>` as a tag); other Markdown punctuation gets a backslash. Line breaks become spaces because
/// every value sits inside one line of the template (a table row, a blockquote line).
pub fn escape_markdown(text: &str, out: &mut String) {
    // A value that opens a line must not start a list or a heading.
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    for (i, ch) in text.chars().enumerate() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '$' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            '.' | ')' if i == digits && digits > 0 => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, want: &str) {
        let mut got = String::new();
        escape_markdown(text, &mut got);
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn markdown_escaping() {
        case("plain words", "plain words");
        case(
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        );
        case("a *b* _c_ `d`", "a \\*b\\* \\_c\\_ \\`d\\`");
        case("[link](http://x)", "\\[link\\](http://x)");
        case("fees of $5 to $10", "fees of \\$5 to \\$10");
        case("a | b", "a \\| b");
        case("~~gone~~", "\\~\\~gone\\~\\~");
        case("# heading", "\\# heading");
        case("- item", "\\- item");
        case("12. item", "12\\. item");
        case("3) item", "3\\) item");
        case("see 3.1 - 4.2", "see 3.1 - 4.2");
        case("line\nbreak", "line break");
        case("AT&T", "AT&amp;T");
        case("=HYPERLINK(", "\\=HYPERLINK(");
    }

    proptest::proptest! {
        /// No character of the input survives as markup: every `<`, `>` becomes an entity and every
        /// emphasis, link, table or code character is backslashed.
        #[test]
        fn escaped_text_has_no_live_markup(text in "\\PC{0,60}") {
            let mut got = String::new();
            escape_markdown(&text, &mut got);
            proptest::prop_assert!(!got.contains(['<', '>', '\n']));
            // Whether the previous character is a backslash that escapes this one.
            let mut pending = false;
            for ch in got.chars() {
                if "*_[]`|~$".contains(ch) {
                    proptest::prop_assert!(pending, "{:?}", got);
                }
                pending = ch == '\\' && !pending;
            }
        }
    }

    #[test]
    fn every_builtin_template_compiles() {
        for name in [
            "style.css",
            "pair.html",
            "index.html",
            "pair.md",
            "conformance.html",
            "agency.html",
            "agency.md",
        ] {
            let env = environment().unwrap();
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }
}
