//! One XML part of a .docx in, a small element tree out, with each element's namespace reduced to the
//! two that matter (WordprocessingML and markup compatibility).
//!
//! A tree is simpler to walk than a stream when a paragraph's properties, runs and tracked changes
//! nest, and Word parts are small enough to hold. Nesting depth is capped so a hostile file cannot
//! exhaust the stack of the recursive walks that read the tree.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Deeper than any real document (Word nests tables inside tables, rarely past a dozen levels).
const MAX_DEPTH: usize = 256;

const W_TRANSITIONAL: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the readers care about; everything else (drawings, math, vendor extensions) is Other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    W,
    Mc,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub ns: Ns,
    /// Local name, without prefix (`p`, `numPr`).
    pub name: String,
    /// Attributes by local name (`val`, `id`); Word qualifies them all with `w:`.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    /// Whether this is the WordprocessingML element `name`.
    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::W && self.name == name
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first WordprocessingML child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    /// `w:val` of the child `name`, the way Word stores most properties (`<w:ilvl w:val="1"/>`).
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// The element's own text nodes, concatenated.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// Parses a whole part. The error is a plain message with the byte offset, for the caller to wrap with
/// the file and part names.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Element> = vec![Element {
        ns: Ns::Other,
        name: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    loop {
        let at = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("malformed XML near byte {at}: {e}"))?;
        let ns = match ns {
            ResolveResult::Bound(n) if n.0 == W_TRANSITIONAL || n.0 == W_STRICT => Ns::W,
            ResolveResult::Bound(n) if n.0 == MC => Ns::Mc,
            _ => Ns::Other,
        };
        match event {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elements nested deeper than {MAX_DEPTH} near byte {at}"
                    ));
                }
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| format!("bad attribute near byte {at}: {e}"))?;
                    let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| format!("bad attribute value near byte {at}: {e}"))?;
                    attrs.push((key, value.into_owned()));
                }
                stack.push(Element {
                    ns,
                    name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                    attrs,
                    children: Vec::new(),
                });
            }
            Event::End(_) => {
                let done = stack.pop();
                match (done, stack.last_mut()) {
                    (Some(done), Some(parent)) => parent.children.push(Node::Element(done)),
                    _ => return Err(format!("unbalanced end tag near byte {at}")),
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| format!("bad text near byte {at}: {e}"))?;
                push_text(&mut stack, &s);
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| format!("bad CDATA near byte {at}: {e}"))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.decode().map_err(|e| format!("near byte {at}: {e}"))?;
                        match name.as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            // Word parts declare no DTD, so no other entity can be defined.
                            other => {
                                return Err(format!("unknown entity &{other}; near byte {at}"))
                            }
                        }
                    }
                    Err(e) => return Err(format!("bad character reference near byte {at}: {e}")),
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = match (stack.pop(), stack.is_empty()) {
        (Some(root), true) => root,
        _ => return Err("the document ends inside an element".into()),
    };
    match root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(_)))
    {
        Some(i) => match root.children.swap_remove(i) {
            Node::Element(e) => Ok(e),
            Node::Text(_) => Err("no root element".into()),
        },
        None => Err("no root element".into()),
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn namespaces_attributes_and_entities() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {W} xmlns:a="urn:x"><w:p><w:t xml:space="preserve">a &amp; b&#x2019;s</w:t><a:t>x</a:t><w:ilvl w:val="2"/></w:p></w:document>"#
        );
        let root = parse(&xml).unwrap();
        assert!(root.is("document"));
        let p = root.child("p").unwrap();
        assert_eq!(p.child("t").unwrap().text(), "a & b\u{2019}s");
        assert_eq!(p.child_val("ilvl"), Some("2"));
        let other: Vec<_> = p.elements().filter(|e| e.ns == Ns::Other).collect();
        assert_eq!(other.len(), 1, "a:t is not a Word text run");
    }

    #[track_caller]
    fn bad(xml: &str, says: &str) {
        let err = parse(xml).unwrap_err();
        assert!(err.contains(says), "{err:?} should mention {says:?}");
    }

    #[test]
    fn malformed_parts_are_refused() {
        bad("<a><b></a>", "malformed");
        bad("<a>", "ends inside");
        bad("", "no root");
        bad("<a>&foo;</a>", "unknown entity");
        bad(&"<a>".repeat(MAX_DEPTH + 2), "nested deeper");
    }
}
