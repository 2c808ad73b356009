use super::iam_policy_wildcard_resource_sensitive_actions::{passes_any_role, reports_action};
use crate::aws::restrictable_actions::{self, RestrictableAction};
use crate::graph::policy::{
    Effect, Narrowing, PolicyDocument, PolicyKind, Statement, action_text, is_full_wildcard,
    reaches_every_resource, wildcard_match,
};
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-026",
    name: "iam-policy-wildcard-resource-write-actions",
    pillar: Pillar::Identity,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "IAM policy allows write, permissions-management or tagging actions that take a resource ARN on every resource",
    page: rule_page!("identity/iam_policy_wildcard_resource_write_actions.md"),
    check,
};

/// How many granted actions a message names before "+N more".
const NAMED_ACTIONS: usize = 3;

fn check(ctx: &mut Context<'_>) {
    for attached in ctx.policies(PolicyKind::Identity) {
        let document = attached.document;
        // ZT-IAM-003 reports a PassRole companion only when PassRole on every role is known;
        // otherwise the element is this rule's.
        let passes_any_role = passes_any_role(document).0 == Truth::Yes;
        for statement in &document.statements {
            // `NotAction` on every resource is full administrator access (ZT-IAM-001).
            if statement.effect != Effect::Allow || statement.not_actions.is_some() {
                continue;
            }
            let Some(actions) = statement.action_list() else {
                if let Some(node) = &statement.actions
                    && !no_resource_reaches_everything(statement)
                {
                    ctx.unknown(attached.resource, node);
                }
                continue;
            };
            // A statement allowing every action is ZT-IAM-001's finding, whatever else it lists.
            if actions
                .iter()
                .any(|n| n.as_str().is_some_and(is_full_wildcard))
            {
                continue;
            }
            let grants = restrictable_grants(statement, actions, document, passes_any_role);
            if let Some(node) = grants.unread.or(grants.unread_resource) {
                ctx.unknown(attached.resource, node);
                continue;
            }
            let Some(target) = grants.target else {
                continue;
            };
            let request_tags = grants.rows.iter().any(|r| r.takes_request_tags());
            match statement.narrows_resources(ctx.model, request_tags) {
                Narrowing::Yes => continue,
                Narrowing::Unknown { span, reason } => {
                    ctx.unknown(attached.resource, &Node::unknown(reason, span));
                    continue;
                }
                Narrowing::No => {}
            }
            if let Some(reason) = grants.deny_undecided {
                ctx.unknown(attached.resource, &Node::unknown(reason, target.span));
                continue;
            }
            let named = grants.written.iter().take(NAMED_ACTIONS);
            let mut listed = named.cloned().collect::<Vec<_>>().join(", ");
            if grants.written.len() > NAMED_ACTIONS {
                listed.push_str(&format!(" +{} more", grants.written.len() - NAMED_ACTIONS));
            }
            ctx.report(
                attached.resource,
                target.span,
                format!(
                    "`{}` allows {listed} on every resource; scope Resource to the ARNs they need",
                    attached.resource.address
                ),
            );
        }
    }
}

/// Is every resource element a known ARN narrower than every resource of any service? Then
/// no action can reach every resource, whatever the statement's actions are.
fn no_resource_reaches_everything(statement: &Statement) -> bool {
    if statement.not_resources.is_some() {
        return false;
    }
    statement.resource_list().is_some_and(|r| {
        r.iter()
            .all(|n| reaches_every_resource(n, "*") == Truth::No)
    })
}

/// The element that makes a statement reach every resource an action pattern acts on (`"*"`,
/// `arn:aws:s3:::*`, or `NotResource`) and whether it does: `Unknown` for a resource not known
/// statically. `None` when every element is a narrower ARN.
fn resource_target<'s>(statement: &'s Statement, pattern: &str) -> Option<(&'s Node, Truth)> {
    if let Some(not_resources) = &statement.not_resources {
        return Some((not_resources, Truth::Yes));
    }
    let service = pattern.split_once(':').map_or(pattern, |(s, _)| s);
    let Some(resources) = statement.resource_list() else {
        // Not a list known statically: a reference to one resource is still its ARN.
        return statement
            .resources
            .as_ref()
            .filter(|r| reaches_every_resource(r, service) != Truth::No)
            .map(|r| (r, Truth::Unknown));
    };
    let mut unknown = None;
    for resource in resources {
        match reaches_every_resource(resource, service) {
            Truth::Yes => return Some((resource, Truth::Yes)),
            Truth::Unknown => unknown = unknown.or(Some(resource)),
            Truth::No => {}
        }
    }
    unknown.map(|r| (r, Truth::Unknown))
}

