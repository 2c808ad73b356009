use crate::graph::policy::{Effect, PolicyKind, is_full_wildcard, may_be_every_resource};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-013",
    name: "iam-policy-all-actions-scoped-resource",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows every action on specific resources",
    page: rule_page!("identity/iam_policy_all_actions_scoped_resource.md"),
    check,
};

/// How a resource element is named in the message: its text or known shape, or the resource a
/// reference points at.
fn named(resource: &Node) -> String {
    match (resource.text_shape(), resource.as_reference()) {
        (Some(text), _) => text.to_string(),
        (None, Some(reference)) => reference.address.clone(),
        (None, None) => "a resource".to_string(),
    }
}

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow || statement.not_resources.is_some() {
                continue;
            }
            let Some(star) = statement
                .action_list()
                .unwrap_or_default()
                .iter()
                .find(|a| a.as_str().is_some_and(is_full_wildcard))
            else {
                continue;
            };
            let Some(resources) = statement.resource_list() else {
                if let Some(unknown) = &statement.resources {
                    ctx.unknown(attached.resource, unknown);
                }
                continue;
            };
            if resources.is_empty() || resources.iter().any(|r| may_be_every_resource(r).is_yes()) {
                continue;
            }
            if let Some(unknown) = resources
                .iter()
                .find(|r| may_be_every_resource(r) == Truth::Unknown)
            {
                ctx.unknown(attached.resource, unknown);
                continue;
            }
            let names: Vec<String> = resources.iter().map(named).collect();
            let more = if names.len() > 1 {
                format!(" and {} more", names.len() - 1)
            } else {
                String::new()
            };
            ctx.report(
                attached.resource,
                star.span,
                format!(
                    "`{}` allows every action (\"{}\") on `{}`{more}",
                    attached.resource.address,
                    star.as_str().unwrap_or_default(),
                    names.first().map(String::as_str).unwrap_or_default()
                ),
            );
        }
    }
}
