use crate::graph::exposure::{ShareGrant, public_grants};
use crate::rules::{Context, Pillar, Rule, Severity, TERRAFORM_INPUTS};

pub static RULE: Rule = Rule {
    id: "ZT-NET-017",
    name: "image-or-snapshot-shared-publicly",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: TERRAFORM_INPUTS,
    summary: "AMI, RDS snapshot or SSM document is shared with every AWS account",
    docs: r#"
## What it checks
Launch permissions, snapshot shares and SSM document permissions that name `all`, which makes
the image, snapshot or document public:
`aws_ami_launch_permission` with `group = "all"`, and `aws_db_snapshot`, `aws_db_snapshot_copy`
and `aws_db_cluster_snapshot` whose `shared_accounts` include `"all"`, and `aws_ssm_document`
with `permissions = { type = "Share", account_ids = "All" }` (ids are comma-separated; `All`
among them shares with everyone). EBS snapshot permissions
(`aws_ebs_snapshot_create_volume_permission`) name one account each and cannot be public.
CloudFormation has no resource for image or snapshot permissions, and `AWS::SSM::Document`
cannot share.

## Why it matters
A public AMI or snapshot can be copied by anyone with an AWS account. Images and database
snapshots routinely hold credentials, keys, customer data and the application itself; a public
SSM document shows every account how you administer your instances, and any secret written in
it. Zero trust shares them with named accounts or an organization only.

## How to fix
Share with specific accounts (`account_id`, `shared_accounts = ["111122223333"]`) or an
organization (`organization_arn`), never `all`; for an SSM document, list account ids in
`account_ids`.

## References
- AWS Security Hub EC2.1 (EBS snapshots), RDS.1 (RDS snapshots), SSM.4 (SSM documents)
- Amazon EC2 User Guide, "Understand shared AMI use"
"#,
    fix_terraform: "share with specific account ids or an organization instead of \"all\"",
    fix_cloudformation: "CloudFormation has no resource for image or snapshot permissions",
    check,
};

fn check(ctx: &mut Context<'_>) {
    for (r, grant, what) in public_grants(ctx.model) {
        match grant {
            ShareGrant::Public(node) => ctx.report(
                r,
                node.span,
                format!(
                    "`{}` shares the {what} with every AWS account (\"all\")",
                    r.address
                ),
            ),
            ShareGrant::Unknown(node) => ctx.unknown(r, node),
        }
    }
}
