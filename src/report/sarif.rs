//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. The driver lists every rule
//! that ran with its documentation and `security-severity`; results carry full regions, a
//! `partialFingerprints` entry that does not depend on line numbers, and suppressions (a
//! suppressed finding is a result with `suppressions`, never dropped). Files that could not be
//! linted are results under the rule `zt-lint/load-error` and parts of the input not read under
//! `zt-lint/not-linted` (see [`gap_descriptor`]), and tool execution notifications too. With
//! `--show-unknown` (or `--fail-on-unknown`), each
//! check left undecided is a result of `kind` `open` ("more information is needed to decide")
//! under its own `RULE-ID/undecided` rule, which has no `security-severity`: see
//! [`undecided_descriptor`] for why.

use super::{INFORMATION_URI, Report};
use crate::rules::{Finding, Rule, Severity};
use crate::source::Span;
use crate::suppress::{SuppressedUndecided, Suppression};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of our entry in `partialFingerprints`; the version changes if the recipe does.
const SNIPPET_LIMIT: usize = 1024;
pub const FINGERPRINT_KEY: &str = "ztLintFindingHash/v1";
/// The key of an undecided check's entry in `partialFingerprints`.
pub const UNDECIDED_FINGERPRINT_KEY: &str = "ztLintUndecidedHash/v1";
/// Undecided checks, and parts not linted, listed one result each at most: GitHub code scanning
/// rejects a run of more than 25,000 results and keeps the 5,000 most severe, so a
/// configuration full of unknowns would push findings out or get the upload rejected. Beyond
/// it, one result per rule and file says how many more there are (see [`beyond_limit`]).
pub const LISTED_UNKNOWN_RESULTS: usize = 1_000;
/// The rule of parts of the input that were not read.
pub const NOT_LINTED_RULE: &str = "zt-lint/not-linted";
/// The key of a not-linted part's entry in `partialFingerprints`.
pub const NOT_LINTED_FINGERPRINT_KEY: &str = "ztLintNotLintedHash/v1";
/// The rule of files that could not be read or parsed.
pub const LOAD_ERROR_RULE: &str = "zt-lint/load-error";
/// The key of a load error's entry in `partialFingerprints`.
pub const LOAD_ERROR_FINGERPRINT_KEY: &str = "ztLintLoadErrorHash/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// `category/`: GitHub code scanning keeps zt-lint's alerts apart from other tools' by it.
    automation_details: AutomationDetails,
    /// `%SRCROOT%`, the directory relative artifact locations are relative to (where zt-lint ran).
    original_uri_base_ids: OriginalUriBaseIds,
    invocations: [Invocation; 1],
    results: Vec<SarifResult>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct AutomationDetails {
    id: &'static str,
}

