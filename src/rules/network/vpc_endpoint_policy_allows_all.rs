use crate::graph::policy::{Effect, PolicyKind, is_full_wildcard};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-014",
    name: "vpc-endpoint-policy-allows-all",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "VPC endpoint policy allows every principal every action",
    page: rule_page!("network/vpc_endpoint_policy_allows_all.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies_where(PolicyKind::Resource, |a| a.is_endpoint_policy()) {
        for s in &attached.document.statements {
            if s.effect != Effect::Allow || s.anyone().is_none() || s.condition.is_some() {
                continue;
            }
            let every_action = s
                .action_list()
                .and_then(|a| a.iter().find(|n| n.as_str().is_some_and(is_full_wildcard)));
            let every_resource = s
                .resource_list()
                .is_some_and(|r| r.iter().any(|n| n.as_str() == Some("*")));
            if let (Some(star), true) = (every_action, every_resource) {
                ctx.report(
                    attached.resource,
                    star.span,
                    format!(
                        "`{}` has an endpoint policy that allows everything",
                        attached.resource.address
                    ),
                );
            }
        }
    }
}
