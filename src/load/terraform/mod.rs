//! Terraform HCL: each directory is one module; its files are parsed in parallel, then declared
//! variables, locals and resources are evaluated together into one [`Model`].

mod eval;
mod functions;
mod json_syntax;
mod json_template;
pub mod modules;
mod object_size;
mod providers;

use super::LoadError;
use crate::graph::{Mode, Model, Node, Origin};
use crate::source::{FileId, SourceMap, Span};
use hcl_edit::Decorate as _;
use hcl_edit::Ident;
use hcl_edit::Span as _;
use hcl_edit::expr::Traversal;
use hcl_edit::structure::{Block, BlockLabel, Body};
use hcl_edit::visit_mut::{self, VisitMut};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

/// Bracket nesting beyond this is rejected before parsing: the HCL parser recurses per level.
const MAX_NESTING: usize = 200;

pub struct ParsedFile {
    pub file: FileId,
    pub body: Body,
    /// An override file (`override.tf`, `*_override.tf`, and their JSON and OpenTofu forms),
    /// whose blocks Terraform merges into the blocks of the same name: set once the module's
    /// files are known, by [`order_override_files`].
    pub is_override: bool,
}

/// A `.tfvars` (HCL) or `.tfvars.json` file; its values are evaluated when a root uses them.
pub struct TfvarsFile {
    pub file: FileId,
    pub content: TfvarsContent,
}

pub enum TfvarsContent {
    Hcl(Body),
    Json(Node),
}

pub fn parse_tfvars(file: FileId, text: &str, json: bool) -> Result<TfvarsFile, LoadError> {
    let content = if json {
        TfvarsContent::Json(crate::graph::parse::json::parse(text, file)?)
    } else {
        TfvarsContent::Hcl(parse_file(file, text)?.body)
    };
    Ok(TfvarsFile { file, content })
}

pub fn parse_file(file: FileId, text: &str) -> Result<ParsedFile, LoadError> {
    if let Some(at) = too_deep(text) {
        return Err(LoadError::new(
            "nesting is too deep to parse safely",
            Span::new(file, at, at + 1),
        ));
    }
    let scan = object_size::pre_scan(text).map_err(|too_costly| {
        let (message, open) = too_costly_message(too_costly);
        LoadError::new(
            format!("{message}; this file is not linted"),
            Span::new(file, open, open + 1),
        )
    })?;
    // Terraform keeps the last of repeated keys in an object constructor; hcl-edit refuses
    // them. Every repeated key the scan found is renamed (same length, so every span stays
    // true) before the one parse; the evaluator reads the key's name from the file. A repeat
    // that cannot be renamed is left for hcl-edit to report.
    let renamed = rename_keys(text, &scan.repeated_keys);
    let input = renamed.as_deref().unwrap_or(text);
    match hcl_edit::parser::parse_body(input) {
        Ok(body) => Ok(ParsedFile {
            file,
            body: compact(body),
            is_override: false,
        }),
        Err(e) => {
            let location = e.location();
            let offset = line_offset(input, location.line(), location.column());
            // The whole character at the error, never half of one (found by fuzzing): hcl-edit
            // can place an error inside a character.
            let mut offset = offset.min(input.len());
            while !input.is_char_boundary(offset) {
                offset -= 1;
            }
            let end = input
                .get(offset..)
                .and_then(|rest| rest.chars().next())
                .map_or(offset + 1, |c| offset + c.len_utf8());
            Err(LoadError::new(
                format!("invalid HCL: {}", e.message()),
                Span::new(file, offset, end),
            ))
        }
    }
}

/// Why hcl-edit is not given a text other than a whole file (an expression, a template): its
/// nesting or its objects' cost, as a message and the offset of the bracket it is about. Every
/// parse goes through this check, as `parse_file` does its own.
pub(super) fn too_costly_to_parse(text: &str, template: bool) -> Option<(String, usize)> {
    if let Some(at) = too_deep(text) {
        return Some(("nesting is too deep to parse safely".to_string(), at));
    }
    let scan = if template {
        object_size::pre_scan_template(text)
    } else {
        object_size::pre_scan(text)
    };
    scan.err().map(too_costly_message)
}

