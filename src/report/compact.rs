//! `--format compact`: one line per finding, `file:line:col: severity RULE-ID message`, the
//! shape editors and `grep` understand. Load errors use the severity `error`; parts of the
//! input that were not read, `not-linted`; with `--show-unknown` (or `--fail-on-unknown`),
//! checks left undecided, `undecided`, and those a suppression accepted, `undecided-accepted`.

use super::Report;
use std::io::{self, Write};

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.outcome.findings {
        let at = report.location(f.span);
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            report.artifact(f.span),
            at.line,
            at.column,
            f.rule.severity,
            f.rule.id,
            one_line(&f.message)
        )?;
    }
    for n in report.not_linted {
        let at = report.location(n.span);
        writeln!(
            out,
            "{}:{}:{}: not-linted {}",
            report.artifact(n.span),
            at.line,
            at.column,
            one_line(&n.reason)
        )?;
    }
    if report.show_unknown {
        for u in &report.outcome.undecided {
            let at = report.location(u.span);
            writeln!(
                out,
                "{}:{}:{}: undecided {} {}: {}",
                report.artifact(u.span),
                at.line,
                at.column,
                u.rule.id,
                u.resource,
                one_line(&u.reason)
            )?;
        }
        for s in &report.outcome.suppressed_undecided {
            let u = &s.undecided;
            let at = report.location(u.span);
            writeln!(
                out,
                "{}:{}:{}: undecided-accepted {} {}: {} (accepted by {}: {})",
                report.artifact(u.span),
                at.line,
                at.column,
                u.rule.id,
                u.resource,
                one_line(&u.reason),
                s.suppression.kind.name(),
                one_line(&s.suppression.reason)
            )?;
        }
    }
    for e in report.errors {
        let at = report.location(e.span);
        writeln!(
            out,
            "{}:{}:{}: error {}",
            report.artifact(e.span),
            at.line,
            at.column,
            one_line(&e.message)
        )?;
    }
    Ok(())
}

/// Messages from parsers can span lines; a line-oriented format must not.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
