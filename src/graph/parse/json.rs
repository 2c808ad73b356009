//! A strict JSON parser that records the byte span of every value and key.
//!
//! serde_json drops positions and jsonc-parser is lenient by default; CloudFormation JSON and plan
//! files need neither comments nor trailing commas, but they do need a span on every value.

use super::SyntaxError;
use crate::graph::value::{KeyInterner, MapBuilder, TextBuilder};
use crate::graph::{Node, Value};
use crate::source::{FileId, Span, holds_byte, holds_byte_below};

/// Nesting deeper than this is rejected instead of risking the stack on hostile input.
pub const MAX_DEPTH: usize = 256;

/// Where the parsed text sits: spans are `base + offset` in `file`, or all `fallback` when the
/// text was unescaped from a string literal and offsets no longer line up.
#[derive(Clone, Copy)]
pub enum Placement {
    At { file: FileId, base: usize },
    Whole(Span),
}

pub fn parse(text: &str, file: FileId) -> Result<Node, SyntaxError> {
    parse_placed(text, Placement::At { file, base: 0 })
}

pub fn parse_placed(text: &str, placement: Placement) -> Result<Node, SyntaxError> {
    parse_with(text, Layout::Placed(placement), &[], false)
}

/// Like [`parse`], but the values at `dropped` paths (object keys from the root, `*` for any
/// array element) are checked and then replaced by `null` with their span, as they are read:
/// a large document's parts nobody reads then never all sit in memory at once.
pub fn parse_dropping(text: &str, file: FileId, dropped: &[&[&str]]) -> Result<Node, SyntaxError> {
    let mut p = Parser::new(
        text,
        Layout::Placed(Placement::At { file, base: 0 }),
        &[],
        false,
    );
    p.dropped = dropped;
    p.document()
}

/// A document whose top-level object is located member by member but not parsed: a large
/// document's parts can then be read one at a time, in the order the reader needs, and a large
/// array one item at a time, so no more than one item's tree is in memory beside what the
/// reader keeps of it. Spans are those [`parse`] gives.
pub struct Members<'a> {
    text: &'a str,
    file: FileId,
    /// Key and byte range of each member's value, in order; a repeated key appears again.
    members: Vec<(String, std::ops::Range<usize>)>,
}

