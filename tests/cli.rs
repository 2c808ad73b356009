//! The command line as a user meets it: exit codes, located errors that do not hide other
//! results, machine output, determinism, hostile input, and the rendered human output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn zt_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run zt-lint")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn broken_files_are_located_errors_and_other_files_still_report() {
    let out = zt_lint(&cases(), &["--format", "json", "broken"]);
    assert_eq!(out.status.code(), Some(2), "errors exit 2");
    let doc = json(&out);
    let errors: Vec<(String, u64, u64)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("broken/hcl/main.tf".to_string(), 3, 21),
            ("broken/template.json".to_string(), 4, 42),
            ("broken/template.yaml".to_string(), 6, 32),
        ]
    );
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule_id"], "ZT-NET-001");
    assert_eq!(findings[0]["file"], "broken/good.tf");
    assert_eq!(findings[0]["resource"], "aws_security_group.open_ssh");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(6), Some(20))
    );
    // package.json and values.yaml are not infrastructure: skipped, not errors.
    assert_eq!(doc["summary"]["files"], 4);
}

#[test]
fn hostile_inputs_end_as_located_errors() {
    let out = zt_lint(&cases(), &["--format", "json", "hostile"]);
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    let messages: Vec<(String, u64, u64, String)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Each at the place the parser gave up: the alias that expands too far, the nesting level
    // past the limit, the reference that closes the cycle.
    let expect = [
        ("hostile/bomb.yaml", 11, 14, "alias"),
        ("hostile/cycle.tf", 2, 7, "cycle"),
        ("hostile/deep.json", 1, 313, "too deep"),
        ("hostile/deep.tf", 2, 206, "too deep"),
        ("hostile/deep.yaml", 2, 267, "recursion limit"),
    ];
    assert_eq!(messages.len(), expect.len(), "{messages:?}");
    for ((file, line, column, message), (want_file, want_line, want_column, want_text)) in
        messages.iter().zip(expect)
    {
        assert_eq!(
            (file.as_str(), *line, *column),
            (want_file, want_line, want_column)
        );
        assert!(message.contains(want_text), "{file}: {message}");
    }
    // The UTF-16 plan (as Windows PowerShell writes it) is read and linted.
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["file"], "hostile/utf16.plan.json");
    assert_eq!(findings[0]["resource"], "aws_security_group.web");
}

#[test]
fn exit_status_follows_fail_on() {
    let dir = cases();
    // snapshot/ has one critical (RDP from the world) and one high (unencrypted volume) finding.
    let code = |fail_on: &str| {
        zt_lint(&dir, &["--fail-on", fail_on, "snapshot"])
            .status
            .code()
    };
    assert_eq!(code("low"), Some(1));
    assert_eq!(code("critical"), Some(1));
    let only_high = zt_lint(
        &dir,
        &[
            "--fail-on",
            "critical",
            "--skip-rule",
            "ZT-NET-001",
            "snapshot",
        ],
    );
    assert_eq!(only_high.status.code(), Some(0));
    let missing = zt_lint(&dir, &["does-not-exist"]);
    assert_eq!(missing.status.code(), Some(2));
    let unknown_rule = zt_lint(&dir, &["--rule", "ZT-NOPE-1", "snapshot"]);
    assert_eq!(unknown_rule.status.code(), Some(2));
}

#[test]
fn json_document_has_the_documented_fields() {
    let out = zt_lint(&cases(), &["--format", "json", "snapshot"]);
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "zt-lint");
    let f = &doc["findings"][0];
    for field in [
        "rule_id",
        "rule_name",
        "severity",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "resource",
        "resource_type",
        "message",
        "help",
    ] {
        assert!(!f[field].is_null(), "finding field {field} missing: {f}");
    }
    assert_eq!(doc["summary"]["findings"], 2);
    assert_eq!(doc["summary"]["resources"], 2);
}

#[test]
fn output_is_identical_across_runs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = zt_lint(dir, &["--format", "json", "tests/fixtures"]);
    assert_eq!(first.status.code(), Some(1), "findings expected");
    assert!(first.stdout.len() > 1000);
    for _ in 0..3 {
        let again = zt_lint(dir, &["--format", "json", "tests/fixtures"]);
        assert_eq!(first.stdout, again.stdout);
    }
    let human = zt_lint(dir, &["tests/fixtures"]);
    assert_eq!(human.stdout, zt_lint(dir, &["tests/fixtures"]).stdout);
}

