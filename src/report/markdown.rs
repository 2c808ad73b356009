//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull request comment: counts
//! by severity (and parts not linted, when there are some), a table of findings, suppressed
//! findings folded away, parts not linted, and load errors; with
//! `--show-unknown` (or `--fail-on-unknown`), the checks left undecided, counted and listed.

use super::Report;
use crate::compliance::{Control, Framework};
use crate::rules::{Finding, Severity, Undecided};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// GitHub's limit on a pull request comment (and a step summary keeps 1 MiB): a report longer
/// than this is rendered again with its lists cut short, each saying how many it leaves out.
const COMMENT_LIMIT: usize = 65_536;

/// What is kept free for the text that closes the sections (headings, "and N more" lines,
/// `</details>`) once lists stop taking items.
const CLOSING_RESERVE: usize = 4_000;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut full = Vec::new();
    render_within(report, &mut Budgeted::unlimited(&mut full))?;
    if String::from_utf8_lossy(&full).chars().count() <= COMMENT_LIMIT {
        return out.write_all(&full);
    }
    // Bytes are counted, never fewer than characters: what fits in bytes fits GitHub's count.
    render_within(report, &mut Budgeted::limited(out, COMMENT_LIMIT))
}

/// A writer that counts down a budget of bytes, so that lists can stop before the report
/// outgrows a pull request comment. Everything written counts; list items are written only
/// while [`Budgeted::room_for`] says they fit.
struct Budgeted<'w> {
    out: &'w mut dyn Write,
    left: Option<usize>,
}

