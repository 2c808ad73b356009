//! Fixes: what a rule asks to change ([`Change`], format-free, carried by a finding) and how it
//! becomes text edits in the file it is written in (the format modules), applied as splices so
//! every byte outside an edit stays as it was.

mod diff;
mod hcl;
mod json;
mod yaml;

pub use diff::unified_diff;

use crate::graph::Origin;
use crate::rules::Finding;
use crate::source::{SourceMap, Span};
use std::path::Path;

/// How far a fix can be trusted without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Safety {
    /// Only makes the resource stricter in the way the rule asks; applied by `zt-lint fix`.
    Safe,
    /// Changes behaviour a user must review; applied only with `--unsafe`.
    Unsafe,
}

impl Safety {
    pub fn name(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// The rules that can fix their findings, and how safely. Kept apart from the rule files so a
/// rule's declaration stays its own; a rule not listed here offers no fix.
const FIXABLE: &[(&str, Safety)] = &[
    // Rotation is transparent to applications: old key versions still decrypt.
    ("ZT-DAT-009", Safety::Safe),
    // Turning a public access block setting on may break deliberate public access, which is
    // exactly what the rule asks to stop.
    ("ZT-DAT-004", Safety::Safe),
    ("ZT-MON-001", Safety::Safe),
    ("ZT-MON-002", Safety::Safe),
    // SDKs and the AWS CLI have used IMDSv2 since 2019; software that only speaks IMDSv1 stops
    // reading instance metadata, which is what the rule asks. A SageMaker notebook restarts to
    // take the change: its finding says so (`fix_restarts`) and its fix is unsafe.
    ("ZT-WKL-001", Safety::Safe),
    ("ZT-WKL-004", Safety::Safe),
    // A detector that is off records nothing; turning it on only adds findings (and cost).
    ("ZT-MON-005", Safety::Safe),
    // A stopped trail records nothing; starting it only adds log files.
    ("ZT-MON-014", Safety::Safe),
    // IAM authentication is added beside password authentication, which keeps working; the
    // change needs no reboot.
    ("ZT-IAM-015", Safety::Safe),
    // Only the canned ACL is replaced by `private`: public reads stop, which is what the rule
    // asks (grants are not rewritten).
    ("ZT-DAT-005", Safety::Safe),
    // A privileged container loses host device access, which is what the rule asks; a
    // container that runs as root is not changed.
    ("ZT-WKL-003", Safety::Safe),
    // Offered only where the switch encrypts the running resource and keeps its data (the
    // catalog's in-place list); elsewhere no fix.
    ("ZT-DAT-001", Safety::Safe),
    // Offered for CloudFront (plain-HTTP viewers are redirected, which browsers follow) and
    // OpenSearch HTTPS enforcement, both applied in place; transit encryption of caches and
    // clusters replaces them, so those findings carry no fix.
    ("ZT-DAT-008", Safety::Safe),
    // Only where the flag is written true and AWS turns it off in place (the catalog's list):
    // clients on the internet lose access, which is what the rule asks; clients in the VPC
    // keep it.
    ("ZT-NET-003", Safety::Safe),
    // Only a missing list of log types is added: more logs, no behaviour change.
    ("ZT-MON-013", Safety::Safe),
    // Pipelines that push the same tag twice start failing: a behaviour change to review.
    ("ZT-WKL-005", Safety::Unsafe),
];

/// Whether `rule_id` can fix its findings, and how safely (a finding whose fix restarts its
/// resource is unsafe whatever this says).
pub fn safety(rule_id: &str) -> Option<Safety> {
    FIXABLE
        .iter()
        .find(|(id, _)| *id == rule_id)
        .map(|(_, safety)| *safety)
}

/// Rules whose fix disrupts some of the resources it applies to (a restart, a replacement), with
/// the catalog entries that say which (a finding on one carries `fix_restarts`, which makes its
/// fix unsafe).
const DISRUPTING: &[(&str, &[crate::aws::workloads::MetadataCarrier])] =
    &[("ZT-WKL-001", crate::aws::workloads::METADATA_CARRIERS)];

/// The resource types on which `rule_id`'s fix disrupts the resource, so is unsafe there
/// whatever the rule's own safety.
pub fn disrupted_kinds(rule_id: &str) -> Vec<&'static str> {
    DISRUPTING
        .iter()
        .filter(|(id, _)| *id == rule_id)
        .flat_map(|(_, carriers)| carriers.iter())
        .filter(|c| c.disrupted_by_update)
        .map(|c| c.kind)
        .collect()
}

/// A literal value a fix writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    Bool(bool),
    Str(&'static str),
    /// A list of strings, or of one-key maps `{item_key: string}` when `item_key` is given
    /// (CloudFormation's EKS log types). Only added where missing, never replacing a list.
    List {
        item_key: Option<&'static str>,
        items: &'static [&'static str],
    },
}

