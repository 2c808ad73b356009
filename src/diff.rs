//! The lines a branch added or changed since it left another (`--diff-base REF`), read with the
//! git binary: `git merge-base`, then `git diff --unified=0` against that commit, plus untracked
//! files, which are new in every line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What changed in one file, in 1-based line numbers of its current text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileChanges {
    /// Added or changed lines, as inclusive ranges.
    pub lines: Vec<(usize, usize)>,
    /// Lines after which lines were removed (0: before the first line).
    pub removed_after: Vec<usize>,
    /// A file git does not track yet: every line is new.
    pub untracked: bool,
}

impl FileChanges {
    /// Whether a line in `first..=last` was added or changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        self.untracked || self.lines.iter().any(|&(a, b)| a <= last && first <= b)
    }

    /// Whether the text in `first..=last` changed: a line in it was added or changed, or a line
    /// inside it (between two of its lines) was removed.
    pub fn changes_within(&self, first: usize, last: usize) -> bool {
        self.touches(first, last)
            || self
                .removed_after
                .iter()
                .any(|&after| first <= after && after < last)
    }
}

/// Changed files by absolute path.
#[derive(Clone, Debug, Default)]
pub struct ChangedLines {
    pub files: HashMap<PathBuf, FileChanges>,
}

impl ChangedLines {
    pub fn get(&self, path: &Path) -> Option<&FileChanges> {
        self.files.get(path)
    }
}

/// Why the changes could not be read: a usage error of `--diff-base`.
#[derive(Debug, PartialEq, Eq)]
pub struct DiffError(pub String);

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The changes of the work tree that holds `dir` since its merge base with `base` (committed,
/// staged and not yet staged changes, and untracked files).
pub fn changed_since(dir: &Path, base: &str) -> Result<ChangedLines, DiffError> {
    if base.is_empty() || base.starts_with('-') {
        return Err(DiffError(format!(
            "--diff-base {base:?}: not a git revision"
        )));
    }
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        DiffError(format!(
            "--diff-base needs a git repository: {} ({e})",
            dir.display()
        ))
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let merge_base = git(&top, &["merge-base", base, "HEAD"])
        .map_err(|e| DiffError(format!("--diff-base {base}: no merge base with HEAD ({e})")))?;
    let merge_base = merge_base.trim();
    let diff = git(
        &top,
        &[
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            merge_base,
            "--",
        ],
    )
    .map_err(|e| DiffError(format!("--diff-base {base}: git diff failed ({e})")))?;
    let mut changes = parse_unified_diff(&diff, &top);
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])
        .map_err(|e| DiffError(format!("--diff-base {base}: git ls-files failed ({e})")))?;
    for name in untracked.split('\0').filter(|n| !n.is_empty()) {
        changes.files.insert(
            top.join(name),
            FileChanges {
                untracked: true,
                ..FileChanges::default()
            },
        );
    }
    Ok(changes)
}

/// Runs git with fixed arguments (never a shell), with the settings that could make it run a
/// program from the repository's configuration turned off. Returns standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false", "-c", "core.quotepath=off"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "git is not installed".to_string(),
            _ => format!("cannot run git: {e}"),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.lines().next().unwrap_or("git failed").to_string());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Reads `git diff --unified=0` output: the new-side lines of every hunk, by file.
pub fn parse_unified_diff(text: &str, top: &Path) -> ChangedLines {
    let mut changes = ChangedLines::default();
    let mut current: Option<PathBuf> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            current = new_side_path(name).map(|n| top.join(n));
            if let Some(path) = &current {
                changes.files.entry(path.clone()).or_default();
            }
        } else if line.starts_with("@@ ")
            && let Some(path) = &current
            && let Some((start, count)) = new_side_range(line)
            && let Some(file) = changes.files.get_mut(path)
        {
            if count == 0 {
                file.removed_after.push(start);
            } else {
                file.lines.push((start, start + count - 1));
            }
        }
    }
    changes
}

/// `b/path` (or a quoted `"b/pa\"th"`); `None` for `/dev/null`, a deleted file.
fn new_side_path(name: &str) -> Option<String> {
    let name = name.trim_end_matches('\t');
    let unquoted = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(quoted) => unescape(quoted),
        None => name.to_string(),
    };
    unquoted.strip_prefix("b/").map(str::to_string)
}

/// Git's C-style quoting of unusual file names: `\"`, `\\`, `\t`, `\n` and octal bytes.
fn unescape(quoted: &str) -> String {
    let mut bytes = Vec::new();
    let mut chars = quoted.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b't') => bytes.push(b'\t'),
            Some(b'n') => bytes.push(b'\n'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&next @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(next - b'0');
                        chars.next();
                    }
                }
                bytes.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `@@ -a,b +c,d @@`: (c, d), with d = 1 when omitted.
fn new_side_range(header: &str) -> Option<(usize, usize)> {
    let new = header.split(' ').find_map(|part| part.strip_prefix('+'))?;
    let (start, count) = match new.split_once(',') {
        Some((s, c)) => (s.parse().ok()?, c.parse().ok()?),
        None => (new.parse().ok()?, 1),
    };
    Some((start, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "\
diff --git a/sg.tf b/sg.tf
index 1111111..2222222 100644
--- a/sg.tf
+++ b/sg.tf
@@ -7 +7 @@ resource \"aws_security_group\" \"ssh\" {
-    cidr_blocks = [\"10.0.0.0/8\"]
+    cidr_blocks = [\"0.0.0.0/0\"]
@@ -12,2 +11,0 @@
-  a = 1
-  b = 2
@@ -20,0 +20,3 @@
+x
+y
+z
diff --git a/gone.tf b/gone.tf
deleted file mode 100644
--- a/gone.tf
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git \"a/we\\\"ird.tf\" \"b/we\\\"ird.tf\"
--- \"a/we\\\"ird.tf\"
+++ \"b/we\\\"ird.tf\"
@@ -1 +1 @@
-a
+b
";

    #[test]
    fn reads_new_side_lines_and_removals() {
        let changes = parse_unified_diff(DIFF, Path::new("/repo"));
        let sg = changes.get(Path::new("/repo/sg.tf")).unwrap();
        assert_eq!(sg.lines, [(7, 7), (20, 22)]);
        assert_eq!(sg.removed_after, [11]);
        assert!(sg.touches(7, 7) && sg.touches(1, 20) && !sg.touches(8, 19));
        // Lines removed after line 11 change a block spanning 10..=13, not one ending at 11.
        assert!(sg.changes_within(10, 13) && !sg.changes_within(8, 11));
        assert!(changes.get(Path::new("/repo/gone.tf")).is_none());
        assert!(changes.get(Path::new("/repo/we\"ird.tf")).is_some());
    }

    #[test]
    fn a_revision_that_looks_like_an_option_is_refused() {
        let e = changed_since(Path::new("."), "--output=/tmp/x").unwrap_err();
        assert!(e.0.contains("not a git revision"), "{e}");
    }
}
