//! Databases and caches: RDS and Aurora, DocumentDB, Neptune, Redshift, ElastiCache, MemoryDB,
//! DAX, DynamoDB, Keyspaces, Timestream, OpenSearch, DMS.

use super::{Absent, AtRest, AuditLog, KeyChoice, LogFamily, LogSwitch, Switch, written};
use crate::graph::database::IamAuthSetting;
use crate::graph::{Node, Resource, Truth};

pub(super) const AT_REST: &[AtRest] = &[
    // RDS and Aurora: `storage_encrypted` defaults to false. Replicas and restores take their
    // source's encryption.
    AtRest {
        kind: "aws_db_instance",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &[
            "replicate_source_db",
            "snapshot_identifier",
            "restore_to_point_in_time",
            "s3_import",
        ],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_rds_cluster",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &[
            "replication_source_identifier",
            "snapshot_identifier",
            "global_cluster_identifier",
            "restore_to_point_in_time",
            "s3_import",
        ],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(aurora_serverless_v1),
        note: "",
    },
    AtRest {
        kind: "AWS::RDS::DBInstance",
        switch: Switch::Flag(&["StorageEncrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &[
            "DBClusterIdentifier",
            "SourceDBInstanceIdentifier",
            "DBSnapshotIdentifier",
            "SourceDBClusterIdentifier",
            "SourceDbiResourceId",
            "RestoreTime",
            "UseLatestRestorableTime",
        ],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(aurora_instance),
        note: "",
    },
    AtRest {
        kind: "AWS::RDS::DBCluster",
        switch: Switch::Flag(&["StorageEncrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &[
            "SnapshotIdentifier",
            "SourceDBClusterIdentifier",
            "GlobalClusterIdentifier",
            "ReplicationSourceIdentifier",
            "RestoreToTime",
            "UseLatestRestorableTime",
        ],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(aurora_serverless_v1),
        note: "",
    },
    AtRest {
        kind: "aws_docdb_cluster",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &["snapshot_identifier", "global_cluster_identifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::DocDB::DBCluster",
        switch: Switch::Flag(&["StorageEncrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &["SnapshotIdentifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_neptune_cluster",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[&["kms_key_arn"]],
        inherits: &["snapshot_identifier", "replication_source_identifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::Neptune::DBCluster",
        switch: Switch::Flag(&["StorageEncrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &["SnapshotIdentifier", "SourceDBClusterIdentifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    // Redshift encrypts new provisioned clusters by default (Redshift Management Guide,
    // "Amazon Redshift database encryption"). CloudFormation passes an omitted `Encrypted`
    // through, so AWS's default applies; the Terraform provider's default for `encrypted` has
    // been false, so whether an omitted value encrypts depends on the provider version.
    AtRest {
        kind: "aws_redshift_cluster",
        switch: Switch::Flag(&["encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &["snapshot_identifier", "snapshot_arn"],
        absent: Absent::NotKnown(
            "`encrypted` is not set: AWS encrypts new clusters, but provider versions that default it to false send false",
        ),
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::Redshift::Cluster",
        switch: Switch::Flag(&["Encrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &["SnapshotIdentifier", "SnapshotArn"],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_elasticache_replication_group",
        switch: Switch::Flag(&["at_rest_encryption_enabled"]),
        keys: &[&["kms_key_id"]],
        inherits: &["snapshot_arns", "snapshot_name"],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(valkey),
        note: "",
    },
    AtRest {
        kind: "AWS::ElastiCache::ReplicationGroup",
        switch: Switch::Flag(&["AtRestEncryptionEnabled"]),
        keys: &[&["KmsKeyId"]],
        inherits: &["SnapshotArns", "SnapshotName"],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(valkey),
        note: "",
    },
    // DAX: server-side encryption is off unless turned on at creation.
    AtRest {
        kind: "aws_dax_cluster",
        switch: Switch::Flag(&["server_side_encryption", "enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::DAX::Cluster",
        switch: Switch::Flag(&["SSESpecification", "SSEEnabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_opensearch_domain",
        switch: Switch::Flag(&["encrypt_at_rest", "enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_elasticsearch_domain",
        switch: Switch::Flag(&["encrypt_at_rest", "enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::OpenSearchService::Domain",
        switch: Switch::Flag(&["EncryptionAtRestOptions", "Enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::Elasticsearch::Domain",
        switch: Switch::Flag(&["EncryptionAtRestOptions", "Enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    // Global clusters are unencrypted unless `storage_encrypted` is set; one built from an
    // existing cluster takes that cluster's encryption.
    AtRest {
        kind: "aws_rds_global_cluster",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[],
        inherits: &["source_db_cluster_identifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::RDS::GlobalCluster",
        switch: Switch::Flag(&["StorageEncrypted"]),
        keys: &[],
        inherits: &["SourceDBClusterIdentifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_docdb_global_cluster",
        switch: Switch::Flag(&["storage_encrypted"]),
        keys: &[],
        inherits: &["source_db_cluster_identifier"],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    // A cluster snapshot is encrypted exactly when its cluster is (its `storage_encrypted` is
    // read-only); the cluster decides.
    AtRest {
        kind: "aws_db_cluster_snapshot",
        switch: Switch::Source {
            flag: None,
            source: "db_cluster_identifier",
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "aws_neptune_cluster_snapshot",
        switch: Switch::Source {
            flag: None,
            source: "db_cluster_identifier",
        },
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
];

/// Always encrypted (DynamoDB) or encrypted when asked (DocumentDB): with a key AWS owns or
/// manages unless one is named.
pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_dynamodb_table",
        key: &["server_side_encryption", "kms_key_arn"],
        applies: None,
        default_key: "an AWS-owned key, or alias/aws/dynamodb",
    },
    KeyChoice {
        kind: "AWS::DynamoDB::Table",
        key: &["SSESpecification", "KMSMasterKeyId"],
        applies: None,
        default_key: "an AWS-owned key, or alias/aws/dynamodb",
    },
    // ElastiCache Serverless always encrypts at rest.
    KeyChoice {
        kind: "aws_elasticache_serverless_cache",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::ElastiCache::ServerlessCache",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_docdb_cluster",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    KeyChoice {
        kind: "AWS::DocDB::DBCluster",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    // RDS, Aurora, Neptune and DocumentDB encrypt with alias/aws/rds unless told; a restore or replica
    // keeps its source's key (the at-rest entry's `inherits`).
    KeyChoice {
        kind: "aws_rds_cluster",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    KeyChoice {
        kind: "AWS::RDS::DBCluster",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    KeyChoice {
        kind: "aws_neptune_cluster",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    KeyChoice {
        kind: "AWS::Neptune::DBCluster",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    // Performance Insights keeps its own copy of query activity, under its own key.
    KeyChoice {
        kind: "aws_db_instance",
        key: &["performance_insights_kms_key_id"],
        applies: Some(performance_insights),
        default_key: "Performance Insights data is encrypted with alias/aws/rds",
    },
    KeyChoice {
        kind: "aws_rds_cluster_instance",
        key: &["performance_insights_kms_key_id"],
        applies: Some(performance_insights),
        default_key: "Performance Insights data is encrypted with alias/aws/rds",
    },
    KeyChoice {
        kind: "AWS::RDS::DBInstance",
        key: &["PerformanceInsightsKMSKeyId"],
        applies: Some(performance_insights),
        default_key: "Performance Insights data is encrypted with alias/aws/rds",
    },
    KeyChoice {
        kind: "aws_rds_cluster_activity_stream",
        key: &["kms_key_id"],
        applies: None,
        default_key: "the stream requires a key",
    },
    KeyChoice {
        kind: "aws_redshift_cluster",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/redshift",
    },
    KeyChoice {
        kind: "AWS::Redshift::Cluster",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/redshift",
    },
    // Snapshots copied to another region are encrypted there with the grant's key.
    KeyChoice {
        kind: "aws_redshift_snapshot_copy_grant",
        key: &["kms_key_id"],
        applies: None,
        default_key: "the destination region's alias/aws/redshift",
    },
    KeyChoice {
        kind: "aws_redshiftserverless_namespace",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::RedshiftServerless::Namespace",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_elasticache_replication_group",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key ElastiCache manages",
    },
    KeyChoice {
        kind: "AWS::ElastiCache::ReplicationGroup",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key ElastiCache manages",
    },
    // MemoryDB always encrypts at rest.
    KeyChoice {
        kind: "aws_memorydb_cluster",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "a key MemoryDB manages",
    },
    KeyChoice {
        kind: "AWS::MemoryDB::Cluster",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key MemoryDB manages",
    },
    KeyChoice {
        kind: "aws_opensearch_domain",
        key: &["encrypt_at_rest", "kms_key_id"],
        applies: None,
        default_key: "alias/aws/es",
    },
    KeyChoice {
        kind: "aws_elasticsearch_domain",
        key: &["encrypt_at_rest", "kms_key_id"],
        applies: None,
        default_key: "alias/aws/es",
    },
    KeyChoice {
        kind: "AWS::OpenSearchService::Domain",
        key: &["EncryptionAtRestOptions", "KmsKeyId"],
        applies: None,
        default_key: "alias/aws/es",
    },
    KeyChoice {
        kind: "AWS::Elasticsearch::Domain",
        key: &["EncryptionAtRestOptions", "KmsKeyId"],
        applies: None,
        default_key: "alias/aws/es",
    },
    // Timestream and Keyspaces always encrypt at rest.
    KeyChoice {
        kind: "aws_timestreamwrite_database",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/timestream",
    },
    KeyChoice {
        kind: "AWS::Timestream::Database",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/timestream",
    },
    KeyChoice {
        kind: "aws_keyspaces_table",
        key: &["encryption_specification", "kms_key_identifier"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::Cassandra::Table",
        key: &["EncryptionSpecification", "KmsKeyIdentifier"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_dynamodb_table_replica",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "the replica region's AWS-owned key or alias/aws/dynamodb",
    },
    // DMS encrypts replication storage and endpoint connection settings with alias/aws/dms unless
    // told.
    KeyChoice {
        kind: "aws_dms_replication_instance",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "alias/aws/dms",
    },
    KeyChoice {
        kind: "AWS::DMS::ReplicationInstance",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/dms",
    },
    KeyChoice {
        kind: "aws_dms_endpoint",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "alias/aws/dms",
    },
    KeyChoice {
        kind: "aws_dms_s3_endpoint",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "alias/aws/dms",
    },
    KeyChoice {
        kind: "AWS::DMS::Endpoint",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/dms",
    },
    // The objects an S3 target endpoint writes: under the key `ServerSideEncryptionKmsKeyId`
    // names with SSE_KMS; otherwise under SSE-S3 (the default mode, a key S3 owns) or, with
    // SSE_KMS and no key, a key AWS manages.
    KeyChoice {
        kind: "aws_dms_s3_endpoint",
        key: &["server_side_encryption_kms_key_id"],
        applies: None,
        default_key: DMS_OBJECT_KEY,
    },
    KeyChoice {
        kind: "aws_dms_endpoint",
        key: &["s3_settings", "server_side_encryption_kms_key_id"],
        applies: Some(|r| dms_s3_target(r, "engine_name", "extra_connection_attributes")),
        default_key: DMS_OBJECT_KEY,
    },
    KeyChoice {
        kind: "AWS::DMS::Endpoint",
        key: &["S3Settings", "ServerSideEncryptionKmsKeyId"],
        applies: Some(|r| dms_s3_target(r, "EngineName", "ExtraConnectionAttributes")),
        default_key: DMS_OBJECT_KEY,
    },
    KeyChoice {
        kind: "aws_db_snapshot_copy",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/rds",
    },
    KeyChoice {
        kind: "aws_memorydb_snapshot",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "the cluster's key",
    },
    KeyChoice {
        kind: "AWS::MemoryDB::Snapshot",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "the cluster's key",
    },
];

/// Database engine logs: none are exported unless listed. DocumentDB and Neptune audit logs
/// need the `audit` type.
pub(super) const LOGS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_db_instance",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["enabled_cloudwatch_logs_exports"],
            required: &[],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "aws_rds_cluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["enabled_cloudwatch_logs_exports"],
            required: &[],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::RDS::DBInstance",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["EnableCloudwatchLogsExports"],
            required: &[],
            item_key: None,
        },
        configured_by: None,
        // A cluster member's logs are exported by its cluster.
        decided_elsewhere: Some(cluster_member),
    },
    AuditLog {
        kind: "AWS::RDS::DBCluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["EnableCloudwatchLogsExports"],
            required: &[],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "aws_docdb_cluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["enabled_cloudwatch_logs_exports"],
            required: &["audit"],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::DocDB::DBCluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["EnableCloudwatchLogsExports"],
            required: &["audit"],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "aws_neptune_cluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["enable_cloudwatch_logs_exports"],
            required: &["audit"],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::Neptune::DBCluster",
        family: LogFamily::Database,
        switch: LogSwitch::Exports {
            path: &["EnableCloudwatchLogsExports"],
            required: &["audit"],
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    // Redshift audit logging: the cluster's `logging` block (older providers) or the split
    // `aws_redshift_logging` resource; `LoggingProperties` in CloudFormation.
    AuditLog {
        kind: "aws_redshift_cluster",
        family: LogFamily::Database,
        switch: LogSwitch::Flag {
            path: &["logging", "enable"],
            default: false,
        },
        configured_by: Some((&["aws_redshift_logging"], "cluster_identifier")),
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::Redshift::Cluster",
        family: LogFamily::Database,
        switch: LogSwitch::Block(&["LoggingProperties"]),
        configured_by: None,
        decided_elsewhere: None,
    },
];

/// Copies that keep their source's key unless given one: (type, the setting naming the source).
/// A DB snapshot copied within its region keeps the source snapshot's key; a MemoryDB snapshot
/// without a key of its own is taken under its cluster's.
pub(super) const KEEPS_SOURCE_KEY: &[(&str, &str)] = &[
    ("aws_db_snapshot_copy", "source_db_snapshot_identifier"),
    ("aws_memorydb_snapshot", "cluster_name"),
    ("AWS::MemoryDB::Snapshot", "ClusterName"),
];

/// Performance Insights is off unless turned on.
const DMS_OBJECT_KEY: &str = "the objects it writes to S3 take SSE-S3 (the default mode) or, with SSE_KMS, a key AWS manages";

/// Is a DMS endpoint an S3 target (`engine_name` / `EngineName` `s3`) whose object key is read
/// from its S3 settings? The older way to name that key is a `serverSideEncryptionKmsKeyId`
/// extra connection attribute: a key is given there.
fn dms_s3_target(r: &Resource, engine: &str, extra_attributes: &str) -> Truth {
    let s3 = match written(r, &[engine]) {
        None => return Truth::No,
        Some(v) => v.as_str().map_or(Truth::Unknown, |e| {
            Truth::from_bool(e.eq_ignore_ascii_case("s3"))
        }),
    };
    if s3.is_no() {
        return s3;
    }
    match written(r, &[extra_attributes]) {
        None => s3,
        Some(v) => match v.as_str() {
            Some(a)
                if a.to_ascii_lowercase()
                    .contains("serversideencryptionkmskeyid") =>
            {
                Truth::No
            }
            Some(_) => s3,
            None => Truth::Unknown,
        },
    }
}

fn performance_insights(r: &Resource) -> Truth {
    ["performance_insights_enabled", "EnablePerformanceInsights"]
        .iter()
        .find_map(|k| r.get(k))
        .map_or(Truth::No, Node::truth)
}

fn text<'a>(r: &'a Resource, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| r.get(k)).and_then(Node::as_str)
}

/// Aurora Serverless v1 clusters are always encrypted.
fn aurora_serverless_v1(r: &Resource) -> bool {
    text(r, &["engine_mode", "EngineMode"]) == Some("serverless")
}

/// Aurora instances store nothing themselves: their cluster's encryption applies.
fn aurora_instance(r: &Resource) -> bool {
    text(r, &["Engine"]).is_some_and(|e| e.starts_with("aurora"))
}

/// An instance in a cluster (Aurora, or a Multi-AZ DB cluster) exports logs through it.
fn cluster_member(r: &Resource) -> bool {
    r.get("DBClusterIdentifier").is_some() || aurora_instance(r)
}

/// ElastiCache encrypts Valkey at rest by default (Redis OSS it does not).
fn valkey(r: &Resource) -> bool {
    text(r, &["engine", "Engine"]).is_some_and(|e| e.eq_ignore_ascii_case("valkey"))
}

/// IAM database authentication is off unless enabled, in every format.
pub const IAM_DATABASE_AUTH: &[IamAuthSetting] = &[
    IamAuthSetting {
        kind: "aws_db_instance",
        flag: "iam_database_authentication_enabled",
        engine_mode: "engine_mode",
        engine: "engine",
        default_engine: None,
        cluster: None,
    },
    IamAuthSetting {
        kind: "aws_rds_cluster",
        flag: "iam_database_authentication_enabled",
        engine_mode: "engine_mode",
        engine: "engine",
        default_engine: Some("aurora"),
        cluster: None,
    },
    IamAuthSetting {
        kind: "AWS::RDS::DBInstance",
        flag: "EnableIAMDatabaseAuthentication",
        engine_mode: "EngineMode",
        engine: "Engine",
        default_engine: None,
        cluster: Some("DBClusterIdentifier"),
    },
    IamAuthSetting {
        kind: "AWS::RDS::DBCluster",
        flag: "EnableIAMDatabaseAuthentication",
        engine_mode: "EngineMode",
        engine: "Engine",
        default_engine: None,
        cluster: None,
    },
    // Neptune: off by default in both formats; CloudFormation has no engine property.
    IamAuthSetting {
        kind: "aws_neptune_cluster",
        flag: "iam_database_authentication_enabled",
        engine_mode: "engine_mode",
        engine: "engine",
        default_engine: Some("neptune"),
        cluster: None,
    },
    IamAuthSetting {
        kind: "AWS::Neptune::DBCluster",
        flag: "IamAuthEnabled",
        engine_mode: "EngineMode",
        engine: "Engine",
        default_engine: Some("neptune"),
        cluster: None,
    },
];
