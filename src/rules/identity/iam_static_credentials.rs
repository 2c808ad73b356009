use crate::aws::identity;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-007",
    name: "iam-static-credentials",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM user gets long-lived credentials (access key or console password)",
    docs: r#"
## What it checks
Long-lived credentials created as code: `aws_iam_access_key`, `aws_iam_user_login_profile`,
`AWS::IAM::AccessKey`, and `AWS::IAM::User` with a `LoginProfile`.

## Why it matters
Access keys do not expire, leak through laptops, CI logs and repositories, and work from
anywhere. Zero trust prefers short-lived, federated credentials: roles assumed through IAM
Identity Center, OIDC for CI, instance and task roles for workloads.

## How to fix
Remove the key or profile; use IAM Identity Center for people, OIDC federation
(`AssumeRoleWithWebIdentity`) for CI systems, and roles for workloads.

## References
- CIS AWS Foundations Benchmark v3.0, controls 1.11–1.14
- AWS Security Hub IAM.3, IAM.22
"#,
    fix_terraform: "remove the access key / login profile and use federation (IAM Identity Center, OIDC) or roles",
    fix_cloudformation: "remove the access key / LoginProfile and use federation (IAM Identity Center, OIDC) or roles",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for r in ctx.resources(identity::ACCESS_KEYS).collect::<Vec<_>>() {
        ctx.report(
            r,
            r.span,
            format!("`{}` creates a long-lived access key", r.address),
        );
    }
    for r in ctx.resources(identity::LOGIN_PROFILES).collect::<Vec<_>>() {
        ctx.report(
            r,
            r.span,
            format!("`{}` gives an IAM user a console password", r.address),
        );
    }
    for &(kind, key) in identity::INLINE_LOGIN_PROFILES {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            report_inline_profile(ctx, r, key);
        }
    }
}

fn report_inline_profile(ctx: &mut Context<'_>, r: &crate::graph::Resource, key: &str) {
    if let Some(entry) = r.attrs.entry(key)
        && !entry.value.is_null()
    {
        ctx.report(
            r,
            entry.key_span,
            format!("`{}` gives an IAM user a console password", r.address),
        );
    }
}
