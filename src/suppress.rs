//! Suppressions: `# zt-lint:ignore RULE[,RULE...] [until=YYYY-MM-DD] reason` comments next to the
//! code, CloudFormation `Metadata: {zt-lint: {ignore: [...]}}`, per-path ignores from the
//! configuration and the baseline. A suppressed finding is kept (JSON and SARIF show it with its
//! suppression); suppressions that are malformed, expired or unused are findings themselves, of
//! the meta rules below, so nothing is hidden silently.

use crate::engine::Outcome;
use crate::graph::{Model, Node, Origin};
use crate::rules::{self, Context, Finding, Pillar, Rule, RulePage, Severity};
use crate::source::{FileId, SourceMap, Span};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

fn no_check(_: &mut Context<'_>) {}

/// Meta rules take the catalog fields they do not set from this rule.
static BASE: Rule = Rule {
    id: "ZT-META-000",
    name: "meta",
    enabled_by_default: true,
    check: no_check,
    ..crate::rules::identity::iam_policy_full_admin::RULE
};

#[allow(clippy::needless_update)]
pub static SUPPRESSION_WITHOUT_REASON: Rule = Rule {
    id: "ZT-META-001",
    name: "suppression-without-reason",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    summary: "Suppression comment or metadata gives no reason, so it suppresses nothing",
    page: RulePage {
        docs: r#"
## What it checks
Every `zt-lint:ignore` comment and every CloudFormation `Metadata` ignore entry must say why
the finding is accepted. One without a reason suppresses nothing and is reported here.

## Why it matters
An accepted risk is a decision someone must be able to review later; a bare ignore is not.

## How to fix
Write the reason after the rules: `# zt-lint:ignore ZT-NET-002 egress goes through the proxy`,
or `reason:` in the metadata entry.
"#,
        fix_terraform: "add a reason after the rule list: # zt-lint:ignore RULE why this is accepted",
        fix_cloudformation: "add `reason:` to the Metadata ignore entry, or a reason after the rule list",
    },
    check: no_check,
    // Fields the catalog adds later (which inputs a rule judges, ...) are taken from a rule that
    // judges every input, as meta rules do.
    ..BASE
};

#[allow(clippy::needless_update)]
pub static EXPIRED_SUPPRESSION: Rule = Rule {
    id: "ZT-META-002",
    name: "expired-suppression",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    summary: "Suppression has passed its until= date; the findings it covered are reported again",
    page: RulePage {
        docs: r#"
## What it checks
A suppression with `until=YYYY-MM-DD` works through that day (UTC). After it, the suppression
stops working, the findings it covered are reported again, and this rule says why.

## Why it matters
Temporary exceptions are how risk becomes permanent; an expiry date makes them come back.

## How to fix
Fix the finding and remove the suppression, or, after review, move the date.
"#,
        fix_terraform: "fix the finding and remove the suppression, or move its until= date after review",
        fix_cloudformation: "fix the finding and remove the suppression, or move its until date after review",
    },
    check: no_check,
    // Fields the catalog adds later (which inputs a rule judges, ...) are taken from a rule that
    // judges every input, as meta rules do.
    ..BASE
};

#[allow(clippy::needless_update)]
pub static UNUSED_SUPPRESSION: Rule = Rule {
    id: "ZT-META-003",
    name: "unused-suppression",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    summary: "Suppression matches no finding",
    page: RulePage {
        docs: r#"
## What it checks
A `zt-lint:ignore` comment or a Metadata ignore entry that names a rule which reports nothing
where the suppression applies.

## Why it matters
A stale suppression silently covers whatever that rule finds there next.

## How to fix
Remove the suppression (or the rule from its list).
"#,
        fix_terraform: "remove the suppression, or the rule from its list",
        fix_cloudformation: "remove the suppression, or the rule from its list",
    },
    check: no_check,
    // Fields the catalog adds later (which inputs a rule judges, ...) are taken from a rule that
    // judges every input, as meta rules do.
    ..BASE
};

#[allow(clippy::needless_update)]
pub static INVALID_SUPPRESSION: Rule = Rule {
    id: "ZT-META-004",
    name: "invalid-suppression",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    summary: "Suppression names an unknown rule or has a malformed until= date",
    page: RulePage {
        docs: r#"
## What it checks
A `zt-lint:ignore` comment or Metadata ignore entry that names no known rule, names no rule at
all, or whose `until=` is not a valid `YYYY-MM-DD` date. Such a suppression does nothing.

## How to fix
Use a rule id (`ZT-NET-001`) or name (`security-group-world-ingress-sensitive-port`) from
`zt-lint rules`, and a date such as `until=2026-12-31`.
"#,
        fix_terraform: "name rules as `zt-lint rules` lists them and write dates as YYYY-MM-DD",
        fix_cloudformation: "name rules as `zt-lint rules` lists them and write dates as YYYY-MM-DD",
    },
    check: no_check,
    // Fields the catalog adds later (which inputs a rule judges, ...) are taken from a rule that
    // judges every input, as meta rules do.
    ..BASE
};

/// The rules that report on suppressions themselves.
pub static META_RULES: &[&Rule] = &[
    &SUPPRESSION_WITHOUT_REASON,
    &EXPIRED_SUPPRESSION,
    &UNUSED_SUPPRESSION,
    &INVALID_SUPPRESSION,
];

/// A rule of the catalog, a meta rule or a loaded Guard rule, by id or name.
pub fn find_rule(id_or_name: &str) -> Option<&'static Rule> {
    rules::find(id_or_name)
        .or_else(|| {
            META_RULES
                .iter()
                .copied()
                .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
        })
        .or_else(|| crate::guard::find(id_or_name))
}

