//! Source files, byte spans and a precomputed line index.
//!
//! Spans stay byte ranges through the whole pipeline; they become line and column only when a
//! finding is rendered, and the lookup is a binary search over line starts (miette's default
//! `SourceCode` for `String` rescans the file on every lookup, which is quadratic on big plans).

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// For values that come from no file (`--var`, `TF_VAR_`): they are re-anchored where used.
    pub const NONE: FileId = FileId(u32::MAX);
}

/// A byte range inside one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The span of a value that comes from no file.
    pub const NONE: Span = Span {
        file: FileId::NONE,
        start: 0,
        end: 0,
    };

    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    /// The smallest span covering both; `other` in a different file is ignored.
    pub fn to(self, other: Span) -> Span {
        if other.file != self.file {
            return self;
        }
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// One loaded file: its display path (as the user gave it), its text and its line starts.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    line_starts: Vec<u32>,
    /// Columns are byte offsets in pure-ASCII text; plans are often one multi-megabyte line,
    /// so counting characters per lookup would be quadratic.
    ascii: bool,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        let bytes = text.as_bytes();
        let mut note = |i: usize, b: u8| {
            // A lone CR (classic Mac OS line endings) ends a line too: YAML reads it as a line
            // break, as CloudFormation's parser does, and editors show it as one.
            let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        };
        // Eight bytes at a time: most words hold no byte at or below `\r`, and one test
        // passes over them; this pass reads every byte of the input.
        let mut words = bytes.chunks_exact(8);
        let mut at = 0;
        for word in words.by_ref() {
            let Ok(value) = <[u8; 8]>::try_from(word).map(u64::from_le_bytes) else {
                break;
            };
            if holds_byte_below(value, b'\r' + 1) {
                for (k, &b) in word.iter().enumerate() {
                    note(at + k, b);
                }
            }
            at += 8;
        }
        for (k, &b) in words.remainder().iter().enumerate() {
            note(at + k, b);
        }
        let ascii = text.is_ascii();
        SourceFile {
            path,
            text,
            line_starts,
            ascii,
        }
    }

    /// Line and column of a byte offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        let end = (offset as usize).min(self.text.len());
        let column = if self.ascii {
            end.saturating_sub(start)
        } else {
            self.text
                .get(start..end)
                .map_or(end.saturating_sub(start), |s| s.chars().count())
        } + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of the start of a 1-based line, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts
            .get(line.checked_sub(1)?)
            .map(|&s| s as usize)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_start(line + 1)
            .unwrap_or(self.text.len())
            .min(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// Keeps a span inside the text. Parsers report "unexpected end of file" one past the last
    /// byte; that is shown on the last byte, so every output format agrees on where it is.
    pub fn clamp(&self, span: Span) -> Span {
        let len = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let mut start = span.start.min(len.saturating_sub(1));
        // The last character, not its last byte (found by fuzzing).
        while start > 0 && !self.text.is_char_boundary(start as usize) {
            start -= 1;
        }
        Span {
            file: span.file,
            start,
            end: span.end.clamp(start, len),
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// Every byte of a word set to one.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Does some byte of `word` have a value below `n` (at most 128)? The classic test: exact about
/// whether one does, though not about which.
pub fn holds_byte_below(word: u64, n: u8) -> bool {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS != 0
}

/// Does some byte of `word` equal `byte`? A byte equal to it is the one that XORs to zero.
pub fn holds_byte(word: u64, byte: u8) -> bool {
    holds_byte_below(word ^ (ONES * u64::from(byte)), 1)
}

/// Every file of a run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
    /// The directory finding identities (fingerprints, baselines) are relative to; the working
    /// directory when unset.
    identity_root: Option<PathBuf>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(Arc::new(file));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        self.files.get(id.0 as usize)
    }

    /// Drops a file's text, keeping its path: what must never be copied into a report (a
    /// Terraform state's secrets) is not kept to be quoted.
    pub fn forget_text(&mut self, id: FileId) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            *file = Arc::new(SourceFile::new(file.path.clone(), ""));
        }
    }

    /// Make finding identities relative to `root` (an absolute directory).
    pub fn set_identity_root(&mut self, root: PathBuf) {
        self.identity_root = Some(root);
    }

    pub fn identity_root(&self) -> Option<&Path> {
        self.identity_root.as_deref()
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.get(id).map_or(Path::new(""), |f| f.path.as_path())
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &Arc<SourceFile>)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Converts a character index (as YAML scanners report) into a byte offset.
///
/// `ascii_prefix` lets callers skip the conversion for files that are pure ASCII.
pub struct CharToByte<'a> {
    text: &'a str,
    ascii: bool,
    // (char index, byte offset) checkpoints every 256 chars for non-ASCII text
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> CharToByte<'a> {
    pub fn new(text: &'a str) -> CharToByte<'a> {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            for (n, (byte, _)) in text.char_indices().enumerate() {
                if n % 256 == 0 {
                    checkpoints.push((n, byte));
                }
            }
        }
        CharToByte {
            text,
            ascii,
            checkpoints,
        }
    }

    pub fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let at = self.checkpoints.partition_point(|&(c, _)| c <= char_index);
        let (c, b) = at
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .copied()
            .unwrap_or((0, 0));
        let rest = self.text.get(b..).unwrap_or("");
        rest.char_indices()
            .nth(char_index - c)
            .map_or(self.text.len(), |(off, _)| b + off)
    }
}

