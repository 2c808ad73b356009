//! Baselines: `--write-baseline FILE` records the fingerprints of today's findings, and
//! `--baseline FILE` reports only findings whose fingerprint is not recorded there. Fingerprints
//! are those of SARIF `partialFingerprints`, so a baseline survives code moving around.

use crate::fingerprint::{fingerprint, identity_path};
use crate::rules::Finding;
use crate::source::SourceMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

/// One recorded finding; only the fingerprint matters, the rest helps a reviewer.
#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule_id: String,
    file: String,
    resource: String,
    message: String,
}

/// The baseline document for `findings`, sorted so it diffs well in version control.
pub fn render(findings: &[&Finding], sources: &SourceMap) -> String {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| Entry {
            fingerprint: fingerprint(f, sources),
            rule_id: f.rule.id.to_string(),
            file: identity_path(sources.path(f.span.file), sources),
            resource: f.resource.clone(),
            message: f.message.clone(),
        })
        .collect();
    entries.sort();
    let file = File {
        version: 1,
        tool: "zt-lint".to_string(),
        findings: entries,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Fingerprints of a baseline file, each with how many findings it may cover.
pub fn read(path: &Path) -> Result<HashMap<String, usize>, String> {
    // Bounded, and only a regular file: a baseline linked to /dev/zero is an error, not a read
    // that fills the memory.
    let text = crate::load::read_text(path, crate::load::DEFAULT_MAX_FILE_BYTES)
        .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not a zt-lint baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if file.version != 1 {
        return Err(format!(
            "{}: baseline version {} is not supported (1 is)",
            path.display(),
            file.version
        ));
    }
    let mut counts = HashMap::new();
    for entry in file.findings {
        *counts.entry(entry.fingerprint).or_insert(0) += 1;
    }
    Ok(counts)
}
