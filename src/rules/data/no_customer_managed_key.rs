use crate::aws::Catalog;
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-012",
    name: "no-customer-managed-key",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Encrypted data store uses a key AWS owns or manages instead of a customer-managed one",
    docs: r#"
## What it checks
Data encrypted at rest, but with a key AWS owns or manages because no customer-managed KMS key
is named: SQS queues, SNS topics, Kinesis streams, DynamoDB tables, DocumentDB clusters,
CloudWatch log groups, Secrets Manager secrets, SSM SecureString parameters (Terraform only:
CloudFormation cannot create them), ECR repositories, CodeBuild projects, SageMaker notebook
instances and endpoint configurations, MSK clusters, Amazon MQ brokers, Backup vaults and
ElastiCache Serverless caches. A key named as `alias/aws/...` (or the ARN of such an
alias, or a KMS data source looking one up) is AWS-managed, not customer-managed. Storage that is
not encrypted at all is ZT-DAT-001's finding, not this one. Off by default: it is a
key-management policy choice, not an exposure.

## Why it matters
With a customer-managed key, every decryption is an authorization you control and audit, and
revoking the key revokes access to the data wherever copies went.

## How to fix
Set the service's KMS key argument (`kms_key_id`, `kms_master_key_id`, `kms_key_arn`,
`encryption_key`, `key_id`; in CloudFormation `KmsKeyId`, `KmsMasterKeyId`, `KMSMasterKeyId`,
`EncryptionKey`, `KmsKey`) to a customer-managed key with rotation enabled.

## References
- AWS Security Hub SQS.1, SNS.1, CloudWatch Logs and Secrets Manager KMS key controls
"#,
    fix_terraform: "set the service's KMS key argument to a customer-managed key",
    fix_cloudformation: "set the service's KMS key property to a customer-managed key",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed() {
        let Some(key) = catalog.customer_managed_key(r) else {
            continue;
        };
        // Unencrypted storage is ZT-DAT-001's finding, not a question of whose key.
        if catalog
            .encryption_at_rest(r)
            .is_some_and(|at_rest| at_rest.state.is_no())
        {
            continue;
        }
        match key.state {
            Truth::Yes => {}
            Truth::No => ctx.report(
                r,
                key.span,
                format!(
                    "`{}` is encrypted with a key AWS owns or manages, not a customer-managed key{}",
                    r.address, key.why
                ),
            ),
            Truth::Unknown => ctx.unknown(r, &key.as_unknown_node()),
        }
    }
}
