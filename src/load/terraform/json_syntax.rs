//! Terraform's JSON syntax (`*.tf.json`, CDKTF's `cdk.tf.json`): its blocks become the same
//! hcl-edit structures a `.tf` file parses to, so one evaluator reads both and a module may mix them.
//!
//! hcl-edit sets spans only on what it parses, so every expression is parsed by hcl-edit from a
//! *shadow* of the file: a text of the same length, blank except for each JSON value read as an
//! expression, written at its own byte offset, and the commas and brackets that make them one
//! tuple. The spans of the parsed expressions are then offsets in the JSON file. Property names
//! that are arguments or labels are written into the shadow the same way, as identifiers and
//! strings. The mapping follows HCL's JSON specification: a string in expression context is a
//! template, `"//"` in a block body is a comment, a block is an object or an array of objects
//! under one object level per label.

use super::{ParsedFile, json_template};
use crate::graph::parse::json;
use crate::graph::{Node, Value};
use crate::load::LoadError;
use crate::source::{FileId, Span};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body};
use hcl_edit::{Decorated, Ident};

/// What a block's body holds: which properties are arguments, nested blocks, or Terraform's own
/// settings that are not expressions.
#[derive(Clone, Copy, PartialEq)]
enum BodyKind {
    Resource,
    Dynamic,
    Variable,
    Module,
    Output,
    Locals,
    /// A resource's or module call's `lifecycle`: only OpenTofu's `enabled` is read.
    Lifecycle,
}

/// Top-level block types the evaluator reads, with their number of labels. Others (`terraform`,
/// `moved`, `import`, ...) are accepted and not read, as in a `.tf` file.
const BLOCK_TYPES: &[(&str, usize, BodyKind)] = &[
    ("resource", 2, BodyKind::Resource),
    ("data", 2, BodyKind::Resource),
    ("provider", 1, BodyKind::Resource),
    ("module", 1, BodyKind::Module),
    ("variable", 1, BodyKind::Variable),
    ("output", 1, BodyKind::Output),
    ("locals", 0, BodyKind::Locals),
];

