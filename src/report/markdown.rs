//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull request comment: counts
//! by severity, a table of findings, suppressed findings folded away, and load errors.

use super::Report;
use crate::rules::Severity;
use std::io::{self, Write};

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings = &report.outcome.findings;
    writeln!(out, "## zt-lint\n")?;
    let status = if findings.is_empty() && report.errors.is_empty() && report.not_linted.is_empty()
    {
        "No zero-trust violations found."
    } else if findings.is_empty() && report.errors.is_empty() {
        "No findings in what was read, but some parts were not linted (listed below)."
    } else if findings.is_empty() {
        "No findings, but some files could not be linted."
    } else {
        "Zero-trust violations found."
    };
    writeln!(out, "{status}\n")?;
    writeln!(
        out,
        "| Critical | High | Medium | Low | Suppressed | Errors | Files | Resources |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|")?;
    let count = |s: Severity| findings.iter().filter(|f| f.rule.severity == s).count();
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
        count(Severity::Critical),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        report.outcome.suppressed.len(),
        report.errors.len(),
        report.files,
        report.resources
    )?;
    if let Some(left_out) = report.left_out {
        writeln!(
            out,
            "Only findings touched by this change are listed; {left_out} elsewhere left out.\n"
        )?;
    }
    if !findings.is_empty() {
        writeln!(out, "| Severity | Rule | Resource | Location | Message |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for f in findings {
            let at = report.location(f.span);
            writeln!(
                out,
                "| {} | `{}` {} | `{}` | `{}:{}:{}` | {} |",
                f.rule.severity,
                f.rule.id,
                cell(f.rule.name),
                code(&f.resource),
                code(&report.artifact(f.span)),
                at.line,
                at.column,
                cell(&f.message)
            )?;
        }
        writeln!(out)?;
    }
    if !report.outcome.suppressed.is_empty() {
        writeln!(
            out,
            "<details><summary>{} suppressed</summary>\n",
            report.outcome.suppressed.len()
        )?;
        writeln!(out, "| Rule | Resource | Location | Kind | Reason |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for s in &report.outcome.suppressed {
            let f = &s.finding;
            let at = report.location(f.span);
            writeln!(
                out,
                "| `{}` | `{}` | `{}:{}:{}` | {} | {} |",
                f.rule.id,
                code(&f.resource),
                code(&report.artifact(f.span)),
                at.line,
                at.column,
                s.suppression.kind.name(),
                cell(&s.suppression.reason)
            )?;
        }
        writeln!(out, "\n</details>\n")?;
    }
    if !report.not_linted.is_empty() {
        writeln!(out, "### Not linted\n")?;
        for n in report.not_linted {
            let at = report.location(n.span);
            writeln!(
                out,
                "- `{}:{}:{}`: {}",
                code(&report.artifact(n.span)),
                at.line,
                at.column,
                cell(&n.reason)
            )?;
        }
        writeln!(out)?;
    }
    if !report.errors.is_empty() {
        writeln!(out, "### Files that could not be linted\n")?;
        for e in report.errors {
            let at = report.location(e.span);
            writeln!(
                out,
                "- `{}:{}:{}`: {}",
                code(&report.artifact(e.span)),
                at.line,
                at.column,
                cell(&e.message)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Text safe inside a table cell: no pipes, no line breaks, no HTML.
fn cell(text: &str) -> String {
    super::compact::one_line(text)
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text safe inside a code span in a table cell.
fn code(text: &str) -> String {
    cell(text).replace('`', "'")
}
