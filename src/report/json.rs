//! `--format json`: one document, stable field names (documented in the README).

use super::Report;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The document's fields, in this order: `version`, `tool`, `findings`, `suppressed` (left out
/// when empty), `errors`, `not_linted` (parts of the input that were not read, so nothing in them
/// was checked), `undecided` and `suppressed_undecided` (with `--show-unknown`; the second left
/// out when empty), `rules_not_run` (rules of `--framework`
/// that did not run; left out when empty) and `summary`. [`render`] writes them one at
/// a time, in serde_json's pretty layout.
const INDENT: &[u8] = b"  ";

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule_id: &'static str,
    rule_name: &'static str,
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    resource: &'a str,
    resource_type: &'a str,
    message: &'a str,
    help: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    module_calls: Vec<Location>,
    /// Other places that explain the finding (where a module uses the input its caller set).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    /// An exposure path's hops in order, after the internet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    path: Vec<PathHop<'a>>,
    /// Set when a plan finding is shown at its Terraform source.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan_location: Option<Location>,
    fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<SuppressedBy>,
}

/// How a finding was suppressed: `kind` is `comment`, `metadata`, `config` or `baseline`.
#[derive(Serialize)]
struct SuppressedBy {
    kind: &'static str,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
}

/// Where a module call that leads to a finding is written.
#[derive(Serialize)]
struct Location {
    file: String,
    line: usize,
    column: usize,
}

/// One hop of an exposure path: what it is, where it is declared, and its resource if any.
#[derive(Serialize)]
struct PathHop<'a> {
    label: &'a str,
    file: String,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
}

#[derive(Serialize)]
struct Related<'a> {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct NotLinted<'a> {
    file: String,
    line: usize,
    column: usize,
    reason: &'a str,
}

#[derive(Serialize)]
struct Error {
    file: String,
    line: usize,
    column: usize,
    message: String,
}

#[derive(Serialize)]
struct Undecided<'a> {
    rule_id: &'static str,
    file: String,
    line: usize,
    column: usize,
    resource: &'a str,
    reason: &'a str,
    /// Set in `suppressed_undecided`: the suppression that accepted the check.
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<SuppressedBy>,
}

/// A rule of `--framework` that did not run: the report does not cover these controls.
#[derive(Serialize)]
struct RuleNotRun {
    rule_id: &'static str,
    rule_name: &'static str,
    framework: &'static str,
    controls: &'static [&'static str],
    reason: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    findings: usize,
    suppressed: usize,
    errors: usize,
    not_linted: usize,
    undecided: usize,
    /// Undecided checks a suppression accepted; left out when there are none, so that the
    /// documents of runs without any are as they were.
    #[serde(skip_serializing_if = "is_zero")]
    suppressed_undecided: usize,
    /// With `--diff-base`: findings left out because nothing that explains them changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    left_out: Option<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn finding<'a>(
    report: &Report<'_>,
    f: &'a crate::rules::Finding,
    suppression: Option<&crate::suppress::Suppression>,
) -> Finding<'a> {
    let at = report.location(f.span);
    Finding {
        rule_id: f.rule.id,
        rule_name: f.rule.name,
        severity: f.rule.severity.name(),
        file: report.path(f.span),
        line: at.line,
        column: at.column,
        end_line: at.end_line,
        end_column: at.end_column,
        resource: &f.resource,
        resource_type: &f.resource_type,
        message: &f.message,
        help: f.rule.fix_for(f.origin),
        module_calls: f
            .module_calls
            .iter()
            .map(|&span| {
                let at = report.location(span);
                Location {
                    file: report.path(span),
                    line: at.line,
                    column: at.column,
                }
            })
            .collect(),
        related: f
            .related
            .iter()
            .map(|(span, message)| {
                let at = report.location(*span);
                Related {
                    file: report.path(*span),
                    line: at.line,
                    column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                    message,
                }
            })
            .collect(),
        path: f
            .path
            .iter()
            .map(|hop| {
                let at = report.location(hop.span);
                PathHop {
                    label: &hop.label,
                    file: report.path(hop.span),
                    line: at.line,
                    column: at.column,
                    resource: hop.resource.as_deref(),
                }
            })
            .collect(),
        plan_location: f.plan_span.map(|span| {
            let at = report.location(span);
            Location {
                file: report.path(span),
                line: at.line,
                column: at.column,
            }
        }),
        fingerprint: report.fingerprint(f),
        suppressed: suppression.map(|s| suppressed_by(report, s)),
    }
}