/// How a piece of the file is written into the shadow.
enum SlotKind<'n> {
    /// A JSON value in expression context: strings are templates, objects and arrays are object
    /// and tuple constructors.
    Expression(&'n Node),
    /// A JSON value Terraform reads without evaluation (a variable's `default`): strings are
    /// literal text.
    Literal(&'n Node),
    /// A string whose content is an expression (a variable's `type`, a `dynamic` `iterator`).
    ExpressionString(&'n str),
    /// A property name that is a block label: a literal string.
    Label,
    /// A property name that is an argument or block type: an identifier.
    Identifier(&'n str),
}

struct Slot<'n> {
    kind: SlotKind<'n>,
    /// The bytes of the file this slot may use: the value or the quoted property name.
    start: usize,
    end: usize,
}

/// A block type being read: its keyword, where the keyword is written (for nested blocks), and
/// what its body holds.
struct BlockType {
    ident: Ident,
    slot: Option<usize>,
    kind: BodyKind,
}

/// A block as read from the JSON, naming the slots its keyword, labels and values are parsed
/// from; built into an hcl-edit block once the shadow is parsed.
struct SkelBlock {
    ident: Ident,
    ident_slot: Option<usize>,
    labels: Vec<(String, Option<usize>)>,
    body: Vec<SkelItem>,
}

enum SkelItem {
    Attribute {
        key: Ident,
        key_slot: Option<usize>,
        value: usize,
    },
    Block(SkelBlock),
}

struct Reader<'n> {
    file: FileId,
    text: &'n str,
    slots: Vec<Slot<'n>>,
}

/// Parses a `*.tf.json` file into the blocks the evaluator reads.
pub fn parse_file(file: FileId, text: &str) -> Result<ParsedFile, LoadError> {
    let root = json::parse_keeping_duplicates(text, file)?;
    let Some(map) = root.as_map() else {
        return Err(LoadError::new(
            "a Terraform JSON file must hold one JSON object",
            root.span,
        ));
    };
    let mut reader = Reader {
        file,
        text,
        slots: Vec::new(),
    };
    let mut blocks = Vec::new();
    for entry in &map.entries {
        let Some(&(keyword, labels, kind)) =
            BLOCK_TYPES.iter().find(|(name, _, _)| *name == entry.key)
        else {
            continue;
        };
        // The keyword is written once for many blocks, so it gets no span: a block is located
        // by its labels (see `block_header_span`).
        let block_type = BlockType {
            ident: Ident::new_unchecked(keyword),
            slot: None,
            kind,
        };
        reader.blocks(&block_type, &entry.value, labels, &[], &mut blocks)?;
    }
    let mut expressions = reader.parse_shadow(&root)?;
    let mut body = Body::new();
    for block in blocks {
        body.push(build_block(block, &mut expressions));
    }
    Ok(ParsedFile {
        file,
        body,
        is_override: false,
    })
}

impl<'n> Reader<'n> {
    fn error(&self, message: impl Into<String>, node: &Node) -> LoadError {
        LoadError::new(message, node.span)
    }

    fn slot(&mut self, kind: SlotKind<'n>, span: Span) -> usize {
        self.slots.push(Slot {
            kind,
            start: span.start as usize,
            end: span.end as usize,
        });
        self.slots.len() - 1
    }

    fn raw(&self, span: Span) -> &'n str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    /// The properties of an object, or of each object of an array (HCL's JSON syntax allows both
    /// where a body or a level of labels is expected); `null` has none.
    fn properties(
        &self,
        node: &'n Node,
        what: &str,
    ) -> Result<Vec<&'n crate::graph::Entry>, LoadError> {
        match &node.value {
            Value::Null => Ok(Vec::new()),
            Value::Map(map) => Ok(map.entries.iter().collect()),
            Value::List(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.as_map() {
                        Some(map) => out.extend(map.entries.iter()),
                        None => {
                            return Err(
                                self.error(format!("a JSON object is required here, {what}"), item)
                            );
                        }
                    }
                }
                Ok(out)
            }
            _ => Err(self.error(
                format!("a JSON object or an array of objects is required here, {what}"),
                node,
            )),
        }
    }

    /// The blocks of one type: one object level per remaining label, then an object (one block)
    /// or an array of objects (several blocks with the same labels).
    fn blocks(
        &mut self,
        block_type: &BlockType,
        node: &'n Node,
        labels_left: usize,
        labels: &[(String, Option<usize>)],
        out: &mut Vec<SkelBlock>,
    ) -> Result<(), LoadError> {
        let ident = &block_type.ident;
        if labels_left > 0 {
            let what = format!("naming the labels of `{ident}` blocks");
            for entry in self.properties(node, &what)? {
                // A label is a literal: one that would read as a template is not written.
                let slot =
                    (!is_template(&entry.key)).then(|| self.slot(SlotKind::Label, entry.key_span));
                let mut inner = labels.to_vec();
                inner.push((entry.key.to_string(), slot));
                self.blocks(block_type, &entry.value, labels_left - 1, &inner, out)?;
            }
            return Ok(());
        }
        let bodies: Vec<&'n Node> = match &node.value {
            Value::Null => Vec::new(),
            Value::Map(_) => vec![node],
            Value::List(items) => items.iter().collect(),
            _ => {
                return Err(self.error(
                    format!("a JSON object or an array of objects is required here, the body of a `{ident}` block"),
                    node,
                ));
            }
        };
        for body in bodies {
            let items = self.body(body, block_type.kind)?;
            out.push(SkelBlock {
                ident: ident.clone(),
                ident_slot: block_type.slot,
                labels: labels.to_vec(),
                body: items,
            });
        }
        Ok(())
    }

    fn body(&mut self, node: &'n Node, kind: BodyKind) -> Result<Vec<SkelItem>, LoadError> {
        let mut items = Vec::new();
        for entry in self.properties(node, "the body of a block")? {
            let key = entry.key.as_str();
            if key == "//" {
                continue;
            }
            let nested = match (kind, key) {
                (BodyKind::Resource, "dynamic") => Some(("dynamic", 1, BodyKind::Dynamic)),
                (BodyKind::Dynamic, "content") => Some(("content", 0, BodyKind::Resource)),
                (BodyKind::Resource | BodyKind::Module, "lifecycle") => {
                    Some(("lifecycle", 0, BodyKind::Lifecycle))
                }
                _ => None,
            };
            if let Some((name, labels, inner)) = nested {
                let block_type = BlockType {
                    ident: Ident::new_unchecked(name),
                    slot: Some(self.slot(SlotKind::Identifier(name), entry.key_span)),
                    kind: inner,
                };
                let mut blocks = Vec::new();
                self.blocks(&block_type, &entry.value, labels, &[], &mut blocks)?;
                items.extend(blocks.into_iter().map(SkelItem::Block));
                continue;
            }
            // Terraform's own settings hold references and names written as strings, not
            // templates; the evaluator does not read them. Provider references are kept: which
            // configuration a resource uses is read from them.
            let skipped = match kind {
                BodyKind::Resource => matches!(
                    key,
                    "lifecycle" | "provisioner" | "connection" | "depends_on"
                ),
                BodyKind::Module => key == "depends_on",
                BodyKind::Output => matches!(key, "depends_on" | "precondition"),
                BodyKind::Variable => key == "validation",
                // The rest of `lifecycle` holds bare references (`ignore_changes`).
                BodyKind::Lifecycle => key != "enabled",
                BodyKind::Dynamic | BodyKind::Locals => false,
            };
            if skipped {
                continue;
            }
            let Ok(ident) = Ident::try_new(key) else {
                return Err(LoadError::new(
                    format!("`{key}` is not a valid argument name"),
                    entry.key_span,
                ));
            };
            let key_slot = (self.raw(entry.key_span).len() == key.len() + 2
                && !matches!(key, "true" | "false" | "null" | "for" | "if"))
            .then(|| self.slot(SlotKind::Identifier(&entry.key), entry.key_span));
            let expression_string = matches!(
                (kind, key),
                (BodyKind::Variable, "type")
                    | (BodyKind::Dynamic, "iterator")
                    | (BodyKind::Resource, "provider")
            );
            let value = match (&entry.value.value, expression_string) {
                (Value::String(s), true) => {
                    self.slot(SlotKind::ExpressionString(s), entry.value.span)
                }
                _ if (kind, key) == (BodyKind::Variable, "default") => {
                    self.slot(SlotKind::Literal(&entry.value), entry.value.span)
                }
                _ => self.slot(SlotKind::Expression(&entry.value), entry.value.span),
            };
            items.push(SkelItem::Attribute {
                key: ident,
                key_slot,
                value,
            });
        }
        Ok(items)
    }

    /// Writes the shadow and parses it: one expression per slot, in slot order.
    fn parse_shadow(&self, root: &Node) -> Result<Vec<Option<Expression>>, LoadError> {
        let mut order: Vec<usize> = (0..self.slots.len()).collect();
        order.sort_by_key(|&i| self.slots.get(i).map_or(0, |s| s.start));
        // Only whitespace precedes the root object; hcl-edit takes none before an expression.
        let (open, close) = (0, (root.span.end as usize).saturating_sub(1));
        // Lines are kept inside the root object, so a parse error's line maps back; a newline
        // after the closing bracket would end the expression early.
        let mut shadow: Vec<u8> = self
            .text
            .bytes()
            .enumerate()
            .map(|(i, b)| match b {
                b'\n' if (open..close).contains(&i) => b'\n',
                _ => b' ',
            })
            .collect();
        put(&mut shadow, open, b"[");
        put(&mut shadow, close, b"]");
        let mut previous_end = open + 1;
        for (n, &i) in order.iter().enumerate() {
            let Some(slot) = self.slots.get(i) else {
                continue;
            };
            if slot.start < previous_end {
                return Err(LoadError::new(
                    "overlapping values in Terraform JSON (internal error)",
                    Span::new(self.file, slot.start, slot.end),
                ));
            }
            self.write_slot(&mut shadow, slot)?;
            previous_end = slot.end + 1;
            if n + 1 < order.len() {
                put(&mut shadow, slot.end, b",");
            }
        }
        // hcl-edit takes no whitespace after an expression: the shadow ends with the tuple.
        shadow.truncate(close + 1);
        let shadow = String::from_utf8(shadow).map_err(|_| {
            LoadError::new(
                "could not read the file as Terraform JSON (internal error)",
                root.span,
            )
        })?;
        // The shadow keeps every expression at its offset in the file.
        if let Some((message, at)) = super::too_costly_to_parse(&shadow, false) {
            return Err(LoadError::new(message, Span::new(self.file, at, at + 1)));
        }
        let parsed = hcl_edit::parser::parse_expr(&shadow).map_err(|e| {
            let location = e.location();
            let offset = super::line_offset(&shadow, location.line(), location.column());
            LoadError::new(
                format!("invalid expression in Terraform JSON: {}", e.message()),
                Span::new(self.file, offset, offset + 1),
            )
        })?;
        let Expression::Array(items) = parsed else {
            return Err(LoadError::new(
                "could not read the file as Terraform JSON (internal error)",
                root.span,
            ));
        };
        let mut by_slot: Vec<Option<Expression>> = vec![None; self.slots.len()];
        let items: Vec<Expression> = items.into_iter().collect();
        if items.len() != order.len() {
            return Err(LoadError::new(
                "could not read the file as Terraform JSON (internal error)",
                root.span,
            ));
        }
        for (expr, &i) in items.into_iter().zip(&order) {
            if let Some(place) = by_slot.get_mut(i) {
                *place = Some(expr);
            }
        }
        Ok(by_slot)
    }

    fn write_slot(&self, shadow: &mut [u8], slot: &Slot<'n>) -> Result<(), LoadError> {
        let span = Span::new(self.file, slot.start, slot.end);
        match slot.kind {
            SlotKind::Identifier(name) => put(shadow, slot.start + 1, name.as_bytes()),
            SlotKind::Label => {
                let raw = self.raw(span);
                let written = match raw.contains('\\') {
                    true => json_template::aligned(raw).unwrap_or_else(|| raw.to_string()),
                    false => raw.to_string(),
                };
                put(shadow, slot.start, written.as_bytes());
            }
            SlotKind::ExpressionString(s) => put(shadow, slot.start + 1, s.as_bytes()),
            SlotKind::Expression(node) => {
                put(shadow, slot.start, self.raw(span).as_bytes());
                self.rewrite_escaped_strings(shadow, node)?;
            }
            // Without template markers a literal reads the same as a template; with them, HCL
            // would need more bytes than JSON used, so the default is unknown.
            SlotKind::Literal(node) if has_template_markers(node) => {
                let name = unbound_name(
                    "default_with_template_markers",
                    slot.end.saturating_sub(slot.start),
                );
                put(shadow, slot.start, name.as_bytes());
            }
            SlotKind::Literal(node) => {
                put(shadow, slot.start, self.raw(span).as_bytes());
                self.rewrite_escaped_strings(shadow, node)?;
            }
        }
        Ok(())
    }

    /// A string with escapes is written as the HCL quoted template of the same text (see
    /// `json_template`), which is never longer, so it fits.
    fn rewrite_escaped_strings(&self, shadow: &mut [u8], node: &Node) -> Result<(), LoadError> {
        match &node.value {
            Value::String(s) => self.rewrite_string(shadow, s, node.span)?,
            // Terraform's numbers have arbitrary precision; hcl-edit's stop at f64.
            Value::Number(n) if !n.is_finite() => {
                let (start, end) = (node.span.start as usize, node.span.end as usize);
                if let Some(range) = shadow.get_mut(start..end) {
                    range.fill(b' ');
                }
                let name = unbound_name("number_beyond_f64", end.saturating_sub(start));
                put(shadow, start, name.as_bytes());
            }
            Value::List(items) => {
                for item in items {
                    self.rewrite_escaped_strings(shadow, item)?;
                }
            }
            Value::Map(map) => {
                for entry in &map.entries {
                    self.rewrite_string(shadow, &entry.key, entry.key_span)?;
                    self.rewrite_escaped_strings(shadow, &entry.value)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn rewrite_string(&self, shadow: &mut [u8], text: &str, span: Span) -> Result<(), LoadError> {
        let raw = self.raw(span);
        if !raw.contains('\\') {
            return Ok(());
        }
        let quoted = match json_template::aligned(raw) {
            Some(q) => Some(q),
            None => json_template::parsed(text)
                .map_err(|message| LoadError::new(format!("invalid template: {message}"), span))?,
        };
        let start = span.start as usize;
        let end = span.end as usize;
        let replacement = match quoted {
            Some(q) if q.len() <= raw.len() => q,
            // A directive whose text had escapes: not rewritten exactly, so read as unknown.
            _ => unbound_name("template_with_escaped_directive", raw.len()),
        };
        if let Some(range) = shadow.get_mut(start..end) {
            range.fill(b' ');
        }
        put(shadow, start, replacement.as_bytes());
        Ok(())
    }
}

/// Stands in for a value HCL cannot read as written: an unbound name, at most `room` bytes, so
/// the value is unknown rather than guessed or the whole file lost.
fn unbound_name(name: &str, room: usize) -> String {
    name.get(..room.clamp(1, name.len()))
        .unwrap_or("_")
        .to_string()
}

fn is_template(s: &str) -> bool {
    s.contains("${") || s.contains("%{")
}

/// Whether a string or property name in `node` holds `${` or `%{`.
fn has_template_markers(node: &Node) -> bool {
    match &node.value {
        Value::String(s) => is_template(s),
        Value::List(items) => items.iter().any(has_template_markers),
        Value::Map(map) => map
            .entries
            .iter()
            .any(|e| is_template(&e.key) || has_template_markers(&e.value)),
        _ => false,
    }
}

fn put(shadow: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(range) = shadow.get_mut(at..at + bytes.len()) {
        range.copy_from_slice(bytes);
    }
}

fn build_block(block: SkelBlock, expressions: &mut [Option<Expression>]) -> Block {
    let ident = match take(expressions, block.ident_slot) {
        Some(Expression::Variable(v)) if v.as_str() == block.ident.as_str() => v,
        _ => Decorated::new(block.ident),
    };
    let mut out = Block::new(ident);
    out.labels = block
        .labels
        .into_iter()
        .map(|(label, slot)| match take(expressions, slot) {
            Some(Expression::String(s)) if s.as_str() == label => BlockLabel::String(s),
            _ => BlockLabel::String(Decorated::new(label)),
        })
        .collect();
    for item in block.body {
        match item {
            SkelItem::Attribute {
                key,
                key_slot,
                value,
            } => {
                let key = match take(expressions, key_slot) {
                    Some(Expression::Variable(v)) if v.as_str() == key.as_str() => v,
                    _ => Decorated::new(key),
                };
                let value = take(expressions, Some(value))
                    .unwrap_or(Expression::Null(Decorated::new(hcl_edit::expr::Null)));
                out.body.push(Attribute::new(key, value));
            }
            SkelItem::Block(inner) => out.body.push(build_block(inner, expressions)),
        }
    }
    out
}

fn take(expressions: &mut [Option<Expression>], slot: Option<usize>) -> Option<Expression> {
    expressions.get_mut(slot?).and_then(Option::take)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcl_edit::Span as _;
    use hcl_edit::structure::Structure;

    fn parse(text: &str) -> Body {
        parse_file(FileId(0), text).unwrap().body
    }

    fn error(text: &str) -> LoadError {
        match parse_file(FileId(0), text) {
            Ok(_) => panic!("parsed: {text}"),
            Err(e) => e,
        }
    }

    fn at(text: &str, range: Option<std::ops::Range<usize>>) -> &str {
        &text[range.unwrap()]
    }

    #[test]
    fn resources_nest_labels_and_keep_value_spans() {
        let text = r#"{
  "//": {"metadata": {"version": "0.20"}},
  "resource": {
    "aws_instance": {
      "web": {
        "//": "a comment",
        "ami": "ami-${var.suffix}",
        "count": 2,
        "tags": {"Name": "web"}
      }
    }
  }
}"#;
        let body = parse(text);
        let block = body.blocks().next().unwrap();
        assert_eq!(block.ident.as_str(), "resource");
        let labels: Vec<_> = block.labels.iter().map(|l| l.as_str()).collect();
        assert_eq!(labels, ["aws_instance", "web"]);
        assert_eq!(at(text, block.labels[1].span()), "\"web\"");
        assert!(block.ident.span().is_none());
        let ami = block.body.get_attribute("ami").unwrap();
        assert_eq!(at(text, ami.key.span()), "ami");
        assert_eq!(at(text, ami.value.span()), "\"ami-${var.suffix}\"");
        assert!(matches!(ami.value, Expression::StringTemplate(_)));
        let tags = block.body.get_attribute("tags").unwrap();
        assert_eq!(at(text, tags.value.span()), r#"{"Name": "web"}"#);
        assert!(block.body.get_attribute("//").is_none());
        assert_eq!(block.body.attributes().count(), 3);
    }

    #[test]
    fn labels_with_escapes_keep_their_span() {
        let text = r#"{"resource": {"aws_s3_bucket": {"b\u00e9": {}}}}"#;
        let body = parse(text);
        let block = body.blocks().next().unwrap();
        assert_eq!(block.labels[1].as_str(), "b\u{e9}");
        assert_eq!(at(text, block.labels[1].span()), r#""b\u00e9""#);
    }

    #[test]
    fn numbers_beyond_f64_are_unknown_not_errors() {
        let text = r#"{"locals": {"a": [1e400], "b": 2}}"#;
        let body = parse(text);
        let locals = body.blocks().next().unwrap();
        let a = locals.body.get_attribute("a").unwrap();
        let Expression::Array(items) = &a.value else {
            panic!("{:?}", a.value)
        };
        assert!(matches!(items.iter().next(), Some(Expression::Variable(_))));
        assert!(locals.body.get_attribute("b").is_some());
    }

    #[test]
    fn variable_defaults_are_literal() {
        // Terraform reads a default without evaluating it: `${` is text, which the shadow
        // cannot write in as few bytes, so such a default is unknown rather than a template.
        let text = r#"{"variable": {"a": {"default": "${var.b}"}, "c": {"default": {"k": "v"}}}}"#;
        let body = parse(text);
        let mut blocks = body.blocks();
        let a = blocks
            .next()
            .unwrap()
            .body
            .get_attribute("default")
            .unwrap();
        assert!(matches!(&a.value, Expression::Variable(_)), "{:?}", a.value);
        let c = blocks
            .next()
            .unwrap()
            .body
            .get_attribute("default")
            .unwrap();
        assert_eq!(at(text, c.value.span()), r#"{"k": "v"}"#);
    }

    #[test]
    fn whitespace_around_the_root_object() {
        let body = parse("\n  {\"locals\": {\"a\": 1}}\n\n");
        assert_eq!(body.blocks().count(), 1);
    }

    #[test]
    fn blocks_as_arrays_and_repeated_properties() {
        let text = r#"{"resource": [{"aws_s3_bucket": {"a": [{"bucket": "x"}, {"bucket": "y"}]}}],
 "resource": {"aws_s3_bucket": {"b": {}}}, "variable": {"v": null}}"#;
        let body = parse(text);
        let names: Vec<_> = body
            .blocks()
            .map(|b| {
                b.labels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(".")
            })
            .collect();
        assert_eq!(
            names,
            ["aws_s3_bucket.a", "aws_s3_bucket.a", "aws_s3_bucket.b"]
        );
    }

    #[test]
    fn escapes_inside_interpolations_are_decoded_before_parsing() {
        // CDKTF writes function calls with quoted arguments inside the template.
        let text =
            r#"{"locals": {"p": "${jsonencode({\"Effect\" = \"Allow\"})}", "q": "a\"b\/c"}}"#;
        let body = parse(text);
        let locals = body.blocks().next().unwrap();
        let p = locals.body.get_attribute("p").unwrap();
        let Expression::StringTemplate(t) = &p.value else {
            panic!("{:?}", p.value)
        };
        assert_eq!(t.iter().count(), 1);
        let q = locals.body.get_attribute("q").unwrap();
        let Expression::String(s) = &q.value else {
            panic!("{:?}", q.value)
        };
        assert_eq!(s.as_str(), "a\"b/c");
        assert_eq!(
            q.value.span().unwrap().start,
            text.find("\"a\\\"b").unwrap()
        );
    }

    #[test]
    fn variable_type_and_dynamic_iterator_are_expressions_in_strings() {
        let text = r#"{"variable": {"v": {"type": "list(string)", "default": []}},
"resource": {"aws_security_group": {"sg": {"dynamic": {"ingress": {
  "for_each": "${var.v}", "iterator": "rule", "content": {"from_port": "${rule.value}"}}}}}}}"#;
        let body = parse(text);
        let mut blocks = body.blocks();
        let variable = blocks.next().unwrap();
        let ty = variable.body.get_attribute("type").unwrap();
        assert!(matches!(ty.value, Expression::FuncCall(_)));
        assert_eq!(at(text, ty.value.span()), "list(string)");
        let sg = blocks.next().unwrap();
        let dynamic = sg.body.get_blocks("dynamic").next().unwrap();
        assert_eq!(dynamic.labels[0].as_str(), "ingress");
        assert_eq!(at(text, dynamic.ident.span()), "dynamic");
        let iterator = dynamic.body.get_attribute("iterator").unwrap();
        assert!(matches!(&iterator.value, Expression::Variable(v) if v.as_str() == "rule"));
        let content = dynamic.body.get_blocks("content").next().unwrap();
        assert!(content.body.get_attribute("from_port").is_some());
        assert!(
            dynamic
                .body
                .iter()
                .any(|s| matches!(s, Structure::Block(b) if b.ident.as_str() == "content"))
        );
    }

    #[test]
    fn meta_settings_but_the_provider_and_other_blocks_are_not_read() {
        let text = r#"{"terraform": {"backend": {"s3": {}}}, "provider": {"aws": [{"region": "x"}]},
"resource": {"aws_s3_bucket": {"b": {"depends_on": ["aws_s3_bucket.c"], "lifecycle": {"ignore_changes": ["tags"]}, "provider": "aws.west"}}}}"#;
        let body = parse(text);
        let kinds: Vec<&str> = body.blocks().map(|b| b.ident.as_str()).collect();
        assert_eq!(kinds, ["provider", "resource"]);
        let b = body
            .blocks()
            .find(|b| b.ident.as_str() == "resource")
            .unwrap();
        // Only the provider it names is kept: which configuration the resource uses.
        let kept: Vec<&str> = b.body.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(kept, ["provider"]);
        let provider = b.body.get_attribute("provider").unwrap();
        assert!(matches!(
            provider.value,
            hcl_edit::expr::Expression::Traversal(_)
        ));
    }

    #[test]
    fn errors_are_located() {
        let text = "{\n  \"locals\": {\"a\": \"${var.\"}\n}";
        let err = error(text);
        assert!(err.message.contains("invalid"), "{}", err.message);
        assert_eq!(&text[..err.span.start as usize].matches('\n').count(), &1);

        let err = error("{\"resource\": {\"aws_s3_bucket\": \"x\"}}");
        assert!(err.message.contains("labels"), "{}", err.message);
        let err = error("[1]");
        assert!(err.message.contains("one JSON object"));
        let err = error("{\"locals\": {\"not valid\": 1}}");
        assert_eq!(err.span.start, 12);
        error("{\"locals\": {\"a\": 1,}}");
    }

    #[test]
    fn numbers_literals_and_nested_values() {
        let text = r#"{"locals": {"n": -1.5e3, "t": true, "z": null, "l": [1, "x", {"k": [2]}], "e": {}}}"#;
        let body = parse(text);
        let locals = body.blocks().next().unwrap();
        for (key, raw) in [
            ("n", "-1.5e3"),
            ("t", "true"),
            ("z", "null"),
            ("l", r#"[1, "x", {"k": [2]}]"#),
            ("e", "{}"),
        ] {
            let attr = locals.body.get_attribute(key).unwrap();
            assert_eq!(at(text, attr.value.span()), raw, "{key}");
        }
    }
}
