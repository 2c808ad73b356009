use crate::graph::Truth;
use crate::graph::kms::is_aws_managed_key;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-012",
    name: "no-customer-managed-key",
    pillar: Pillar::Data,
    severity: Severity::Low,
    enabled_by_default: false,
    inputs: ALL_INPUTS,
    summary: "Always-encrypted service uses an AWS-managed key instead of a customer-managed one",
    docs: r#"
## What it checks
Services that are always encrypted at rest but, unless told otherwise, with keys AWS owns or
manages: SQS queues (`kms_master_key_id` / `KmsMasterKeyId`), DynamoDB tables
(`server_side_encryption.kms_key_arn` / `SSESpecification.KMSMasterKeyId`), CloudWatch log
groups (`kms_key_id` / `KmsKeyId`) and Secrets Manager secrets (`kms_key_id` / `KmsKeyId`).
A key argument that names an AWS-managed key (`alias/aws/sqs`, or a `data.aws_kms_key` /
`data.aws_kms_alias` that reads one) is reported too: AWS manages that key, not you.
Off by default: it is a key-management policy choice, not an exposure.

## Why it matters
With a customer-managed key, every decryption is an authorization you control and audit, and
revoking the key revokes access to the data wherever copies went.

## How to fix
Set the KMS key argument to a customer-managed key with rotation enabled.

## References
- AWS Security Hub SQS.1, SecretsManager (KMS key controls)
"#,
    fix_terraform: "set the service's KMS key argument to a customer-managed key",
    fix_cloudformation: "set the service's KMS key property to a customer-managed key",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let locations: [(&str, &[&str]); 8] = [
        ("aws_sqs_queue", &["kms_master_key_id"]),
        ("AWS::SQS::Queue", &["KmsMasterKeyId"]),
        (
            "aws_dynamodb_table",
            &["server_side_encryption", "kms_key_arn"],
        ),
        (
            "AWS::DynamoDB::Table",
            &["SSESpecification", "KMSMasterKeyId"],
        ),
        ("aws_cloudwatch_log_group", &["kms_key_id"]),
        ("AWS::Logs::LogGroup", &["KmsKeyId"]),
        ("aws_secretsmanager_secret", &["kms_key_id"]),
        ("AWS::SecretsManager::Secret", &["KmsKeyId"]),
    ];
    for (kind, path) in locations {
        for r in ctx.resources(&[kind]).collect::<Vec<_>>() {
            let key = match setting(r, path) {
                Setting::Absent => None,
                Setting::Value(v) if v.is_given().is_no() => None,
                Setting::Value(v) => Some(v),
            };
            let Some(key) = key else {
                ctx.report(
                    r,
                    r.span,
                    format!(
                        "`{}` is encrypted with a key AWS manages, not a customer-managed key",
                        r.address
                    ),
                );
                continue;
            };
            // A partly known ARN can still name an AWS-managed alias.
            match (is_aws_managed_key(ctx.model, key), key.is_given()) {
                (Truth::Yes, _) => ctx.report(
                    r,
                    key.span,
                    format!(
                        "`{}` is encrypted with an AWS-managed key, not a customer-managed key",
                        r.address
                    ),
                ),
                (Truth::No, Truth::Yes) => {}
                _ => ctx.unknown(r, key),
            }
        }
    }
}