/// The action elements of a statement that grant a restrictable action on every resource.
struct Grants<'a> {
    /// As written (`s3:Put*`), in order.
    written: Vec<String>,
    /// The table rows they match.
    rows: Vec<&'static RestrictableAction>,
    /// The resource element the finding points at.
    target: Option<&'a Node>,
    /// An action element not known statically.
    unread: Option<&'a Node>,
    /// A resource element, not known statically, that may be every resource for a
    /// restrictable action.
    unread_resource: Option<&'a Node>,
    /// Why a Deny of the same document may scope the grant.
    deny_undecided: Option<String>,
}

/// `*` and `service:*` are ZT-IAM-001's and ZT-IAM-002's findings, and an element ZT-IAM-003
/// reports on every resource is left to it: each says more about that element than this
/// rule would. The other elements are still this rule's, so turning ZT-IAM-003 off or
/// suppressing its finding hides nothing else.
fn restrictable_grants<'a>(
    statement: &'a Statement,
    actions: &'a [Node],
    document: &PolicyDocument,
    passes_any_role: bool,
) -> Grants<'a> {
    let mut grants = Grants {
        written: Vec::new(),
        rows: Vec::new(),
        target: None,
        unread: None,
        unread_resource: None,
        deny_undecided: None,
    };
    for action in actions {
        let Some(pattern) = action_text(action) else {
            if action.is_unknown() {
                grants.unread = grants.unread.or(Some(action));
            }
            continue;
        };
        let service_wide = pattern.split_once(':').is_some_and(|(_, a)| a == "*");
        if is_full_wildcard(&pattern) || service_wide {
            continue;
        }
        let rows: Vec<_> = restrictable_actions::matching(&pattern).collect();
        if rows.is_empty() {
            continue;
        }
        let Some((target, reach)) = resource_target(statement, &pattern) else {
            continue;
        };
        if reach == Truth::Unknown {
            grants.unread_resource = grants.unread_resource.or(Some(target));
            continue;
        }
        // ZT-IAM-003 reports this element on this resource.
        if reports_action(&pattern, passes_any_role) {
            continue;
        }
        let denied = rows.iter().map(|r| denied_elsewhere(r, document));
        match denied.fold(Truth::Yes, Truth::and) {
            Truth::Yes => continue,
            Truth::Unknown => {
                grants.deny_undecided = grants.deny_undecided.or(Some(format!(
                    "a Deny statement with a Condition may limit where `{}` applies",
                    action.as_str().unwrap_or_default()
                )));
            }
            Truth::No => {}
        }
        grants.target = grants.target.or(Some(target));
        grants
            .written
            .push(action.as_str().unwrap_or_default().to_string());
        grants.rows.extend(rows);
    }
    grants
}

/// Does a Deny of the document take `row` back outside some resources? An unconditional Deny
/// with `NotResource` leaves the action only on the resources it lists; an unconditional Deny
/// on every resource leaves it nowhere. `Unknown` for a Deny whose Condition names a resource
/// key (`aws:ResourceTag/...`): it may scope the grant, which is not judged here.
fn denied_elsewhere(row: &RestrictableAction, document: &PolicyDocument) -> Truth {
    let name = format!("{}:{}", row.service, row.action).to_ascii_lowercase();
    let mut verdict = Truth::No;
    for deny in document
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Deny)
    {
        let Some(actions) = deny.action_list() else {
            continue;
        };
        let matches = actions
            .iter()
            .any(|a| action_text(a).is_some_and(|p| wildcard_match(&p, &name)));
        if !matches {
            continue;
        }
        let unconditional = deny.condition.is_none();
        let everywhere = deny.resource_list().is_some_and(|r| {
            r.iter()
                .any(|n| reaches_every_resource(n, row.service) == Truth::Yes)
        });
        if unconditional && (deny.not_resources.is_some() || everywhere) {
            return Truth::Yes;
        }
        let names_resource = deny.conditions().is_some_and(|entries| {
            entries.iter().any(|c| {
                c.key.contains("resourcetag/")
                    || c.key.starts_with("aws:resourceaccount")
                    || c.key.starts_with("aws:resourceorg")
            })
        });
        if names_resource {
            verdict = Truth::Unknown;
        }
    }
    verdict
}
