use crate::aws::identity;
use crate::graph::policy::{Effect, PolicyKind, Statement, action_text, is_full_wildcard};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-014",
    name: "resource-policy-wildcard-action",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Resource policy grants every action, or every action of a service, to a principal",
    page: rule_page!("identity/resource_policy_wildcard_action.md"),
    check,
};

/// What a statement's actions say about wildcards.
enum Wildcard<'a> {
    /// `*`, `*:*` or `service:*`, with its text.
    Found(&'a Node, String),
    /// No wildcard among the known actions, but an action not known statically might be one.
    Undecided(&'a Node),
    Absent,
}

/// Is an action pattern `*`, `*:*` or `service:*`?
fn is_wildcard_action(text: &str) -> bool {
    is_full_wildcard(text) || text.split_once(':').is_some_and(|(_, rest)| rest == "*")
}

/// The wildcard action of a statement: `*`, `*:*` or `service:*`.
fn wildcard_action(statement: &Statement) -> Wildcard<'_> {
    let Some(actions) = statement.action_list() else {
        return match statement.actions.as_ref().filter(|a| a.is_unknown()) {
            Some(unknown) => Wildcard::Undecided(unknown),
            None => Wildcard::Absent,
        };
    };
    let mut undecided = None;
    for a in actions {
        match action_text(a) {
            Some(text) if is_wildcard_action(&text) => {
                return Wildcard::Found(a, text.into_owned());
            }
            Some(_) => {}
            None if a.is_unknown() => {
                undecided.get_or_insert(a);
            }
            None => {}
        }
    }
    undecided.map_or(Wildcard::Absent, Wildcard::Undecided)
}

/// Is every principal of the statement an account root (`arn:aws:iam::111122223333:root`,
/// or the bare account id)? `Unknown` when a principal is not known statically.
fn only_account_roots(statement: &Statement) -> Truth {
    let Some(principals) = statement.principals() else {
        return Truth::Unknown;
    };
    let mut verdict = Truth::from_bool(!principals.is_empty());
    for (kind, node) in principals {
        if kind != "AWS" {
            return Truth::No;
        }
        let root = match (node.as_str(), node.text_shape()) {
            (Some(s), _) => {
                Truth::from_bool(s.ends_with(":root") || s.bytes().all(|b| b.is_ascii_digit()))
            }
            (None, Some(shape)) if shape.ends_with(":root") => Truth::Yes,
            // `*` marks the unknown parts of a shape: only a known ending rules out a root.
            (None, Some(shape)) if !shape.ends_with('*') => Truth::No,
            _ => Truth::Unknown,
        };
        verdict = verdict.and(root);
    }
    verdict
}

fn check(ctx: &mut Context<'_>) {
    lambda_permissions(ctx);
    for attached in ctx.policies_where(PolicyKind::Resource, |a| !a.is_endpoint_policy()) {
        for statement in &attached.document.statements {
            if statement.effect != Effect::Allow || statement.principal.is_none() {
                continue;
            }
            if matches!(statement.open_to_anyone(), Some((_, Truth::No))) {
                continue;
            }
            let (action, text) = match wildcard_action(statement) {
                Wildcard::Found(action, text) => (action, text),
                Wildcard::Undecided(unknown) => {
                    ctx.unknown(attached.resource, unknown);
                    continue;
                }
                Wildcard::Absent => continue,
            };
            if attached.is_key_policy() && (text == "kms:*" || is_full_wildcard(&text)) {
                match only_account_roots(statement) {
                    Truth::Yes => continue,
                    Truth::Unknown => {
                        if let Some(p) = &statement.principal {
                            ctx.unknown(attached.resource, p);
                        }
                        continue;
                    }
                    Truth::No => {}
                }
            }
            let what = if is_full_wildcard(&text) {
                "every action".to_string()
            } else {
                format!("every {} action", text.trim_end_matches(":*"))
            };
            ctx.report(
                attached.resource,
                action.span,
                format!(
                    "`{}` grants {what} (\"{}\") to its principal",
                    attached.resource.address,
                    action.as_str().unwrap_or_default()
                ),
            );
        }
    }
}

/// Lambda permissions are one statement each, written as settings rather than a document: the
/// API takes `lambda:*` or `*` as the action, which hands the principal the function's code,
/// configuration and policy, not only invocation. Reported whoever the principal is: a source
/// that narrows who invokes (`ZT-IAM-012`) does not narrow what they may do.
fn lambda_permissions(ctx: &mut Context<'_>) {
    for permission in identity::INVOKE_PERMISSIONS {
        for r in ctx
            .resources(std::slice::from_ref(&permission.kind))
            .collect::<Vec<_>>()
        {
            let Some(action) = r.get(permission.action) else {
                continue;
            };
            match action.as_str() {
                Some(text) if is_wildcard_action(text) => {
                    let what = if is_full_wildcard(text) {
                        "every action".to_string()
                    } else {
                        format!("every {} action", text.trim_end_matches(":*"))
                    };
                    ctx.report(
                        r,
                        action.span,
                        format!(
                            "`{}` grants {what} (\"{text}\") on the function to its principal",
                            r.address
                        ),
                    );
                }
                Some(_) => {}
                None if action.is_unknown() => ctx.unknown(r, action),
                None => {}
            }
        }
    }
}
