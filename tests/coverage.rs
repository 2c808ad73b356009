//! docs/coverage.md maps every AWS check of checkov's list, of Trivy's and of KICS's, to the
//! zt-lint rule that covers it, or says why none does. The data is docs/coverage/checkov.tsv,
//! docs/coverage/trivy.tsv and docs/coverage/kics.tsv; the page is generated from them
//! (`UPDATE_README=1 cargo test --test coverage` regenerates it), so they cannot drift.

use std::collections::BTreeMap;
use std::path::Path;

struct Row<'a> {
    check: &'a str,
    title: &'a str,
    status: Status,
    rules: Vec<&'a str>,
    note: &'a str,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Status {
    Covered,
    Partial,
    Missing,
    Undecidable,
    OutOfScope,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "covered" => Status::Covered,
            "partial" => Status::Partial,
            "missing" => Status::Missing,
            "undecidable" => Status::Undecidable,
            "out-of-scope" => Status::OutOfScope,
            _ => return None,
        })
    }

    /// The phrase a note of an uncovered check must open with.
    fn reason_prefix(self) -> Option<&'static str> {
        match self {
            Status::Covered | Status::Partial => None,
            Status::Missing => Some("not covered: "),
            Status::Undecidable => Some("not decidable"),
            Status::OutOfScope => Some("out of scope: "),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partly covered",
            Status::Missing => "not covered yet",
            Status::Undecidable => "not decidable before deploy",
            Status::OutOfScope => "out of scope",
        }
    }
}

/// One peer's check list: where its data is and how its part of the page opens.
struct Peer {
    name: &'static str,
    tsv: &'static str,
    intro: &'static str,
}

const CHECKOV: Peer = Peer {
    name: "checkov",
    tsv: "docs/coverage/checkov.tsv",
    intro: "Every AWS check in checkov's own list (`checkov --list`, Terraform and CloudFormation \
         frameworks) and the zt-lint rule that covers it, or why none does. A check is in scope \
         when it is about identity, network exposure, workload hardening, data protection or \
         audit records; availability (backups, multi-AZ, deletion protection), versions, cost \
         and tagging are out of scope. *Partly* means zt-lint checks the same risk on some of \
         the resource types or settings, or is laxer than the check. Notes say where zt-lint is \
         deliberately stricter or laxer than checkov, and the AWS default behind it. A rule \
         marked *off by default* runs only when asked for (`--rule ID`, or `[rules] enable` in \
         `.zt-lint.toml`). The peers' suppression comments (`#checkov:skip=`, \
         `#trivy:ignore:`, KICS's) are not honoured: write `# zt-lint:ignore RULE reason`.",
};

const TRIVY: Peer = Peer {
    name: "Trivy",
    tsv: "docs/coverage/trivy.tsv",
    intro: "Trivy's AWS misconfiguration checks (the AVD-AWS ids, formerly tfsec's) that read \
         Terraform or CloudFormation, and the zt-lint rule that covers each, with the same \
         scope and the same meaning of *partly* as above. Trivy's checks of a live account \
         alone (the CIS benchmark's CloudWatch alarms, credential reports) are left out.",
};

const KICS: Peer = Peer {
    name: "KICS",
    tsv: "docs/coverage/kics.tsv",
    intro: "KICS's AWS queries for Terraform (`terraform/aws`) and CloudFormation \
         (`cloudFormation/aws`), from KICS's published query list, each named by the first \
         eight hex digits of its query id, with the same scope and the same meaning of \
         *partly* as above. KICS reports several settings that AWS now secures by default \
         (SSE-SQS, S3 default encryption) or that grant nothing (an instance without a role); \
         the notes say where zt-lint reports less, and why.",
};

fn parse(data: &str) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [check, title, _frameworks, status, rules, note] = fields[..] else {
            panic!(
                "coverage tsv line {}: expected 6 tab-separated fields",
                n + 1
            );
        };
        let status = Status::parse(status)
            .unwrap_or_else(|| panic!("coverage tsv line {}: unknown status {status}", n + 1));
        let rules: Vec<&str> = rules.split(',').filter(|r| !r.is_empty()).collect();
        rows.push(Row {
            check,
            title,
            status,
            rules,
            note,
        });
    }
    rows
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Does the rule run only when a user asks for it? A row it covers says so, since a user
/// switching from a peer would otherwise expect the check to run.
fn off_by_default(id: &str) -> bool {
    zt_lint::rules::RULES
        .iter()
        .any(|r| r.id == id && !r.enabled_by_default)
}

