//! Runs the selected rules over every model in parallel and returns sorted, deduplicated
//! findings: output is byte-for-byte the same on every run.

use crate::config::{DEFAULT_RULE_OPTIONS, RuleOptions};
use crate::fix::Change;
use crate::graph::Model;
use crate::graph::module_inputs::ModuleInputs;
use crate::graph::value_origins::ValueOrigins;
use crate::load::plan_sources::PlanSources;
use crate::rules::{Context, Finding, ModelViews, Rule, Undecided};
use crate::source::SourceMap;
use crate::suppress::Suppressed;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings in effect: these are reported and decide the exit status.
    pub findings: Vec<Finding>,
    /// Findings a suppression accepted (see [`crate::suppress::apply`]), in the same order.
    pub suppressed: Vec<Suppressed>,
    pub undecided: Vec<Undecided>,
    /// Undecided checks a suppression accepted, in the same order.
    pub suppressed_undecided: Vec<crate::suppress::SuppressedUndecided>,
}

/// The order of findings in every output: file, position, rule, resource, message.
pub fn finding_order(a: &Finding, b: &Finding, sources: &SourceMap) -> Ordering {
    // By path, then offset. Most pairs a sort compares are in one file, and comparing a path
    // with itself walks its components: the same file is the same path.
    let place = |a: crate::source::Span, b: crate::source::Span| {
        let files = if a.file == b.file {
            Ordering::Equal
        } else {
            sources.path(a.file).cmp(sources.path(b.file))
        };
        files.then_with(|| (a.start, a.end).cmp(&(b.start, b.end)))
    };
    place(a.span, b.span)
        .then_with(|| a.rule.id.cmp(b.rule.id))
        .then_with(|| a.resource.cmp(&b.resource))
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| {
            let mut calls_b = b.module_calls.iter();
            for &call_a in &a.module_calls {
                let Some(&call_b) = calls_b.next() else {
                    return Ordering::Greater;
                };
                let order = place(call_a, call_b);
                if order != Ordering::Equal {
                    return order;
                }
            }
            if calls_b.next().is_some() {
                Ordering::Less
            } else {
                Ordering::Equal
            }
        })
}

pub fn sort_findings(findings: &mut [Finding], sources: &SourceMap) {
    // Stable, as `sort_by` is: equal findings keep the order the rules produced them in.
    findings.par_sort_by(|a, b| finding_order(a, b, sources));
}

/// Sorts, then drops a finding that repeats the one before it: the same rule, resource and
/// message at the same place reached through the same module calls (a plan value moved onto
/// its source). Two roots that reach the same module line keep one finding each: they are
/// separate deployments, and a suppression on one root's module call must not hide the other.
fn sort_and_dedup(findings: &mut Vec<Finding>, sources: &SourceMap) {
    sort_findings(findings, sources);
    findings.dedup_by(|a, b| {
        a.span == b.span
            && a.rule.id == b.rule.id
            && a.resource == b.resource
            && a.message == b.message
            && a.module_calls == b.module_calls
    });
    if collapse_instances(findings) {
        sort_findings(findings, sources);
    }
}

/// The instances of one `count`/`for_each` resource or module share their source: the same
/// finding at the same place for each of them is one finding that says how many instances it is
/// in, not thousands of copies. The first instance (in sort order) names the resource. Expects
/// sorted findings; says whether it merged any.
fn collapse_instances(findings: &mut Vec<Finding>) -> bool {
    type Key = (String, String, Vec<crate::source::Span>);
    let mut kept: Vec<(Finding, usize)> = Vec::with_capacity(findings.len());
    // The findings of one place and rule, by what they say once instance keys are dropped.
    let mut at_place: HashMap<Key, usize> = HashMap::new();
    for f in findings.drain(..) {
        let same_place = kept
            .last()
            .is_some_and(|(last, _)| last.span == f.span && last.rule.id == f.rule.id);
        if !same_place {
            at_place.clear();
        }
        // Messages often name the instance (`aws_s3_bucket.b[3]` is public): compare them with
        // the resource's address in place of the instance's.
        let resource = without_instance_keys(&f.resource);
        let message = f.message.replace(f.resource.as_str(), &resource);
        let key = (resource, message, f.module_calls.clone());
        match at_place.get(&key).and_then(|&i| kept.get_mut(i)) {
            Some((_, count)) => *count += 1,
            None => {
                at_place.insert(key, kept.len());
                kept.push((f, 1));
            }
        }
    }
    let mut merged = false;
    findings.extend(kept.into_iter().map(|(mut f, count)| {
        if count > 1 {
            merged = true;
            f.message.push_str(&format!(" (in {count} instances)"));
        }
        f
    }));
    merged
}