/// What the pre-scan refused, and where the object's `{` is.
fn too_costly_message(too_costly: object_size::TooCostly) -> (String, usize) {
    match too_costly {
        object_size::TooCostly::Object { open } => (
            format!(
                "an object literal of more than {} items is not parsed (zt-lint's cap: the HCL \
                 parser's cost grows with the square of an object's size)",
                object_size::MAX_OBJECT_ITEMS
            ),
            open,
        ),
        object_size::TooCostly::File { open } => (
            format!(
                "this object takes the object literals of one text over zt-lint's parsing \
                 budget (the sum of each object's items squared may be at most {}, two objects \
                 of {} items: the HCL parser's cost grows with the square of an object's size)",
                object_size::MAX_FILE_OBJECT_COST,
                object_size::MAX_OBJECT_ITEMS
            ),
            open,
        ),
    }
}

/// The parsed tree with no spare room in its vectors. hcl-edit grows a body's structures, a
/// block's labels and a traversal's operators by doubling as it parses, and every tree of a
/// module stays alive until the whole module is evaluated: with 100,000 resources in one
/// module the trees are most of the peak memory. Spans, decor and order are kept; the nesting
/// the visitor recurses through was bounded by `too_deep` before parsing.
fn compact(mut body: Body) -> Body {
    Compact.visit_body_mut(&mut body);
    body
}

struct Compact;

impl VisitMut for Compact {
    fn visit_body_mut(&mut self, body: &mut Body) {
        let parsed = std::mem::take(body);
        let mut exact = Body::with_capacity(parsed.len());
        *exact.decor_mut() = parsed.decor().clone();
        exact.set_prefer_oneline(parsed.prefer_oneline());
        exact.set_prefer_omit_trailing_newline(parsed.prefer_omit_trailing_newline());
        // `push` (and `extend`) look through the body for an attribute of the same name before
        // adding one, which made this quadratic in a body's attributes: 100,000 of them (a
        // generated `.tfvars`, a large `locals`) took minutes. A block is pushed unchecked, so
        // each slot is taken by an empty placeholder block, then given its structure. The
        // parser refuses a repeated attribute, so nothing needs the check.
        let placeholder = Block::new(Ident::new_unchecked(""));
        for _ in 0..parsed.len() {
            exact.push(placeholder.clone());
        }
        for (i, structure) in parsed.into_iter().enumerate() {
            if let Some(slot) = exact.get_mut(i) {
                *slot = structure;
            }
        }
        *body = exact;
        visit_mut::visit_body_mut(self, body);
    }

    fn visit_block_mut(&mut self, block: &mut Block) {
        block.labels.shrink_to_fit();
        visit_mut::visit_block_mut(self, block);
    }

    fn visit_traversal_mut(&mut self, traversal: &mut Traversal) {
        traversal.operators.shrink_to_fit();
        visit_mut::visit_traversal_mut(self, traversal);
    }
}

/// `text` with each range of `keys` (object key names, in order) replaced by a placeholder of
/// the same byte length, unique in the file; `None` when there is nothing to rename. A key too
/// short for its placeholder is left as written.
fn rename_keys(text: &str, keys: &[std::ops::Range<usize>]) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (n, key) in keys.iter().enumerate() {
        let mut placeholder = format!("_{n}");
        if key.len() < placeholder.len() || key.start < copied {
            continue;
        }
        let (Some(before), Some(_)) = (text.get(copied..key.start), text.get(key.clone())) else {
            continue;
        };
        while placeholder.len() < key.len() {
            placeholder.push('_');
        }
        out.push_str(before);
        out.push_str(&placeholder);
        copied = key.end;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

/// Parses a `*.tf.json` file (Terraform's JSON syntax) into the same blocks as a `.tf` file.
pub fn parse_json_file(file: FileId, text: &str) -> Result<ParsedFile, LoadError> {
    json_syntax::parse_file(file, text)
}

/// Parses a Terraform module file by its name: `*.tf.json` is JSON syntax, anything else native.
pub fn parse_module_file(
    file: FileId,
    path: &std::path::Path,
    text: &str,
) -> Result<ParsedFile, LoadError> {
    if is_json_syntax(path) {
        parse_json_file(file, text)
    } else {
        parse_file(file, text)
    }
}

/// `*.tf.json`, and OpenTofu's `*.tofu.json`: Terraform's JSON syntax.
pub fn is_json_syntax(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|n| n.ends_with(".tf.json") || n.ends_with(".tofu.json"))
}

/// Terraform's override files: `override.tf` and any `*_override.tf`, in either syntax, and
/// OpenTofu's `.tofu` forms of them.
pub fn is_override_file(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = [".tf.json", ".tofu.json", ".tf", ".tofu"]
        .into_iter()
        .find_map(|ext| name.strip_suffix(ext));
    stem.is_some_and(|stem| stem == "override" || stem.ends_with("_override"))
}