impl<'a> Members<'a> {
    /// Checks the whole text as [`parse`] would, building no value. `None` when the text is not
    /// one JSON object, or not valid (then [`parse`] it for the located error).
    pub fn scan(text: &'a str, file: FileId) -> Option<Members<'a>> {
        Members::scan_parsing_later(text, file, &[])
    }

    /// [`Members::scan`], except that the arrays and objects of the members named in
    /// `parsed_later` are only found, by their brackets and strings, not checked: the caller
    /// parses each of them in full, which checks it then, and reading a plan's changes twice
    /// was the largest cost of loading it. Treat a failed parse of such a member as an invalid
    /// text ([`parse`] it whole for the located error). An earlier occurrence of a repeated
    /// key, which [`Members::parse`] never reads, is checked here.
    pub fn scan_parsing_later(
        text: &'a str,
        file: FileId,
        parsed_later: &[&str],
    ) -> Option<Members<'a>> {
        let mut p = Parser::new(
            text,
            Layout::Placed(Placement::At { file, base: 0 }),
            &[],
            false,
        );
        let mut members: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        // Members found by their brackets only.
        let mut unchecked = Vec::new();
        p.skip_ws();
        if p.bytes.get(p.pos) != Some(&b'{') {
            return None;
        }
        p.pos += 1;
        p.skip_ws();
        if p.bytes.get(p.pos) == Some(&b'}') {
            p.pos += 1;
        } else {
            loop {
                p.skip_ws();
                if p.bytes.get(p.pos) != Some(&b'"') {
                    return None;
                }
                let Ok(Text::Known(key)) = p.string() else {
                    return None;
                };
                p.skip_ws();
                p.expect(b':', "expected `:`").ok()?;
                p.skip_ws();
                let start = p.pos;
                let later = parsed_later.contains(&key.as_str())
                    && matches!(p.bytes.get(p.pos), Some(b'[' | b'{'));
                if later {
                    p.skip_brackets()?;
                    unchecked.push(members.len());
                } else {
                    p.skip_value(1).ok()?;
                }
                members.push((key, start..p.pos));
                p.skip_ws();
                match p.bytes.get(p.pos) {
                    Some(b',') => p.pos += 1,
                    Some(b'}') => {
                        p.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        p.skip_ws();
        if p.pos != p.bytes.len() {
            return None;
        }
        for i in unchecked {
            let Some((key, range)) = members.get(i) else {
                continue;
            };
            let repeated = members.iter().skip(i + 1).any(|(k, _)| k == key);
            if repeated {
                p.pos = range.start;
                p.skip_value(1).ok()?;
            }
        }
        Some(Members {
            text,
            file,
            members,
        })
    }

    /// The located error [`parse`] would give for a text [`Members::scan`] refused, found the
    /// same way (building no value); `None` when the text is valid JSON. For a text too large to
    /// parse whole.
    pub fn syntax_error(text: &str, file: FileId) -> Option<SyntaxError> {
        let mut p = Parser::new(
            text,
            Layout::Placed(Placement::At { file, base: 0 }),
            &[],
            false,
        );
        p.skip_ws();
        // The root is at depth 0, as in `document`.
        if let Err(e) = p.skip_value(0) {
            return Some(e);
        }
        p.skip_ws();
        (p.pos != p.bytes.len()).then(|| p.error("unexpected content after the JSON value"))
    }

    /// Where the value of `key` is; the last one when the key is repeated, as [`parse`] keeps.
    fn range(&self, key: &str) -> Option<std::ops::Range<usize>> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.clone())
    }

    pub fn has(&self, key: &str) -> bool {
        self.range(key).is_some()
    }

    /// The first byte of the value of `key`: `[` for an array.
    pub fn starts_with(&self, key: &str, byte: u8) -> bool {
        self.range(key)
            .is_some_and(|r| self.text.as_bytes().get(r.start) == Some(&byte))
    }

    /// The value of `key`, parsed.
    pub fn parse(&self, key: &str) -> Option<Result<Node, SyntaxError>> {
        let range = self.range(key)?;
        let mut p = self.parser(range.start);
        Some(p.value(1))
    }

    /// Parses the items of the array at `key` one at a time, in order, handing each to `each`;
    /// values at `dropped` paths (from the root, as in [`parse_dropping`]) are checked and left
    /// out. `None` when there is no such member.
    pub fn for_each_item(
        &self,
        key: &str,
        dropped: &[&[&str]],
        mut each: impl FnMut(Node),
    ) -> Option<Result<(), SyntaxError>> {
        let range = self.range(key)?;
        let mut p = self.parser(range.start);
        p.dropped = dropped;
        p.path.push(key.to_string());
        Some((|| {
            p.expect(b'[', "expected an array")?;
            p.skip_ws();
            if p.bytes.get(p.pos) == Some(&b']') {
                return Ok(());
            }
            loop {
                p.skip_ws();
                let stepped = p.enter(1, "*");
                each(p.value_at(stepped, 2)?);
                p.skip_ws();
                match p.bytes.get(p.pos) {
                    Some(b',') => p.pos += 1,
                    Some(b']') => return Ok(()),
                    _ => return Err(p.error("expected `,` or `]`")),
                }
            }
        })())
    }

    fn parser(&self, at: usize) -> Parser<'a> {
        let mut p = Parser::new(
            self.text,
            Layout::Placed(Placement::At {
                file: self.file,
                base: 0,
            }),
            &[],
            false,
        );
        p.pos = at;
        p
    }
}

/// Like [`parse`], but an object that repeats a property keeps every occurrence, in order:
/// HCL's JSON syntax defines repeated properties in block context as more blocks.
pub fn parse_keeping_duplicates(text: &str, file: FileId) -> Result<Node, SyntaxError> {
    parse_with(
        text,
        Layout::Placed(Placement::At { file, base: 0 }),
        &[],
        true,
    )
}

/// One part of a template that may hold a JSON document: literal text, or a value interpolated
/// into it (`${aws_sqs_queue.q.arn}`).
pub enum Piece<'a> {
    /// Text and its span; `offsets`, when known, give the file offset of each byte of the
    /// text and of its end (a heredoc's text is dedented, escapes are shorter than written).
    Text {
        text: &'a str,
        span: Span,
        offsets: Option<&'a [u32]>,
    },
    Hole(Node),
}

/// Stands for a hole in the assembled text: a private-use character that no template of ours
/// contains (one that does is not read this way).
const HOLE: char = '\u{E000}';
const HOLE_BYTES: &[u8] = "\u{E000}".as_bytes();

/// Parses JSON written as a template: holes inside a JSON string make it a partly known string
/// (or the hole's own value when the string is nothing else); a hole where a value goes is
/// that value. Spans point into the literal text where its offsets are known, else at its piece.
pub fn parse_template(pieces: &[Piece<'_>], span: Span) -> Result<Node, SyntaxError> {
    let mut text = String::new();
    let mut segments = Vec::with_capacity(pieces.len());
    let mut holes = Vec::new();
    for piece in pieces {
        let start = text.len();
        let (piece_span, offsets) = match piece {
            Piece::Text {
                text: t,
                span,
                offsets,
            } => {
                if t.contains(HOLE) {
                    return Err(SyntaxError::new(
                        "template text holds a reserved character",
                        *span,
                    ));
                }
                text.push_str(t);
                (*span, offsets.filter(|o| o.len() == t.len() + 1))
            }
            Piece::Hole(node) => {
                text.push(HOLE);
                holes.push(node.clone());
                (node.span, None)
            }
        };
        segments.push(Segment {
            start,
            end: text.len(),
            span: piece_span,
            offsets,
        });
    }
    parse_with(
        &text,
        Layout::Pieces {
            segments: &segments,
            fallback: span,
        },
        &holes,
        false,
    )
}

/// A piece of an assembled template text and where it came from.
struct Segment<'a> {
    start: usize,
    end: usize,
    span: Span,
    offsets: Option<&'a [u32]>,
}

