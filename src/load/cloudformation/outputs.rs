//! What a stack output shows: every parameter and resource attribute its `Value` reads, through
//! any intrinsic (`Ref`, `Fn::GetAtt`, each `${...}` of `Fn::Sub`, the arguments of `Fn::Join`
//! and the others), so a rule can tell whether an output echoes a secret however it is built.

use super::intrinsics::Template;
use crate::graph::{Node, Reference, Value};
use crate::source::Span;

/// Nesting followed into a value: intrinsics in real outputs nest a few levels deep.
const MAX_DEPTH: usize = 64;
/// References listed per output: far more than an output string holds.
const MAX_REFERENCES: usize = 256;

/// The references `value` reads, each spanned where it is written (a `Fn::Sub` at its text).
/// Of a `Fn::If` whose condition the template decides, only the branch taken; otherwise both,
/// since either may be shown.
pub fn shown_references(template: &Template, value: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    walk(template, value, &mut out, 0);
    out
}

fn walk(template: &Template, node: &Node, out: &mut Vec<Node>, depth: usize) {
    if depth > MAX_DEPTH || out.len() >= MAX_REFERENCES {
        // What is past the caps is not read: say so once, so the output is undecided rather
        // than judged on part of what it shows.
        if !out
            .last()
            .is_some_and(|n| matches!(n.value, Value::Unknown(_)))
        {
            out.push(Node::unknown(
                "the output nests or reads more than zt-lint follows",
                node.span,
            ));
        }
        return;
    }
    let map = match &node.value {
        Value::List(items) => {
            for item in items {
                walk(template, item, out, depth + 1);
            }
            return;
        }
        Value::Map(map) => map,
        _ => return,
    };
    let intrinsic = match map.entries.as_slice() {
        [only] => Some((only.key.as_str(), &only.value)),
        _ => None,
    };
    match intrinsic {
        Some(("Ref", name)) => {
            if let Some(name) = name.as_str() {
                push(out, name, None, node.span);
            }
        }
        Some(("Fn::GetAtt", arg)) => match &arg.value {
            Value::String(s) => match s.split_once('.') {
                Some((r, a)) => push(out, r, Some(a), node.span),
                None => push(out, s, None, node.span),
            },
            Value::List(parts) => match (parts.first().and_then(Node::as_str), parts.get(1)) {
                (Some(r), Some(a)) if a.as_str().is_some() => {
                    push(out, r, a.as_str(), node.span);
                }
                // A computed name or attribute: the template's own evaluation resolves it, or
                // says why it cannot (the rule then lists the output as undecided).
                _ => {
                    if let Some(value) = template.eval(node) {
                        push_node(out, value);
                    }
                }
            },
            _ => push_node(out, Node::unknown("malformed Fn::GetAtt", node.span)),
        },
        Some(("Fn::Sub", arg)) => {
            let (text, vars) = match &arg.value {
                Value::String(s) => (s.as_str(), None),
                Value::List(parts) => match parts.first().and_then(Node::as_str) {
                    Some(t) => (t, parts.get(1)),
                    None => return,
                },
                _ => return,
            };
            let defined = |name: &str| vars.and_then(|v| v.get(name)).is_some();
            let mut rest = text;
            while let Some(at) = rest.find("${") {
                let after = &rest[at + 2..];
                let Some(close) = after.find('}') else { break };
                let name = &after[..close];
                rest = &after[close + 1..];
                // `${!Literal}` is text; a name the variable map defines is read from there.
                if name.starts_with('!') || defined(name) {
                    continue;
                }
                match name.split_once('.') {
                    Some((r, a)) => push(out, r, Some(a), node.span),
                    None => push(out, name, None, node.span),
                }
            }
            if let Some(vars) = vars {
                walk(template, vars, out, depth + 1);
            }
        }
        Some(("Fn::If", arg)) => {
            let parts = arg.as_list().unwrap_or_default();
            let (Some(condition), Some(then), Some(otherwise)) =
                (parts.first(), parts.get(1), parts.get(2))
            else {
                return;
            };
            let taken = template.condition_node(condition);
            if !taken.is_no() {
                walk(template, then, out, depth + 1);
            }
            if !taken.is_yes() {
                walk(template, otherwise, out, depth + 1);
            }
        }
        _ => {
            for entry in &map.entries {
                walk(template, &entry.value, out, depth + 1);
            }
        }
    }
}

fn push_node(out: &mut Vec<Node>, value: Node) {
    if out.len() < MAX_REFERENCES {
        out.push(value);
    }
}

fn push(out: &mut Vec<Node>, address: &str, attribute: Option<&str>, span: Span) {
    if out.len() >= MAX_REFERENCES {
        return;
    }
    out.push(Node::new(
        Value::Ref(Box::new(Reference {
            address: address.to_string(),
            attribute: attribute.map(str::to_string),
            path: Vec::new(),
        })),
        span,
    ));
}
