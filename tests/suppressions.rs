//! Suppressions, expiry, unused-suppression reporting, the configuration file, baselines and
//! explicit-file scoping, through the command line as users meet them.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn zt_lint(dir: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("ZT_LINT_TODAY", today)
        .output()
        .expect("run zt-lint")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// (rule, file, line, resource) of each finding in a list.
fn located(list: &Value) -> Vec<(String, String, u64, String)> {
    list.as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["rule_id"].as_str().unwrap_or("").to_string(),
                        f["file"].as_str().unwrap_or("").to_string(),
                        f["line"].as_u64().unwrap_or(0),
                        f["resource"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn row(rule: &str, file: &str, line: u64, resource: &str) -> (String, String, u64, String) {
    (rule.into(), file.into(), line, resource.into())
}

#[test]
fn comments_and_metadata_suppress_and_every_problem_is_reported() {
    let out = zt_lint(&cases(), "2026-06-01", &["--format", "json", "suppress"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(
        located(&doc["findings"]),
        [
            row(
                "ZT-META-003",
                "suppress/cfn/template.json",
                10,
                "MetadataSuppressed"
            ),
            row(
                "ZT-META-001",
                "suppress/cfn/template.json",
                11,
                "MetadataSuppressed"
            ),
            row("ZT-DAT-001", "suppress/cfn/template.yaml", 19, "Reported"),
            row("ZT-META-001", "suppress/tf/main.tf", 22, ""),
            row(
                "ZT-DAT-001",
                "suppress/tf/main.tf",
                23,
                "aws_ebs_volume.no_reason"
            ),
            row("ZT-META-002", "suppress/tf/main.tf", 29, ""),
            row(
                "ZT-DAT-001",
                "suppress/tf/main.tf",
                30,
                "aws_ebs_volume.expired"
            ),
            row("ZT-META-003", "suppress/tf/main.tf", 40, ""),
            row("ZT-META-004", "suppress/tf/main.tf", 50, ""),
            row(
                "ZT-DAT-001",
                "suppress/tf/main.tf",
                51,
                "aws_ebs_volume.invalid"
            ),
        ]
    );
    let suppressed = &doc["suppressed"];
    assert_eq!(
        located(suppressed),
        [
            row(
                "ZT-DAT-001",
                "suppress/cfn/template.json",
                4,
                "MetadataSuppressed"
            ),
            row(
                "ZT-DAT-001",
                "suppress/cfn/template.yaml",
                4,
                "CommentSuppressed"
            ),
            row(
                "ZT-DAT-001",
                "suppress/cfn/template.yaml",
                9,
                "MetadataSuppressed"
            ),
            // A comment at the module call covers what the module declares.
            row(
                "ZT-DAT-001",
                "suppress/module/disk/main.tf",
                1,
                "module.disk.aws_ebs_volume.scratch"
            ),
            row(
                "ZT-NET-001",
                "suppress/tf/main.tf",
                9,
                "aws_security_group.header_suppressed"
            ),
            row(
                "ZT-DAT-001",
                "suppress/tf/main.tf",
                16,
                "aws_ebs_volume.same_line_by_name"
            ),
            row(
                "ZT-DAT-001",
                "suppress/tf/main.tf",
                37,
                "aws_ebs_volume.not_yet_expired"
            ),
        ]
    );
    let by_name = &suppressed[5]["suppressed"];
    assert_eq!(by_name["kind"], "comment");
    assert_eq!(by_name["reason"], "holds only public datasets");
    assert_eq!(
        (by_name["line"].as_u64(), by_name["column"].as_u64()),
        (Some(16), Some(31))
    );
    assert_eq!(suppressed[6]["suppressed"]["until"], "2026-12-31");
    assert_eq!(suppressed[2]["suppressed"]["kind"], "metadata");
    assert_eq!(doc["summary"]["suppressed"], 7);

    // Human output leaves suppressed findings out but counts them.
    let human = zt_lint(&cases(), "2026-06-01", &["suppress"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(!text.contains("same_line_by_name"), "{text}");
    assert!(text.contains("; 7 suppressed"), "{text}");
}

#[test]
fn expiry_is_inclusive_and_today_is_injectable() {
    let expired = |today: &str| {
        let doc = json(&zt_lint(
            &cases(),
            today,
            &["--format", "json", "suppress/tf"],
        ));
        located(&doc["findings"])
            .iter()
            .filter(|f| f.0 == "ZT-META-002")
            .count()
    };
    assert_eq!(expired("2026-01-31"), 0, "works through its until= day");
    assert_eq!(expired("2026-02-01"), 1);
    assert_eq!(expired("2027-01-01"), 2);
    let bad = zt_lint(&cases(), "yesterday", &["suppress/tf"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn configuration_selects_rules_overrides_severity_excludes_and_ignores_paths() {
    let out = zt_lint(
        &cases().join("config"),
        "2026-06-01",
        &["--format", "json", "."],
    );
    let doc = json(&out);
    let findings = &doc["findings"];
    assert_eq!(
        located(findings),
        [row("ZT-DAT-001", "prod/main.tf", 1, "aws_ebs_volume.disk")]
    );
    assert_eq!(findings[0]["severity"], "critical", "severity override");
    assert_eq!(
        doc["suppressed"][0]["suppressed"],
        serde_json::json!({"kind": "config", "reason": "the sandbox account holds no data", "file": ".zt-lint.toml"})
    );
    assert_eq!(doc["summary"]["files"], 2, "legacy/ is excluded");
    assert_eq!(out.status.code(), Some(1));
    // fail_on = "high" in the file; --fail-on wins.
    let soft = zt_lint(
        &cases().join("config"),
        "2026-06-01",
        &["--format", "json", "--soft-fail", "."],
    );
    assert_eq!(soft.status.code(), Some(0));
}

#[test]
fn configuration_errors_are_located_and_exit_2() {
    let dir = tempdir("config-error");
    std::fs::write(
        dir.join("bad.toml"),
        "fail_on = \"high\"\n[rules]\nenable = []\nskip = [\"ZT-NET-001\"]\n",
    )
    .unwrap();
    let out = zt_lint(&dir, "2026-06-01", &["--config", "bad.toml", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.toml:4:1: unknown field `skip`"),
        "{stderr}"
    );

    let init = zt_lint(&dir, "2026-06-01", &["init"]);
    assert_eq!(init.status.code(), Some(0));
    let again = zt_lint(&dir, "2026-06-01", &["init"]);
    assert_eq!(again.status.code(), Some(2), "init does not overwrite");
    let run = zt_lint(&dir, "2026-06-01", &["--config", ".zt-lint.toml", "."]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_baseline_hides_todays_findings_even_after_lines_move() {
    let dir = tempdir("baseline");
    // Its own repository: the temporary directory lies inside this crate's work tree.
    std::fs::create_dir(dir.join(".git")).unwrap();
    let insecure = "resource \"aws_ebs_volume\" \"old\" {\n  availability_zone = \"eu-west-1a\"\n  size = 10\n}\n";
    std::fs::write(dir.join("main.tf"), insecure).unwrap();
    let write = zt_lint(
        &dir,
        "2026-06-01",
        &["--write-baseline", "baseline.json", "."],
    );
    assert_eq!(
        write.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&write.stderr)
    );
    let recorded = std::fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(recorded.contains("\"fingerprint\": \"zt1:"), "{recorded}");

    // Code moves down and a new finding appears: only the new one is reported.
    let moved = format!(
        "# a comment that shifts every line\n\n{insecure}resource \"aws_ebs_volume\" \"new\" {{\n  availability_zone = \"eu-west-1a\"\n  size = 10\n}}\n"
    );
    std::fs::write(dir.join("main.tf"), moved).unwrap();
    let out = zt_lint(
        &dir,
        "2026-06-01",
        &["--format", "json", "--baseline", "baseline.json", "."],
    );
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(
        located(&doc["findings"]),
        [row("ZT-DAT-001", "main.tf", 7, "aws_ebs_volume.new")]
    );
    assert_eq!(
        located(&doc["suppressed"]),
        [row("ZT-DAT-001", "main.tf", 3, "aws_ebs_volume.old")]
    );
    assert_eq!(doc["suppressed"][0]["suppressed"]["kind"], "baseline");

    // The SARIF fingerprint is the baseline's.
    let sarif = zt_lint(
        &dir,
        "2026-06-01",
        &["--format", "sarif", "--baseline", "baseline.json", "."],
    );
    let sarif = json(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let old = results
        .iter()
        .find(|r| r["suppressions"][0]["kind"] == "external")
        .expect("baselined result");
    let print = old["partialFingerprints"]["ztLintFindingHash/v1"]
        .as_str()
        .unwrap();
    assert!(recorded.contains(print));
}

#[test]
fn files_named_explicitly_report_only_their_own_findings() {
    let out = zt_lint(
        &cases(),
        "2026-06-01",
        &["--format", "json", "explicit/a.tf"],
    );
    let doc = json(&out);
    assert_eq!(
        located(&doc["findings"]),
        [row("ZT-DAT-001", "explicit/a.tf", 1, "aws_ebs_volume.a")]
    );
    let both = zt_lint(
        &cases(),
        "2026-06-01",
        &["--format", "json", "explicit/b.tf", "explicit"],
    );
    assert_eq!(json(&both)["findings"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_baseline_means_the_same_from_every_directory_of_the_repository() {
    let repo = tempdir("baseline-root");
    std::fs::create_dir(repo.join(".git")).unwrap();
    let infra = repo.join("infra");
    std::fs::create_dir(&infra).unwrap();
    std::fs::write(
        infra.join("main.tf"),
        "resource \"aws_ebs_volume\" \"old\" {\n  availability_zone = \"eu-west-1a\"\n  size = 10\n}\n",
    )
    .unwrap();

    // Written from inside infra/: the relative path is the repository root's.
    let write = zt_lint(
        &infra,
        "2026-06-01",
        &["--write-baseline", "zt-baseline.json", "."],
    );
    assert_eq!(write.status.code(), Some(0), "{write:?}");
    assert!(!infra.join("zt-baseline.json").exists());
    let recorded = std::fs::read_to_string(repo.join("zt-baseline.json")).unwrap();
    assert!(
        recorded.contains("\"file\": \"infra/main.tf\""),
        "{recorded}"
    );
    assert!(
        String::from_utf8_lossy(&write.stderr).contains("recorded 1 findings in"),
        "{write:?}"
    );

    // Read from the root and from infra/: the finding is baselined both times.
    for (dir, path) in [(&repo, "infra"), (&infra, "."), (&infra, "main.tf")] {
        let out = zt_lint(
            dir,
            "2026-06-01",
            &["--format", "json", "--baseline", "zt-baseline.json", path],
        );
        assert_eq!(out.status.code(), Some(0), "{path}: {out:?}");
        let doc = json(&out);
        assert_eq!(doc["findings"], serde_json::json!([]), "{path}");
        assert_eq!(doc["suppressed"][0]["suppressed"]["kind"], "baseline");
    }

    // With a configuration file, its directory is the root.
    std::fs::write(infra.join(".zt-lint.toml"), "").unwrap();
    let write = zt_lint(
        &infra,
        "2026-06-01",
        &["--write-baseline", "local.json", "."],
    );
    assert_eq!(write.status.code(), Some(0), "{write:?}");
    let recorded = std::fs::read_to_string(infra.join("local.json")).unwrap();
    assert!(recorded.contains("\"file\": \"main.tf\""), "{recorded}");
}

/// A suppression above a resource whose check is undecided accepts that check: it is not listed
/// as undecided, does not fail --fail-on-unknown, and the suppression is used (no ZT-META-003).
/// A comment, a Metadata entry and a configuration `[[ignore]]` all work; a baseline does not.
#[test]
fn suppressions_accept_undecided_checks_and_count_as_used() {
    let dir = cases().join("suppress-undecided");
    let out = zt_lint(
        &dir,
        "2026-06-01",
        &["--no-config", "--show-unknown", "--format", "json", "."],
    );
    let doc = json(&out);
    assert_eq!(located(&doc["findings"]), []);
    assert_eq!(
        located(&doc["undecided"]),
        [row("ZT-NET-001", "open.tf", 6, "aws_security_group.open")]
    );
    assert_eq!(
        located(&doc["suppressed_undecided"]),
        [
            row(
                "ZT-NET-001",
                "accepted.tf",
                12,
                "aws_security_group.accepted"
            ),
            row("ZT-NET-001", "template.yaml", 19, "Accepted")
        ]
    );
    assert_eq!(
        doc["suppressed_undecided"][0]["suppressed"],
        serde_json::json!({"kind": "comment", "reason": "the VPN team sets admin_cidr to its egress range", "file": "accepted.tf", "line": 6, "column": 3})
    );
    assert_eq!(
        doc["suppressed_undecided"][1]["suppressed"]["kind"],
        "metadata"
    );
    assert_eq!(doc["summary"]["undecided"], 1);

    // Only the accepted checks in scope: nothing left for the gate to fail on.
    let gate = |args: &[&str]| {
        zt_lint(
            &dir,
            "2026-06-01",
            &[&["--fail-on-unknown", "-f", "compact"], args].concat(),
        )
    };
    let accepted = gate(&["--no-config", "accepted.tf", "template.yaml"]);
    assert_eq!(
        accepted.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&accepted.stdout)
    );
    // Accepted, not hidden: each is a line of its own kind, none is `undecided`.
    let lines = String::from_utf8_lossy(&accepted.stdout).into_owned();
    assert_eq!(
        lines
            .lines()
            .map(|l| l.split(' ').nth(1).unwrap_or_default())
            .collect::<Vec<_>>(),
        ["undecided-accepted", "undecided-accepted"],
        "{lines}"
    );
    let open = gate(&["--no-config", "open.tf"]);
    assert_eq!(open.status.code(), Some(1));

    // A path ignore of the configuration accepts it too.
    let config = tempdir("undecided-config");
    std::fs::copy(dir.join("open.tf"), config.join("open.tf")).unwrap();
    std::fs::copy(dir.join("accepted.tf"), config.join("variables.tf")).unwrap();
    std::fs::write(
        config.join(".zt-lint.toml"),
        "[[ignore]]\npaths = [\"open.tf\"]\nrules = [\"ZT-NET-001\"]\nreason = \"the VPN range\"\n",
    )
    .unwrap();
    let ignored = zt_lint(
        &config,
        "2026-06-01",
        &["--fail-on-unknown", "--format", "json", "."],
    );
    let doc = json(&ignored);
    assert_eq!(ignored.status.code(), Some(0), "{doc}");
    assert_eq!(
        doc["suppressed_undecided"][0]["suppressed"]["kind"],
        "config"
    );
    assert_eq!(
        doc["suppressed_undecided"].as_array().map(Vec::len),
        Some(2)
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("suppressions-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
