use crate::aws::exposure::PUBLIC_SHARES;
use crate::graph::exposure::{ShareGrant, public_grants};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-017",
    name: "image-or-snapshot-shared-publicly",
    pillar: Pillar::Network,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "AMI, RDS snapshot, SSM document or Lambda layer is shared with every AWS account",
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
                    "`{}` shares the {what} with every AWS account (\"{}\")",
                    r.address,
                    node.as_str().unwrap_or_default()
                ),
            ),
            ShareGrant::Unknown(node) => ctx.undecided_because(
                r,
                node.span,
                format!(
                    "whether the {what} is shared with every AWS account is not known statically ({})",
                    node.unknown_reason().unwrap_or("a value not known statically")
                ),
            ),
        }
    }
}
