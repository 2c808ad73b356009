//! Fixes in JSON (CloudFormation templates and Terraform's JSON syntax): objects located by a
//! small scanner from the resource's key, edited as text with the file's indentation.

use super::{Literal, indentation, is_literal_scalar, line_start, quoted};
use crate::source::Span;
use std::ops::Range;

/// Objects nested deeper than this are not scanned (no template needs it; bounds the work).
const MAX_DEPTH: usize = 256;

/// One member of an object: its key and where its value is written.
struct Member {
    key: String,
    key_start: usize,
    value: Range<usize>,
}

/// The end of the string starting at `at` (a `"`), after its closing quote.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The end of the value starting at `at` (after its last byte).
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i = string_end(bytes, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
            }
            b'}' | b']' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    (depth == 0).then_some(i)
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The members of the object whose `{` is at `open`, and the position of its `}`.
fn members(text: &str, open: usize) -> Option<(Vec<Member>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(open) != Some(&b'{') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = skip_space(bytes, open + 1);
    loop {
        match bytes.get(i)? {
            b'}' => return Some((out, i)),
            b'"' => {
                let key_end = string_end(bytes, i)?;
                let key: String = serde_json::from_str(text.get(i..key_end)?).ok()?;
                let colon = skip_space(bytes, key_end);
                if bytes.get(colon) != Some(&b':') {
                    return None;
                }
                let start = skip_space(bytes, colon + 1);
                let end = value_end(bytes, start)?;
                let value_text = text.get(start..end)?.trim_end();
                out.push(Member {
                    key,
                    key_start: i,
                    value: start..start + value_text.len(),
                });
                i = skip_space(bytes, end);
                if bytes.get(i) == Some(&b',') {
                    i = skip_space(bytes, i + 1);
                }
            }
            _ => return None,
        }
    }
}

/// The resource's object: the value of its key at `header`.
fn resource_object(text: &str, header: Span) -> Option<usize> {
    let bytes = text.as_bytes();
    let colon = skip_space(bytes, header.end as usize);
    if bytes.get(colon) != Some(&b':') {
        return None;
    }
    Some(skip_space(bytes, colon + 1))
}

/// Replaces the literal value at `span` inside the resource's object.
pub fn set(text: &str, header: Span, span: Span, value: Literal) -> Option<(Range<usize>, String)> {
    let open = resource_object(text, header)?;
    let (_, close) = members(text, open)?;
    let range = span.start as usize..span.end as usize;
    if range.start < open || range.end > close {
        return None;
    }
    let old = text.get(range.clone())?;
    let before = text.get(..range.start)?.trim_end();
    if !is_literal_scalar(old, false) || !before.ends_with(':') {
        return None;
    }
    // A boolean written as the string "false" stays a string, as CloudFormation accepts it.
    let replacement = match value {
        Literal::Bool(b) if old.starts_with('"') => format!("\"{b}\""),
        _ => quoted(value),
    };
    Some((range, replacement))
}

/// Replaces the literal value of the member written at `span`, wherever it is in a Terraform
/// JSON file (a module call's argument, a variable's default): the engine found it is the one
/// place the resource's value comes from. A string that is a template (`"${var.x}"`) is an
/// expression, not a literal, and is left alone.
pub fn set_where_written(text: &str, span: Span, value: Literal) -> Option<(Range<usize>, String)> {
    let range = span.start as usize..span.end as usize;
    let root = skip_space(text.as_bytes(), 0);
    if !is_member_value(text, root, &range, 0) {
        return None;
    }
    let old = text.get(range.clone())?;
    if !is_literal_scalar(old, false) {
        return None;
    }
    // A boolean written as a string ("true") stays a string: Terraform converts it.
    let replacement = match value {
        Literal::Bool(b) if old.starts_with('"') => format!("\"{b}\""),
        _ => quoted(value),
    };
    Some((range, replacement))
}

