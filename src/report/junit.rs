//! `--format junit`: JUnit XML for CI test reports. Each rule that ran is a test suite; each
//! resource a rule reported is a test case whose failures carry the location and the message.
//! A rule with no finding has one passing case, so the report shows it ran. Suppressed findings
//! are skipped cases; files that could not be linted are errors of a `zt-lint` suite, and parts
//! of the input that were not read are skipped cases of a `zt-lint not linted` suite. With
//! `--show-unknown` (or `--fail-on-unknown`), the resources a rule could not decide are skipped
//! cases of its suite, named `RESOURCE (undecided)`: `<skipped>` is how JUnit says a test was
//! not run to a verdict, which CI test reports show apart from passes and failures. Under
//! `--fail-on-unknown` they fail the run, so they are failures (`type="undecided"`, and
//! `type="not-linted"` for parts not read): a green report of a red job would mislead. An
//! undecided check a suppression accepted stays a skipped case, `RESOURCE (undecided,
//! accepted)`, whose message gives the suppression: it fails nothing.

use super::Report;
use crate::rules::{Finding, Undecided};
use crate::suppress::SuppressedUndecided;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    // rule id -> resource -> (failures, suppressed)
    type Cases<'r> = BTreeMap<&'r str, (Vec<&'r Finding>, Vec<(&'r Finding, String)>)>;
    let mut by_rule: BTreeMap<&str, Cases<'_>> = BTreeMap::new();
    for f in &report.outcome.findings {
        by_rule
            .entry(f.rule.id)
            .or_default()
            .entry(&f.resource)
            .or_default()
            .0
            .push(f);
    }
    for s in &report.outcome.suppressed {
        by_rule
            .entry(s.finding.rule.id)
            .or_default()
            .entry(&s.finding.resource)
            .or_default()
            .1
            .push((
                &s.finding,
                format!("{}: {}", s.suppression.kind.name(), s.suppression.reason),
            ));
    }
    // rule id -> resource -> the checks left undecided there
    let mut undecided: BTreeMap<&str, BTreeMap<&str, Vec<&Undecided>>> = BTreeMap::new();
    if report.show_unknown {
        for u in &report.outcome.undecided {
            undecided
                .entry(u.rule.id)
                .or_default()
                .entry(&u.resource)
                .or_default()
                .push(u);
        }
    }
    // rule id -> resource -> the undecided checks a suppression accepted there
    let mut accepted: BTreeMap<&str, BTreeMap<&str, Vec<&SuppressedUndecided>>> = BTreeMap::new();
    if report.show_unknown {
        for s in &report.outcome.suppressed_undecided {
            accepted
                .entry(s.undecided.rule.id)
                .or_default()
                .entry(&s.undecided.resource)
                .or_default()
                .push(s);
        }
    }
    let mut rules: Vec<(&str, &str)> = report.rules.iter().map(|r| (r.id, r.name)).collect();
    for f in &report.outcome.findings {
        rules.push((f.rule.id, f.rule.name));
    }
    for u in undecided
        .values()
        .flat_map(|by_resource| by_resource.values().flatten())
    {
        rules.push((u.rule.id, u.rule.name));
    }
    for s in accepted
        .values()
        .flat_map(|by_resource| by_resource.values().flatten())
    {
        rules.push((s.undecided.rule.id, s.undecided.rule.name));
    }
    rules.sort_unstable();
    rules.dedup();

    let mut body = String::new();
    let mut tests = 0;
    // Cases that fail because of `--fail-on-unknown`, beside the findings.
    let mut unknown_failures = 0;
    for (id, name) in &rules {
        let cases = by_rule.remove(id).unwrap_or_default();
        let failures: usize = cases
            .values()
            .map(|(f, _)| usize::from(!f.is_empty()))
            .sum();
        let undecided_cases = undecided.remove(id).unwrap_or_default();
        let (undecided_failed, undecided_skipped) = if report.fail_on_unknown {
            (undecided_cases.len(), 0)
        } else {
            (0, undecided_cases.len())
        };
        let failures = failures + undecided_failed;
        unknown_failures += undecided_failed;
        let accepted_cases = accepted.remove(id).unwrap_or_default();
        let skipped = cases
            .values()
            .filter(|(f, s)| f.is_empty() && !s.is_empty())
            .count()
            + undecided_skipped
            + accepted_cases.len();
        let count = cases.len().max(1) + undecided_cases.len() + accepted_cases.len();
        tests += count;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{count}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
            escape(&format!("{id} {name}"))
        ));
        if cases.is_empty() {
            body.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"no findings\"/>\n",
                escape(id)
            ));
        }
        for (resource, (failed, suppressed)) in &cases {
            body.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(id),
                escape(resource)
            ));
            if let Some(first) = failed.first().or(suppressed.first().map(|(f, _)| f)) {
                body.push_str(&format!(
                    " file=\"{}\"",
                    escape(&report.artifact(first.span))
                ));
                body.push_str(&format!(" line=\"{}\"", report.location(first.span).line));
            }
            body.push_str(">\n");
            for f in failed {
                let at = report.location(f.span);
                let location = format!("{}:{}:{}", report.artifact(f.span), at.line, at.column);
                body.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{location}: {} [{}]\n{}</failure>\n",
                    escape(&f.message),
                    escape(f.rule.severity.name()),
                    escape(&f.message),
                    escape(f.rule.severity.name()),
                    escape(report.help(f)),
                ));
            }
            // One `<skipped>` for all of a resource's suppressions: the schemas CI tools follow
            // (Ant's junit-10.xsd, which Jenkins and GitLab read) allow at most one per case.
            if failed.is_empty() && !suppressed.is_empty() {
                let reasons: Vec<String> = suppressed
                    .iter()
                    .map(|(f, why)| {
                        let at = report.location(f.span);
                        format!(
                            "suppressed ({why}) at {}:{}:{}",
                            report.artifact(f.span),
                            at.line,
                            at.column
                        )
                    })
                    .collect();
                body.push_str(&format!(
                    "      <skipped message=\"{}\"/>\n",
                    escape(&reasons.join("; "))
                ));
            }
            body.push_str("    </testcase>\n");
        }
        for (resource, checks) in &undecided_cases {
            body.push_str(&undecided_case(report, id, resource, checks));
        }
        for (resource, checks) in &accepted_cases {
            body.push_str(&accepted_case(report, id, resource, checks));
        }
        body.push_str("  </testsuite>\n");
    }
    if !report.errors.is_empty() {
        tests += report.errors.len();
        body.push_str(&format!(
            "  <testsuite name=\"zt-lint\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\">\n",
            n = report.errors.len()
        ));
        for e in report.errors {
            let at = report.location(e.span);
            let file = report.artifact(e.span);
            body.push_str(&format!(
                "    <testcase classname=\"zt-lint\" name=\"{}\" file=\"{}\" line=\"{}\">\n      <error message=\"{}\">{}:{}:{}: {}</error>\n    </testcase>\n",
                escape(&format!("load {file}")),
                escape(&file),
                at.line,
                escape(&e.message),
                escape(&file),
                at.line,
                at.column,
                escape(&e.message)
            ));
        }
        body.push_str("  </testsuite>\n");
    }
    if !report.not_linted.is_empty() {
        // Not read, so not checked: skipped cases, which CI shows without failing the report,
        // unless --fail-on-unknown fails the run on them.
        let n = report.not_linted.len();
        tests += n;
        let (failed, skipped) = if report.fail_on_unknown {
            (n, 0)
        } else {
            (0, n)
        };
        unknown_failures += failed;
        body.push_str(&format!(
            "  <testsuite name=\"zt-lint not linted\" tests=\"{n}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">\n",
        ));
        for n in report.not_linted {
            let at = report.location(n.span);
            let file = report.artifact(n.span);
            let verdict = if report.fail_on_unknown {
                format!(
                    "<failure message=\"{}\" type=\"not-linted\">{}:{}:{}: not linted: {}</failure>",
                    escape(&n.reason),
                    escape(&file),
                    at.line,
                    at.column,
                    escape(&n.reason)
                )
            } else {
                format!("<skipped message=\"{}\"/>", escape(&n.reason))
            };
            body.push_str(&format!(
                "    <testcase classname=\"zt-lint\" name=\"{}\" file=\"{}\" line=\"{}\">\n      {verdict}\n    </testcase>\n",
                escape(&format!("not linted {file}:{}:{}", at.line, at.column)),
                escape(&file),
                at.line,
            ));
        }
        body.push_str("  </testsuite>\n");
    }
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"zt-lint\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\">",
        report.outcome.findings.len() + unknown_failures,
        report.errors.len()
    )?;
    out.write_all(body.as_bytes())?;
    writeln!(out, "</testsuites>")
}

