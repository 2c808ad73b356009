//! YAML to [`Node`] with byte spans, built from parser events so that we control what the YAML
//! spec leaves open to abuse: alias expansion and nesting depth are bounded.
//!
//! CloudFormation short-form tags become their long form here (`!Ref X` → `{Ref: X}`,
//! `!GetAtt A.B` → `{Fn::GetAtt: A.B}`), so one intrinsic evaluator serves YAML and JSON.
//!
//! Every document of a stream is read, each with spans into the one file. Layouts that PyYAML
//! accepts and the YAML spec does not (flow collections indented no more than their key) are
//! read through [`flow_indent`].

mod flow_indent;

use super::SyntaxError;
use crate::graph::value::Entry;
use crate::graph::value::MapBuilder;
use crate::graph::{Map, Node, Value};
use crate::source::{CharToByte, FileId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::HashMap;

pub const MAX_DEPTH: usize = 256;
/// What alias expansion may add to one file ("billion laughs" protection), in bytes as
/// [`copy_cost`] counts them: the text of the strings and keys copied, and [`NODE_BYTES`] per
/// node. 4 MiB: about 130,000 nodes, or one 50 KB string aliased 80 times.
pub const MAX_ALIAS_BYTES: usize = 4 << 20;
/// What one node copied is charged, about what it takes in memory.
pub const NODE_BYTES: usize = 32;
/// Each anchored node is copied when it is read, for the aliases that may follow; an anchor
/// inside an anchored node is copied again with it. The copies of anchors inside anchors may
/// add, in one file, up to this many bytes per byte of text (plus [`MAX_ALIAS_BYTES`]): enough
/// to anchor a usual template several levels deep (a node to 20 bytes of text or so), not to
/// copy one once per level of a deep nesting. An anchor inside no other is not charged: those are copies of separate parts of the
/// text (and of what aliases in them expand to, already charged), so they add at most one copy
/// of the file however large it is.
pub const ANCHOR_BYTES_PER_TEXT_BYTE: usize = 8;

struct Frame {
    kind: FrameKind,
    start: u32,
    anchor: usize,
    tag: Option<String>,
    /// The greatest height of the items read so far (see [`Anchored::height`]).
    items_height: usize,
}

/// An anchored node, kept for its aliases.
struct Anchored {
    node: Node,
    shape: Shape,
    /// The levels of collections it holds as written, itself included (a scalar is 0): an
    /// alias pastes them at its own depth, so the depth bound counts them there as if written.
    /// A short-form tag's mapping is no level here, as it is none as written either: so the
    /// tree built is at most twice [`MAX_DEPTH`] deep however it was written.
    height: usize,
}

enum FrameKind {
    List {
        items: Vec<Node>,
        /// Whether every item is a mapping as written: a list a merge key takes.
        all_mappings: bool,
        /// The items that are tagged mappings (`!Foo {a: 1}`), in order: see [`Shape`].
        tagged_mappings: Vec<usize>,
    },
    Map {
        map: MapBuilder,
        /// The key read, its span, and whether it is a merge key (`<<`, or tagged `!!merge`).
        pending_key: Option<(String, Span, bool)>,
        /// The values of this mapping's merge keys, in the order written, with their shape.
        merges: Vec<(Node, Shape)>,
    },
}

/// What a node was written as, for the merge keys that take it: PyYAML merges a mapping node or
/// a sequence of mapping nodes, whatever their tags, and refuses anything else (a scalar, a
/// tagged `!Ref X`). So a short-form tag that this parser turns into a mapping (`{Ref: X}`) must
/// not merge as one, and a tagged mapping (`!Foo {a: 1}`), which [`wrap_tag`] wraps as
/// `{Fn::Foo: {a: 1}}`, merges its body.
#[derive(Clone, PartialEq, Eq)]
enum Shape {
    /// `tagged`: wrapped by [`wrap_tag`], the mapping written is the one entry's value.
    Mapping {
        tagged: bool,
    },
    /// `tagged` as for a mapping; `tagged_mappings`, the items wrapped by [`wrap_tag`].
    ListOfMappings {
        tagged: bool,
        tagged_mappings: Vec<usize>,
    },
    Other,
}

/// Parses the first document of `text` (null when there is none).
pub fn parse(text: &str, file: FileId) -> Result<Node, SyntaxError> {
    let (first, error) = read(text, file, Stop::AfterFirstDocument);
    match (first.into_iter().next(), error) {
        (_, Some(error)) => Err(error),
        (first, None) => Ok(first.unwrap_or_else(|| Node::new(Value::Null, Span::new(file, 0, 0)))),
    }
}

/// Parses every document of `text`, in order. A document that is not valid YAML fails the file,
/// as it fails PyYAML.
pub fn parse_documents(text: &str, file: FileId) -> Result<Vec<Node>, SyntaxError> {
    match read(text, file, Stop::AtEnd) {
        (documents, None) => Ok(documents),
        (_, Some(error)) => Err(error),
    }
}

/// Parses the documents of `text` up to the first that is not valid YAML, and that error: the
/// documents before a broken one are still read.
pub fn parse_stream(text: &str, file: FileId) -> (Vec<Node>, Option<SyntaxError>) {
    read(text, file, Stop::AtEnd)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    AfterFirstDocument,
    AtEnd,
}

fn read(text: &str, file: FileId, stop: Stop) -> (Vec<Node>, Option<SyntaxError>) {
    let mut documents = Vec::new();
    let Err(strict) = read_events(text, text, None, file, stop, &mut documents) else {
        return (documents, None);
    };
    if let Some(relaxed) = flow_indent::relax(text) {
        let mut relaxed_documents = Vec::new();
        if read_events(
            &relaxed.text,
            text,
            Some(&relaxed),
            file,
            stop,
            &mut relaxed_documents,
        )
        .is_ok()
        {
            return (relaxed_documents, None);
        }
    }
    (documents, Some(strict))
}

/// Builds nodes from the events of `parsed`, which is `original` or its relaxed form; spans are
/// always offsets into `original`.
fn read_events(
    parsed: &str,
    original: &str,
    relaxed: Option<&flow_indent::Relaxed>,
    file: FileId,
    stop: Stop,
    documents: &mut Vec<Node>,
) -> Result<(), SyntaxError> {
    let offsets = CharToByte::new(parsed);
    let byte = |char_index: usize| {
        let at = offsets.byte(char_index);
        relaxed.map_or(at, |r| r.original(at))
    };
    let span_of =
        |s: saphyr_parser::Span| Span::new(file, byte(s.start.index()), byte(s.end.index()));
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Anchored> = HashMap::new();
    let mut alias_budget = MAX_ALIAS_BYTES;
    let mut anchor_budget = parsed
        .len()
        .saturating_mul(ANCHOR_BYTES_PER_TEXT_BYTE)
        .saturating_add(MAX_ALIAS_BYTES);

    for event in Parser::new_from_str(parsed) {
        let (event, span) = event.map_err(|e| {
            let at = byte(e.marker().index());
            SyntaxError::new(
                format!("invalid YAML: {}", e.info()),
                Span::new(file, at, at + 1),
            )
        })?;
        let span = span_of(span);
        let mut is_merge_key = false;
        let (completed, shape, height) = match event {
            Event::Scalar(value, style, anchor, tag) => {
                // PyYAML (so `aws cloudformation package`, `sam deploy` and cfn-lint) resolves
                // a plain `<<` as YAML 1.1's merge key, and any key tagged `!!merge` is one; a
                // quoted `<<` or one of another tag is a key.
                let tag = tag.map(|t| tag_name(&t));
                is_merge_key = match tag.as_deref() {
                    None => style == ScalarStyle::Plain && value == "<<",
                    Some(tag) => matches!(tag, "tag:yaml.org,2002:merge" | "!!merge"),
                };
                let node = scalar(&value, style, tag.as_deref(), span);
                let node = wrap_tag(tag.as_deref(), node, span);
                remember(
                    &mut anchors,
                    anchor,
                    (&node, Shape::Other, 0),
                    in_anchor(&stack).then_some(&mut anchor_budget),
                )?;
                (node, Shape::Other, 0)
            }
            Event::Alias(id) => {
                let Some(Anchored {
                    node,
                    shape,
                    height,
                }) = anchors.get(&id)
                else {
                    return Err(SyntaxError::new("invalid YAML: unknown alias", span));
                };
                // Later code (conversion, evaluation, drop) recurses on the tree built: an
                // alias of a deep node must not make it deeper than writing it out could.
                if stack.len() + height > MAX_DEPTH {
                    return Err(SyntaxError::new(
                        format!(
                            "YAML nesting is too deep: this alias pastes {height} levels of \
                             nesting at depth {}, over the {MAX_DEPTH} allowed",
                            stack.len()
                        ),
                        span,
                    ));
                }
                alias_budget = alias_budget.checked_sub(copy_cost(node)).ok_or_else(|| {
                    SyntaxError::new(
                        format!(
                            "YAML aliases expand to more than {} MiB (possible alias bomb)",
                            MAX_ALIAS_BYTES >> 20
                        ),
                        span,
                    )
                })?;
                (Node::new(node.value.clone(), span), shape.clone(), *height)
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if stack.len() >= MAX_DEPTH =>
            {
                let _ = (anchor, tag);
                return Err(SyntaxError::new("YAML nesting is too deep", span));
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(Frame {
                    kind: FrameKind::List {
                        items: Vec::new(),
                        all_mappings: true,
                        tagged_mappings: Vec::new(),
                    },
                    start: span.start,
                    anchor,
                    tag: tag.map(|t| tag_name(&t)),
                    items_height: 0,
                });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(Frame {
                    kind: FrameKind::Map {
                        map: MapBuilder::default(),
                        pending_key: None,
                        merges: Vec::new(),
                    },
                    start: span.start,
                    anchor,
                    tag: tag.map(|t| tag_name(&t)),
                    items_height: 0,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(SyntaxError::new(
                        "invalid YAML: unbalanced collection",
                        span,
                    ));
                };
                // A block collection's end event sits at the next token; end it at its last
                // item instead, so it does not run onto the following key's indentation.
                let is_flow = matches!(
                    original.as_bytes().get(frame.start as usize),
                    Some(b'[' | b'{')
                );
                let last_item_end = match &frame.kind {
                    FrameKind::List { items, .. } => items.last().map(|n| n.span.end),
                    FrameKind::Map { map, .. } => map.last_value_end(),
                };
                let end = match (is_flow, last_item_end) {
                    (false, Some(end)) => end,
                    _ => span.end,
                };
                let whole = Span {
                    file,
                    start: frame.start,
                    end: end.max(frame.start),
                };
                let tagged = wraps(frame.tag.as_deref());
                let (value, shape) = match frame.kind {
                    FrameKind::List {
                        items,
                        all_mappings,
                        tagged_mappings,
                    } => (
                        Value::List(items),
                        if all_mappings {
                            Shape::ListOfMappings {
                                tagged,
                                tagged_mappings,
                            }
                        } else {
                            Shape::Other
                        },
                    ),
                    FrameKind::Map { map, merges, .. } if merges.is_empty() => {
                        (Value::Map(map.finish()), Shape::Mapping { tagged })
                    }
                    FrameKind::Map { map, merges, .. } => {
                        (Value::Map(merged(map, merges)?), Shape::Mapping { tagged })
                    }
                };
                let node = wrap_tag(frame.tag.as_deref(), Node::new(value, whole), whole);
                let height = frame.items_height + 1;
                remember(
                    &mut anchors,
                    frame.anchor,
                    (&node, shape.clone(), height),
                    in_anchor(&stack).then_some(&mut anchor_budget),
                )?;
                (node, shape, height)
            }
            Event::StreamEnd => break,
            Event::DocumentEnd if stop == Stop::AfterFirstDocument && !documents.is_empty() => {
                break;
            }
            Event::DocumentEnd => continue,
            // Anchors are local to their document.
            Event::DocumentStart(_) => {
                anchors.clear();
                continue;
            }
            Event::StreamStart | Event::Nothing => continue,
        };
        match stack.last_mut() {
            None => documents.push(completed),
            Some(Frame {
                kind:
                    FrameKind::List {
                        items,
                        all_mappings,
                        tagged_mappings,
                    },
                items_height,
                ..
            }) => {
                *items_height = (*items_height).max(height);
                match shape {
                    Shape::Mapping { tagged: false } => {}
                    Shape::Mapping { tagged: true } => tagged_mappings.push(items.len()),
                    _ => *all_mappings = false,
                }
                items.push(completed);
            }
            Some(Frame {
                kind:
                    FrameKind::Map {
                        map,
                        pending_key,
                        merges,
                    },
                items_height,
                ..
            }) => {
                // Keys and merge values count as written, as the depth bound counts them: a
                // merge's entries end a level higher in the tree built, never lower.
                *items_height = (*items_height).max(height);
                match pending_key.take() {
                    None => {
                        let key = completed.scalar_text().unwrap_or_default();
                        *pending_key = Some((key, completed.span, is_merge_key));
                    }
                    Some((_, _, true)) => merges.push((completed, shape)),
                    Some((key, key_span, false)) => map.insert(key, key_span, completed),
                }
            }
        }
    }
    Ok(())
}

/// A mapping with merge keys, as PyYAML builds it: the merged mappings' entries, then its own,
/// each later one replacing an earlier one of the same key. So its own keys win wherever they
/// are written, a later merge key wins over an earlier one, and in a list of mappings the first
/// wins (PyYAML merges the list in reverse).
///
/// The merged mappings are taken by value and their entries moved, never copied: nested inline
/// merges (`<<: {<<: {...}}`) would otherwise copy the innermost entries once per level.
fn merged(own: MapBuilder, merges: Vec<(Node, Shape)>) -> Result<Map, SyntaxError> {
    let mut sources: Vec<Map> = Vec::new();
    for (merge, shape) in merges {
        let not_mappings = || {
            SyntaxError::new(
                "invalid YAML: a merge key (<<) takes a mapping or a list of mappings, not a \
                 scalar or a tagged value",
                merge.span,
            )
        };
        let error = not_mappings();
        match shape {
            Shape::Mapping { tagged } => match written(merge.value, tagged) {
                Some(Value::Map(map)) => sources.push(map),
                _ => return Err(error),
            },
            Shape::ListOfMappings {
                tagged,
                tagged_mappings,
            } => {
                let Some(Value::List(items)) = written(merge.value, tagged) else {
                    return Err(error);
                };
                for (i, item) in items.into_iter().enumerate().rev() {
                    let tagged = tagged_mappings.binary_search(&i).is_ok();
                    match written(item.value, tagged) {
                        Some(Value::Map(map)) => sources.push(map),
                        _ => return Err(error),
                    }
                }
            }
            Shape::Other => return Err(error),
        }
    }
    let mut sources = sources.into_iter();
    let Some(mut first) = sources.next() else {
        return Ok(own.finish());
    };
    let later: Vec<Entry> = sources
        .flat_map(|m| m.entries)
        .chain(own.finish().entries)
        .collect();
    // The usual merge adds a few keys to a large mapping: each is looked up in it, which keeps
    // the mapping as it is rather than indexing all of its keys again.
    if later.len() <= FEW_KEYS {
        for entry in later {
            match first.entries.iter_mut().find(|e| e.key == entry.key) {
                Some(e) => {
                    e.key_span = entry.key_span;
                    e.value = entry.value;
                }
                None => first.entries.push(entry),
            }
        }
        return Ok(first);
    }
    let mut map = MapBuilder::default();
    for entry in first.entries.into_iter().chain(later) {
        map.insert(entry.key, entry.key_span, entry.value);
    }
    Ok(map.finish())
}

/// The value as written: when `tagged`, the one entry's value of the mapping [`wrap_tag`] made
/// of it.
fn written(value: Value, tagged: bool) -> Option<Value> {
    if !tagged {
        return Some(value);
    }
    match value {
        Value::Map(map) if map.entries.len() == 1 => map
            .entries
            .into_iter()
            .next()
            .map(|entry| entry.value.value),
        _ => None,
    }
}

/// Keys a merge adds one by one to the first mapping merged rather than rebuilding it.
const FEW_KEYS: usize = 16;

/// What copying `node` adds to memory, as the alias and anchor budgets count it.
fn copy_cost(node: &Node) -> usize {
    let mut cost = 0usize;
    node.walk(&mut |n| {
        let text = match &n.value {
            Value::String(s) => s.len(),
            Value::Map(map) => map.entries.iter().map(|e| e.key.len()).sum(),
            _ => 0,
        };
        cost = cost.saturating_add(NODE_BYTES).saturating_add(text);
    });
    cost
}

/// Whether a node completed now is inside an anchored node: a copy of it made for its own
/// anchor will be copied again with that one.
fn in_anchor(stack: &[Frame]) -> bool {
    stack.iter().any(|frame| frame.anchor != 0)
}

/// Keeps a copy of an anchored node for its aliases, charged to `budget` when there is one (for
/// an anchor inside another anchored node): an anchor nested in anchors is copied once per
/// level, so a deep nesting of them would copy a large node as many times.
fn remember(
    anchors: &mut HashMap<usize, Anchored>,
    anchor: usize,
    (node, shape, height): (&Node, Shape, usize),
    budget: Option<&mut usize>,
) -> Result<(), SyntaxError> {
    if anchor == 0 {
        return Ok(());
    }
    if let Some(budget) = budget {
        *budget = budget.checked_sub(copy_cost(node)).ok_or_else(|| {
            SyntaxError::new(
                "YAML anchors nested in anchors copy too much: each anchored node is copied \
                 for its aliases, an anchor inside it again",
                node.span,
            )
        })?;
    }
    anchors.insert(
        anchor,
        Anchored {
            node: node.clone(),
            shape,
            height,
        },
    );
    Ok(())
}

/// `!Ref` → `Ref`; `!!str` → `tag:yaml.org,2002:str`.
fn tag_name(tag: &Tag) -> String {
    if tag.handle == "!" {
        tag.suffix.clone()
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// Resolves a scalar with YAML 1.2 core-schema rules, kept conservative: a value that would not
/// round-trip as a number (`012345678901`, an account id) stays a string.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&str>, span: Span) -> Node {
    let value = if style != ScalarStyle::Plain || tag.is_some_and(|t| t.ends_with(":str")) {
        Value::String(text.to_string())
    } else {
        match text {
            "" | "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => plain_number(text).map_or_else(|| Value::String(text.to_string()), Value::Number),
        }
    };
    Node::new(value, span)
}

fn plain_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let first = digits.bytes().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    if digits.len() > 1 && first == b'0' && !digits.starts_with("0.") {
        return None;
    }
    if !digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
    {
        return None;
    }
    text.parse().ok()
}

/// Whether [`wrap_tag`] turns a node of this tag into a mapping around it.
fn wraps(tag: Option<&str>) -> bool {
    tag.is_some_and(|t| !(t.starts_with("tag:") || t.starts_with("!!") || t.is_empty()))
}

/// Turns a CloudFormation short-form tag into its long form.
fn wrap_tag(tag: Option<&str>, node: Node, span: Span) -> Node {
    let Some(tag) = tag else { return node };
    let key = match tag {
        "Ref" | "Condition" => tag.to_string(),
        // `!Rain::Embed file` is rain's own directive, written in long form as `Rain::Embed`
        // (it is not a CloudFormation function, whose short forms drop `Fn::`).
        t if t.starts_with("Rain::") => t.to_string(),
        t if t.starts_with("tag:") || t.starts_with("!!") || t.is_empty() => return node,
        t => format!("Fn::{t}"),
    };
    let mut map = Map::default();
    map.insert(key, span, node);
    Node::new(Value::Map(map), span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Node {
        parse(text, FileId(0)).unwrap()
    }

    fn slice<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.span.start as usize..node.span.end as usize]
    }

    trait Strings {
        fn walk_strings(&self) -> Vec<String>;
    }

    impl Strings for Node {
        fn walk_strings(&self) -> Vec<String> {
            let mut out = Vec::new();
            self.walk(&mut |n| out.extend(n.as_str().map(str::to_string)));
            out
        }
    }

    #[test]
    fn short_form_tags_become_long_form() {
        let text =
            "a: !Ref Vpc\nb: !GetAtt Sg.GroupId\nc: !If [Cond, 1, 2]\nd: !Sub 'x-${AWS::Region}'\n";
        let root = p(text);
        let a = root.get("a").unwrap();
        assert_eq!(a.get("Ref").unwrap().as_str(), Some("Vpc"));
        let b = root.get("b").unwrap();
        assert_eq!(b.get("Fn::GetAtt").unwrap().as_str(), Some("Sg.GroupId"));
        assert_eq!(
            slice(text, b).trim_start_matches("!GetAtt ").trim(),
            "Sg.GroupId"
        );
        let c = root.get("c").unwrap().get("Fn::If").unwrap();
        assert_eq!(c.as_list().unwrap().len(), 3);
        assert!(root.get("d").unwrap().get("Fn::Sub").is_some());
    }

    #[test]
    fn scalars_resolve_conservatively() {
        let root = p("a: 22\nb: '22'\nc: 012345678901\nd: true\ne: ~\nf: 1.5\ng: 2010-09-09\n");
        assert_eq!(root.get("a").unwrap().value, Value::Number(22.0));
        assert_eq!(root.get("b").unwrap().as_str(), Some("22"));
        assert_eq!(root.get("c").unwrap().as_str(), Some("012345678901"));
        assert_eq!(root.get("d").unwrap().value, Value::Bool(true));
        assert!(root.get("e").unwrap().is_null());
        assert_eq!(root.get("f").unwrap().value, Value::Number(1.5));
        assert_eq!(root.get("g").unwrap().as_str(), Some("2010-09-09"));
    }

    #[test]
    fn spans_are_bytes_even_after_multibyte_text() {
        let text = "d: \"é – ü\"\nk: 0.0.0.0/0\n";
        let root = p(text);
        let k = root.get("k").unwrap();
        assert_eq!(slice(text, k), "0.0.0.0/0");
    }

    #[test]
    fn block_collections_end_at_their_last_item() {
        let text = "a:\n  - x\n  - y\nb: 1\n";
        let root = p(text);
        assert_eq!(slice(text, root.get("a").unwrap()), "- x\n  - y");
    }

    #[test]
    fn every_document_of_a_stream_is_read_with_spans_into_the_file() {
        let text = "---\na: 1\n---\n# second\nb: &x [2]\nc: *x\n...\n---\nd: 3\n";
        let docs = parse_documents(text, FileId(0)).unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1].get("c").unwrap().as_list().unwrap().len(), 1);
        let d = docs[2].get("d").unwrap();
        assert_eq!(d.span.start as usize, text.rfind('3').unwrap());
        // `parse` reads the first document only, even when a later one is broken, and a stream
        // keeps the documents before the broken one.
        let broken = "a: 1\n---\nb: [\n";
        assert!(parse(broken, FileId(0)).is_ok());
        assert!(parse_documents(broken, FileId(0)).is_err());
        let (documents, error) = parse_stream(broken, FileId(0));
        assert_eq!(documents.len(), 1);
        assert!(error.unwrap().message.starts_with("invalid YAML"));
    }

    #[test]
    fn flow_collections_indented_as_pyyaml_accepts() {
        // Each layout loads with PyYAML 6 (so cfn-lint and the AWS CLI).
        for text in [
            "R:\n  X:\n    K: [\n      a,\n      b\n    ]\n    L: z\n",
            "R:\n  X:\n    K: [\n    a,\n    b\n    ]\n    L: z\n",
            "R:\n  X:\n    K: [\n      a,\n      b\n  ]\n    L: z\n",
            "R:\n  X:\n    K: [\na,\nb\n]\n    L: z\n",
            "R:\n  X:\n    K: !Join [\n    '', [a, b]\n    ]\n    L: z\n",
        ] {
            let root = parse(text, FileId(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            let x = root.path(&["R", "X"]).unwrap();
            assert_eq!(x.get("L").unwrap().as_str(), Some("z"), "{text:?}");
            let b = x.get("K").unwrap().walk_strings();
            assert!(b.contains(&"b".to_string()), "{text:?}: {b:?}");
        }
        let text = "R:\n  X:\n    K: {\n    a: 1,\n    b: 0.0.0.0/0\n    }\n";
        let root = parse(text, FileId(0)).unwrap();
        let b = root.path(&["R", "X", "K", "b"]).unwrap();
        assert_eq!(slice(text, b), "0.0.0.0/0");
    }

    #[test]
    fn aliases_are_expanded_but_bounded() {
        let root = p("a: &x [1, 2]\nb: *x\n");
        assert_eq!(root.get("b").unwrap().as_list().unwrap().len(), 2);
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (i, prev) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
            let name = ["b", "c", "d", "e", "f", "g"][i];
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let err = parse(&bomb, FileId(0)).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
    }

    #[test]
    fn aliases_of_large_strings_are_charged_their_bytes() {
        // 100 aliases of a 50 KB string are 100 nodes but 5 MB.
        let text = format!(
            "s: &s '{}'\nl: [{}]\n",
            "x".repeat(50_000),
            vec!["*s"; 100].join(", ")
        );
        let err = parse(&text, FileId(0)).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
        assert_eq!(slice(&text, &Node::new(Value::Null, err.span)), "*s");
        // A few are fine.
        let text = format!("s: &s '{}'\nl: [*s, *s]\n", "x".repeat(50_000));
        assert_eq!(p(&text).get("l").map(|l| l.items().len()), Some(2));
    }

    #[test]
    fn anchors_nested_in_anchors_are_bounded() {
        let depth = 40;
        let mut text = String::from("m: ");
        for i in 0..depth {
            text.push_str(&format!("&a{i} ["));
        }
        text.push_str(&vec!["1"; 20_000].join(", "));
        text.push_str(&"]".repeat(depth));
        text.push('\n');
        let err = parse(&text, FileId(0)).unwrap_err();
        assert!(err.message.contains("anchors"), "{}", err.message);
        // The innermost collections were copied; the error is at one that would copy too much.
        assert!(err.span.start > 3 && (err.span.start as usize) < depth * 6);
        // One level of anchoring of the same list is fine.
        let text = format!("m: &a [{}]\n", vec!["1"; 20_000].join(", "));
        assert_eq!(p(&text).get("m").map(|l| l.items().len()), Some(20_000));
    }

    #[test]
    fn anchors_in_no_other_anchor_are_not_charged() {
        // 400,000 items of 2 bytes each are 12.8 MB as nodes are charged, 800 KB of text:
        // nothing is nested, so nothing is copied twice.
        let items = vec!["1"; 400_000].join(",");
        let text = format!("Metadata: &a [{items}]\nOther: x\n");
        let root = p(&text);
        assert_eq!(root.get("Metadata").map(|l| l.items().len()), Some(400_000));
        assert_eq!(root.get("Other").and_then(Node::as_str), Some("x"));
        // Many anchors side by side, a few with an alias.
        let list = vec!["1"; 1_000].join(",");
        let text: String = (0..400)
            .map(|i| format!("a{i}: &a{i} [{list}]\n"))
            .chain((0..400).step_by(40).map(|i| format!("b{i}: *a{i}\n")))
            .collect();
        let root = p(&text);
        assert_eq!(root.get("b360").map(|l| l.items().len()), Some(1_000));
        // A list inside an anchored node is copied twice, and that copy is charged: a small
        // one is within the budget, the same large one is not (12.8 MB charged for 800 KB).
        let small = vec!["1"; 20_000].join(",");
        let text = format!("m: &o {{k: &i [{small}]}}\n");
        assert!(parse(&text, FileId(0)).is_ok());
        let text = format!("m: &o {{k: &i [{items}]}}\n");
        let err = parse(&text, FileId(0)).unwrap_err();
        assert!(err.message.contains("anchors nested"), "{}", err.message);
        assert_eq!(err.span.start as usize, text.find("&i").unwrap());
    }

    #[test]
    fn nested_inline_merges_move_their_entries() {
        let root = p("m: {<<: {<<: {a: 1, b: 1}, b: 2}, c: 3}\n");
        let number = |key: &str| root.path(&["m", key]).map(|n| n.value.clone());
        assert_eq!(number("a"), Some(Value::Number(1.0)));
        assert_eq!(number("b"), Some(Value::Number(2.0)));
        assert_eq!(number("c"), Some(Value::Number(3.0)));
        // More keys than are looked up one by one: the mapping is rebuilt, same meaning.
        let own: Vec<String> = (0..40).map(|i| format!("k{i}: 2")).collect();
        let text = format!("m: {{<<: {{k0: 1, z: 1}}, {}}}\n", own.join(", "));
        let root = p(&text);
        let map = root.get("m").and_then(Node::as_map).map(|m| m.len());
        assert_eq!(map, Some(41));
        assert_eq!(
            root.path(&["m", "k0"]).map(|n| n.value.clone()),
            Some(Value::Number(2.0))
        );
        assert_eq!(
            root.path(&["m", "z"]).map(|n| n.value.clone()),
            Some(Value::Number(1.0))
        );
    }

    #[test]
    fn merge_keys_merge_as_pyyaml_merges_them() {
        let text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\n\
                    c:\n  w: 0\n  <<: *a\n  x: 3\n\
                    d:\n  <<: [*a, *b]\n\
                    e:\n  '<<': *a\n";
        let root = p(text);
        let number = |path: &[&str]| root.path(path).map(|n| n.value.clone());
        // Its own keys win wherever they are written; the rest come from the merged map.
        assert_eq!(number(&["c", "x"]), Some(Value::Number(3.0)));
        assert_eq!(number(&["c", "y"]), Some(Value::Number(1.0)));
        assert_eq!(number(&["c", "w"]), Some(Value::Number(0.0)));
        assert!(root.path(&["c", "<<"]).is_none());
        // In a list, the first mapping wins.
        assert_eq!(number(&["d", "y"]), Some(Value::Number(1.0)));
        assert_eq!(number(&["d", "z"]), Some(Value::Number(2.0)));
        // A quoted `<<` is a key like any other.
        assert!(root.path(&["e", "<<", "x"]).is_some());
        // A key tagged `!!merge` merges, whatever it is written as.
        let root = p("a: &a {x: 1}\nb:\n  !!merge <<: *a\nc:\n  !!merge m: *a\n");
        assert_eq!(
            root.path(&["b", "x"]).map(|n| n.value.clone()),
            Some(Value::Number(1.0))
        );
        assert!(root.path(&["c", "x"]).is_some());
        // PyYAML merges a mapping node or a list of them whatever their tags: a tagged mapping
        // merges its body (its tag is dropped), in a list too, and through an alias.
        let text = "a: &a !Foo {x: 1, y: 1}\n\
                    b:\n  <<: !Foo {x: 2}\n  z: 0\n\
                    c:\n  <<: [!Ref {x: 3}, {x: 4, y: 4}]\n\
                    d:\n  <<: !Bar [{x: 5}, !Baz {y: 5}]\n\
                    e:\n  <<: *a\n";
        let root = p(text);
        let number = |path: &[&str]| root.path(path).map(|n| n.value.clone());
        assert_eq!(number(&["b", "x"]), Some(Value::Number(2.0)));
        assert_eq!(number(&["b", "z"]), Some(Value::Number(0.0)));
        assert!(root.path(&["b", "Fn::Foo"]).is_none());
        assert_eq!(
            root.get("b").and_then(Node::as_map).map(|m| m.len()),
            Some(2)
        );
        assert_eq!(number(&["c", "x"]), Some(Value::Number(3.0)));
        assert_eq!(number(&["c", "y"]), Some(Value::Number(4.0)));
        assert!(root.path(&["c", "Ref"]).is_none());
        assert_eq!(number(&["d", "x"]), Some(Value::Number(5.0)));
        assert_eq!(number(&["d", "y"]), Some(Value::Number(5.0)));
        assert_eq!(number(&["e", "x"]), Some(Value::Number(1.0)));
        // Elsewhere a tagged mapping keeps its long form.
        assert_eq!(number(&["a", "Fn::Foo", "x"]), Some(Value::Number(1.0)));
        // A merged value keeps the span of what was written.
        let x = root.path(&["b", "x"]).unwrap();
        assert_eq!(x.span.start as usize, text.find("{x: 2}").unwrap() + 4);
        // Only mappings merge, as PyYAML refuses anything else: a scalar, a list of scalars, and
        // a short-form tag, which this parser reads as a mapping (`{Ref: X}`) but is written as
        // a scalar; an alias of one too.
        for text in [
            "a: &a [1]\nb:\n  <<: *a\n",
            "b:\n  <<: !Ref X\n  y: 1\n",
            "b:\n  <<: [!Ref X]\n",
            "b:\n  <<: !GetAtt [A, B]\n",
            "a: &a !Ref X\nb:\n  <<: *a\n",
            "b:\n  <<: !Foo [{x: 1}, y]\n",
            "b:\n  <<: [!Foo [x], {y: 1}]\n",
        ] {
            let err = parse(text, FileId(0)).unwrap_err();
            assert!(
                err.message.contains("merge key"),
                "{text:?}: {}",
                err.message
            );
        }
    }

    #[test]
    fn aliases_count_the_depth_of_what_they_paste() {
        // `x: &a [[...h levels]]` then `y: [[...d levels *a]]`: the alias sits at depth d + 1
        // (the root mapping and d lists), so it fits while d + 1 + h <= MAX_DEPTH.
        let text = |h: usize, d: usize| {
            format!(
                "x: &a {}1{}\ny: {}*a{}\n",
                "[".repeat(h),
                "]".repeat(h),
                "[".repeat(d),
                "]".repeat(d)
            )
        };
        let (h, d) = (100, MAX_DEPTH - 101);
        let root = p(&text(h, d));
        let mut depth = 0;
        let mut y = root.get("y").unwrap();
        while let Some(first) = y.as_list().and_then(|l| l.first()) {
            depth += 1;
            y = first;
        }
        assert_eq!(depth, h + d);
        let deeper = text(h, d + 1);
        let err = parse(&deeper, FileId(0)).unwrap_err();
        assert!(err.message.contains("too deep"), "{}", err.message);
        assert_eq!(err.span.start as usize, deeper.find("*a").unwrap());
        assert_eq!(slice(&deeper, &Node::new(Value::Null, err.span)), "*a");
        // An anchor holding aliases carries their height on to its own aliases.
        let chain = "a: &a [[[1]]]\nb: &b [[*a]]\nc: &c [[*b]]\n";
        let fits = format!("{chain}d: {}*c{}\n", "[".repeat(248), "]".repeat(248));
        assert!(parse(&fits, FileId(0)).is_ok());
        let over = format!("{chain}d: {}*c{}\n", "[".repeat(249), "]".repeat(249));
        let err = parse(&over, FileId(0)).unwrap_err();
        assert!(err.message.contains("7 levels"), "{}", err.message);
    }

    #[test]
    fn the_deepest_tree_aliases_can_build_is_built_and_dropped_on_a_small_stack() {
        // Chains of anchors 200 levels deep each, every level tagged (a tag is a mapping in
        // the tree built, so twice as deep): before heights were counted, each alias added its
        // whole depth and building, walking or dropping the tree overflowed the stack.
        let mut text = String::from("a0: &a0 1\n");
        for i in 1..30 {
            let open = "!If [".repeat(200);
            let close = "]".repeat(200);
            text.push_str(&format!("a{i}: &a{i} {open}*a{}{close}\n", i - 1));
        }
        let outcome = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || parse(&text, FileId(0)).map(drop).map_err(|e| e.message))
            .unwrap()
            .join()
            .unwrap();
        let message = outcome.unwrap_err();
        assert!(message.contains("too deep"), "{message}");
        let text = format!("a: {}1{}\n", "!If [".repeat(255), "]".repeat(255));
        let outcome = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || parse(&text, FileId(0)).map(drop).is_ok())
            .unwrap()
            .join()
            .unwrap();
        assert!(outcome);
    }

    #[test]
    fn depth_is_bounded_and_errors_are_located() {
        let deep = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
        let err = parse(&deep, FileId(0)).unwrap_err();
        assert!(
            err.message.contains("deep") || err.message.contains("recursion"),
            "{}",
            err.message
        );
        let err = parse("a: [1, 2\nb: 3\n", FileId(0)).unwrap_err();
        assert!(err.message.starts_with("invalid YAML"));
    }
}
