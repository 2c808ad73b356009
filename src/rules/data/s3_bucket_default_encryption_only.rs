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
    docs: r#"
## What it checks
S3 buckets with no server-side encryption configuration: no inline
`server_side_encryption_configuration`, no `aws_s3_bucket_server_side_encryption_configuration`
for the bucket (AWS provider v4+ split resource), no CloudFormation `BucketEncryption`.

Since January 2023 S3 encrypts every new object with SSE-S3 (AWS-owned keys) when nothing is
configured, so such a bucket is not unencrypted; the finding is that encryption is left to a
default whose keys you cannot control, audit or revoke. That is why the severity is low.

## Why it matters
Zero trust wants explicit, auditable key control on data stores: a customer-managed KMS key
puts every read behind a KMS authorization and a CloudTrail record.

## How to fix
Terraform (provider v4+):
```hcl
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}
```
CloudFormation:
```yaml
BucketEncryption:
  ServerSideEncryptionConfiguration:
    - ServerSideEncryptionByDefault:
        SSEAlgorithm: aws:kms
        KMSMasterKeyID: !Ref DataKey
```

## References
- Amazon S3 default encryption (SSE-S3 for all new objects since 2023-01-05)
- AWS Security Hub S3.17 (encryption with KMS keys)
"#,
    fix_terraform: "add an aws_s3_bucket_server_side_encryption_configuration for the bucket, preferably with a customer-managed KMS key",
    fix_cloudformation: "add BucketEncryption with SSEAlgorithm aws:kms and a customer-managed KMSMasterKeyID",
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
