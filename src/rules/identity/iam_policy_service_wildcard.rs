use crate::graph::policy::{Effect, PolicyKind, action_text};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-002",
    name: "iam-policy-service-wildcard",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy grants every action of a service",
    page: rule_page!("identity/iam_policy_service_wildcard.md"),
    check,
};

/// Systems Manager's message channels: no data and no permissions behind them, and AWS's own
/// managed policies for SSM grant them whole.
const CHANNEL_SERVICES: &[&str] = &["ec2messages", "ssmmessages"];

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow {
                continue;
            }
            for action in statement.action_list().unwrap_or_default() {
                let Some(text) = action_text(action) else {
                    continue;
                };
                if let Some((service, rest)) = text.split_once(':')
                    && rest == "*"
                    && service != "*"
                    && !CHANNEL_SERVICES.contains(&service)
                {
                    ctx.report(
                        attached.resource,
                        action.span,
                        format!(
                            "`{}` allows every {service} action (\"{service}:*\")",
                            attached.resource.address
                        ),
                    );
                }
            }
        }
    }
}
