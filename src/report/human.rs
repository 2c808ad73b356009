//! Human output: one miette report per finding and per error, then a summary line.

use super::Report;
use crate::rules::Severity;
use crate::source::{SourceFile, Span};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// A source file as miette sees it, with our precomputed line index (miette's own `String`
/// source rescans the file for every report).
struct Code {
    file: Arc<SourceFile>,
    name: String,
}

impl SourceCode for Code {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.file.text.as_bytes();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.file.line_col(start as u32).line;
        let last = self
            .file
            .line_col(end.saturating_sub(1).max(start) as u32)
            .line;
        let mut from_line = first.saturating_sub(context_lines_before).max(1);
        let mut to_line = (last + context_lines_after).min(self.file.line_count());
        // Without context miette reads the position of the span itself (the `file:line:col`
        // header), so the contents start at the span, as miette's own sources do.
        let (mut from, mut column) = if context_lines_before == 0 {
            (start, self.file.line_col(start as u32).column - 1)
        } else {
            (self.file.line_start(from_line).unwrap_or(0), 0)
        };
        let mut to = self.file.line_start(to_line + 1).unwrap_or(text.len());
        // A minified plan or template is one line of megabytes: show a window of the span's
        // own line around it (miette also cannot pad past column 65,535). The header keeps the
        // true line and column.
        if context_lines_before + context_lines_after > 0
            && (from_line..=to_line).any(|line| self.line_len(line) > MAX_SNIPPET_LINE)
        {
            let line_end = self
                .file
                .line_start(last + 1)
                .unwrap_or(text.len())
                .min(text.len());
            let text = &self.file.text;
            from = floor_char_boundary(
                text,
                start
                    .saturating_sub(WINDOW_MARGIN)
                    .max(self.file.line_start(first).unwrap_or(0)),
            );
            to = ceil_char_boundary(text, (end + WINDOW_MARGIN).min(line_end));
            from_line = first;
            to_line = last;
            column = self.file.line_col(from as u32).column - 1;
        }
        let data = text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            (from, to - from).into(),
            from_line - 1,
            column,
            to_line - from_line + 1,
        )))
    }
}

/// Lines longer than this (in bytes) are shown as a window around the span.
const MAX_SNIPPET_LINE: usize = 240;
/// Bytes shown on each side of a span in such a window.
const WINDOW_MARGIN: usize = 60;

