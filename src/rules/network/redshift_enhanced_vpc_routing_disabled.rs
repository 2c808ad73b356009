use crate::aws::networking::REDSHIFT_ENHANCED_VPC_ROUTING;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-027",
    name: "redshift-enhanced-vpc-routing-disabled",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Redshift cluster sends COPY and UNLOAD traffic outside the VPC",
    page: rule_page!("network/redshift_enhanced_vpc_routing_disabled.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        REDSHIFT_ENHANCED_VPC_ROUTING,
        true,
        "routes COPY and UNLOAD traffic outside the VPC",
    );
}
