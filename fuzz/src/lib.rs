//! What every fuzz target checks once its input is laid out as files: the whole pipeline runs
//! without a panic, twice with byte-identical output, and every location it reports lies inside
//! a file it read.

use std::path::PathBuf;
use zt_lint::engine;
use zt_lint::graph::NotLinted;
use zt_lint::guard::Policy;
use zt_lint::load::{self, LoadOptions, Workspace};
use zt_lint::report::{self, Format, Layout, Report};
use zt_lint::rules::{RULES, Rule};
use zt_lint::source::{SourceMap, Span};
use zt_lint::suppress::{self, Date, External, META_RULES};

/// Where fuzz inputs pretend to live: a directory that does not exist, so nothing on disk
/// joins the input (module sources, `file()` and manifests find nothing there).
pub const ROOT: &str = "/nonexistent-zt-lint-fuzz";

/// The input as text: the loaders read UTF-8, and what is not UTF-8 is rejected before them
/// (the tests of `load::read_source_text` cover that side).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// `name` under [`ROOT`].
pub fn file(name: &str, text: &str) -> (PathBuf, String) {
    (PathBuf::from(ROOT).join(name), text.to_string())
}

/// Lints `files` twice, renders each run in `formats`, and asserts the invariants.
pub fn check(files: Vec<(PathBuf, String)>, formats: &[Format]) {
    check_with_policies(files, &[], formats);
}

/// [`check`], with Guard `policies` evaluated beside the built-in rules as `--policy` does.
pub fn check_with_policies(files: Vec<(PathBuf, String)>, policies: &[Policy], formats: &[Format]) {
    let first = lint_and_render(files.clone(), policies, formats);
    let second = lint_and_render(files, policies, formats);
    assert!(first == second, "two runs over the same input differ");
}

fn lint_and_render(
    files: Vec<(PathBuf, String)>,
    policies: &[Policy],
    formats: &[Format],
) -> Vec<Vec<u8>> {
    // Guard's errors join the workspace's.
    #[cfg_attr(not(feature = "guard"), allow(unused_mut))]
    let mut workspace = load::load_texts(files, &LoadOptions::new(&zt_lint::aws::naming::NAMING));
    let mut outcome = engine::run(
        &workspace.models,
        RULES,
        &workspace.sources,
        &workspace.plan_sources,
    );
    // Every rule the policies declare is selected, and the files' `default` rules report.
    let guard_rules: Vec<&'static Rule> = policies
        .iter()
        .flat_map(|p| p.rules.iter().copied())
        .collect();
    // Built without Guard (every target but guard_policy), there are no policies to run.
    #[cfg(feature = "guard")]
    if !policies.is_empty() {
        let guard = zt_lint::guard::eval::evaluate(
            &workspace.models,
            &workspace.sources,
            policies,
            &guard_rules,
            true,
        );
        engine::add_findings(
            &mut outcome,
            guard.findings,
            &workspace.sources,
            &workspace.plan_sources,
        );
        workspace.errors.extend(guard.errors);
    }
    let today = Date {
        year: 2026,
        month: 1,
        day: 1,
    };
    let external = External {
        path_ignores: Vec::new(),
        baseline: None,
    };
    suppress::apply(
        &mut outcome,
        &workspace.models,
        &workspace.sources,
        &external,
        today,
        RULES,
        META_RULES,
    );
    let not_linted = not_linted(&workspace);
    assert_located(&workspace, &outcome, &not_linted);
    let report = Report {
        sources: &workspace.sources,
        outcome: &outcome,
        errors: &workspace.errors,
        files: workspace.files,
        resources: workspace.models.iter().map(|m| m.resources.len()).sum(),
        show_unknown: true,
        fail_on_unknown: false,
        rules: &RULES
            .iter()
            .chain(&guard_rules)
            .copied()
            .collect::<Vec<_>>(),
        quiet: false,
        not_linted: &not_linted,
        left_out: None,
        group_by_control: None,
        identities: zt_lint::fingerprint::FileIdentities::new(&workspace.sources),
        rules_not_run: &[],
    };
    formats
        .iter()
        .map(|&format| {
            let mut out = Vec::new();
            report::render(format, &report, Layout::PLAIN, &mut out)
                .unwrap_or_else(|e| panic!("{format:?} output failed: {e}"));
            out
        })
        .collect()
}

fn not_linted(workspace: &Workspace) -> Vec<NotLinted> {
    let mut all: Vec<NotLinted> = workspace
        .models
        .iter()
        .flat_map(|m| m.not_linted.iter().cloned())
        .collect();
    let sources = &workspace.sources;
    all.sort_by(|a, b| {
        (sources.path(a.span.file), a.span, &a.reason).cmp(&(
            sources.path(b.span.file),
            b.span,
            &b.reason,
        ))
    });
    all.dedup();
    all
}

/// Every finding, undecided check, error and "not linted" entry points into a file that was
/// read, between two character boundaries of its text.
fn assert_located(workspace: &Workspace, outcome: &engine::Outcome, not_linted: &[NotLinted]) {
    let sources = &workspace.sources;
    for f in &outcome.findings {
        assert_inside(sources, f.span, &format!("{} finding", f.rule.id));
        assert_inside(sources, f.resource_span, "finding's resource");
        for (span, _) in &f.related {
            assert_inside(sources, *span, "related location");
        }
    }
    for s in &outcome.suppressed {
        assert_inside(sources, s.finding.span, "suppressed finding");
    }
    for u in &outcome.undecided {
        assert_inside(sources, u.span, &format!("{} undecided", u.rule.id));
    }
    for e in &workspace.errors {
        // "Unexpected end of file" is one past the last byte; every format shows it clamped.
        let span = sources.get(e.span.file).map_or(e.span, |f| f.clamp(e.span));
        assert_inside(sources, span, &format!("error `{}`", e.message));
    }
    for n in not_linted {
        assert_inside(sources, n.span, &format!("not linted `{}`", n.reason));
    }
}

fn assert_inside(sources: &SourceMap, span: Span, what: &str) {
    let Some(file) = sources.get(span.file) else {
        panic!("{what} is in no file read: {span:?}");
    };
    let text = &file.text;
    assert!(
        span.start <= span.end && span.end as usize <= text.len(),
        "{what} lies outside {} ({} bytes): {span:?}",
        file.path.display(),
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what} splits a character in {}: {span:?}",
        file.path.display()
    );
}
