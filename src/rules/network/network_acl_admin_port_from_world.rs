use super::security_group_world_ingress_sensitive_port::sensitive_ports_where;
use crate::aws::networking::NETWORK_ACLS;
use crate::graph::network_acl::{self, AclEntry};
use crate::graph::security_group::{Direction, Protocol};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-016",
    name: "network-acl-admin-port-from-world",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Network ACL allows inbound traffic from the internet to an administrative or database port",
    page: rule_page!("network/network_acl_admin_port_from_world.md"),
    check,
};

/// A range that ends at the top port and starts above the well-known ports: the ephemeral
/// return-traffic range a stateless ACL must open (1024-65535, 32768-65535, 49152-65535).
fn is_return_traffic_range(entry: &AclEntry<'_>) -> bool {
    matches!((entry.from_port, entry.to_port), (Some(from), Some(65535)) if from >= 1024)
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let acls = network_acl::entries(model, &NETWORK_ACLS);
    for entry in &acls.entries {
        if entry.direction != Direction::Ingress || entry.protocol == Protocol::All {
            continue;
        }
        let return_range = is_return_traffic_range(entry);
        let (open, undecided) = sensitive_ports_where(|protocol, port| {
            if return_range && port >= 1024 {
                return Truth::No;
            }
            acls.admits_from_world(entry, protocol, port)
        });
        let at = entry.cidr.map_or(entry.span, |c| c.span);
        if open.is_empty() {
            if undecided {
                ctx.unknown(
                    entry.declared_by,
                    &Node::unknown(
                        "network ACL entry, its rule order or an earlier entry not known statically",
                        at,
                    ),
                );
            }
            continue;
        }
        let cidr = entry
            .cidr
            .and_then(Node::as_str)
            .unwrap_or("the internet")
            .to_string();
        let exposure = exposure(ctx, entry);
        ctx.report(
            entry.declared_by,
            at,
            format!(
                "`{}` allows inbound traffic from {cidr} to {}{exposure}",
                entry.declared_by.address,
                open.join(", "),
            ),
        );
    }
}

/// Whether the ACL guards a public subnet, for the message.
fn exposure(ctx: &Context<'_>, entry: &AclEntry<'_>) -> String {
    let model = ctx.model;
    let Some(acl) = entry.acl else {
        return String::new();
    };
    let mut verdict = Truth::No;
    for subnet in network_acl::associated_subnets(model, &NETWORK_ACLS, acl) {
        match ctx.subnet_is_public(subnet).0 {
            Truth::Yes => {
                let name = model.get(subnet).map_or("", |s| s.address.as_str());
                return format!("; it guards public subnet `{name}`");
            }
            t => verdict = verdict.or(t),
        }
    }
    match verdict {
        Truth::No => "; no subnet it guards in this configuration is public".to_string(),
        _ => String::new(),
    }
}
