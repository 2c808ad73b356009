//! Runs Guard policies with the cfn-guard crate and turns each rule failure into a finding at
//! the failing value. Every call into the crate is isolated with `catch_unwind`: it has many
//! `unwrap`s, and a panic there must become an error for that file, not end the run.

use super::document::{self, GraphDocument};
use super::pointer::PointerIndex;
use super::{Policy, Target};
use crate::graph::{Model, Origin};
use crate::load::LoadError;
use crate::rules::{Finding, Rule};
use crate::source::{SourceMap, Span};
use cfn_guard::commands::Executable;
use cfn_guard::commands::validate::{OutputFormatType, ShowSummaryType};
use cfn_guard::utils::reader::{ReadBuffer, Reader};
use cfn_guard::utils::writer::{WriteBuffer, Writer};
use cfn_guard::{CommandBuilder, ValidateBuilder};
use rayon::prelude::*;
use serde_json::Value as Json;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

/// Checks a policy's syntax; on error, the 1-based line and column in the `.guard` file.
pub fn check_syntax(text: &str) -> Result<(), (usize, usize, String)> {
    let parsed =
        catch_unwind(|| cfn_guard::commands::validate::parse_rules(text, "policy").map(|_| ()));
    match parsed {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            let message = e.to_string();
            let line = number_after(&message, "at line ").unwrap_or(1);
            let column = number_after(&message, "at column ").unwrap_or(1);
            Err((line, column, syntax_message(&message)))
        }
        Err(_) => Err((1, 1, "the Guard parser failed on this file".into())),
    }
}

fn number_after(text: &str, marker: &str) -> Option<usize> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Guard's message without the file name and the whole remaining text it appends.
fn syntax_message(message: &str) -> String {
    let context = message
        .split_once("when handling ")
        .map(|(_, rest)| rest.split(", fragment").next().unwrap_or(rest).trim());
    match context {
        Some(c) if !c.is_empty() => format!("Guard syntax error: expected {c}"),
        _ => "Guard syntax error".to_string(),
    }
}

/// cfn-guard lists a policy's rule names (`Rule Names = ["b", "a"]`) in the order of a hash
/// map, which changes from run to run: sorted, so the same input gives the same message.
fn sorted_rule_names(message: &str) -> String {
    const LIST: &str = "Rule Names = [";
    let Some(start) = message.find(LIST).map(|i| i + LIST.len()) else {
        return message.to_string();
    };
    let Some(len) = message.get(start..).and_then(|rest| rest.find(']')) else {
        return message.to_string();
    };
    let (Some(head), Some(list), Some(tail)) = (
        message.get(..start),
        message.get(start..start + len),
        message.get(start + len..),
    ) else {
        return message.to_string();
    };
    let mut names: Vec<&str> = list.split(", ").collect();
    names.sort_unstable();
    format!("{head}{}{tail}", names.join(", "))
}

/// One rule failure as Guard reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Failure {
    pub rule: String,
    /// Path of the failing value in the data (`/Resources/Sg/Properties/...`).
    pub path: String,
    pub message: String,
}

/// Runs one policy over one data document (YAML or JSON text) as `cfn-guard validate
/// --payload --structured -o json` does. `Ok` holds the failures and whether the file passed.
pub fn validate(rules: &str, data: &str) -> Result<(bool, Vec<Failure>), String> {
    validate_many(&[rules], data)
}