/// One skipped case for the checks `rule` left undecided on `resource`: one `<skipped>` (the
/// schemas CI tools follow allow one per case) whose message gives each location and reason; a
/// failed case under `--fail-on-unknown`.
fn undecided_case(
    report: &Report<'_>,
    rule: &str,
    resource: &str,
    checks: &[&Undecided],
) -> String {
    let mut case = format!(
        "    <testcase classname=\"{}\" name=\"{}\"",
        escape(rule),
        escape(&format!("{resource} (undecided)"))
    );
    if let Some(first) = checks.first() {
        case.push_str(&format!(
            " file=\"{}\" line=\"{}\"",
            escape(&report.artifact(first.span)),
            report.location(first.span).line
        ));
    }
    let reasons: Vec<String> = checks
        .iter()
        .map(|u| {
            let at = report.location(u.span);
            format!(
                "undecided at {}:{}:{}: {}",
                report.artifact(u.span),
                at.line,
                at.column,
                u.reason
            )
        })
        .collect();
    let reasons = escape(&reasons.join("; "));
    if report.fail_on_unknown {
        case.push_str(&format!(
            ">\n      <failure message=\"{reasons}\" type=\"undecided\">{reasons}</failure>\n    </testcase>\n"
        ));
    } else {
        case.push_str(&format!(
            ">\n      <skipped message=\"{reasons}\"/>\n    </testcase>\n"
        ));
    }
    case
}

