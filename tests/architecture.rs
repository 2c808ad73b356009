//! The architecture the style guide asks for, checked: rule code reads facets from the AWS
//! catalog (`src/aws/`) and never names a Terraform or CloudFormation resource type itself. A
//! rule's page (`src/rule_pages/`) may, because it tells users what to write. The graph's typed
//! views, the engine and the reports hold to the same: the catalog fills the tables each view
//! declares the shape of, and hands them in.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir`, in order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("the directory is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut all = Vec::new();
    files_under(dir, &mut all);
    out.extend(
        all.into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs")),
    );
}

fn quoted(line: &str) -> impl Iterator<Item = &str> {
    line.split('"').skip(1).step_by(2)
}

/// Every Terraform name the catalog (`src/aws/`) writes in quotes: its resource types.
fn catalog_terraform_names() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/aws")),
        &mut files,
    );
    let mut names = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("catalog file is UTF-8");
        for line in text.lines() {
            names.extend(
                quoted(line)
                    .filter(|w| w.starts_with("aws_"))
                    .map(String::from),
            );
        }
    }
    names
}

/// A CloudFormation resource type at the start of `text` (`AWS::Service::Type`, not a pseudo
/// parameter such as `AWS::AccountId`): its length.
fn cloudformation_type_at(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("AWS::")?;
    let word = |s: &str| {
        s.find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(s.len())
    };
    let service = word(rest);
    let after = rest.get(service..)?.strip_prefix("::")?;
    let kind = word(after);
    (service > 0 && kind > 0).then_some(5 + service + 2 + kind)
}

/// Resource types of either format named in `line`: CloudFormation's `AWS::Service::Type`
/// anywhere, and quoted Terraform types the catalog knows.
fn format_names<'a>(line: &'a str, terraform: &BTreeSet<String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = line
        .match_indices("AWS::")
        .filter_map(|(at, _)| {
            let rest = line.get(at..)?;
            cloudformation_type_at(rest).and_then(|len| rest.get(..len))
        })
        .collect();
    names.extend(quoted(line).filter(|word| terraform.contains(*word)));
    names
}

/// A source file's code: its unit tests, at the end after `#[cfg(test)]`, build models and may
/// name types.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
}

#[test]
fn no_rule_file_names_a_resource_type_of_either_format() {
    let mut files = Vec::new();
    rust_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules")),
        &mut files,
    );
    assert!(files.len() > 90, "the rules were found ({})", files.len());
    let terraform = catalog_terraform_names();
    assert!(terraform.contains("aws_s3_bucket"), "the catalog was read");
    let mut named = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("rule file is UTF-8");
        for (n, line) in code_lines(&text) {
            if !format_names(line, &terraform).is_empty() {
                named.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        named.is_empty(),
        "rule code names resource types; read them from the catalog in src/aws/ instead:\n{}",
        named.join("\n")
    );
}

/// The rules directory holds code only, and not even a comment or test there spells a
/// CloudFormation name (`grep -rl "AWS::" src/rules` finds nothing): the pages live apart.
#[test]
fn the_rules_directory_holds_only_code_and_no_cloudformation_name() {
    let mut files = Vec::new();
    files_under(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules")),
        &mut files,
    );
    let strays: Vec<_> = files
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "rs"))
        .collect();
    assert!(strays.is_empty(), "not code: {strays:?}");
    let spelling: Vec<_> = files
        .iter()
        .filter(|p| {
            fs::read_to_string(p)
                .expect("rule file is UTF-8")
                .contains("AWS::")
        })
        .collect();
    assert!(spelling.is_empty(), "{spelling:?}");
}

/// Nothing under `src/graph`, nor `src/engine.rs` or `src/report`, names a resource type of
/// either format in code. Test code is skipped precisely: files named `tests.rs`, and
/// everything from a `#[cfg(test)]` line to the end of a file (the project keeps unit tests
/// last), since fixtures build models of real types.
#[test]
fn no_graph_engine_or_report_file_names_a_resource_type_of_either_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/graph"), &mut files);
    assert!(files.len() > 15, "the graph was found ({})", files.len());
    files.push(root.join("src/engine.rs"));
    rust_files(&root.join("src/report"), &mut files);
    let terraform = catalog_terraform_names();
    let mut named = Vec::new();
    for file in &files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let relative = file
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(file).expect("source file is UTF-8");
        named.extend(
            code_lines(&text)
                .filter(|(_, line)| !format_names(line, &terraform).is_empty())
                .map(|(n, line)| format!("{relative}:{}: {}", n + 1, line.trim())),
        );
    }
    assert!(
        named.is_empty(),
        "graph, engine or report code names resource types; let the catalog in src/aws/ fill a table the view declares:\n{}",
        named.join("\n")
    );
}

#[test]
fn the_check_sees_both_vocabularies() {
    let terraform = catalog_terraform_names();
    assert_eq!(
        format_names(
            r#"if r.kind == "aws_iam_role" || r.kind == "AWS::IAM::Role" {"#,
            &terraform
        ),
        ["AWS::IAM::Role", "aws_iam_role"]
    );
    assert!(format_names("`${AWS::AccountId}` is unknown", &terraform).is_empty());
    assert!(format_names(r#"format!("`{}` is public", r.address)"#, &terraform).is_empty());
    let code: Vec<_> = code_lines("fn a() {}\n#[cfg(test)]\nmod tests {}").collect();
    assert_eq!(code, [(0, "fn a() {}")]);
}
