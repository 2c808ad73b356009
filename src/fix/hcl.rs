//! Fixes in HCL (`.tf`): blocks and attributes located through hcl-edit's spans, edited as text
//! so comments, alignment and quoting elsewhere stay as written.

use super::{Literal, indentation, is_literal_scalar, line_start, quoted, replacement_like};
use crate::source::Span;
use hcl_edit::Span as _;
use hcl_edit::structure::{Block, Body, Structure};
use std::ops::Range;

/// The top-level block whose header starts where the resource's does.
fn resource_block(body: &Body, header: Span) -> Option<&Block> {
    body.iter().find_map(|s| match s {
        Structure::Block(b) if b.ident.span().map(|r| r.start) == Some(header.start as usize) => {
            Some(b)
        }
        _ => None,
    })
}

/// Replaces the literal value at `span` inside the resource's block.
pub fn set(text: &str, header: Span, span: Span, value: Literal) -> Option<(Range<usize>, String)> {
    let body = hcl_edit::parser::parse_body(text).ok()?;
    let block = resource_block(&body, header)?.span()?;
    let range = span.start as usize..span.end as usize;
    if range.start < block.start || range.end > block.end {
        return None;
    }
    let old = text.get(range.clone())?;
    // The value of an argument or an object attribute, not an element of a list or a call.
    let before = text.get(..range.start)?.trim_end();
    if !is_literal_scalar(old, false) || !(before.ends_with('=') || before.ends_with(':')) {
        return None;
    }
    Some((range, replacement_like(old, value, false)))
}

/// Replaces the literal value of the argument or attribute written at `span`, wherever it is
/// in the file (a module call, a variable's default, a tfvars line, a local): the engine found
/// it is the one place the resource's value comes from.
pub fn set_where_written(text: &str, span: Span, value: Literal) -> Option<(Range<usize>, String)> {
    let body = hcl_edit::parser::parse_body(text).ok()?;
    let range = span.start as usize..span.end as usize;
    if !is_argument_value(&body, &range, 0) {
        return None;
    }
    let old = text.get(range.clone())?;
    if !is_literal_scalar(old, false) {
        return None;
    }
    Some((range, replacement_like(old, value, false)))
}

/// Blocks nested deeper than this are not searched (bounds the work on hostile input).
const MAX_DEPTH: usize = 32;

/// Whether `range` is exactly the value of an argument of `body` or of a block in it (not an
/// element of a list, a call's argument or part of an expression).
fn is_argument_value(body: &Body, range: &Range<usize>, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && body.iter().any(|s| match s {
            Structure::Attribute(a) => a.value.span().as_ref() == Some(range),
            Structure::Block(b) => is_argument_value(&b.body, range, depth + 1),
        })
}

/// Adds `path = value`, creating the nested blocks of `path` that are missing, at the end of
/// the deepest block that exists.
pub fn add(
    text: &str,
    header: Span,
    path: &[&str],
    value: Literal,
) -> Option<(Range<usize>, String)> {
    let body = hcl_edit::parser::parse_body(text).ok()?;
    let mut block = resource_block(&body, header)?;
    let (last, parents) = path.split_last()?;
    let mut remaining = parents;
    while let Some((key, rest)) = remaining.split_first() {
        let mut nested = block.body.iter().filter(|s| match s {
            Structure::Block(b) => b.ident.as_str() == *key || b.ident.as_str() == "dynamic",
            Structure::Attribute(a) => a.key.as_str() == *key,
        });
        match (nested.next(), nested.next()) {
            (None, _) => break,
            // One nested block of that name: descend. An attribute of that name, a repeated
            // block or a dynamic block cannot take one more setting without a human deciding.
            (Some(Structure::Block(b)), None) if b.ident.as_str() == *key => {
                block = b;
                remaining = rest;
            }
            _ => return None,
        }
    }
    if remaining.is_empty()
        && block.body.iter().any(|s| match s {
            Structure::Attribute(a) => a.key.as_str() == *last,
            Structure::Block(b) => b.ident.as_str() == *last,
        })
    {
        return None;
    }
    let span = block.span()?;
    let close = span.end.checked_sub(1)?;
    if text.get(close..span.end)? != "}" {
        return None;
    }
    let close_line = line_start(text, close);
    let close_indent = indentation(text.get(close_line..)?).to_string();
    let member_indent = block
        .body
        .iter()
        .find_map(|s| s.span())
        .and_then(|r| text.get(line_start(text, r.start)..))
        .map(|line| indentation(line).to_string())
        .filter(|i| i.len() > close_indent.len())
        .unwrap_or_else(|| format!("{close_indent}  "));
    let step = member_indent
        .get(close_indent.len()..)
        .unwrap_or("  ")
        .to_string();
    let mut lines = Vec::new();
    let mut indent = member_indent.clone();
    for key in remaining {
        lines.push(format!("{indent}{key} {{"));
        indent.push_str(&step);
    }
    lines.push(format!("{indent}{last} = {}", quoted(value)));
    for _ in remaining {
        indent.truncate(indent.len().saturating_sub(step.len()));
        lines.push(format!("{indent}}}"));
    }
    let inserted = lines.join("\n");
    // An argument goes after the block's last argument, before its nested blocks, aligned
    // as `terraform fmt` aligns consecutive arguments.
    if remaining.is_empty()
        && let Some(previous) = block
            .body
            .iter()
            .filter_map(|s| match s {
                Structure::Attribute(a) => a.span(),
                Structure::Block(_) => None,
            })
            .last()
    {
        let line = line_start(text, previous.start);
        let line_text = text.get(line..)?;
        let line_text = line_text.get(..line_text.find('\n').unwrap_or(line_text.len()))?;
        // After the last line of the argument (its value may span lines), comment included.
        let last_line = text.get(line_start(text, previous.end.saturating_sub(1))..)?;
        let end_line_start = line_start(text, previous.end.saturating_sub(1));
        let at = end_line_start
            + last_line
                .get(..last_line.find('\n').unwrap_or(last_line.len()))?
                .trim_end_matches('\r')
                .len();
        let key_width = line_text
            .find('=')
            .and_then(|eq| line_text.get(..eq))
            .map_or(0, |k| k.trim_start().len());
        let key = if last.len() < key_width {
            format!("{last:<key_width$}")
        } else {
            format!("{last} ")
        };
        let indent = indentation(line_text);
        return Some((at..at, format!("\n{indent}{key}= {}", quoted(value))));
    }
    let brace_alone = text.get(close_line..close)?.trim().is_empty();
    if brace_alone {
        Some((close_line..close_line, format!("{inserted}\n")))
    } else {
        Some((close..close, format!("\n{inserted}\n{close_indent}")))
    }
}
