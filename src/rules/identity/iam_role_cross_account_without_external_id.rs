use crate::graph::Truth;
use crate::graph::policy::{self, Account, Effect, PolicyKind};
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
account is in your organization) or `aws:MultiFactorAuthPresent` (a person with MFA). The
account deployed to (`data.aws_caller_identity.current.account_id`, `${AWS::AccountId}`, or the
account a plan's `aws_caller_identity` read) is the same account, not another one; an account
that is not known statically (a variable) leaves the check undecided.

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

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Trust) {
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
                .filter(|(kind, _)| *kind == "AWS")
                .filter_map(|(_, n)| Some((*n, policy::principal_account(ctx.model, n)?)))
                .filter(|(_, account)| *account != Account::This)
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
            for (node, account) in accounts {
                match (mitigated, account) {
                    (Truth::Yes, _) => {}
                    (Truth::No, Account::Other(_)) => ctx.report(
                        attached.resource,
                        node.span,
                        format!(
                            "`{}` trusts {} without an sts:ExternalId condition",
                            attached.resource.address,
                            node.as_str().unwrap_or("another account")
                        ),
                    ),
                    _ => ctx.unknown(attached.resource, node),
                }
            }
        }
    }
}
