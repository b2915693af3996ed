//! `word/styles.xml` in, per paragraph style: its heading level and the list it numbers with.
//!
//! Headings are known by style, not by looks: a style named "heading N" (Word's built-in names, kept
//! in English in the file whatever the user's language) or "Title", or one with an outline level.
//! Styles inherit through `basedOn`, so both facts are looked up along that chain.

use super::xml::Element;
use std::collections::BTreeMap;

/// `basedOn` chains are short; the cap only stops a cycle in a damaged file.
const MAX_CHAIN: usize = 32;

#[derive(Debug, Clone, Default, PartialEq)]
struct Style {
    name: String,
    based_on: Option<String>,
    /// 0-based outline level (0 = Heading 1).
    outline: Option<usize>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Styles {
    styles: BTreeMap<String, Style>,
}

impl Styles {
    pub fn parse(root: &Element) -> Styles {
        let mut styles = BTreeMap::new();
        for s in root.elements().filter(|e| e.is("style")) {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let num = ppr.and_then(|p| p.child("numPr"));
            styles.insert(
                id.to_string(),
                Style {
                    name: s.child_val("name").unwrap_or_default().to_lowercase(),
                    based_on: s.child_val("basedOn").map(str::to_string),
                    outline: ppr
                        .and_then(|p| p.child_val("outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                    num_id: num.and_then(|n| n.child_val("numId")).map(str::to_string),
                    ilvl: num
                        .and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok()),
                },
            );
        }
        Styles { styles }
    }

    fn chain(&self, id: &str) -> impl Iterator<Item = &Style> {
        let mut next = self.styles.get(id);
        std::iter::from_fn(move || {
            let here = next?;
            next = here.based_on.as_deref().and_then(|b| self.styles.get(b));
            Some(here)
        })
        .take(MAX_CHAIN)
    }

    /// 1-based heading level of a paragraph style, if it is a heading style.
    pub fn heading_level(&self, id: &str) -> Option<usize> {
        self.chain(id).find_map(|s| {
            if s.name == "title" {
                return Some(1);
            }
            if let Some(n) = s.name.strip_prefix("heading ") {
                return n.trim().parse().ok();
            }
            // Outline level 9 means "body text" in Word.
            s.outline.filter(|&o| o < 9).map(|o| o + 1)
        })
    }

    /// The list (`numId`) and level a style numbers its paragraphs with, if any.
    pub fn numbering(&self, id: &str) -> Option<(String, Option<usize>)> {
        let num_id = self.chain(id).find_map(|s| s.num_id.clone())?;
        let ilvl = self.chain(id).find_map(|s| s.ilvl);
        Some((num_id, ilvl))
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[test]
    fn headings_and_numbering_inherit() {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
            <w:style w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Heading2"/>
              <w:pPr><w:numPr><w:numId w:val="7"/><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="Sub"><w:name w:val="Sub"/><w:basedOn w:val="Clause"/></w:style>
            <w:style w:styleId="Outline"><w:name w:val="Mine"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:styleId="Body"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
            <w:style w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        let s = Styles::parse(&parse(xml).unwrap());
        assert_eq!(s.heading_level("Heading2"), Some(2));
        assert_eq!(s.heading_level("Sub"), Some(2));
        assert_eq!(s.heading_level("Outline"), Some(1));
        assert_eq!(s.heading_level("Body"), None);
        assert_eq!(s.heading_level("Loop"), None);
        assert_eq!(s.heading_level("Missing"), None);
        assert_eq!(s.numbering("Sub"), Some(("7".to_string(), Some(1))));
        assert_eq!(s.numbering("Heading2"), None);
    }
}
