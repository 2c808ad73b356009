//! Guard policies through the command line: located syntax errors, configuration, suppressions,
//! baselines and the graph document, exactly as a user meets them.
#![cfg(feature = "guard")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

/// A directory under the system's temp dir that is removed when the test is done with it (also
/// when the test fails), so repeated runs do not pile up copies.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("zt-lint-guard-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

const USERS_TF: &str = r#"resource "aws_iam_role" "app" {
  name                 = "app"
  assume_role_policy   = "{}"
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"
}

# zt-lint:ignore guard:no-iam-users/no_iam_users break-glass user, removed with ticket OPS-1
resource "aws_iam_user" "break_glass" {
  name = "break-glass"
}

resource "aws_iam_user" "ci" {
  name = "ci"
}
"#;

#[test]
fn a_guard_syntax_error_is_located_in_the_policy_and_exits_2() {
    let dir = scratch("syntax");
    std::fs::write(dir.join("main.tf"), USERS_TF).unwrap();
    std::fs::write(
        dir.join("broken.guard"),
        "# zt-lint: target = graph\n\nrule ok { Resources exists }\n\nrule broken {\n    Resources.*[ Type == \n}\n",
    )
    .unwrap();
    let out = zt_lint(
        &dir,
        &["--no-config", "--policy", "broken.guard", "main.tf"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.guard:6:") || stderr.contains("broken.guard:7:"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn guard_findings_are_suppressed_configured_and_baselined_like_built_in_ones() {
    let dir = scratch("config");
    std::fs::write(dir.join("main.tf"), USERS_TF).unwrap();
    let policy_dir = policies();
    std::fs::write(
        dir.join(".zt-lint.toml"),
        format!(
            "policy_dirs = [{:?}]\n[rules]\ndisable = [\"guard:abac-tags/role_abac_tags\", \"identity\"]\n\
             [rules.severity]\n\"guard:no-iam-users/no_iam_users\" = \"critical\"\n",
            policy_dir.display().to_string()
        ),
    )
    .unwrap();
    let out = zt_lint(&dir, &["--format", "json", "."]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let findings: Vec<(String, String, u64, u64, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"].as_str().unwrap().starts_with("guard:"))
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [(
            "guard:no-iam-users/no_iam_users".to_string(),
            "aws_iam_user.ci".to_string(),
            12,
            1,
            "critical".to_string()
        )]
    );
    let suppressed = doc["suppressed"].as_array().unwrap();
    assert!(
        suppressed
            .iter()
            .any(|s| s["rule_id"] == "guard:no-iam-users/no_iam_users"
                && s["resource"] == "aws_iam_user.break_glass"),
        "{suppressed:?}"
    );

    // A baseline records Guard findings; the next run has nothing new.
    let out = zt_lint(&dir, &["--write-baseline", "base.json", "-q", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = zt_lint(&dir, &["--baseline", "base.json", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["findings"].as_array().unwrap().len(), 0);

    // Guard rules work with --rule like built-in ones, in every output format.
    let out = zt_lint(
        &dir,
        &[
            "--rule",
            "guard:no-iam-users/no_iam_users",
            "--format",
            "sarif",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let sarif = json(&out);
    assert_eq!(
        sarif["runs"][0]["results"][0]["ruleId"],
        "guard:no-iam-users/no_iam_users"
    );
}

#[test]
fn unknown_guard_rule_names_in_the_configuration_are_errors() {
    let dir = scratch("unknown");
    std::fs::write(dir.join("main.tf"), USERS_TF).unwrap();
    std::fs::write(
        dir.join(".zt-lint.toml"),
        "[rules]\ndisable = [\"guard:nope/rule\"]\n",
    )
    .unwrap();
    let out = zt_lint(&dir, &["."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".zt-lint.toml:2:"));
}

#[test]
fn the_graph_document_is_versioned_and_marks_unknowns_and_references() {
    let dir = scratch("graph");
    std::fs::write(
        dir.join("main.tf"),
        "variable \"boundary\" {}\n\nresource \"aws_iam_policy\" \"b\" {\n  policy = \"{}\"\n}\n\n\
         resource \"aws_iam_role\" \"app\" {\n  assume_role_policy   = \"{}\"\n  permissions_boundary = var.boundary\n  tags = { owner = \"ops\" }\n  description = aws_iam_policy.b.arn\n}\n",
    )
    .unwrap();
    let out = zt_lint(&dir, &["graph", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["ZtLintGraph"]["Version"], 1);
    let role = &doc["Documents"][0]["Resources"]["aws_iam_role.app"];
    assert_eq!(role["Type"], "aws_iam_role");
    assert_eq!(role["Tags"]["owner"], "ops");
    assert!(role["Attributes"]["permissions_boundary"]["zt_unknown"]["reason"].is_string());
    assert_eq!(
        role["Attributes"]["description"]["zt_ref"]["address"],
        "aws_iam_policy.b"
    );
    assert_eq!(role["References"][0]["Address"], "aws_iam_policy.b");
    // Deterministic: the same bytes twice.
    assert_eq!(zt_lint(&dir, &["graph", "."]).stdout, out.stdout);
}

#[test]
fn a_native_policy_sees_each_document_of_a_yaml_stream_once() {
    let dir = scratch("stream");
    std::fs::write(
        dir.join("stream.yaml"),
        "Resources:\n  UserOne:\n    Type: AWS::IAM::User\n---\n# the second template\nResources:\n  UserTwo:\n    Type: AWS::IAM::User\n",
    )
    .unwrap();
    let policy = policies().join("no-iam-users-cloudformation.guard");
    let out = zt_lint(
        &dir,
        &[
            "--no-config",
            "--format",
            "json",
            "--policy",
            policy.to_str().unwrap(),
            "stream.yaml",
        ],
    );
    let doc = json(&out);
    let found: Vec<(String, u64, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["resource"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("UserOne".to_string(), 3, 11),
            ("UserTwo".to_string(), 8, 11)
        ]
    );
}
