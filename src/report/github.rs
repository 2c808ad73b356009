//! `--format github`: GitHub Actions workflow commands, so findings annotate the pull request
//! diff. Critical and high findings are `::error`, medium `::warning`, low `::notice`, most
//! severe first; load errors are `::error`; parts of the input that were not read are
//! `::warning`, and a last log line counts those beyond the annotation limit; with
//! `--show-unknown` (or `--fail-on-unknown`) undecided checks are log lines.
//! Suppressed findings are not annotated; a log line counts undecided checks a suppression
//! accepted.

use super::Report;
use crate::rules::Severity;
use std::io::{self, Write};

/// GitHub shows at most this many annotations of each of `error`, `warning` and `notice` per
/// step and drops the rest, so the most severe findings are printed first.
const ANNOTATIONS_PER_TYPE: usize = 10;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut findings: Vec<&crate::rules::Finding> = report.outcome.findings.iter().collect();
    // Stable: within a severity, the usual file and position order.
    findings.sort_by_key(|f| std::cmp::Reverse(f.rule.severity));
    let mut shown = [0usize; 3];
    let mut not_shown = 0;
    for f in findings {
        let at = report.location(f.span);
        let (command, kind) = match f.rule.severity {
            Severity::Critical | Severity::High => ("error", 0),
            Severity::Medium => ("warning", 1),
            Severity::Low => ("notice", 2),
        };
        if let Some(count) = shown.get_mut(kind) {
            *count += 1;
            if *count > ANNOTATIONS_PER_TYPE {
                not_shown += 1;
            }
        }
        let title = format!("{} {} [{}]", f.rule.id, f.rule.name, f.rule.severity);
        let fix = report
            .fix_command(f)
            .map_or(String::new(), |how| format!("\n{how}"));
        let message = format!(
            "{}\n{}{fix}\ndocs: zt-lint explain {}",
            f.message,
            report.help(f),
            f.rule.id
        );
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&report.artifact(f.span)),
            at.line,
            at.column,
            at.end_line,
            at.end_column,
            property(&title),
            data(&message)
        )?;
    }
    if not_shown > 0 {
        writeln!(
            out,
            "zt-lint: {not_shown} finding(s) beyond GitHub's limit of {ANNOTATIONS_PER_TYPE} annotations of each type per step are not annotated; the log and the SARIF report list them all"
        )?;
    }
    // Parts not linted and files not loaded share the per-type limit with findings: say how
    // many of them went unannotated too, since each is something the run did not check.
    let mut gaps_not_shown = 0;
    let mut count = |kind: usize| {
        if let Some(count) = shown.get_mut(kind) {
            *count += 1;
            if *count > ANNOTATIONS_PER_TYPE {
                gaps_not_shown += 1;
            }
        }
    };
    for n in report.not_linted {
        count(1);
        let at = report.location(n.span);
        writeln!(
            out,
            "::warning file={},line={},col={},title={}::{}",
            property(&report.artifact(n.span)),
            at.line,
            at.column,
            property("zt-lint: not linted"),
            data(&n.reason)
        )?;
    }
    // Plain log lines, not annotations: GitHub keeps only ten of each type per step, and these
    // must not push findings out.
    if report.show_unknown {
        for u in &report.outcome.undecided {
            let at = report.location(u.span);
            writeln!(
                out,
                "zt-lint: undecided {}:{}:{}: {} {}: {}",
                report.artifact(u.span),
                at.line,
                at.column,
                u.rule.id,
                u.resource,
                super::compact::one_line(&u.reason)
            )?;
        }
    }
    for e in report.errors {
        count(0);
        let at = report.location(e.span);
        writeln!(
            out,
            "::error file={},line={},col={},title={}::{}",
            property(&report.artifact(e.span)),
            at.line,
            at.column,
            property("zt-lint: cannot lint this file"),
            data(&e.message)
        )?;
    }
    // A log line: an accepted check is no annotation, but the log says the run took it on trust.
    if let Some(accepted) = super::accepted_undecided(report) {
        writeln!(
            out,
            "zt-lint: {accepted} (`--format json --show-unknown` lists them)"
        )?;
    }
    if gaps_not_shown > 0 {
        writeln!(
            out,
            "zt-lint: {gaps_not_shown} part(s) not linted or file(s) not loaded beyond GitHub's limit of {ANNOTATIONS_PER_TYPE} annotations of each type per step are not annotated; the log and the SARIF report list them all"
        )?;
    }
    Ok(())
}

/// The message of a workflow command: `%`, CR and LF are escaped.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`data`], plus `:` and `,`, which delimit properties.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("50% a\nb: c, d"), "50%25 a%0Ab%3A c%2C d");
    }
}
