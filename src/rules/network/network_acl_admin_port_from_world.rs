use super::security_group_world_ingress_sensitive_port::sensitive_ports_where;
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
    docs: r#"
## What it checks
Inbound network ACL entries that allow traffic from `0.0.0.0/0` or `::/0` to one of the ports of
`ZT-NET-001` (SSH 22, RDP 3389, Telnet, database ports and the AWS Security Hub EC2.19
high-risk ports): inline `ingress` blocks or `ingress = [{...}]` lists of `aws_network_acl` and
`aws_default_network_acl`, `aws_network_acl_rule` and `AWS::EC2::NetworkAclEntry` (both inbound
unless `egress`/`Egress` is true). The message says whether a subnet the ACL is associated with
is public (routes to an internet gateway).

Network ACLs are evaluated in rule-number order and the first match decides, so an entry is
not reported when a lower-numbered entry of the same ACL denies that traffic from the whole
internet. Entries that allow every protocol are `ZT-NET-009`'s. Because ACLs are stateless, an
entry for the return-traffic range (a TCP/UDP range from 1024 or above up to 65535) is needed
by every subnet that talks to the internet; ports inside such a range are not reported.
An entry whose ACL is declared elsewhere is judged as written.

## Why it matters
The ACL is the subnet-level second line of defence behind security groups. When it admits
SSH or RDP from anywhere, one permissive security group is all that stands between the
internet and a login prompt.

## How to fix
Allow administrative ports only from known networks (a VPN or bastion CIDR), or deny them
from `0.0.0.0/0` with a lower rule number; prefer Session Manager over SSH and RDP.

## References
- CIS AWS Foundations Benchmark v3.0, control 5.1
- AWS Security Hub EC2.21
- Amazon VPC User Guide, "Control subnet traffic with network access control lists"
"#,
    fix_terraform: "restrict cidr_block to known networks, or deny the port from 0.0.0.0/0 with a lower rule number",
    fix_cloudformation: "restrict CidrBlock to known networks, or deny the port from 0.0.0.0/0 with a lower RuleNumber",
    check,
};

/// A range that ends at the top port and starts above the well-known ports: the ephemeral
/// return-traffic range a stateless ACL must open (1024-65535, 32768-65535, 49152-65535).
fn is_return_traffic_range(entry: &AclEntry<'_>) -> bool {
    matches!((entry.from_port, entry.to_port), (Some(from), Some(65535)) if from >= 1024)
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let acls = network_acl::entries(model);
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
    for subnet in network_acl::associated_subnets(model, acl) {
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
