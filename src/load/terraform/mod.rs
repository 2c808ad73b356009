//! Terraform HCL: each directory is one module; its files are parsed in parallel, then declared
//! variables, locals and resources are evaluated together into one [`Model`].

mod eval;
mod functions;

use super::LoadError;
use crate::graph::{Mode, Model, Origin, Resource};
use crate::source::{FileId, SourceMap, Span};
use eval::Evaluator;
use hcl_edit::Span as _;
use hcl_edit::structure::{Block, BlockLabel, Body};
use std::collections::HashMap;

/// Bracket nesting beyond this is rejected before parsing: the HCL parser recurses per level.
const MAX_NESTING: usize = 200;

pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
}

pub fn parse_file(file: FileId, text: &str) -> Result<ParsedFile, LoadError> {
    if let Some(at) = too_deep(text) {
        return Err(LoadError::new(
            "nesting is too deep to parse safely",
            Span::new(file, at, at + 1),
        ));
    }
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(ParsedFile { file, body }),
        Err(e) => {
            let location = e.location();
            let offset = line_offset(text, location.line(), location.column());
            Err(LoadError::new(
                format!("invalid HCL: {}", e.message()),
                Span::new(file, offset, offset + 1),
            ))
        }
    }
}

/// Byte offset of a 1-based line and 1-based (character) column.
fn line_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text.get(start..).unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Offset of the first bracket nested deeper than [`MAX_NESTING`], ignoring comments poorly but
/// safely: a false alarm needs hundreds of brackets in comments.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub(crate) fn block_header_span(file: FileId, block: &Block) -> Span {
    let start = block.ident.span().map_or(0, |r| r.start);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| block.ident.span())
        .map_or(start, |r| r.end);
    Span::new(file, start, end)
}

fn label(l: &BlockLabel) -> &str {
    match l {
        BlockLabel::Ident(i) => i.as_str(),
        BlockLabel::String(s) => s.as_str(),
    }
}

/// Declarations of one module, gathered from all of its files.
pub(crate) struct Declarations<'a> {
    pub variables: Vec<(&'a str, &'a Block, FileId)>,
    pub locals: HashMap<&'a str, (&'a hcl_edit::expr::Expression, FileId)>,
    pub resources: Vec<(Mode, &'a str, &'a str, &'a Block, FileId)>,
}

fn declarations(files: &[ParsedFile]) -> Declarations<'_> {
    let mut d = Declarations {
        variables: Vec::new(),
        locals: HashMap::new(),
        resources: Vec::new(),
    };
    for f in files {
        for block in f.body.blocks() {
            let labels: Vec<&str> = block.labels.iter().map(label).collect();
            match (block.ident.as_str(), labels.as_slice()) {
                ("variable", [name]) => d.variables.push((name, block, f.file)),
                ("locals", []) => {
                    for attr in block.body.attributes() {
                        d.locals.insert(attr.key.as_str(), (&attr.value, f.file));
                    }
                }
                ("resource", [kind, name]) => {
                    d.resources.push((Mode::Managed, kind, name, block, f.file))
                }
                ("data", [kind, name]) => d.resources.push((Mode::Data, kind, name, block, f.file)),
                _ => {}
            }
        }
    }
    d
}

/// Meta-arguments and blocks that configure Terraform itself, not the resource.
fn is_meta(key: &str) -> bool {
    matches!(
        key,
        "count"
            | "for_each"
            | "depends_on"
            | "provider"
            | "lifecycle"
            | "provisioner"
            | "connection"
    )
}

/// Builds one module's model from its parsed files.
pub fn build_module(
    mut files: Vec<ParsedFile>,
    sources: &SourceMap,
) -> (Option<Model>, Vec<LoadError>) {
    files.sort_by_key(|f| f.file);
    let decls = declarations(&files);
    let evaluator = Evaluator::new(&decls, sources, "");
    let mut resources = Vec::new();
    for &(mode, kind, name, block, file) in &decls.resources {
        let base = match mode {
            Mode::Managed => format!("{kind}.{name}"),
            Mode::Data => format!("data.{kind}.{name}"),
        };
        let span = block_header_span(file, block);
        for (address, frame) in evaluator.instances(&base, block, file) {
            let attrs = evaluator.eval_body(&block.body, &frame, file, true);
            resources.push(Resource {
                address,
                kind: kind.to_string(),
                mode,
                span,
                attrs,
                module_calls: Vec::new(),
            });
        }
    }
    let errors = evaluator.into_errors();
    if resources.is_empty() && files.iter().all(|f| f.body.blocks().next().is_none()) {
        return (None, errors);
    }
    (Some(Model::new(Origin::Terraform, resources)), errors)
}

#[cfg(test)]
mod tests;
