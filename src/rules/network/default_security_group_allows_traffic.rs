use crate::aws::networking;
use crate::graph::Node;
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-NET-006",
    name: "default-security-group-allows-traffic",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "The VPC's default security group allows traffic",
    page: rule_page!("network/default_security_group_allows_traffic.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for group in networking::DEFAULT_SECURITY_GROUPS {
        for r in ctx
            .resources(std::slice::from_ref(&group.kind))
            .collect::<Vec<_>>()
        {
            judge(ctx, r, group.rule_lists);
        }
    }
}

/// Every rule of the default group is a finding: it should allow nothing.
fn judge(ctx: &mut Context<'_>, r: &crate::graph::Resource, rule_lists: &[&str]) {
    for &key in rule_lists {
        let Some(rules) = r.get(key) else { continue };
        if rules.is_unknown() {
            ctx.unknown(r, rules);
            continue;
        }
        for rule in rules.items().iter().filter(|n| !Node::is_null(n)) {
            ctx.report(
                r,
                rule.span,
                format!(
                    "the default security group `{}` allows {key} traffic",
                    r.address
                ),
            );
        }
    }
}
