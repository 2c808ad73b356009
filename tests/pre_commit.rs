//! The pre-commit hooks for real, on staged files of a scratch repository: `zt-lint-rust`, which
//! pre-commit (installed by .ci/run) builds from this repository's HEAD commit with cargo, and
//! `zt-lint` of the zt-lint-pre-commit hook repository (this repository's pre-commit/ folder),
//! which pip installs from the wheel .ci/run built, found through a local wheel index.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

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

fn tool(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ if std::env::var_os("CI").is_some() => panic!("{var} is not set; .ci/run sets it"),
        _ => {
            // Straight to the process's stderr: the harness captures `eprintln!` of a passing
            // test, which would hide that the check it makes did not run.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!("skipped: {var} is not set (.ci/run installs the tool and sets it)\n")
                    .as_bytes(),
            );
            None
        }
    }
}

const INSECURE: &str = "resource \"aws_ebs_volume\" \"scratch\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n}\n";
const FIXED: &str = "resource \"aws_ebs_volume\" \"scratch\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n  encrypted         = true\n  kms_key_id        = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n";

/// A scratch repository using `hook_id` from the hook repository at `repo` and `rev`, with an
/// insecure staged file and an insecure sibling that is not staged.
fn scratch_repository(name: &str, repo: &Path, rev: &str, hook_id: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("infra")).unwrap();
    git(&dir, &["init", "-q"]);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: {hook_id}\n",
            repo.display()
        ),
    )
    .unwrap();
    // A sibling that is not staged: loaded for context, never reported.
    std::fs::write(
        dir.join("infra/other.tf"),
        INSECURE.replace("scratch", "other"),
    )
    .unwrap();
    std::fs::write(dir.join("infra/main.tf"), INSECURE).unwrap();
    git(&dir, &["add", ".pre-commit-config.yaml", "infra/main.tf"]);
    dir
}

/// Runs the hook on the insecure file (it must fail, naming the finding and not the unstaged
/// sibling), then on the fixed file (it must pass); returns the first run's time in seconds.
fn fails_then_passes(repo: &Path, pre_commit: &Path, env: &[(&str, PathBuf)]) -> f64 {
    let hook = |label: &str| {
        let mut command = Command::new(pre_commit);
        command.arg("run").current_dir(repo).env("NO_COLOR", "1");
        for (key, value) in env {
            command.env(key, value);
        }
        let out = run(&mut command);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("--- pre-commit run ({label}) ---\n{text}");
        (out.status.code(), text)
    };
    let started = Instant::now();
    let (status, text) = hook("insecure");
    let first_run = started.elapsed().as_secs_f64();
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
    git(repo, &["add", "infra/main.tf"]);
    let (status, text) = hook("fixed");
    assert_eq!(status, Some(0), "{text}");
    assert!(
        text.contains("zt-lint") && text.contains("Passed"),
        "{text}"
    );
    first_run
}

