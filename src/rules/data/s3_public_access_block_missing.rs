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
    docs: r#"
## What it checks
S3 buckets without a public access block: no `aws_s3_bucket_public_access_block` for the
bucket, no account-wide `aws_s3_account_public_access_block` in the configuration, and no
CloudFormation `PublicAccessBlockConfiguration`. Settings explicitly turned off are
`ZT-DAT-004`.

Since April 2023 S3 turns Block Public Access on for new buckets by default, so the severity is
low: the finding is that the protection is left implicit, where a later console change or an
old bucket policy can undo it unnoticed.

## Why it matters
Public access block is the account's last line against a public bucket policy or ACL.
Declaring it makes the intent reviewable and enforced by the configuration.

## How to fix
```hcl
resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
```
CloudFormation: `PublicAccessBlockConfiguration` with the four settings `true`.

## References
- CIS AWS Foundations Benchmark v3.0, control 2.1.4
- AWS Security Hub S3.1, S3.8
"#,
    fix_terraform: "add an aws_s3_bucket_public_access_block for the bucket with all four settings true",
    fix_cloudformation: "add PublicAccessBlockConfiguration with all four settings true",
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