/// One change a rule asks for, in the model's terms; the format modules find where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Replace the value written at `span` (only offered when it is written literally inside
    /// the resource).
    Set { span: Span, value: Literal },
    /// Replace a value the resource reads from elsewhere, at the one place it is written (a
    /// module call's argument, a module variable's default, a tfvars line, a local), having
    /// passed the uses in `through`. Made by the engine from a `Set`, never by a rule.
    SetWhereWritten {
        span: Span,
        through: Vec<Span>,
        value: Literal,
    },
    /// Add a setting that is missing: `path` below the resource's arguments (Terraform) or
    /// `Properties` (CloudFormation), creating the blocks or maps on the way that are missing.
    Add {
        resource: Span,
        path: Vec<&'static str>,
        value: Literal,
    },
}

/// A text splice: replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A finding's fix as text edits, with how safely it can be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub safety: Safety,
    pub edits: Vec<Edit>,
}

/// How a file is written, as far as editing it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Hcl,
    /// Terraform JSON syntax: arguments are members of the resource object.
    TerraformJson,
    CloudFormationJson,
    CloudFormationYaml,
}

/// The fix of `finding` as edits, when its rule offers one and every change can be written at a
/// unique, literal place. Plans are generated, so never edited; nor are modules installed under
/// `.terraform/`, which `terraform init` would overwrite.
pub fn fix_for(finding: &Finding, sources: &SourceMap) -> Option<Fix> {
    let safety = if finding.fix_restarts {
        safety(finding.rule.id).map(|_| Safety::Unsafe)?
    } else {
        safety(finding.rule.id)?
    };
    if finding.changes.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    for change in &finding.changes {
        let file = match change {
            Change::Set { span, .. } | Change::SetWhereWritten { span, .. } => span.file,
            Change::Add { resource, .. } => resource.file,
        };
        let source = sources.get(file)?;
        if is_installed_module(&source.path) {
            return None;
        }
        // A value that flows out of a module installed under `.terraform/` is read by code the
        // next `terraform init` may replace: what its argument does there is not ours to rely on.
        if let Change::SetWhereWritten { through, .. } = change
            && through
                .iter()
                .any(|s| is_installed_module(sources.path(s.file)))
        {
            return None;
        }
        let syntax = syntax(&source.path, &source.text, finding.origin)?;
        let text: &str = &source.text;
        let edit = match (change, syntax) {
            (Change::Set { span, value }, Syntax::Hcl) => {
                hcl::set(text, finding.resource_span, *span, *value)
            }
            (Change::Set { span, value }, Syntax::CloudFormationYaml) => {
                yaml::set(text, finding.resource_span, *span, *value)
            }
            (Change::Set { span, value }, _) => {
                json::set(text, finding.resource_span, *span, *value)
            }
            (Change::SetWhereWritten { span, value, .. }, Syntax::Hcl) => {
                hcl::set_where_written(text, *span, *value)
            }
            (Change::SetWhereWritten { span, value, .. }, Syntax::TerraformJson) => {
                json::set_where_written(text, *span, *value)
            }
            // Only Terraform values move to where they are written.
            (Change::SetWhereWritten { .. }, _) => None,
            (
                Change::Add {
                    resource,
                    path,
                    value,
                },
                Syntax::Hcl,
            ) => hcl::add(text, *resource, path, *value),
            (
                Change::Add {
                    resource,
                    path,
                    value,
                },
                Syntax::CloudFormationYaml,
            ) => yaml::add(text, *resource, &finding.resource_type, path, *value),
            (
                Change::Add {
                    resource,
                    path,
                    value,
                },
                Syntax::TerraformJson,
            ) => json::add(text, *resource, None, path, *value),
            (
                Change::Add {
                    resource,
                    path,
                    value,
                },
                Syntax::CloudFormationJson,
            ) => json::add(
                text,
                *resource,
                Some(("Properties", &finding.resource_type)),
                path,
                *value,
            ),
        }?;
        edits.push(Edit {
            span: Span::new(file, edit.0.start, edit.0.end),
            replacement: edit.1,
        });
    }
    edits.sort();
    edits.dedup();
    if overlapping(&edits) {
        return None;
    }
    Some(Fix { safety, edits })
}

fn is_installed_module(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == ".terraform")
}

fn syntax(path: &Path, text: &str, origin: Origin) -> Option<Syntax> {
    let name = path.file_name()?.to_str()?;
    let json = text.trim_start().starts_with('{');
    match origin {
        // A plan finding's changes point into its Terraform source (the engine moved them
        // there); the plan itself is generated, never edited.
        // A tfvars file is HCL too; only a value written in it is edited there.
        Origin::Terraform | Origin::Plan if name.ends_with(".tf") || name.ends_with(".tfvars") => {
            Some(Syntax::Hcl)
        }
        Origin::Terraform | Origin::Plan if name.ends_with(".tf.json") => {
            Some(Syntax::TerraformJson)
        }
        Origin::Terraform | Origin::Plan => None,
        Origin::CloudFormation if json => Some(Syntax::CloudFormationJson),
        Origin::CloudFormation => Some(Syntax::CloudFormationYaml),
    }
}