impl<'w> Budgeted<'w> {
    fn unlimited(out: &'w mut dyn Write) -> Budgeted<'w> {
        Budgeted { out, left: None }
    }

    fn limited(out: &'w mut dyn Write, bytes: usize) -> Budgeted<'w> {
        Budgeted {
            out,
            left: Some(bytes),
        }
    }

    /// Whether an item of `text` fits and leaves room for the sections' closing text.
    fn room_for(&self, text: &str) -> bool {
        self.left
            .is_none_or(|left| text.len() <= left.saturating_sub(CLOSING_RESERVE))
    }

    /// Writes `item` if it fits; says whether it did.
    fn item(&mut self, item: &str) -> io::Result<bool> {
        if !self.room_for(item) {
            return Ok(false);
        }
        self.write_all(item.as_bytes())?;
        Ok(true)
    }

    /// After a list: how many of its items did not fit, if any.
    fn more(&mut self, left_out: usize, what: &str) -> io::Result<()> {
        if left_out == 0 {
            return Ok(());
        }
        writeln!(
            self,
            "\nAnd {left_out} more {what}, left out so that this report stays within GitHub's 65,536 characters for a comment: `--format json` lists them all.\n"
        )
    }
}

impl Write for Budgeted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.out.write(buf)?;
        if let Some(left) = &mut self.left {
            *left = left.saturating_sub(written);
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn render_within(report: &Report<'_>, out: &mut Budgeted<'_>) -> io::Result<()> {
    let findings = &report.outcome.findings;
    // Listed only when asked for, so that the report is otherwise the same as without them.
    let undecided: &[Undecided] = if report.show_unknown {
        &report.outcome.undecided
    } else {
        &[]
    };
    writeln!(out, "## zt-lint\n")?;
    let status = if findings.is_empty()
        && report.errors.is_empty()
        && report.not_linted.is_empty()
        && undecided.is_empty()
    {
        "No zero-trust violations found."
    } else if findings.is_empty() && report.errors.is_empty() && report.not_linted.is_empty() {
        "No findings, but some checks could not be decided (listed below)."
    } else if findings.is_empty() && report.errors.is_empty() {
        "No findings in what was read, but some parts were not linted (listed below)."
    } else if findings.is_empty() {
        "No findings, but some files could not be linted."
    } else {
        "Zero-trust violations found."
    };
    writeln!(out, "{status}\n")?;
    let (mut head, mut rule, mut counts) = (String::new(), String::new(), String::new());
    if report.show_unknown {
        head.push_str(" Undecided |");
        rule.push_str("---:|");
        counts.push_str(&format!(" {} |", undecided.len()));
    }
    // Only when there are some, so that a report of everything read is as it always was; when
    // there are, a reader of the table alone learns that the verdict does not cover everything.
    if !report.not_linted.is_empty() {
        head.push_str(" Not linted |");
        rule.push_str("---:|");
        counts.push_str(&format!(" {} |", report.not_linted.len()));
    }
    writeln!(
        out,
        "| Critical | High | Medium | Low | Suppressed |{head} Errors | Files | Resources |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|{rule}---:|---:|---:|")?;
    let count = |s: Severity| findings.iter().filter(|f| f.rule.severity == s).count();
    writeln!(
        out,
        "| {} | {} | {} | {} | {} |{counts} {} | {} | {} |\n",
        count(Severity::Critical),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        report.outcome.suppressed.len(),
        report.errors.len(),
        report.files,
        report.resources
    )?;
    if let Some(accepted) = super::accepted_undecided(report) {
        writeln!(out, "{accepted}.\n")?;
    }
    for not_run in report.rules_not_run {
        writeln!(out, "Not run: {}.\n", cell(&not_run.message()))?;
    }
    if let Some(left_out) = report.left_out {
        writeln!(
            out,
            "Only findings touched by this change are listed; {left_out} elsewhere left out.\n"
        )?;
    }
    match report.group_by_control {
        Some(framework) => by_control(report, framework, out)?,
        None if !findings.is_empty() => {
            let all: Vec<&Finding> = findings.iter().collect();
            let shown = table(report, &all, out)?;
            out.more(all.len() - shown, "findings")?;
        }
        None => {}
    }
    if !findings.is_empty() {
        exposure_paths(report, out)?;
        suggestions(report, out)?;
    }
    if !report.outcome.suppressed.is_empty() {
        writeln!(
            out,
            "<details><summary>{} suppressed</summary>\n",
            report.outcome.suppressed.len()
        )?;
        writeln!(out, "| Rule | Resource | Location | Kind | Reason |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        let mut shown = 0;
        for s in &report.outcome.suppressed {
            let f = &s.finding;
            let at = report.location(f.span);
            let row = format!(
                "| `{}` | `{}` | `{}:{}:{}` | {} | {} |\n",
                f.rule.id,
                code(&f.resource),
                code(&report.artifact(f.span)),
                at.line,
                at.column,
                s.suppression.kind.name(),
                cell(&s.suppression.reason)
            );
            if !out.item(&row)? {
                break;
            }
            shown += 1;
        }
        out.more(
            report.outcome.suppressed.len() - shown,
            "suppressed findings",
        )?;
        writeln!(out, "\n</details>\n")?;
    }
    if !report.not_linted.is_empty() {
        writeln!(out, "### Not linted\n")?;
        // A workspace of uninstalled modules can list hundreds: folded, as undecided checks are.
        let folded = report.not_linted.len() > LISTED_OPEN;
        if folded {
            writeln!(
                out,
                "<details><summary>{} parts not linted</summary>\n",
                report.not_linted.len()
            )?;
        }
        let mut shown = 0;
        for n in report.not_linted {
            let at = report.location(n.span);
            let line = format!(
                "- `{}:{}:{}`: {}\n",
                code(&report.artifact(n.span)),
                at.line,
                at.column,
                cell(&n.reason)
            );
            if !out.item(&line)? {
                break;
            }
            shown += 1;
        }
        out.more(report.not_linted.len() - shown, "parts not linted")?;
        if folded {
            writeln!(out, "\n</details>")?;
        }
        writeln!(out)?;
    }
    if !undecided.is_empty() {
        could_not_decide(report, undecided, out)?;
    }
    if !report.errors.is_empty() {
        writeln!(out, "### Files that could not be linted\n")?;
        let mut shown = 0;
        for e in report.errors {
            let at = report.location(e.span);
            let line = format!(
                "- `{}:{}:{}`: {}\n",
                code(&report.artifact(e.span)),
                at.line,
                at.column,
                cell(&e.message)
            );
            if !out.item(&line)? {
                break;
            }
            shown += 1;
        }
        out.more(
            report.errors.len() - shown,
            "files that could not be linted",
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// Undecided checks and parts not linted listed openly up to this many; more are folded into
/// `<details>`, so that a comment on a configuration full of unknowns still shows its findings.
const LISTED_OPEN: usize = 10;

/// The checks an unknown value left undecided: neither passed nor failed, so a reader must know
/// which ones to give a value for or check by hand.
fn could_not_decide(
    report: &Report<'_>,
    undecided: &[Undecided],
    out: &mut Budgeted<'_>,
) -> io::Result<()> {
    writeln!(out, "### Could not decide\n")?;
    writeln!(
        out,
        "A value these checks depend on is not known before deploy: give it (a tfvars file, `--var`, a plan) or check by hand.\n"
    )?;
    let folded = undecided.len() > LISTED_OPEN;
    if folded {
        writeln!(
            out,
            "<details><summary>{} undecided checks</summary>\n",
            undecided.len()
        )?;
    }
    writeln!(out, "| Rule | Resource | Location | Reason |")?;
    writeln!(out, "|---|---|---|---|")?;
    let mut shown = 0;
    for u in undecided {
        let at = report.location(u.span);
        let row = format!(
            "| `{}` {} | `{}` | `{}:{}:{}` | {} |\n",
            u.rule.id,
            cell(u.rule.name),
            code(&u.resource),
            code(&report.artifact(u.span)),
            at.line,
            at.column,
            cell(&u.reason)
        );
        if !out.item(&row)? {
            break;
        }
        shown += 1;
    }
    out.more(undecided.len() - shown, "undecided checks")?;
    if folded {
        writeln!(out, "\n</details>")?;
    }
    writeln!(out)
}

/// The findings as a table, as many as fit; says how many did.
fn table(report: &Report<'_>, findings: &[&Finding], out: &mut Budgeted<'_>) -> io::Result<usize> {
    writeln!(out, "| Severity | Rule | Resource | Location | Message |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    let mut shown = 0;
    for f in findings {
        let at = report.location(f.span);
        let row = format!(
            "| {} | `{}` {} | `{}` | `{}:{}:{}` | {} |\n",
            f.rule.severity,
            f.rule.id,
            cell(f.rule.name),
            code(&f.resource),
            code(&report.artifact(f.span)),
            at.line,
            at.column,
            cell(&f.message)
        );
        if !out.item(&row)? {
            break;
        }
        shown += 1;
    }
    writeln!(out)?;
    Ok(shown)
}

/// `--group-by control`: one section per set of controls of `framework` that a rule checks
/// (`EC2.13, EC2.14, EC2.19`), in the framework's order. A rule's finding is listed under the
/// controls its rule checks together: a finding about port 22 does not fail the port 3389
/// control, so it is not put under that control alone. Rules the framework does not map are
/// listed last.
fn by_control(report: &Report<'_>, framework: Framework, out: &mut Budgeted<'_>) -> io::Result<()> {
    let controls = framework.controls();
    let position = |id: &str| controls.iter().position(|c| c.id == id);
    let mut groups: BTreeMap<Vec<usize>, Vec<&Finding>> = BTreeMap::new();
    for f in &report.outcome.findings {
        let mut key: Vec<usize> = framework
            .controls_of(f.rule.id)
            .iter()
            .filter_map(|id| position(id))
            .collect();
        key.sort_unstable();
        // Unmapped findings (Guard policies) sort after every control.
        if key.is_empty() {
            key.push(usize::MAX);
        }
        groups.entry(key).or_default().push(f);
    }
    let mut left_out = 0;
    for (key, findings) in groups {
        if left_out > 0 {
            left_out += findings.len();
            continue;
        }
        let named: Vec<&Control> = key.iter().filter_map(|&i| controls.get(i)).collect();
        let heading = if named.is_empty() {
            format!("### Not mapped to {}\n\n", framework.name())
        } else {
            let ids: Vec<&str> = named.iter().map(|c| c.id).collect();
            let mut heading = format!("### {}\n\n", ids.join(", "));
            for c in &named {
                heading.push_str(&format!("- {} {}\n", c.id, cell(c.title)));
            }
            heading.push('\n');
            heading
        };
        if !out.item(&heading)? {
            left_out += findings.len();
            continue;
        }
        let shown = table(report, &findings, out)?;
        left_out += findings.len() - shown;
    }
    out.more(left_out, "findings")
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

/// Pictures drawn at most: a pull request comment holds 65,536 characters.
const MAX_PATH_DIAGRAMS: usize = 20;

/// Each exposure path as a Mermaid flowchart, which GitHub draws in a comment or step summary.
fn exposure_paths(report: &Report<'_>, out: &mut Budgeted<'_>) -> io::Result<()> {
    let paths: Vec<(&Finding, String)> = report
        .outcome
        .findings
        .iter()
        .filter_map(|f| Some((f, super::diagram::path_flowchart(f)?)))
        .collect();
    if paths.is_empty() {
        return Ok(());
    }
    writeln!(out, "### Exposure paths\n")?;
    let mut drawn = 0;
    for (f, chart) in paths.iter().take(MAX_PATH_DIAGRAMS) {
        let at = report.location(f.span);
        let picture = format!(
            "`{}` `{}` at `{}:{}:{}`:\n\n```mermaid\n{chart}```\n\n",
            f.rule.id,
            code(&f.resource),
            code(&report.artifact(f.span)),
            at.line,
            at.column
        );
        if !out.item(&picture)? {
            break;
        }
        drawn += 1;
    }
    if paths.len() > drawn {
        writeln!(
            out,
            "{} more paths are not drawn; `zt-lint graph --format mermaid` draws them all.\n",
            paths.len() - drawn
        )?;
    }
    Ok(())
}

/// The fixes as `suggestion` blocks: the lines a fix touches, as they would read after it, which
/// GitHub applies in one click where the block is posted as a review comment on those lines.
fn suggestions(report: &Report<'_>, out: &mut Budgeted<'_>) -> io::Result<()> {
    let mut first = true;
    let mut left_out = 0;
    for f in &report.outcome.findings {
        let Some(fix) = report.fix(f) else { continue };
        // The file the fix edits, which for a value set through a module call or a tfvars file
        // is not the finding's.
        let Some(edited) = fix.edits.first().map(|e| e.span) else {
            continue;
        };
        let Some(source) = report.sources.get(edited.file) else {
            continue;
        };
        let Some(lines) = crate::fix::suggested_lines(&source.text, &fix) else {
            continue;
        };
        if first {
            writeln!(out, "### Suggested changes\n")?;
            first = false;
        }
        let lines_named = if lines.first == lines.last {
            format!("line {}", lines.first)
        } else {
            format!("lines {}-{}", lines.first, lines.last)
        };
        let fence = if lines.text.contains("```") {
            "````"
        } else {
            "```"
        };
        let suggestion = format!(
            "`{}` {} `{}` ({}, {lines_named}; {}):\n\n{fence}suggestion\n{}{fence}\n\n",
            f.rule.id,
            code(&f.resource),
            code(&report.artifact(edited)),
            fix.safety.name(),
            report.fix_command(f).unwrap_or_default(),
            lines.text
        );
        // Once one does not fit, the rest are left out, so that they are counted together.
        if left_out > 0 || !out.item(&suggestion)? {
            left_out += 1;
        }
    }
    out.more(left_out, "suggested changes")
}
