use crate::aws::audit;
use crate::rules::settings::require_given;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-MON-003",
    name: "cloudtrail-not-encrypted",
    pillar: Pillar::Monitoring,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "CloudTrail logs are not encrypted with a KMS key",
    docs: r#"
## What it checks
CloudTrail trails without `kms_key_id` / `KMSKeyId`: their log files get S3's default SSE-S3
encryption only.

## Why it matters
With SSE-KMS, reading the audit log also needs `kms:Decrypt` on a key you control, a second,
separately audited permission: anyone with read access to the bucket alone cannot read it.

## How to fix
Terraform: `kms_key_id = aws_kms_key.trail.arn`. CloudFormation: `KMSKeyId: !Ref TrailKey`.

## References
- CIS AWS Foundations Benchmark v3.0, control 3.5
- AWS Security Hub CloudTrail.2
"#,
    fix_terraform: "set kms_key_id to a customer-managed KMS key",
    fix_cloudformation: "set KMSKeyId to a customer-managed KMS key",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_given(
        ctx,
        audit::TRAIL_KMS_KEY,
        "does not encrypt its logs with a KMS key",
    );
}
