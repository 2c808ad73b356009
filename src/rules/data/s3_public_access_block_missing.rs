use crate::aws::s3;
use crate::graph::{Node, Resource, Truth};
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
    // An account-level block covers every bucket, unless it turns every switch off. Decided
    // once for the model: a switch not known statically leaves every bucket without a block
    // of its own undecided.
    let account = ctx
        .resources(s3::ACCOUNT_PUBLIC_ACCESS_BLOCKS)
        .map(account_block_covers)
        .fold(Truth::No, Truth::or);
    if account == Truth::Yes {
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
            Truth::No if account == Truth::Unknown => ctx.unknown(
                r,
                &Node::unknown(
                    "the account-wide public access block turns its switches on or off with values not known statically",
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

/// Whether an account-level block may block anything: every switch off (each is off when not
/// written, as in the PutPublicAccessBlock API) blocks nothing, so the buckets are judged on
/// their own; one switch on covers them; a switch not known statically might be either.
fn account_block_covers(account: &Resource) -> Truth {
    let Some(entry) = s3::PUBLIC_ACCESS_BLOCK_SETTINGS
        .iter()
        .find(|e| e.kind == account.kind)
    else {
        return Truth::Yes;
    };
    entry
        .settings
        .iter()
        .map(|key| match account.get(key) {
            Some(v) if v.is_written() => v.truth(),
            _ => Truth::from_bool(entry.absent_is_on),
        })
        .fold(Truth::No, Truth::or)
}