/// A calendar date, compared as (year, month, day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }

    /// The UTC date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in UTC, or `ZT_LINT_TODAY` (YYYY-MM-DD) when set, so tests can move time.
    pub fn today() -> Result<Date, String> {
        if let Some(value) = std::env::var_os("ZT_LINT_TODAY") {
            let value = value.to_string_lossy();
            return Date::parse(&value)
                .ok_or_else(|| format!("ZT_LINT_TODAY=`{value}` is not a YYYY-MM-DD date"));
        }
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ok(Date::from_unix_days((seconds / 86_400) as i64))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SuppressionKind {
    /// A `zt-lint:ignore` comment.
    Comment,
    /// A CloudFormation resource `Metadata` entry.
    Metadata,
    /// A per-path `[[ignore]]` of the configuration file.
    Config,
    /// A fingerprint in the `--baseline` file.
    Baseline,
}

impl SuppressionKind {
    pub fn name(self) -> &'static str {
        match self {
            SuppressionKind::Comment => "comment",
            SuppressionKind::Metadata => "metadata",
            SuppressionKind::Config => "config",
            SuppressionKind::Baseline => "baseline",
        }
    }

    /// SARIF's two kinds: written in the analysed file, or kept elsewhere.
    pub fn in_source(self) -> bool {
        matches!(self, SuppressionKind::Comment | SuppressionKind::Metadata)
    }
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub reason: String,
    /// Where the suppression is written (none for the baseline).
    pub span: Option<Span>,
    /// For config ignores and baselines: the file that holds them.
    pub file: Option<String>,
    pub until: Option<Date>,
}

/// A finding that a suppression accepted: still reported by JSON and SARIF.
#[derive(Clone, Debug)]
pub struct Suppressed {
    pub finding: Finding,
    pub suppression: Suppression,
}

/// An undecided check that a suppression accepted: not listed as undecided, and no reason for
/// `--fail-on-unknown` to fail.
#[derive(Clone, Debug)]
pub struct SuppressedUndecided {
    pub undecided: crate::rules::Undecided,
    pub suppression: Suppression,
}

/// The directives by the line they apply to and by the resource header they are attached to.
struct DirectiveIndex {
    by_line: HashMap<(FileId, usize), Vec<usize>>,
    by_resource: HashMap<Span, Vec<usize>>,
}