fn suppressed_by(report: &Report<'_>, s: &crate::suppress::Suppression) -> SuppressedBy {
    let at = s
        .span
        .map(|span| (report.path(span), report.location(span)));
    SuppressedBy {
        kind: s.kind.name(),
        reason: s.reason.clone(),
        file: at
            .as_ref()
            .map(|(p, _)| p.clone())
            .or_else(|| s.file.clone()),
        line: at.as_ref().map(|(_, l)| l.line),
        column: at.as_ref().map(|(_, l)| l.column),
        until: s.until.map(|d| d.to_string()),
    }
}

fn undecided<'a>(
    report: &Report<'_>,
    u: &'a crate::rules::Undecided,
    suppression: Option<&crate::suppress::Suppression>,
) -> Undecided<'a> {
    let at = report.location(u.span);
    Undecided {
        rule_id: u.rule.id,
        file: report.path(u.span),
        line: at.line,
        column: at.column,
        resource: &u.resource,
        reason: &u.reason,
        suppressed: suppression.map(|s| suppressed_by(report, s)),
    }
}

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let errors: Vec<Error> = report
        .errors
        .iter()
        .map(|e| {
            let at = report.location(e.span);
            Error {
                file: report.path(e.span),
                line: at.line,
                column: at.column,
                message: e.message.clone(),
            }
        })
        .collect();
    let not_linted: Vec<NotLinted> = report
        .not_linted
        .iter()
        .map(|n| {
            let at = report.location(n.span);
            NotLinted {
                file: report.path(n.span),
                line: at.line,
                column: at.column,
                reason: &n.reason,
            }
        })
        .collect();
    let summary = Summary {
        files: report.files,
        resources: report.resources,
        findings: report.outcome.findings.len(),
        suppressed: report.outcome.suppressed.len(),
        errors: report.errors.len(),
        not_linted: report.not_linted.len(),
        undecided: report.outcome.undecided.len(),
        suppressed_undecided: report.outcome.suppressed_undecided.len(),
        left_out: report.left_out,
    };
    let mut doc = PrettyObject::new(out);
    doc.field("version", &1)?;
    doc.field(
        "tool",
        &Tool {
            name: "zt-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
    )?;
    doc.list("findings", &report.outcome.findings, |f| {
        finding(report, f, None)
    })?;
    if !report.outcome.suppressed.is_empty() {
        doc.list("suppressed", &report.outcome.suppressed, |s| {
            finding(report, &s.finding, Some(&s.suppression))
        })?;
    }
    doc.field("errors", &errors)?;
    doc.field("not_linted", &not_linted)?;
    if report.show_unknown {
        doc.list("undecided", &report.outcome.undecided, |u| {
            undecided(report, u, None)
        })?;
        if !report.outcome.suppressed_undecided.is_empty() {
            doc.list(
                "suppressed_undecided",
                &report.outcome.suppressed_undecided,
                |s| undecided(report, &s.undecided, Some(&s.suppression)),
            )?;
        }
    }
    // Only when there are some, so that documents of other runs are as they were.
    if !report.rules_not_run.is_empty() {
        doc.list("rules_not_run", report.rules_not_run, |n| RuleNotRun {
            rule_id: n.rule.id,
            rule_name: n.rule.name,
            framework: n.framework.name(),
            controls: n.controls,
            reason: "off by default",
        })?;
    }
    doc.field("summary", &summary)?;
    doc.end()?;
    writeln!(out)
}

