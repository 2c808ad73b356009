//! The shipped Guard policies (`policies/`) against their fixtures under
//! `tests/policies/<policy file stem>/<format>/`.
//!
//! As for the rule fixtures, each directory holds the inputs and an `expected` file, one line
//! per finding: `<file>:<line>:<column> <rule id> <resource>` (`-` when the finding is about no
//! resource, such as a provider setting). Resources whose name contains `flagged` must be
//! reported and those whose name contains `passing` must not; each directory has both.
#![cfg(feature = "guard")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use zt_lint::{engine, guard, load};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn findings(policy: &Path, dir: &Path) -> (Vec<String>, Vec<String>) {
    let (policies, _) =
        guard::load_policies(&[policy.to_path_buf()]).unwrap_or_else(|e| panic!("{e}"));
    let rules: Vec<_> = policies.iter().flat_map(|p| p.rules.clone()).collect();
    let ws = load::load(
        &[dir.to_path_buf()],
        &load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
    );
    assert!(ws.errors.is_empty(), "{}: {:?}", dir.display(), ws.errors);
    let result = guard::eval::evaluate(&ws.models, &ws.sources, &policies, &rules, true);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let mut outcome = engine::Outcome::default();
    engine::add_findings(&mut outcome, result.findings, &ws.sources, &ws.plan_sources);
    let lines = outcome
        .findings
        .iter()
        .map(|f| {
            let file = ws.sources.get(f.span.file).expect("file of a finding");
            let at = file.line_col(f.span.start);
            let name = file.path.strip_prefix(dir).unwrap_or(&file.path);
            let resource = if f.resource.is_empty() {
                "-"
            } else {
                &f.resource
            };
            format!(
                "{}:{}:{} {} {}",
                name.display(),
                at.line,
                at.column,
                f.rule.id,
                resource
            )
        })
        .collect();
    let managed = ws
        .models
        .iter()
        .flat_map(|m| &m.resources)
        .filter(|r| r.is_managed())
        .map(|r| r.address.clone())
        .collect();
    (lines, managed)
}

fn short_name(address: &str) -> &str {
    address.rsplit(['.', '/']).next().unwrap_or(address)
}

#[test]
fn shipped_policies_match_their_fixtures_in_every_format() {
    let fixtures = root().join("tests/policies");
    let mut checked = 0;
    let mut policies: Vec<PathBuf> = std::fs::read_dir(root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "guard"))
        .collect();
    policies.sort();
    for policy in policies {
        let stem = policy.file_stem().unwrap().to_str().unwrap().to_string();
        let dir = fixtures.join(&stem);
        assert!(
            dir.is_dir(),
            "{stem}: no fixtures under tests/policies/{stem}"
        );
        let text = std::fs::read_to_string(&policy).unwrap();
        let graph = text.contains("target = graph");
        for format in ["terraform", "plan", "cloudformation"] {
            let case = dir.join(format);
            if !case.is_dir() {
                assert!(!graph, "{stem}: a graph policy needs {format} fixtures");
                continue;
            }
            let (got, managed) = findings(&policy, &case);
            if std::env::var_os("ZT_BLESS").is_some() {
                let mut text = String::from("# <file>:<line>:<column> <rule id> <resource>\n");
                for line in got.iter().collect::<BTreeSet<_>>() {
                    text.push_str(line);
                    text.push('\n');
                }
                std::fs::write(case.join("expected"), text).unwrap();
            }
            let want_text = std::fs::read_to_string(case.join("expected"))
                .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
            let want: BTreeSet<String> = want_text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            let got_set: BTreeSet<String> = got.iter().cloned().collect();
            assert_eq!(got_set, want, "{}: findings differ", case.display());
            let reported: BTreeSet<&str> =
                got.iter().filter_map(|l| l.rsplit(' ').next()).collect();
            for r in &reported {
                assert!(
                    *r == "-" || r.to_ascii_lowercase().contains("flagged"),
                    "{}: reported `{r}`, whose name does not say flagged",
                    case.display()
                );
            }
            let passing: Vec<&String> = managed
                .iter()
                .filter(|a| short_name(a).to_ascii_lowercase().contains("passing"))
                .collect();
            assert!(
                !passing.is_empty(),
                "{}: no passing resource",
                case.display()
            );
            assert!(
                managed
                    .iter()
                    .any(|a| short_name(a).to_ascii_lowercase().contains("flagged")),
                "{}: no flagged resource",
                case.display()
            );
            for p in passing {
                assert!(
                    !reported.contains(p.as_str()),
                    "{}: {p} reported",
                    case.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 14, "only {checked} fixture directories checked");
}

/// Registry-style rules written here (see `tests/policies/registry-style/README.md`),
/// run as CloudFormation policies and report at the failing value.
#[test]
fn registry_style_rules_run_against_templates() {
    let dir = root().join("tests/policies/registry-style");
    let case = dir.join("cloudformation");
    let (got, _) = findings(&dir, &case);
    if std::env::var_os("ZT_BLESS").is_some() {
        let mut text = String::from("# <file>:<line>:<column> <rule id> <resource>\n");
        for line in got.iter().collect::<BTreeSet<_>>() {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(case.join("expected"), text).unwrap();
    }
    let want: BTreeSet<String> = std::fs::read_to_string(case.join("expected"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), want);
}