/// An error in a file the user points zt-lint at (configuration, policy), at a 1-based line and
/// column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: std::path::PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_at_the_end_is_shown_on_the_whole_last_character() {
        let f = SourceFile::new(PathBuf::from("t.tfvars"), "a\u{529}");
        let end = f.clamp(Span::new(FileId(0), 3, 4));
        assert_eq!((end.start, end.end), (1, 3));
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_crlf_is_one_break() {
        let f = SourceFile::new(PathBuf::from("t.yaml"), "a: 1\rb: 2\r\nc: 3\n");
        assert_eq!(f.line_col(5), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(11), LineCol { line: 3, column: 1 });
        assert_eq!(f.line_text(1), "a: 1");
        assert_eq!(f.line_text(2), "b: 2");
        assert_eq!(f.line_count(), 4);
    }

    #[test]
    fn line_breaks_are_found_across_and_inside_eight_byte_words() {
        // Breaks at every offset of a word, a CR ending one word before the LF starting the
        // next, control bytes that are no breaks, and a tail shorter than a word.
        let text = "abcdefg\nabcdef\r\nabcdefg\r\nabc\tdefg\x0bhi\rjklmnop\n\n\rx\ny";
        let f = SourceFile::new("a".into(), text);
        let mut expected = vec![0u32];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                expected.push(i as u32 + 1);
            }
        }
        assert_eq!(f.line_starts, expected);
        assert!(holds_byte_below(
            u64::from_le_bytes(*b"abcdefg\r"),
            b'\r' + 1
        ));
        assert!(!holds_byte_below(
            u64::from_le_bytes(*b"abcdefgh"),
            b'\r' + 1
        ));
    }

    #[test]
    fn a_word_holds_a_byte_only_where_one_equals_it() {
        let word = u64::from_le_bytes(*b"abc\"efgh");
        assert!(holds_byte(word, b'"'));
        assert!(holds_byte(word, b'a'));
        assert!(!holds_byte(word, b'\\'));
        // A byte one above or below the one looked for is not it.
        assert!(!holds_byte(word, b'd'));
        assert!(!holds_byte(
            u64::from_le_bytes(*b"\xEE\xEE\xEE\xEE\xEE\xEE\xEE\xED"),
            0xEF
        ));
    }

    #[test]
    fn line_col_is_one_based_and_counts_chars() {
        let f = SourceFile::new("a".into(), "ab\nçd\n\nx");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes: byte 5 is the 'd', the second character
        assert_eq!(f.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(f.line_col(8), LineCol { line: 4, column: 1 });
        assert_eq!(f.line_col(999), LineCol { line: 4, column: 2 });
        assert_eq!(f.line_text(2), "çd");
        assert_eq!(f.line_text(9), "");
    }

    #[test]
    fn char_index_to_byte_offset() {
        let text = "é".repeat(600) + "x";
        let c = CharToByte::new(&text);
        assert_eq!(c.byte(0), 0);
        assert_eq!(c.byte(300), 600);
        assert_eq!(c.byte(600), 1200);
        assert_eq!(c.byte(601), 1201);
        let ascii = CharToByte::new("hello");
        assert_eq!(ascii.byte(3), 3);
    }
}
