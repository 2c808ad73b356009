//! A linear pre-scan for object literals too costly to hand to hcl-edit: its object parser checks
//! each new key against every key before it, so an object of n items costs n² key comparisons
//! (10^5 keys take minutes). Block bodies are not capped: their parser checks attribute names
//! in a hash set. The same scan finds repeated object keys, which hcl-edit refuses and Terraform
//! accepts, so the caller can rename them all before the one parse.

use crate::graph::FastHashSet;
use std::ops::Range;

/// Items one object literal may hold and still be parsed. At this size hcl-edit's duplicate
/// check stays well under a second in a release build; a generated map of more entries is
/// reported instead of stalling the run.
pub const MAX_OBJECT_ITEMS: usize = 20_000;

/// The cost one file's object literals may add up to, counted as the sum of each object's
/// items squared: twice one object at [`MAX_OBJECT_ITEMS`]. Without it, twenty objects just
/// under the cap took 19 s to parse.
pub const MAX_FILE_OBJECT_COST: u64 = 2 * (MAX_OBJECT_ITEMS as u64) * (MAX_OBJECT_ITEMS as u64);

/// Why a text is not handed to hcl-edit; `open` is where the object's `{` is.
#[derive(Debug, PartialEq, Eq)]
pub enum TooCostly {
    /// One object literal of more than [`MAX_OBJECT_ITEMS`] items.
    Object { open: usize },
    /// The object whose items took the file over [`MAX_FILE_OBJECT_COST`].
    File { open: usize },
}

/// What the scan found in a text it lets through.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PreScan {
    /// The byte ranges of object keys that repeat an earlier key of the same object (an
    /// identifier, or the content of a quoted key without escapes or templates), in order.
    pub repeated_keys: Vec<Range<usize>>,
}

/// What the scanner is inside of. The stack of frames is as deep as the bracket nesting
/// (bounded before this scan by `too_deep`) plus one frame per string around an interpolation.
enum Frame<'a> {
    /// `{` of an object literal (or of a `for` expression): its items are counted, its keys
    /// remembered.
    Object {
        open: usize,
        items: usize,
        expect_item: bool,
        keys: FastHashSet<&'a [u8]>,
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
    /// The whole text is a template (a `templatefile()` file): it has no end.
    Template,
}

/// The first object literal in `text` with more than [`MAX_OBJECT_ITEMS`] items, or the one
/// that takes the file over [`MAX_FILE_OBJECT_COST`]; else the repeated keys. Items are
/// counted as the starts of expressions after a `,` or a line break at the object's own level,
/// so an object written one item per line, or all on one line, counts the same. Strings,
/// heredocs, comments and interpolations are skipped as HCL reads them; on text that is not
/// valid HCL the count may be off, which only decides whether hcl-edit sees the text at all.
pub fn pre_scan(text: &str) -> Result<PreScan, TooCostly> {
    scan(text, Vec::new())
}

/// [`pre_scan`] for a text that is a template (`templatefile()`, a string of Terraform JSON):
/// only its interpolations and directives hold expressions.
pub fn pre_scan_template(text: &str) -> Result<PreScan, TooCostly> {
    scan(text, vec![Frame::Template])
}

fn scan<'a>(text: &'a str, mut stack: Vec<Frame<'a>>) -> Result<PreScan, TooCostly> {
    let bytes = text.as_bytes();
    let mut scan = PreScan::default();
    let mut cost: u64 = 0;
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
            Some(Frame::Template) => {
                i = template_byte(bytes, i, &mut stack, &mut last_significant) + 1;
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
                    count_item(&mut stack, bytes, i, &mut scan);
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
                count_item(&mut stack, bytes, i, &mut scan);
                stack.push(Frame::Quoted);
            }
            b'{' => {
                count_item(&mut stack, bytes, i, &mut scan);
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
                        keys: FastHashSet::default(),
                    }
                });
            }
            b'[' | b'(' => {
                count_item(&mut stack, bytes, i, &mut scan);
                stack.push(Frame::Other);
            }
            b'}' | b']' | b')' => {
                if let Some(Frame::Object { open, items, .. }) = stack.pop() {
                    cost = cost.saturating_add((items as u64).saturating_mul(items as u64));
                    if cost > MAX_FILE_OBJECT_COST {
                        return Err(TooCostly::File { open });
                    }
                }
            }
            b',' | b'\n' => {
                if let Some(Frame::Object { expect_item, .. }) = stack.last_mut() {
                    *expect_item = true;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => count_item(&mut stack, bytes, i, &mut scan),
        }
        if let Some(Frame::Object { open, items, .. }) = stack.last()
            && *items > MAX_OBJECT_ITEMS
        {
            return Err(TooCostly::Object { open: *open });
        }
        if !b.is_ascii_whitespace() {
            last_significant = b;
        }
        i += 1;
    }
    // Objects left open by text that is not valid HCL still cost hcl-edit their items.
    for frame in stack {
        if let Frame::Object { open, items, .. } = frame {
            cost = cost.saturating_add((items as u64).saturating_mul(items as u64));
            if cost > MAX_FILE_OBJECT_COST {
                return Err(TooCostly::File { open });
            }
        }
    }
    Ok(scan)
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

/// A significant byte at an object's own level starts an item if a separator came before it;
/// a key that repeats one of the object's keys is noted.
fn count_item<'a>(stack: &mut [Frame<'a>], bytes: &'a [u8], at: usize, scan: &mut PreScan) {
    if let Some(Frame::Object {
        items,
        expect_item,
        keys,
        ..
    }) = stack.last_mut()
        && *expect_item
    {
        *items += 1;
        *expect_item = false;
        if let Some((key, name)) = object_key_at(bytes, at)
            && !keys.insert(key)
        {
            scan.repeated_keys.push(name);
        }
    }
}

