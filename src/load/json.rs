//! A strict JSON parser that records the byte span of every value and key.
//!
//! serde_json drops positions and jsonc-parser is lenient by default; CloudFormation JSON and plan
//! files need neither comments nor trailing commas, but they do need a span on every value.

use super::LoadError;
use crate::graph::value::MapBuilder;
use crate::graph::{Node, Value};
use crate::source::{FileId, Span};

/// Nesting deeper than this is rejected instead of risking the stack on hostile input.
pub const MAX_DEPTH: usize = 256;

/// Where the parsed text sits: spans are `base + offset` in `file`, or all `fallback` when the
/// text was unescaped from a string literal and offsets no longer line up.
#[derive(Clone, Copy)]
pub enum Placement {
    At { file: FileId, base: usize },
    Whole(Span),
}

pub fn parse(text: &str, file: FileId) -> Result<Node, LoadError> {
    parse_placed(text, Placement::At { file, base: 0 })
}

pub fn parse_placed(text: &str, placement: Placement) -> Result<Node, LoadError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        placement,
    };
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected content after the JSON value"));
    }
    Ok(node)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    placement: Placement,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        match self.placement {
            Placement::At { file, base } => Span::new(file, base + start, base + end),
            Placement::Whole(span) => span,
        }
    }

    fn error(&self, message: &str) -> LoadError {
        let at = self.pos.min(self.bytes.len());
        let found = match self.bytes.get(at) {
            Some(&b) if b.is_ascii_graphic() => format!(", found `{}`", b as char),
            Some(_) => String::new(),
            None => ", found end of file".to_string(),
        };
        LoadError::new(
            format!("invalid JSON: {message}{found}"),
            self.span(at, (at + 1).min(self.bytes.len())),
        )
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), LoadError> {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, LoadError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting is too deep"));
        }
        let start = self.pos;
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node::new(Value::String(s), self.span(start, self.pos)))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Node, LoadError> {
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

    fn number(&mut self) -> Result<Node, LoadError> {
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
        let text = &self.text[start..self.pos];
        let n: f64 = text.parse().map_err(|_| self.error("invalid number"))?;
        Ok(Node::new(Value::Number(n), self.span(start, self.pos)))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn string(&mut self) -> Result<String, LoadError> {
        self.expect(b'"', "expected a string")?;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
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

    fn escape(&mut self, out: &mut String) -> Result<(), LoadError> {
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

    fn hex4(&mut self) -> Result<u32, LoadError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        let v = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    fn array(&mut self, depth: usize) -> Result<Node, LoadError> {
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
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::List(items), self.span(start, self.pos)));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, LoadError> {
        let start = self.pos;
        self.pos += 1;
        let mut map = MapBuilder::default();
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
            let value = self.value(depth + 1)?;
            map.insert(key, key_span, value);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::new(
                        Value::Map(map.finish()),
                        self.span(start, self.pos),
                    ));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, LoadError> {
        parse(text, FileId(0))
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
    fn bounds_nesting() {
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        let err = p(&deep).unwrap_err();
        assert!(err.message.contains("too deep"));
    }

    #[test]
    fn error_points_at_offending_byte() {
        let err = p("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(err.span.start, 9);
    }
}
