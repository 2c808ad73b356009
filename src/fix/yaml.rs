//! Fixes in CloudFormation YAML: maps located by indentation from the resource's logical id,
//! edited as text with the file's indentation, in block or flow style as the map is written.

use super::{Literal, is_literal_scalar, line_start, replacement_like};
use crate::source::Span;
use std::ops::Range;

/// One line of the file: where it starts and ends (without the newline) and its indentation.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    end: usize,
    indent: usize,
    text: &'a str,
}

impl Line<'_> {
    /// Neither blank nor only a comment.
    fn has_content(&self) -> bool {
        let t = self.text.trim();
        !t.is_empty() && !t.starts_with('#')
    }
}

fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Line<'_>> {
    let mut start = from;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = text.get(start..)?;
        let len = rest.find('\n').unwrap_or(rest.len());
        let line_text = rest.get(..len)?.trim_end_matches('\r');
        let line = Line {
            start,
            end: start + line_text.len(),
            indent: line_text.len() - line_text.trim_start_matches(' ').len(),
            text: line_text,
        };
        start += len + 1;
        Some(line)
    })
}

/// A block map: the key line that opens it and the content lines below it that belong to it.
struct BlockMap<'a> {
    key_indent: usize,
    children: Vec<Line<'a>>,
}

impl<'a> BlockMap<'a> {
    /// The map opened by the key line starting at `key_line` (whose value is on later lines).
    fn below(text: &'a str, key_line: usize, key_indent: usize) -> BlockMap<'a> {
        let children = lines_from(text, key_line)
            .skip(1)
            .filter(Line::has_content)
            .take_while(|l| l.indent > key_indent && !l.text.starts_with("---"))
            .collect();
        BlockMap {
            key_indent,
            children,
        }
    }

    fn child_indent(&self) -> Option<usize> {
        self.children.first().map(|l| l.indent)
    }

    /// The line of `key` among the map's own keys, and the value written on that line.
    fn child(&self, key: &str) -> Option<(Line<'a>, &'a str)> {
        let indent = self.child_indent()?;
        self.children
            .iter()
            .filter(|l| l.indent == indent)
            .find_map(|l| {
                let t = l.text.trim_start();
                let rest = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                    .iter()
                    .find_map(|k| t.strip_prefix(k.as_str()))?
                    .strip_prefix(':')?;
                (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((*l, rest.trim()))
            })
    }

    /// Byte range of the map's lines, from its key line to the end of its last content line.
    fn end(&self) -> Option<usize> {
        self.children.last().map(|l| l.end)
    }
}

/// The resource's map (the value of its logical id key), when written in block style.
fn resource_map(text: &str, header: Span) -> Option<BlockMap<'_>> {
    let start = header.start as usize;
    let line = line_start(text, start);
    let key_indent = start.checked_sub(line)?;
    let after = text.get(header.end as usize..)?;
    let value = after.get(..after.find('\n').unwrap_or(after.len()))?;
    let value = value.trim_start().strip_prefix(':')?;
    if !strip_comment(value).trim().is_empty() {
        return None;
    }
    Some(BlockMap::below(text, line, key_indent))
}

fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => value.get(..i).unwrap_or(value),
        None if value.trim_start().starts_with('#') => "",
        None => value,
    }
}

/// Replaces the literal value at `span` inside the resource's map.
pub fn set(text: &str, header: Span, span: Span, value: Literal) -> Option<(Range<usize>, String)> {
    let resource = resource_map(text, header)?;
    let range = quoted_scalar(text, span.start as usize..span.end as usize)?;
    let first = resource.children.first()?.start;
    if range.start < first || range.end > resource.end()? {
        return None;
    }
    let old = text.get(range.clone())?;
    let before = text
        .get(line_start(text, range.start)..range.start)?
        .trim_end();
    if !is_literal_scalar(old, true) || !before.ends_with(':') {
        return None;
    }
    Some((range, replacement_like(old, value, true)))
}

pub(super) fn scalar(value: Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Str(s) => s.to_string(),
        // A flow sequence: one line, valid in block and flow context alike.
        Literal::List { item_key, items } => super::list(items, |item| match item_key {
            Some(key) => format!("{{{key}: {item}}}"),
            None => item.to_string(),
        }),
    }
}

/// Adds `Properties.<path>: value`, creating the maps on the way that are missing, at the end
/// of the deepest map that exists: a new line in block style, or one more entry of a flow map
/// written on one line.
///
/// `kind` is the resource type the finding is about: a resource generated from another (by SAM,
/// say) is located at its generator, whose properties are not its own.
pub fn add(
    text: &str,
    header: Span,
    kind: &str,
    path: &[&str],
    value: Literal,
) -> Option<(Range<usize>, String)> {
    let mut map = resource_map(text, header)?;
    let (_, written_kind) = map.child("Type")?;
    if strip_comment(written_kind).trim().trim_matches(['"', '\'']) != kind {
        return None;
    }
    let full: Vec<&str> = std::iter::once("Properties")
        .chain(path.iter().copied())
        .collect();
    let (last, parents) = full.split_last()?;
    let mut remaining: &[&str] = parents;
    while let Some((key, rest)) = remaining.split_first() {
        let Some((line, inline)) = map.child(key) else {
            break;
        };
        let inline = strip_comment(inline).trim();
        if inline.is_empty() {
            map = BlockMap::below(text, line.start, line.indent);
            remaining = rest;
            continue;
        }
        // A flow map on one line (`Key: {A: 1}`): one more entry before its closing brace.
        if rest.is_empty() && inline.starts_with('{') && inline.ends_with('}') {
            let inner = inline.get(1..inline.len() - 1)?;
            if inner.contains(['{', '[', '#', '"', '\''])
                || inner
                    .split(',')
                    .any(|e| e.split(':').next().is_some_and(|k| k.trim() == *last))
            {
                return None;
            }
            let close = line.start + line.text.rfind('}')?;
            let entry = format!("{last}: {}", scalar(value));
            let insert = if inner.trim().is_empty() {
                entry
            } else {
                format!(", {entry}")
            };
            let at = text.get(..close)?.trim_end().len();
            return Some((at..at, insert));
        }
        return None;
    }
    if remaining.is_empty() && map.child(last).is_some() {
        return None;
    }
    let indent = map.child_indent().unwrap_or(map.key_indent + 2);
    let step = indent
        .checked_sub(map.key_indent)
        .filter(|s| *s > 0)
        .unwrap_or(2);
    let mut lines = Vec::new();
    let mut at_indent = indent;
    for key in remaining {
        lines.push(format!("{}{key}:", " ".repeat(at_indent)));
        at_indent += step;
    }
    lines.push(format!(
        "{}{last}: {}",
        " ".repeat(at_indent),
        scalar(value)
    ));
    let end = map.end()?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some((end..end, format!("{newline}{}", lines.join(newline))))
}

/// A quoted scalar's range ends at its closing quote: the loader's span of one may run on over
/// a comment after it, which an edit must keep. Anything else after the quote is not a scalar
/// this module rewrites.
fn quoted_scalar(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let old = text.get(range.clone())?;
    let Some(quote) = old.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return Some(range);
    };
    let close = old.get(1..)?.find(quote)? + 2;
    let rest = old.get(close..)?.trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some(range.start..range.start + close)
}
