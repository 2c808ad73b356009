use crate::graph::policy::{Effect, PolicyKind, is_full_wildcard};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-014",
    name: "vpc-endpoint-policy-allows-all",
    pillar: Pillar::Network,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "VPC endpoint policy allows every principal every action",
    docs: r#"
## What it checks
VPC endpoint policies written in the configuration (`aws_vpc_endpoint.policy`,
`AWS::EC2::VPCEndpoint.PolicyDocument`) with an `Allow` statement for any principal, every
action and every resource, without conditions. (An endpoint without a policy gets the same
full-access default; only explicit policies are judged here.)

## Why it matters
Endpoint policies are where a VPC limits what its workloads can reach through the endpoint:
only your buckets, only your organization's resources. A full-access policy lets a
compromised workload exfiltrate data to any account's bucket over the private path.

## How to fix
Scope the statement: `Resource` to your buckets or resources, or a condition on
`aws:ResourceOrgID` / `aws:PrincipalOrgID`.

## References
- AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies"
- AWS data perimeter guidance
"#,
    fix_terraform: "scope the endpoint policy to your resources or organization",
    fix_cloudformation: "scope the endpoint PolicyDocument to your resources or organization",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies_where(PolicyKind::Resource, |a| a.is_endpoint_policy()) {
        for s in &attached.document.statements {
            if s.effect != Effect::Allow || s.anyone().is_none() || s.condition.is_some() {
                continue;
            }
            let every_action = s
                .action_list()
                .and_then(|a| a.iter().find(|n| n.as_str().is_some_and(is_full_wildcard)));
            let every_resource = s
                .resource_list()
                .is_some_and(|r| r.iter().any(|n| n.as_str() == Some("*")));
            if let (Some(star), true) = (every_action, every_resource) {
                ctx.report(
                    attached.resource,
                    star.span,
                    format!(
                        "`{}` has an endpoint policy that allows everything",
                        attached.resource.address
                    ),
                );
            }
        }
    }
}