#[derive(Serialize)]
struct OriginalUriBaseIds {
    #[serde(rename = "%SRCROOT%")]
    src_root: BaseUri,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    help_uri: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    /// Absent for the rules of undecided checks, which are not security alerts.
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<&'static str>,
    /// `security` (GitHub's security tab), the pillar, then the controls the rule checks
    /// (`fsbp/EC2.19`, `cis-aws-v3/5.2`, `nist-800-53/SC-7`, `nist-800-207/tenet-2`).
    tags: Vec<String>,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    /// Empty for what has no place in a file (a rule that did not run).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    /// `open` for an undecided check; absent (`fail`) for a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    /// Absent for an undecided check: the specification makes it `none` for any kind but
    /// `fail`, and consumers that ignore `kind` take the rule's default, `note`.
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression>,
    /// The finding's fix, for viewers and review bots that offer it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    /// Absent for a part not linted or a file not loaded: nothing to add to the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    /// An empty region (start = end) is an insertion point.
    deleted_region: DeletedRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeletedRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<ContextRegion>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContextRegion {
    start_line: usize,
    end_line: usize,
    snippet: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// `%SRCROOT%` for a path inside the directory zt-lint ran in; absent for an absolute
    /// `file://` URI (a path outside it).
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ResultProperties {
    Finding {
        #[serde(rename = "resourceType")]
        resource_type: String,
        severity: &'static str,
    },
    /// The rule that could not decide, as its plain id.
    Undecided {
        #[serde(rename = "undecidedRule")]
        undecided_rule: &'static str,
    },
}

/// GitHub's scale: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, below 4.0 low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// SARIF wants message texts to be sentences.
fn sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
}

/// `security-group-world-ingress-sensitive-port` -> `SecurityGroupWorldIngressSensitivePort`:
/// SARIF rule names are identifiers.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The first paragraph under "What it checks", as plain text.
fn full_description(rule: &Rule) -> String {
    let mut lines = Vec::new();
    let mut started = false;
    for line in rule.page.docs.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            if started {
                break;
            }
            continue;
        }
        if line.is_empty() {
            if started {
                break;
            }
            continue;
        }
        started = true;
        lines.push(line);
    }
    if lines.is_empty() {
        sentence(rule.summary)
    } else {
        sentence(&lines.join(" "))
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let docs = rule.page.docs.trim();
    let markdown = format!(
        "# {} {}\n\n{}\n\n{}\n\nTerraform: {}\n\nCloudFormation: {}\n",
        rule.id,
        rule.name,
        sentence(rule.summary),
        docs,
        rule.page.fix_terraform,
        rule.page.fix_cloudformation
    );
    let text = format!(
        "{} {}: {}\n\n{}\n\nTerraform fix: {}\nCloudFormation fix: {}\n",
        rule.id,
        rule.name,
        sentence(rule.summary),
        docs,
        rule.page.fix_terraform,
        rule.page.fix_cloudformation
    );
    ReportingDescriptor {
        id: rule.id.to_string(),
        name: pascal_case(rule.name),
        help_uri: format!(
            "{INFORMATION_URI}/blob/main/{}",
            crate::rules::rule_page_path(rule)
        ),
        short_description: Text {
            text: sentence(rule.summary),
        },
        full_description: Text {
            text: full_description(rule),
        },
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: super::level(rule.severity),
        },
        properties: RuleProperties {
            security_severity: Some(security_severity(rule.severity)),
            tags: ["security", "zero-trust", rule.pillar.name()]
                .into_iter()
                .map(str::to_string)
                .chain(crate::compliance::tags(rule.id))
                .collect(),
            precision: "high",
        },
    }
}

/// The id of the rule under which `rule`'s undecided checks are reported.
fn undecided_id(rule: &Rule) -> String {
    format!("{}/undecided", rule.id)
}

/// The rule of `rule`'s undecided checks. Its own rule, not `rule`: GitHub code scanning reads
/// neither `kind` nor the specification's `level` default, and shows a result with the
/// `security-severity` of its rule, so an undecided check under `rule` would be a critical
/// security alert and fail the pull request's check. This rule has no `security-severity` and
/// no `security` tag, and its default level is `note`, the least GitHub shows: the alert says
/// what needs attention without failing anything. Consumers that read `kind` see `open`.
fn undecided_descriptor(rule: &Rule) -> ReportingDescriptor {
    let short = sentence(&format!(
        "{} could not decide whether a resource passes: {}",
        rule.id, rule.summary
    ));
    let full = format!(
        "zt-lint could not decide {} ({}) for this resource, because a value the check depends \
         on is not known before deploy: a variable without a value, an attribute known only \
         after apply, or something outside the configuration. This is not a finding. Give the \
         value (a tfvars file, --var, or lint the plan) or check the resource by hand.",
        rule.id, rule.name
    );
    ReportingDescriptor {
        id: undecided_id(rule),
        name: format!("{}Undecided", pascal_case(rule.name)),
        help_uri: format!(
            "{INFORMATION_URI}/blob/main/{}",
            crate::rules::rule_page_path(rule)
        ),
        short_description: Text { text: short },
        full_description: Text { text: full.clone() },
        help: Help {
            text: format!("{full}\n\nThe check: {}\n", sentence(rule.summary)),
            markdown: format!(
                "# {} {} (undecided)\n\n{full}\n\nThe check: {}\n",
                rule.id,
                rule.name,
                sentence(rule.summary)
            ),
        },
        default_configuration: Configuration { level: "note" },
        properties: RuleProperties {
            security_severity: None,
            tags: ["zero-trust", "undecided", rule.pillar.name()]
                .into_iter()
                .map(str::to_string)
                .collect(),
            precision: "high",
        },
    }
}

