//! Pictures of exposure paths: `zt-lint graph --format dot|mermaid` and the Mermaid diagrams of
//! the Markdown report, parsed by Graphviz and by Mermaid's own parser (both installed by .ci/run;
//! outside CI a test whose tool is missing says so and skips).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn tool(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var_os("CI").is_some() => panic!("{var} is not set; .ci/run sets it"),
        None => {
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

fn zt_lint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zt-lint"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run zt-lint")
}

/// Fixtures with one exposure path or more, one per input format.
const WITH_PATHS: &[&str] = &[
    "tests/fixtures/ZT-NET-022/terraform",
    "tests/fixtures/ZT-NET-022/plan",
    "tests/fixtures/ZT-NET-022/cloudformation",
    "tests/fixtures/ZT-NET-021/terraform",
    "tests/fixtures/ZT-NET-023/cloudformation",
];

fn graph(format: &str, dir: &str) -> String {
    let out = zt_lint(&["graph", "--format", format, dir]);
    assert_eq!(out.status.code(), Some(0), "{dir}");
    String::from_utf8(out.stdout).expect("utf-8")
}

fn feed(mut command: Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the checker");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("checker output")
}

#[test]
fn dot_pictures_draw_every_path_in_red_from_the_internet() {
    let dot = graph("dot", "tests/fixtures/ZT-NET-022/terraform");
    assert!(dot.starts_with("digraph \"zt-lint\" {\n"), "{dot}");
    assert!(dot.contains("\"internet\" [label=\"internet\", shape=ellipse"));
    // The path leaves the internet for the gateway, and ends at the database.
    let gateway = dot
        .lines()
        .find(|l| l.contains("[label=\"aws_internet_gateway.main\\naws_internet_gateway\""))
        .expect("the gateway is a box");
    assert!(gateway.contains("color=\"#dd0000\""), "{gateway}");
    let gateway_id = gateway.trim().split('"').nth(1).expect("id");
    assert!(
        dot.contains(&format!(
            "\"internet\" -> \"{gateway_id}\" [color=\"#dd0000\", penwidth=2.5, label=\"ZT-NET-022\""
        )),
        "{dot}"
    );
    // A resource no path crosses is drawn plain.
    let plain = dot
        .lines()
        .filter(|l| l.contains("[label=\"aws_") && !l.contains("#dd0000"))
        .count();
    assert!(plain > 0, "{dot}");
}

#[test]
fn paths_are_drawn_through_the_resources_of_each_format() {
    for dir in &WITH_PATHS[..3] {
        let dot = graph("dot", dir);
        let exposed_resources = dot
            .lines()
            .filter(|l| l.trim_start().starts_with("\"r0_") && l.contains("penwidth=2.5"))
            .count();
        // The gateway, route table, subnet, groups, instance and database at least.
        assert!(exposed_resources >= 6, "{dir}: {dot}");
    }
}

#[test]
fn dot_pictures_parse_with_graphviz() {
    let Some(dot) = tool("ZT_DOT") else { return };
    for dir in WITH_PATHS {
        let picture = graph("dot", dir);
        let mut command = Command::new(&dot);
        command.arg("-Tcanon");
        let out = feed(command, picture.as_bytes());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.trim().is_empty(),
            "{dir}: {stderr}\n{picture}"
        );
    }
}

