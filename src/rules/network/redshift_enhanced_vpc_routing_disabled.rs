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
    docs: r#"
## What it checks
Redshift clusters with `enhanced_vpc_routing` / `EnhancedVpcRouting` false or not set (the
default is off in the provider and in CloudFormation).

## Why it matters
Without enhanced VPC routing, Redshift moves the data of `COPY` and `UNLOAD` (to and from S3,
DynamoDB, EMR) over the internet-routed service network, where VPC endpoints, endpoint
policies, security groups, network ACLs and VPC flow logs neither see nor constrain it. Zero
trust keeps data paths inside controls you own.

## How to fix
Terraform: `enhanced_vpc_routing = true`.
CloudFormation: `EnhancedVpcRouting: true`.
Give the VPC an S3 gateway endpoint (or a NAT path) so the traffic still has a route.

## References
- AWS Security Hub Redshift.7
- Amazon Redshift Management Guide, "Enhanced VPC routing in Amazon Redshift"
"#,
    fix_terraform: "set enhanced_vpc_routing = true",
    fix_cloudformation: "set EnhancedVpcRouting: true",
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
