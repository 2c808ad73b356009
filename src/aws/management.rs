//! Management and governance: CloudWatch Logs, Secrets Manager, SSM parameters, KMS look-ups,
//! EKS control-plane logs, CloudTrail's recording switch, CloudTrail Lake event data stores.

use super::{AuditLog, KeyChoice, LogFamily, LogSwitch};
use crate::graph::{Resource, Truth};

pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_cloudwatch_log_group",
        key: &["kms_key_id"],
        applies: None,
        default_key: "keys CloudWatch Logs owns",
    },
    KeyChoice {
        kind: "AWS::Logs::LogGroup",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "keys CloudWatch Logs owns",
    },
    KeyChoice {
        kind: "aws_secretsmanager_secret",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/secretsmanager",
    },
    KeyChoice {
        kind: "AWS::SecretsManager::Secret",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/secretsmanager",
    },
    // CloudFormation cannot create SecureString parameters, so only Terraform has this one.
    KeyChoice {
        kind: "aws_ssm_parameter",
        key: &["key_id"],
        applies: Some(secure_string),
        default_key: "alias/aws/ssm",
    },
    // CloudTrail Lake event data stores encrypt with a key AWS owns unless told.
    KeyChoice {
        kind: "aws_cloudtrail_event_data_store",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::CloudTrail::EventDataStore",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
];

/// EKS control-plane logs are off unless listed; api, audit and authenticator record who did
/// what to the cluster.
pub(super) const LOGS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_eks_cluster",
        family: LogFamily::ControlPlane,
        switch: LogSwitch::Exports {
            path: &["enabled_cluster_log_types"],
            required: EKS_AUDIT_LOG_TYPES,
            item_key: None,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::EKS::Cluster",
        family: LogFamily::ControlPlane,
        switch: LogSwitch::Exports {
            path: &["Logging", "ClusterLogging", "EnabledTypes"],
            required: EKS_AUDIT_LOG_TYPES,
            item_key: Some("Type"),
        },
        configured_by: None,
        decided_elsewhere: None,
    },
];

/// A trail records unless told to stop (`enable_logging` defaults to true; `IsLogging` is
/// required in CloudFormation).
pub(super) const TRAILS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_cloudtrail",
        family: LogFamily::Trail,
        switch: LogSwitch::Flag {
            path: &["enable_logging"],
            default: true,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::CloudTrail::Trail",
        family: LogFamily::Trail,
        switch: LogSwitch::Flag {
            path: &["IsLogging"],
            default: false,
        },
        configured_by: None,
        decided_elsewhere: None,
    },
];

const EKS_AUDIT_LOG_TYPES: &[&str] = &["api", "audit", "authenticator"];

fn secure_string(r: &Resource) -> Truth {
    match r.get("type") {
        Some(t) => match t.as_str() {
            Some(s) => Truth::from_bool(s == "SecureString"),
            None if t.is_unknown() => Truth::Unknown,
            None => Truth::No,
        },
        None => Truth::No,
    }
}
