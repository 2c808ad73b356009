use crate::graph::Truth;
use crate::graph::policy::{Effect, PolicyKind, is_full_wildcard, may_be_every_resource};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-001",
    name: "iam-policy-full-admin",
    pillar: Pillar::Identity,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows every action on every resource",
    page: rule_page!("identity/iam_policy_full_admin.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow {
                continue;
            }
            // Every action: NotAction (all but those listed), or a `*` among the actions.
            let (all_actions, action_span, undecided_action) = match &statement.not_actions {
                Some(not_actions) if not_actions.is_unknown() => {
                    (Truth::Unknown, None, Some(not_actions))
                }
                Some(not_actions) => (Truth::Yes, Some(not_actions.span), None),
                None => match statement.action_list() {
                    Some(actions) => match actions
                        .iter()
                        .find(|a| a.as_str().is_some_and(is_full_wildcard))
                    {
                        Some(star) => (Truth::Yes, Some(star.span), None),
                        None => match actions.iter().find(|a| a.is_unknown()) {
                            Some(unknown) => (Truth::Unknown, None, Some(unknown)),
                            None => (Truth::No, None, None),
                        },
                    },
                    None => (Truth::Unknown, None, statement.actions.as_ref()),
                },
            };
            if all_actions.is_no() {
                continue;
            }
            // Every resource: NotResource, or a `*` among the resources.
            let (all_resources, undecided_resource) =
                match (&statement.not_resources, statement.resource_list()) {
                    (Some(not_resources), _) if not_resources.is_unknown() => {
                        (Truth::Unknown, Some(not_resources))
                    }
                    (Some(_), _) => (Truth::Yes, None),
                    (None, Some(resources)) => {
                        if resources.iter().any(|r| may_be_every_resource(r).is_yes()) {
                            (Truth::Yes, None)
                        } else {
                            let unknown = resources
                                .iter()
                                .find(|r| may_be_every_resource(r) == Truth::Unknown);
                            match unknown {
                                Some(unknown) => (Truth::Unknown, Some(unknown)),
                                None => (Truth::No, None),
                            }
                        }
                    }
                    (None, None) => (Truth::Unknown, statement.resources.as_ref()),
                };
            match (all_actions, all_resources, action_span) {
                (Truth::Yes, Truth::Yes, Some(span)) => {
                    let what = if statement.not_actions.is_some() {
                        "every action except those in NotAction"
                    } else {
                        "every action (\"*\")"
                    };
                    ctx.report(
                        attached.resource,
                        span,
                        format!(
                            "`{}` allows {what} on every resource",
                            attached.resource.address
                        ),
                    );
                }
                (_, Truth::No, _) => {}
                _ => {
                    if let Some(node) = undecided_action.or(undecided_resource) {
                        ctx.unknown(attached.resource, node);
                    }
                }
            }
        }
    }
}
