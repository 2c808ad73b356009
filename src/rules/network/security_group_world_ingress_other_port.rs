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
    docs: r#"
## What it checks
Ingress rules from `0.0.0.0/0` or `::/0` whose ports are not only HTTP (80) and HTTPS (443):
application ports such as 8081, 9000 or an arbitrary range. Rules that expose an
administrative, database or Security Hub EC2.19 high-risk port (8080, 3000...), or every port,
are `ZT-NET-001` (critical) instead.

## Why it matters
Anything listening on the internet is attacked; services on ports other than 80/443 are
usually internal (debug endpoints, admin consoles, metrics) and were never meant for it.

## How to fix
Put the service behind a load balancer on 443, or restrict the source to the networks that
need it.

## References
- AWS Security Hub EC2.18 (unrestricted incoming traffic only on authorized ports)
"#,
    fix_terraform: "restrict the source CIDRs, or expose the service only through a load balancer on 443",
    fix_cloudformation: "restrict CidrIp/CidrIpv6, or expose the service only through a load balancer on 443",
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
