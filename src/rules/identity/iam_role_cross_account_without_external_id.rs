use crate::graph::Truth;
use crate::graph::policy::{self, Effect, PolicyKind};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-005",
    name: "iam-role-cross-account-without-external-id",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM role trusts another AWS account without an external ID",
    docs: r#"
## What it checks
Role trust policies that let an AWS account (a 12-digit account id or an
`arn:aws:iam::ACCOUNT:...` principal written in the configuration) call `sts:AssumeRole`
without a condition on `sts:ExternalId`, `aws:PrincipalOrgID`/`aws:PrincipalOrgPaths` (the
account is in your organization) or `aws:MultiFactorAuthPresent` (a person with MFA). Account
ids that come from references, such as `data.aws_caller_identity.current.account_id`, are
not known statically and are not reported.

## Why it matters
A third party that assumes roles in many customers' accounts can be tricked into using its
access on behalf of another customer (the confused deputy). The external ID ties each
assumption to the customer that configured it.

## How to fix
Add `Condition: {StringEquals: {"sts:ExternalId": "<id agreed with the third party>"}}`, or for
accounts in your organization, `aws:PrincipalOrgID`.

## References
- AWS IAM User Guide, "The confused deputy problem"
"#,
    fix_terraform: "add a condition on sts:ExternalId (or aws:PrincipalOrgID for accounts in your organization)",
    fix_cloudformation: "add a condition on sts:ExternalId (or aws:PrincipalOrgID for accounts in your organization)",
    check,
};

const MITIGATING_KEYS: &[&str] = &[
    "sts:externalid",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:multifactorauthpresent",
];

fn is_account_principal(text: &str) -> bool {
    let account = text
        .strip_prefix("arn:")
        .and_then(|rest| rest.split(':').nth(3))
        .unwrap_or(text);
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

fn check(ctx: &mut Context<'_>) {
    for attached in policy::attached_policies(ctx.model) {
        if attached.kind != PolicyKind::Trust {
            continue;
        }
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow
                || !statement.allows_action("sts:AssumeRole").is_yes()
            {
                continue;
            }
            let Some(principals) = statement.principals() else {
                continue;
            };
            let accounts: Vec<_> = principals
                .iter()
                .filter(|(kind, n)| *kind == "AWS" && n.as_str().is_some_and(is_account_principal))
                .collect();
            if accounts.is_empty() {
                continue;
            }
            let mitigated = match statement.conditions() {
                None => Truth::Unknown,
                Some(c) => Truth::from_bool(
                    c.iter()
                        .any(|e| e.is_positive() && MITIGATING_KEYS.contains(&e.key.as_str())),
                ),
            };
            for (_, account) in accounts {
                match mitigated {
                    Truth::No => ctx.report(
                        attached.resource,
                        account.span,
                        format!(
                            "`{}` trusts {} without an sts:ExternalId condition",
                            attached.resource.address,
                            account.as_str().unwrap_or("another account")
                        ),
                    ),
                    Truth::Unknown => ctx.unknown(attached.resource, account),
                    Truth::Yes => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_principals() {
        assert!(is_account_principal("111122223333"));
        assert!(is_account_principal("arn:aws:iam::111122223333:root"));
        assert!(is_account_principal("arn:aws:iam::111122223333:role/x"));
        assert!(!is_account_principal("ec2.amazonaws.com"));
        assert!(!is_account_principal("*"));
    }
}
