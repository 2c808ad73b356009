use crate::graph::{Node, Truth};
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-008",
    name: "load-balancer-access-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Load balancer access logs are disabled",
    docs: r#"
## What it checks
Application, Network and Gateway load balancers (`aws_lb`, `aws_alb`,
`AWS::ElasticLoadBalancingV2::LoadBalancer`) without access logging: no `access_logs` block
with `enabled = true` (in Terraform `enabled` defaults to false), or no
`access_logs.s3.enabled` attribute set to `true` in CloudFormation.

## Why it matters
Access logs are the record of who connected from where, what they requested and what came
back: the basis for detecting probing and for investigating an incident at the edge.

## How to fix
Terraform: `access_logs { bucket = aws_s3_bucket.lb_logs.id, enabled = true }`.
CloudFormation: `LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: "true"}, {Key:
access_logs.s3.bucket, Value: !Ref LogBucket}]`.

## References
- AWS Security Hub ELB.5
"#,
    fix_terraform: "add access_logs { bucket = ..., enabled = true }",
    fix_cloudformation: "set the access_logs.s3.enabled load balancer attribute to \"true\"",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(&["aws_lb", "aws_alb"]).collect::<Vec<_>>() {
        match setting(r, &["access_logs"]) {
            Setting::Absent => ctx.report(r, r.span, format!("`{}` has no access logs", r.address)),
            Setting::Value(block) if block.is_unknown() => ctx.unknown(r, block),
            Setting::Value(block) => match setting(r, &["access_logs", "enabled"]) {
                Setting::Absent => ctx.report(
                    r,
                    block.span,
                    format!("`{}` has access_logs without enabled = true", r.address),
                ),
                Setting::Value(v) => match v.truth() {
                    Truth::Yes => {}
                    Truth::Unknown => ctx.unknown(r, v),
                    Truth::No => ctx.report(
                        r,
                        v.span,
                        format!("`{}` has access logs disabled", r.address),
                    ),
                },
            },
        }
    }
    for r in ctx
        .resources(&["AWS::ElasticLoadBalancingV2::LoadBalancer"])
        .collect::<Vec<_>>()
    {
        let Some(attributes) = r.get("LoadBalancerAttributes") else {
            ctx.report(r, r.span, format!("`{}` has no access logs", r.address));
            continue;
        };
        if attributes.is_unknown() {
            ctx.unknown(r, attributes);
            continue;
        }
        let entry = attributes
            .items()
            .iter()
            .find(|a| a.get("Key").and_then(Node::as_str) == Some("access_logs.s3.enabled"));
        match entry.and_then(|e| e.get("Value")) {
            None => ctx.report(
                r,
                attributes.span,
                format!("`{}` has no access logs", r.address),
            ),
            Some(v) => match v.truth() {
                Truth::Yes => {}
                Truth::Unknown => ctx.unknown(r, v),
                Truth::No => ctx.report(
                    r,
                    v.span,
                    format!("`{}` has access logs disabled", r.address),
                ),
            },
        }
    }
}
