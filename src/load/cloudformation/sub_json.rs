//! `Fn::Sub` strings that hold a JSON document (a policy written as `!Sub |` text, or a JSON-typed
//! property such as `PolicyDocument` given as a string): read as the document they become, with
//! each substituted part that is not known statically kept as what it is, a reference or a partly
//! known string, instead of losing the whole document to one unknown part.

use crate::graph::parse::json::{self, Placement};
use crate::graph::{Entry, Map, Node, Value};
use crate::source::Span;

/// Private-use characters stand for the parts not known statically while the text is parsed:
/// valid inside JSON strings, and never in a template that does not use them itself.
const FIRST_HOLE: u32 = 0xE000;
const LAST_HOLE: u32 = 0xF8FF;

/// The character that marks hole number `index`, if there are that many marks.
pub fn hole_mark(index: usize) -> Option<char> {
    let code = FIRST_HOLE.checked_add(u32::try_from(index).ok()?)?;
    (code <= LAST_HOLE).then(|| char::from_u32(code))?
}

pub fn is_hole_mark(c: char) -> bool {
    (FIRST_HOLE..=LAST_HOLE).contains(&u32::from(c))
}

/// Parses `marked` (the substituted text, holes marked by [`hole_mark`]) as a JSON document.
/// `None` when it is not one, or when a hole sits where only a known value could (a key, a
/// number): the caller then keeps the string's shape.
pub fn document(marked: &str, holes: &[Node], reason: &str, span: Span) -> Option<Node> {
    if !marked.trim_start().starts_with(['{', '[']) {
        return None;
    }
    let parsed = json::parse_placed(marked, Placement::Whole(span)).ok()?;
    fill(&parsed, holes, reason)
}

fn fill(node: &Node, holes: &[Node], reason: &str) -> Option<Node> {
    let value = match &node.value {
        Value::String(s) if s.chars().any(is_hole_mark) => {
            let mut chars = s.chars();
            if let (Some(only), None) = (chars.next(), chars.next()) {
                // The whole string is one substituted part: a reference stays a reference.
                let index = usize::try_from(u32::from(only) - FIRST_HOLE).ok()?;
                return holes
                    .get(index)
                    .map(|h| Node::new(h.value.clone(), node.span));
            }
            let shape: String = s
                .chars()
                .map(|c| if is_hole_mark(c) { '*' } else { c })
                .collect();
            return Some(Node::unknown_shaped(reason, shape, node.span));
        }
        Value::List(items) => Value::List(
            items
                .iter()
                .map(|i| fill(i, holes, reason))
                .collect::<Option<_>>()?,
        ),
        Value::Map(map) => {
            let mut entries = Vec::with_capacity(map.entries.len());
            for e in &map.entries {
                if e.key.chars().any(is_hole_mark) {
                    return None;
                }
                entries.push(Entry {
                    key: e.key.clone(),
                    key_span: e.key_span,
                    value: fill(&e.value, holes, reason)?,
                });
            }
            Value::Map(Map { entries })
        }
        other => other.clone(),
    };
    Some(Node::new(value, node.span))
}