/// [`validate`] with several rule files at once: the data is parsed once. Guard merges their
/// reports, so the files' rule names must be distinct; a file's `default` rule comes back as
/// `RULES_STDIN[<1-based index>]/default`.
pub fn validate_many(rules: &[&str], data: &str) -> Result<(bool, Vec<Failure>), String> {
    let payload = serde_json::json!({ "rules": rules, "data": [data] }).to_string();
    let run = catch_unwind(AssertUnwindSafe(
        || -> Result<(i32, String, String), String> {
            let command = ValidateBuilder::default()
                .payload(true)
                .structured(true)
                .output_format(OutputFormatType::JSON)
                .show_summary(vec![ShowSummaryType::None])
                .try_build()
                .map_err(|e| e.to_string())?;
            let mut reader = Reader::new(ReadBuffer::Cursor(std::io::Cursor::new(
                payload.into_bytes(),
            )));
            let mut writer =
                Writer::new_with_err(WriteBuffer::Vec(Vec::new()), WriteBuffer::Vec(Vec::new()))
                    .map_err(|e| e.to_string())?;
            let code = command
                .execute(&mut writer, &mut reader)
                .map_err(|e| e.to_string())?;
            let out = writer.into_string().map_err(|e| e.to_string())?;
            Ok((code, out, String::new()))
        },
    ));
    let (code, out, _) = match run {
        Ok(result) => result?,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(format!("cfn-guard panicked: {what}"));
        }
    };
    let report: Json =
        serde_json::from_str(&out).map_err(|e| format!("unreadable cfn-guard output ({e})"))?;
    let mut failures = Vec::new();
    for file in report.as_array().into_iter().flatten() {
        for clause in file
            .get("not_compliant")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let Some(rule) = clause.get("Rule") else {
                continue;
            };
            let name = rule.get("name").and_then(Json::as_str).unwrap_or("default");
            // The default rule of top-level clauses is named after the (stdin) file; keep that
            // prefix only when several files share the call, to tell them apart.
            let name = if rules.len() > 1 {
                name.to_string()
            } else {
                name.rsplit('/').next().unwrap_or(name).to_string()
            };
            let mut leaves = Vec::new();
            collect_leaves(rule, None, None, &mut leaves);
            if leaves.is_empty() {
                leaves.push((String::new(), String::new()));
            }
            for (path, message) in leaves {
                failures.push(Failure {
                    rule: name.clone(),
                    path,
                    message,
                });
            }
        }
    }
    failures.sort();
    failures.dedup();
    // Exit status 19 is cfn-guard's "a rule failed"; 0 passed.
    let passed = code == 0 && failures.is_empty();
    Ok((passed, failures))
}

/// The failing values under a clause report: their path and the nearest custom message.
fn collect_leaves(
    report: &Json,
    message: Option<&str>,
    context: Option<&str>,
    out: &mut Vec<(String, String)>,
) {
    let Some(object) = report.as_object() else {
        if let Some(items) = report.as_array() {
            for item in items {
                collect_leaves(item, message, context, out);
            }
        }
        return;
    };
    let own = object
        .get("messages")
        .and_then(|m| m.get("custom_message"))
        .and_then(Json::as_str)
        .filter(|m| !m.trim().is_empty());
    let message = own.or(message);
    let context = object.get("context").and_then(Json::as_str).or(context);
    // A value Guard compared (`from`, `value`) or stopped at (`traversed_to`) has a `path`.
    for key in ["from", "value", "traversed_to"] {
        if let Some(path) = object
            .get(key)
            .and_then(|v| v.get("path"))
            .and_then(Json::as_str)
        {
            // Block contexts are Guard's internal names (`GuardBlockAccessClause#Location[...]`).
            let fallback = context
                .filter(|c| !c.contains("#Location["))
                .map(|c| format!("failed check `{}`", c.trim()));
            out.push((
                path.to_string(),
                message.map(str::to_string).or(fallback).unwrap_or_default(),
            ));
            return;
        }
    }
    for (key, child) in object {
        if key != "messages" {
            collect_leaves(child, message, context, out);
        }
    }
}

/// The data one model offers each target: the template or plan text as written (for native
/// policies) and the graph document (for format-agnostic ones).
struct Unit<'a> {
    model: &'a Model,
    native: Option<(Target, Span)>,
    native_index: OnceLock<Option<PointerIndex>>,
    graph: OnceLock<GraphDocument>,
    graph_text: OnceLock<String>,
}

/// Findings and errors of a Guard run.
#[derive(Debug, Default)]
pub struct GuardOutcome {
    pub findings: Vec<Finding>,
    pub errors: Vec<LoadError>,
}