/// Marks each module's override files and puts them after its other files, in name order, as
/// Terraform reads them: their blocks replace or change what the others declare.
pub fn order_override_files(dirs: &mut BTreeMap<PathBuf, Vec<ParsedFile>>, sources: &SourceMap) {
    for files in dirs.values_mut() {
        for f in files.iter_mut() {
            f.is_override = is_override_file(sources.path(f.file));
        }
        files.sort_by(|a, b| {
            (a.is_override, sources.path(a.file)).cmp(&(b.is_override, sources.path(b.file)))
        });
    }
}

/// A file of a module in either syntax: `.tf`, `.tofu`, `.tf.json` or `.tofu.json`.
pub fn is_configuration_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tf") || e.eq_ignore_ascii_case("tofu"))
        || is_json_syntax(path)
}

/// OpenTofu reads `foo.tofu` instead of `foo.tf` beside it, and `foo.tofu.json` instead of
/// `foo.tf.json`, so that one module can hold what each tool reads: the `.tf` file is not part
/// of the module then.
pub fn is_shadowed_by_tofu(path: &std::path::Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let tofu = if let Some(stem) = name.strip_suffix(".tf.json") {
        format!("{stem}.tofu.json")
    } else if let Some(stem) = name.strip_suffix(".tf") {
        format!("{stem}.tofu")
    } else {
        return false;
    };
    path.with_file_name(tofu).is_file()
}

/// OpenTofu's own files (`.tofu`, `.tofu.json`), which Terraform never reads.
pub fn is_tofu_file(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".tofu") || n.ends_with(".tofu.json"))
}

/// The not-linted entry of a `.tf` file that a `.tofu` namesake replaces: zt-lint reads a module
/// as OpenTofu does, but the same directory deployed with Terraform holds this file instead.
pub fn shadowed_by_tofu_model(file: FileId, naming: &'static crate::graph::NamingCatalog) -> Model {
    let mut model = Model::with_naming(Origin::Terraform, Vec::new(), naming);
    model.not_linted.push(crate::graph::NotLinted {
        span: Span::new(file, 0, 0),
        reason: "OpenTofu reads the .tofu file of the same name in place of this one, and so \
                 did zt-lint: what Terraform would deploy from this file is not linted (name \
                 the file to lint it)"
            .to_string(),
    });
    model
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
    // A block read from JSON syntax has no keyword of its own (one `"resource"` property holds
    // many blocks): it starts at its last label, its name.
    let start = block
        .ident
        .span()
        .or_else(|| block.labels.last().and_then(|l| l.span()))
        .map_or(0, |r| r.start);
    let end = block
        .labels
        .last()
        .and_then(|l| l.span())
        .or_else(|| block.ident.span())
        .map_or(start, |r| r.end);
    Span::new(file, start, end)
}

/// Where a block is written: a JSON-syntax block, which hcl-edit did not parse as a whole, is
/// located by its name, or its type when it has no labels.
pub(crate) fn block_span(block: &Block) -> Option<std::ops::Range<usize>> {
    block
        .span()
        .or_else(|| block.labels.last().and_then(|l| l.span()))
        .or_else(|| block.ident.span())
}

fn label(l: &BlockLabel) -> &str {
    match l {
        BlockLabel::Ident(i) => i.as_str(),
        BlockLabel::String(s) => s.as_str(),
    }
}

/// Declarations of one module, gathered from all of its files (the evaluator's input).
pub struct Declarations<'a> {
    pub variables: Vec<Merged<'a>>,
    pub locals: HashMap<&'a str, (&'a hcl_edit::expr::Expression, FileId)>,
    pub resources: Vec<(Mode, &'a str, &'a str, &'a Block, FileId)>,
    pub modules: Vec<(&'a str, &'a Block, FileId)>,
    pub outputs: Vec<Merged<'a>>,
    /// The override blocks of each resource, data source and provider configuration, by
    /// [`OverrideKey`], in reading order: merged into the original when it is evaluated.
    pub overrides: HashMap<OverrideKey<'a>, Vec<(&'a Block, FileId)>>,
    /// Blocks of override files that zt-lint does not merge, located, with what is not linted.
    pub not_merged: Vec<(Span, String)>,
    /// What Terraform rejects in the module's declarations (a variable declared twice outside
    /// override files).
    pub errors: Vec<LoadError>,
}