/// One skipped case for the undecided checks of `rule` on `resource` that suppressions accepted,
/// under `--fail-on-unknown` too: the suppression settled them.
fn accepted_case(
    report: &Report<'_>,
    rule: &str,
    resource: &str,
    checks: &[&SuppressedUndecided],
) -> String {
    let mut case = format!(
        "    <testcase classname=\"{}\" name=\"{}\"",
        escape(rule),
        escape(&format!("{resource} (undecided, accepted)"))
    );
    if let Some(first) = checks.first() {
        case.push_str(&format!(
            " file=\"{}\" line=\"{}\"",
            escape(&report.artifact(first.undecided.span)),
            report.location(first.undecided.span).line
        ));
    }
    let reasons: Vec<String> = checks
        .iter()
        .map(|s| {
            let u = &s.undecided;
            let at = report.location(u.span);
            format!(
                "undecided at {}:{}:{}: {}; accepted ({}: {})",
                report.artifact(u.span),
                at.line,
                at.column,
                u.reason,
                s.suppression.kind.name(),
                s.suppression.reason
            )
        })
        .collect();
    case.push_str(&format!(
        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
        escape(&reasons.join("; "))
    ));
    case
}

/// Text safe in XML attributes and content. Characters XML 1.0 cannot hold at all (most
/// control characters) become U+FFFD rather than making the document invalid.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            super::escape("a<b>&\"c'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}&#10;"
        );
    }
}
