use crate::aws::{Catalog, Facet};
use crate::graph::{Resource, Truth};
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
is named. Databases: RDS and Aurora clusters, Performance Insights of DB instances, activity
streams and DB snapshot copies, DocumentDB, Neptune, Redshift clusters, snapshot copy grants and
Serverless namespaces, ElastiCache replication groups and Serverless caches, MemoryDB,
OpenSearch and Elasticsearch domains, DynamoDB tables and table replicas, Keyspaces tables,
Timestream databases, DMS replication instances and endpoints. Storage: EBS volumes, snapshot
copies and AMI copies, EFS, FSx (Windows, ONTAP, OpenZFS, persistent Lustre), Backup vaults.
Streams and messages: SQS, SNS, Kinesis data and video streams, Firehose (Direct PUT), MSK,
Amazon MQ, EventBridge Scheduler, AppFlow. Build, ML and operations: CodeBuild, CodePipeline
artifact stores, CodeArtifact, ECR, Image Builder components, the AMIs each Region of an Image
Builder distribution gets and the EBS volumes of image recipes, CodeGuru Reviewer, SageMaker
notebooks, endpoint configurations, data quality jobs (results and volumes) and flow
definitions, Comprehend entity recognizers (model and volumes), Kendra, Bedrock agents,
CloudWatch log groups, CloudTrail Lake event data stores, Secrets Manager, SSM SecureString
parameters (Terraform only: CloudFormation cannot create them), Network Firewall firewalls,
policies and rule groups (Terraform), ECS Exec session data of clusters that configure ECS
Exec, Amazon Connect Kinesis Video streams and S3 destinations that name a key (an S3
destination without its own encryption config stores under its bucket's default, not judged
here), and S3 objects and object copies (Terraform): the object's `kms_key_id`; its
`server_side_encryption` alone means `aws/s3` or SSE-S3; with neither, the default encryption
of its bucket when the bucket is in the configuration, else undecided.

A key named as `alias/aws/...` (or the ARN of such an alias, or a KMS data source looking one
up) is AWS-managed, not customer-managed. An EBS volume or copy without a key uses the account's
default EBS key: customer-managed when the configuration sets `aws_ebs_default_kms_key` to one.
A restore, replica or same-region copy without a key keeps its source's key, which the
configuration does not show: undecided, not a finding; so is an Image Builder distribution
without a key (the AMI keeps its snapshots' key or takes the Region's default EBS key) and a
recipe volume without `encrypted` (it takes its snapshot's). Storage that is not encrypted at all is
ZT-DAT-001's finding, not this one. Off by default: it is a key-management policy choice, not an
exposure.

## Why it matters
With a customer-managed key, every decryption is an authorization you control and audit, and
revoking the key revokes access to the data wherever copies went.

## How to fix
Set the service's KMS key argument (`kms_key_id`, `kms_key_arn`, `kms_master_key_id`,
`encryption_key`, `performance_insights_kms_key_id`, `server_side_encryption.key_arn`, ...; in
CloudFormation `KmsKeyId`, `KmsMasterKeyId`, `KMSMasterKeyId`, `EncryptionKey`, `KmsKey`,
`PerformanceInsightsKMSKeyId`, `KeyARN`, ...) to a customer-managed key with rotation enabled.

## References
- AWS Security Hub SQS.1, SNS.1 (encryption at rest with KMS)
"#,
    fix_terraform: "set the service's KMS key argument to a customer-managed key",
    fix_cloudformation: "set the service's KMS key property to a customer-managed key",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed() {
        let keys = catalog.customer_managed_keys(r);
        // Unencrypted storage is ZT-DAT-001's finding, not a question of whose key.
        if keys.is_empty()
            || catalog
                .encryption_at_rest(r)
                .is_some_and(|at_rest| at_rest.state.is_no())
        {
            continue;
        }
        for key in keys {
            report(ctx, r, &key);
        }
    }
}

fn report(ctx: &mut Context<'_>, r: &Resource, key: &Facet) {
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
