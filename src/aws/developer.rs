//! Build and machine-learning services: CodeBuild, ECR, SageMaker.

use super::{Absent, AtRest, KeyChoice, Switch};

pub(super) const AT_REST: &[AtRest] = &[
    // CodeBuild encrypts build artifacts unless told not to.
    AtRest {
        kind: "aws_codebuild_project",
        switch: Switch::Disabled(&["artifacts", "encryption_disabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: " (artifact encryption is disabled)",
    },
    AtRest {
        kind: "AWS::CodeBuild::Project",
        switch: Switch::Disabled(&["Artifacts", "EncryptionDisabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
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