/// What zt-lint itself could not lint, as a rule of its own so that GitHub code scanning, which
/// shows results and never tool execution notifications, makes an alert of it. Neither has a
/// `security-severity`: they are not findings about the infrastructure.
struct GapRule {
    id: &'static str,
    name: &'static str,
    short: &'static str,
    full: &'static str,
    /// `open` ("more information is needed to decide"), or `None` for `fail`.
    kind: Option<&'static str>,
    /// The level GitHub shows, since it reads neither `kind` nor the specification's default.
    level: &'static str,
    tag: &'static str,
}

/// A part of the input not read: a module call not installed, a transform not expanded, state
/// given instead of a plan. `warning`, as in `--format github`: the run still passes without
/// `--fail-on-unknown`, and GitHub fails a code scanning check on `error` alerts by default.
const NOT_LINTED: GapRule = GapRule {
    id: NOT_LINTED_RULE,
    name: "NotLinted",
    short: "A part of the input was not read, so nothing in it was checked.",
    full: "zt-lint did not read this part of the input, so no rule checked what it declares: \
           a module call whose source is not installed (run terraform init -backend=false, or \
           lint the plan), a CloudFormation transform or module that only its service expands \
           (lint the processed template), or Terraform state given instead of a plan. It is \
           not a finding. Until it is linted, review it by hand.",
    kind: Some("open"),
    level: "warning",
    tag: "not-linted",
};

/// A file that could not be read or parsed: nothing in it was checked, and the run fails
/// (exit status 2), so the alert is an `error`, which fails GitHub's code scanning check too.
const LOAD_ERROR: GapRule = GapRule {
    id: LOAD_ERROR_RULE,
    name: "LoadError",
    short: "A file could not be read or parsed, so nothing in it was checked.",
    full: "zt-lint could not read or parse this file, so no rule checked what it declares. \
           The message says where and why: fix the syntax, the encoding or the permissions, \
           or leave the file out of the paths zt-lint is given.",
    kind: None,
    level: "error",
    tag: "load-error",
};

fn gap_descriptor(rule: &GapRule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.id.to_string(),
        name: rule.name.to_string(),
        help_uri: format!("{INFORMATION_URI}#what-is-evaluated-and-what-is-not"),
        short_description: Text {
            text: rule.short.to_string(),
        },
        full_description: Text {
            text: rule.full.to_string(),
        },
        help: Help {
            text: format!("{}\n", rule.full),
            markdown: format!("# {}\n\n{}\n\n{}\n", rule.id, rule.short, rule.full),
        },
        default_configuration: Configuration { level: rule.level },
        properties: RuleProperties {
            security_severity: None,
            tags: ["zero-trust", rule.tag].map(str::to_string).to_vec(),
            precision: "high",
        },
    }
}

/// A result under `rule` at `span`. Its fingerprint has `prefix`, and an occurrence number when
/// the same file, text and message come again in this run (two `Fn::Transform` of one name in a
/// template), so that GitHub keeps one alert for each.
fn gap_result(
    report: &Report<'_>,
    rule: &GapRule,
    index: &HashMap<String, usize>,
    seen: &mut HashMap<String, usize>,
    (prefix, key): (&str, &'static str),
    span: Span,
    message: String,
) -> SarifResult {
    let base = report
        .identities
        .gap_fingerprint(prefix, span, &message, report.sources);
    let occurrence = seen.entry(base.clone()).or_insert(0);
    *occurrence += 1;
    let fingerprint = if *occurrence == 1 {
        base
    } else {
        format!("{base}:{occurrence}")
    };
    SarifResult {
        rule_id: rule.id.to_string(),
        rule_index: index.get(rule.id).copied().unwrap_or(0),
        kind: rule.kind,
        // The specification requires `none` (or nothing) for any kind but `fail`.
        level: rule.kind.is_none().then_some(rule.level),
        message: Text {
            text: sentence(&message),
        },
        locations: [location(report, span, None)],
        related_locations: Vec::new(),
        partial_fingerprints: HashMap::from([(key, fingerprint)]),
        suppressions: Vec::new(),
        fixes: Vec::new(),
        properties: None,
    }
}

/// Items that stand beyond a listing limit: one rule's in one file (`file` none when they are
/// grouped by rule alone), the first of them and how many there are.
struct Rest<'t, T> {
    rule: &'static str,
    file: Option<crate::source::FileId>,
    first: &'t T,
    count: usize,
}