/// The object key starting at `at`, if the item there is `key =` or `key :` with a key that can
/// be renamed in place: an identifier, or a quoted string without escapes or templates. Returns
/// the key as hcl-edit compares it (an identifier and the same name quoted differ) and the
/// range of its name.
fn object_key_at(bytes: &[u8], at: usize) -> Option<(&[u8], Range<usize>)> {
    let first = *bytes.get(at)?;
    let (key, name) = if first == b'"' {
        let mut end = at + 1;
        loop {
            match *bytes.get(end)? {
                b'"' => break,
                b'\\' | b'\n' => return None,
                b'$' | b'%' if bytes.get(end + 1) == Some(&b'{') => return None,
                _ => end += 1,
            }
        }
        (bytes.get(at..=end)?, at + 1..end)
    } else if first.is_ascii_alphabetic() || first == b'_' || !first.is_ascii() {
        let mut end = at + 1;
        while bytes
            .get(end)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || !c.is_ascii())
        {
            end += 1;
        }
        (bytes.get(at..end)?, at..end)
    } else {
        return None;
    };
    let mut next = name.end + usize::from(first == b'"');
    while matches!(bytes.get(next), Some(b' ' | b'\t')) {
        next += 1;
    }
    let assigns = match (bytes.get(next), bytes.get(next + 1)) {
        (Some(b'='), Some(b'=' | b'>')) => false,
        (Some(b'=' | b':'), _) => true,
        _ => false,
    };
    assigns.then_some((key, name))
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

    /// Where the object over the cap opens (`usize::MAX` for the file's budget).
    fn oversized_object(text: &str) -> Option<usize> {
        pre_scan(text).err().map(|e| match e {
            TooCostly::Object { open } => open,
            TooCostly::File { .. } => usize::MAX,
        })
    }

    fn objects(count: usize, items: usize) -> String {
        let item = "a = 1\n".repeat(items);
        let objects: Vec<String> = (0..count)
            .map(|i| format!("m{i} = {{\n{item}}}\n"))
            .collect();
        format!("locals {{\n{}}}\n", objects.concat())
    }

    #[test]
    fn the_file_has_a_budget_across_its_objects() {
        assert!(pre_scan(&objects(2, MAX_OBJECT_ITEMS)).is_ok());
        let text = objects(3, MAX_OBJECT_ITEMS);
        let third = text.find("m2 = {").map(|p| p + 5);
        assert_eq!(
            pre_scan(&text).err(),
            third.map(|open| TooCostly::File { open })
        );
        // Many small objects cost little.
        assert!(pre_scan(&objects(20_000, 20)).is_ok());
    }

    #[test]
    fn a_template_counts_the_objects_in_its_interpolations_only() {
        let items = "a = 1,".repeat(MAX_OBJECT_ITEMS + 1);
        let text = format!("{{ \"x\" }}\n${{jsonencode({{{items}}})}}\n");
        assert_eq!(
            pre_scan_template(&text).err(),
            Some(TooCostly::Object { open: 21 })
        );
        // Outside interpolations, braces and quotes are the template's text.
        let text = format!("{{ \" {items} %%{{ {items}\n");
        assert_eq!(pre_scan_template(&text), Ok(PreScan::default()));
    }

    #[test]
    fn repeated_keys_of_one_object_are_found() {
        let text = "x = {\n a = 1, b = 2, a = 3, \"a\" = 4\n \"b\" : 5, \"b\" = 6, \"b\" == 7\n                     y = { a = 1 }, \"\\u0062\" = 1, \"${c}\" = 1, \"${c}\" = 2, a => 1 }\n";
        // The second `a` and the second `"b"`; not `"a"` (hcl-edit tells it from `a`), not
        // `y`'s own `a`, not `== 7` or `=> 1`, not the keys with escapes or templates.
        let repeated = pre_scan(text).map(|scan| scan.repeated_keys);
        assert_eq!(repeated, Ok(vec![21..22, 47..48]));
    }

    fn object_of(n: usize, separator: &str) -> String {
        let items: Vec<String> = (0..n).map(|i| format!("k{i} = {i}")).collect();
        format!("locals {{\n  m = {{\n{}\n  }}\n}}\n", items.join(separator))
    }

    #[test]
    fn an_object_over_the_cap_is_found_at_its_brace() {
        for separator in ["\n", ", ", ",\n\n"] {
            let text = object_of(MAX_OBJECT_ITEMS + 1, separator);
            let open = text.find("= {").map(|p| p + 2);
            assert_eq!(oversized_object(&text), open, "{separator:?}");
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
            assert_eq!(oversized_object(&text), open, "{before}");
        }
        // A nested block's body is still not an object.
        let text = format!("resource \"t\" \"n\" {{\n in {{\n{items}}}\n}}\n");
        assert_eq!(oversized_object(&text), None);
    }

    #[test]
    fn an_object_inside_an_interpolation_is_counted() {
        let items = "a = 1,".repeat(MAX_OBJECT_ITEMS + 1);
        let text = format!("x = \"${{ {{{items}}} }}\"\n");
        assert_eq!(oversized_object(&text), Some(8));
        let heredoc = format!("x = <<EOT\n${{ {{{items}}} }}\nEOT\n");
        assert_eq!(oversized_object(&heredoc), Some(13));
    }

    #[test]
    fn nested_objects_count_their_own_items() {
        let inner = "a = 1\n".repeat(10);
        let items: Vec<String> = (0..100).map(|i| format!("k{i} = {{\n{inner}}}")).collect();
        let text = format!("x = {{\n{}\n}}\n", items.join("\n"));
        assert_eq!(oversized_object(&text), None);
    }
}
