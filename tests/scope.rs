//! Scoped runs: `--diff-base REF` against a scratch git repository, and files named on the
//! command line as pre-commit names staged files. Both lint the whole module and keep a finding
//! when anything that explains it (its location, where its value was written, the resource it
//! judges) is in scope.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(["--no-config", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// (rule, resource, file:line:column) of every finding, in report order.
fn findings(out: &Output) -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap().to_string(),
                format!(
                    "{}:{}:{}",
                    f["file"].as_str().unwrap(),
                    f["line"],
                    f["column"]
                ),
            )
        })
        .collect()
}

fn left_out(out: &Output) -> Option<u64> {
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["summary"]["left_out"].as_u64()
}

fn finding(rule: &str, resource: &str, at: &str) -> (String, String, String) {
    (rule.to_string(), resource.to_string(), at.to_string())
}

const LOCALS_SAFE: &str = "locals {\n  ssh_cidr = \"10.0.0.0/8\"\n}\n";
const LOCALS_OPEN: &str = "locals {\n  ssh_cidr = \"0.0.0.0/0\"\n}\n";
const SG: &str = r#"resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh from the admin network"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [local.ssh_cidr]
  }
}
"#;
const VARIABLES: &str = "variable \"db_public\" {\n  type    = bool\n  default = false\n}\n";
const DB: &str = r#"resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = var.db_public
  storage_encrypted   = true
}
"#;
/// Insecure before the change and untouched by it: never reported by a scoped run.
const VOLUME: &str = "resource \"aws_ebs_volume\" \"old\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n}\n";

/// A module whose SSH rule reads a local and whose database reads a variable.
fn module(dir: &Path) {
    std::fs::write(dir.join("locals.tf"), LOCALS_SAFE).unwrap();
    std::fs::write(dir.join("sg.tf"), SG).unwrap();
    std::fs::write(dir.join("variables.tf"), VARIABLES).unwrap();
    std::fs::write(dir.join("db.tf"), DB).unwrap();
    std::fs::write(dir.join("volume.tf"), VOLUME).unwrap();
}

#[test]
fn a_local_changed_elsewhere_keeps_the_finding_it_causes() {
    let repo = scratch("diff-base-local");
    module(&repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    git(&repo, &["checkout", "-q", "-b", "open-ssh"]);
    std::fs::write(repo.join("locals.tf"), LOCALS_OPEN).unwrap();
    git(&repo, &["commit", "-q", "-am", "open ssh"]);

    let out = zt_lint(&repo, &["--diff-base", "main", "."]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Reported where the rule is, kept because locals.tf line 2 changed.
    assert_eq!(
        findings(&out),
        [finding(
            "ZT-NET-001",
            "aws_security_group.ssh",
            "sg.tf:9:20"
        )]
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let related = &doc["findings"][0]["related"][0];
    assert_eq!(related["file"], "locals.tf", "{related}");
    assert_eq!(related["line"], 2, "{related}");
    // Every finding of the whole run is either kept or counted as left out.
    let all = findings(&zt_lint(&repo, &["."]));
    assert!(all.len() > 1, "{all:?}");
    assert_eq!(left_out(&out), Some(all.len() as u64 - 1));
    let human = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args([
            "--no-config",
            "--color",
            "never",
            "--diff-base",
            "main",
            ".",
        ])
        .current_dir(&repo)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains(&format!(
            "1 finding (1 critical) in 5 files, 3 resources; {} findings elsewhere left out (--diff-base)",
            all.len() - 1
        )),
        "{text}"
    );
    // A baseline written from a scoped run would forget every finding left out.
    let out = zt_lint(
        &repo,
        &["--diff-base", "main", "--write-baseline", "b.json", "."],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    // Without the branch's change nothing is in scope: a clean pull request passes.
    let out = zt_lint(&repo, &["--diff-base", "HEAD", "."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(findings(&out), []);
}

#[test]
fn editing_a_resource_keeps_its_findings_about_settings_it_lacks() {
    let repo = scratch("diff-base-resource");
    module(&repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    // Not committed and not even staged: the work tree is what is linted.
    std::fs::write(
        repo.join("volume.tf"),
        VOLUME.replace("size              = 10", "size              = 20"),
    )
    .unwrap();
    // An untracked file is new in every line.
    std::fs::write(repo.join("new.tf"), VOLUME.replace("\"old\"", "\"new\"")).unwrap();
    let out = zt_lint(&repo, &["--diff-base", "main", "--rule", "ZT-DAT-001", "."]);
    assert_eq!(
        findings(&out),
        [
            finding("ZT-DAT-001", "aws_ebs_volume.new", "new.tf:1:1"),
            finding("ZT-DAT-001", "aws_ebs_volume.old", "volume.tf:1:1"),
        ]
    );
    assert_eq!(left_out(&out), Some(0));
}

#[test]
fn diff_base_outside_a_repository_is_a_usage_error() {
    let dir = scratch("diff-base-no-repo");
    module(&dir);
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the scratch directory.
    let out = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(["--no-config", "--diff-base", "main", "."])
        .current_dir(&dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--diff-base needs a git repository"),
        "{stderr}"
    );

    let repo = scratch("diff-base-bad-ref");
    module(&repo);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    let out = zt_lint(&repo, &["--diff-base", "no-such-branch", "."]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no merge base"),
        "{out:?}"
    );
}

/// pre-commit names only the staged files: a commit of `locals.tf` alone opens SSH in `sg.tf`.
#[test]
fn a_named_locals_file_owns_the_finding_its_value_causes() {
    let dir = scratch("named-locals");
    module(&dir);
    std::fs::write(dir.join("locals.tf"), LOCALS_OPEN).unwrap();
    let out = zt_lint(&dir, &["locals.tf"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        findings(&out),
        [finding(
            "ZT-NET-001",
            "aws_security_group.ssh",
            "sg.tf:9:20"
        )]
    );
}

/// A commit that only sets `db_public = true` in `terraform.tfvars`.
#[test]
fn a_named_tfvars_file_owns_the_finding_its_value_causes() {
    let dir = scratch("named-tfvars");
    module(&dir);
    std::fs::write(dir.join("terraform.tfvars"), "db_public = true\n").unwrap();
    let out = zt_lint(&dir, &["terraform.tfvars"]);
    assert_eq!(
        findings(&out)
            .into_iter()
            .filter(|f| f.0 == "ZT-NET-003")
            .collect::<Vec<_>>(),
        [finding("ZT-NET-003", "aws_db_instance.db", "db.tf:4:25")]
    );
    // The variable's default file decides nothing here: the tfvars line does.
    let out = zt_lint(&dir, &["variables.tf"]);
    assert!(
        findings(&out).iter().all(|f| f.0 != "ZT-NET-003"),
        "{:?}",
        findings(&out)
    );
    // Without the tfvars line the default (false) is in effect: nothing to report.
    std::fs::remove_file(dir.join("terraform.tfvars")).unwrap();
    let out = zt_lint(&dir, &["variables.tf"]);
    assert!(findings(&out).iter().all(|f| f.0 != "ZT-NET-003"));
}