/// The first `limit` of `items` (findings order), and the rest grouped by rule and file, by
/// path so that the order is the same on every run. When even the groups are more than
/// `limit`, the rest are grouped by rule alone.
fn beyond_limit<'t, T>(
    report: &Report<'_>,
    items: &'t [T],
    limit: usize,
    rule_of: impl Fn(&T) -> &'static str,
    span_of: impl Fn(&T) -> Span,
) -> (&'t [T], Vec<Rest<'t, T>>) {
    let (listed, rest) = items.split_at(items.len().min(limit));
    let mut groups: BTreeMap<(&'static str, String), Rest<'t, T>> = BTreeMap::new();
    for item in rest {
        let span = span_of(item);
        groups
            .entry((rule_of(item), report.artifact(span)))
            .or_insert(Rest {
                rule: rule_of(item),
                file: Some(span.file),
                first: item,
                count: 0,
            })
            .count += 1;
    }
    if groups.len() > limit {
        let mut by_rule: BTreeMap<&'static str, Rest<'t, T>> = BTreeMap::new();
        for group in groups.into_values() {
            by_rule
                .entry(group.rule)
                .or_insert(Rest {
                    rule: group.rule,
                    file: None,
                    first: group.first,
                    count: 0,
                })
                .count += group.count;
        }
        return (listed, by_rule.into_values().collect());
    }
    (listed, groups.into_values().collect())
}

/// Where the rest of a group are: "in this file", or in several.
fn rest_place<T>(rest: &Rest<'_, T>) -> &'static str {
    if rest.file.is_some() {
        "in this file"
    } else {
        "in this and other files"
    }
}

fn location(report: &Report<'_>, span: crate::source::Span, resource: Option<&str>) -> Location {
    let at = report.location(span);
    Location {
        physical_location: physical(report, span, at),
        logical_locations: resource
            .filter(|r| !r.is_empty())
            .map(|r| LogicalLocation {
                fully_qualified_name: r.to_string(),
                kind: "resource",
            })
            .into_iter()
            .collect(),
    }
}

/// A path as printed: relative to `%SRCROOT%` when it is inside the directory zt-lint ran in,
/// else an absolute `file://` URI. A slash-rooted or `../` reference without a base is not a
/// valid artifact location (SARIF validator rule SARIF1004).
fn artifact_location(path: &str) -> ArtifactLocation {
    let inside = !path.starts_with('/') && !path.starts_with("../") && path != "..";
    if inside {
        return ArtifactLocation {
            uri: crate::fingerprint::uri_reference(path),
            uri_base_id: Some("%SRCROOT%"),
        };
    }
    let absolute = crate::config::absolute(std::path::Path::new(path));
    ArtifactLocation {
        uri: file_uri(&absolute),
        uri_base_id: None,
    }
}

/// The directory zt-lint ran in, as the base of relative artifact locations.
fn src_root_uri() -> String {
    let cwd = crate::config::absolute(std::path::Path::new("."));
    let uri = file_uri(&cwd);
    if uri.ends_with('/') {
        uri
    } else {
        format!("{uri}/")
    }
}

/// `file:///abs/path`, each segment percent-encoded.
fn file_uri(path: &std::path::Path) -> String {
    let mut text = String::new();
    for component in path.components() {
        match component {
            std::path::Component::Normal(part) => {
                text.push('/');
                text.push_str(&part.to_string_lossy());
            }
            // A Windows drive (`C:`) becomes `file:///C:/...`.
            std::path::Component::Prefix(prefix) => {
                text.push('/');
                text.push_str(&prefix.as_os_str().to_string_lossy());
            }
            _ => {}
        }
    }
    if text.is_empty() {
        text.push('/');
    }
    format!("file://{}", crate::fingerprint::uri_reference(&text))
}

fn physical(
    report: &Report<'_>,
    span: crate::source::Span,
    at: super::Location,
) -> PhysicalLocation {
    // Snippets help reviewers without a checkout; a plan is often one huge line, so large
    // texts are left out rather than copied into the log.
    let file = report.sources.get(span.file);
    let snippet = file
        .map(|f| f.slice(f.clamp(span)))
        .filter(|t| !t.is_empty() && t.len() <= SNIPPET_LIMIT)
        .map(|t| Text {
            text: t.to_string(),
        });
    let context_region = file.and_then(|f| {
        let start_line = at.line.saturating_sub(2).max(1);
        let end_line = (at.end_line + 2).min(f.line_count());
        let from = f.line_start(start_line)?;
        let to = f.line_start(end_line + 1).unwrap_or(f.text.len());
        let text = f.text.get(from..to)?;
        (!text.is_empty() && text.len() <= SNIPPET_LIMIT * 4).then(|| ContextRegion {
            start_line,
            end_line,
            snippet: Text {
                text: text.to_string(),
            },
        })
    });
    PhysicalLocation {
        artifact_location: artifact_location(&report.artifact(span)),
        region: Region {
            start_line: at.line,
            start_column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
            snippet,
        },
        context_region,
    }
}

/// The fix of a finding as one SARIF fix: one artifact change, its edits in file order.
fn sarif_fix(report: &Report<'_>, f: &Finding) -> Option<SarifFix> {
    let fix = report.fix(f)?;
    let file = fix.edits.first()?.span.file;
    let replacements = fix
        .edits
        .iter()
        .map(|e| {
            let at = report.location(e.span);
            Replacement {
                deleted_region: DeletedRegion {
                    start_line: at.line,
                    start_column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                },
                inserted_content: Text {
                    text: e.replacement.clone(),
                },
            }
        })
        .collect();
    Some(SarifFix {
        description: Text {
            text: sentence(&format!(
                "{} ({})",
                report.help(f),
                report.fix_command(f).unwrap_or_default()
            )),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: artifact_location(&report.artifact(Span::new(file, 0, 0))),
            replacements,
        }],
    })
}

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<&'static Rule> = report.rules.to_vec();
    let reported = report
        .outcome
        .findings
        .iter()
        .chain(report.outcome.suppressed.iter().map(|s| &s.finding));
    for f in reported {
        if !rules.iter().any(|r| r.id == f.rule.id) {
            rules.push(f.rule);
        }
    }
    let (undecided, accepted): (&[crate::rules::Undecided], &[SuppressedUndecided]) =
        if report.show_unknown {
            (
                &report.outcome.undecided,
                &report.outcome.suppressed_undecided,
            )
        } else {
            (&[], &[])
        };
    let mut descriptors: Vec<ReportingDescriptor> = rules.iter().map(|r| descriptor(r)).collect();
    let mut undecided_rules: Vec<&'static Rule> = undecided
        .iter()
        .chain(accepted.iter().map(|s| &s.undecided))
        .map(|u| u.rule)
        .collect();
    undecided_rules.sort_by_key(|r| r.id);
    undecided_rules.dedup_by_key(|r| r.id);
    descriptors.extend(undecided_rules.iter().map(|r| undecided_descriptor(r)));
    // Listed only when used, so that a run that read everything is as it always was.
    if !report.not_linted.is_empty() {
        descriptors.push(gap_descriptor(&NOT_LINTED));
    }
    if !report.errors.is_empty() {
        descriptors.push(gap_descriptor(&LOAD_ERROR));
    }
    // `ZT-NET-001/undecided` sorts right after `ZT-NET-001`.
    descriptors.sort_by(|a, b| a.id.cmp(&b.id));
    let index: HashMap<String, usize> = descriptors
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();

    let sarif_suppression = |s: &Suppression| SarifSuppression {
        kind: if s.kind.in_source() {
            "inSource"
        } else {
            "external"
        },
        status: "accepted",
        justification: match (s.kind, s.until) {
            (_, Some(until)) => format!("{} (until {until})", s.reason),
            _ => s.reason.clone(),
        },
        location: s.span.map(|span| location(report, span, None)),
    };
    let result = |f: &Finding, suppression: Option<&Suppression>| -> SarifResult {
        let mut related = Vec::new();
        if let Some(plan) = f.plan_span {
            related.push(RelatedLocation {
                id: related.len() + 1,
                physical_location: physical(report, plan, report.location(plan)),
                message: Text {
                    text: "Where the value is in the Terraform plan.".to_string(),
                },
            });
        }
        for (span, note) in &f.related {
            related.push(RelatedLocation {
                id: related.len() + 1,
                physical_location: physical(report, *span, report.location(*span)),
                message: Text {
                    text: sentence(note),
                },
            });
        }
        for &call in &f.module_calls {
            related.push(RelatedLocation {
                id: related.len() + 1,
                physical_location: physical(report, call, report.location(call)),
                message: Text {
                    text: "The module call through which the resource is reached.".to_string(),
                },
            });
        }
        let suppressions = suppression.map(sarif_suppression).into_iter().collect();
        SarifResult {
            rule_id: f.rule.id.to_string(),
            rule_index: index.get(f.rule.id).copied().unwrap_or(0),
            kind: None,
            level: Some(super::level(f.rule.severity)),
            message: Text {
                text: sentence(&f.message),
            },
            locations: [location(report, f.span, Some(&f.resource))],
            related_locations: related,
            partial_fingerprints: HashMap::from([(FINGERPRINT_KEY, report.fingerprint(f))]),
            suppressions,
            fixes: sarif_fix(report, f).into_iter().collect(),
            properties: Some(ResultProperties::Finding {
                resource_type: f.resource_type.clone(),
                severity: f.rule.severity.name(),
            }),
        }
    };
    let mut results: Vec<SarifResult> = report
        .outcome
        .findings
        .iter()
        .map(|f| result(f, None))
        .collect();
    results.extend(
        report
            .outcome
            .suppressed
            .iter()
            .map(|s| result(&s.finding, Some(&s.suppression))),
    );
    let (listed_undecided, undecided_rest) = beyond_limit(
        report,
        undecided,
        LISTED_UNKNOWN_RESULTS,
        |u| u.rule.id,
        |u| u.span,
    );
    let undecided_result = |u: &crate::rules::Undecided, suppression: Option<&Suppression>| {
        let id = undecided_id(u.rule);
        SarifResult {
            rule_index: index.get(&id).copied().unwrap_or(0),
            rule_id: id,
            kind: Some("open"),
            level: None,
            message: Text {
                text: sentence(&format!(
                    "{} could not decide {}: {}",
                    u.rule.id, u.resource, u.reason
                )),
            },
            locations: [location(report, u.span, Some(&u.resource))],
            related_locations: Vec::new(),
            partial_fingerprints: HashMap::from([(
                UNDECIDED_FINGERPRINT_KEY,
                report.identities.undecided_fingerprint(u, report.sources),
            )]),
            suppressions: suppression.map(sarif_suppression).into_iter().collect(),
            fixes: Vec::new(),
            properties: Some(ResultProperties::Undecided {
                undecided_rule: u.rule.id,
            }),
        }
    };
    results.extend(listed_undecided.iter().map(|u| undecided_result(u, None)));
    results.extend(undecided_rest.iter().map(|rest| {
        let u = rest.first;
        let mut result = undecided_result(u, None);
        result.message.text = sentence(&format!(
            "{} could not decide {} more resources {}, not listed one by one to stay within GitHub's limits (`--format json` lists them all); the first is {}: {}",
            rest.rule,
            rest.count,
            rest_place(rest),
            u.resource,
            u.reason
        ));
        result.partial_fingerprints = HashMap::from([(
            UNDECIDED_FINGERPRINT_KEY,
            report
                .identities
                .summary_fingerprint("zt1us", rest.rule, rest.file, report.sources),
        )]);
        result
    }));
    // Undecided checks a suppression accepted are results with `suppressions`, as suppressed
    // findings are: code scanning shows them as dismissed, not as never looked at.
    let (listed_accepted, accepted_rest) = beyond_limit(
        report,
        accepted,
        LISTED_UNKNOWN_RESULTS,
        |s| s.undecided.rule.id,
        |s| s.undecided.span,
    );
    results.extend(
        listed_accepted
            .iter()
            .map(|s| undecided_result(&s.undecided, Some(&s.suppression))),
    );
    results.extend(accepted_rest.iter().map(|rest| {
        let first = rest.first;
        let mut result = undecided_result(&first.undecided, Some(&first.suppression));
        result.message.text = sentence(&format!(
            "{} could not decide {} more resources {}, accepted by suppressions and not listed one by one to stay within GitHub's limits (`--format json` lists them all); the first is {}: {}",
            rest.rule,
            rest.count,
            rest_place(rest),
            first.undecided.resource,
            first.undecided.reason
        ));
        result.partial_fingerprints = HashMap::from([(
            UNDECIDED_FINGERPRINT_KEY,
            report
                .identities
                .summary_fingerprint("zt1uas", rest.rule, rest.file, report.sources),
        )]);
        result
    }));
    // Results as well as notifications: GitHub code scanning shows only results, and a gate
    // that passed over what it could not read without a word would be the worst of failures.
    let mut seen = HashMap::new();
    let (listed_not_linted, not_linted_rest) = beyond_limit(
        report,
        report.not_linted,
        LISTED_UNKNOWN_RESULTS,
        |_| NOT_LINTED_RULE,
        |n| n.span,
    );
    for n in listed_not_linted {
        results.push(gap_result(
            report,
            &NOT_LINTED,
            &index,
            &mut seen,
            ("zt1n", NOT_LINTED_FINGERPRINT_KEY),
            n.span,
            format!("Not linted: {}", n.reason),
        ));
    }
    for rest in &not_linted_rest {
        let mut result = gap_result(
            report,
            &NOT_LINTED,
            &index,
            &mut seen,
            ("zt1n", NOT_LINTED_FINGERPRINT_KEY),
            rest.first.span,
            format!(
                "Not linted: {} more parts {}, not listed one by one to stay within GitHub's limits (`--format json` lists them all); the first: {}",
                rest.count,
                rest_place(rest),
                rest.first.reason
            ),
        );
        result.partial_fingerprints = HashMap::from([(
            NOT_LINTED_FINGERPRINT_KEY,
            report
                .identities
                .summary_fingerprint("zt1ns", "", rest.file, report.sources),
        )]);
        results.push(result);
    }
    for e in report.errors {
        results.push(gap_result(
            report,
            &LOAD_ERROR,
            &index,
            &mut seen,
            ("zt1e", LOAD_ERROR_FINGERPRINT_KEY),
            e.span,
            format!("This file could not be linted: {}", e.message),
        ));
    }
    let errors = report.errors.iter().map(|e| Notification {
        level: "error",
        message: Text {
            text: sentence(&e.message),
        },
        locations: vec![location(report, e.span, None)],
    });
    // Not read, so not checked: a warning, since the run itself succeeded.
    let not_linted = listed_not_linted.iter().map(|n| Notification {
        level: "warning",
        message: Text {
            text: sentence(&format!("Not linted: {}", n.reason)),
        },
        locations: vec![location(report, n.span, None)],
    });
    let not_linted_more = (report.not_linted.len() > listed_not_linted.len()).then(|| {
        Notification {
            level: "warning",
            message: Text {
                text: sentence(&format!(
                    "Not linted: {} more parts, not listed one by one (`--format json` lists them all)",
                    report.not_linted.len() - listed_not_linted.len()
                )),
            },
            locations: Vec::new(),
        }
    });
    // A `note`: the run did what it was asked, but its framework report leaves controls out.
    let not_run = report.rules_not_run.iter().map(|n| Notification {
        level: "note",
        message: Text {
            text: sentence(&n.message()),
        },
        locations: Vec::new(),
    });
    let notifications = errors
        .chain(not_linted)
        .chain(not_linted_more)
        .chain(not_run)
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            automation_details: AutomationDetails { id: "zt-lint/" },
            original_uri_base_ids: OriginalUriBaseIds {
                src_root: BaseUri {
                    uri: src_root_uri(),
                },
            },
            tool: Tool {
                driver: Driver {
                    name: "zt-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: descriptors,
                },
            },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}
