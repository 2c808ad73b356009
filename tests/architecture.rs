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

/// A source file's code: its unit tests, in a `#[cfg(test)]` module at the end, build models
/// and may name types. A `#[cfg(test)]` on a single item (a test-only helper) does not end the
/// code: the lines after it are still read, and so is the rest of a file whose test module
/// is declared (`mod tests;`) rather than written out. An inline test module must come last,
/// so that no code hides after it.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (n, line) in lines.iter().enumerate() {
        if line.trim() != "#[cfg(test)]" {
            continue;
        }
        let next = lines
            .iter()
            .skip(n + 1)
            .map(|l| l.trim())
            .find(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#["));
        let opens_module = next.is_some_and(|l| {
            let item = l
                .strip_prefix("pub(crate) ")
                .or_else(|| l.strip_prefix("pub "))
                .unwrap_or(l);
            item.starts_with("mod ") && item.ends_with('{')
        });
        if opens_module {
            let closing = lines.iter().skip(n).position(|l| *l == "}").map(|p| n + p);
            assert!(
                closing.is_some_and(|c| lines.iter().skip(c + 1).all(|l| l.trim().is_empty())),
                "a `#[cfg(test)]` module at line {} is not the last thing in its file",
                n + 1
            );
            end = n;
            break;
        }
    }
    lines
        .into_iter()
        .enumerate()
        .take(end)
        .filter(|(_, line)| line.trim() != "#[cfg(test)]")
}

/// The code lines of every non-test Rust file under `src/<dir>`, with their file; a `tests.rs`
/// is a test module declared out of line.
fn code_under(dir: &str) -> Vec<(PathBuf, usize, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir),
        &mut files,
    );
    let mut lines = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.file_stem().is_none_or(|s| s != "tests"))
    {
        let text = fs::read_to_string(file).expect("source file is UTF-8");
        lines.extend(code_lines(&text).map(|(n, line)| (file.clone(), n + 1, line.to_string())));
    }
    lines
}

/// The code lines under `src/<dir>` for each of `dirs` that name the module `module` as a path
/// (`crate::module`, `module::...`, but not `workload::`); comments are left out.
fn code_naming_module(dirs: &[&str], module: &str) -> Vec<String> {
    let segment = format!("{module}::");
    let absolute = format!("crate::{module}");
    let mut found = Vec::new();
    for dir in dirs {
        let code = code_under(dir);
        assert!(
            code.len() > 1000,
            "src/{dir} was read ({} lines)",
            code.len()
        );
        for (file, n, line) in code {
            let code = line.split("//").next().unwrap_or("");
            let names = code.contains(&absolute)
                || code.match_indices(&segment).any(|(at, _)| {
                    !code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                });
            if names {
                found.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    found
}

/// `load` → `graph`: loaders and the graph never import the catalog. Whoever calls the
/// loaders hands them the catalog's names; comments may still point a reader at it.
#[test]
fn loaders_and_graph_do_not_depend_on_the_catalog() {
    let found = code_naming_module(&["load", "graph"], "aws");
    assert!(
        found.is_empty(),
        "load or graph imports the catalog:\n{}",
        found.join("\n")
    );
}

/// `load` → `graph` ← `rules`: the graph, the catalog that fills its tables, and the rules
/// never import a loader. Documents embedded in values (policies, container definitions) are
/// read with the graph's own parsers (`graph::parse`), which the loaders use too.
#[test]
fn graph_catalog_and_rules_do_not_depend_on_the_loaders() {
    let found = code_naming_module(&["graph", "aws", "rules"], "load");
    assert!(
        found.is_empty(),
        "graph, catalog or rules import a loader:\n{}",
        found.join("\n")
    );
}

/// Methods of the model live with the model: a layer that adds them elsewhere makes the graph
/// depend on it.
#[test]
fn the_model_is_implemented_only_in_the_graph() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(src.join("graph"))) {
        let text = fs::read_to_string(file).expect("source file is UTF-8");
        for (n, line) in code_lines(&text) {
            if line.contains("impl Model") || line.contains("impl crate::graph::Model") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "`impl Model` outside src/graph:\n{}",
        found.join("\n")
    );
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

/// A quoted word that looks like a property name of either format: snake_case with an
/// underscore (`subnet_id`) or PascalCase with a lowercase letter (`SubnetId`). Single
/// lowercase words (`name`, `type`) and capitals (`TCP`, `AWS`) are left out: as values and
/// plain words they are everywhere, and telling them apart from properties takes a reader.
fn is_property_name(word: &str) -> bool {
    let snake = word.contains('_')
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let pascal = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().any(|c| c.is_ascii_lowercase());
    snake || pascal
}

/// Every property name the catalog's code (`src/aws/`, not its tests) writes in quotes.
fn catalog_property_names() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/aws"), &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).expect("catalog file is UTF-8");
        for (_, line) in code_lines(&text) {
            names.extend(
                quoted(line)
                    .filter(|w| is_property_name(w))
                    .map(String::from),
            );
        }
    }
    names
}

/// The element names of AWS's IAM policy language. A policy document is written in it, in the
/// same words, whichever format holds the document, so the policy view reads them itself;
/// the catalog spells some of them too, as properties that happen to share the word (a
/// CloudFormation Lambda permission's `Action` and `Principal`).
const POLICY_LANGUAGE: &[&str] = &[
    "Version",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// The code lines of the graph, the engine, the reports and the rules, with the file they are in
/// relative to the crate. Test code is skipped precisely: files named `tests.rs`, and
/// everything from a `#[cfg(test)]` line to the end of a file (the project keeps unit tests
/// last), since fixtures build models of real types.
fn graph_engine_report_and_rule_code() -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/graph"), &mut files);
    assert!(files.len() > 15, "the graph was found ({})", files.len());
    files.push(root.join("src/engine.rs"));
    rust_files(&root.join("src/report"), &mut files);
    rust_files(&root.join("src/rules"), &mut files);
    let mut lines = Vec::new();
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
        lines
            .extend(code_lines(&text).map(|(n, line)| (relative.clone(), n + 1, line.to_string())));
    }
    lines
}