impl DirectiveIndex {
    /// The first working directive for `rule_id` on one of `lines` or attached to the resource
    /// at `resource_span`; every such directive is marked used for that rule.
    fn suppress(
        &self,
        directives: &mut [Directive],
        lines: &[(FileId, usize)],
        resource_span: Span,
        rule_id: &str,
    ) -> Option<Suppression> {
        let mut candidates: Vec<usize> = lines
            .iter()
            .filter_map(|l| self.by_line.get(l))
            .flatten()
            .copied()
            .collect();
        candidates.extend(self.by_resource.get(&resource_span).into_iter().flatten());
        candidates.sort_unstable();
        candidates.dedup();
        let mut suppression = None;
        for i in candidates {
            let Some(d) = directives.get_mut(i) else {
                continue;
            };
            if d.broken {
                continue;
            }
            let Some(at) = d.rules.iter().position(|(r, _)| r.id == rule_id) else {
                continue;
            };
            if let Some(used) = d.used.get_mut(at) {
                *used = true;
            }
            if suppression.is_none() {
                suppression = Some(Suppression {
                    kind: d.kind,
                    reason: d.reason.clone(),
                    span: Some(d.span),
                    file: None,
                    until: d.until,
                });
            }
        }
        suppression
    }
}

/// The configuration's `[[ignore]]` that covers `rule_id` in the file at `path`, if any.
fn path_ignore(external: &External<'_>, path: &Path, rule_id: &str) -> Option<Suppression> {
    external
        .path_ignores
        .iter()
        .find(|ig| ig.rules.iter().any(|r| r.id == rule_id) && ig.paths.matches(path))
        .map(|ig| Suppression {
            kind: SuppressionKind::Config,
            reason: ig.reason.to_string(),
            span: None,
            file: Some(ig.file.clone()),
            until: None,
        })
}

/// One parsed suppression (comment or metadata entry) and where it applies.
#[derive(Debug)]
struct Directive {
    kind: SuppressionKind,
    /// The comment or metadata entry.
    span: Span,
    origin: Origin,
    target: Target,
    /// Resolved rules and the name as written, for messages.
    rules: Vec<(&'static Rule, String)>,
    reason: String,
    until: Option<Date>,
    /// Set when the directive must not suppress: missing reason, expired, invalid.
    broken: bool,
    /// Per rule: whether some finding used it.
    used: Vec<bool>,
    /// Unknown rules and malformed dates, reported by `invalid-suppression`.
    problems: Vec<String>,
}

#[derive(Debug)]
enum Target {
    /// A 1-based line of a file: findings whose value, resource header or module call is there.
    Line(FileId, usize),
    /// A CloudFormation resource, by its header span.
    Resource(Span),
}

/// `--write-baseline`: every finding still in effect is now accepted by the baseline just written.
pub fn accept_all(outcome: &mut Outcome, baseline_file: &str) {
    for finding in std::mem::take(&mut outcome.findings) {
        outcome.suppressed.push(Suppressed {
            finding,
            suppression: Suppression {
                kind: SuppressionKind::Baseline,
                reason: format!("recorded in the baseline {baseline_file}"),
                span: None,
                file: Some(baseline_file.to_string()),
                until: None,
            },
        });
    }
}

/// Suppressions kept outside the code, from the configuration and the baseline.
pub struct External<'a> {
    /// Per-path ignores: (matches path, rules, reason, config file).
    pub path_ignores: Vec<PathIgnore<'a>>,
    /// Baseline fingerprints with how many findings each may cover, and the baseline file.
    pub baseline: Option<(HashMap<String, usize>, String)>,
}

pub struct PathIgnore<'a> {
    pub paths: &'a crate::config::PathMatcher,
    pub rules: &'a [&'static Rule],
    pub reason: &'a str,
    pub file: String,
}

