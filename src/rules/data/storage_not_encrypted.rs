use crate::graph::{Node, Resource, Truth};
use crate::rules::settings::{Setting, setting};
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
Storage that AWS leaves unencrypted unless asked:
- RDS DB instances and RDS/Aurora clusters without `storage_encrypted` / `StorageEncrypted`
  (the default is false). Aurora instances inherit encryption from their cluster and are judged
  there; Aurora Serverless v1 clusters are always encrypted.
- EBS volumes without `encrypted` / `Encrypted`, unless the same configuration turns on the
  account's default EBS encryption (`aws_ebs_encryption_by_default`).
- EFS file systems, DocumentDB and Neptune clusters and ElastiCache replication groups
  without their encryption flag; OpenSearch/Elasticsearch domains without encryption at rest;
  SNS topics without a KMS key; Kinesis streams without KMS encryption. All are unencrypted
  by default. (S3 has its own rule; DynamoDB and SQS are always encrypted.)
Storage restored from a snapshot or created as a replica inherits the source's encryption, which
the configuration does not show: not reported. A KMS key argument implies encryption.

## Why it matters
Encryption at rest with access-controlled keys limits who can read data from snapshots, backups
and underlying media; it is also what lets you revoke access by revoking a key.

## How to fix
Terraform: `storage_encrypted = true` (RDS), `encrypted = true` (EBS), ideally with `kms_key_id`
of a customer-managed key; or `resource "aws_ebs_encryption_by_default" { enabled = true }`.
CloudFormation: `StorageEncrypted: true` (RDS), `Encrypted: true` (EBS), with `KmsKeyId`.
Encryption cannot be turned on for existing RDS storage: restore from an encrypted snapshot copy.

## References
- CIS AWS Foundations Benchmark v3.0, controls 2.2.1 (EBS) and 2.3.1 (RDS)
- AWS Security Hub RDS.3, EC2.3, EC2.7
"#,
    fix_terraform: "set storage_encrypted = true (RDS) or encrypted = true (EBS), with kms_key_id of a customer-managed key",
    fix_cloudformation: "set StorageEncrypted: true (RDS) or Encrypted: true (EBS), with KmsKeyId of a customer-managed key",
    check,
};

struct Storage {
    kind: &'static str,
    flag: &'static str,
    /// Arguments that can only be set on encrypted storage (a KMS key).
    implies: &'static [&'static str],
    /// Arguments that make the storage inherit its encryption from a source.
    inherits: &'static [&'static str],
}

const STORAGE: &[Storage] = &[
    Storage {
        kind: "aws_db_instance",
        flag: "storage_encrypted",
        implies: &["kms_key_id"],
        inherits: &[
            "replicate_source_db",
            "snapshot_identifier",
            "restore_to_point_in_time",
            "s3_import",
        ],
    },
    Storage {
        kind: "aws_rds_cluster",
        flag: "storage_encrypted",
        implies: &["kms_key_id"],
        inherits: &[
            "replication_source_identifier",
            "snapshot_identifier",
            "global_cluster_identifier",
            "restore_to_point_in_time",
            "s3_import",
        ],
    },
    Storage {
        kind: "aws_ebs_volume",
        flag: "encrypted",
        implies: &["kms_key_id"],
        inherits: &["snapshot_id"],
    },
    Storage {
        kind: "AWS::RDS::DBInstance",
        flag: "StorageEncrypted",
        implies: &["KmsKeyId"],
        inherits: &[
            "DBClusterIdentifier",
            "SourceDBInstanceIdentifier",
            "DBSnapshotIdentifier",
            "SourceDBClusterIdentifier",
            "SourceDbiResourceId",
            "RestoreTime",
            "UseLatestRestorableTime",
        ],
    },
    Storage {
        kind: "AWS::RDS::DBCluster",
        flag: "StorageEncrypted",
        implies: &["KmsKeyId"],
        inherits: &[
            "SnapshotIdentifier",
            "SourceDBClusterIdentifier",
            "GlobalClusterIdentifier",
            "ReplicationSourceIdentifier",
            "RestoreToTime",
            "UseLatestRestorableTime",
        ],
    },
    Storage {
        kind: "AWS::EC2::Volume",
        flag: "Encrypted",
        implies: &["KmsKeyId"],
        inherits: &["SnapshotId"],
    },
    Storage {
        kind: "aws_efs_file_system",
        flag: "encrypted",
        implies: &["kms_key_id"],
        inherits: &[],
    },
    Storage {
        kind: "AWS::EFS::FileSystem",
        flag: "Encrypted",
        implies: &["KmsKeyId"],
        inherits: &[],
    },
    Storage {
        kind: "aws_docdb_cluster",
        flag: "storage_encrypted",
        implies: &["kms_key_id"],
        inherits: &["snapshot_identifier", "global_cluster_identifier"],
    },
    Storage {
        kind: "AWS::DocDB::DBCluster",
        flag: "StorageEncrypted",
        implies: &["KmsKeyId"],
        inherits: &["SnapshotIdentifier"],
    },
    Storage {
        kind: "aws_neptune_cluster",
        flag: "storage_encrypted",
        implies: &["kms_key_arn"],
        inherits: &["snapshot_identifier", "replication_source_identifier"],
    },
    Storage {
        kind: "AWS::Neptune::DBCluster",
        flag: "StorageEncrypted",
        implies: &["KmsKeyId"],
        inherits: &["SnapshotIdentifier", "SourceDBClusterIdentifier"],
    },
    Storage {
        kind: "aws_elasticache_replication_group",
        flag: "at_rest_encryption_enabled",
        implies: &["kms_key_id"],
        inherits: &["snapshot_arns", "snapshot_name"],
    },
    Storage {
        kind: "AWS::ElastiCache::ReplicationGroup",
        flag: "AtRestEncryptionEnabled",
        implies: &["KmsKeyId"],
        inherits: &["SnapshotArns", "SnapshotName"],
    },
];

