use crate::aws::LogFamily;
use crate::rules::settings::require_audit_logging;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-018",
    name: "edge-access-logs-disabled",
    pillar: Pillar::Monitoring,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudFront distribution or Global Accelerator writes no access or flow log",
    docs: r#"
## What it checks
Edges that take requests from the internet without recording them, as the AWS service catalog
describes them:
- CloudFront distributions with no standard logging: no `logging_config` block
  (`DistributionConfig.Logging` in CloudFormation) and no CloudWatch Logs delivery source
  naming the distribution (standard logging v2). A delivery source naming its resource with a
  value not known statically leaves the distribution undecided.
- Global Accelerator accelerators (standard and custom routing) without flow logs:
  `attributes { flow_logs_enabled = true }` is off by default. CloudFormation has no flow log
  setting for accelerators, so only Terraform and plans are checked.

## Why it matters
The edge is where every outside caller arrives. Its log records each client address, request
and result: the evidence for telling probing and credential stuffing from normal traffic, and
the only record of requests the origin never saw because the edge answered them.

## How to fix
CloudFront: prefer standard logging v2, a CloudWatch Logs delivery (Terraform
`aws_cloudwatch_log_delivery_source` with the distribution's ARN and a delivery to a log group,
bucket or Firehose; CloudFormation `AWS::Logs::DeliverySource`). Legacy logging
(`logging_config { bucket = "<log bucket>.s3.amazonaws.com" }`, `DistributionConfig.Logging`)
writes through bucket ACLs, so its bucket must keep ACLs enabled, which ZT-DAT-016 reports.
Global Accelerator: `attributes { flow_logs_enabled = true, flow_logs_s3_bucket = ...,
flow_logs_s3_prefix = ... }`.

## References
- AWS Security Hub CloudFront.5
- AWS Global Accelerator Developer Guide: flow logs
"#,
    fix_terraform: "add an aws_cloudwatch_log_delivery_source for the distribution (standard logging v2; legacy logging_config needs bucket ACLs) or attributes { flow_logs_enabled = true, ... } (Global Accelerator)",
    fix_cloudformation: "add an AWS::Logs::DeliverySource for the distribution (standard logging v2; legacy DistributionConfig.Logging needs bucket ACLs)",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_audit_logging(ctx, LogFamily::Edge, "writes no access log");
}