fn render(rows: &[Row<'_>], peer: &Peer) -> String {
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for row in rows {
        *counts.entry(row.status).or_default() += 1;
    }
    let count = |s| counts.get(&s).copied().unwrap_or(0);
    let in_scope = rows.len() - count(Status::OutOfScope);
    let mut page = format!(
        "# Coverage of {}'s AWS checks\n\n\
         <!-- generated from {} by tests/coverage.rs: \
         UPDATE_README=1 cargo test --test coverage -->\n\n{}\n\n",
        peer.name, peer.tsv, peer.intro
    );
    page.push_str(&format!(
        "| | checks |\n|---|---:|\n| listed | {} |\n| in scope | {in_scope} |\n\
         | covered | {} |\n| partly covered | {} |\n| not covered yet | {} |\n\
         | not decidable before deploy | {} |\n| out of scope | {} |\n\n",
        rows.len(),
        count(Status::Covered),
        count(Status::Partial),
        count(Status::Missing),
        count(Status::Undecidable),
        count(Status::OutOfScope),
    ));
    page.push_str(&format!(
        "| {} | title | zt-lint | note |\n|---|---|---|---|\n",
        peer.name
    ));
    for row in rows {
        let rules = if row.rules.is_empty() {
            row.status.label().to_string()
        } else {
            let links: Vec<String> = row
                .rules
                .iter()
                .map(|r| {
                    if off_by_default(r) {
                        format!("[{r}](rules/{r}.md) (off by default)")
                    } else {
                        format!("[{r}](rules/{r}.md)")
                    }
                })
                .collect();
            let mut text = links.join(", ");
            if row.status == Status::Partial {
                text.push_str(" (partly)");
            }
            text
        };
        page.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.check,
            cell(row.title),
            rules,
            cell(row.note)
        ));
    }
    page
}

/// The rows of one peer's table, checked: each check once, a rule for every covered check and
/// a reason for every other, and only rules that exist.
fn checked_rows<'a>(data: &'a str, peer: &Peer) -> Vec<Row<'a>> {
    let rows = parse(data);
    assert!(!rows.is_empty(), "{} lists no check", peer.tsv);
    let known: Vec<&str> = zt_lint::rules::RULES.iter().map(|r| r.id).collect();
    let mut seen = std::collections::HashSet::new();
    for row in &rows {
        assert!(seen.insert(row.check), "{} is listed twice", row.check);
        match row.status.reason_prefix() {
            None => assert!(
                !row.rules.is_empty(),
                "{} is {:?} but names no rule",
                row.check,
                row.status
            ),
            Some(prefix) => {
                assert!(
                    row.rules.is_empty(),
                    "{} names a rule but is not covered",
                    row.check
                );
                assert!(
                    row.note.starts_with(prefix),
                    "{}: the note must open with {prefix:?}",
                    row.check
                );
            }
        }
        if row.status == Status::Partial {
            assert!(
                !row.note.is_empty(),
                "{}: say what is not covered",
                row.check
            );
        }
        for rule in &row.rules {
            assert!(
                known.contains(rule),
                "{} names unknown rule {rule}",
                row.check
            );
        }
    }
    rows
}

#[test]
fn coverage_table_is_consistent_and_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut page = String::new();
    for peer in [&CHECKOV, &TRIVY, &KICS] {
        let data = std::fs::read_to_string(root.join(peer.tsv)).expect("tsv");
        let rows = checked_rows(&data, peer);
        if !page.is_empty() {
            page.push('\n');
        }
        page.push_str(&render(&rows, peer));
    }
    let path = root.join("docs/coverage.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != page && std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, &page).expect("write docs/coverage.md");
        return;
    }
    assert_eq!(
        current, page,
        "docs/coverage.md is stale: UPDATE_README=1 cargo test --test coverage"
    );
}