/// A block that override files merge into: its block type, its type label (or provider name),
/// and its name (or provider alias, empty for the default configuration).
pub type OverrideKey<'a> = (&'static str, &'a str, &'a str);

/// The [`OverrideKey`] of a resource, data source or provider configuration as declared.
pub fn override_key<'a>(mode: Mode, kind: &'a str, name: &'a str) -> OverrideKey<'a> {
    let ident = match mode {
        Mode::Managed => "resource",
        Mode::Data => "data",
        Mode::Provider => "provider",
    };
    (ident, kind, name)
}

/// A variable or an output as Terraform reads it after its override files: the original block
/// and the override blocks that change it, in reading order. Terraform merges these argument by
/// argument ("Override Files"): each argument comes from the last block that sets it, the others
/// are kept, so an override that adds a `description` keeps the original `default`.
pub struct Merged<'a> {
    pub name: &'a str,
    parts: Vec<(&'a Block, FileId)>,
}

impl<'a> Merged<'a> {
    /// The argument `key` as the merge leaves it, with the file it is written in.
    pub fn attribute(&self, key: &str) -> Option<(&'a hcl_edit::structure::Attribute, FileId)> {
        self.parts
            .iter()
            .rev()
            .find_map(|&(block, file)| block.body.get_attribute(key).map(|a| (a, file)))
    }

    /// The header of the block first declared: where a missing argument is reported.
    pub fn header(&self) -> Span {
        self.parts
            .first()
            .map(|&(block, file)| block_header_span(file, block))
            .unwrap_or_default()
    }
}

/// Adds one block to the merged declaration of its name (found through `index`), or starts one.
fn merge_into<'a>(
    merged: &mut Vec<Merged<'a>>,
    index: &mut HashMap<&'a str, usize>,
    (name, block, file): (&'a str, &'a Block, FileId),
) {
    match index.get(name).and_then(|&i| merged.get_mut(i)) {
        Some(m) => m.parts.push((block, file)),
        None => {
            index.insert(name, merged.len());
            merged.push(Merged {
                name,
                parts: vec![(block, file)],
            });
        }
    }
}

pub fn declarations(files: &[ParsedFile]) -> Declarations<'_> {
    let mut d = Declarations {
        variables: Vec::new(),
        locals: HashMap::new(),
        resources: Vec::new(),
        modules: Vec::new(),
        outputs: Vec::new(),
        overrides: HashMap::new(),
        not_merged: Vec::new(),
        errors: Vec::new(),
    };
    let overridden = split_overrides(files, &mut d.overrides, &mut d.not_merged);
    let (mut variable_index, mut output_index) = (HashMap::new(), HashMap::new());
    let mut primary_variables = HashSet::new();
    for f in files {
        for block in f.body.blocks() {
            let labels: Vec<&str> = block.labels.iter().map(label).collect();
            // An override block is merged into its original when that is evaluated; both
            // halves of one zt-lint does not merge are left out, and said so.
            if is_merged_by_block(block.ident.as_str())
                && (f.is_override || overridden.contains(&(block.ident.as_str(), labels.clone())))
            {
                continue;
            }
            if let Some((mode, kind, name)) = resource_header(block) {
                d.resources.push((mode, kind, name, block, f.file));
                continue;
            }
            match (block.ident.as_str(), labels.as_slice()) {
                // Terraform rejects a variable declared twice outside override files
                // ("Duplicate variable declaration"); the first is the one read.
                ("variable", [name]) if !f.is_override && primary_variables.contains(name) => {
                    d.errors.push(LoadError::new(
                        format!(
                            "variable \"{name}\" is declared twice in this module (outside \
                             override files), which Terraform rejects; the first declaration \
                             is read"
                        ),
                        block_header_span(f.file, block),
                    ));
                }
                ("variable", [name]) => {
                    if !f.is_override {
                        primary_variables.insert(*name);
                    }
                    merge_into(&mut d.variables, &mut variable_index, (name, block, f.file))
                }
                ("locals", []) => {
                    for attr in block.body.attributes() {
                        d.locals.insert(attr.key.as_str(), (&attr.value, f.file));
                    }
                }
                // A provider is addressed by its alias, when it has one written as text.
                ("provider", [kind]) => {
                    let alias = block
                        .body
                        .get_attribute("alias")
                        .and_then(|a| a.value.as_str())
                        .unwrap_or_default();
                    d.resources
                        .push((Mode::Provider, kind, alias, block, f.file))
                }
                ("module", [name]) => d.modules.push((name, block, f.file)),
                ("output", [name]) => {
                    merge_into(&mut d.outputs, &mut output_index, (name, block, f.file))
                }
                _ => {}
            }
        }
    }
    d
}

