//! Build and machine-learning services: CodeBuild, ECR, SageMaker.

use super::{
    Absent, AtRest, AuditLog, KeyChoice, LogFamily, LogFlag, LogSwitch, Setting, Switch, setting,
};
use crate::graph::Resource;

pub(super) const AT_REST: &[AtRest] = &[
    // CodeBuild encrypts build artifacts unless told not to. The switch is valid only for S3
    // artifacts: CodePipeline's artifact store encrypts what it manages.
    AtRest {
        kind: "aws_codebuild_project",
        switch: Switch::Disabled(&["artifacts", "encryption_disabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: Some(artifacts_not_in_s3),
        note: " (artifact encryption is disabled)",
    },
    AtRest {
        kind: "AWS::CodeBuild::Project",
        switch: Switch::Disabled(&["Artifacts", "EncryptionDisabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: Some(artifacts_not_in_s3),
        note: " (artifact encryption is disabled)",
    },
];

pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_codebuild_project",
        key: &["encryption_key"],
        applies: None,
        default_key: "alias/aws/s3",
    },
    KeyChoice {
        kind: "AWS::CodeBuild::Project",
        key: &["EncryptionKey"],
        applies: None,
        default_key: "alias/aws/s3",
    },
    // ECR: AES256 (S3-managed keys) unless KMS; KMS without a key is alias/aws/ecr.
    KeyChoice {
        kind: "aws_ecr_repository",
        key: &["encryption_configuration", "kms_key"],
        applies: None,
        default_key: "AES256 or alias/aws/ecr",
    },
    KeyChoice {
        kind: "AWS::ECR::Repository",
        key: &["EncryptionConfiguration", "KmsKey"],
        applies: None,
        default_key: "AES256 or alias/aws/ecr",
    },
    KeyChoice {
        kind: "aws_sagemaker_notebook_instance",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS manages",
    },
    KeyChoice {
        kind: "AWS::SageMaker::NotebookInstance",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS manages",
    },
    KeyChoice {
        kind: "aws_sagemaker_endpoint_configuration",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "a key AWS manages",
    },
    KeyChoice {
        kind: "AWS::SageMaker::EndpointConfig",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS manages",
    },
];

/// Artifacts of a known type other than S3 (CodePipeline, none): not CodeBuild's to encrypt.
fn artifacts_not_in_s3(r: &Resource) -> bool {
    [["artifacts", "type"], ["Artifacts", "Type"]]
        .iter()
        .any(|path| match setting(r, path) {
            Setting::Value(t) => t.as_str().is_some_and(|t| !t.eq_ignore_ascii_case("S3")),
            Setting::Absent => false,
        })
}

/// CodeBuild sends build logs to CloudWatch Logs unless its status says `DISABLED` (on by
/// default in both formats, with or without a logs block); S3 logs are off unless `ENABLED`.
/// A build is logged when either is on. AppSync GraphQL APIs log requests only with a log
/// configuration.
pub(super) const LOGS: &[AuditLog] = &[
    service_log(
        "aws_codebuild_project",
        LogSwitch::AnyOf(&[
            build_log(&["logs_config", "cloudwatch_logs", "status"], true),
            build_log(&["logs_config", "s3_logs", "status"], false),
        ]),
    ),
    service_log(
        "AWS::CodeBuild::Project",
        LogSwitch::AnyOf(&[
            build_log(&["LogsConfig", "CloudWatchLogs", "Status"], true),
            build_log(&["LogsConfig", "S3Logs", "Status"], false),
        ]),
    ),
    service_log("aws_appsync_graphql_api", LogSwitch::Block(&["log_config"])),
    service_log("AWS::AppSync::GraphQLApi", LogSwitch::Block(&["LogConfig"])),
];

const fn build_log(path: super::Path, absent: bool) -> LogFlag {
    LogFlag {
        path,
        absent,
        off: &["DISABLED"],
        unless: None,
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
