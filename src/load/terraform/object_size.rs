//! A linear pre-scan for object literals too large to hand to hcl-edit: its object parser checks
//! each new key against every key before it, so an object of n items costs n² key comparisons
//! (10^5 keys take minutes). Block bodies are not capped: their parser checks attribute names
//! in a hash set.

/// Items one object literal may hold and still be parsed. At this size hcl-edit's duplicate
/// check stays well under a second in a release build; a generated map of more entries is
/// reported instead of stalling the run.
pub const MAX_OBJECT_ITEMS: usize = 20_000;

/// An object literal over [`MAX_OBJECT_ITEMS`]: where its `{` is.
#[derive(Debug, PartialEq, Eq)]
pub struct OversizedObject {
    pub open: usize,
}

/// What the scanner is inside of. The stack of frames is as deep as the bracket nesting
/// (bounded before this scan by `too_deep`) plus one frame per string around an interpolation.
enum Frame {
    /// `{` of an object literal (or of a `for` expression): its items are counted.
    Object {
        open: usize,
        items: usize,
        expect_item: bool,
    },
    /// `{` of a block body: nothing is counted at this level.
    Body,
    /// `[`, `(`: nothing is counted at this level.
    Other,
    /// A quoted string template.
    Quoted,
    /// A heredoc template, ended by a line holding only its marker.
    Heredoc {
        marker_start: usize,
        marker_end: usize,
    },
    /// `${` or `%{` inside a template, ended by `}`.
    Interpolation,
}

/// The first object literal in `text` with more than [`MAX_OBJECT_ITEMS`] items. Items are
/// counted as the starts of expressions after a `,` or a line break at the object's own level,
/// so an object written one item per line, or all on one line, counts the same. Strings,
/// heredocs, comments and interpolations are skipped as HCL reads them; on text that is not
/// valid HCL the count may be off, which only decides whether hcl-edit sees the text at all.
pub fn oversized_object(text: &str) -> Option<OversizedObject> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The last significant byte outside strings and comments: in a body (the file's or a
    // block's), a `{` after an identifier or a block label opens a block body, after anything
    // else (`=`, `?`...) an object. Inside an expression every `{` is an object, also after a
    // word (`for k, v in {...}`): blocks exist only in bodies.
    let mut last_significant = b'\n';
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match stack.last_mut() {
            Some(Frame::Quoted) => {
                match (b, bytes.get(i + 1)) {
                    (b'\\', Some(_)) => i += 1,
                    (b'"', _) => {
                        stack.pop();
                        last_significant = b'"';
                    }
                    _ => i = template_byte(bytes, i, &mut stack, &mut last_significant),
                }
                i += 1;
                continue;
            }
            Some(Frame::Heredoc {
                marker_start,
                marker_end,
            }) => {
                let (marker_start, marker_end) = (*marker_start, *marker_end);
                let at_line_start = i == 0 || bytes.get(i - 1) == Some(&b'\n');
                if at_line_start
                    && let Some(after) = heredoc_end(bytes, i, marker_start..marker_end)
                {
                    stack.pop();
                    last_significant = b'"';
                    i = after;
                    continue;
                }
                i = template_byte(bytes, i, &mut stack, &mut last_significant) + 1;
                continue;
            }
            _ => {}
        }
        // Outside strings: comments, then brackets, then separators.
        match (b, bytes.get(i + 1)) {
            (b'#', _) | (b'/', Some(b'/')) => {
                i = memchr_newline(bytes, i);
                continue;
            }
            (b'/', Some(b'*')) => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2);
                continue;
            }
            (b'<', Some(b'<')) => {
                if let Some((marker_start, marker_end, body)) = heredoc_start(bytes, i) {
                    count_item(&mut stack);
                    stack.push(Frame::Heredoc {
                        marker_start,
                        marker_end,
                    });
                    i = body;
                    continue;
                }
            }
            _ => {}
        }
        match b {
            b'"' => {
                count_item(&mut stack);
                stack.push(Frame::Quoted);
            }
            b'{' => {
                count_item(&mut stack);
                let in_body = matches!(stack.last(), None | Some(Frame::Body));
                let block_body = in_body
                    && (last_significant == b'"'
                        || last_significant == b'_'
                        || last_significant == b'-'
                        || last_significant.is_ascii_alphanumeric());
                stack.push(if block_body {
                    Frame::Body
                } else {
                    Frame::Object {
                        open: i,
                        items: 0,
                        expect_item: true,
                    }
                });
            }
            b'[' | b'(' => {
                count_item(&mut stack);
                stack.push(Frame::Other);
            }
            b'}' | b']' | b')' => {
                stack.pop();
            }
            b',' | b'\n' => {
                if let Some(Frame::Object { expect_item, .. }) = stack.last_mut() {
                    *expect_item = true;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => count_item(&mut stack),
        }
        if let Some(Frame::Object { open, items, .. }) = stack.last()
            && *items > MAX_OBJECT_ITEMS
        {
            return Some(OversizedObject { open: *open });
        }
        if !b.is_ascii_whitespace() {
            last_significant = b;
        }
        i += 1;
    }
    None
}