/// The rendered human output is reviewed as a whole: run with `UPDATE_SNAPSHOTS=1` to accept a
/// deliberate change, then read the diff.
#[test]
fn human_output_snapshot() {
    let out = zt_lint(&cases(), &["snapshot"]);
    let rendered = String::from_utf8(out.stdout).unwrap();
    let path = cases().join("snapshot/human.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        rendered, expected,
        "human output changed; UPDATE_SNAPSHOTS=1 to accept"
    );
    assert!(
        !rendered.contains('\u{1b}'),
        "NO_COLOR output has escape codes"
    );
}

#[test]
fn rules_and_explain() {
    let dir = cases();
    let out = zt_lint(&dir, &["rules"]);
    let listing = String::from_utf8(out.stdout).unwrap();
    for rule in zt_lint::rules::RULES {
        assert!(listing.contains(rule.id) && listing.contains(rule.name));
    }
    let explain = zt_lint(&dir, &["explain", "security-group-unrestricted-egress"]);
    let text = String::from_utf8(explain.stdout).unwrap();
    assert!(text.starts_with("# ZT-NET-002 security-group-unrestricted-egress"));
    assert!(text.contains("## How to fix"));
    assert_eq!(zt_lint(&dir, &["explain", "nope"]).status.code(), Some(2));
}

/// Real third-party inputs: no crash, no hang, and no error on a valid file.
#[test]
fn shared_corpus_lints_without_errors_on_valid_files() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        // CI runs with ../shared beside the clone; only a bare local checkout may lack it.
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is not present",
            corpus.display()
        );
        eprintln!("skipped: {} is not present", corpus.display());
        return;
    }
    let out = zt_lint(&corpus, &["--format", "json", "."]);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "crashed: {:?}",
        out.status
    );
    let doc = json(&out);
    for error in doc["errors"].as_array().unwrap() {
        let file = error["file"].as_str().unwrap();
        assert!(file.contains("/invalid/"), "error on a valid file: {error}");
    }
    assert!(doc["summary"]["resources"].as_u64().unwrap() > 1000);
}

/// `[options]` in `.zt-lint.toml` tune rules: admin ports only from allowed networks, and
/// the longest acceptable role session.
/// `--rule` and `--skip-rule` take pillars as `[rules] enable` does; a name that is neither a
/// rule nor a pillar stops the run instead of running nothing.
#[test]
fn rule_flags_take_pillars() {
    let insecure = "examples/terraform/insecure";
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--no-config", "--format", "json"];
        all.extend_from_slice(args);
        all.push(insecure);
        let doc = json(&zt_lint(Path::new(env!("CARGO_MANIFEST_DIR")), &all));
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule_id"].as_str().unwrap().to_string())
            .collect()
    };
    let network = ids(&["--rule", "network"]);
    assert!(!network.is_empty());
    assert!(
        network.iter().all(|id| id.starts_with("ZT-NET-")),
        "{network:?}"
    );
    let without = ids(&["--skip-rule", "Network"]);
    assert!(!without.is_empty());
    assert!(
        without.iter().all(|id| !id.starts_with("ZT-NET-")),
        "{without:?}"
    );
    let out = zt_lint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--no-config", "--rule", "nonsense", insecure],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no rule or pillar named `nonsense`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rule_options_from_the_configuration() {
    let out = zt_lint(
        &cases(),
        &[
            "--format",
            "json",
            "--rule",
            "ZT-NET-001,ZT-IAM-011",
            "options",
        ],
    );
    let doc = json(&out);
    let found: Vec<(String, u64, u64, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // 10.8.4.0/24 is inside the allowed 10.8.0.0/16; 192.168.0.0/16 is not.
            (
                "ZT-NET-001".into(),
                6,
                35,
                "aws_security_group.admin".into()
            ),
            (
                "ZT-IAM-011".into(),
                18,
                26,
                "aws_iam_role.four_hours".into()
            ),
        ]
    );
}