impl Code {
    fn line_len(&self, line: usize) -> usize {
        let start = self.file.line_start(line).unwrap_or(0);
        let end = self
            .file
            .line_start(line + 1)
            .unwrap_or(self.file.text.len());
        end.saturating_sub(start)
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

struct Report1 {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    label: Option<LabeledSpan>,
    /// Related places in the same file, shown as secondary labels.
    secondary: Vec<LabeledSpan>,
    source: Option<Code>,
}

impl fmt::Debug for Report1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report1 {}

impl Diagnostic for Report1 {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels: Vec<LabeledSpan> = self.label.iter().chain(&self.secondary).cloned().collect();
        (!labels.is_empty())
            .then(|| Box::new(labels.into_iter()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// Related places: secondary labels when they are in the finding's file (miette shows one
/// source per report), otherwise lines of help text with their location.
fn related(report: &Report<'_>, finding: &crate::rules::Finding) -> (Vec<LabeledSpan>, String) {
    let mut labels = Vec::new();
    let mut text = String::new();
    for (span, note) in &finding.related {
        let same_file = span.file == finding.span.file;
        match report.sources.get(span.file) {
            Some(file) if same_file && !file.text.is_empty() => {
                labels.push(LabeledSpan::new_with_span(
                    Some(note.clone()),
                    shown_span(file, *span),
                ));
            }
            _ => {
                let at = report.location(*span);
                text.push_str(&format!(
                    "\n{note}: {}:{}:{}",
                    report.path(*span),
                    at.line,
                    at.column
                ));
            }
        }
    }
    (labels, text)
}

/// "reached through module.vpc (main.tf:12:1) → module.subnets (vpc/main.tf:3:1)"
fn module_trail(report: &Report<'_>, calls: &[Span]) -> String {
    if calls.is_empty() {
        return String::new();
    }
    let steps: Vec<String> = calls
        .iter()
        .map(|&span| {
            let at = report.location(span);
            let header = report
                .sources
                .get(span.file)
                .map(|f| f.slice(span).replace('"', "").replacen(' ', ".", 1))
                .unwrap_or_default();
            format!("{header} ({}:{}:{})", report.path(span), at.line, at.column)
        })
        .collect();
    format!("\nreached through {}", steps.join(" → "))
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Critical | Severity::High => miette::Severity::Error,
        Severity::Medium => miette::Severity::Warning,
        Severity::Low => miette::Severity::Advice,
    }
}

fn located(report: &Report<'_>, span: Span, label: String) -> (Option<LabeledSpan>, Option<Code>) {
    let Some(file) = report.sources.get(span.file) else {
        return (None, None);
    };
    if file.text.is_empty() {
        return (None, None);
    }
    let code = Code {
        file: file.clone(),
        name: report.path(span),
    };
    let at = LabeledSpan::new_primary_with_span(Some(label), shown_span(file, span));
    (Some(at), Some(code))
}

/// The (offset, length) a label underlines. A long span on a line too long to show whole (a
/// suppression comment naming thousands of rules, a minified template) is cut to its first
/// bytes, so the window around it stays small; the header still gives where it starts.
fn shown_span(file: &SourceFile, span: Span) -> (usize, usize) {
    let span = file.clamp(span);
    let start = span.start as usize;
    let line = file.line_col(span.start).line;
    let line_len = file
        .line_start(line + 1)
        .unwrap_or(file.text.len())
        .saturating_sub(file.line_start(line).unwrap_or(0));
    if span.len() > MAX_SNIPPET_LINE && line_len > MAX_SNIPPET_LINE {
        let end = ceil_char_boundary(&file.text, start + MAX_SNIPPET_LINE);
        return (start, end - start);
    }
    (start, span.len())
}

pub fn render(report: &Report<'_>, layout: super::Layout, out: &mut dyn Write) -> io::Result<()> {
    let theme = if layout.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(layout.width)
        .with_links(false);
    let mut buffer = String::new();
    for finding in &report.outcome.findings {
        let rule = finding.rule;
        let (label, source) = located(report, finding.span, rule.name.to_string());
        let (secondary, related_text) = related(report, finding);
        let diagnostic = Report1 {
            message: format!("{} [{}]", finding.message, rule.severity),
            code: Some(rule.id.to_string()),
            severity: miette_severity(rule.severity),
            help: Some(format!(
                "{}{}{}{}\ndocs: zt-lint explain {}",
                rule.fix_for(finding.origin),
                related_text,
                module_trail(report, &finding.module_calls),
                finding.plan_span.map_or(String::new(), |span| {
                    let at = report.location(span);
                    format!(
                        "\nfound in the plan at {}:{}:{}",
                        report.path(span),
                        at.line,
                        at.column
                    )
                }),
                rule.id
            )),
            label,
            secondary,
            source,
        };
        buffer.clear();
        if handler.render_report(&mut buffer, &diagnostic).is_ok() {
            writeln!(out, "{buffer}")?;
        }
    }
    for error in report.errors {
        let (label, source) = located(report, error.span, "here".to_string());
        let message = if source.is_none() {
            format!("{}: {}", report.path(error.span), error.message)
        } else {
            error.message.clone()
        };
        let diagnostic = Report1 {
            message,
            code: Some("error".to_string()),
            severity: miette::Severity::Error,
            help: None,
            label,
            secondary: Vec::new(),
            source,
        };
        buffer.clear();
        if handler.render_report(&mut buffer, &diagnostic).is_ok() {
            writeln!(out, "{buffer}")?;
        }
    }
    if !report.not_linted.is_empty() {
        writeln!(
            out,
            "Not linted (not read, so nothing in them was checked):"
        )?;
        for n in report.not_linted {
            let at = report.location(n.span);
            writeln!(
                out,
                "  {}:{}:{}: {}",
                report.path(n.span),
                at.line,
                at.column,
                n.reason
            )?;
        }
        writeln!(out)?;
    }
    if report.show_unknown && !report.outcome.undecided.is_empty() {
        writeln!(out, "Checks not decided because a value is unknown:")?;
        for u in &report.outcome.undecided {
            let at = report.location(u.span);
            writeln!(
                out,
                "  {}:{}:{}: {} {}: {}",
                report.path(u.span),
                at.line,
                at.column,
                u.rule.id,
                u.resource,
                u.reason
            )?;
        }
        writeln!(out)?;
    }
    if report.quiet {
        return Ok(());
    }
    writeln!(out, "{}", summary(report))
}

pub fn summary(report: &Report<'_>) -> String {
    let findings = &report.outcome.findings;
    let mut by_severity = Vec::new();
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        let n = findings.iter().filter(|f| f.rule.severity == s).count();
        if n > 0 {
            by_severity.push(format!("{n} {s}"));
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = plural(findings.len(), "finding");
    if !by_severity.is_empty() {
        line.push_str(&format!(" ({})", by_severity.join(", ")));
    }
    line.push_str(&format!(
        " in {}, {}",
        plural(report.files, "file"),
        plural(report.resources, "resource")
    ));
    if !report.outcome.suppressed.is_empty() {
        line.push_str(&format!("; {} suppressed", report.outcome.suppressed.len()));
    }
    if let Some(left_out) = report.left_out {
        line.push_str(&format!(
            "; {} elsewhere left out (--diff-base)",
            plural(left_out, "finding")
        ));
    }
    if !report.errors.is_empty() {
        line.push_str(&format!("; {}", plural(report.errors.len(), "error")));
    }
    if !report.not_linted.is_empty() {
        line.push_str(&format!(
            "; {} not linted (listed above)",
            report.not_linted.len()
        ));
    }
    let undecided = report.outcome.undecided.len();
    if report.show_unknown {
        line.push_str(&format!("; {} undecided", plural(undecided, "check")));
    } else if undecided > 0 {
        line.push_str(&format!(
            "; {} undecided: --show-unknown lists them",
            plural(undecided, "check")
        ));
    }
    if let Some(accepted) = super::accepted_undecided(report) {
        line.push_str(&format!("; {accepted}"));
    }
    line
}