/// A `resource` or `data` block's mode, type and name.
fn resource_header(block: &Block) -> Option<(Mode, &str, &str)> {
    let mode = match block.ident.as_str() {
        "resource" => Mode::Managed,
        "data" => Mode::Data,
        _ => return None,
    };
    match block.labels.as_slice() {
        [kind, name] => Some((mode, label(kind), label(name))),
        _ => None,
    }
}

/// Takes the bodies of the resource and data blocks out of `files`, in the order
/// [`declarations`] lists those blocks, for a module evaluated once
/// ([`eval::Evaluator::resources_of`]). `count`, `for_each` and `lifecycle` stay in the block: a
/// reference to the resource reads them, also after its body is gone. The evaluation skips them in the
/// body, so taking them out changes no value.
pub fn detach_resource_bodies(files: &mut [ParsedFile]) -> Vec<Body> {
    // The blocks `declarations` leaves out (overrides, and the blocks of overrides not merged)
    // keep their bodies, so the others line up.
    let left_out: HashSet<(String, Vec<String>)> =
        split_overrides(files, &mut HashMap::new(), &mut Vec::new())
            .into_iter()
            .map(|(ident, labels)| {
                (
                    ident.to_string(),
                    labels.into_iter().map(str::to_string).collect(),
                )
            })
            .collect();
    let mut bodies = Vec::new();
    for f in files.iter_mut().filter(|f| !f.is_override) {
        for block in f.body.blocks_mut() {
            if resource_header(block).is_none() {
                continue;
            }
            let labels: Vec<String> = block.labels.iter().map(|l| label(l).to_string()).collect();
            if left_out.contains(&(block.ident.to_string(), labels)) {
                continue;
            }
            let mut body = std::mem::take(&mut block.body);
            for meta in ["count", "for_each"] {
                if let Some(attr) = body.remove_attribute(meta) {
                    block.body.push(attr);
                }
            }
            // OpenTofu's `lifecycle.enabled` decides the instances as `count` does.
            for lifecycle in body.remove_blocks("lifecycle") {
                block.body.push(lifecycle);
            }
            bodies.push(body);
        }
    }
    bodies
}

/// Blocks Terraform merges argument by argument and nested block by nested block. Any other
/// block of an override file (a variable, an output, a local) is merged where it is declared,
/// as the override files come last; a `terraform` block (a backend override, typically) holds
/// nothing zt-lint reads.
fn is_merged_by_block(ident: &str) -> bool {
    matches!(ident, "resource" | "data" | "module" | "provider")
}

/// The identity of a block that override files merge into, as [`OverrideKey`] names it: a
/// provider configuration is known by its name and alias.
fn merge_identity<'a>(block: &'a Block) -> Option<OverrideKey<'a>> {
    let labels: Vec<&str> = block.labels.iter().map(label).collect();
    match (block.ident.as_str(), labels.as_slice()) {
        ("resource", [kind, name]) => Some(("resource", kind, name)),
        ("data", [kind, name]) => Some(("data", kind, name)),
        ("provider", [name]) => {
            let alias = block
                .body
                .get_attribute("alias")
                .and_then(|a| a.value.as_str())
                .unwrap_or_default();
            Some(("provider", name, alias))
        }
        _ => None,
    }
}

/// An override zt-lint merges: arguments and nested blocks, which replace the original's
/// (evaluated in the override's file, so each keeps its location). One that changes how many
/// instances there are (`count`, `for_each`, OpenTofu's `lifecycle.enabled`) is not merged.
fn is_mergeable_override(block: &Block) -> bool {
    let changes_instances = block.body.get_attribute("count").is_some()
        || block.body.get_attribute("for_each").is_some()
        || block
            .body
            .blocks()
            .filter(|b| b.ident.as_str() == "lifecycle")
            .any(|b| b.body.get_attribute("enabled").is_some());
    !changes_instances
}

