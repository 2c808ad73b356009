use crate::aws::exposure::CROSS_ACCOUNT_POLICY_HOLDERS;
use crate::graph::policy::{self, Account, Effect, PolicyKind, Statement};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-015",
    name: "topic-policy-cross-account",
    pillar: Pillar::Data,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "SNS topic policy grants access to another AWS account",
    page: rule_page!("data/topic_policy_cross_account.md"),
    check,
};

/// Condition keys that confine the callers to the organization.
const ORGANIZATION_KEYS: &[&str] = &["aws:principalorgid", "aws:principalorgpaths"];

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let judged = ctx.policies_where(PolicyKind::Resource, |a| {
        CROSS_ACCOUNT_POLICY_HOLDERS.contains(&a.resource.kind.as_str())
    });
    for attached in judged {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow {
                continue;
            }
            let Some(principals) = statement.principals() else {
                continue;
            };
            let in_organization = match statement.conditions() {
                None => Truth::Unknown,
                Some(c) => Truth::from_bool(
                    c.iter()
                        .any(|e| e.is_positive() && ORGANIZATION_KEYS.contains(&e.key.as_str())),
                ),
            };
            if in_organization.is_yes() {
                continue;
            }
            for (kind, node) in principals {
                if kind != "AWS" {
                    continue;
                }
                let topic_account = topic_account(statement);
                let account = match policy::principal_account(model, node) {
                    Some(Account::Other(id)) if topic_account == Some(id.as_str()) => {
                        continue;
                    }
                    Some(account) => account,
                    None => continue,
                };
                match (account, in_organization) {
                    (Account::This, _) => {}
                    // Without the deploying account (an `aws_caller_identity` data source, a
                    // plan's account, a topic ARN written with its account), a literal account
                    // id may be this account.
                    (Account::Other(id), _)
                        if model.this_account.is_none() && topic_account.is_none() =>
                    {
                        ctx.unknown(
                        attached.resource,
                        &Node::unknown(
                            format!(
                                "the account this configuration deploys to is not known statically, so account {id} may be it"
                            ),
                            node.span,
                        ),
                    )
                    }
                    (Account::Other(id), Truth::No) => ctx.report(
                        attached.resource,
                        node.span,
                        format!(
                            "`{}` lets account {id} use the topic",
                            attached.resource.address
                        ),
                    ),
                    _ => ctx.unknown(attached.resource, node),
                }
            }
        }
    }
}

/// The account of the topic ARN the statement's resource element writes literally, if any
/// (`arn:aws:sns:eu-west-1:111122223333:orders`): the topic's own account, so a principal of
/// that account is not another one, and any other account is.
fn topic_account(statement: &Statement) -> Option<&str> {
    statement
        .resource_list()
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|arn| arn.starts_with("arn:"))
        .find_map(|arn| {
            arn.split(':')
                .nth(4)
                .filter(|a| !a.is_empty() && !a.contains('*'))
        })
}
