//! `zt-lint fix` over golden fixtures: `tests/fix/<RULE-ID>/<format>/before/` is fixed with
//! that rule only and must equal `after/` byte for byte (so every untouched byte, comment and
//! quote is kept); the re-lint must not report the rule on the fixed resources and no rule may
//! report anything new; a second fix changes nothing; and `--diff` on a fresh copy applies with
//! `git apply` to the same result.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

/// Every file under `dir` (a root with its local modules, tfvars and `.terraform/`), by
/// relative path.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        for entry in std::fs::read_dir(&at).expect("read fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.is_file() {
                let name = path.strip_prefix(dir).expect("inside").to_path_buf();
                out.insert(name, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn fresh_copy(from: &Path, name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("zt-lint-fix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (file, bytes) in files(from) {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().expect("in dir")).expect("dirs");
        std::fs::write(to, bytes).expect("copy");
    }
    Scratch(dir)
}

/// (rule, resource) of every finding of every default rule.
fn findings(dir: &Path) -> Vec<(String, String)> {
    let out = zt_lint(dir, &["--no-config", "--format", "json", "."]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut all: Vec<(String, String)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap_or_default().to_string(),
                f["resource"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    all.sort();
    all
}

fn cases() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).expect("tests/fix") {
        let rule = rule.expect("entry").path();
        for format in std::fs::read_dir(&rule).expect("rule dir") {
            let format = format.expect("entry").path();
            let id = rule.file_name().unwrap().to_string_lossy().to_string();
            out.push((id, format));
        }
    }
    out.sort();
    out
}

#[test]
fn fixes_match_the_golden_files_and_resolve_their_findings() {
    let cases = cases();
    assert!(cases.len() >= 14, "fixtures found: {}", cases.len());
    for (rule, case) in cases {
        let label = format!("{rule}-{}", case.file_name().unwrap().to_string_lossy());
        let before = findings(&case.join("before"));
        assert!(
            before.iter().any(|(r, _)| *r == rule),
            "{label}: the before files have no {rule} finding"
        );
        let dir = fresh_copy(&case.join("before"), &label);
        let out = zt_lint(
            &dir,
            &["fix", "--unsafe", "--no-config", "--rule", &rule, "."],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("zt-lint: fixed"), "{label}: {stderr}");
        assert_eq!(
            files(&dir),
            files(&case.join("after")),
            "{label}: fixed files differ from after/ ({stderr})"
        );
        // The re-lint: only findings that were there before, none of the rule on a resource
        // whose name says it is fixable.
        let after = findings(&dir);
        for f in &after {
            assert!(before.contains(f), "{label}: new finding {f:?}");
            assert!(
                !(f.0 == rule
                    && f.1.to_ascii_lowercase().contains("flagged")
                    && !f.1.contains("variable")),
                "{label}: {f:?} is still reported"
            );
        }
        // Idempotence.
        let again = zt_lint(
            &dir,
            &["fix", "--unsafe", "--no-config", "--rule", &rule, "."],
        );
        assert!(
            String::from_utf8_lossy(&again.stderr).contains("fixed 0 finding(s) in 0 file(s)"),
            "{label}: a second fix changed something: {}",
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(
            files(&dir),
            files(&case.join("after")),
            "{label}: second fix"
        );
        // The diff applies with git apply and gives the same files.
        let dir = fresh_copy(&case.join("before"), &format!("{label}-diff"));
        let diff = zt_lint(
            &dir,
            &[
                "fix",
                "--diff",
                "--unsafe",
                "--no-config",
                "--rule",
                &rule,
                ".",
            ],
        );
        assert_eq!(
            files(&dir),
            files(&case.join("before")),
            "{label}: --diff wrote"
        );
        std::fs::write(dir.join("fix.patch"), &diff.stdout).expect("patch");
        let applied = Command::new("git")
            .args(["apply", "--unsafe-paths", "fix.patch"])
            .current_dir(&dir)
            .output();
        if let Ok(applied) = applied {
            assert!(
                applied.status.success(),
                "{label}: git apply: {}\n{}",
                String::from_utf8_lossy(&applied.stderr),
                String::from_utf8_lossy(&diff.stdout)
            );
            std::fs::remove_file(dir.join("fix.patch")).expect("remove patch");
            assert_eq!(
                files(&dir),
                files(&case.join("after")),
                "{label}: applied diff"
            );
        }
    }
}

/// Writes `files` (relative path, text) into a fresh directory.
fn project(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = std::env::temp_dir().join(format!("zt-lint-fix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("in dir")).expect("dirs");
        std::fs::write(path, text).expect("write");
    }
    Scratch(dir)
}

const DB_MODULE: &str = r#"variable "public" {
  type    = bool
  default = true
}

resource "aws_db_instance" "flagged" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = var.public
  iam_database_authentication_enabled = true
}
"#;

/// A value read through a module is fixed only where one change fixes this use alone, and never
/// through a module `terraform init` installed: each case is flagged and offers no fix.
#[test]
fn no_fix_where_the_written_value_is_shared_or_installed() {
    let installed = (
        ".terraform/modules/modules.json",
        r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"db","Source":"registry.terraform.io/acme/db/aws","Version":"1.0.0","Dir":".terraform/modules/db"}]}"#,
    );
    let named_by_argument =
        DB_MODULE.replace("\"orders\"", "var.public ? \"public\" : \"private\"");
    let cases: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "installed-module",
            vec![
                (
                    "main.tf",
                    "module \"db\" {\n  source  = \"acme/db/aws\"\n  version = \"1.0.0\"\n  public  = true\n}\n",
                ),
                installed,
                (".terraform/modules/db/main.tf", DB_MODULE),
            ],
        ),
        (
            // Both calls leave the default: changing it changes both, not one finding's value.
            "default-of-two-calls",
            vec![
                (
                    "main.tf",
                    "module \"a\" {\n  source = \"./db\"\n}\n\nmodule \"b\" {\n  source = \"./db\"\n}\n",
                ),
                ("db/main.tf", DB_MODULE),
            ],
        ),
        (
            // One tfvars line read by two calls.
            "tfvars-of-two-calls",
            vec![
                (
                    "main.tf",
                    "variable \"public\" {\n  type = bool\n}\n\nmodule \"a\" {\n  source = \"./db\"\n  public = var.public\n}\n\nmodule \"b\" {\n  source = \"./db\"\n  public = var.public\n}\n",
                ),
                ("terraform.tfvars", "public = true\n"),
                ("db/main.tf", DB_MODULE),
            ],
        ),
        (
            // The argument also names the database: flipping it would rename it.
            "argument-read-twice",
            vec![
                (
                    "main.tf",
                    "module \"a\" {\n  source = \"./db\"\n  public = true\n}\n",
                ),
                ("db/main.tf", &named_by_argument),
            ],
        ),
    ];
    for (name, files_of_case) in cases {
        let dir = project(name, &files_of_case);
        let flagged = findings(&dir);
        assert!(
            flagged.iter().any(|(rule, _)| rule == "ZT-NET-003"),
            "{name}: not flagged: {flagged:?}"
        );
        let out = zt_lint(
            &dir,
            &["fix", "--diff", "--no-config", "--rule", "ZT-NET-003", "."],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("would fix 0 finding(s)") && out.stdout.is_empty(),
            "{name}: {stderr}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn safe_fixes_only_without_unsafe() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix/ZT-WKL-005/terraform");
    let dir = fresh_copy(&case.join("before"), "unsafe-held-back");
    let out = zt_lint(&dir, &["fix", "--no-config", "--rule", "ZT-WKL-005", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 more have unsafe fixes"), "{stderr}");
    assert_eq!(files(&dir), files(&case.join("before")));
    assert_eq!(out.status.code(), Some(1), "the findings remain");
}

#[test]
fn reports_carry_the_fix_at_exact_regions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix/ZT-DAT-009/terraform/before");
    let out = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-DAT-009", "-f", "sarif", "."],
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let fix_of = |resource: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == resource)
            .map(|r| r["fixes"].clone())
            .unwrap_or_else(|| panic!("no result for {resource}"))
    };
    let replaced = fix_of("aws_kms_key.flagged_off");
    let change = &replaced[0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "main.tf");
    assert_eq!(
        change["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 5, "startColumn": 29, "endLine": 5, "endColumn": 34},
            "insertedContent": {"text": "true"}
        })
    );
    let inserted = fix_of("aws_kms_key.flagged_one_line");
    assert_eq!(
        inserted[0]["artifactChanges"][0]["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 12, "startColumn": 44, "endLine": 12, "endColumn": 44},
            "insertedContent": {"text": "\n  enable_key_rotation = true\n"}
        })
    );
    // A value set through a variable is not fixed there: no fix offered.
    assert!(fix_of("aws_kms_key.flagged_variable").is_null());

    let out = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-DAT-009", "-f", "markdown", "."],
    );
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(
        markdown.contains(
            "```suggestion\nresource \"aws_kms_key\" \"flagged_one_line\" {\n  enable_key_rotation = true\n}\n```"
        ),
        "{markdown}"
    );
    let out = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-DAT-009", "-f", "github", "."],
    );
    let github = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        github.matches("`zt-lint fix` fixes this").count(),
        3,
        "{github}"
    );
}