/// The Mermaid blocks of a Markdown report.
fn mermaid_blocks(markdown: &str) -> Vec<String> {
    markdown
        .split("```mermaid\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next().map(str::to_string))
        .collect()
}

#[test]
fn markdown_draws_each_path_with_its_hops_in_order() {
    let out = zt_lint(&[
        "--no-config",
        "--format",
        "markdown",
        "--rule",
        "ZT-NET-022",
        "tests/fixtures/ZT-NET-022/terraform",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let markdown = String::from_utf8(out.stdout).expect("utf-8");
    assert!(markdown.contains("### Exposure paths\n"), "{markdown}");
    let blocks = mermaid_blocks(&markdown);
    assert!(!blocks.is_empty(), "{markdown}");
    let first = &blocks[0];
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines[0], "flowchart LR");
    assert_eq!(lines[1], "  n0((\"internet\"))");
    assert_eq!(lines[2], "  n0 ==> n1[\"aws_internet_gateway.main\"]");
    assert!(
        lines[3].starts_with("  n1 ==> n2[\"aws_route_table.public (0.0.0.0/0)"),
        "{first}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("[\"aws_db_instance.flagged_orders\"]")),
        "{first}"
    );
    // A report without paths draws nothing.
    let clean = zt_lint(&[
        "--no-config",
        "--format",
        "markdown",
        "tests/fixtures/ZT-NET-001/terraform",
    ]);
    let clean = String::from_utf8(clean.stdout).expect("utf-8");
    assert!(!clean.contains("```mermaid"), "{clean}");
}

#[test]
fn mermaid_pictures_and_report_diagrams_parse_with_mermaid() {
    let Some(modules) = tool("ZT_MERMAID") else {
        return;
    };
    let mut documents: Vec<String> = Vec::new();
    for dir in WITH_PATHS {
        documents.push(graph("mermaid", dir));
        let out = zt_lint(&["--no-config", "--format", "markdown", dir]);
        let blocks = mermaid_blocks(&String::from_utf8(out.stdout).expect("utf-8"));
        assert!(!blocks.is_empty(), "{dir}");
        documents.extend(blocks);
    }
    // Labels that would end a quoted label or start markup, if they were not escaped.
    documents.extend(hostile_labels());
    let mut command = Command::new("node");
    command
        .arg(root().join("tests/mermaid/parse.mjs"))
        .arg(&modules);
    let out = feed(command, documents.join("\0").as_bytes());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("mermaid: {}", stdout.trim());
}

fn hostile_labels() -> Vec<String> {
    use zt_lint::rules::{Finding, PathHop, RULES};
    let hop = |label: &str| PathHop {
        label: label.to_string(),
        span: Default::default(),
        resource: None,
    };
    let finding = Finding {
        rule: RULES[0],
        resource: "x".into(),
        resource_type: "aws_instance".into(),
        span: Default::default(),
        resource_span: Default::default(),
        message: String::new(),
        origin: zt_lint::graph::Origin::Terraform,
        module_calls: Vec::new(),
        plan_span: None,
        related: Vec::new(),
        changes: Vec::new(),
        fix_restarts: false,
        path: vec![
            hop("aws_security_group.\"quoted\" (tcp/22 from 0.0.0.0/0)"),
            hop("end"),
            hop("a <b>bold</b> `code` #quot; 100% %% comment ]) [[x]] {y} |z|"),
            hop("line\nbreak\\"),
        ],
    };
    vec![zt_lint::report::diagram::path_flowchart(&finding).expect("a path")]
}

#[test]
fn json_findings_carry_their_path_in_order() {
    let out = zt_lint(&[
        "--no-config",
        "--format",
        "json",
        "--rule",
        "ZT-NET-023",
        "tests/fixtures/ZT-NET-023/cloudformation",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let finding = &doc["findings"][0];
    let path = finding["path"].as_array().expect("a path");
    let labels: Vec<&str> = path.iter().filter_map(|h| h["label"].as_str()).collect();
    assert_eq!(labels.first(), Some(&"InternetGateway"));
    assert_eq!(
        labels.last().copied(),
        finding["resource"]
            .as_str()
            .map(|r| format!("{r} (public address)"))
            .as_deref()
    );
    assert_eq!(path[0]["resource"], "InternetGateway");
    // A hop that is no resource of the template has no `resource`.
    let acl = path
        .iter()
        .find(|h| h["label"] == "default network ACL")
        .expect("the default ACL is a hop");
    assert!(acl.get("resource").is_none(), "{acl}");
    // Each hop is also a related location, at the same place.
    let related = finding["related"].as_array().expect("related");
    for (hop, r) in path.iter().zip(related) {
        assert_eq!((&hop["line"], &hop["column"]), (&r["line"], &r["column"]));
    }
}
