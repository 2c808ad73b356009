use crate::aws::exposure::PUBLIC_SHARES;
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
    page: rule_page!("network/image_or_snapshot_shared_publicly.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    for (r, grant, what) in public_grants(ctx.model, PUBLIC_SHARES) {
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
