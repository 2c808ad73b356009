use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-008",
    name: "load-balancer-access-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Load balancer (including classic) access logs are disabled",
    docs: r#"
## What it checks
Load balancers without access logging, as the AWS service catalog describes them:
- Application, Network and Gateway load balancers with no `access_logs` block, or one without
  `enabled = true` (in Terraform `enabled` defaults to false); in CloudFormation, no
  `access_logs.s3.enabled` load balancer attribute set to `true`.
- Classic load balancers with no `access_logs` block (where `enabled` defaults to true) or one
  that turns it off; in CloudFormation, no `AccessLoggingPolicy` with `Enabled: true`.

## Why it matters
Access logs are the record of who connected from where, what they requested and what came
back: the basis for detecting probing and for investigating an incident at the edge.

## How to fix
Terraform: `access_logs { bucket = "<log bucket>", enabled = true }`.
CloudFormation: `LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: "true"}, {Key:
access_logs.s3.bucket, Value: !Ref LogBucket}]`; for a classic load balancer
`AccessLoggingPolicy: {Enabled: true, S3BucketName: !Ref LogBucket}`.

## References
- AWS Security Hub ELB.5
"#,
    fix_terraform: "add access_logs { bucket = ..., enabled = true }",
    fix_cloudformation: "set the access_logs.s3.enabled load balancer attribute to \"true\"",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::LoadBalancer, "has no access logs");
}
