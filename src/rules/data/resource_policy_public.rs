use crate::graph::policy::PolicyKind;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-006",
    name: "resource-policy-public",
    pillar: Pillar::Data,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Resource policy grants access to any principal",
    docs: r#"
## What it checks
Resource-based policies (S3 bucket policies, SQS queue and SNS topic policies, KMS key
policies, ECR repository policies, Secrets Manager resource policies, OpenSearch access
policies, EFS file system policies, Glacier vault access policies, Glue catalog resource
policies, CloudWatch Logs destination policies, SES identity policies, Backup vault access
policies) with an `Allow` statement whose principal is everyone (`"*"` or `{"AWS": "*"}`)
without a condition narrowing it to known callers (`aws:SourceArn`, `aws:SourceAccount`,
`aws:SourceOrgID`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
`aws:SourceVpc(e)`, or `aws:SourceIp` when every CIDR it lists is narrower than the whole
internet). VPC endpoint policies are `ZT-NET-014`.

## Why it matters
The data is readable (or writable) by anyone on the internet, or by any AWS account.

## How to fix
Name the principals, or add a condition such as `aws:PrincipalOrgID` (your organization) or
`aws:SourceArn` (the one service resource allowed to call).

## References
- AWS Security Hub S3.2, S3.3, SQS.3, SNS.4
- IAM User Guide, "Determining whether a request is allowed within an account"
"#,
    fix_terraform: "name the principals, or add a narrowing condition such as aws:PrincipalOrgID or aws:SourceArn",
    fix_cloudformation: "name the principals, or add a narrowing condition such as aws:PrincipalOrgID or aws:SourceArn",
    check,
};

fn check(ctx: &mut Context<'_>) {
    // An endpoint policy limits what passes through the endpoint: ZT-NET-014's question.
    for attached in ctx.policies_where(PolicyKind::Resource, |a| !a.is_endpoint_policy()) {
        ctx.report_open_to_anyone(&attached, "allows any principal");
    }
}
