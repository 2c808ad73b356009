//! Stable identities for findings: the repository-relative path every machine format prints, and
//! the fingerprint that SARIF `partialFingerprints` and baselines share. A fingerprint never
//! includes a line number, so a finding keeps its identity when code above it moves.

use crate::rules::{Finding, Undecided};
use crate::source::{FileId, SourceMap, Span};
use std::path::{Component, Path};

/// The path of a source as machine formats show it: relative to the working directory when it
/// lies inside it, `./` and `.` steps removed, forward slashes on every platform.
pub fn artifact_path(path: &Path) -> String {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in relative.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => absolute = true,
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".to_string()),
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The path that identifies a source in fingerprints and baselines: relative to the identity
/// root of `sources` when one is set and holds the file (so a baseline written in one directory
/// matches a run from another), else as [`artifact_path`] prints it.
pub fn identity_path(path: &Path, sources: &SourceMap) -> String {
    if let Some(root) = sources.identity_root()
        && let Ok(inside) = crate::config::absolute(path).strip_prefix(root)
    {
        return artifact_path(inside);
    }
    artifact_path(path)
}

/// Each file's [`identity_path`], worked out the first time a finding in it asks: a report
/// fingerprints thousands of findings in few files, and resolving a path against the working
/// directory for each of them was most of the cost of writing a report.
#[derive(Debug, Default)]
pub struct FileIdentities {
    paths: Vec<std::sync::OnceLock<String>>,
}

impl FileIdentities {
    pub fn new(sources: &SourceMap) -> FileIdentities {
        FileIdentities {
            paths: (0..sources.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// The fingerprint of `finding`, as [`fingerprint`] gives it.
    pub fn fingerprint(&self, finding: &Finding, sources: &SourceMap) -> String {
        let id = finding.span.file;
        match self.paths.get(id.0 as usize) {
            Some(path) => {
                let file = path.get_or_init(|| identity_path(sources.path(id), sources));
                fingerprint_in(finding, sources, file)
            }
            None => fingerprint(finding, sources),
        }
    }

    /// The fingerprint of a check left undecided: as a finding's, over the rule id, the file,
    /// the resource address, the text the value came from and the reason, with its own prefix
    /// (`zt1u:`) so that it never equals the fingerprint of a finding.
    pub fn undecided_fingerprint(&self, undecided: &Undecided, sources: &SourceMap) -> String {
        let file = self.identity(undecided.span.file, sources);
        hash_parts(
            "zt1u",
            &[
                undecided.rule.id,
                &file,
                undecided.resource.as_str(),
                &spanned_text(undecided.span, sources),
                undecided.reason.as_str(),
            ],
        )
    }

    /// The fingerprint of something zt-lint could not lint at `span` (a part not read, a file
    /// that failed to load), over the file, the text there (whitespace collapsed) and `reason`,
    /// with `prefix` naming what it is: as for findings, never the line.
    pub fn gap_fingerprint(
        &self,
        prefix: &str,
        span: Span,
        reason: &str,
        sources: &SourceMap,
    ) -> String {
        let file = self.identity(span.file, sources);
        hash_parts(prefix, &[&file, &spanned_text(span, sources), reason])
    }

    /// The fingerprint of a result that stands for several (the undecided checks of one rule in
    /// one file beyond what a log lists), over `prefix`, `key` and the file when there is one:
    /// not over the count, so its alert stays while the count changes.
    pub fn summary_fingerprint(
        &self,
        prefix: &str,
        key: &str,
        file: Option<FileId>,
        sources: &SourceMap,
    ) -> String {
        let file = file.map(|f| self.identity(f, sources)).unwrap_or_default();
        hash_parts(prefix, &[key, &file])
    }

    fn identity(&self, id: FileId, sources: &SourceMap) -> String {
        match self.paths.get(id.0 as usize) {
            Some(path) => path
                .get_or_init(|| identity_path(sources.path(id), sources))
                .clone(),
            None => identity_path(sources.path(id), sources),
        }
    }
}

/// The source text at `span`, whitespace collapsed, so reindenting keeps an identity.
fn spanned_text(span: Span, sources: &SourceMap) -> String {
    let text = sources
        .get(span.file)
        .map(|f| f.slice(f.clamp(span)))
        .unwrap_or("");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A path as a URI reference: every byte outside the unreserved set and `/` is percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `zt1:` and 32 hex digits over the rule id, the file, the resource address, the offending text
/// with whitespace collapsed, and the message. Identical inputs give identical fingerprints on
/// every platform and in every release that keeps the `zt1` prefix.
pub fn fingerprint(finding: &Finding, sources: &SourceMap) -> String {
    let file = identity_path(sources.path(finding.span.file), sources);
    fingerprint_in(finding, sources, &file)
}

/// [`fingerprint`] of a finding in the file whose [`identity_path`] is `file`.
pub fn fingerprint_in(finding: &Finding, sources: &SourceMap, file: &str) -> String {
    let text = sources
        .get(finding.span.file)
        .map(|f| f.slice(finding.span))
        .unwrap_or("");
    let normalized: Vec<&str> = text.split_whitespace().collect();
    hash_parts(
        "zt1",
        &[
            finding.rule.id,
            file,
            finding.resource.as_str(),
            &normalized.join(" "),
            finding.message.as_str(),
        ],
    )
}

/// `prefix:` and 32 hex digits over `parts`.
fn hash_parts(prefix: &str, parts: &[&str]) -> String {
    let mut bytes = Vec::new();
    for part in parts {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
        bytes.extend_from_slice(part.as_bytes());
    }
    format!(
        "{prefix}:{:016x}{:016x}",
        fnv1a(&bytes, 0xcbf2_9ce4_8422_2325),
        fnv1a(&bytes, 0x6c62_272e_07bb_0142)
    )
}

/// FNV-1a, 64 bits: tiny, deterministic and good enough to tell findings apart (this is an
/// identity, not a security boundary). Two offsets give 128 bits.
fn fnv1a(bytes: &[u8], offset: u64) -> u64 {
    let mut hash = offset;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn artifact_paths_are_relative_with_forward_slashes() {
        assert_eq!(
            artifact_path(Path::new("./infra/./main.tf")),
            "infra/main.tf"
        );
        assert_eq!(artifact_path(Path::new("../x/a.yaml")), "../x/a.yaml");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(artifact_path(&cwd.join("a/b.tf")), "a/b.tf");
    }

    #[test]
    fn per_file_identities_give_the_fingerprint_worked_out_alone() {
        use crate::source::{FileId, SourceFile, Span};
        let root = crate::config::absolute(Path::new("identity-root"));
        let mut sources = SourceMap::default();
        let inside = sources.add(SourceFile::new(root.join("infra/main.tf"), "bucket"));
        let outside = sources.add(SourceFile::new(
            PathBuf::from("/elsewhere/other.tf"),
            "bucket",
        ));
        sources.set_identity_root(root);
        let finding = |file: FileId| {
            let span = Span::new(file, 0, 6);
            Finding {
                rule: crate::rules::RULES[0],
                resource: "aws_s3_bucket.b".to_string(),
                resource_type: "aws_s3_bucket".to_string(),
                span,
                resource_span: span,
                message: "open".to_string(),
                origin: crate::graph::Origin::Terraform,
                module_calls: Vec::new(),
                plan_span: None,
                related: Vec::new(),
                path: Vec::new(),
                changes: Vec::new(),
                fix_restarts: false,
            }
        };
        assert_eq!(
            identity_path(sources.path(inside), &sources),
            "infra/main.tf"
        );
        assert_eq!(
            identity_path(sources.path(outside), &sources),
            "/elsewhere/other.tf"
        );
        let identities = FileIdentities::new(&sources);
        for file in [inside, outside, inside] {
            assert_eq!(
                identities.fingerprint(&finding(file), &sources),
                fingerprint(&finding(file), &sources)
            );
        }
        assert_ne!(
            fingerprint(&finding(inside), &sources),
            fingerprint(&finding(outside), &sources)
        );
    }

    #[test]
    fn uri_references_escape_what_uris_cannot_hold() {
        assert_eq!(
            uri_reference("dir with space/a#b.tf"),
            "dir%20with%20space/a%23b.tf"
        );
        assert_eq!(uri_reference("é.tf"), "%C3%A9.tf");
    }
}