/// Applies every suppression to `outcome`: suppressed findings move to `outcome.suppressed`,
/// problems with suppressions become findings of the meta rules (those in `meta_enabled`). A
/// suppression of a rule that did not run (`ran`) is not reported as unused.
pub fn apply(
    outcome: &mut Outcome,
    models: &[Model],
    sources: &SourceMap,
    external: &External<'_>,
    today: Date,
    ran: &[&'static Rule],
    meta_enabled: &[&'static Rule],
) {
    let mut directives = scan_comments(sources);
    directives.extend(scan_metadata(models));
    let mut meta: Vec<Finding> = Vec::new();
    let mut report = |rule: &'static Rule, d: &Directive, message: String, resource: &str| {
        if let Some(rule) = meta_enabled.iter().copied().find(|r| r.id == rule.id) {
            meta.push(Finding {
                rule,
                resource: resource.to_string(),
                resource_type: String::new(),
                span: d.span,
                resource_span: d.span,
                message,
                origin: d.origin,
                module_calls: Vec::new(),
                plan_span: None,
                related: Vec::new(),
                path: Vec::new(),
                changes: Vec::new(),
                fix_restarts: false,
            });
        }
    };
    let resource_of = |d: &Directive| -> String {
        match d.target {
            Target::Resource(span) => models
                .iter()
                .flat_map(|m| &m.resources)
                .find(|r| r.span == span)
                .map(|r| r.address.clone())
                .unwrap_or_default(),
            Target::Line(..) => String::new(),
        }
    };
    for d in &mut directives {
        if d.broken {
            continue;
        }
        if d.rules.is_empty() {
            d.broken = true;
        } else if d.reason.is_empty() {
            d.broken = true;
            let names: Vec<&str> = d.rules.iter().map(|(_, n)| n.as_str()).collect();
            let message = format!(
                "suppression of {} gives no reason, so it suppresses nothing",
                names.join(", ")
            );
            let resource = resource_of(d);
            report(&SUPPRESSION_WITHOUT_REASON, d, message, &resource);
        } else if let Some(until) = d.until.filter(|u| *u < today) {
            d.broken = true;
            let names: Vec<&str> = d.rules.iter().map(|(_, n)| n.as_str()).collect();
            let message = format!(
                "suppression of {} expired on {until}; its findings are reported again",
                names.join(", ")
            );
            let resource = resource_of(d);
            report(&EXPIRED_SUPPRESSION, d, message, &resource);
        }
    }

    let line_of = |span: Span| -> Option<(FileId, usize)> {
        let file = sources.get(span.file)?;
        Some((span.file, file.line_col(span.start).line))
    };
    let mut by_line: HashMap<(FileId, usize), Vec<usize>> = HashMap::new();
    let mut by_resource: HashMap<Span, Vec<usize>> = HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        match d.target {
            Target::Line(file, line) => by_line.entry((file, line)).or_default().push(i),
            Target::Resource(span) => by_resource.entry(span).or_default().push(i),
        }
    }

    let directive_index = DirectiveIndex {
        by_line,
        by_resource,
    };
    let findings = std::mem::take(&mut outcome.findings);
    let mut baseline_left = external.baseline.as_ref().map(|(b, _)| b.clone());
    for finding in findings {
        let mut lines: Vec<(FileId, usize)> = Vec::new();
        lines.extend(line_of(finding.span));
        lines.extend(line_of(finding.resource_span));
        lines.extend(finding.module_calls.iter().filter_map(|&s| line_of(s)));
        // A comment on the line inside a module still applies when the finding is shown at
        // the caller's argument.
        lines.extend(finding.related.iter().filter_map(|&(s, _)| line_of(s)));
        let mut suppression = directive_index.suppress(
            &mut directives,
            &lines,
            finding.resource_span,
            finding.rule.id,
        );
        if suppression.is_none() {
            suppression = path_ignore(external, sources.path(finding.span.file), finding.rule.id);
        }
        if suppression.is_none()
            && let (Some(left), Some((_, file))) = (&mut baseline_left, &external.baseline)
        {
            let print = crate::fingerprint::fingerprint(&finding, sources);
            if let Some(n) = left.get_mut(&print).filter(|n| **n > 0) {
                *n -= 1;
                suppression = Some(Suppression {
                    kind: SuppressionKind::Baseline,
                    reason: format!("recorded in the baseline {file}"),
                    span: None,
                    file: Some(file.clone()),
                    until: None,
                });
            }
        }
        match suppression {
            Some(suppression) => outcome.suppressed.push(Suppressed {
                finding,
                suppression,
            }),
            None => outcome.findings.push(finding),
        }
    }
    // Undecided checks answer to the same comments, metadata and path ignores: an accepted
    // unknown ("the CIDR comes from the VPN team's variable") is a decision as a finding is, and
    // a suppression that covers one is used. Not to the baseline, which records findings: an
    // undecided check is settled by giving the value, and a baseline written before it became
    // a finding must not hide it.
    for undecided in std::mem::take(&mut outcome.undecided) {
        let mut lines: Vec<(FileId, usize)> = Vec::new();
        lines.extend(line_of(undecided.span));
        lines.extend(line_of(undecided.resource_span));
        lines.extend(undecided.module_calls.iter().filter_map(|&s| line_of(s)));
        let suppression = directive_index
            .suppress(
                &mut directives,
                &lines,
                undecided.resource_span,
                undecided.rule.id,
            )
            .or_else(|| {
                path_ignore(
                    external,
                    sources.path(undecided.span.file),
                    undecided.rule.id,
                )
            });
        match suppression {
            Some(suppression) => outcome.suppressed_undecided.push(SuppressedUndecided {
                undecided,
                suppression,
            }),
            None => outcome.undecided.push(undecided),
        }
    }

    for d in &directives {
        if d.broken {
            continue;
        }
        let unused: Vec<&str> = d
            .rules
            .iter()
            .zip(&d.used)
            .filter(|((rule, _), used)| !**used && ran.iter().any(|r| r.id == rule.id))
            .map(|((_, name), _)| name.as_str())
            .collect();
        if !unused.is_empty() {
            let message = format!(
                "suppression of {} matches no finding; remove it",
                unused.join(", ")
            );
            let resource = resource_of(d);
            report(&UNUSED_SUPPRESSION, d, message, &resource);
        }
    }
    for d in &directives {
        for problem in &d.problems {
            let resource = resource_of(d);
            report(&INVALID_SUPPRESSION, d, problem.clone(), &resource);
        }
    }
    outcome.findings.extend(meta);
    crate::engine::sort_findings(&mut outcome.findings, sources);
    outcome
        .suppressed
        .sort_by(|a, b| crate::engine::finding_order(&a.finding, &b.finding, sources));
}

