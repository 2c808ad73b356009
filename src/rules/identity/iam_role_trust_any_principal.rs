use crate::graph::policy::PolicyKind;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-004",
    name: "iam-role-trust-any-principal",
    pillar: Pillar::Identity,
    severity: Severity::Critical,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM role can be assumed by any AWS principal",
    docs: r#"
## What it checks
Role trust policies (`assume_role_policy`, `AssumeRolePolicyDocument`) with an `Allow`
statement whose principal is everyone (`"Principal": "*"` or `{"AWS": "*"}`) and no condition
that narrows it to a known caller: a positive condition on `aws:PrincipalOrgID`,
`aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceArn`,
`aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceVpc(e)` or `aws:SourceIp`.

## Why it matters
Any AWS account in the world can assume such a role. Zero trust never trusts by default.

## How to fix
Name the principals (account or role ARNs), or add `aws:PrincipalOrgID` for your organization.

## References
- AWS IAM User Guide, "Cross-account resource access"
"#,
    fix_terraform: "name the trusted principals, or add a condition on aws:PrincipalOrgID",
    fix_cloudformation: "name the trusted principals, or add a condition on aws:PrincipalOrgID",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Trust) {
        ctx.report_open_to_anyone(&attached, "can be assumed by any AWS principal");
    }
}