/// Inputs that once overflowed the stack or an integer: a 6,000-long chain of locals, two
/// policy documents that include each other, and a cidrsubnet with absurd bits. They must end
/// normally, with no finding invented from them.
#[test]
fn deep_chains_and_cycles_do_not_crash() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deep-chains");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut locals = String::from("locals {\n");
    for i in 0..6000 {
        locals.push_str(&format!("  l{i} = local.l{}\n", i + 1));
    }
    locals.push_str("  l6000 = \"0.0.0.0/0\"\n}\n");
    locals.push_str(
        r#"
resource "aws_security_group" "chained" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [local.l0]
  }
}

data "aws_iam_policy_document" "a" {
  source_policy_documents = [data.aws_iam_policy_document.b.json]
}

data "aws_iam_policy_document" "b" {
  source_policy_documents = [data.aws_iam_policy_document.a.json]
}

resource "aws_iam_policy" "cyclic" {
  name   = "cyclic"
  policy = data.aws_iam_policy_document.a.json
}

resource "aws_subnet" "huge" {
  vpc_id     = "vpc-1"
  cidr_block = cidrsubnet("10.0.0.0/16", 4294967290, 1)
}
"#,
    );
    std::fs::write(dir.join("main.tf"), locals).unwrap();
    let out = zt_lint(&dir, &["--format", "json", "."]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}", out.status);
    let doc = json(&out);
    // The chain is too deep to follow: unknown, so not reported.
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["resource"] != "aws_security_group.chained"),
        "{doc}"
    );
}