/// Files whose comments can hold suppressions, and the origin meta findings there carry.
fn comment_origin(path: &Path) -> Option<Origin> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "tf" => Some(Origin::Terraform),
        "yaml" | "yml" | "template" => Some(Origin::CloudFormation),
        _ => None,
    }
}

struct Comment<'a> {
    /// Byte range of the directive text (from `zt-lint:ignore`).
    start: usize,
    end: usize,
    text: &'a str,
    line: usize,
    /// Nothing but whitespace before the comment marker on its line.
    alone: bool,
}

const MARKER: &str = "zt-lint:ignore";

/// Every `zt-lint:ignore` that follows a `#` or `//` comment marker.
fn comments(text: &str) -> Vec<Comment<'_>> {
    let mut out = Vec::new();
    // The marker is looked for once in the whole text, not once per line: a search per line
    // of a 50 MB plan costs more than the rest of suppression handling.
    let mut line_number = 1;
    let mut counted_to = 0;
    let mut next_line_start = 0;
    for (found, _) in text.match_indices(MARKER) {
        if found < next_line_start {
            // Only the first marker of a line starts a comment.
            continue;
        }
        let line_start = text
            .get(..found)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = text
            .get(found..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| found + i);
        next_line_start = line_end + 1;
        line_number += text
            .get(counted_to..line_start)
            .map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count());
        counted_to = line_start;
        let line = text
            .get(line_start..line_end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r']);
        let at = found - line_start;
        let index = line_number - 1;
        let before = line.get(..at).unwrap_or("").trim_end();
        let marker_len = if before.ends_with('#') {
            1
        } else if before.ends_with("//") {
            2
        } else {
            continue;
        };
        let code = before.get(..before.len() - marker_len).unwrap_or("").trim();
        out.push(Comment {
            start: line_start + at,
            end: line_start + line.len(),
            text: line.get(at + MARKER.len()..).unwrap_or(""),
            line: index + 1,
            alone: code.is_empty(),
        });
    }
    out
}

/// Unknown rule names this many and more are listed as a count: one directive is one finding,
/// and a directive naming thousands of rules must not make a report of thousands of lines.
const MAX_LISTED_UNKNOWN_RULES: usize = 8;

/// One problem for all the unknown names of a directive.
fn unknown_rules_problem(names: &[&str]) -> String {
    let listed: Vec<String> = names
        .iter()
        .take(MAX_LISTED_UNKNOWN_RULES)
        .map(|n| format!("`{n}`"))
        .collect();
    let more = names.len().saturating_sub(MAX_LISTED_UNKNOWN_RULES);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let noun = if names.len() == 1 { "rule" } else { "rules" };
    format!(
        "suppression names no known {noun} {}{tail}",
        listed.join(", ")
    )
}

