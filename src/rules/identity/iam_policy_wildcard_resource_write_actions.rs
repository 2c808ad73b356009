use super::iam_policy_wildcard_resource_sensitive_actions::{passes_any_role, reports_action};
use crate::aws::restrictable_actions;
use crate::graph::policy::{
    Effect, PolicyKind, Statement, action_text, is_full_wildcard, may_be_every_resource,
};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-026",
    name: "iam-policy-wildcard-resource-write-actions",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows write, permissions-management or tagging actions that take a resource ARN on every resource",
    page: rule_page!("identity/iam_policy_wildcard_resource_write_actions.md"),
    check,
};

/// How many granted actions a message names before "+N more".
const NAMED_ACTIONS: usize = 3;

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        let passes_any_role = passes_any_role(attached.document);
        for statement in &attached.document.statements {
            // `NotAction` on every resource is full administrator access (ZT-IAM-001).
            if statement.effect != Effect::Allow || statement.not_actions.is_some() {
                continue;
            }
            let Some((target, every_resource)) = resource_target(statement) else {
                continue;
            };
            // A statement allowing every action is ZT-IAM-001's finding, whatever else it lists.
            let every_action = statement
                .action_list()
                .is_some_and(|a| a.iter().any(|n| n.as_str().is_some_and(is_full_wildcard)));
            if every_action {
                continue;
            }
            let grants = restrictable_grants(statement, passes_any_role);
            // ZT-IAM-003 already asks for this statement's Resource to be scoped.
            if grants.left_to_sensitive_rule {
                continue;
            }
            if grants.written.is_empty() && grants.unread.is_none() {
                continue;
            }
            let narrowed = statement.narrows_resources();
            if every_resource == Truth::No || narrowed == Truth::Yes {
                continue;
            }
            let undecided = if every_resource == Truth::Unknown {
                Some(target)
            } else if narrowed == Truth::Unknown {
                statement.condition.as_ref()
            } else if grants.written.is_empty() {
                grants.unread
            } else {
                None
            };
            if let Some(node) = undecided {
                ctx.unknown(attached.resource, node);
                continue;
            }
            let named = grants.written.iter().take(NAMED_ACTIONS);
            let mut actions = named.cloned().collect::<Vec<_>>().join(", ");
            if grants.written.len() > NAMED_ACTIONS {
                actions.push_str(&format!(" +{} more", grants.written.len() - NAMED_ACTIONS));
            }
            ctx.report(
                attached.resource,
                target.span,
                format!(
                    "`{}` allows {actions} on every resource; scope Resource to the ARNs they need",
                    attached.resource.address
                ),
            );
        }
    }
}

/// The element that makes a statement reach every resource (`"*"`, or `NotResource`) and
/// whether it does: `Unknown` for a resource not known statically. `None` when every element
/// is a narrower ARN.
fn resource_target(statement: &Statement) -> Option<(&Node, Truth)> {
    if let Some(not_resources) = &statement.not_resources {
        return Some((not_resources, Truth::Yes));
    }
    let Some(resources) = statement.resource_list() else {
        // Not a list known statically: a reference to one resource is still its ARN.
        return statement
            .resources
            .as_ref()
            .filter(|r| may_be_every_resource(r) != Truth::No)
            .map(|r| (r, Truth::Unknown));
    };
    let verdicts = resources.iter().map(|r| (r, may_be_every_resource(r)));
    let mut unknown = None;
    for (resource, verdict) in verdicts {
        match verdict {
            Truth::Yes => return Some((resource, Truth::Yes)),
            Truth::Unknown => unknown = unknown.or(Some(resource)),
            Truth::No => {}
        }
    }
    unknown.map(|r| (r, Truth::Unknown))
}

/// The action elements of a statement that grant a restrictable action.
struct Grants<'a> {
    /// As written (`s3:Put*`), in order.
    written: Vec<String>,
    /// An action element, or the whole list, not known statically.
    unread: Option<&'a Node>,
    /// An element ZT-IAM-003 reports.
    left_to_sensitive_rule: bool,
}

/// `*` and `service:*` are ZT-IAM-001's and ZT-IAM-002's findings, and an element ZT-IAM-003
/// reports is left to it: each says more about that element than this rule would.
fn restrictable_grants(statement: &Statement, passes_any_role: bool) -> Grants<'_> {
    let mut grants = Grants {
        written: Vec::new(),
        unread: None,
        left_to_sensitive_rule: false,
    };
    let Some(actions) = statement.action_list() else {
        grants.unread = statement.actions.as_ref();
        return grants;
    };
    for action in actions {
        let Some(pattern) = action_text(action) else {
            if action.is_unknown() {
                grants.unread = grants.unread.or(Some(action));
            }
            continue;
        };
        let service_wide = pattern.split_once(':').is_some_and(|(_, a)| a == "*");
        if is_full_wildcard(&pattern) || service_wide {
            continue;
        }
        if reports_action(&pattern, passes_any_role) {
            grants.left_to_sensitive_rule = true;
            continue;
        }
        if restrictable_actions::matching(&pattern).next().is_some() {
            grants
                .written
                .push(action.as_str().unwrap_or_default().to_string());
        }
    }
    grants
}
