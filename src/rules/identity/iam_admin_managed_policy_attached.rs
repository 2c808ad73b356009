use crate::aws::identity;
use crate::graph::Node;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-IAM-009",
    name: "iam-admin-managed-policy-attached",
    pillar: Pillar::Identity,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "AdministratorAccess-class or CloudShell full-access managed policy is attached",
    page: rule_page!("identity/iam_admin_managed_policy_attached.md"),
    check,
};

fn admin_policy(node: &Node) -> Option<&'static str> {
    let arn = node.as_str()?;
    let name = arn.strip_prefix("arn:")?.rsplit(":policy/").next()?;
    let is_aws_managed = arn.contains(":iam::aws:policy/");
    identity::ADMINISTRATOR_CLASS_POLICIES
        .iter()
        .copied()
        .find(|p| is_aws_managed && name == *p)
}

fn check(ctx: &mut Context<'_>) {
    for &(kind, key) in identity::MANAGED_POLICY_ATTACHMENTS {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let Some(value) = r.get(key) else { continue };
            for arn in value.items() {
                if let Some(policy) = admin_policy(arn) {
                    ctx.report(
                        r,
                        arn.span,
                        format!("`{}` attaches the {policy} managed policy", r.address),
                    );
                } else if arn.is_unknown() && arn.as_reference().is_none() {
                    ctx.unknown(r, arn);
                }
            }
        }
    }
}
