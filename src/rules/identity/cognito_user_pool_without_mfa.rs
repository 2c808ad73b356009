use crate::aws::identity;
use crate::graph::Node;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-024",
    name: "cognito-user-pool-without-mfa",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Cognito user pool lets users sign in with a password alone",
    docs: r#"
## What it checks
Cognito user pools whose `mfa_configuration` / `MfaConfiguration` is `OFF`, or absent (`OFF`
is the default in both formats). `ON` (every user must use a second factor) and `OPTIONAL`
(users who set one up must use it) pass: with `OPTIONAL` the choice is the user's, which
zt-lint does not second-guess. A value not known statically is undecided.

## Why it matters
With MFA off, a leaked, phished or reused password is the whole identity: the attacker
signs in as the user and receives the user's tokens (and, through an identity pool, the
user's AWS credentials). Zero trust verifies identities with more than one factor; `OFF`
also stops users who want a second factor from adding one.

## How to fix
Terraform: `mfa_configuration = "ON"` with `software_token_mfa_configuration { enabled = true }`
(or an SMS or email configuration). CloudFormation: `MfaConfiguration: "ON"` with
`EnabledMfas: [SOFTWARE_TOKEN_MFA]`. Use `OPTIONAL` only while users enrol.

## References
- Amazon Cognito Developer Guide, "Adding MFA to a user pool"
- Amazon Cognito API Reference, `CreateUserPool` (`MfaConfiguration`, default `OFF`)
- NIST SP 800-63B, authenticator assurance level 2
"#,
    fix_terraform: "set mfa_configuration = \"ON\" and configure a software token (or SMS/email) factor",
    fix_cloudformation: "set MfaConfiguration: \"ON\" and EnabledMfas: [SOFTWARE_TOKEN_MFA]",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for entry in identity::USER_POOL_MFA {
        let name = entry.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&entry.kind))
            .collect::<Vec<_>>()
        {
            match setting(r, entry.path) {
                // A plan's value that no expression sets is the provider's default.
                Setting::Absent => report_default(ctx, r, name, entry.default),
                Setting::Value(v) if v.is_unset() => report_default(ctx, r, name, entry.default),
                Setting::Value(v) => match mfa_off(v) {
                    Some(true) => ctx.report(
                        r,
                        v.span,
                        format!(
                            "`{}` turns MFA off: users sign in with a password alone",
                            r.address
                        ),
                    ),
                    Some(false) => {}
                    None => ctx.unknown(r, v),
                },
            }
        }
    }
}

fn report_default(ctx: &mut Context<'_>, r: &crate::graph::Resource, name: &str, default: &str) {
    if default.eq_ignore_ascii_case("OFF") {
        ctx.report(
            r,
            r.span,
            format!(
                "`{}` lets users sign in with a password alone ({name} is not set and defaults to {default})",
                r.address
            ),
        );
    }
}

/// `Some(true)` for `OFF`, `Some(false)` for another known text, `None` when not known.
fn mfa_off(v: &Node) -> Option<bool> {
    v.as_str().map(|s| s.trim().eq_ignore_ascii_case("OFF"))
}
