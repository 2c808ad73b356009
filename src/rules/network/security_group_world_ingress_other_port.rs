use crate::graph::security_group::{self, Direction};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-005",
    name: "security-group-world-ingress-other-port",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Security group allows ingress from the whole internet to a port other than 80/443",
    page: rule_page!("network/security_group_world_ingress_other_port.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for rule in ctx.security_group_rules() {
        if rule.direction != Direction::Ingress || rule.unknown {
            continue;
        }
        // Every port is ZT-NET-001's; so is any admin or database port.
        if !rule.covers_all_ports().is_no()
            || super::security_group_world_ingress_sensitive_port::exposes_sensitive_port(rule)
        {
            continue;
        }
        let ports = match (rule.from_port, rule.to_port) {
            (Some(from), Some(to)) if (from, to) != (80, 80) && (from, to) != (443, 443) => {
                if from == to {
                    from.to_string()
                } else {
                    format!("{from}-{to}")
                }
            }
            _ => continue,
        };
        if !matches!(
            rule.protocol,
            security_group::Protocol::Tcp | security_group::Protocol::Udp
        ) {
            continue;
        }
        for peer in rule.world_peers() {
            let (span, cidr) = match peer.node {
                Some(n) => (n.span, n.as_str().unwrap_or("the internet")),
                None => (rule.span, "the internet"),
            };
            ctx.report(
                rule.declared_by,
                span,
                format!(
                    "`{}` allows ingress from {cidr} to port {ports}",
                    rule.declared_by.address
                ),
            );
        }
    }
}
