//! Same verdicts as the `cfn-guard validate` command: every Guard policy (shipped, registry
//! rules) over every fixture and example in its target format (graph policies over the graph
//! documents `zt-lint graph` prints), rule by rule PASS/FAIL/SKIP compared.
//!
//! Needs the cfn-guard CLI (a long build, so not in CI): `cargo install cfn-guard --version
//! 3.2.1 --locked`, then `ZT_CFN_GUARD=$(command -v cfn-guard) cargo test --test guard_parity
//! -- --nocapture`. Without it the test says so and passes.
#![cfg(feature = "guard")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use zt_lint::guard::{self, Target};
use zt_lint::load;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn cfn_guard() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ZT_CFN_GUARD") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from)?;
    let installed = home.join(".cargo/bin/cfn-guard");
    installed.is_file().then_some(installed)
}

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, keep, out);
        } else if keep(&p) {
            out.push(p);
        }
    }
}

/// Rule name → PASS/FAIL/SKIP as the cfn-guard CLI prints them with `--show-summary all`.
fn cli_verdicts(cli: &Path, rules: &Path, data: &Path) -> BTreeMap<String, String> {
    let out = Command::new(cli)
        .args(["validate", "--show-summary", "all", "-r"])
        .arg(rules)
        .arg("-d")
        .arg(data)
        .output()
        .expect("run cfn-guard");
    let text = String::from_utf8_lossy(&out.stdout);
    let file_name = rules.file_name().unwrap().to_str().unwrap();
    let mut verdicts = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix(&format!("{file_name}/")) else {
            continue;
        };
        let mut parts = rest.split_whitespace();
        if let (Some(name), Some(status)) = (parts.next(), parts.next())
            && ["PASS", "FAIL", "SKIP"].contains(&status)
        {
            verdicts.insert(name.to_string(), status.to_string());
        }
    }
    verdicts
}

#[test]
fn guard_rules_judge_like_cfn_guard_validate() {
    let Some(cli) = cfn_guard() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "cfn-guard CLI not found (set ZT_CFN_GUARD); .ci/run installs it"
        );
        eprintln!("cfn-guard CLI not found (set ZT_CFN_GUARD): comparison skipped");
        return;
    };
    let mut policy_files = Vec::new();
    files_under(
        &root().join("policies"),
        &|p| p.extension().is_some_and(|e| e == "guard"),
        &mut policy_files,
    );
    files_under(
        &root().join("tests/policies/registry-style"),
        &|p| p.extension().is_some_and(|e| e == "guard"),
        &mut policy_files,
    );
    policy_files.sort();
    let mut data = Vec::new();
    for dir in ["tests/policies", "tests/fixtures", "examples"] {
        files_under(
            &root().join(dir),
            &|p| {
                p.extension()
                    .is_some_and(|e| e == "yaml" || e == "json" || e == "tf")
            },
            &mut data,
        );
    }
    data.sort();
    let scratch = std::env::temp_dir().join(format!("zt-lint-parity-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();

    // Every input model once: its native file (templates, plans) and its graph document.
    let mut dirs: Vec<PathBuf> = data
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut inputs: Vec<(Target, PathBuf, String)> = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let ws = load::load(
            std::slice::from_ref(dir),
            &load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
        );
        for (j, model) in ws.models.iter().enumerate() {
            let Some(first) = model.resources.iter().find(|r| r.is_managed()) else {
                continue;
            };
            let file = ws.sources.path(first.span.file).to_path_buf();
            // Only models of files in this directory (a directory walk also sees subdirectories).
            if file.parent() != Some(dir.as_path()) {
                continue;
            }
            let text = ws.sources.get(first.span.file).unwrap().text.to_string();
            match model.origin {
                zt_lint::graph::Origin::CloudFormation => {
                    inputs.push((Target::CloudFormation, file.clone(), text))
                }
                zt_lint::graph::Origin::Plan => inputs.push((Target::Plan, file.clone(), text)),
                zt_lint::graph::Origin::Terraform => {}
            }
            let doc = guard::document::build(model, &ws.sources).json.to_string();
            let path = scratch.join(format!("graph-{i}-{j}.json"));
            std::fs::write(&path, &doc).unwrap();
            inputs.push((Target::Graph, path, doc));
        }
    }
    inputs.sort_by(|a, b| a.1.cmp(&b.1));
    inputs.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);

    let mut compared = 0;
    let mut failing = 0;
    let mut mismatches = Vec::new();
    for policy_file in &policy_files {
        let policy =
            guard::parse_policy(policy_file, std::fs::read_to_string(policy_file).unwrap())
                .unwrap();
        for (target, path, text) in inputs.iter().filter(|(t, _, _)| *t == policy.target) {
            let cli = cli_verdicts(&cli, policy_file, path);
            let (_, failures) = guard::eval::validate(&policy.text, text).unwrap();
            for (rule, status) in &cli {
                let ours_fail = failures.iter().any(|f| &f.rule == rule);
                compared += 1;
                if status == "FAIL" {
                    failing += 1;
                }
                if ours_fail != (status == "FAIL") {
                    mismatches.push(format!(
                        "{} {} on {} ({}): cfn-guard {status}, zt-lint {}",
                        policy_file.display(),
                        rule,
                        path.display(),
                        target.name(),
                        if ours_fail { "FAIL" } else { "not FAIL" }
                    ));
                }
            }
        }
    }
    eprintln!(
        "compared {compared} rule verdicts ({failing} FAIL) of {} policy files over {} inputs",
        policy_files.len(),
        inputs.len()
    );
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(compared > 50, "too few verdicts compared: {compared}");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
