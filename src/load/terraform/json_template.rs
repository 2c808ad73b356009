//! A JSON string of Terraform's JSON syntax, rewritten as the HCL quoted template with the same
//! meaning, in no more bytes than the JSON text, so it can stand in its place for hcl-edit.
//!
//! HCL reads the *decoded* JSON string as a standalone template: inside `${...}` a JSON `\"` is
//! a plain quote that starts or ends a string of the expression, not an escaped one. Literal text
//! keeps JSON's escapes where HCL has the same ones, and expression tokens are padded with spaces
//! to start where they are written in the JSON text, so spans inside the string stay exact.

use hcl_edit::Span as _;
use hcl_edit::template::Element;

/// One decoded character of a JSON string and the bytes it takes in the raw text.
struct Decoded {
    c: char,
    start: usize,
    end: usize,
}

enum Mode {
    /// The string's own template text.
    Literal,
    /// Inside `${...}` or `%{...}`: HCL expression tokens, braces counted.
    Expression { depth: usize },
    /// A quoted string inside an expression, as HCL reads it.
    Quoted,
}

/// The quoted template for `raw` (a JSON string literal with its quotes), exactly as long, with
/// tokens at their JSON offsets. `None` when an interpolation holds something this layout
/// cannot keep (a heredoc or a comment) or a literal needs more bytes than JSON used.
pub fn aligned(raw: &str) -> Option<String> {
    let chars = decode(raw)?;
    let mut out = String::with_capacity(raw.len());
    out.push('"');
    let mut modes = vec![Mode::Literal];
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|d| d.c);
    while let Some(d) = chars.get(i) {
        let (c, next, after) = (d.c, at(i + 1), at(i + 2));
        let opens = |c: char| (c == '$' || c == '%') && next == Some('{');
        let escaped_opening = (c == '$' || c == '%') && next == Some(c) && after == Some('{');
        match modes.last() {
            Some(Mode::Literal) => {
                if escaped_opening {
                    out.push(c);
                    out.push(c);
                    out.push('{');
                    i += 3;
                    continue;
                }
                if opens(c) {
                    out.push(c);
                    out.push('{');
                    modes.push(Mode::Expression { depth: 0 });
                    i += 2;
                    continue;
                }
                let written = raw.get(d.start..d.end).unwrap_or("");
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    // HCL reads `\uNNNN` as JSON does, except for surrogate pairs.
                    _ if written.len() == 6 && written.starts_with("\\u") => out.push_str(written),
                    c => out.push(c),
                }
            }
            Some(Mode::Expression { depth }) => {
                let depth = *depth;
                // Padding goes before the character, so it ends where its JSON text ends:
                // spaces are free between expression tokens.
                while out.len() + c.len_utf8() < d.end {
                    out.push(' ');
                }
                match c {
                    '<' if next == Some('<') => return None,
                    '#' => return None,
                    '/' if matches!(next, Some('/' | '*')) => return None,
                    '"' => modes.push(Mode::Quoted),
                    '{' => {
                        modes.pop();
                        modes.push(Mode::Expression { depth: depth + 1 });
                    }
                    '}' if depth == 0 => {
                        modes.pop();
                    }
                    '}' => {
                        modes.pop();
                        modes.push(Mode::Expression { depth: depth - 1 });
                    }
                    _ => {}
                }
                out.push(c);
            }
            Some(Mode::Quoted) => {
                if c == '\\' {
                    out.push(c);
                    if let Some(n) = next {
                        out.push(n);
                    }
                    i += 2;
                    continue;
                }
                if escaped_opening {
                    out.push(c);
                    out.push(c);
                    out.push('{');
                    i += 3;
                    continue;
                }
                if opens(c) {
                    out.push(c);
                    out.push('{');
                    modes.push(Mode::Expression { depth: 0 });
                    i += 2;
                    continue;
                }
                if c == '"' {
                    modes.pop();
                }
                out.push(c);
            }
            None => return None,
        }
        i += 1;
    }
    out.push('"');
    if out.len() > raw.len() {
        return None;
    }
    while out.len() < raw.len() {
        out.push(' ');
    }
    Some(out)
}