/// Evaluates `policies` over `models` in parallel (every model × policy pair is one job).
/// Only rules in `selected` report, with its severity (configuration may change it); a rule the
/// declaration scan did not see (a file's `default` rule of top-level clauses) reports when
/// `unlisted` is true (no `--rule` filter).
pub fn evaluate(
    models: &[Model],
    sources: &SourceMap,
    policies: &[Policy],
    selected: &[&'static Rule],
    unlisted: bool,
) -> GuardOutcome {
    let policies: Vec<&Policy> = policies
        .iter()
        .filter(|p| {
            let prefix = p.rule_id("");
            (unlisted && p.rules.is_empty()) || selected.iter().any(|r| r.id.starts_with(&prefix))
        })
        .collect();
    let units: Vec<Unit<'_>> = models
        .iter()
        .filter(|m| m.resources.iter().any(|r| r.is_managed()))
        .map(|model| {
            let native = match model.origin {
                Origin::CloudFormation => Some(Target::CloudFormation),
                Origin::Plan => Some(Target::Plan),
                Origin::Terraform => None,
            }
            .zip(document::model_span(model));
            Unit {
                model,
                native,
                native_index: OnceLock::new(),
                graph: OnceLock::new(),
                graph_text: OnceLock::new(),
            }
        })
        .collect();
    // One cfn-guard call per input and batch of policies: it parses the data once per call,
    // which dominates its cost. With fewer inputs than threads, policies are split over more
    // batches so rule files still run in parallel.
    let threads = rayon::current_num_threads().max(1);
    let batches_per_unit = threads.div_ceil(units.len().max(1));
    let mut jobs: Vec<(&Unit<'_>, Vec<&Policy>)> = Vec::new();
    for target in [Target::CloudFormation, Target::Plan, Target::Graph] {
        let of_target: Vec<&Policy> = policies
            .iter()
            .copied()
            .filter(|p| p.target == target)
            .collect();
        let batches = batch(&of_target, batches_per_unit);
        for unit in &units {
            if target != Target::Graph && unit.native.is_none_or(|(t, _)| t != target) {
                continue;
            }
            for b in &batches {
                jobs.push((unit, b.clone()));
            }
        }
    }
    let results: Vec<GuardOutcome> = jobs
        .par_iter()
        .map(|(unit, batch)| run_job(unit, batch, sources, selected, unlisted))
        .collect();
    let mut outcome = GuardOutcome::default();
    for r in results {
        outcome.findings.extend(r.findings);
        outcome.errors.extend(r.errors);
    }
    outcome
}

/// Splits policies into about `wanted` batches whose declared rule names are distinct (Guard
/// merges a call's reports by rule name).
fn batch<'p>(policies: &[&'p Policy], wanted: usize) -> Vec<Vec<&'p Policy>> {
    let size = policies.len().div_ceil(wanted.max(1)).max(1);
    let mut batches: Vec<Vec<&Policy>> = Vec::new();
    for policy in policies {
        let names = |p: &Policy| -> Vec<String> {
            p.rules
                .iter()
                .filter_map(|r| r.id.rsplit('/').next().map(str::to_string))
                .collect()
        };
        let mine = names(policy);
        let fits = |b: &Vec<&Policy>| {
            b.len() < size && b.iter().all(|o| names(o).iter().all(|n| !mine.contains(n)))
        };
        match batches.iter_mut().find(|b| fits(b)) {
            Some(b) => b.push(policy),
            None => batches.push(vec![policy]),
        }
    }
    batches
}