/// Whether `range` is exactly the value of a member of an object in the value starting at `at`
/// (not an element of a list): only the values enclosing `range` are entered.
fn is_member_value(text: &str, at: usize, range: &Range<usize>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let bytes = text.as_bytes();
    match bytes.get(at) {
        Some(b'{') => members(text, at).is_some_and(|(list, _)| {
            list.iter().any(|m| {
                m.value == *range
                    || (m.value.start <= range.start
                        && range.end <= m.value.end
                        && is_member_value(text, m.value.start, range, depth + 1))
            })
        }),
        Some(b'[') => {
            let mut i = skip_space(bytes, at + 1);
            while bytes.get(i).is_some_and(|&b| b != b']') {
                let Some(end) = value_end(bytes, i) else {
                    return false;
                };
                if i <= range.start
                    && range.end <= end
                    && is_member_value(text, i, range, depth + 1)
                {
                    return true;
                }
                i = skip_space(bytes, end);
                match bytes.get(i) {
                    Some(b',') => i = skip_space(bytes, i + 1),
                    Some(b']') => break,
                    _ => return false,
                }
            }
            false
        }
        _ => false,
    }
}

/// Adds `[container.]<path>: value`, creating the objects on the way that are missing, as the
/// last member of the deepest object that exists. A CloudFormation resource's settings are in
/// its `Properties`, and its object must declare the resource type the finding is about (a
/// resource SAM generates is located at the SAM resource, whose properties are not its own).
pub fn add(
    text: &str,
    header: Span,
    properties_of: Option<(&'static str, &str)>,
    path: &[&str],
    value: Literal,
) -> Option<(Range<usize>, String)> {
    let mut open = resource_object(text, header)?;
    let (mut list, mut close) = members(text, open)?;
    if let Some((_, kind)) = properties_of {
        let written = list.iter().find(|m| m.key == "Type")?;
        let written: String = serde_json::from_str(text.get(written.value.clone())?).ok()?;
        if written != kind {
            return None;
        }
    }
    let container = properties_of.map(|(key, _)| key);
    let full: Vec<&str> = container.into_iter().chain(path.iter().copied()).collect();
    let (last, parents) = full.split_last()?;
    let mut remaining: &[&str] = parents;
    while let Some((key, rest)) = remaining.split_first() {
        let Some(member) = list.iter().find(|m| m.key == *key) else {
            break;
        };
        open = member.value.start;
        (list, close) = members(text, open)?;
        remaining = rest;
    }
    if remaining.is_empty() && list.iter().any(|m| m.key == *last) {
        return None;
    }
    let open_indent = indentation(text.get(line_start(text, open)..)?).to_string();
    let member_indent = list
        .first()
        .map(|m| indentation(text.get(line_start(text, m.key_start)..).unwrap_or("")).to_string())
        .filter(|i| i.len() > open_indent.len())
        .unwrap_or_else(|| format!("{open_indent}  "));
    let step = member_indent
        .get(open_indent.len()..)
        .unwrap_or("  ")
        .to_string();
    let one_line = list
        .first()
        .is_some_and(|m| line_start(text, m.key_start) == line_start(text, open));
    let mut rendered = quoted(value);
    let keys: Vec<&str> = remaining.iter().copied().chain([*last]).collect();
    for (depth, key) in keys.iter().enumerate().rev() {
        let key = serde_json::to_string(key).ok()?;
        if depth == keys.len() - 1 {
            rendered = format!("{key}: {rendered}");
        } else if one_line {
            rendered = format!("{key}: {{{rendered}}}");
        } else {
            let outer = member_indent.clone() + &step.repeat(depth);
            rendered = format!("{key}: {{\n{outer}{step}{rendered}\n{outer}}}");
        }
    }
    match list.last() {
        Some(m) if one_line => Some((m.value.end..m.value.end, format!(", {rendered}"))),
        Some(m) => Some((
            m.value.end..m.value.end,
            format!(",\n{member_indent}{rendered}"),
        )),
        None => Some((close..close, rendered)),
    }
}
