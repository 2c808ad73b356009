//! Shapes real repositories have, read as the tool that deploys them reads them, or said to be
//! not linted: never skipped without a word.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/real")
        .join(name)
}

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

/// The JSON report of `zt-lint --no-config .` run in a case directory.
fn report(name: &str) -> serde_json::Value {
    let out = zt_lint(
        &case(name),
        &["--no-config", "--format", "json", "--show-unknown", "."],
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// `file:line:col RULE resource` of every finding.
fn findings(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "{}:{}:{} {} {}",
                f["file"].as_str().unwrap_or_default(),
                f["line"],
                f["column"],
                f["rule_id"].as_str().unwrap_or_default(),
                f["resource"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// A YAML merge key (`<<: *anchor`) merges the anchored mapping, its own keys winning, as
/// PyYAML reads it for `aws cloudformation package` and `sam deploy`: the resource that merges
/// is linted with the merged properties, not dropped.
#[test]
fn yaml_merge_keys_merge_the_anchored_mapping() {
    let report = report("yaml-merge-keys");
    assert_eq!(
        findings(&report),
        ["template.yaml:17:63 ZT-NET-001 Bastion"],
        "{report:#}"
    );
}
