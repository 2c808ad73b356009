use crate::aws::s3;
use crate::graph::{Node, Truth};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-002",
    name: "s3-bucket-default-encryption-only",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "S3 bucket has no explicit server-side encryption configuration",
    page: rule_page!("data/s3_bucket_default_encryption_only.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    let split = &s3::ENCRYPTION_CONFIGURATIONS;
    for (id, r) in model.of_kind(s3::BUCKETS) {
        let Some(bucket) = s3::bucket(&r.kind).filter(|_| r.is_managed()) else {
            continue;
        };
        // Provider v4+ configures encryption with a separate resource.
        match model.is_configured_by(id, split.by, split.attribute) {
            Truth::Yes => continue,
            Truth::Unknown => {
                let why = "an encryption configuration names a bucket not known statically";
                ctx.unknown(r, &Node::unknown(why, r.span));
                continue;
            }
            Truth::No => {}
        }
        let inline = r.get(bucket.encryption);
        // In a plan the inline attribute is computed: not set by the configuration means the
        // bucket gets S3's default, the same as when it is absent.
        match inline.map_or(Truth::No, Node::is_given) {
            Truth::Yes => continue,
            Truth::Unknown => {
                if let Some(config) = inline {
                    ctx.unknown(r, config);
                }
                continue;
            }
            Truth::No => {}
        }
        ctx.report(
            r,
            r.span,
            format!(
                "`{}` has no server-side encryption configuration; it relies on S3's default SSE-S3 with AWS-owned keys",
                r.address
            ),
        );
    }
}
