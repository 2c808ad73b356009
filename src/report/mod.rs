//! Output formats. Every format renders the same [`Report`].

pub mod compact;
pub mod diagram;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::engine::Outcome;
use crate::graph::NotLinted;
use crate::load::LoadError;
use crate::rules::{Finding, Rule, Severity};
use crate::source::{SourceMap, Span};
use std::io::{self, Write};

/// Where users learn about zt-lint (SARIF `informationUri`): the package's repository or
/// homepage when Cargo.toml names one.
pub const INFORMATION_URI: &str = {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let homepage = env!("CARGO_PKG_HOMEPAGE");
    if !repository.is_empty() {
        repository
    } else if !homepage.is_empty() {
        homepage
    } else {
        "https://github.com/zt-lint/zt-lint"
    }
};

/// Every output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
    Markdown,
    Compact,
}

impl Format {
    pub const ALL: &[Format] = &[
        Format::Human,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Markdown,
        Format::Compact,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Compact => "compact",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format a file name implies, for `--output FILE`.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let by_suffix = [
            (".sarif", Format::Sarif),
            (".sarif.json", Format::Sarif),
            (".json", Format::Json),
            (".xml", Format::Junit),
            (".md", Format::Markdown),
            (".markdown", Format::Markdown),
            (".txt", Format::Compact),
        ];
        by_suffix
            .iter()
            .find(|(suffix, _)| lower.ends_with(suffix))
            .map(|(_, f)| *f)
    }
}

/// How human output is laid out where it is shown: a terminal, or a file or pipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub color: bool,
    /// Columns to wrap at: the terminal's width, else [`Layout::DEFAULT_WIDTH`].
    pub width: usize,
}

impl Layout {
    pub const DEFAULT_WIDTH: usize = 100;

    /// For a file or a pipe: no colour, the default width.
    pub const PLAIN: Layout = Layout {
        color: false,
        width: Layout::DEFAULT_WIDTH,
    };
}

/// Renders `report` in `format`; `layout` only concerns human output.
pub fn render(
    format: Format,
    report: &Report<'_>,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, layout, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Github => github::render(report, out),
        Format::Markdown => markdown::render(report, out),
        Format::Compact => compact::render(report, out),
    }
}

/// "N undecided check(s) accepted by suppressions", for the summaries of every format; `None`
/// when no suppression accepted one.
pub fn accepted_undecided(report: &Report<'_>) -> Option<String> {
    match report.outcome.suppressed_undecided.len() {
        0 => None,
        1 => Some("1 undecided check accepted by a suppression".to_string()),
        n => Some(format!("{n} undecided checks accepted by suppressions")),
    }
}

/// How CI systems rank a severity: GitHub annotations, SARIF levels.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// Everything a run produced, ready to render.
pub struct Report<'a> {
    pub sources: &'a SourceMap,
    pub outcome: &'a Outcome,
    pub errors: &'a [LoadError],
    /// Infrastructure files read (templates, plans, `.tf` files, and files that failed).
    pub files: usize,
    pub resources: usize,
    pub show_unknown: bool,
    /// `--fail-on-unknown`: undecided checks and parts not linted fail the run, so formats that
    /// carry a verdict per check (JUnit) show them as failures, not as skipped.
    pub fail_on_unknown: bool,
    /// The rules that ran, with overridden severities (SARIF lists them, JUnit has one suite
    /// each).
    pub rules: &'a [&'static Rule],
    /// `--quiet`: no summary line in human output.
    pub quiet: bool,
    /// Parts of the input that were not read (module calls not installed, transforms not
    /// expanded), sorted by location: every format lists them.
    pub not_linted: &'a [NotLinted],
    /// With `--diff-base`: findings left out because nothing that explains them changed.
    pub left_out: Option<usize>,
    /// `--group-by control`: the Markdown report lists findings under each control of this
    /// framework they fail.
    pub group_by_control: Option<crate::compliance::Framework>,
    /// The identity path of each file, for fingerprints (`FileIdentities::new(sources)`).
    pub identities: crate::fingerprint::FileIdentities,
    /// With `--framework`: rules that check its controls but did not run, so the report does
    /// not cover those controls. JSON, SARIF and Markdown list them.
    pub rules_not_run: &'a [RuleNotRun],
}

/// A rule that checks controls of the framework asked for and did not run because it is off by
/// default and nothing enabled it (ZT-MON-010 is off because most repositories do not hold the
/// account baseline it checks). Said, so that a framework report never passes over a control in
/// silence.
#[derive(Clone, Copy, Debug)]
pub struct RuleNotRun {
    pub rule: &'static Rule,
    pub framework: crate::compliance::Framework,
    /// The framework's controls the rule checks.
    pub controls: &'static [&'static str],
}

impl RuleNotRun {
    /// One sentence for a reader: which controls are not checked, and how to check them.
    pub fn message(&self) -> String {
        format!(
            "{} ({}) checks {} {} but is off by default and did not run; enable it with `[rules] enable` in .zt-lint.toml (or name every rule to run with --rule)",
            self.rule.id,
            self.rule.name,
            self.framework.name(),
            self.controls.join(", ")
        )
    }
}

/// A span as 1-based lines and columns, for machine formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Report<'_> {
    pub fn location(&self, span: Span) -> Location {
        let Some(file) = self.sources.get(span.file) else {
            return Location {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            };
        };
        let span = file.clamp(span);
        let start = file.line_col(span.start);
        let end = file.line_col(span.end);
        Location {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    pub fn path(&self, span: Span) -> String {
        self.sources.path(span.file).display().to_string()
    }

    /// The path machine formats print: relative, forward slashes.
    pub fn artifact(&self, span: Span) -> String {
        crate::fingerprint::artifact_path(self.sources.path(span.file))
    }

    /// The fix of a finding as text edits, when it offers one (see [`crate::fix`]).
    pub fn fix(&self, finding: &Finding) -> Option<crate::fix::Fix> {
        crate::fix::fix_for(finding, self.sources)
    }

    /// How to apply a finding's fix, for formats that point people at it.
    pub fn fix_command(&self, finding: &Finding) -> Option<&'static str> {
        self.fix(finding).map(|fix| match fix.safety {
            crate::fix::Safety::Safe => "`zt-lint fix` fixes this",
            crate::fix::Safety::Unsafe => {
                "`zt-lint fix --unsafe` fixes this (it changes behaviour: review it)"
            }
        })
    }

    pub fn fingerprint(&self, finding: &Finding) -> String {
        self.identities.fingerprint(finding, self.sources)
    }

    /// The fix for a finding, in the language of its input.
    pub fn help(&self, finding: &Finding) -> &'static str {
        finding.rule.fix_for(finding.origin)
    }

    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.outcome
            .findings
            .iter()
            .filter(|f| f.rule.severity >= severity)
            .count()
    }
}
