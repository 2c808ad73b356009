//! Databases and caches: RDS and Aurora, DocumentDB, Neptune, Redshift, ElastiCache, MemoryDB,
//! DAX, DynamoDB, Keyspaces, Timestream, OpenSearch, DMS.

use super::{
    Absent, AtRest, AuditLog, Catalog, Facet, KeyChoice, KeyChoiceInList, ListKeyAbsent,
    ListKeySwitch, LogFamily, LogSwitch, Path, Switch, written,
};
use crate::graph::database::{IamAuthSetting, ProxyClientAuth};
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

/// DynamoDB table replicas, each encrypted with its own Region's key: the one it names, else
/// `alias/aws/dynamodb` or a key AWS owns (the key must be given only when it differs from
/// alias/aws/dynamodb: Terraform `replica.kms_key_arn`, CloudFormation GlobalTable
/// `ReplicaSSESpecification.KMSMasterKeyId`). A GlobalTable names no key of its own: its
/// `SSESpecification.SSEEnabled` chooses between a key AWS owns (false or not written, whatever
/// the replicas name) and KMS, where each replica's key applies (alias/aws/dynamodb when it
/// names none; AWS managed and customer managed keys cannot be mixed). (`aws_dynamodb_global_table`, the 2017 version, only joins tables
/// declared as `aws_dynamodb_table`, which are judged themselves.)
pub(super) const KEYS_IN_LISTS: &[KeyChoiceInList] = &[
    KeyChoiceInList {
        kind: "aws_dynamodb_table",
        list: &["replica"],
        holds_data: &[],
        key: &["kms_key_arn"],
        absent: ListKeyAbsent::AwsKey(
            " (the replica names no `kms_key_arn`: alias/aws/dynamodb or a key AWS owns)",
        ),
        applies: None,
    },
    KeyChoiceInList {
        kind: "AWS::DynamoDB::GlobalTable",
        list: &["Replicas"],
        holds_data: &[],
        key: &["SSESpecification", "KMSMasterKeyId"],
        absent: ListKeyAbsent::AwsKey(
            " (the replica names no `SSESpecification.KMSMasterKeyId`: alias/aws/dynamodb)",
        ),
        applies: Some(ListKeySwitch {
            flag: &["SSESpecification", "SSEEnabled"],
            off: " (`SSESpecification.SSEEnabled` is false or not set: a key AWS owns encrypts every replica, whatever key a replica names)",
        }),
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

/// Where a DMS endpoint that can write to S3 says what it is and how its objects are
/// encrypted. The S3 settings and the older extra connection attributes name the same things.
struct DmsS3Endpoint {
    kind: &'static str,
    /// The engine setting (`None`: every endpoint of this type is S3).
    engine: Option<&'static str>,
    endpoint_type: &'static str,
    /// The block holding the S3 settings (empty: the resource itself).
    settings: Path,
    encryption_mode: &'static str,
    key: &'static str,
    extra_attributes: Option<&'static str>,
}

const DMS_S3_ENDPOINTS: &[DmsS3Endpoint] = &[
    DmsS3Endpoint {
        kind: "aws_dms_s3_endpoint",
        engine: None,
        endpoint_type: "endpoint_type",
        settings: &[],
        encryption_mode: "encryption_mode",
        key: "server_side_encryption_kms_key_id",
        extra_attributes: None,
    },
    DmsS3Endpoint {
        kind: "aws_dms_endpoint",
        engine: Some("engine_name"),
        endpoint_type: "endpoint_type",
        settings: &["s3_settings"],
        encryption_mode: "encryption_mode",
        key: "server_side_encryption_kms_key_id",
        extra_attributes: Some("extra_connection_attributes"),
    },
    DmsS3Endpoint {
        kind: "AWS::DMS::Endpoint",
        engine: Some("EngineName"),
        endpoint_type: "EndpointType",
        settings: &["S3Settings"],
        encryption_mode: "EncryptionMode",
        key: "ServerSideEncryptionKmsKeyId",
        extra_attributes: Some("ExtraConnectionAttributes"),
    },
];

/// Whose key encrypts the objects a DMS S3 *target* endpoint writes; `None` when `r` is not one
/// (a source endpoint reads objects and writes none). The key is used only with the `SSE_KMS`
/// encryption mode; the default mode, `SSE_S3`, encrypts under a key S3 owns whatever key is
/// named.
pub(super) fn dms_object_key(catalog: &Catalog<'_>, r: &Resource) -> Option<Facet> {
    let e = DMS_S3_ENDPOINTS.iter().find(|e| e.kind == r.kind)?;
    let mut undecided = None;
    if let Some(engine) = e.engine {
        // The engine and the endpoint type are required: without them the file is incomplete.
        let engine = written(r, &[engine])?;
        match engine.as_str() {
            Some(name) if name.eq_ignore_ascii_case("s3") => {}
            Some(_) => return None,
            None => undecided = Some(engine),
        }
    }
    let endpoint_type = written(r, &[e.endpoint_type])?;
    match endpoint_type.as_str() {
        Some(t) if t.eq_ignore_ascii_case("target") => {}
        Some(_) => return None,
        None => undecided = undecided.or(Some(endpoint_type)),
    }
    if let Some(v) = undecided {
        return Some(Facet::unknown(
            v.span,
            "whether the endpoint is an S3 target is not known statically",
        ));
    }
    let in_settings = |name: &'static str| {
        let path: Vec<&str> = e.settings.iter().copied().chain([name]).collect();
        written(r, &path)
    };
    let attributes = e.extra_attributes.and_then(|k| written(r, &[k]));
    if attributes.is_some_and(|a| a.as_str().is_none()) {
        return attributes.map(Facet::of_unknown);
    }
    let attribute = |name: &str| {
        attributes
            .and_then(Node::as_str)
            .and_then(|a| connection_attribute(a, name))
    };
    let header = attributes.map_or(r.span, |a| a.span);
    let mode = match in_settings(e.encryption_mode) {
        Some(v) => match v.as_str() {
            Some(m) => (m.to_owned(), v.span),
            None => return Some(Facet::of_unknown(v)),
        },
        None => match attribute("encryptionMode") {
            Some(m) => (m.to_owned(), header),
            None => (String::from("SSE_S3"), r.span),
        },
    };
    if !mode.0.eq_ignore_ascii_case("SSE_KMS") {
        return Some(Facet::no(
            mode.1,
            " (the objects it writes to S3 take SSE-S3, a key S3 owns: a key is used only with the SSE_KMS encryption mode)",
        ));
    }
    if let Some(key) = in_settings(e.key) {
        return Some(catalog.key_state(key));
    }
    match attribute("serverSideEncryptionKmsKeyId") {
        Some(key) if key.starts_with("alias/aws/") => Some(Facet::no(
            header,
            format!(" (`{key}` is a key AWS manages)"),
        )),
        Some(_) => Some(Facet::yes(header)),
        None => Some(Facet::no(
            r.span,
            " (SSE_KMS without a key: the objects it writes to S3 take alias/aws/s3, a key AWS manages)",
        )),
    }
}

/// The non-empty value of `name` in extra connection attributes (`name=value;name=value`);
/// names are matched without regard to case.
fn connection_attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    attributes.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let v = v.trim();
        (k.trim().eq_ignore_ascii_case(name) && !v.is_empty()).then_some(v)
    })
}