fn run_job(
    unit: &Unit<'_>,
    batch: &[&Policy],
    sources: &SourceMap,
    selected: &[&'static Rule],
    unlisted: bool,
) -> GuardOutcome {
    let mut outcome = GuardOutcome::default();
    let Some(first) = batch.first() else {
        return outcome;
    };
    let model = unit.model;
    let fallback = document::model_span(model).unwrap_or(Span::NONE);
    let (data, native_file) = match (first.target, unit.native) {
        (Target::Graph, _) => {
            let doc = unit.graph.get_or_init(|| document::build(model, sources));
            let text = unit.graph_text.get_or_init(|| doc.json.to_string());
            (text.as_str(), None)
        }
        (_, Some((_, span))) => {
            let text = sources.get(span.file).map_or("", |f| &f.text);
            (native_text(text, span), Some(span.file))
        }
        (_, None) => return outcome,
    };
    let texts: Vec<&str> = batch.iter().map(|p| p.text.as_str()).collect();
    let failures = match validate_many(&texts, data) {
        Ok((_, failures)) => failures,
        Err(message) => {
            let files: Vec<String> = batch.iter().map(|p| p.path.display().to_string()).collect();
            outcome.errors.push(LoadError::new(
                format!(
                    "Guard policy {}: {}",
                    files.join(", "),
                    sorted_rule_names(&message)
                ),
                Span::new(fallback.file, 0, 0),
            ));
            return outcome;
        }
    };
    for mut failure in failures {
        // Which file of the batch: `RULES_STDIN[k]/default`, or the one declaring the name.
        let policy = match failure.rule.split_once("]/") {
            Some((prefix, rest)) => {
                let k: Option<usize> = prefix.rsplit('[').next().and_then(|k| k.parse().ok());
                failure.rule = rest.to_string();
                k.and_then(|k| batch.get(k.wrapping_sub(1)))
            }
            None if batch.len() == 1 => batch.first(),
            None => batch
                .iter()
                .find(|p| p.rules.iter().any(|r| r.id == p.rule_id(&failure.rule))),
        };
        let Some(policy) = policy.copied() else {
            continue;
        };
        let id = policy.rule_id(&failure.rule);
        let rule = match selected.iter().copied().find(|r| r.id == id) {
            Some(rule) => rule,
            // Declared but not selected (disabled, skipped).
            None if policy.rules.iter().any(|r| r.id == id) => continue,
            // A rule Guard reports that the declaration scan did not see (the file's default
            // rule): it is part of the policy and runs unless a rule filter excludes it.
            None if unlisted => super::find(&id).unwrap_or_else(|| {
                let rule = super::make_rule(policy, &failure.rule, policy.default_severity);
                super::register(rule);
                rule
            }),
            None => continue,
        };
        push_finding(&mut outcome, unit, native_file, &failure, rule, sources);
    }
    outcome
}

/// The YAML document of `text` that holds `at` (a stream of templates is one model per
/// document), with spans into the whole file.
fn yaml_document(text: &str, at: Span) -> Option<crate::graph::Node> {
    let documents = crate::graph::parse::yaml::parse_documents(text, at.file).ok()?;
    let holds_at = |d: &crate::graph::Node| d.span.start <= at.start && at.start < d.span.end;
    let index = documents.iter().position(holds_at).unwrap_or(0);
    documents.into_iter().nth(index)
}

/// The text a native policy validates: the whole file, or in a YAML stream the document that
/// holds `at` (from the start of its first line, so its indentation is kept).
fn native_text(text: &str, at: Span) -> &str {
    let is_stream = text.starts_with("---") || text.contains("\n---");
    if !is_stream || text.trim_start().starts_with('{') {
        return text;
    }
    let Some(document) = yaml_document(text, at) else {
        return text;
    };
    let end = (document.span.end as usize).min(text.len());
    let start = text
        .get(..document.span.start as usize)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    text.get(start..end).unwrap_or(text)
}

fn push_finding(
    outcome: &mut GuardOutcome,
    unit: &Unit<'_>,
    native_file: Option<crate::source::FileId>,
    failure: &Failure,
    rule: &'static Rule,
    sources: &SourceMap,
) {
    let model = unit.model;
    let fallback = document::model_span(model).unwrap_or(Span::NONE);
    let (span, resource) = match native_file {
        Some(file) => {
            let index = unit.native_index.get_or_init(|| {
                let source = sources.get(file)?;
                let root =
                    if model.origin == Origin::Plan || source.text.trim_start().starts_with('{') {
                        crate::graph::parse::json::parse(&source.text, file).ok()
                    } else {
                        yaml_document(&source.text, fallback)
                    }?;
                Some(PointerIndex::of_node(&root))
            });
            let index = index.as_ref();
            let span = index
                .and_then(|i| i.locate(&failure.path))
                .map_or(fallback, |(s, _)| s);
            let owner = index.and_then(|i| i.owner(&failure.path));
            (span, owner.and_then(|a| model.by_address(a)).map(|id| id.0))
        }
        None => {
            let doc = unit.graph.get_or_init(|| document::build(model, sources));
            let span = doc.index.locate(&failure.path).map_or(fallback, |(s, _)| s);
            (span, doc.resource_at(&failure.path))
        }
    };
    let resource = resource.and_then(|i| model.resources.get(i));
    let message = if failure.message.trim().is_empty() {
        format!("violates Guard rule `{}`", failure.rule)
    } else {
        failure
            .message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    outcome.findings.push(Finding {
        rule,
        resource: resource.map(|r| r.address.clone()).unwrap_or_default(),
        resource_type: resource.map(|r| r.kind.clone()).unwrap_or_default(),
        span,
        resource_span: resource.map_or(span, |r| r.span),
        message,
        origin: model.origin,
        module_calls: resource.map(|r| r.module_calls.clone()).unwrap_or_default(),
        plan_span: None,
        related: Vec::new(),
        path: Vec::new(),
        changes: Vec::new(),
        fix_restarts: false,
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn rule_names_in_guard_messages_are_sorted() {
        let message = "Rule x by that name does not exist, Rule Names = [\"c\", \"a\", \"b\"]`";
        assert_eq!(
            super::sorted_rule_names(message),
            "Rule x by that name does not exist, Rule Names = [\"a\", \"b\", \"c\"]`"
        );
        assert_eq!(super::sorted_rule_names("no list ["), "no list [");
    }

    #[test]
    fn a_missing_rule_is_reported_the_same_way_every_time() {
        // Found by the guard_policy fuzz target: the error named the policy's rules in a
        // different order on each run. Asked of `evaluate`, as a run does.
        let policy = super::super::parse_policy(
            std::path::Path::new("policies/missing.guard"),
            "rule a { Resources exists }\nrule b { Resources exists }\n\
             rule c { Resources exists }\nrule d {\n  Resources exists\n  missing_rule <<m>>\n}\n"
                .to_string(),
        )
        .unwrap();
        let ws = crate::load::load_texts(
            vec![(
                "template.yaml".into(),
                "Resources:\n  A:\n    Type: AWS::S3::Bucket\n".to_string(),
            )],
            &crate::load::LoadOptions::new(&crate::aws::naming::NAMING),
        );
        let messages: Vec<String> = (0..8)
            .map(|_| {
                let outcome = super::evaluate(
                    &ws.models,
                    &ws.sources,
                    std::slice::from_ref(&policy),
                    &policy.rules,
                    true,
                );
                match outcome.errors.as_slice() {
                    [e] if e.message.contains("Rule Names = [") => e.message.clone(),
                    other => panic!("not the unknown-rule error: {other:?}"),
                }
            })
            .collect();
        assert!(messages.windows(2).all(|w| w[0] == w[1]), "{messages:?}");
        let names: Vec<&str> = messages[0]
            .split_once("Rule Names = [")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list.split(", ").collect())
            .unwrap_or_default();
        assert!(names.len() > 1 && names.is_sorted(), "{names:?}");
    }

    use super::*;

    #[test]
    fn syntax_errors_are_located() {
        let (line, column, message) = check_syntax(
            "rule ok { Resources exists }\n\nrule broken {\n  Resources.* [ Type == \n}\n",
        )
        .unwrap_err();
        assert_eq!((line, column), (4, 24), "{message}");
    }

    #[test]
    fn failures_carry_paths_and_messages() {
        let rules = "rule sg_closed {\n  Resources.*[ Type == 'AWS::EC2::SecurityGroup' ].Properties.SecurityGroupIngress[*].CidrIp != '0.0.0.0/0' <<no world ingress>>\n}\n";
        let data = "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress:\n        - CidrIp: 0.0.0.0/0\n";
        let (passed, failures) = validate(rules, data).unwrap();
        assert!(!passed);
        assert_eq!(
            failures,
            [Failure {
                rule: "sg_closed".into(),
                path: "/Resources/Sg/Properties/SecurityGroupIngress/0/CidrIp".into(),
                message: "no world ingress".into(),
            }]
        );
    }
}
