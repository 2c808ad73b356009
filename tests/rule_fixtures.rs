//! Every rule has fixtures per input format under `tests/fixtures/<RULE-ID>/<format>/`.
//!
//! Each fixture directory holds the inputs and an `expected` file with one line per finding,
//! `<file>:<line>:<column> <resource>`, and optionally `expected-unknown`, the checks the rule
//! must list as undecided (so a silent skip fails the fixture). Resources are named so a
//! reader sees the intent: every expected finding is on a resource whose name contains `flagged`, and a resource whose name
//! contains `passing` must not be reported, and a case named `flagged` must be reported or listed
//! as undecided. Each format directory needs at least one of each.

use std::path::{Path, PathBuf};
use zt_lint::{engine, load, rules};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

struct Run {
    findings: Vec<String>,
    /// Checks the rule could not decide, as `<file>:<line>:<column> <resource>`.
    undecided: Vec<String>,
    managed: Vec<String>,
}

fn lint_with(rule: &'static rules::Rule, dir: &Path) -> Run {
    let ws = load::load(
        &[dir.to_path_buf()],
        &load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
    );
    assert!(
        ws.errors.is_empty(),
        "{}: load errors: {:?}",
        dir.display(),
        ws.errors
    );
    let outcome = engine::run(&ws.models, &[rule], &ws.sources, &ws.plan_sources);
    let located = |span: zt_lint::source::Span, resource: &str| {
        let file = ws.sources.get(span.file).expect("file of a finding");
        let at = file.line_col(span.start);
        let name = file.path.strip_prefix(dir).unwrap_or(&file.path);
        format!("{}:{}:{} {resource}", name.display(), at.line, at.column)
    };
    let findings = outcome
        .findings
        .iter()
        .map(|f| located(f.span, &f.resource))
        .collect();
    let undecided = outcome
        .undecided
        .iter()
        .map(|u| located(u.span, &u.resource))
        .collect();
    let managed = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .filter(|r| r.is_managed())
        .map(|r| r.address.clone())
        .collect();
    Run {
        findings,
        undecided,
        managed,
    }
}

fn expected(dir: &Path) -> Vec<String> {
    expected_in(dir, "expected")
        .unwrap_or_else(|e| panic!("{}: no expected file: {e}", dir.display()))
}

/// The lines of an expectation file: `expected` (findings) or `expected-unknown` (checks the
/// rule must list as undecided: a silent skip fails the fixture).
fn expected_in(dir: &Path, name: &str) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(name))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

fn check_fixture(rule: &'static rules::Rule, dir: &Path) {
    let run = lint_with(rule, dir);
    let want = expected(dir);
    // Compared as sorted lists, not sets: a finding reported twice, or once where `expected`
    // lists it twice, is a difference.
    let mut got = run.findings.clone();
    got.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(
        got,
        want_sorted,
        "{} {}: findings differ from `expected`",
        rule.id,
        dir.display()
    );
    if let Ok(mut want_unknown) = expected_in(dir, "expected-unknown") {
        let mut got = run.undecided.clone();
        got.sort();
        want_unknown.sort();
        assert_eq!(
            got,
            want_unknown,
            "{} {}: undecided checks differ from `expected-unknown`",
            rule.id,
            dir.display()
        );
    }
    for line in &want {
        let resource = line.split_once(' ').map_or("", |(_, r)| r);
        let name = resource.to_ascii_lowercase();
        // `(configuration)` is a finding about the configuration as a whole.
        assert!(
            (name.contains("flagged") && !name.contains("passing"))
                || resource == "(configuration)",
            "{}: expected finding on `{resource}`, whose name does not say `flagged`",
            dir.display()
        );
    }
    let passing: Vec<_> = run
        .managed
        .iter()
        .filter(|a| a.to_ascii_lowercase().contains("passing"))
        .collect();
    assert!(
        !passing.is_empty(),
        "{}: needs at least one `passing` resource",
        dir.display()
    );
    assert!(
        !want.is_empty(),
        "{}: needs at least one `flagged` resource",
        dir.display()
    );
    for p in passing {
        assert!(
            !run.findings.iter().any(|f| f.ends_with(&format!(" {p}"))),
            "{}: `{p}` must not be reported",
            dir.display()
        );
    }
    let undecided = expected_in(dir, "expected-unknown").unwrap_or_default();
    let reported: Vec<&str> = want
        .iter()
        .chain(&undecided)
        .filter_map(|l| l.split_once(' ').map(|(_, r)| case_name(r)))
        .collect();
    // The reverse of the check above: a case named `flagged` must be reported (or listed as
    // undecided), or a fixture that no longer tests what its names say passes unnoticed.
    for address in &run.managed {
        let name = address.to_ascii_lowercase();
        if !name.contains("flagged") || name.contains("passing") {
            continue;
        }
        // A resource a CloudFormation transform adds is named after its source
        // (`FlaggedFunction` makes `FlaggedFunctionRole`): it is of its source's case. Only
        // such a capitalised continuation joins a case: `flagged_bucket_policy` is its own
        // case, not `flagged_bucket`'s.
        let own = case_name(address);
        let case = run
            .managed
            .iter()
            .map(|a| case_name(a))
            .filter(|c| covers(own, c))
            .min_by_key(|c| c.len())
            .unwrap_or(own);
        assert!(
            reported.iter().any(|r| covers(r, case)),
            "{}: `{address}` is named flagged but nothing of its case is in `expected` or \
             `expected-unknown`",
            dir.display()
        );
    }
}

/// Whether a reported name is of `case`: the same name, or (a transform's resource named after
/// its source) the case's name followed by a capitalised word.
fn covers(reported: &str, case: &str) -> bool {
    reported
        .strip_prefix(case)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The name of the case a resource belongs to: its name without type or instance key
/// (`aws_iam_user.flagged_admin` and `aws_iam_user_login_profile.flagged_admin` are one case,
/// and so are the instances of one `count`).
fn case_name(address: &str) -> &str {
    let unkeyed = address.split_once('[').map_or(address, |(a, _)| a);
    unkeyed.rsplit_once('.').map_or(unkeyed, |(_, name)| name)
}

#[test]
fn every_rule_has_fixtures_in_every_format_it_supports() {
    for rule in rules::RULES {
        for format in rule.inputs.iter().map(|i| i.name()) {
            let dir = fixtures_root().join(rule.id).join(format);
            assert!(
                dir.is_dir(),
                "{} has no {format} fixtures ({})",
                rule.id,
                dir.display()
            );
        }
    }
}

#[test]
fn fixtures_match_expected_findings() {
    let mut checked = 0;
    for rule in rules::RULES {
        let root = fixtures_root().join(rule.id);
        let Ok(entries) = std::fs::read_dir(&root) else {
            continue;
        };
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs.into_iter().filter(|d| d.is_dir()) {
            check_fixture(rule, &dir);
            checked += 1;
        }
    }
    let expected: usize = rules::RULES.iter().map(|r| r.inputs.len()).sum();
    assert!(checked >= expected);
}

#[test]
fn fixture_directories_name_real_rules() {
    for entry in std::fs::read_dir(fixtures_root())
        .expect("fixtures")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        assert!(
            rules::find(&name).is_some(),
            "tests/fixtures/{name} is not a rule id"
        );
    }
}
