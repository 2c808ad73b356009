//! Output formats. Every format renders the same [`Report`].

pub mod human;
pub mod json;

use crate::engine::Outcome;
use crate::load::LoadError;
use crate::rules::Severity;
use crate::source::{SourceMap, Span};

/// Everything a run produced, ready to render.
pub struct Report<'a> {
    pub sources: &'a SourceMap,
    pub outcome: &'a Outcome,
    pub errors: &'a [LoadError],
    /// Infrastructure files read (templates, plans, `.tf` files, and files that failed).
    pub files: usize,
    pub resources: usize,
    pub show_unknown: bool,
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

    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.outcome
            .findings
            .iter()
            .filter(|f| f.rule.severity >= severity)
            .count()
    }
}