/// The characters of a JSON string literal with their raw byte ranges (relative to `raw`,
/// whose first byte is the opening quote). The text was already validated by the JSON parser.
fn decode(raw: &str) -> Option<Vec<Decoded>> {
    let inner = raw.get(1..raw.len().checked_sub(1)?)?;
    let mut out = Vec::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let start = i + 1;
        if c != '\\' {
            out.push(Decoded {
                c,
                start,
                end: start + c.len_utf8(),
            });
            continue;
        }
        let (_, kind) = chars.next()?;
        let (c, len) = match kind {
            '"' => ('"', 2),
            '\\' => ('\\', 2),
            '/' => ('/', 2),
            'b' => ('\u{8}', 2),
            'f' => ('\u{c}', 2),
            'n' => ('\n', 2),
            'r' => ('\r', 2),
            't' => ('\t', 2),
            'u' => {
                let hex = |at: usize| {
                    inner
                        .get(at..at + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                let hi = hex(i + 2)?;
                if (0xD800..0xDC00).contains(&hi) {
                    let lo = hex(i + 8)?;
                    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?);
                    (char::from_u32(code)?, 12)
                } else {
                    (char::from_u32(hi)?, 6)
                }
            }
            _ => return None,
        };
        // Skip the rest of the escape (the hex digits).
        while chars.peek().is_some_and(|&(j, _)| j < i + len) {
            chars.next();
        }
        out.push(Decoded {
            c,
            start,
            end: start + len,
        });
    }
    Some(out)
}

/// The quoted template for `text` (a decoded JSON string) found by parsing it: right, but
/// offsets after an escape shift. For what [`aligned`] cannot lay out. `Ok(None)` when a
/// directive would need escapes inside it.
pub fn parsed(text: &str) -> Result<Option<String>, String> {
    if let Some((message, _)) = super::too_costly_to_parse(text, true) {
        return Err(message);
    }
    let template = hcl_edit::parser::parse_template(text).map_err(|e| e.message().to_string())?;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for element in template.iter() {
        let Some(written) = element.span().and_then(|r| text.get(r)) else {
            return Ok(None);
        };
        match element {
            Element::Literal(_) => {
                for c in written.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c => out.push(c),
                    }
                }
            }
            Element::Interpolation(_) => out.push_str(written),
            Element::Directive(_) => {
                if written.contains(['"', '\\', '\n']) {
                    return Ok(None);
                }
                out.push_str(written);
            }
        }
    }
    out.push('"');
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_tokens_stay_at_their_json_offsets() {
        let raw = r#""${jsonencode({\"Action\" = \"*\"})}""#;
        let out = aligned(raw).unwrap();
        assert_eq!(out.len(), raw.len());
        // The value `"*"` starts on the quote of its `\"`.
        let star = raw.find(r#"\"*\""#).unwrap() + 1;
        assert_eq!(&out[star..star + 3], r#""*""#);
        let action = raw.find(r#"\"Action"#).unwrap() + 1;
        assert_eq!(&out[action..action + 8], r#""Action""#);
        assert!(
            hcl_edit::parser::parse_expr(out.trim_end()).is_ok(),
            "{out}"
        );
    }

    #[test]
    fn literal_text_keeps_its_meaning() {
        for (raw, meaning) in [
            (r#""a\"b\\c\n\u00e9""#, "a\"b\\c\n\u{e9}"),
            (r#""x\/y""#, "x/y"),
            (r#""\ud83d\ude00 $${not}""#, "\u{1F600} ${not}"),
        ] {
            let out = aligned(raw).unwrap();
            assert_eq!(out.len(), raw.len(), "{raw}");
            // hcl-edit takes no whitespace after an expression; the shadow ends in a comma.
            let parsed = hcl_edit::parser::parse_expr(out.trim_end()).unwrap();
            let value = match parsed {
                hcl_edit::expr::Expression::String(s) => s.value().to_string(),
                other => panic!("{other:?}"),
            };
            assert_eq!(value, meaning, "{raw}");
        }
    }

    #[test]
    fn escapes_inside_quoted_strings_of_an_expression() {
        // JSON `\\n` is HCL's `\n` inside the expression's own string.
        let raw = r#""${replace(var.x, \"\\n\", \"-\")} \"done\"""#;
        let out = aligned(raw).unwrap();
        assert_eq!(out.len(), raw.len());
        let expr = hcl_edit::parser::parse_expr(out.trim_end()).unwrap();
        assert!(matches!(
            expr,
            hcl_edit::expr::Expression::StringTemplate(_)
        ));
        let var = raw.find("var.x").unwrap();
        assert_eq!(&out[var..var + 5], "var.x");
    }

    #[test]
    fn what_cannot_be_laid_out() {
        assert!(aligned(r#""${x # comment\n}""#).is_none());
        assert!(aligned(r#""${<<EOT\nx\nEOT\n}""#).is_none());
    }

    #[test]
    fn parsed_fallback() {
        assert_eq!(
            parsed("a\"${f(\"x\")}").unwrap().unwrap(),
            r#""a\"${f("x")}""#
        );
        assert!(parsed("${").is_err());
    }
}
