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
    page: rule_page!("identity/iam_role_cross_account_without_external_id.md"),
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
