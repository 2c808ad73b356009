use crate::aws::networking;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-007",
    name: "subnet-auto-assigns-public-ip",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Subnet gives every instance a public IP address",
    docs: r#"
## What it checks
Subnets with `map_public_ip_on_launch = true` / `MapPublicIpOnLaunch: true` (off by default).
On its own this does not make anything reachable (that takes a route to an internet gateway,
see `ZT-NET-004`), which is why the severity is low.

## Why it matters
Public addresses handed out by default turn every instance launched there into an internet
endpoint as soon as a route and a security group allow it. Zero trust assigns public
addresses deliberately, per resource, if at all.

## How to fix
Turn it off and give public addresses only to load balancers or NAT gateways (Elastic IPs).

## References
- AWS Security Hub EC2.15
"#,
    fix_terraform: "set map_public_ip_on_launch = false",
    fix_cloudformation: "set MapPublicIpOnLaunch: false",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        networking::SUBNET_PUBLIC_IP_ON_LAUNCH,
        false,
        "assigns a public IP address to every instance launched in it",
    );
}