/// A resource address without its instance keys: `module.m[0].aws_s3_bucket.b["x"]` becomes
/// `module.m.aws_s3_bucket.b`. Keys are numbers or quoted strings, which may hold `]`.
fn without_instance_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut chars = address.chars();
    while let Some(c) = chars.next() {
        if c != '[' {
            out.push(c);
            continue;
        }
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => {
                    chars.next();
                }
                ']' if !quoted => break,
                _ => {}
            }
        }
    }
    out
}

/// Runs `selected` over `models`. Plan findings whose value is written in the plan's Terraform
/// source are moved there (`plan_sources`), keeping the plan location beside them.
pub fn run(
    models: &[Model],
    selected: &[&'static Rule],
    sources: &SourceMap,
    plan_sources: &PlanSources,
) -> Outcome {
    run_with_options(
        models,
        selected,
        sources,
        plan_sources,
        &DEFAULT_RULE_OPTIONS,
    )
}

/// [`run`] with the rule options of a configuration file.
pub fn run_with_options(
    models: &[Model],
    selected: &[&'static Rule],
    sources: &SourceMap,
    plan_sources: &PlanSources,
    options: &RuleOptions,
) -> Outcome {
    let views: Vec<ModelViews> = models.iter().map(|_| ModelViews::default()).collect();
    let pairs: Vec<(&Model, &ModelViews, &'static Rule)> = models
        .iter()
        .zip(&views)
        .flat_map(|(m, v)| selected.iter().map(move |r| (m, v, *r)))
        .collect();
    let results: Vec<_> = pairs
        .par_iter()
        .map(|(model, views, rule)| {
            let mut ctx = Context::new(model, rule, views);
            ctx.options = options;
            (rule.check)(&mut ctx);
            if !model.module_inputs.is_empty() || !model.value_origins.is_empty() {
                fix_where_written(&mut ctx.findings, model);
            }
            if !model.value_origins.is_empty() {
                note_value_origins(&mut ctx.findings, &model.value_origins);
            }
            if !model.module_inputs.is_empty() {
                locate_module_inputs(&mut ctx.findings, &model.module_inputs);
                if !model.value_origins.is_empty() {
                    note_caller_value_origins(&mut ctx.findings, &model.value_origins);
                }
            }
            (ctx.findings, ctx.undecided)
        })
        .collect();
    let mut outcome = Outcome::default();
    for (findings, undecided) in results {
        outcome.findings.extend(findings);
        outcome.undecided.extend(undecided);
    }
    if !plan_sources.is_empty() {
        relocate_plan_findings(&mut outcome.findings, plan_sources);
        for u in &mut outcome.undecided {
            if let Some(source) = plan_sources.source_of(u.span) {
                u.span = source;
            }
        }
    }
    let key = |span: crate::source::Span| (sources.path(span.file), span.start, span.end);
    sort_and_dedup(&mut outcome.findings, sources);
    outcome.undecided.par_sort_by(|a, b| {
        key(a.span)
            .cmp(&key(b.span))
            .then_with(|| a.rule.id.cmp(b.rule.id))
            .then_with(|| a.resource.cmp(&b.resource))
    });
    outcome
        .undecided
        .dedup_by(|a, b| a.span == b.span && a.rule.id == b.rule.id && a.resource == b.resource);
    outcome
}

/// Shows a finding whose value a module call decided where the call decides it: at the
/// caller's argument (or the call header, when a default is in effect), keeping the line inside
/// the module as a related location.
fn locate_module_inputs(findings: &mut [Finding], inputs: &ModuleInputs) {
    for f in findings {
        if f.module_calls.is_empty() {
            continue;
        }
        if let Some((primary, related)) = inputs.trace(&f.module_calls, f.span) {
            f.span = primary;
            f.related.extend(related);
        }
    }
}

/// A change to a value the resource reads through a variable, a module input or a local moves
/// to where that value is written, when that place is read by this use alone (see
/// [`crate::graph::written_at`]); otherwise it stays where the value is used, which no fix
/// edits. Each module call's finding thus edits its own argument.
fn fix_where_written(findings: &mut [Finding], model: &Model) {
    for f in findings {
        for change in &mut f.changes {
            let Change::Set { span, value } = change else {
                continue;
            };
            let written = crate::graph::written_at::written_at(
                &model.module_inputs,
                &model.value_origins,
                &f.module_calls,
                *span,
            );
            if let Some(written) = written {
                *change = Change::SetWhereWritten {
                    span: written.span,
                    through: written.through,
                    value: *value,
                };
            }
        }
    }
}

/// The note beside the place a local or variable value was written.
pub const VALUE_SET_HERE: &str = "the value is set here";

/// Adds where the offending value was written (a local, a tfvars line, a variable default) as a
/// related location: a change there is what opened the finding.
fn note_value_origins(findings: &mut [Finding], origins: &ValueOrigins) {
    for f in findings {
        if let Some(origin) = origins.trace(&f.module_calls, f.span) {
            f.related.push((origin, VALUE_SET_HERE.to_string()));
        }
    }
}

/// After a finding moved to the root module's argument of a module call, where the root's
/// value for that argument was written (`source = var.cidr`, set in `terraform.tfvars`).
fn note_caller_value_origins(findings: &mut [Finding], origins: &ValueOrigins) {
    for f in findings {
        if f.module_calls.is_empty() || f.related.iter().any(|(_, n)| n == VALUE_SET_HERE) {
            continue;
        }
        if let Some(origin) = origins.trace(&[], f.span) {
            f.related.push((origin, VALUE_SET_HERE.to_string()));
        }
    }
}

/// Moves plan findings whose value is written in the plan's Terraform source there, keeping the
/// plan location beside them.
fn relocate_plan_findings(findings: &mut [Finding], plan_sources: &PlanSources) {
    for f in findings {
        if let Some(source) = plan_sources.source_of(f.span) {
            f.plan_span = Some(f.span);
            f.span = source;
            if let Some(header) = plan_sources.source_of(f.resource_span) {
                f.resource_span = header;
            }
            if let Some(calls) = plan_sources.module_calls(&f.resource) {
                f.module_calls = calls.to_vec();
            }
        }
        relocate_changes(f, plan_sources);
    }
}

/// A plan is generated, so its fix goes where the value is written: every change moves to the
/// Terraform source, or the finding offers none.
fn relocate_changes(f: &mut Finding, plan_sources: &PlanSources) {
    if f.changes.is_empty() || f.origin != crate::graph::Origin::Plan {
        return;
    }
    let moved: Option<Vec<Change>> = f
        .changes
        .iter()
        .map(|change| match change {
            Change::Set { span, value } => plan_sources.source_of(*span).map(|span| Change::Set {
                span,
                value: *value,
            }),
            // Only made for Terraform sources, never for a plan.
            Change::SetWhereWritten { .. } => None,
            Change::Add {
                resource,
                path,
                value,
            } => plan_sources
                .source_of(*resource)
                .map(|resource| Change::Add {
                    resource,
                    path: path.clone(),
                    value: *value,
                }),
        })
        .collect();
    f.changes = moved.unwrap_or_default();
}

/// Adds findings produced outside the rule catalog (Guard policies) to an outcome, with the same
/// plan relocation, order and deduplication as the catalog's.
pub fn add_findings(
    outcome: &mut Outcome,
    mut extra: Vec<Finding>,
    sources: &SourceMap,
    plan_sources: &PlanSources,
) {
    if !plan_sources.is_empty() {
        relocate_plan_findings(&mut extra, plan_sources);
    }
    outcome.findings.extend(extra);
    sort_and_dedup(&mut outcome.findings, sources);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_keys_are_dropped_from_addresses() {
        assert_eq!(
            without_instance_keys("aws_s3_bucket.b[12]"),
            "aws_s3_bucket.b"
        );
        assert_eq!(
            without_instance_keys(r#"module.m["a]\"b"].aws_s3_bucket.b["x"]"#),
            "module.m.aws_s3_bucket.b"
        );
        assert_eq!(without_instance_keys("aws_s3_bucket.b"), "aws_s3_bucket.b");
    }

    fn finding(resource: &str, message: &str, start: usize) -> Finding {
        let span = crate::source::Span::new(crate::source::FileId(0), start, start + 1);
        Finding {
            rule: crate::rules::RULES[0],
            resource: resource.to_string(),
            resource_type: "aws_s3_bucket".to_string(),
            span,
            resource_span: span,
            message: message.to_string(),
            origin: crate::graph::Origin::Terraform,
            module_calls: Vec::new(),
            plan_span: None,
            related: Vec::new(),
            path: Vec::new(),
            changes: Vec::new(),
            fix_restarts: false,
        }
    }

    #[test]
    fn instances_at_one_place_are_one_finding_with_their_count() {
        let mut findings = vec![
            finding("aws_s3_bucket.b[0]", "open", 5),
            finding("aws_s3_bucket.b[0]", "other", 5),
            finding("aws_s3_bucket.b[1]", "open", 5),
            finding("aws_s3_bucket.b[1]", "other", 5),
            finding("aws_s3_bucket.b[2]", "open", 5),
            finding("aws_s3_bucket.b[0]", "`aws_s3_bucket.b[0]` is open", 5),
            finding("aws_s3_bucket.b[1]", "`aws_s3_bucket.b[1]` is open", 5),
            finding("aws_s3_bucket.c[0]", "open", 5),
            finding("aws_s3_bucket.b[3]", "open", 9),
        ];
        assert!(collapse_instances(&mut findings));
        let got: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.resource.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("aws_s3_bucket.b[0]", "open (in 3 instances)"),
                ("aws_s3_bucket.b[0]", "other (in 2 instances)"),
                (
                    "aws_s3_bucket.b[0]",
                    "`aws_s3_bucket.b[0]` is open (in 2 instances)"
                ),
                ("aws_s3_bucket.c[0]", "open"),
                ("aws_s3_bucket.b[3]", "open"),
            ]
        );
    }
}
