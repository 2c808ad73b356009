use crate::aws::identity;
use crate::rules::settings::require_bool;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-016",
    name: "cognito-identity-pool-unauthenticated",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Cognito identity pool gives AWS credentials to unauthenticated guests",
    docs: r#"
## What it checks
Cognito identity pools with `allow_unauthenticated_identities = true` /
`AllowUnauthenticatedIdentities: true` (off when absent). What the guests may then do depends
on the pool's unauthenticated role, which is judged by the IAM policy rules.

## Why it matters
Anyone on the internet who knows the pool id (it ships inside the web or mobile app) can call
`GetId` and `GetCredentialsForIdentity` and receive temporary AWS credentials, without signing
in. Zero trust grants access to verified identities; guest access makes the unauthenticated
role's permissions public.

## How to fix
Terraform: `allow_unauthenticated_identities = false`. CloudFormation:
`AllowUnauthenticatedIdentities: false`. If guests need something, serve it through an API
that authorizes them, or keep the unauthenticated role to the few actions it must allow.

## References
- Amazon Cognito Developer Guide, "Identity pools (federated identities)", guest access
- AWS Well-Architected SEC03-BP02 (grant least privilege access)
"#,
    fix_terraform: "set allow_unauthenticated_identities = false",
    fix_cloudformation: "set AllowUnauthenticatedIdentities: false",
    check,
};

fn check(ctx: &mut Context<'_>) {
    require_bool(
        ctx,
        identity::UNAUTHENTICATED_IDENTITIES,
        false,
        "gives AWS credentials to unauthenticated guests",
    );
}
