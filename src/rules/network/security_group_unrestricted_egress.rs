use crate::graph::security_group::{Direction, PeerKind, unknown_rule_node};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-002",
    name: "security-group-unrestricted-egress",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Security group allows all outbound traffic to the whole internet",
    page: rule_page!("network/security_group_unrestricted_egress.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for rule in ctx.security_group_rules() {
        // A service's group (EKS's cluster security group) is not declared here: its default
        // egress is AWS's, not a choice of the configuration.
        if rule.direction != Direction::Egress || rule.service_default {
            continue;
        }
        if rule.unknown {
            ctx.unknown(rule.declared_by, &unknown_rule_node(rule));
            continue;
        }
        if !rule.covers_all_ports().is_yes() {
            continue;
        }
        for peer in &rule.peers {
            match (peer.kind, peer.node) {
                (PeerKind::World, Some(node)) => ctx.report(
                    rule.declared_by,
                    node.span,
                    format!(
                        "`{}` allows all outbound traffic to {}",
                        rule.declared_by.address,
                        node.as_str().unwrap_or("the internet")
                    ),
                ),
                (PeerKind::World, None) => ctx.report(
                    rule.declared_by,
                    rule.span,
                    format!(
                        "`{}` has no SecurityGroupEgress, so AWS's default rule allows all outbound traffic to 0.0.0.0/0",
                        rule.declared_by.address
                    ),
                ),
                (PeerKind::Unknown, Some(node)) => ctx.unknown(rule.declared_by, node),
                _ => {}
            }
        }
    }
}
