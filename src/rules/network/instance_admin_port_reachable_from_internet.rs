use crate::graph::reachability::{INSTANCES, Reachability, Step, describe};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-023",
    name: "instance-admin-port-reachable-from-internet",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "EC2 instance is reachable from the internet on an administrative port: every hop of the network path is open",
    docs: r#"
## What it checks
EC2 instances the internet reaches on a remote administration port: SSH (22), RDP (3389) or
WinRM (5985, 5986). Every hop AWS evaluates must be open, as in `ZT-NET-021`:
- a `0.0.0.0/0` or `::/0` route to an internet gateway in the route table of the instance's
  subnet (explicit association, else the VPC's main route table);
- the subnet's network ACL admits the port from the internet and lets the replies out (rule
  order applies; no ACL in the configuration means the VPC's default ACL, which allows all);
- a security group of the instance admits the port from `0.0.0.0/0` or `::/0`;
- a public address: `associate_public_ip_address` / `AssociatePublicIpAddress` (on the instance
  or its primary network interface), else the subnet's `map_public_ip_on_launch` /
  `MapPublicIpOnLaunch`, or an Elastic IP associated with the instance.

The finding names the path, `internet → aws_internet_gateway.main → aws_route_table.public
(0.0.0.0/0) → aws_subnet.public_a → default network ACL → aws_security_group.jump (tcp/22 from
0.0.0.0/0) → aws_instance.jump (public address)`, with every hop as a related location. A hop
that depends on a value not known statically makes the question undecided (`--show-unknown`).
Not followed yet: instances with `network_interface` blocks, launch templates and auto-scaling
groups, and load balancers forwarding to an administrative port.

## How it relates to ZT-NET-001
ZT-NET-001 judges the security group alone: a world rule on a sensitive port, wherever the
group is used. This rule reports the instance only when the port is actually reachable, so its
finding is an open door rather than an unlocked one. A group with a world SSH rule attached to a
private instance is reported by ZT-NET-001 only.

## Why it matters
An administrative port reachable from the internet is brute-forced and scanned for known
vulnerabilities around the clock. Zero trust reaches instances through an authenticated,
logged broker instead (Session Manager, EC2 Instance Connect Endpoint, a bastion behind SSO).

## How to fix
Remove the world rule on the administrative port and use AWS Systems Manager Session Manager
or EC2 Instance Connect Endpoint; or take the instance off the internet (private subnet, no
public address).

## References
- AWS Security Hub EC2.13, EC2.14 and EC2.19
- AWS Systems Manager User Guide, "Session Manager"
"#,
    fix_terraform: "drop the 0.0.0.0/0 rule on the administrative port and reach the instance through Session Manager or EC2 Instance Connect Endpoint",
    fix_cloudformation: "drop the 0.0.0.0/0 rule on the administrative port and reach the instance through Session Manager or EC2 Instance Connect Endpoint",
    check,
};

/// Remote administration: SSH, RDP, WinRM over HTTP and HTTPS.
const ADMIN_PORTS: &[i64] = &[22, 3389, 5985, 5986];

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let reach = Reachability::new(model);
    for (id, instance) in model.of_kind(INSTANCES) {
        if !instance.is_managed() {
            continue;
        }
        match reach.instance_from_internet_on(id, instance, ADMIN_PORTS) {
            (Step::Open(hops), Some(port)) => {
                let message = format!(
                    "`{}` is reachable from the internet on administrative port tcp/{port}: {}",
                    instance.address,
                    describe(&hops)
                );
                ctx.report(instance, instance.span, message);
                if let Some(finding) = ctx.findings.last_mut() {
                    finding.related = hops.into_iter().map(|h| (h.span, h.note)).collect();
                }
            }
            (Step::Undecided(node), _) => ctx.unknown(instance, &node),
            _ => {}
        }
    }
}