/// The template byte at `at`, in a quoted string or a heredoc: an interpolation or directive
/// opens a frame; an escape is skipped whole. As in HCL (and hcl-edit), exactly `$${` and `%%{`
/// are escapes: in `$$${` the first `$` is a literal byte and `$${` the escape, so no
/// interpolation starts. Returns the offset of the last byte consumed.
fn template_byte(
    bytes: &[u8],
    at: usize,
    stack: &mut Vec<Frame>,
    last_significant: &mut u8,
) -> usize {
    let Some(&b) = bytes.get(at) else {
        return at;
    };
    if b != b'$' && b != b'%' {
        return at;
    }
    match (bytes.get(at + 1), bytes.get(at + 2)) {
        (Some(&next), Some(b'{')) if next == b => at + 2,
        (Some(b'{'), _) => {
            stack.push(Frame::Interpolation);
            *last_significant = b'{';
            at + 1
        }
        _ => at,
    }
}

/// A significant byte at an object's own level starts an item if a separator came before it.
fn count_item(stack: &mut [Frame]) {
    if let Some(Frame::Object {
        items, expect_item, ..
    }) = stack.last_mut()
        && *expect_item
    {
        *items += 1;
        *expect_item = false;
    }
}

/// `<<MARKER` or `<<-MARKER` at `at`, followed by a line break: the marker's range and where the
/// heredoc's body starts. `None` for anything else (a `<<` that is not a heredoc).
fn heredoc_start(bytes: &[u8], at: usize) -> Option<(usize, usize, usize)> {
    let mut start = at + 2;
    if bytes.get(start) == Some(&b'-') {
        start += 1;
    }
    let mut end = start;
    while bytes
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
    {
        end += 1;
    }
    if end == start {
        return None;
    }
    let mut body = end;
    if bytes.get(body) == Some(&b'\r') {
        body += 1;
    }
    (bytes.get(body) == Some(&b'\n')).then_some((start, end, body + 1))
}

/// Where the scan resumes if the line starting at `line` ends the heredoc whose marker is at
/// `marker`: as hcl-edit reads it, spaces and tabs, the marker, then anything but an identifier
/// character (`EOT)`, `EOT},` and `EOT.x` all end a heredoc). The scan resumes right after the
/// marker, so what follows it on the line is read as HCL.
fn heredoc_end(bytes: &[u8], line: usize, marker: std::ops::Range<usize>) -> Option<usize> {
    let marker = bytes.get(marker)?;
    let mut start = line;
    while matches!(bytes.get(start), Some(b' ' | b'\t')) {
        start += 1;
    }
    let end = start + marker.len();
    if bytes.get(start..end)? != marker {
        return None;
    }
    let continues_identifier = match bytes.get(end) {
        None => false,
        Some(&c) if c.is_ascii() => c.is_ascii_alphanumeric() || c == b'_' || c == b'-',
        // A non-ASCII character continues the identifier if HCL's identifier rules say so.
        Some(_) => bytes
            .get(end..bytes.len().min(end + 4))?
            .utf8_chunks()
            .next()
            .and_then(|chunk| chunk.valid().chars().next())
            .is_some_and(|c| hcl_edit::Ident::try_new(format!("a{c}")).is_ok()),
    };
    (!continues_identifier).then_some(end)
}

