//! PyYAML, which cfn-lint, the AWS CLI and SAM use to read templates, ignores indentation inside
//! flow collections; the YAML spec and saphyr require every line of a flow collection to be
//! indented more than the block that holds it. Templates written as `Key: [\n  a,\n  b\n]` with
//! the `]` (or the items) at the key's column are common and deploy fine.
//!
//! This pre-pass pads those lines with spaces. Inside a flow collection spaces only separate
//! tokens, and the line breaks and indentation of a multi-line scalar fold away, so the meaning is
//! unchanged; the padding is recorded so every span maps back to the original bytes. It runs only
//! when saphyr rejects a file.

/// The text with flow-collection lines padded, and where the padding went.
pub struct Relaxed {
    pub text: String,
    /// (start of the padding in `text`, spaces inserted there, spaces inserted before it).
    padding: Vec<(usize, usize, usize)>,
}

impl Relaxed {
    /// The byte offset in the original text of byte `offset` of the relaxed text.
    pub fn original(&self, offset: usize) -> usize {
        let at = self
            .padding
            .partition_point(|&(start, _, _)| start <= offset);
        let Some(&(start, pad, before)) = at.checked_sub(1).and_then(|i| self.padding.get(i))
        else {
            return offset;
        };
        if offset < start + pad {
            // Inside the inserted spaces: the original line start.
            start - before
        } else {
            offset - before - pad
        }
    }
}

/// Pads the lines of flow collections that are indented no more than the block holding them;
/// `None` when there is no such line.
pub fn relax(text: &str) -> Option<Relaxed> {
    let mut scan = Scanner::default();
    let mut out = String::with_capacity(text.len() + 64);
    let mut padding = Vec::new();
    let mut inserted = 0usize;
    for line in text.split_inclusive('\n') {
        let pad = scan.padding_needed(line);
        if pad > 0 {
            padding.push((out.len(), pad, inserted));
            inserted += pad;
            out.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line);
        scan.line(line);
    }
    (!padding.is_empty()).then_some(Relaxed { text: out, padding })
}

/// Just enough of a YAML scanner to know, line by line, whether a line lies inside a flow
/// collection, and the column its content must reach.
#[derive(Default)]
struct Scanner {
    /// Nesting of `[` / `{` still open.
    flow_depth: usize,
    /// Column the lines of the open flow collection must reach.
    flow_min_column: usize,
    /// Inside a quoted scalar that continues on the next line.
    quote: Option<char>,
    /// Inside a block scalar (`|`, `>`) whose lines are indented more than this column.
    block_scalar_parent: Option<usize>,
}

impl Scanner {
    fn padding_needed(&self, line: &str) -> usize {
        let indent = indentation(line);
        let content = line.get(indent..).unwrap_or("").trim_end();
        let is_document_marker =
            indent == 0 && (content.starts_with("---") || content.starts_with("..."));
        let inside_block_scalar = self
            .block_scalar_parent
            .is_some_and(|parent| content.is_empty() || indent > parent);
        if self.flow_depth == 0
            || inside_block_scalar
            || content.is_empty()
            || content.starts_with('#')
            || is_document_marker
        {
            return 0;
        }
        self.flow_min_column.saturating_sub(indent)
    }

    fn line(&mut self, line: &str) {
        let indent = indentation(line);
        if let Some(parent) = self.block_scalar_parent {
            let content = line.get(indent..).unwrap_or("").trim_end();
            if content.is_empty() || indent > parent {
                return;
            }
            self.block_scalar_parent = None;
        }
        let chars: Vec<char> = line.get(indent..).unwrap_or("").chars().collect();
        // Column where the node that owns what follows starts: the line's first token, a
        // sequence entry's dash, or a key.
        let mut owner_column = indent;
        let mut token_column = indent;
        let mut at_token_start = self.quote.is_none() && self.flow_depth == 0;
        let mut previous: Option<char> = None;
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            let column = indent + i;
            let next = chars.get(i + 1).copied();
            i += 1;
            if let Some(q) = self.quote {
                match (q, c) {
                    ('\'', '\'') if next == Some('\'') => i += 1,
                    ('"', '\\') => i += 1,
                    (q, c) if q == c => self.quote = None,
                    _ => {}
                }
                previous = Some(c);
                continue;
            }
            let after_space = matches!(previous, None | Some(' ' | '\t'));
            previous = Some(c);
            if c == ' ' || c == '\t' {
                continue;
            }
            if c == '#' && after_space {
                break;
            }
            let ends_token = matches!(next, None | Some(' ' | '\t' | '\n' | '\r'));
            if self.flow_depth > 0 {
                match c {
                    '[' | '{' => self.flow_depth += 1,
                    ']' | '}' => self.flow_depth -= 1,
                    '\'' | '"'
                        if matches!(
                            i.checked_sub(2).and_then(|before| chars.get(before)),
                            None | Some(' ' | '\t' | '[' | '{' | ',' | ':')
                        ) =>
                    {
                        self.quote = Some(c);
                    }
                    _ => {}
                }
                continue;
            }
            if at_token_start {
                match c {
                    '-' | '?' if ends_token => {
                        owner_column = column;
                        continue;
                    }
                    '!' | '&' => {
                        // A tag or an anchor: the node itself follows.
                        while chars.get(i).is_some_and(|c| !c.is_whitespace()) {
                            i += 1;
                        }
                        continue;
                    }
                    '[' | '{' => {
                        self.flow_depth = 1;
                        self.flow_min_column = owner_column + 1;
                        at_token_start = false;
                        continue;
                    }
                    '|' | '>' => {
                        self.block_scalar_parent = Some(owner_column);
                        return;
                    }
                    '\'' | '"' => self.quote = Some(c),
                    _ => {}
                }
                token_column = column;
                at_token_start = false;
                continue;
            }
            if c == ':' && ends_token {
                owner_column = token_column;
                at_token_start = true;
            }
        }
    }
}

fn indentation(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_flow_lines_at_or_left_of_their_key() {
        let text = "R:\n  K: [\n  a,\n b\n  ]\n  L: x\n";
        let relaxed = relax(text).unwrap();
        assert_eq!(relaxed.text, "R:\n  K: [\n   a,\n   b\n   ]\n  L: x\n");
        // Every byte of the original is found again at its own offset.
        for (i, c) in text.char_indices() {
            if c != ' ' {
                let at = relaxed.text.char_indices().filter(|(_, r)| *r != ' ');
                let mapped: Vec<_> = at.map(|(j, _)| relaxed.original(j)).collect();
                assert!(mapped.contains(&i), "offset {i} ({c:?}) lost");
            }
        }
        assert_eq!(relaxed.original(relaxed.text.find('b').unwrap()), 16);
    }

    #[test]
    fn leaves_block_scalars_quotes_and_comments_alone() {
        // `[` in a block scalar, a quoted string or a comment opens nothing.
        let text = "a: |\n  [x\nb: '[y'\nc: d # [z\ne: f[g\n";
        assert!(relax(text).is_none());
        // A `]` inside quotes does not close the collection.
        let text = "k: [']', \nz]\n";
        assert_eq!(relax(text).unwrap().text, "k: [']', \n z]\n");
    }

    #[test]
    fn a_sequence_entry_owns_its_flow_collection() {
        let text = "  - K: [\n  a]\n";
        assert_eq!(relax(text).unwrap().text, "  - K: [\n     a]\n");
    }
}