/// Settings nested in a block: (kind, path to the flag).
const NESTED: &[(&str, &[&str])] = &[
    ("aws_opensearch_domain", &["encrypt_at_rest", "enabled"]),
    ("aws_elasticsearch_domain", &["encrypt_at_rest", "enabled"]),
    (
        "AWS::OpenSearchService::Domain",
        &["EncryptionAtRestOptions", "Enabled"],
    ),
    (
        "AWS::Elasticsearch::Domain",
        &["EncryptionAtRestOptions", "Enabled"],
    ),
];

/// Services encrypted only when a key (or encryption type) is given.
fn key_based(ctx: &mut Context<'_>) {
    for r in ctx
        .resources(&["aws_sns_topic", "AWS::SNS::Topic"])
        .collect::<Vec<_>>()
    {
        let key = r
            .get("kms_master_key_id")
            .or_else(|| r.get("KmsMasterKeyId"));
        match key.map_or(Truth::No, Node::is_given) {
            Truth::No => ctx.report(
                r,
                r.span,
                format!("`{}` is not encrypted at rest (no KMS key)", r.address),
            ),
            Truth::Unknown => {
                ctx.unknown(r, key.unwrap_or(&Node::unknown("key not known", r.span)))
            }
            Truth::Yes => {}
        }
    }
    for r in ctx.resources(&["aws_kinesis_stream"]).collect::<Vec<_>>() {
        match r.get("encryption_type").filter(|v| !v.is_null()) {
            None => ctx.report(
                r,
                r.span,
                format!(
                    "`{}` is not encrypted at rest (encryption_type defaults to NONE)",
                    r.address
                ),
            ),
            Some(v) => match v.as_str() {
                Some("KMS") => {}
                Some(_) => ctx.report(
                    r,
                    v.span,
                    format!("`{}` is not encrypted at rest", r.address),
                ),
                None => ctx.unknown(r, v),
            },
        }
    }
    for r in ctx.resources(&["AWS::Kinesis::Stream"]).collect::<Vec<_>>() {
        if r.get("StreamEncryption").is_none() {
            ctx.report(
                r,
                r.span,
                format!(
                    "`{}` is not encrypted at rest (no StreamEncryption)",
                    r.address
                ),
            );
        }
    }
}

fn check(ctx: &mut Context<'_>) {
    key_based(ctx);
    for (kind, path) in NESTED {
        for r in ctx
            .resources(std::slice::from_ref(kind))
            .collect::<Vec<_>>()
        {
            match setting(r, path) {
                Setting::Absent => ctx.report(
                    r,
                    r.span,
                    format!("`{}` is not encrypted at rest", r.address),
                ),
                Setting::Value(v) => match v.truth() {
                    Truth::Yes => {}
                    Truth::No => ctx.report(
                        r,
                        v.span,
                        format!("`{}` is not encrypted at rest", r.address),
                    ),
                    Truth::Unknown => ctx.unknown(r, v),
                },
            }
        }
    }
    let ebs_default = ebs_encryption_by_default(ctx);
    for storage in STORAGE {
        for r in ctx.resources(std::slice::from_ref(&storage.kind)) {
            let set = |keys: &[&str]| {
                keys.iter()
                    .map(|k| r.get(k).map_or(Truth::No, Node::is_given))
                    .fold(Truth::No, Truth::or)
            };
            // An unknown source may exist: its encryption decides, and we cannot see it.
            if !set(storage.inherits).is_no() || always_encrypted(r) {
                continue;
            }
            let value = r.get(storage.flag);
            let encrypted = match value {
                Some(v) if !v.is_null() => v.truth(),
                _ if set(storage.implies).is_yes() => Truth::Yes,
                _ if storage.kind == "aws_ebs_volume" => ebs_default,
                _ => Truth::No,
            };
            match encrypted {
                Truth::Yes => {}
                Truth::Unknown => {
                    if let Some(v) = value {
                        ctx.unknown(r, v);
                    }
                }
                Truth::No => {
                    let span = value.filter(|v| !v.is_null()).map_or(r.span, |v| v.span);
                    ctx.report(r, span, format!("`{}` is not encrypted at rest", r.address));
                }
            }
        }
    }
}

/// Aurora Serverless v1 clusters are always encrypted; Aurora instances follow their cluster.
fn always_encrypted(r: &Resource) -> bool {
    let engine_mode = r
        .get("engine_mode")
        .or_else(|| r.get("EngineMode"))
        .and_then(Node::as_str);
    let engine = r
        .get("engine")
        .or_else(|| r.get("Engine"))
        .and_then(Node::as_str);
    engine_mode == Some("serverless")
        // ElastiCache encrypts Valkey at rest by default (Redis OSS it does not).
        || engine.is_some_and(|e| e.eq_ignore_ascii_case("valkey"))
        || (r.kind == "AWS::RDS::DBInstance" && engine.is_some_and(|e| e.starts_with("aurora")))
}

/// Does the configuration turn on account-wide default EBS encryption (`enabled` defaults to true)?
fn ebs_encryption_by_default(ctx: &Context<'_>) -> Truth {
    ctx.resources(&["aws_ebs_encryption_by_default"])
        .map(|r| r.get("enabled").map_or(Truth::Yes, Node::truth))
        .fold(Truth::No, Truth::or)
}