/// Performance Insights is off unless turned on.
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

/// RDS Proxy: clients authenticate to the proxy with IAM only when `IAMAuth` is `REQUIRED` (or
/// `ENABLED`, SQL Server proxies, which also accept passwords); `DISABLED`, the default, means
/// database user names and passwords, which the proxy checks against its Secrets Manager
/// secrets (RDS API UserAuthConfig.IAMAuth). `DefaultAuthScheme` `IAM_AUTH` is end-to-end IAM
/// authentication, with no secrets (RDS API DBProxy.DefaultAuthScheme).
pub const PROXY_CLIENT_AUTH: &[ProxyClientAuth] = &[
    ProxyClientAuth {
        kind: "aws_db_proxy",
        default_scheme: "default_auth_scheme",
        iam_scheme: "IAM_AUTH",
        auths: "auth",
        iam_auth: "iam_auth",
        iam_auth_default: "DISABLED",
        refuses_iam: &["DISABLED"],
    },
    ProxyClientAuth {
        kind: "AWS::RDS::DBProxy",
        default_scheme: "DefaultAuthScheme",
        iam_scheme: "IAM_AUTH",
        auths: "Auth",
        iam_auth: "IAMAuth",
        iam_auth_default: "DISABLED",
        refuses_iam: &["DISABLED"],
    },
];

#[cfg(test)]
mod tests {
    use super::connection_attribute;

    #[test]
    fn connection_attributes_are_read_as_pairs_with_a_value() {
        let a = "encryptionMode=SSE_KMS; serverSideEncryptionKmsKeyId = arn:aws:kms:k ;";
        assert_eq!(connection_attribute(a, "ENCRYPTIONMODE"), Some("SSE_KMS"));
        assert_eq!(
            connection_attribute(a, "serverSideEncryptionKmsKeyId"),
            Some("arn:aws:kms:k")
        );
        assert_eq!(
            connection_attribute(
                "serverSideEncryptionKmsKeyId=;",
                "serverSideEncryptionKmsKeyId"
            ),
            None
        );
        assert_eq!(
            connection_attribute(
                "fooServerSideEncryptionKmsKeyId=x",
                "serverSideEncryptionKmsKeyId"
            ),
            None
        );
    }
}