/// A FIFO named like a Terraform file blocks any reader; it must be a located error while the
/// insecure file beside it still gets its finding. Invalid UTF-8 is located at its first bad byte.
#[cfg(unix)]
#[test]
fn special_files_and_invalid_utf8_are_located_errors() {
    let dir = std::env::temp_dir().join(format!("zt-lint-special-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(cases().join("broken/good.tf"), dir.join("good.tf")).unwrap();
    std::fs::write(
        dir.join("latin1.tf"),
        b"locals {\n  name = \"caf\xe9\"\n}\n",
    )
    .unwrap();
    let fifo_made = Command::new("mkfifo")
        .arg(dir.join("x.tf"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(fifo_made, "mkfifo is needed for this test");
    let out = zt_lint(&dir, &["--format", "json", "x.tf", "good.tf", "latin1.tf"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    let errors: Vec<(String, u64, u64, String)> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
                e["column"].as_u64().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].0.as_str(), errors[0].1, errors[0].2),
        ("latin1.tf", 2, 14)
    );
    assert!(errors[0].3.contains("not valid UTF-8"), "{errors:?}");
    assert_eq!(
        (errors[1].0.as_str(), errors[1].1, errors[1].2),
        ("x.tf", 1, 1)
    );
    assert!(errors[1].3.contains("not a regular file"), "{errors:?}");
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["file"], "good.tf");
    assert_eq!(findings[0]["rule_id"], "ZT-NET-001");
}

/// `zt-lint explain X | head -1`: a closed stdout is a normal end for every printing command.
#[test]
fn a_closed_stdout_is_not_a_crash() {
    for args in [
        &["explain", "ZT-NET-001"][..],
        &["rules"][..],
        &["--format", "json", "broken/good.tf"][..],
        &["broken/good.tf"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = Command::new(env!("CARGO_BIN_EXE_zt-lint"))
            .args(args)
            .current_dir(cases())
            .env("NO_COLOR", "1")
            .stdout(writer)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
    }
}

/// A minified template is one long line: a finding or a parse error past column 65,535 is
/// rendered (a window of the line around it, the true line and column in the header), and the
/// output does not grow with the line.
#[test]
fn human_output_windows_very_long_lines() {
    let dir = std::env::temp_dir().join(format!("zt-lint-minified-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let padding: Vec<String> = (0..2_000)
        .map(|i| format!(r#""Pad{i:05}":{{"Type":"AWS::SNS::Topic","Properties":{{"KmsMasterKeyId":"alias/k"}}}}"#))
        .collect();
    let open = r#""Open":{"Type":"AWS::EC2::SecurityGroup","Properties":{"GroupDescription":"x","SecurityGroupEgress":[],"SecurityGroupIngress":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":"0.0.0.0/0"}]}}"#;
    let template = format!(
        r#"{{"AWSTemplateFormatVersion":"2010-09-09","Resources":{{{},{open}}}}}"#,
        padding.join(",")
    );
    let column = template.find("0.0.0.0/0").unwrap(); // 0-based, the quote before it is 1-based
    assert!(column > 65_535);
    std::fs::write(dir.join("template.json"), &template).unwrap();
    std::fs::write(
        dir.join("broken.json"),
        format!("{} ,", &template[..template.len() - 1]),
    )
    .unwrap();
    let out = zt_lint(&dir, &["--color", "never", "template.json", "broken.json"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("[template.json:1:{column}]")),
        "{text}"
    );
    assert!(text.contains("broken.json:1:"), "{text}");
    assert!(text.len() < 4_000, "{} bytes of output", text.len());
}

/// A path that does not exist is one located error; the paths that exist are still linted.
#[test]
fn a_missing_path_does_not_stop_the_others() {
    let out = zt_lint(
        &cases(),
        &["--format", "json", "templates/*.yaml", "broken/good.tf"],
    );
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["file"], "templates/*.yaml");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["file"], "broken/good.tf");
}

/// State holds secrets in plain text: a `*.tfstate` is never read and a state recognised by its
/// content is forgotten once recognised, so no format quotes it; each is still reported at 1:1.
#[test]
fn state_secrets_are_never_copied_into_a_report() {
    let dir = std::env::temp_dir().join(format!("zt-lint-state-secret-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let state = r#"{"version":4,"terraform_version":"1.9.0","serial":1,"lineage":"x",
"outputs":{},"resources":[{"mode":"managed","type":"aws_db_instance","name":"d",
"instances":[{"attributes":{"password":"SuperSecretPw123"}}]}]}
"#;
    std::fs::write(dir.join("terraform.tfstate"), state).unwrap();
    std::fs::write(dir.join("old.json"), state).unwrap();
    for format in [
        "sarif", "json", "human", "markdown", "junit", "github", "compact",
    ] {
        let out = zt_lint(&dir, &["--format", format, "."]);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("Terraform state"), "{format}: {text}");
        assert!(!text.contains("SuperSecret"), "{format}: {text}");
        assert!(!text.contains("lineage"), "{format}: {text}");
    }
    let doc = json(&zt_lint(&dir, &["--format", "json", "."]));
    let places: Vec<(String, u64, u64)> = doc["not_linted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["file"].as_str().unwrap().to_string(),
                n["line"].as_u64().unwrap(),
                n["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("old.json".to_string(), 1, 1),
            ("terraform.tfstate".to_string(), 1, 1)
        ]
    );
    let sarif = json(&zt_lint(&dir, &["--format", "sarif", "."]));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{results:?}");
    for r in results {
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["region"]["startLine"], 1, "{r}");
        assert!(location["region"].get("snippet").is_none(), "{r}");
        assert!(location.get("contextRegion").is_none(), "{r}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Terraform state (`terraform show -json` without a plan, or a raw state file) is recognised
/// and said to be not linted; a folder with nothing to lint says so instead of passing quietly.
#[test]
fn state_files_and_empty_runs_are_not_silent() {
    let ws = zt_lint::load::load(
        &[cases().join("state")],
        &zt_lint::load::LoadOptions::new(&zt_lint::aws::naming::NAMING),
    );
    assert!(ws.errors.is_empty(), "{:?}", ws.errors);
    let not_linted: Vec<(String, String)> = ws
        .models
        .iter()
        .flat_map(|m| &m.not_linted)
        .map(|n| {
            (
                ws.sources
                    .path(n.span.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                n.reason.clone(),
            )
        })
        .collect();
    assert_eq!(not_linted.len(), 2, "{not_linted:?}");
    assert_eq!(not_linted[0].0, "state.json");
    assert_eq!(not_linted[1].0, "terraform.tfstate.json");
    assert!(
        not_linted
            .iter()
            .all(|(_, r)| r.contains("Terraform state, not a plan"))
    );

    let empty = std::env::temp_dir().join(format!("zt-lint-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("README.md"), "# nothing here\n").unwrap();
    let out = zt_lint(&empty, &["."]);
    let _ = std::fs::remove_dir_all(&empty);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: no Terraform, plan or CloudFormation input found in ."),
        "{stderr}"
    );
}

/// Symbolic links are followed inside the scanned directory and listed, not followed, when
/// they lead outside it; a usage error under `--format json` still prints a JSON document.
#[cfg(unix)]
#[test]
fn symlinks_inside_are_followed_and_outside_are_listed() {
    use std::os::unix::fs::symlink;
    let base = std::env::temp_dir().join(format!("zt-lint-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (tree, elsewhere) = (base.join("tree"), base.join("elsewhere"));
    std::fs::create_dir_all(tree.join("real")).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(cases().join("broken/good.tf"), tree.join("real/main.tf")).unwrap();
    std::fs::copy(cases().join("broken/good.tf"), elsewhere.join("main.tf")).unwrap();
    symlink(tree.join("real"), tree.join("linked")).unwrap();
    symlink(&elsewhere, tree.join("outside")).unwrap();
    let out = zt_lint(&tree, &["-v", "--format", "json", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let doc = json(&out);
    let files: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().trim_start_matches("./"))
        .collect();
    assert_eq!(files, ["linked/main.tf", "real/main.tf"], "{stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("outside (a symbolic link to outside the scanned directory)"),
        "{stderr}"
    );

    std::fs::write(tree.join(".zt-lint.toml"), "no_such_key = 1\n").unwrap();
    let out = zt_lint(&tree, &["--format", "json", "."]);
    let _ = std::fs::remove_dir_all(&base);
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    assert_eq!(doc["summary"]["errors"], 1);
    assert!(
        doc["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no_such_key"),
        "{doc}"
    );
    // Located in the configuration, as an input error is located in its file.
    let error = &doc["errors"][0];
    assert!(
        error["file"]
            .as_str()
            .is_some_and(|f| f.ends_with(".zt-lint.toml")),
        "{doc}"
    );
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(1), Some(1)),
        "{doc}"
    );
}

#[test]
fn sam_templates_are_linted_in_the_template_and_suppressed_at_the_sam_resource() {
    let out = zt_lint(&cases(), &["--format", "json", "--no-config", "sam"]);
    let doc = json(&out);
    let located = |f: &serde_json::Value| {
        (
            f["rule_id"].as_str().unwrap().to_string(),
            f["resource"].as_str().unwrap().to_string(),
            f["file"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap(),
            f["column"].as_u64().unwrap(),
        )
    };
    let findings: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(located)
        .collect();
    let admin = |rule: &str| {
        (
            rule.to_string(),
            "AdminRole".to_string(),
            "sam/template.yaml".to_string(),
            30,
            17,
        )
    };
    assert!(findings.contains(&admin("ZT-WKL-006")), "{findings:?}");
    assert!(findings.contains(&admin("ZT-IAM-009")), "{findings:?}");
    // One metadata entry, read once, covering the URL and the route SAM generates.
    assert!(
        !findings
            .iter()
            .any(|f| f.0 == "ZT-NET-013" || f.0.starts_with("ZT-META")),
        "{findings:?}"
    );
    let suppressed: Vec<_> = doc["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(located)
        .collect();
    assert_eq!(
        suppressed,
        [
            (
                "ZT-NET-013".to_string(),
                "WebhookUrl".to_string(),
                "sam/template.yaml".to_string(),
                21,
                19
            ),
            (
                "ZT-NET-013".to_string(),
                "WebhookHook".to_string(),
                "sam/template.yaml".to_string(),
                23,
                9
            ),
        ]
    );
}

#[test]
fn parse_only_reads_everything_and_runs_no_rule() {
    let full = json(&zt_lint(&cases(), &["--format", "json", "broken"]));
    let out = zt_lint(&cases(), &["--format", "json", "--parse-only", "broken"]);
    // The same files read and the same errors located: only the rules are left out.
    assert_eq!(out.status.code(), Some(2), "errors still exit 2");
    let floor = json(&out);
    assert_eq!(floor["errors"], full["errors"]);
    assert_eq!(floor["summary"]["files"], full["summary"]["files"]);
    assert_eq!(floor["summary"]["resources"], full["summary"]["resources"]);
    assert!(!full["findings"].as_array().unwrap().is_empty());
    assert_eq!(floor["findings"].as_array().unwrap().len(), 0);
}
