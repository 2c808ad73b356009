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
    page: rule_page!("network/subnet_auto_assigns_public_ip.md"),
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
