//! Which findings a run reports when it is scoped to part of the input: the files named on the
//! command line (as pre-commit names staged files), or the lines changed since a git revision
//! (`--diff-base`). The whole configuration is always linted, so a finding caused by a change
//! elsewhere is still found; it belongs to the scope when any place that explains it is in
//! scope: where it is reported, a related location (where a module uses the value its caller
//! set, where a local or a tfvars line wrote the value), the resource whose configuration it
//! judges, or, for changed lines, a module call on its way.

use crate::diff::ChangedLines;
use crate::engine::Outcome;
use crate::graph::Model;
use crate::rules::Finding;
use crate::source::{FileId, SourceMap, Span};
use std::cell::OnceCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What part of the input a run reports on.
#[derive(Debug)]
pub enum Scope {
    /// Files named on the command line, and directories named beside them.
    Named {
        files: Vec<PathBuf>,
        dirs: Vec<PathBuf>,
    },
    /// Lines added or changed since a revision.
    Changed(ChangedLines),
}

/// One file as the scope sees it, looked up once per run.
enum FileScope<'a> {
    Whole,
    Lines(&'a crate::diff::FileChanges),
    Outside,
}

/// The scope resolved against a run's source files.
struct Resolved<'a> {
    files: Vec<FileScope<'a>>,
    sources: &'a SourceMap,
}

impl Resolved<'_> {
    fn file(&self, id: FileId) -> &FileScope<'_> {
        usize::try_from(id.0)
            .ok()
            .and_then(|i| self.files.get(i))
            .unwrap_or(&FileScope::Outside)
    }

    fn lines(&self, span: Span) -> Option<(usize, usize)> {
        let file = self.sources.get(span.file)?;
        let span = file.clamp(span);
        Some((file.line_col(span.start).line, file.line_col(span.end).line))
    }

    /// Whether the text at `span` is in scope.
    fn contains(&self, span: Span) -> bool {
        match self.file(span.file) {
            FileScope::Whole => true,
            FileScope::Outside => false,
            FileScope::Lines(changes) => self
                .lines(span)
                .is_some_and(|(first, last)| changes.touches(first, last)),
        }
    }

    /// Whether the text from `start`'s first line to `end`'s last changed (a resource's
    /// configuration), removals inside it included.
    fn changed_within(&self, extent: Span) -> bool {
        match self.file(extent.file) {
            FileScope::Whole => true,
            FileScope::Outside => false,
            FileScope::Lines(changes) => self
                .lines(extent)
                .is_some_and(|(first, last)| changes.changes_within(first, last)),
        }
    }
}