/// Edits of one file, sorted, must not touch each other's bytes (two insertions at one point
/// would land in an order nobody chose).
fn overlapping(edits: &[Edit]) -> bool {
    edits.windows(2).any(|pair| match pair {
        [a, b] => a.span.file == b.span.file && b.span.start < a.span.end.max(a.span.start + 1),
        _ => false,
    })
}

/// Applies the fixes that `allowed` lets through to `text` (one file's edits), from the end
/// backwards so earlier spans stay valid; an edit overlapping one already taken is left out
/// (its finding remains and is reported by the re-lint). Returns the new text and the indices
/// of the fixes applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (index, fix) in fixes.iter().enumerate() {
        let clashes = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                *t != e
                    && e.span.start < t.span.end.max(t.span.start + 1)
                    && t.span.start < e.span.end.max(e.span.start + 1)
            })
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            if !taken.contains(&e) {
                taken.push(e);
            }
        }
        applied.push(index);
    }
    taken.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    for e in taken {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        if start <= end
            && end <= out.len()
            && out.is_char_boundary(start)
            && out.is_char_boundary(end)
        {
            out.replace_range(start..end, &e.replacement);
        }
    }
    (out, applied)
}

/// The lines a fix touches (1-based, inclusive) and their text once it is applied: what a
/// `suggestion` block replaces them with.
pub struct SuggestedLines {
    pub first: usize,
    pub last: usize,
    pub text: String,
}

pub fn suggested_lines(text: &str, fix: &Fix) -> Option<SuggestedLines> {
    let start = fix.edits.iter().map(|e| e.span.start as usize).min()?;
    let end = fix.edits.iter().map(|e| e.span.end as usize).max()?;
    let from = line_start(text, start);
    // Lines are what a suggestion replaces: an insertion before a line's first byte becomes
    // part of the line before it.
    let inserts_at_line_start = fix
        .edits
        .iter()
        .any(|e| e.span.is_empty() && e.span.start as usize == from);
    let from = if inserts_at_line_start && from > 0 {
        line_start(text, from - 1)
    } else {
        from
    };
    let to = text
        .get(end..)?
        .find('\n')
        .map_or(text.len(), |i| end + i + 1);
    let region = text.get(from..to)?;
    let local: Vec<Edit> = fix
        .edits
        .iter()
        .map(|e| Edit {
            span: Span::new(
                e.span.file,
                (e.span.start as usize).saturating_sub(from),
                (e.span.end as usize).saturating_sub(from),
            ),
            replacement: e.replacement.clone(),
        })
        .collect();
    let (mut after, _) = apply(
        region,
        &[&Fix {
            safety: fix.safety,
            edits: local,
        }],
    );
    if !after.ends_with('\n') {
        after.push('\n');
    }
    let first = text.get(..from)?.matches('\n').count() + 1;
    let last = first + region.trim_end_matches('\n').matches('\n').count();
    Some(SuggestedLines {
        first,
        last,
        text: after,
    })
}

/// The text of a literal in HCL and JSON.
fn quoted(value: Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Str(s) => format!("\"{s}\""),
        // `{"key": "item"}` is an object in JSON and in HCL alike.
        Literal::List { item_key, items } => list(items, |item| match item_key {
            Some(key) => format!("{{\"{key}\": \"{item}\"}}"),
            None => format!("\"{item}\""),
        }),
    }
}

/// `[a, b]` with each item rendered by `item`.
fn list(items: &[&str], item: impl Fn(&str) -> String) -> String {
    let rendered: Vec<String> = items.iter().map(|i| item(i)).collect();
    format!("[{}]", rendered.join(", "))
}

/// Whether `old` is a literal scalar as written (not a reference, a call, an interpolation or
/// a tag), so replacing it changes that value only. A bare word is a literal in YAML only: in
/// HCL it is a reference (`var.x`), in JSON only `true`, `false` and `null` are bare.
fn is_literal_scalar(old: &str, bare_words: bool) -> bool {
    let plain = |s: &str| {
        let word = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        word && (bare_words || matches!(s, "true" | "false" | "null"))
    };
    let quoted_plain = |s: &str, q: char| {
        s.len() >= 2
            && s.starts_with(q)
            && s.ends_with(q)
            && s.get(1..s.len() - 1).is_some_and(|inner| {
                inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
            })
    };
    plain(old) || quoted_plain(old, '"') || (bare_words && quoted_plain(old, '\''))
}

/// The replacement of a literal, quoted the way the old one was.
fn replacement_like(old: &str, value: Literal, yaml: bool) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Str(s) if old.starts_with('\'') => format!("'{s}'"),
        Literal::Str(s) if old.starts_with('"') || !yaml => format!("\"{s}\""),
        Literal::Str(s) => s.to_string(),
        Literal::List { .. } if yaml => yaml::scalar(value),
        Literal::List { .. } => quoted(value),
    }
}

/// The whitespace a line starts with.
fn indentation(line: &str) -> &str {
    let trimmed = line.trim_start_matches([' ', '\t']);
    line.get(..line.len() - trimmed.len()).unwrap_or("")
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests;