/// Offset of the line break at or after `from`, or the end of the text.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
        .map_or(bytes.len(), |p| from + p)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object_of(n: usize, separator: &str) -> String {
        let items: Vec<String> = (0..n).map(|i| format!("k{i} = {i}")).collect();
        format!("locals {{\n  m = {{\n{}\n  }}\n}}\n", items.join(separator))
    }

    #[test]
    fn an_object_over_the_cap_is_found_at_its_brace() {
        for separator in ["\n", ", ", ",\n\n"] {
            let text = object_of(MAX_OBJECT_ITEMS + 1, separator);
            let open = text.find("= {").map(|p| p + 2);
            assert_eq!(
                oversized_object(&text).map(|o| o.open),
                open,
                "{separator:?}"
            );
            assert_eq!(
                oversized_object(&object_of(MAX_OBJECT_ITEMS, separator)),
                None
            );
        }
    }

    #[test]
    fn block_bodies_lists_and_calls_are_not_capped() {
        let attributes = "a = 1\n".repeat(MAX_OBJECT_ITEMS + 1);
        assert_eq!(
            oversized_object(&format!("locals {{\n{attributes}}}\n")),
            None
        );
        assert_eq!(
            oversized_object(&format!("resource \"t\" \"n\" {{\n{attributes}}}\n")),
            None
        );
        let elements = "1,\n".repeat(MAX_OBJECT_ITEMS + 1);
        assert_eq!(oversized_object(&format!("x = [\n{elements}]\n")), None);
        assert_eq!(oversized_object(&format!("x = f(\n{elements}1)\n")), None);
    }

    #[test]
    fn separators_in_strings_comments_and_heredocs_are_not_items() {
        let filler = ",\n".repeat(MAX_OBJECT_ITEMS + 1);
        let cases = [
            format!("x = {{\n a = \"{filler}\"\n}}\n"),
            format!("x = {{\n # {}\n}}\n", ", ".repeat(MAX_OBJECT_ITEMS + 1)),
            format!("x = {{\n /* {filler} */ a = 1\n}}\n"),
            format!("x = {{\n a = <<EOT\n{filler}EOT\n}}\n"),
            format!("x = {{\n a = <<-EOT\n{filler}  EOT\n}}\n"),
            format!("x = {{\n a = \"${{b}}{filler}\"\n}}\n"),
        ];
        for text in cases {
            assert_eq!(oversized_object(&text), None, "{}", &text[..20]);
        }
    }

    #[test]
    fn only_a_doubled_marker_before_a_brace_is_an_escape() {
        // `$$${` is a literal `$` then the escape `$${`: no interpolation opens, so the object
        // after the string is still counted. The same for `%%%{` and inside a heredoc.
        let items = "a = 1\n".repeat(MAX_OBJECT_ITEMS + 1);
        for string in [
            "\"$$${\"",
            "\"%%%{\"",
            "\"$$$${a}\"",
            "\"$$\"",
            "<<EOT\n$$${\nEOT\n",
        ] {
            let text = format!("locals {{\n s = {string}\n m = {{\n{items}}}\n}}\n");
            assert!(oversized_object(&text).is_some(), "{string}");
        }
    }

    #[test]
    fn a_heredoc_marker_followed_by_punctuation_ends_the_heredoc() {
        let items = "a = 1\n".repeat(MAX_OBJECT_ITEMS + 1);
        for (value, rest) in [
            ("f(<<EOT\nx\nEOT)", ""),
            ("[<<EOT\nx\n  EOT, 1]", ""),
            ("{ a = <<EOT\nx\nEOT}", ""),
            ("<<-EOT\nx\n\tEOT", ""),
        ] {
            let text = format!("locals {{\n s = {value}{rest}\n m = {{\n{items}}}\n}}\n");
            assert!(oversized_object(&text).is_some(), "{value}");
        }
        // The marker followed by identifier characters is body text, not the end.
        let text = format!("x = <<EOT\nEOTx\nEOT_\nEOTé\nx = {{\n{items}}}\nEOT\n");
        assert_eq!(oversized_object(&text), None);
    }

    #[test]
    fn an_object_after_a_word_inside_an_expression_is_counted() {
        let items = "a = 1\n".repeat(MAX_OBJECT_ITEMS + 1);
        for (before, after) in [
            ("{for k, v in ", " : k => v}"),
            ("[for k, v in ", " : k]"),
            ("f(true ? null : ", ")"),
            ("\"${ {for k in ", " : k => k} }\""),
        ] {
            let text = format!("locals {{\n m = {before}{{\n{items}}}{after}\n}}\n");
            let open = text.find("{\na = 1");
            assert_eq!(oversized_object(&text).map(|o| o.open), open, "{before}");
        }
        // A nested block's body is still not an object.
        let text = format!("resource \"t\" \"n\" {{\n in {{\n{items}}}\n}}\n");
        assert_eq!(oversized_object(&text), None);
    }

    #[test]
    fn an_object_inside_an_interpolation_is_counted() {
        let items = "a = 1,".repeat(MAX_OBJECT_ITEMS + 1);
        let text = format!("x = \"${{ {{{items}}} }}\"\n");
        assert_eq!(oversized_object(&text).map(|o| o.open), Some(8));
        let heredoc = format!("x = <<EOT\n${{ {{{items}}} }}\nEOT\n");
        assert_eq!(oversized_object(&heredoc).map(|o| o.open), Some(13));
    }

    #[test]
    fn nested_objects_count_their_own_items() {
        let inner = "a = 1\n".repeat(10);
        let items: Vec<String> = (0..100).map(|i| format!("k{i} = {{\n{inner}}}")).collect();
        let text = format!("x = {{\n{}\n}}\n", items.join("\n"));
        assert_eq!(oversized_object(&text), None);
    }
}