#[test]
fn every_fixable_rule_has_golden_files_in_terraform_and_cloudformation() {
    let out = zt_lint(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules"]);
    let table = String::from_utf8_lossy(&out.stdout);
    let fixable: Vec<(String, String)> = table
        .lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let fix = cells.get(5)?;
            (*fix != "-").then(|| (cells[0].to_string(), fix.to_string()))
        })
        .collect();
    let safe = fixable
        .iter()
        .filter(|(_, s)| s.starts_with("safe"))
        .count();
    assert!(safe >= 15, "{safe} rules have a safe fix: {fixable:?}");
    // The IMDSv2 fix replaces a spot request and restarts a SageMaker notebook: the table and
    // the rule's page say so.
    assert!(
        fixable.contains(&("ZT-WKL-001".to_string(), "safe*".to_string())),
        "{table}"
    );
    assert!(table.contains(
        "* ZT-WKL-001: the fix is safe (unsafe for aws_spot_instance_request, \
         aws_sagemaker_notebook_instance, AWS::SageMaker::NotebookInstance, which the change \
         restarts or replaces)"
    ));
    let page = zt_lint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["explain", "ZT-WKL-001"],
    );
    assert!(String::from_utf8_lossy(&page.stdout).contains(
        "Fix: safe (`zt-lint fix` applies it), except on aws_spot_instance_request, \
         aws_sagemaker_notebook_instance, AWS::SageMaker::NotebookInstance, which the change \
         restarts or replaces: unsafe there"
    ));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix");
    for (rule, _) in &fixable {
        let formats: Vec<String> = std::fs::read_dir(root.join(rule))
            .unwrap_or_else(|_| panic!("{rule} is fixable but has no tests/fix/{rule}"))
            .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
            .collect();
        for format in ["terraform", "cloudformation"] {
            assert!(
                formats.iter().any(|f| f.starts_with(format)),
                "{rule}: no {format} golden files"
            );
        }
    }
}