/// Nothing under `src/graph`, nor `src/engine.rs`, `src/report` or `src/rules`, names a
/// resource type of either format in code.
#[test]
fn no_graph_engine_report_or_rule_file_names_a_resource_type_of_either_format() {
    let terraform = catalog_terraform_names();
    let named: Vec<_> = graph_engine_report_and_rule_code()
        .into_iter()
        .filter(|(_, _, line)| !format_names(line, &terraform).is_empty())
        .map(|(file, n, line)| format!("{file}:{n}: {}", line.trim()))
        .collect();
    assert!(
        named.is_empty(),
        "graph, engine, report or rule code names resource types; let the catalog in src/aws/ fill a table the view declares:\n{}",
        named.join("\n")
    );
}

/// Nor does their code spell a property name the catalog spells: where an attribute is read,
/// in either format, is the catalog's to say (a view declares a table of names, the catalog
/// fills it). Comments are skipped, as they may quote a document to explain it.
#[test]
fn no_graph_engine_report_or_rule_file_spells_a_property_name_of_the_catalog() {
    let catalog = catalog_property_names();
    assert!(
        [
            "subnet_id",
            "SubnetId",
            "not_principals",
            "LaunchTemplateName"
        ]
        .iter()
        .all(|name| catalog.contains(*name)),
        "the catalog was read"
    );
    let spelled: Vec<_> = graph_engine_report_and_rule_code()
        .into_iter()
        .filter(|(_, _, line)| !line.trim_start().starts_with("//"))
        .filter_map(|(file, n, line)| {
            let names: Vec<_> = quoted(&line)
                .filter(|w| catalog.contains(*w) && !POLICY_LANGUAGE.contains(w))
                .map(String::from)
                .collect();
            (!names.is_empty())
                .then(|| format!("{file}:{n}: {}: {}", names.join(", "), line.trim()))
        })
        .collect();
    assert!(
        spelled.is_empty(),
        "graph, engine, report or rule code spells property names; let the catalog in src/aws/ fill a table the view declares:\n{}",
        spelled.join("\n")
    );
}

#[test]
fn property_names_are_told_from_values_and_words() {
    for name in [
        "subnet_id",
        "SubnetId",
        "DBClusterIdentifier",
        "ipv6_cidr_blocks",
    ] {
        assert!(is_property_name(name), "{name}");
    }
    for word in [
        "name",
        "TCP",
        "AWS",
        "_id",
        "aws:SourceIp",
        "0.0.0.0/0",
        "a b",
    ] {
        assert!(!is_property_name(word), "{word}");
    }
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
    let code: Vec<_> = code_lines("fn a() {}\n#[cfg(test)]\nmod tests {\n}").collect();
    assert_eq!(code, [(0, "fn a() {}")]);
    let code: Vec<_> =
        code_lines("#[cfg(test)]\nfn helper() {}\nfn b() {}\n#[cfg(test)]\nmod tests;\nfn c() {}")
            .collect();
    assert_eq!(
        code,
        [
            (1, "fn helper() {}"),
            (2, "fn b() {}"),
            (4, "mod tests;"),
            (5, "fn c() {}")
        ]
    );
}