#[derive(Clone, Copy)]
enum Layout<'a> {
    Placed(Placement),
    Pieces {
        segments: &'a [Segment<'a>],
        fallback: Span,
    },
}

fn parse_with(
    text: &str,
    layout: Layout<'_>,
    holes: &[Node],
    keep_duplicates: bool,
) -> Result<Node, SyntaxError> {
    Parser::new(text, layout, holes, keep_duplicates).document()
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    layout: Layout<'a>,
    holes: &'a [Node],
    next_hole: usize,
    keep_duplicates: bool,
    /// Paths whose values are dropped once read (see [`parse_dropping`]).
    dropped: &'a [&'a [&'a str]],
    /// Where the parser is, while it is inside a prefix of a dropped path.
    path: Vec<String>,
    /// Every item of a plan's `resource_changes` has the same keys: each is held once.
    keys: KeyInterner,
}

/// A string read from the text: known, or built around holes.
enum Text {
    Known(String),
    Partial(Node),
}

impl<'a> Parser<'a> {
    fn new(
        text: &'a str,
        layout: Layout<'a>,
        holes: &'a [Node],
        keep_duplicates: bool,
    ) -> Parser<'a> {
        Parser {
            bytes: text.as_bytes(),
            text,
            pos: 0,
            layout,
            holes,
            next_hole: 0,
            keep_duplicates,
            dropped: &[],
            path: Vec::new(),
            keys: KeyInterner::default(),
        }
    }

    fn document(mut self) -> Result<Node, SyntaxError> {
        self.skip_ws();
        let node = self.value(0)?;
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.error("unexpected content after the JSON value"));
        }
        Ok(node)
    }

    /// Is the parser inside a prefix of a dropped path (`whole`: on the whole path)? Only asked
    /// while `path` holds every step from the root, so cheap when nothing is dropped.
    fn on_dropped_path(&self, whole: bool) -> bool {
        self.dropped.iter().any(|d| {
            (if whole {
                d.len() == self.path.len()
            } else {
                d.len() > self.path.len()
            }) && d
                .iter()
                .zip(&self.path)
                .all(|(want, at)| *want == "*" || want == at)
        })
    }

    /// Steps into `segment` when that stays on a dropped path; says whether it stepped.
    fn enter(&mut self, depth: usize, segment: &str) -> bool {
        if self.dropped.is_empty() || self.path.len() != depth {
            return false;
        }
        self.path.push(segment.to_string());
        if self.on_dropped_path(true) || self.on_dropped_path(false) {
            true
        } else {
            self.path.pop();
            false
        }
    }

    /// Reads the value at the parser's position, where [`Parser::enter`] said whether it
    /// `stepped`, and leaves the path. A value on a whole dropped path is only checked, as
    /// [`Parser::skip_value`] checks (the grammar [`Parser::value`] accepts, templates aside),
    /// and stands as `null` with its span: built, its strings would be allocated and its keys
    /// shared for the rest of the parse only to be thrown away, and a plan's `before` values
    /// hold keys no `after` has.
    fn value_at(&mut self, stepped: bool, depth: usize) -> Result<Node, SyntaxError> {
        if !stepped {
            return self.value(depth);
        }
        let dropped = self.on_dropped_path(true);
        let value = if dropped && self.holes.is_empty() {
            let start = self.pos;
            self.skip_value(depth)?;
            Node::new(Value::Null, self.span(start, self.pos))
        } else {
            let value = self.value(depth)?;
            match dropped {
                true => Node::new(Value::Null, value.span),
                false => value,
            }
        };
        self.path.pop();
        Ok(value)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        match self.layout {
            Layout::Placed(Placement::At { file, base }) => {
                Span::new(file, base + start, base + end)
            }
            Layout::Placed(Placement::Whole(span)) => span,
            Layout::Pieces { segments, fallback } => {
                let at = |offset: usize| {
                    let i = segments.partition_point(|s| s.end <= offset);
                    segments.get(i.min(segments.len().saturating_sub(1)))
                };
                let (Some(first), Some(last)) = (at(start), at(end.saturating_sub(1).max(start)))
                else {
                    return fallback;
                };
                let from = match first.offsets {
                    Some(o) => o.get(start - first.start).map_or(first.span.start, |&o| o),
                    None => first.span.start,
                } as usize;
                let to = match last.offsets {
                    Some(o) => o
                        .get(end.max(last.start) - last.start)
                        .map_or(last.span.end, |&o| o),
                    None => last.span.end,
                } as usize;
                if first.span.file == last.span.file && from <= to {
                    Span::new(first.span.file, from, to)
                } else {
                    fallback
                }
            }
        }
    }

    fn at_hole(&self) -> bool {
        !self.holes.is_empty()
            && self
                .bytes
                .get(self.pos..)
                .is_some_and(|b| b.starts_with(HOLE_BYTES))
    }

    fn take_hole(&mut self) -> Result<Node, SyntaxError> {
        let hole = self
            .holes
            .get(self.next_hole)
            .cloned()
            .ok_or_else(|| self.error("template hole without a value"))?;
        self.next_hole += 1;
        self.pos += HOLE_BYTES.len();
        Ok(hole)
    }

    fn error(&self, message: &str) -> SyntaxError {
        let at = self.pos.min(self.bytes.len());
        let found = match self.bytes.get(at) {
            Some(&b) if b.is_ascii_graphic() => format!(", found `{}`", b as char),
            Some(_) => String::new(),
            None => ", found end of file".to_string(),
        };
        // The whole character, not its first byte: a span must not split a character.
        let continuation = |i: usize| self.bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80);
        let mut end = (at + 1).min(self.bytes.len());
        while continuation(end) {
            end += 1;
        }
        SyntaxError::new(
            format!("invalid JSON: {message}{found}"),
            self.span(at, end),
        )
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting is too deep"));
        }
        let start = self.pos;
        if self.at_hole() {
            // `"Resource": ${jsonencode(local.arns)}`: the interpolated value itself.
            let hole = self.take_hole()?;
            return Ok(Node::new(hole.value, self.span(start, self.pos)));
        }
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => match self.string()? {
                Text::Known(s) => Ok(Node::new(Value::String(s), self.span(start, self.pos))),
                Text::Partial(node) => Ok(Node::new(node.value, self.span(start, self.pos))),
            },
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Checks a value as [`Parser::value`] does, building nothing.
    fn skip_value(&mut self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting is too deep"));
        }
        let (close, what) = match self.bytes.get(self.pos) {
            Some(b'{') => (b'}', "expected `,` or `}`"),
            Some(b'[') => (b']', "expected `,` or `]`"),
            Some(b'"') => return self.skip_string(),
            Some(b't') => return self.literal("true", Value::Null).map(drop),
            Some(b'f') => return self.literal("false", Value::Null).map(drop),
            Some(b'n') => return self.literal("null", Value::Null).map(drop),
            // Its grammar only: the value is not needed.
            Some(b'-' | b'0'..=b'9') => return self.number_text().map(drop),
            _ => return Err(self.error("expected a value")),
        };
        self.pos += 1;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&close) {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            if close == b'}' {
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(self.error("expected a property name in double quotes"));
                }
                self.skip_string()?;
                self.skip_ws();
                self.expect(b':', "expected `:`")?;
                self.skip_ws();
            }
            self.skip_value(depth + 1)?;
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(&b) if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.error(what)),
            }
        }
    }

    /// Moves past the array or object at the parser's position by its brackets and strings
    /// alone, checking nothing else (see [`Members::scan_parsing_later`]); `None` when the
    /// text ends first. Counts depth without recursing, so no nesting is too deep for it.
    fn skip_brackets(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    loop {
                        self.pos = plain_chunks_end(self.bytes, self.pos, b'"');
                        while let Some(&b) = self.bytes.get(self.pos) {
                            if b == b'"' || b == b'\\' {
                                break;
                            }
                            self.pos += 1;
                        }
                        match *self.bytes.get(self.pos)? {
                            b'"' => break,
                            // A backslash and the byte it escapes.
                            _ => self.pos += 2,
                        }
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        self.pos += 1;
                        return Some(());
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Checks a string as [`Parser::string`] does, keeping nothing of it.
    fn skip_string(&mut self) -> Result<(), SyntaxError> {
        self.expect(b'"', "expected a string")?;
        let mut escaped = String::new();
        loop {
            self.pos = plain_chunks_end(self.bytes, self.pos, b'"');
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    escaped.clear();
                    self.escape(&mut escaped)?;
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Node, SyntaxError> {
        let start = self.pos;
        if self
            .bytes
            .get(start..)
            .is_some_and(|b| b.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(Node::new(value, self.span(start, self.pos)))
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let text = self.number_text()?;
        let n: f64 = text.parse().map_err(|_| self.error("invalid number"))?;
        Ok(Node::new(Value::Number(n), self.span(start, self.pos)))
    }

    /// Reads the text of a number, checking it against JSON's grammar.
    fn number_text(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        self.digits();
        let int = self.bytes.get(int_start..self.pos).unwrap_or_default();
        if int.is_empty() || (int.len() > 1 && int.first() == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        self.text
            .get(start..self.pos)
            .ok_or_else(|| self.error("invalid number"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn string(&mut self) -> Result<Text, SyntaxError> {
        self.expect(b'"', "expected a string")?;
        let mut out = String::new();
        // Set once a hole is met: `"arn:aws:s3:::${bucket}/*"`.
        let mut built: Option<TextBuilder> = None;
        let mut holes = Vec::new();
        let mut has_text = false;
        loop {
            let run_start = self.pos;
            self.pos = plain_chunks_end(self.bytes, self.pos, 0xEE);
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 || (b == 0xEE && self.at_hole()) {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            if self.at_hole() {
                let hole = self.take_hole()?;
                let builder = built.get_or_insert_with(TextBuilder::default);
                has_text |= !out.is_empty();
                builder.push_str(&std::mem::take(&mut out));
                if !builder.push_value(&hole) {
                    // A list or map has no text: Terraform refuses it in a string.
                    builder.push_value(&Node::unknown("a collection in a string", hole.span));
                }
                holes.push(hole);
                continue;
            }
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    let Some(mut builder) = built else {
                        return Ok(Text::Known(out));
                    };
                    has_text |= !out.is_empty();
                    builder.push_str(&out);
                    // `"${aws_sqs_queue.q.arn}"` is the reference itself, as with
                    // `jsonencode`; text around a hole makes a partly known string.
                    return Ok(match holes.pop() {
                        Some(hole) if holes.is_empty() && !has_text && hole.is_unknown() => {
                            Text::Partial(hole)
                        }
                        _ => Text::Partial(builder.finish("template uses ", Span::default())),
                    });
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(&b) = self.bytes.get(self.pos) else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xD800..0xDC00).contains(&hi) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(hi).ok_or_else(|| self.error("invalid \\u escape"))?
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        let v = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    fn array(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Node::new(Value::List(items), self.span(start, self.pos)));
        }
        loop {
            self.skip_ws();
            let stepped = self.enter(depth, "*");
            let item = self.value_at(stepped, depth + 1)?;
            items.push(item);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    crate::graph::value::fit(&mut items);
                    return Ok(Node::new(Value::List(items), self.span(start, self.pos)));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut map = MapBuilder::default();
        // A key built around a hole: which keys the object has is not known.
        let mut unknown_key = false;
        // Every property in order, when repeated ones are kept.
        let mut repeated = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Node::new(
                Value::Map(map.finish()),
                self.span(start, self.pos),
            ));
        }
        loop {
            self.skip_ws();
            let key_start = self.pos;
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error("expected a property name in double quotes"));
            }
            let key = self.string()?;
            let key_span = self.span(key_start, self.pos);
            self.skip_ws();
            self.expect(b':', "expected `:`")?;
            self.skip_ws();
            let stepped = match &key {
                Text::Known(key) => self.enter(depth, key),
                Text::Partial(_) => false,
            };
            let value = self.value_at(stepped, depth + 1)?;
            match key {
                Text::Known(key) if self.keep_duplicates => repeated.push(crate::graph::Entry {
                    key: self.keys.key(key),
                    key_span,
                    value,
                }),
                Text::Known(key) => map.insert(self.keys.key(key), key_span, value),
                Text::Partial(_) => unknown_key = true,
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    let span = self.span(start, self.pos);
                    if unknown_key {
                        return Ok(Node::unknown("object key not known statically", span));
                    }
                    let map = match self.keep_duplicates {
                        true => crate::graph::Map { entries: repeated },
                        false => map.finish(),
                    };
                    return Ok(Node::new(Value::Map(map), span));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

/// Where the run of 8-byte words from `at` that a string holds as they are ends: words with no
/// `"`, `\\`, control character or `also` (a byte the caller looks at itself). The caller's
/// byte loop then finds the exact stop; this only skips the plain middle of long strings a word
/// at a time, which is most of a large plan's text.
fn plain_chunks_end(bytes: &[u8], mut at: usize, also: u8) -> usize {
    while let Some(chunk) = bytes.get(at..at.saturating_add(8)) {
        let Ok(word) = <[u8; 8]>::try_from(chunk).map(u64::from_le_bytes) else {
            break;
        };
        // `|`, not `||`: the four tests are cheaper than the branches that would skip some.
        if holds_byte_below(word, 0x20)
            | holds_byte(word, b'"')
            | holds_byte(word, b'\\')
            | holds_byte(word, also)
        {
            break;
        }
        at += 8;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, SyntaxError> {
        parse(text, FileId(0))
    }

    #[test]
    fn plain_words_are_skipped_up_to_the_word_holding_a_stop() {
        let text = b"abcdefgh12345678ABCD\"EFGhijklmnop";
        // The third word holds the quote: the run ends where it starts.
        assert_eq!(plain_chunks_end(text, 0, b'"'), 16);
        for (stop, byte) in [("control", 0x1f_u8), ("escape", b'\\'), ("also", 0xEE)] {
            let mut text = *b"abcdefgh12345678abcdefgh";
            text[13] = byte;
            assert_eq!(plain_chunks_end(&text, 0, 0xEE), 8, "{stop}");
        }
        // Fewer than 8 bytes left: the byte loop reads them.
        assert_eq!(plain_chunks_end(b"abcdefghij", 0, b'"'), 8);
        assert_eq!(plain_chunks_end(b"abc", 0, b'"'), 0);
        // Bytes at 0x20 and above 0x7f (UTF-8) are plain.
        assert_eq!(plain_chunks_end(" é€ü !~x".as_bytes(), 0, b'"'), 8);
    }

    #[test]
    fn records_spans_of_values_and_keys() {
        let text = r#"{"a": [1, "x\n", true], "b": {"c": null}}"#;
        let node = p(text).unwrap();
        let map = node.as_map().unwrap();
        let a = map.get("a").unwrap();
        assert_eq!(
            &text[a.span.start as usize..a.span.end as usize],
            r#"[1, "x\n", true]"#
        );
        let x = &a.as_list().unwrap()[1];
        assert_eq!(x.as_str(), Some("x\n"));
        assert_eq!(
            &text[x.span.start as usize..x.span.end as usize],
            r#""x\n""#
        );
        let b = map.entry("b").unwrap();
        assert_eq!(
            &text[b.key_span.start as usize..b.key_span.end as usize],
            r#""b""#
        );
    }

    #[test]
    fn rejects_leniencies() {
        assert!(p(r#"{"a": 1,}"#).is_err());
        assert!(p("// c\n{}").is_err());
        assert!(p("{'a': 1}").is_err());
        assert!(p("[01]").is_err());
        assert!(p("{} x").is_err());
        assert!(p(r#""\x""#).is_err());
    }

    #[test]
    fn unicode_escapes_and_surrogates() {
        let node = p(r#""\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(node.as_str(), Some("é😀"));
        assert!(p(r#""\ud83d""#).is_err());
    }

    #[test]
    fn keeps_repeated_properties_only_when_asked() {
        let text = r#"{"a": 1, "a": 2}"#;
        let once = p(text).unwrap();
        assert_eq!(once.as_map().unwrap().entries.len(), 1);
        assert_eq!(once.get("a").unwrap().as_i64(), Some(2));
        let both = parse_keeping_duplicates(text, FileId(0)).unwrap();
        let values: Vec<_> = both
            .as_map()
            .unwrap()
            .entries
            .iter()
            .map(|e| e.value.as_i64())
            .collect();
        assert_eq!(values, [Some(1), Some(2)]);
    }

    #[test]
    fn drops_values_at_the_paths_asked_for() {
        let text =
            r#"{"a": {"x": [1, 2], "y": 3}, "b": [{"x": {"z": 1}, "y": 2}, {"x": 4}], "x": 5}"#;
        let root = parse_dropping(text, FileId(0), &[&["a", "x"], &["b", "*", "x"]]).unwrap();
        let kept = parse(text, FileId(0)).unwrap();
        // Dropped values keep their span.
        let at = |n: &Node, path: &[&str]| n.path(path).map(|v| (v.value.clone(), v.span));
        assert_eq!(
            at(&root, &["a", "x"]),
            Some((Value::Null, at(&kept, &["a", "x"]).unwrap().1))
        );
        assert_eq!(root.path(&["a", "y"]), kept.path(&["a", "y"]));
        assert_eq!(root.get("x"), kept.get("x"));
        let items = root.get("b").unwrap().items();
        assert!(
            items
                .iter()
                .all(|i| i.get("x").unwrap().value == Value::Null)
        );
        assert_eq!(
            items[0].get("y"),
            kept.get("b").unwrap().items()[0].get("y")
        );
        // A dropped value is still checked.
        assert!(parse_dropping(r#"{"a": {"x": [1,]}}"#, FileId(0), &[&["a", "x"]]).is_err());
    }

    #[test]
    fn dropped_values_are_checked_as_parse_checks_them_and_share_no_key() {
        let dropped: &[&[&str]] = &[&["c", "*", "before"]];
        let text =
            r#"{"c": [{"before": {"old_key": [{"deep_key": 1}]}, "after": {"new_key": 2}}]}"#;
        let mut p = Parser::new(
            text,
            Layout::Placed(Placement::At {
                file: FileId(0),
                base: 0,
            }),
            &[],
            false,
        );
        p.dropped = dropped;
        let root = p.value(0).unwrap();
        assert_eq!(
            root.path(&["c"]).unwrap().items()[0]
                .get("before")
                .unwrap()
                .value,
            Value::Null
        );
        assert!(p.keys.holds("after") && p.keys.holds("new_key"));
        assert!(!p.keys.holds("old_key") && !p.keys.holds("deep_key"));

        // The same errors, at the same place, as when the value is kept.
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        for bad in [
            r#"{"a": 1,}"#.to_string(),
            r#"{"a" 1}"#.to_string(),
            r#"{1: 1}"#.to_string(),
            r#"[1 2]"#.to_string(),
            r#""\q""#.to_string(),
            r#"[01]"#.to_string(),
            r#"tru"#.to_string(),
            "\"\u{1}\"".to_string(),
            deep,
        ] {
            let text = format!(r#"{{"c": [{{"before": {bad}}}]}}"#);
            let kept = parse(&text, FileId(0)).unwrap_err();
            let dropped = parse_dropping(&text, FileId(0), dropped).unwrap_err();
            assert_eq!(
                (dropped.message, dropped.span),
                (kept.message, kept.span),
                "{bad}"
            );
        }
    }

    #[test]
    fn members_are_located_and_read_one_item_at_a_time() {
        let text = r#"{"a": [{"x": 1, "d": [2]}, {"x": "\u00e9"}], "b": {"c": 1}, "e": [], "b": {"c": 2}}"#;
        let dropped: &[&[&str]] = &[&["a", "*", "d"]];
        let whole = parse_dropping(text, FileId(0), dropped).unwrap();
        let doc = Members::scan(text, FileId(0)).unwrap();
        assert!(doc.has("e") && !doc.has("z"));
        assert!(doc.starts_with("a", b'[') && !doc.starts_with("b", b'['));
        // A repeated key reads as its last value, as in the whole document.
        assert_eq!(doc.parse("b").unwrap().unwrap(), *whole.get("b").unwrap());
        let mut items = Vec::new();
        doc.for_each_item("a", dropped, |i| items.push(i))
            .unwrap()
            .unwrap();
        assert_eq!(
            items,
            whole.get("a").unwrap().items(),
            "same values and spans"
        );
        let mut none = Vec::new();
        doc.for_each_item("e", dropped, |i| none.push(i))
            .unwrap()
            .unwrap();
        assert!(none.is_empty());
        assert!(doc.for_each_item("z", dropped, |_| {}).is_none());
    }

    #[test]
    fn a_scan_refuses_what_parse_refuses() {
        for bad in [
            r#"{"a": [1,]}"#,
            r#"{"a": 1} x"#,
            r#"{"a" 1}"#,
            r#"{"a": "\x"}"#,
            r#"{"a": tru}"#,
            r#"{"a": {"b" : 01}}"#,
            "{\"a\": \"\u{1}\"}",
            r#"{"a": "\ud83d"}"#,
        ] {
            assert!(p(bad).is_err(), "{bad}");
            assert!(Members::scan(bad, FileId(0)).is_none(), "{bad}");
        }
        // Not an object: read whole.
        assert!(Members::scan("[1]", FileId(0)).is_none());
        // The same bound on nesting.
        let nested = |n: usize| format!(r#"{{"a": {}{}}}"#, "[".repeat(n), "]".repeat(n));
        assert!(p(&nested(MAX_DEPTH)).is_ok());
        assert!(Members::scan(&nested(MAX_DEPTH), FileId(0)).is_some());
        assert!(p(&nested(MAX_DEPTH + 1)).is_err());
        assert!(Members::scan(&nested(MAX_DEPTH + 1), FileId(0)).is_none());
        // The error a text too large to parse whole reports is the one `parse` gives: the
        // trailing comma, not the nesting that `parse` allows.
        let text = format!(
            r#"{}, "b": [1,]}}"#,
            nested(MAX_DEPTH).trim_end_matches('}')
        );
        let error = Members::syntax_error(&text, FileId(0)).unwrap();
        assert_eq!(error, p(&text).unwrap_err());
        assert_eq!(error.span.start as usize, text.len() - 2);
        assert!(Members::syntax_error(&nested(MAX_DEPTH), FileId(0)).is_none());
    }

    #[test]
    fn members_parsed_later_are_found_by_their_brackets_and_checked_when_parsed() {
        let text = r#"{"a": [{"s": "x]}\"{["}, [[]]], "b": {"c": [1, 2]}, "d": 3}"#;
        let checked = Members::scan(text, FileId(0)).unwrap();
        let found = Members::scan_parsing_later(text, FileId(0), &["a", "b", "d"]).unwrap();
        assert_eq!(found.members, checked.members, "the same ranges");
        // Invalid inside a member parsed later: found, and its parse fails.
        for bad in [r#"{"a": [1,], "b": 2}"#, r#"{"a": [tru], "b": 2}"#] {
            let doc = Members::scan_parsing_later(bad, FileId(0), &["a"]).unwrap();
            assert!(doc.parse("a").unwrap().is_err(), "{bad}");
            assert!(Members::scan(bad, FileId(0)).is_none(), "{bad}");
        }
        // Brackets that never close, and an earlier occurrence of a repeated key that no parse
        // reads: refused.
        for bad in [
            r#"{"a": [[1]}"#,
            r#"{"a": ["x]}"#,
            r#"{"a": [1,], "a": [2]}"#,
        ] {
            assert!(
                Members::scan_parsing_later(bad, FileId(0), &["a"]).is_none(),
                "{bad}"
            );
        }
    }

    #[test]
    fn skipping_a_number_checks_its_grammar_only() {
        for (text, ok) in [
            ("-0.5e+3", true),
            ("1e999", true),
            ("01", false),
            ("1.", false),
        ] {
            let mut parser = Parser::new(
                text,
                Layout::Placed(Placement::At {
                    file: FileId(0),
                    base: 0,
                }),
                &[],
                false,
            );
            let skipped = parser.skip_value(1).is_ok() && parser.pos == text.len();
            assert_eq!(skipped, ok, "{text}");
            assert_eq!(p(text).is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn bounds_nesting() {
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        let err = p(&deep).unwrap_err();
        assert!(err.message.contains("too deep"));
    }

    fn text(t: &'static str, start: usize) -> Piece<'static> {
        let offsets: Vec<u32> = (start..=start + t.len()).map(|o| o as u32).collect();
        Piece::Text {
            text: t,
            span: Span::new(FileId(0), start, start + t.len()),
            offsets: Some(Box::leak(offsets.into_boxed_slice())),
        }
    }

    #[test]
    fn template_holes_become_partly_known_strings_and_values() {
        use crate::graph::Reference;
        // {"Resource": "${q}", "Arn": "arn:aws:s3:::${b}/*", "List": ${l}}
        let q = Node::new(
            Value::Ref(Box::new(Reference {
                address: "aws_sqs_queue.q".into(),
                attribute: Some("arn".into()),
                path: Vec::new(),
            })),
            Span::new(FileId(0), 16, 22),
        );
        let b = Node::unknown("var.b", Span::new(FileId(0), 45, 51));
        let l = Node::new(
            Value::List(vec![Node::string("x", Span::default())]),
            Span::new(FileId(0), 66, 72),
        );
        let pieces = [
            text("{\"Resource\": \"", 0),
            Piece::Hole(q),
            text("\", \"Arn\": \"arn:aws:s3:::", 22),
            Piece::Hole(b),
            text("/*\", \"List\": ", 51),
            Piece::Hole(l),
            text("}", 72),
        ];
        let node = parse_template(&pieces, Span::new(FileId(0), 0, 73)).unwrap();
        let resource = node.get("Resource").unwrap();
        assert_eq!(resource.as_reference().unwrap().address, "aws_sqs_queue.q");
        assert_eq!(
            resource.span,
            Span::new(FileId(0), 13, 23),
            "the quoted hole"
        );
        let arn = node.get("Arn").unwrap();
        assert_eq!(arn.text_shape(), Some("arn:aws:s3:::*/*"));
        assert!(arn.is_unknown());
        assert_eq!(node.get("List").unwrap().as_list().unwrap().len(), 1);
        assert_eq!(
            node.as_map().unwrap().entry("Arn").unwrap().key_span,
            Span::new(FileId(0), 25, 30)
        );
    }

    #[test]
    fn a_hole_in_a_key_makes_its_object_unknown_not_an_error() {
        let pieces = [
            text("{\"a\": {\"", 0),
            Piece::Hole(Node::unknown("var.k", Span::default())),
            text("\": 1}, \"b\": 2}", 10),
        ];
        let node = parse_template(&pieces, Span::default()).unwrap();
        assert!(node.get("a").unwrap().is_unknown());
        assert_eq!(node.get("b").and_then(Node::as_i64), Some(2));
        let broken = [
            text("{\"a\": ", 0),
            Piece::Hole(Node::unknown("x", Span::default())),
        ];
        assert!(parse_template(&broken, Span::default()).is_err());
    }

    #[test]
    fn an_error_at_a_multibyte_character_spans_the_whole_character() {
        let e = parse("{\"a\" é}", FileId(0)).unwrap_err();
        assert_eq!((e.span.start, e.span.end), (5, 7), "{}", e.message);
    }

    #[test]
    fn error_points_at_offending_byte() {
        let err = p("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(err.span.start, 9);
    }
}
