use crate::aws::identity;
use crate::graph::policy::{self, Effect, PolicyKind};
use crate::graph::{Node, Resource, ResourceId};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-WKL-006",
    name: "workload-role-admin",
    pillar: Pillar::Workload,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Role assumed by a workload has administrator permissions",
    page: rule_page!("workload/workload_role_admin.md"),
    check,
};

const WORKLOAD_SERVICES: &[&str] = &[
    "lambda.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "ec2.amazonaws.com",
    "pods.eks.amazonaws.com",
];

fn is_workload_role(ctx: &Context<'_>, role: &Resource) -> bool {
    let trust = identity::ROLE_TRUST_POLICIES
        .iter()
        .find_map(|key| role.get(key));
    let Some(doc) =
        trust.and_then(|t| policy::document(ctx.model, &crate::aws::identity::POLICIES, t))
    else {
        return false;
    };
    doc.statements.iter().any(|s| {
        s.effect == Effect::Allow
            && s.principals().is_some_and(|p| {
                p.iter().any(|(kind, n)| {
                    *kind == "Service" && n.as_str().is_some_and(|v| WORKLOAD_SERVICES.contains(&v))
                })
            })
    })
}

/// The document of a customer managed policy, in whichever format's key it is written.
fn managed_policy_document(policy: &Resource) -> Option<&Node> {
    identity::MANAGED_POLICY_DOCUMENTS
        .iter()
        .find_map(|key| policy.get(key))
}

fn is_admin_arn(node: &Node) -> bool {
    node.as_str()
        .is_some_and(|a| a.ends_with(":iam::aws:policy/AdministratorAccess"))
}

/// Where an admin grant to the role is written, if any.
fn admin_grants<'a>(ctx: &Context<'a>, id: ResourceId, role: &'a Resource) -> Vec<Node> {
    let model = ctx.model;
    let mut grants = Vec::new();
    for key in identity::ROLE_MANAGED_POLICY_ARNS {
        for arn in role.get(key).map(Node::items).unwrap_or_default() {
            if is_admin_arn(arn) {
                grants.push(arn.clone());
            } else if let Some(doc) = model
                .resolve_kind(arn, identity::MANAGED_POLICIES.kinds)
                .and_then(|(_, p)| managed_policy_document(p))
                .and_then(|p| policy::document(model, &crate::aws::identity::POLICIES, p))
                && doc.full_admin().is_some()
            {
                grants.push(arn.clone());
            }
        }
    }
    for attached in policy::attached_policies(model, &crate::aws::identity::POLICIES) {
        if attached.kind != PolicyKind::Identity {
            continue;
        }
        let Some(star) = attached.document.full_admin() else {
            continue;
        };
        let granted_to_role = std::ptr::eq(attached.resource, role)
            || identity::POLICY_ROLE_KEYS.iter().any(|k| {
                attached
                    .resource
                    .get(k)
                    .is_some_and(|r| r.items().iter().any(|n| model.resolve(n) == Some(id)))
            });
        if granted_to_role {
            grants.push(star.clone());
        }
    }
    let split = &identity::ROLE_POLICY_ATTACHMENT;
    for (_, attachment) in model.configuring(id, std::slice::from_ref(&split.kind), split.role) {
        let Some(arn) = attachment.get(split.policy_arn) else {
            continue;
        };
        let customer_admin = model
            .resolve_kind(arn, identity::MANAGED_POLICIES.kinds)
            .and_then(|(_, p)| managed_policy_document(p))
            .and_then(|p| policy::document(model, &crate::aws::identity::POLICIES, p))
            .is_some_and(|d| d.full_admin().is_some());
        if is_admin_arn(arn) || customer_admin {
            grants.push(arn.clone());
        }
    }
    grants
}

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for (id, role) in model.of_kind(identity::ROLES) {
        if !role.is_managed() || !is_workload_role(ctx, role) {
            continue;
        }
        for grant in admin_grants(ctx, id, role) {
            ctx.report(
                role,
                grant.span,
                format!(
                    "`{}` is assumed by a workload and has administrator permissions",
                    role.address
                ),
            );
        }
    }
}