#[test]
fn a_plan_finding_is_fixed_in_its_terraform_source_and_the_plan_is_left_alone() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plan-with-source");
    let dir =
        Scratch(std::env::temp_dir().join(format!("zt-lint-fix-plan-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir);
    for (file, bytes) in files(&example) {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().expect("in dir")).expect("dir");
        std::fs::write(to, bytes).expect("copy");
    }
    let plan = std::fs::read(dir.join("plan.json")).expect("plan");
    let out = zt_lint(
        &dir,
        &["fix", "--no-config", "--rule", "ZT-NET-003", "plan.json"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fixed 1 finding(s) in 1 file(s)"),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(dir.join("modules/storage/main.tf")).expect("source");
    assert!(fixed.contains("  publicly_accessible = false\n"), "{fixed}");
    assert_eq!(std::fs::read(dir.join("plan.json")).expect("plan"), plan);
    // The plan still says what it said: the fix is in the source, for the next plan.
    let again = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-NET-003", "-q", "plan.json"],
    );
    assert_eq!(again.status.code(), Some(1), "the plan keeps its finding");
}

/// A fix made where the value is written (a tfvars line) names that file, not the finding's.
#[test]
fn reports_name_the_file_where_the_value_is_written() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix/ZT-DAT-009/terraform-module/before");
    let out = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-DAT-009", "-f", "sarif", "."],
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let payments = results
        .iter()
        .find(|r| {
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                == "module.payments_key.aws_kms_key.flagged"
        })
        .expect("payments result");
    assert_eq!(
        payments["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "main.tf"
    );
    let change = &payments["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "terraform.tfvars");
    assert_eq!(
        change["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 2, "startColumn": 19, "endLine": 2, "endColumn": 24},
            "insertedContent": {"text": "true"}
        })
    );
    let out = zt_lint(
        &dir,
        &["--no-config", "--rule", "ZT-DAT-009", "-f", "markdown", "."],
    );
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(
        markdown.contains("`terraform.tfvars` (safe, line 2;")
            && markdown.contains("```suggestion\nrotate_payments = true\n```"),
        "{markdown}"
    );
}

/// SageMaker updates a notebook instance only while it is stopped, so requiring IMDSv2 on one
/// restarts it: that fix is unsafe, while the same rule's fix of an EC2 instance (changed in
/// place) stays safe.
#[test]
fn a_fix_that_restarts_a_notebook_is_unsafe() {
    let dir = project(
        "notebook-restarts",
        &[(
            "main.tf",
            r#"resource "aws_instance" "flagged_web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_sagemaker_notebook_instance" "flagged_notebook" {
  name          = "research"
  role_arn      = "arn:aws:iam::123456789012:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}

# Every argument of a spot request forces a new one, which terminates its instance.
resource "aws_spot_instance_request" "flagged_spot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
"#,
        )],
    );
    let out = zt_lint(
        &dir,
        &["fix", "--diff", "--no-config", "--rule", "ZT-WKL-001", "."],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let patch = String::from_utf8_lossy(&out.stdout);
    assert!(
        stderr.contains("would fix 1 finding(s) in 1 file(s); 2 more have unsafe fixes"),
        "{stderr}"
    );
    assert!(patch.contains("+    http_tokens = \"required\""), "{patch}");
    assert!(
        !patch.contains("minimum_instance_metadata_service_version"),
        "{patch}"
    );

    let markdown = String::from_utf8_lossy(
        &zt_lint(
            &dir,
            &["--no-config", "--rule", "ZT-WKL-001", "-f", "markdown", "."],
        )
        .stdout,
    )
    .into_owned();
    assert!(markdown.contains("`main.tf` (unsafe, line"), "{markdown}");
    assert!(markdown.contains("`main.tf` (safe, line"), "{markdown}");

    let out = zt_lint(
        &dir,
        &[
            "fix",
            "--diff",
            "--unsafe",
            "--no-config",
            "--rule",
            "ZT-WKL-001",
            ".",
        ],
    );
    let patch = String::from_utf8_lossy(&out.stdout);
    assert!(
        patch.contains("minimum_instance_metadata_service_version = \"2\""),
        "{patch}"
    );
}

/// A fix written into a tfvars file says, in one line, that a value CI passes on the command
/// line still wins over it; a fix elsewhere says nothing of the kind.
#[test]
fn a_tfvars_fix_warns_that_the_command_line_overrides_it() {
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix/ZT-DAT-009/terraform-module/before");
    let dir = fresh_copy(&case, "tfvars-note");
    let out = zt_lint(&dir, &["fix", "--no-config", "--rule", "ZT-DAT-009", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("zt-lint: note:"))
        .collect();
    assert_eq!(
        notes,
        [
            "zt-lint: note: `terraform.tfvars` changed; a `-var` or `-var-file` that CI passes to terraform still overrides it"
        ],
        "{stderr}"
    );
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fix/ZT-DAT-009/terraform/before");
    let dir = fresh_copy(&case, "no-tfvars-note");
    let out = zt_lint(&dir, &["fix", "--no-config", "--rule", "ZT-DAT-009", "."]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("note:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
