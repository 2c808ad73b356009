use crate::aws::s3;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-003",
    name: "s3-public-access-block-missing",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket has no explicit public access block",
    page: rule_page!("data/s3_public_access_block_missing.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    // An account-level block covers every bucket.
    if ctx
        .resources(s3::ACCOUNT_PUBLIC_ACCESS_BLOCKS)
        .next()
        .is_some()
    {
        return;
    }
    let split = &s3::PUBLIC_ACCESS_BLOCKS;
    for (id, r) in model.of_kind(s3::BUCKETS) {
        let Some(bucket) = s3::bucket(&r.kind).filter(|_| r.is_managed()) else {
            continue;
        };
        if let Some(inline) = bucket.public_access_block.and_then(|key| r.get(key)) {
            if inline.is_unknown() {
                ctx.unknown(r, inline);
            }
            continue;
        }
        match model.is_configured_by(id, split.by, split.attribute) {
            Truth::Yes => {}
            Truth::Unknown => ctx.unknown(
                r,
                &Node::unknown(
                    "a public access block names a bucket not known statically",
                    r.span,
                ),
            ),
            Truth::No => ctx.report(
                r,
                r.span,
                format!("`{}` has no explicit S3 public access block", r.address),
            ),
        }
    }
}