impl Scope {
    /// The scope of paths named on the command line: `None` unless a file is named (a run over
    /// directories reports everything in them).
    pub fn named(paths: &[PathBuf]) -> Option<Scope> {
        let files: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !p.is_dir())
            .map(|p| crate::config::absolute(p))
            .collect();
        if files.is_empty() {
            return None;
        }
        let dirs = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| crate::config::absolute(p))
            .collect();
        Some(Scope::Named { files, dirs })
    }

    fn resolve<'a>(&'a self, sources: &'a SourceMap) -> Resolved<'a> {
        let files = sources
            .files()
            .map(|(_, file)| {
                let path = crate::config::absolute(&file.path);
                match self {
                    Scope::Named { files, dirs } => {
                        if files.contains(&path) || dirs.iter().any(|d| path.starts_with(d)) {
                            FileScope::Whole
                        } else {
                            FileScope::Outside
                        }
                    }
                    Scope::Changed(changes) => match lookup(changes, &path) {
                        Some(c) => FileScope::Lines(c),
                        None => FileScope::Outside,
                    },
                }
            })
            .collect();
        Resolved { files, sources }
    }

    /// Keeps what belongs to the scope: findings (reported and suppressed) and undecided checks;
    /// with named files, also the parts not linted that are declared in them. Returns how many
    /// findings in effect were left out.
    pub fn apply(&self, outcome: &mut Outcome, models: &mut [Model], sources: &SourceMap) -> usize {
        let resolved = self.resolve(sources);
        let changed = ChangedResources::new(models, &resolved);
        // A changed module call (a new version, another argument) changes what the module
        // deploys; a named file holding a call says nothing about the module's own findings.
        let by_calls = matches!(self, Scope::Changed(_));
        let keeps = |f: &Finding| {
            resolved.contains(f.span)
                || f.plan_span.is_some_and(|p| resolved.contains(p))
                || f.related.iter().any(|(s, _)| resolved.contains(*s))
                || (by_calls && f.module_calls.iter().any(|&s| resolved.contains(s)))
                || changed.contains(&f.resource, f.resource_span)
        };
        let before = outcome.findings.len();
        outcome.findings.retain(|f| keeps(f));
        let left_out = before - outcome.findings.len();
        outcome.suppressed.retain(|s| keeps(&s.finding));
        let keeps_undecided = |u: &crate::rules::Undecided| {
            resolved.contains(u.span) || changed.contains_address(&u.resource)
        };
        outcome.undecided.retain(|u| keeps_undecided(u));
        outcome
            .suppressed_undecided
            .retain(|s| keeps_undecided(&s.undecided));
        drop(changed);
        // A module that is not installed blinds the gate wherever the change is: only named
        // files narrow that list (pre-commit's view is the files it names).
        if matches!(self, Scope::Named { .. }) {
            for model in models.iter_mut() {
                model.not_linted.retain(|n| resolved.contains(n.span));
            }
        }
        left_out
    }
}

/// A path as zt-lint read it and as git reports it (git resolves symbolic links in the
/// repository's location, `/tmp` on macOS) may differ: the canonical path settles it.
fn lookup<'a>(changes: &'a ChangedLines, path: &Path) -> Option<&'a crate::diff::FileChanges> {
    changes
        .get(path)
        .or_else(|| changes.get(&std::fs::canonicalize(path).ok()?))
}

/// Resources whose configuration is in scope (by address and header), from the header to the
/// last value written in the same file: a finding about a missing setting is kept when the
/// resource it judges was edited. Built the first time a finding or an undecided check is not
/// kept by its own locations, which most runs never ask: a plan of a million resources named
/// on the command line then costs no table of them.
struct ChangedResources<'a> {
    models: &'a [Model],
    scope: &'a Resolved<'a>,
    by_header: OnceCell<HashSet<(&'a str, Span)>>,
    addresses: OnceCell<HashSet<&'a str>>,
}

impl<'a> ChangedResources<'a> {
    fn new(models: &'a [Model], scope: &'a Resolved<'a>) -> ChangedResources<'a> {
        ChangedResources {
            models,
            scope,
            by_header: OnceCell::new(),
            addresses: OnceCell::new(),
        }
    }

    fn contains(&self, address: &str, header: Span) -> bool {
        self.by_header
            .get_or_init(|| self.list().collect())
            .contains(&(address, header))
    }

    fn contains_address(&self, address: &str) -> bool {
        self.addresses
            .get_or_init(|| self.list().map(|(a, _)| a).collect())
            .contains(address)
    }

    fn list(&self) -> impl Iterator<Item = (&'a str, Span)> + '_ {
        let scope = self.scope;
        self.models
            .iter()
            .flat_map(|m| &m.resources)
            .filter_map(move |resource| {
                let header = resource.span;
                if matches!(scope.file(header.file), FileScope::Outside) {
                    return None;
                }
                let mut end = header.end;
                for (_, node) in resource.attrs.iter() {
                    node.walk(&mut |n| {
                        if n.span.file == header.file && n.span.start >= header.start {
                            end = end.max(n.span.end);
                        }
                    });
                }
                let extent = Span { end, ..header };
                scope
                    .changed_within(extent)
                    .then_some((resource.address.as_str(), header))
            })
    }
}
