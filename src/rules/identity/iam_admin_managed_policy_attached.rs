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
    docs: r#"
## What it checks
The AWS managed policies `AdministratorAccess`, `IAMFullAccess`, `PowerUserAccess` and
`AWSCloudShellFullAccess` attached to a user, group or role: `aws_iam_*_policy_attachment`, `aws_iam_policy_attachment`,
`aws_iam_role.managed_policy_arns`, `aws_iam_role_policy_attachments_exclusive`, and
`ManagedPolicyArns` of `AWS::IAM::Role`, `User` and `Group`
(`!Sub arn:${AWS::Partition}:iam::aws:policy/...` included), and IAM Identity Center permission
sets (`aws_ssoadmin_managed_policy_attachment`, `ManagedPolicies` of `AWS::SSO::PermissionSet`),
which become roles in every account they are assigned to.

## Why it matters
These are standing administrator privileges. Zero trust grants administration just in time,
through a break-glass role with approval, not permanently. `AWSCloudShellFullAccess` belongs
with them: it opens a shell that runs with the principal's own credentials and moves files in
and out of it, a path around the network controls that guard data.

## How to fix
Attach a policy scoped to the job; keep administrator access for an audited break-glass role.

## References
- CIS AWS Foundations Benchmark v3.0, controls 1.16 and 1.22
- AWS Security Hub IAM.27
"#,
    fix_terraform: "attach a policy scoped to the job instead of an administrator-class managed policy",
    fix_cloudformation: "use a policy scoped to the job instead of an administrator-class managed policy",
    check,
};

const ADMIN_POLICIES: &[&str] = &[
    "AdministratorAccess",
    "IAMFullAccess",
    "PowerUserAccess",
    "AWSCloudShellFullAccess",
];

fn admin_policy(node: &Node) -> Option<&'static str> {
    let arn = node.as_str()?;
    let name = arn.strip_prefix("arn:")?.rsplit(":policy/").next()?;
    let is_aws_managed = arn.contains(":iam::aws:policy/");
    ADMIN_POLICIES
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
