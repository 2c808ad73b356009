use crate::aws::networking::{self, DefaultSecurityGroup};
use crate::graph::{Model, Node, Resource};
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
        judge_unadopted_vpcs(ctx, group);
    }
}

/// Every rule of the default group is a finding: it should allow nothing.
fn judge(ctx: &mut Context<'_>, r: &Resource, rule_lists: &[&str]) {
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

/// A VPC whose default group nothing adopts keeps AWS's built-in rules, which let every member
/// of the group reach every other on any port and reach anything outbound.
fn judge_unadopted_vpcs(ctx: &mut Context<'_>, group: &DefaultSecurityGroup) {
    let model = ctx.model;
    let kinds = std::slice::from_ref(&group.kind);
    // Read once, not per VPC: an adoption whose VPC might be any VPC of this model.
    let undecided_adoption = model.of_kind(kinds).find_map(|(_, adopter)| {
        adopter
            .get(group.vpc_attribute)
            .filter(|vpc| might_name_a_local_vpc(model, vpc))
            .map(|vpc| (adopter.address.as_str(), vpc.span))
    });
    for (id, vpc) in model.of_kind(std::slice::from_ref(&group.vpc_kind)) {
        if !vpc.is_managed()
            || model
                .configuring(id, kinds, group.vpc_attribute)
                .next()
                .is_some()
        {
            continue;
        }
        match undecided_adoption {
            Some((adopter, span)) => ctx.unknown(
                vpc,
                &Node::unknown(
                    format!("`{adopter}` adopts the default group of a VPC not known statically"),
                    span,
                ),
            ),
            None => ctx.report(
                vpc,
                vpc.span,
                format!(
                    "`{}` leaves its default security group with AWS's rules (all traffic between \
                     its members, all outbound): no {} adopts it",
                    vpc.address, group.kind
                ),
            ),
        }
    }
}

/// Could an adoption's VPC be any VPC of this model? A known id or a reference that resolves
/// says which VPC it is; a value not known statically might be this one.
fn might_name_a_local_vpc(model: &Model, vpc: &Node) -> bool {
    vpc.is_unknown() && model.resolve(vpc).is_none()
}
