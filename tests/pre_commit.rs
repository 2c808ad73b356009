//! The pre-commit hook for real: pre-commit (installed by .ci/run) builds zt-lint from this
//! repository's HEAD commit with cargo, and runs it on staged files of a scratch repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run command")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(Command::new("git").args(args).current_dir(dir));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const INSECURE: &str = "resource \"aws_ebs_volume\" \"scratch\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n}\n";
const FIXED: &str = "resource \"aws_ebs_volume\" \"scratch\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n  encrypted         = true\n  kms_key_id        = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n";

#[test]
fn the_hook_fails_on_an_insecure_staged_file_and_passes_once_fixed() {
    let pre_commit = match std::env::var_os("ZT_PRE_COMMIT") {
        Some(p) => PathBuf::from(p),
        None if std::env::var_os("CI").is_some() => {
            panic!("ZT_PRE_COMMIT is not set; .ci/run sets it")
        }
        None => {
            eprintln!(
                "skipped: ZT_PRE_COMMIT is not set (.ci/run installs pre-commit and sets it)"
            );
            return;
        }
    };
    let head = String::from_utf8_lossy(&git(&root(), &["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_string();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let repo = tmp.join("pre-commit-repo");
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("infra")).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: zt-lint\n",
            root().display()
        ),
    )
    .unwrap();
    // A sibling that is not staged: loaded for context, never reported.
    std::fs::write(
        repo.join("infra/other.tf"),
        INSECURE.replace("scratch", "other"),
    )
    .unwrap();
    std::fs::write(repo.join("infra/main.tf"), INSECURE).unwrap();
    git(&repo, &["add", ".pre-commit-config.yaml", "infra/main.tf"]);

    // pre-commit's environments (the zt-lint build) are cached per commit under target/, and
    // the cargo build shares one target directory, so repeated runs do not rebuild.
    let cache = root().join("target/ci-tools");
    let hook = |label: &str| {
        let out = run(Command::new(&pre_commit)
            .arg("run")
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", cache.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", cache.join("pre-commit-target"))
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("NO_COLOR", "1"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("--- pre-commit run ({label}) ---\n{text}");
        (out.status.code(), text)
    };
    let (status, text) = hook("insecure");
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains(
            "infra/main.tf:1:1: high ZT-DAT-001 `aws_ebs_volume.scratch` is not encrypted at rest"
        ),
        "{text}"
    );
    assert!(
        !text.contains("other.tf"),
        "unstaged sibling reported: {text}"
    );

    std::fs::write(repo.join("infra/main.tf"), FIXED).unwrap();
    git(&repo, &["add", "infra/main.tf"]);
    let (status, text) = hook("fixed");
    assert_eq!(status, Some(0), "{text}");
    assert!(
        text.contains("zt-lint") && text.contains("Passed"),
        "{text}"
    );
}

/// A commit that stages only `locals.tf` (SSH opened in `sg.tf` through a local) or only
/// `terraform.tfvars` (`db_public = true`) is stopped: the finding belongs to the staged file
/// that wrote the offending value.
#[test]
fn the_hook_stops_a_value_changed_in_another_file() {
    let Some(pre_commit) = std::env::var_os("ZT_PRE_COMMIT").map(PathBuf::from) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "ZT_PRE_COMMIT is not set; .ci/run sets it"
        );
        eprintln!("skipped: ZT_PRE_COMMIT is not set (.ci/run installs pre-commit and sets it)");
        return;
    };
    let head = String::from_utf8_lossy(&git(&root(), &["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_string();
    let repo = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-value-origin");
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["config", "user.name", "t"]);
    git(&repo, &["config", "user.email", "t@example.com"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: zt-lint\n        args: [--format, compact, --rule, 'ZT-NET-001,ZT-NET-003']\n",
            root().display()
        ),
    )
    .unwrap();
    let write = |name: &str, text: &str| std::fs::write(repo.join(name), text).unwrap();
    write("locals.tf", "locals {\n  ssh_cidr = \"10.0.0.0/8\"\n}\n");
    write(
        "sg.tf",
        "resource \"aws_security_group\" \"ssh\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [local.ssh_cidr]\n  }\n}\n",
    );
    write(
        "variables.tf",
        "variable \"db_public\" {\n  type    = bool\n  default = false\n}\n",
    );
    write(
        "db.tf",
        "resource \"aws_db_instance\" \"db\" {\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.micro\"\n  publicly_accessible = var.db_public\n}\n",
    );
    git(&repo, &["add", "."]);
    // The first commit does not run the hook: pre-commit is installed as a git hook below.
    git(&repo, &["commit", "-q", "-m", "safe"]);

    let cache = root().join("target/ci-tools");
    let commit = |label: &str| {
        let out = run(Command::new(&pre_commit)
            .arg("run")
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", cache.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", cache.join("pre-commit-target"))
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("NO_COLOR", "1"));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("--- pre-commit run ({label}) ---\n{text}");
        (out.status.code(), text)
    };

    write("locals.tf", "locals {\n  ssh_cidr = \"0.0.0.0/0\"\n}\n");
    git(&repo, &["add", "locals.tf"]);
    let (status, text) = commit("local");
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains("sg.tf:6:20: critical ZT-NET-001 `aws_security_group.ssh`"),
        "{text}"
    );
    git(&repo, &["checkout", "-q", "HEAD", "--", "locals.tf"]);

    write("terraform.tfvars", "db_public = true\n");
    git(&repo, &["add", "terraform.tfvars"]);
    let (status, text) = commit("tfvars");
    assert_eq!(status, Some(1), "{text}");
    assert!(
        text.contains(
            "db.tf:4:25: critical ZT-NET-003 `aws_db_instance.db` is publicly accessible"
        ),
        "{text}"
    );
}