/// A JSON object written a field at a time, byte for byte as `serde_json::to_writer_pretty`
/// lays it out, so that the long lists (tens of thousands of findings) are rendered on every
/// thread while the output keeps its order.
struct PrettyObject<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

/// How many list elements are rendered together before they are written: enough to keep every
/// thread busy, few enough that the rendered text of a large report is never all in memory.
const LIST_CHUNK: usize = 2048;

impl<'w> PrettyObject<'w> {
    fn new(out: &'w mut dyn Write) -> PrettyObject<'w> {
        PrettyObject { out, fields: 0 }
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        self.out
            .write_all(if self.fields == 0 { b"{\n" } else { b",\n" })?;
        self.fields += 1;
        self.out.write_all(INDENT)?;
        serde_json::to_writer(&mut *self.out, name).map_err(io::Error::other)?;
        self.out.write_all(b": ")
    }

    fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        self.out.write_all(&nested_pretty(value, 1)?)
    }

    /// A field whose value is a list of `items`, each rendered by `render`.
    fn list<'a, T: Sync, V: Serialize>(
        &mut self,
        name: &str,
        items: &'a [T],
        render: impl Fn(&'a T) -> V + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        if items.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        for (i, chunk) in items.chunks(LIST_CHUNK).enumerate() {
            let rendered: Vec<Vec<u8>> = chunk
                .par_iter()
                .map(|item| nested_pretty(&render(item), 2))
                .collect::<io::Result<_>>()?;
            for (k, text) in rendered.iter().enumerate() {
                if i > 0 || k > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n")?;
                self.out.write_all(INDENT)?;
                self.out.write_all(INDENT)?;
                self.out.write_all(text)?;
            }
        }
        self.out.write_all(b"\n")?;
        self.out.write_all(INDENT)?;
        self.out.write_all(b"]")
    }

    fn end(self) -> io::Result<()> {
        self.out
            .write_all(if self.fields == 0 { b"{}" } else { b"\n}" })
    }
}

/// `value` in serde_json's pretty layout as it appears `depth` levels deep: every line after the
/// first indented by two spaces per level. A JSON string never holds a raw line break (it is
/// escaped), so each newline of the standalone rendering starts a line of the layout.
fn nested_pretty(value: &impl Serialize, depth: usize) -> io::Result<Vec<u8>> {
    let flat = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    let breaks = flat.iter().filter(|&&b| b == b'\n').count();
    let mut out = Vec::with_capacity(flat.len() + breaks * depth * INDENT.len());
    for (i, line) in flat.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            for _ in 0..depth {
                out.extend_from_slice(INDENT);
            }
        }
        out.extend_from_slice(line);
    }
    Ok(out)
}

/// The document for a run that stopped before linting (a malformed configuration, an unknown
/// rule): CI parsers reading stdout get the error instead of nothing. An error in a file the
/// run needs (the configuration, a Guard policy) is located there, as input errors are; other
/// usage errors have no location, so `file`, `line` and `column` are absent.
pub fn render_usage_error(
    message: &str,
    at: Option<&crate::source::FileError>,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct UsageError<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<usize>,
        message: &'a str,
    }
    let error = match at {
        Some(e) => UsageError {
            file: Some(e.path.display().to_string()),
            line: Some(e.line),
            column: Some(e.column),
            message: &e.message,
        },
        None => UsageError {
            file: None,
            line: None,
            column: None,
            message,
        },
    };
    #[derive(Serialize)]
    struct Stopped<'a> {
        version: u32,
        tool: Tool,
        findings: [(); 0],
        errors: [UsageError<'a>; 1],
        not_linted: [(); 0],
        summary: Summary,
    }
    let doc = Stopped {
        version: 1,
        tool: Tool {
            name: "zt-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: [],
        errors: [error],
        not_linted: [],
        summary: Summary {
            files: 0,
            resources: 0,
            findings: 0,
            suppressed: 0,
            errors: 1,
            not_linted: 0,
            undecided: 0,
            suppressed_undecided: 0,
            left_out: None,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
