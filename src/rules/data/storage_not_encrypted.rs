use crate::aws::Catalog;
use crate::fix::{Change, Literal};
use crate::graph::Truth;
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-DAT-001",
    name: "storage-not-encrypted",
    pillar: Pillar::Data,
    severity: Severity::High,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "Data store or volume is not encrypted at rest",
    docs: r#"
## What it checks
Storage that AWS leaves unencrypted unless asked, as the AWS service catalog (`src/aws/`)
describes it for each resource type in Terraform and CloudFormation:
- RDS DB instances and RDS/Aurora clusters without `storage_encrypted` / `StorageEncrypted`
  (the default is false). Aurora instances inherit encryption from their cluster and are judged
  there; Aurora Serverless v1 clusters are always encrypted.
- EBS volumes without `encrypted` / `Encrypted`, unless the same configuration turns on the
  account's default EBS encryption; and that account default itself turned off
  (`enabled = false`).
- EFS file systems, DocumentDB and Neptune clusters, ElastiCache replication groups (Redis OSS;
  Valkey is always encrypted), DAX clusters (`server_side_encryption` / `SSESpecification`) and
  OpenSearch/Elasticsearch domains without their encryption setting; SNS topics without a KMS
  key; Kinesis streams without KMS encryption; Firehose Direct PUT delivery streams without
  server-side encryption (a stream that reads Kinesis or MSK keeps its source's encryption).
  All are unencrypted by default.
- EBS volumes that EC2 instances, launch templates and launch configurations create from their
  block device mappings, without `encrypted` / `Encrypted` or a KMS key, unless the account's
  default EBS encryption is declared on. A volume made from a snapshot, and the root volume (made
  from the AMI's snapshot, whatever `encrypted = false` says), take their source's encryption:
  undecided. A root volume no mapping mentions is the AMI's and is not judged.
- Settings that turn encryption off where AWS would encrypt: a Redshift cluster with
  `encrypted` / `Encrypted` false, an SQS queue with SSE-SQS turned off
  (`sqs_managed_sse_enabled` / `SqsManagedSseEnabled` false) and no KMS key, CodeBuild S3 artifacts
  with `encryption_disabled` / `EncryptionDisabled` true (S3 has applied SSE-S3 to every new
  object since January 2023, so what is lost is the encryption of the artifacts with CodeBuild's
  KMS key, the project's own or `alias/aws/s3`, and the access control that key gives), a Glue Data Catalog whose catalog
  encryption mode is `DISABLED`.
- RDS and DocumentDB global clusters without `storage_encrypted` / `StorageEncrypted` (one built
  from an existing cluster takes that cluster's encryption: undecided); WorkSpaces whose root or
  user volume is not encrypted (`root_volume_encryption_enabled`,
  `user_volume_encryption_enabled` / `RootVolumeEncryptionEnabled`,
  `UserVolumeEncryptionEnabled`); AppSync API caches without `at_rest_encryption_enabled` /
  `AtRestEncryptionEnabled`; API Gateway method settings that turn caching on without
  `cache_data_encrypted` (CloudFormation: a stage's `MethodSettings` with `CachingEnabled` and
  no `CacheDataEncrypted`, when the stage has a cache cluster). All are unencrypted by default.
- RDS and Neptune cluster snapshots, judged by the cluster they copy when it is in the
  configuration (a snapshot is encrypted exactly when its cluster is; a cluster outside the
  configuration leaves them undecided). AMI copies without `encrypted = true` keep their source
  AMI's encryption: undecided.
- EMR security configurations (`configuration` / `SecurityConfiguration`, a JSON document)
  that do not encrypt the cluster's local disks (`EnableAtRestEncryption` with a
  `LocalDiskEncryptionConfiguration`) or its EBS volumes (`EnableEbsEncryption`, unless the
  account's default EBS encryption is declared on).
- Glue security configurations whose S3, CloudWatch or job bookmark encryption mode is
  `DISABLED` (`s3_encryption_mode`, `cloudwatch_encryption_mode`,
  `job_bookmarks_encryption_mode`; in CloudFormation `S3Encryptions`, `CloudWatchEncryption`,
  `JobBookmarksEncryption`, where one left out is unencrypted too).
Storage restored from a snapshot or created as a replica inherits the source's encryption, which
the configuration does not show: undecided (`--show-unknown`), never reported. A KMS key argument
implies encryption. Redshift encrypts new clusters by default; a Terraform cluster that leaves
`encrypted` unset is undecided: provider versions whose default is `false` send it.

## Why it matters
Encryption at rest with access-controlled keys limits who can read data from snapshots, backups
and underlying media; it is also what lets you revoke access by revoking a key.

## How to fix
Terraform: `storage_encrypted = true` (RDS), `encrypted = true` (EBS, EFS, Redshift),
`server_side_encryption { enabled = true }` (DAX, Firehose), ideally with `kms_key_id` of a
customer-managed key; or turn on the account's default EBS encryption.
CloudFormation: `StorageEncrypted: true` (RDS), `Encrypted: true` (EBS, EFS, Redshift),
`SSESpecification: {SSEEnabled: true}` (DAX), with `KmsKeyId`.
Encryption cannot be turned on for existing RDS storage: restore from an encrypted snapshot copy.

## References
- CIS AWS Foundations Benchmark v3.0, controls 2.2.1 (EBS) and 2.3.1 (RDS)
- AWS Security Hub RDS.3, EC2.3, EC2.7, EFS.1, DynamoDB.3 (DAX), SNS.1, Kinesis.1, Redshift.10
"#,
    fix_terraform: "set storage_encrypted = true (RDS) or encrypted = true (EBS), with kms_key_id of a customer-managed key",
    fix_cloudformation: "set StorageEncrypted: true (RDS) or Encrypted: true (EBS), with KmsKeyId of a customer-managed key",
    check,
};

fn check(ctx: &mut Context<'_>) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed() {
        let Some(facet) = catalog.encryption_at_rest(r) else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => {
                let changes = catalog
                    .encryption_switch_in_place(r)
                    .map(|(span, on)| Change::Set {
                        span,
                        value: Literal::Bool(on),
                    })
                    .into_iter()
                    .collect();
                ctx.report_fixable(
                    r,
                    facet.span,
                    format!("`{}` is not encrypted at rest{}", r.address, facet.why),
                    changes,
                )
            }
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}
