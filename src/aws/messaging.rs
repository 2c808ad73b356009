//! Messaging and streaming: SNS, SQS, Kinesis Data Streams and Video Streams, Amazon Data
//! Firehose, MSK, Amazon MQ, EventBridge Scheduler, AppFlow.

use super::{
    Absent, AtRest, AuditLog, KeyChoice, LogFamily, LogFlag, LogSwitch, Switch, block_written,
};
use crate::graph::{Resource, Truth};

pub(super) const AT_REST: &[AtRest] = &[
    // SNS topics are encrypted only with a KMS key.
    AtRest {
        kind: "aws_sns_topic",
        switch: Switch::KeyOnly,
        keys: &[&["kms_master_key_id"]],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (no KMS key)",
    },
    AtRest {
        kind: "AWS::SNS::Topic",
        switch: Switch::KeyOnly,
        keys: &[&["KmsMasterKeyId"]],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (no KMS key)",
    },
    // SQS: SSE-SQS is on for new queues; a queue is unencrypted only when SSE-SQS is turned
    // off explicitly and no KMS key is given (the provider sends the flag only when set).
    AtRest {
        kind: "aws_sqs_queue",
        switch: Switch::ServiceManaged(&["sqs_managed_sse_enabled"]),
        keys: &[&["kms_master_key_id"]],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: " (SSE-SQS turned off and no KMS key)",
    },
    AtRest {
        kind: "AWS::SQS::Queue",
        switch: Switch::ServiceManaged(&["SqsManagedSseEnabled"]),
        keys: &[&["KmsMasterKeyId"]],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: " (SSE-SQS turned off and no KMS key)",
    },
    AtRest {
        kind: "aws_kinesis_stream",
        switch: Switch::Mode(&["encryption_type"], &["KMS"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (encryption_type is NONE, the default)",
    },
    AtRest {
        kind: "AWS::Kinesis::Stream",
        switch: Switch::Block(&["StreamEncryption"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: " (no StreamEncryption)",
    },
    // Firehose encrypts a Direct PUT stream only when asked; one that reads a Kinesis stream or
    // an MSK topic keeps the source's encryption, judged on the source.
    AtRest {
        kind: "aws_kinesis_firehose_delivery_stream",
        switch: Switch::Flag(&["server_side_encryption", "enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(firehose_reads_a_stream),
        note: "",
    },
    AtRest {
        kind: "AWS::KinesisFirehose::DeliveryStream",
        switch: Switch::Block(&["DeliveryStreamEncryptionConfigurationInput"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: Some(firehose_reads_a_stream),
        note: " (no DeliveryStreamEncryptionConfigurationInput)",
    },
];

pub(super) const KEYS: &[KeyChoice] = &[
    // Amazon Connect storage: a Kinesis Video stream of customer audio must name its key; an
    // S3 destination without `encryption_config` stores under its bucket's default encryption
    // (a bucket named by name, possibly outside the configuration), so only one that names a
    // key is judged.
    KeyChoice {
        kind: "aws_connect_instance_storage_config",
        key: &[
            "storage_config",
            "kinesis_video_stream_config",
            "encryption_config",
            "key_id",
        ],
        applies: Some(|r| block_written(r, &["storage_config", "kinesis_video_stream_config"])),
        default_key: "no key given",
    },
    KeyChoice {
        kind: "aws_connect_instance_storage_config",
        key: &["storage_config", "s3_config", "encryption_config", "key_id"],
        applies: Some(|r| block_written(r, &["storage_config", "s3_config", "encryption_config"])),
        default_key: "no key given",
    },
    KeyChoice {
        kind: "AWS::Connect::InstanceStorageConfig",
        key: &["KinesisVideoStreamConfig", "EncryptionConfig", "KeyId"],
        applies: Some(|r| block_written(r, &["KinesisVideoStreamConfig"])),
        default_key: "no key given",
    },
    KeyChoice {
        kind: "AWS::Connect::InstanceStorageConfig",
        key: &["S3Config", "EncryptionConfig", "KeyId"],
        applies: Some(|r| block_written(r, &["S3Config", "EncryptionConfig"])),
        default_key: "no key given",
    },
    // MSK and Amazon MQ always encrypt at rest, with keys AWS owns or manages unless told.
    KeyChoice {
        kind: "aws_msk_cluster",
        key: &["encryption_info", "encryption_at_rest_kms_key_arn"],
        applies: None,
        default_key: "alias/aws/kafka",
    },
    KeyChoice {
        kind: "AWS::MSK::Cluster",
        key: &["EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId"],
        applies: None,
        default_key: "alias/aws/kafka",
    },
    KeyChoice {
        kind: "aws_mq_broker",
        key: &["encryption_options", "kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::AmazonMQ::Broker",
        key: &["EncryptionOptions", "KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_sqs_queue",
        key: &["kms_master_key_id"],
        applies: None,
        default_key: "SSE-SQS, with keys SQS owns",
    },
    KeyChoice {
        kind: "AWS::SQS::Queue",
        key: &["KmsMasterKeyId"],
        applies: None,
        default_key: "SSE-SQS, with keys SQS owns",
    },
    KeyChoice {
        kind: "aws_sns_topic",
        key: &["kms_master_key_id"],
        applies: None,
        default_key: "none",
    },
    KeyChoice {
        kind: "AWS::SNS::Topic",
        key: &["KmsMasterKeyId"],
        applies: None,
        default_key: "none",
    },
    KeyChoice {
        kind: "aws_kinesis_stream",
        key: &["kms_key_id"],
        applies: None,
        default_key: "none",
    },
    KeyChoice {
        kind: "AWS::Kinesis::Stream",
        key: &["StreamEncryption", "KeyId"],
        applies: None,
        default_key: "none",
    },
    // A Firehose stream reading a Kinesis stream or an MSK topic keeps the source's encryption, judged
    // on the source.
    KeyChoice {
        kind: "aws_kinesis_firehose_delivery_stream",
        key: &["server_side_encryption", "key_arn"],
        applies: Some(firehose_holds_data),
        default_key: "a key Firehose owns (key_type AWS_OWNED_CMK)",
    },
    KeyChoice {
        kind: "AWS::KinesisFirehose::DeliveryStream",
        key: &["DeliveryStreamEncryptionConfigurationInput", "KeyARN"],
        applies: Some(firehose_holds_data),
        default_key: "a key Firehose owns (KeyType AWS_OWNED_CMK)",
    },
    // Kinesis Video streams always encrypt.
    KeyChoice {
        kind: "aws_kinesis_video_stream",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/kinesisvideo",
    },
    KeyChoice {
        kind: "AWS::KinesisVideo::Stream",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/kinesisvideo",
    },
    // EventBridge Scheduler encrypts a schedule's target input; AppFlow its flows' data and connection
    // settings.
    KeyChoice {
        kind: "aws_scheduler_schedule",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::Scheduler::Schedule",
        key: &["KmsKeyArn"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_appflow_flow",
        key: &["kms_arn"],
        applies: None,
        default_key: "alias/aws/appflow",
    },
    KeyChoice {
        kind: "AWS::AppFlow::Flow",
        key: &["KMSArn"],
        applies: None,
        default_key: "alias/aws/appflow",
    },
    KeyChoice {
        kind: "aws_appflow_connector_profile",
        key: &["kms_arn"],
        applies: None,
        default_key: "alias/aws/appflow",
    },
    KeyChoice {
        kind: "AWS::AppFlow::ConnectorProfile",
        key: &["KMSArn"],
        applies: None,
        default_key: "alias/aws/appflow",
    },
];

fn firehose_holds_data(r: &Resource) -> Truth {
    Truth::from_bool(!firehose_reads_a_stream(r))
}

fn firehose_reads_a_stream(r: &Resource) -> bool {
    [
        "kinesis_source_configuration",
        "msk_source_configuration",
        "KinesisStreamSourceConfiguration",
        "MSKSourceConfiguration",
    ]
    .iter()
    .any(|k| {
        r.get(k)
            .is_some_and(|v| !v.is_null() && v.as_list().is_none_or(|l| !l.is_empty()))
    })
}

/// Amazon MQ writes its general log (connections, broker events) and its audit log (management
/// actions through JMX or the web console) only when asked; RabbitMQ brokers have no audit log.
/// MSK brokers log when one of their three destinations is enabled (each `enabled` is required
/// in both formats).
pub(super) const LOGS: &[AuditLog] = &[
    service_log(
        "aws_mq_broker",
        LogSwitch::AllOf(&[
            log_type(&["logs", "general"], None),
            log_type(&["logs", "audit"], Some((&["engine_type"], "RabbitMQ"))),
        ]),
    ),
    service_log(
        "AWS::AmazonMQ::Broker",
        LogSwitch::AllOf(&[
            log_type(&["Logs", "General"], None),
            log_type(&["Logs", "Audit"], Some((&["EngineType"], "RabbitMQ"))),
        ]),
    ),
    service_log(
        "aws_msk_cluster",
        LogSwitch::AnyOf(&[
            log_type(
                &["logging_info", "broker_logs", "cloudwatch_logs", "enabled"],
                None,
            ),
            log_type(
                &["logging_info", "broker_logs", "firehose", "enabled"],
                None,
            ),
            log_type(&["logging_info", "broker_logs", "s3", "enabled"], None),
        ]),
    ),
    service_log(
        "AWS::MSK::Cluster",
        LogSwitch::AnyOf(&[
            log_type(
                &["LoggingInfo", "BrokerLogs", "CloudWatchLogs", "Enabled"],
                None,
            ),
            log_type(&["LoggingInfo", "BrokerLogs", "Firehose", "Enabled"], None),
            log_type(&["LoggingInfo", "BrokerLogs", "S3", "Enabled"], None),
        ]),
    ),
];

/// A boolean log switch that is off when absent.
const fn log_type(path: super::Path, unless: Option<(super::Path, &'static str)>) -> LogFlag {
    LogFlag {
        path,
        absent: false,
        off: &[],
        unless,
    }
}

const fn service_log(kind: &'static str, switch: LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::Service,
        switch,
        configured_by: None,
        decided_elsewhere: None,
    }
}
