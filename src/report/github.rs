//! `--format github`: GitHub Actions workflow commands, so findings annotate the pull request
//! diff. Critical and high findings are `::error`, medium `::warning`, low `::notice`; load
//! errors are `::error`. Suppressed findings are not annotated.

use super::Report;
use crate::rules::Severity;
use std::io::{self, Write};

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.outcome.findings {
        let at = report.location(f.span);
        let command = match f.rule.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low => "notice",
        };
        let title = format!("{} {} [{}]", f.rule.id, f.rule.name, f.rule.severity);
        let message = format!(
            "{}\n{}\ndocs: zt-lint explain {}",
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
    for e in report.errors {
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