#[test]
fn the_rust_hook_fails_on_an_insecure_staged_file_and_passes_once_fixed() {
    let Some(pre_commit) = tool("ZT_PRE_COMMIT") else {
        return;
    };
    let head = String::from_utf8_lossy(&git(&root(), &["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_string();
    let repo = scratch_repository("pre-commit-rust", &root(), &head, "zt-lint-rust");
    // pre-commit's environments (the zt-lint build) are cached per commit under target/, and
    // the cargo build shares one target directory, so repeated runs do not rebuild.
    let cache = root().join("target/ci-tools");
    let seconds = fails_then_passes(
        &repo,
        &pre_commit,
        &[
            ("PRE_COMMIT_HOME", cache.join("pre-commit-home")),
            ("CARGO_TARGET_DIR", cache.join("pre-commit-target")),
            ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1".into()),
            ("CARGO_PROFILE_RELEASE_DEBUG", "false".into()),
        ],
    );
    eprintln!("zt-lint-rust: first pre-commit run {seconds:.1} s (the cargo build is cached)");
}

/// The hook repository published as zt-lint-pre-commit: this repository's pre-commit/ folder
/// at the root of a repository of its own, as pre-commit needs.
fn hook_repository() -> (PathBuf, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zt-lint-pre-commit");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("pre-commit")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(
        &dir,
        &[
            "-c",
            "user.name=zt-lint tests",
            "-c",
            "user.email=tests@zt-lint.invalid",
            "commit",
            "-q",
            "-m",
            "zt-lint-pre-commit",
        ],
    );
    let head = String::from_utf8_lossy(&git(&dir, &["rev-parse", "HEAD"]).stdout)
        .trim()
        .to_string();
    (dir, head)
}

#[test]
fn the_python_hook_installs_the_wheel_from_a_local_index_and_runs_it() {
    let Some(pre_commit) = tool("ZT_PRE_COMMIT") else {
        return;
    };
    let Some(wheelhouse) = tool("ZT_WHEELHOUSE") else {
        return;
    };
    let (hook_repo, rev) = hook_repository();
    let repo = scratch_repository("pre-commit-python", &hook_repo, &rev, "zt-lint");
    // A new pre-commit home each time, so the run measured is a first run (the environment is
    // created and the wheel installed); only the local wheel index is read (PIP_NO_INDEX), so
    // the zt-lint that runs is the wheel .ci/run built, and nothing is compiled or downloaded.
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-python-home");
    let _ = std::fs::remove_dir_all(&home);
    let seconds = fails_then_passes(
        &repo,
        &pre_commit,
        &[
            ("PRE_COMMIT_HOME", home),
            ("PIP_NO_INDEX", "1".into()),
            ("PIP_FIND_LINKS", wheelhouse),
            ("PIP_DISABLE_PIP_VERSION_CHECK", "1".into()),
        ],
    );
    eprintln!(
        "zt-lint (python): first pre-commit run {seconds:.1} s, environment and wheel included"
    );
}

/// The `- id: NAME` entry of a hook manifest, as its lines.
fn hook_entry<'a>(manifest: &'a str, id: &str) -> Vec<&'a str> {
    let start = manifest
        .find(&format!("- id: {id}\n"))
        .unwrap_or_else(|| panic!("no hook {id}"));
    manifest[start..]
        .lines()
        .enumerate()
        .take_while(|(i, line)| *i == 0 || line.starts_with("  "))
        .map(|(_, line)| line)
        .collect()
}

#[test]
fn the_wheel_hooks_are_the_source_hooks_installed_from_the_pinned_wheel() {
    let source = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let wheel = std::fs::read_to_string(root().join("pre-commit/.pre-commit-hooks.yaml")).unwrap();
    let alike =
        |line: &&str| !line.starts_with("  language:") && !line.starts_with("  description:");
    let ids = |manifest: &str| -> Vec<String> {
        manifest
            .lines()
            .filter_map(|l| l.strip_prefix("- id: "))
            .map(str::to_string)
            .collect()
    };
    // Each source hook has its wheel twin: zt-lint-rust's is zt-lint; `zt-lint` here is the
    // former id of zt-lint-rust.
    let source_ids: Vec<String> = ids(&source)
        .into_iter()
        .filter(|id| id != "zt-lint")
        .collect();
    let twins: Vec<String> = source_ids
        .iter()
        .map(|id| id.strip_suffix("-rust").unwrap_or(id).to_string())
        .collect();
    assert_eq!(
        ids(&wheel),
        twins,
        "pre-commit/.pre-commit-hooks.yaml has every hook"
    );
    for (source_id, wheel_id) in source_ids.iter().zip(&twins) {
        let from_source: Vec<&str> = hook_entry(&source, source_id)
            .into_iter()
            .skip(1)
            .filter(alike)
            .collect();
        let from_wheel: Vec<&str> = hook_entry(&wheel, wheel_id)
            .into_iter()
            .skip(1)
            .filter(alike)
            .collect();
        assert_eq!(
            from_wheel, from_source,
            "{wheel_id} runs zt-lint as {source_id} does"
        );
        assert!(hook_entry(&wheel, wheel_id).contains(&"  language: python"));
        assert!(hook_entry(&source, source_id).contains(&"  language: rust"));
    }
    assert_eq!(
        hook_entry(&source, "zt-lint")[1..],
        hook_entry(&source, "zt-lint-rust")[1..],
        "zt-lint in this repository is the source hook under its former id"
    );

    let version = env!("CARGO_PKG_VERSION");
    let backend = std::fs::read_to_string(root().join("pre-commit/build_backend.py")).unwrap();
    assert!(
        backend.contains(&format!("\nVERSION = \"{version}\"\n"))
            && backend.contains(&format!("\nREQUIRES = \"zt-lint=={version}\"\n")),
        "pre-commit/build_backend.py pins zt-lint {version}, this version"
    );
    let readme = std::fs::read_to_string(root().join("pre-commit/README.md")).unwrap();
    assert!(
        readme.contains(&format!("zt-lint=={version}")),
        "pre-commit/README.md"
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