/// Sorts the blocks of override files that change resources, data sources, providers and module
/// calls: those zt-lint merges go to `overrides`; for the others, the block changed and the
/// override both stay out of the model, each override said not linted (their identities are
/// returned).
fn split_overrides<'a>(
    files: &'a [ParsedFile],
    overrides: &mut HashMap<OverrideKey<'a>, Vec<(&'a Block, FileId)>>,
    not_merged: &mut Vec<(Span, String)>,
) -> HashSet<(&'a str, Vec<&'a str>)> {
    let originals: HashSet<OverrideKey<'a>> = files
        .iter()
        .filter(|f| !f.is_override)
        .flat_map(|f| f.body.blocks())
        .filter_map(merge_identity)
        .collect();
    let mut overridden = HashSet::new();
    for f in files.iter().filter(|f| f.is_override) {
        for block in f.body.blocks() {
            let ident = block.ident.as_str();
            if !is_merged_by_block(ident) {
                continue;
            }
            if let Some(key) = merge_identity(block)
                && originals.contains(&key)
                && is_mergeable_override(block)
            {
                overrides.entry(key).or_default().push((block, f.file));
                continue;
            }
            let labels: Vec<&str> = block.labels.iter().map(label).collect();
            let named = match (ident, labels.as_slice()) {
                ("resource", [kind, name]) => format!("{kind}.{name}"),
                ("data", [kind, name]) => format!("data.{kind}.{name}"),
                ("module", [name]) => format!("module.{name}"),
                ("provider", [name]) => format!("provider {name}"),
                _ => format!("this {ident} block"),
            };
            not_merged.push((
                block_header_span(f.file, block),
                format!(
                    "{named} is changed by an override file in a way zt-lint does not merge \
                     (a module call, its instances, or nothing to override): neither is linted \
                     (merge the override into it)"
                ),
            ));
            overridden.insert((ident, labels));
        }
    }
    overridden
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

/// Builds one model per root module, with the root's directory. Module directories the walk did not reach are loaded
/// here (their files join `sources`), and each root is evaluated with its whole module tree.
pub fn load_project(
    dirs: BTreeMap<PathBuf, Vec<ParsedFile>>,
    tfvars: BTreeMap<PathBuf, Vec<TfvarsFile>>,
    sources: &mut SourceMap,
    options: &super::LoadOptions,
) -> (Vec<(PathBuf, Model)>, Vec<LoadError>) {
    let mut errors = Vec::new();
    let walked: BTreeSet<PathBuf> = dirs.keys().cloned().collect();
    let cli = modules::cli_variables(&options.variables, sources, &mut errors);
    let mut project = modules::Project::new(dirs, tfvars, cli, options.env_variables.clone());
    errors.extend(modules::discover(&mut project, sources));
    order_override_files(&mut project.dirs, sources);
    let roots = modules::roots(&project, &walked);
    // A root that no module calls is read by its own evaluation alone: its files are handed to
    // it, so that each resource's syntax tree is freed once the resource is evaluated instead
    // of every tree of the module living beside the whole evaluated model.
    let called = modules::called(&project);
    let owned: Vec<Option<Vec<ParsedFile>>> = roots
        .iter()
        .map(|dir| {
            if called.contains(dir) {
                None
            } else {
                project.dirs.remove(dir)
            }
        })
        .collect();
    let sources: &SourceMap = sources;
    let built: Vec<(modules::BuiltRoot, bool)> = roots
        .par_iter()
        .zip(owned)
        .map(|(dir, owned)| {
            let has_blocks = owned
                .as_ref()
                .or_else(|| project.dirs.get(dir))
                .is_some_and(|files| files.iter().any(|f| f.body.blocks().next().is_some()));
            (
                modules::build_root(&project, sources, dir, owned),
                has_blocks,
            )
        })
        .collect();
    // The syntax trees are done with: gone before the models build their indexes. Freeing
    // millions of nodes is work of its own, shared out like the parsing was.
    project.dirs.into_par_iter().for_each(drop);
    let indexed: Vec<(Vec<LoadError>, Option<Model>)> = built
        .into_par_iter()
        .map(|(root, has_blocks)| {
            let model = (!root.resources.is_empty() || has_blocks).then(|| {
                let mut model =
                    Model::with_naming(Origin::Terraform, root.resources, options.naming);
                model.module_inputs = root.module_inputs;
                model.value_origins = root.value_origins;
                model.not_linted = root.not_linted;
                model.provider_links = root.provider_links;
                model
            });
            (root.errors, model)
        })
        .collect();
    let mut models = Vec::new();
    for (dir, (root_errors, model)) in roots.iter().zip(indexed) {
        errors.extend(root_errors);
        if let Some(model) = model {
            models.push((dir.clone(), model));
        }
    }
    (models, errors)
}

#[cfg(test)]
mod tests;