/// A directive's text after the marker: rules, options and reason, with problems found.
#[derive(Debug, Default)]
struct ParsedDirective {
    rules: Vec<(&'static Rule, String)>,
    reason: String,
    until: Option<Date>,
    problems: Vec<String>,
    bad_date: bool,
}

fn parse_directive(text: &str) -> ParsedDirective {
    let mut parsed = ParsedDirective::default();
    // `zt-lint:ignore-foo` is not ours.
    if !(text.is_empty() || text.starts_with(char::is_whitespace)) {
        parsed.problems.push(format!(
            "`{MARKER}{}` is not a suppression; write `{MARKER} RULE reason`",
            text.split_whitespace().next().unwrap_or("")
        ));
        return parsed;
    }
    let text = text.trim();
    let (list, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let mut unknown = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match find_rule(name) {
            Some(rule) => parsed.rules.push((rule, name.to_string())),
            None => unknown.push(name),
        }
    }
    if !unknown.is_empty() {
        parsed.problems.push(unknown_rules_problem(&unknown));
    }
    if list.is_empty() {
        parsed.problems.push(format!(
            "`{MARKER}` names no rule; write `{MARKER} RULE reason`"
        ));
    }
    let mut reason = Vec::new();
    for word in rest.split_whitespace() {
        match word.strip_prefix("until=") {
            Some(date) => match Date::parse(date) {
                Some(d) => parsed.until = Some(d),
                None => {
                    parsed.bad_date = true;
                    parsed
                        .problems
                        .push(format!("`until={date}` is not a YYYY-MM-DD date"));
                }
            },
            None => reason.push(word),
        }
    }
    parsed.reason = reason
        .join(" ")
        .trim_start_matches(['-', ':', '—'])
        .trim()
        .to_string();
    parsed
}

fn scan_comments(sources: &SourceMap) -> Vec<Directive> {
    // Every byte of every file is read looking for comments: one file per task, in file order.
    let files: Vec<_> = sources.files().collect();
    files
        .par_iter()
        .flat_map_iter(|&(id, file)| file_directives(id, file))
        .collect()
}

fn file_directives(id: FileId, file: &crate::source::SourceFile) -> Vec<Directive> {
    let Some(origin) = comment_origin(&file.path) else {
        return Vec::new();
    };
    let all = comments(&file.text);
    let mut out = Vec::with_capacity(all.len());
    for comment in &all {
        let parsed = parse_directive(comment.text);
        let line = if comment.alone {
            next_code_line(file, comment.line)
        } else {
            comment.line
        };
        let broken = parsed.bad_date || parsed.rules.is_empty();
        out.push(Directive {
            kind: SuppressionKind::Comment,
            span: Span::new(id, comment.start, comment.end),
            origin,
            target: Target::Line(id, line),
            used: vec![false; parsed.rules.len()],
            rules: parsed.rules,
            reason: parsed.reason,
            until: parsed.until,
            broken,
            problems: parsed.problems,
        });
    }
    out
}

/// The first line after `line` that is neither blank nor only a comment.
fn next_code_line(file: &crate::source::SourceFile, line: usize) -> usize {
    let mut next = line + 1;
    while next <= file.line_count() {
        let text = file.line_text(next).trim();
        if !(text.is_empty() || text.starts_with('#') || text.starts_with("//")) {
            return next;
        }
        next += 1;
    }
    next
}

struct MetadataEntry {
    span: Span,
    rules: Vec<(&'static Rule, String)>,
    reason: String,
    until: Option<Date>,
    problems: Vec<String>,
}

/// `Metadata: {zt-lint: {ignore: [{rule: RULE, reason: ..., until: ...}]}}`; `rule` may also be
/// a list.
fn metadata_entries(metadata: Option<&Node>) -> Vec<MetadataEntry> {
    let Some(list) = metadata.and_then(|m| m.path(&["zt-lint", "ignore"])) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in list.items() {
        let mut entry = MetadataEntry {
            span: item.span,
            rules: Vec::new(),
            reason: String::new(),
            until: None,
            problems: Vec::new(),
        };
        let names: Vec<String> = match item.get("rule").or_else(|| item.get("rules")) {
            Some(node) if node.as_list().is_some() => node
                .items()
                .iter()
                .filter_map(|n| n.scalar_text())
                .collect(),
            Some(node) => node.scalar_text().into_iter().collect(),
            None => Vec::new(),
        };
        if names.is_empty() {
            entry
                .problems
                .push("Metadata ignore entry names no rule (`rule: RULE`)".to_string());
        }
        for name in names {
            match find_rule(name.trim()) {
                Some(rule) => entry.rules.push((rule, name)),
                None => entry
                    .problems
                    .push(format!("suppression names no known rule `{name}`")),
            }
        }
        entry.reason = item
            .get("reason")
            .and_then(|r| r.scalar_text())
            .unwrap_or_default()
            .trim()
            .to_string();
        if let Some(until) = item.get("until").and_then(|u| u.scalar_text()) {
            match Date::parse(until.trim()) {
                Some(d) => entry.until = Some(d),
                None => entry
                    .problems
                    .push(format!("`until: {until}` is not a YYYY-MM-DD date")),
            }
        }
        out.push(entry);
    }
    out
}

fn scan_metadata(models: &[Model]) -> Vec<Directive> {
    let mut out = Vec::new();
    for model in models {
        for resource in &model.resources {
            for entry in metadata_entries(resource.metadata.as_deref().map(|m| &m.written)) {
                let bad_date = entry.problems.iter().any(|p| p.starts_with("`until"));
                out.push(Directive {
                    kind: SuppressionKind::Metadata,
                    span: entry.span,
                    origin: model.origin,
                    target: Target::Resource(resource.span),
                    used: vec![false; entry.rules.len()],
                    broken: bad_date || entry.rules.is_empty(),
                    rules: entry.rules,
                    reason: entry.reason,
                    until: entry.until,
                    problems: entry.problems,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_convert_from_unix_days() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("2023-1-01"), None);
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::from_unix_days(20_454).to_string(), "2026-01-01");
    }

    #[test]
    fn directives_take_rules_by_id_or_name_an_expiry_and_a_reason() {
        let d = parse_directive(
            " ZT-NET-001,security-group-unrestricted-egress until=2026-12-31 bastion for the VPN",
        );
        let ids: Vec<&str> = d.rules.iter().map(|(r, _)| r.id).collect();
        assert_eq!(ids, ["ZT-NET-001", "ZT-NET-002"]);
        assert_eq!(d.reason, "bastion for the VPN");
        assert_eq!(
            d.until.map(|d| d.to_string()).as_deref(),
            Some("2026-12-31")
        );
        assert!(d.problems.is_empty());
        let d = parse_directive(" ZT-NOPE,ZT-NET-001 -- because");
        assert_eq!(d.rules.len(), 1);
        assert_eq!(d.reason, "because");
        assert_eq!(d.problems, ["suppression names no known rule `ZT-NOPE`"]);
        let many: Vec<String> = (0..8_000).map(|i| format!("ZT-NOPE-{i}")).collect();
        let d = parse_directive(&format!(" {},ZT-NET-001 reason", many.join(",")));
        assert_eq!(d.rules.len(), 1);
        assert_eq!(
            d.problems.len(),
            1,
            "one problem per directive, not per name"
        );
        assert!(
            d.problems[0].starts_with("suppression names no known rules `ZT-NOPE-0`, `ZT-NOPE-1`")
                && d.problems[0].ends_with("`ZT-NOPE-7` and 7992 more"),
            "{}",
            d.problems[0]
        );
        assert!(parse_directive(" ZT-NET-001 until=2026-02-30 x").bad_date);
        assert_eq!(parse_directive(" ZT-NET-001").reason, "");
    }

    #[test]
    fn comments_are_found_after_hash_or_slashes_only() {
        let text = "a = 1 # zt-lint:ignore ZT-NET-001 r\n  // zt-lint:ignore X y\nb = \"zt-lint:ignore\"\n";
        let found = comments(text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].alone), (1, false));
        assert_eq!((found[1].line, found[1].alone), (2, true));
        assert_eq!(found[1].text, " X y");
    }

    #[test]
    fn comments_keep_their_lines_offsets_and_first_marker() {
        let text = "x\r\n\n# zt-lint:ignore A r # zt-lint:ignore B s\r\nzt-lint:ignore\n// zt-lint:ignore C t";
        let found = comments(text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].alone), (3, true));
        assert_eq!(found[0].text, " A r # zt-lint:ignore B s");
        assert_eq!(found[0].start, 6);
        assert_eq!(found[0].end, 45);
        assert_eq!((found[1].line, found[1].alone), (5, true));
        assert_eq!(found[1].text, " C t");
    }
}
