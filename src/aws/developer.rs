//! Build and machine-learning services: CodeBuild, CodePipeline, CodeArtifact, ECR, Image Builder,
//! CodeGuru Reviewer, SageMaker, Comprehend, Kendra, Bedrock agents.

use super::{
    Absent, AtRest, AuditLog, KeyChoice, KeyChoiceInList, ListKeyAbsent, LogFamily, LogFlag,
    LogSwitch, Setting, Switch, setting,
};
use crate::graph::{Resource, Truth};

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
        note: " (artifact encryption is disabled: S3 still applies SSE-S3 to new objects, but the artifacts lose the KMS key CodeBuild would encrypt them with)",
    },
    AtRest {
        kind: "AWS::CodeBuild::Project",
        switch: Switch::Disabled(&["Artifacts", "EncryptionDisabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: Some(artifacts_not_in_s3),
        note: " (artifact encryption is disabled: S3 still applies SSE-S3 to new objects, but the artifacts lose the KMS key CodeBuild would encrypt them with)",
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
    // A domain's key encrypts the EFS volume that holds its users' home directories.
    KeyChoice {
        kind: "aws_sagemaker_domain",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS manages",
    },
    KeyChoice {
        kind: "AWS::SageMaker::Domain",
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
    // Pipeline artifacts, packages and build components are encrypted with keys AWS manages unless told.
    KeyChoice {
        kind: "aws_codepipeline",
        key: &["artifact_store", "encryption_key", "id"],
        applies: None,
        default_key: "alias/aws/s3, the artifact bucket's AWS-managed key",
    },
    KeyChoice {
        kind: "AWS::CodePipeline::Pipeline",
        key: &["ArtifactStore", "EncryptionKey", "Id"],
        applies: Some(single_artifact_store),
        default_key: "alias/aws/s3, the artifact bucket's AWS-managed key",
    },
    KeyChoice {
        kind: "aws_codeartifact_domain",
        key: &["encryption_key"],
        applies: None,
        default_key: "alias/aws/codeartifact",
    },
    KeyChoice {
        kind: "AWS::CodeArtifact::Domain",
        key: &["EncryptionKey"],
        applies: None,
        default_key: "alias/aws/codeartifact",
    },
    KeyChoice {
        kind: "aws_imagebuilder_component",
        key: &["kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::ImageBuilder::Component",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_codegurureviewer_repository_association",
        key: &["kms_key_details", "kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    // SageMaker monitoring jobs write results under one key and compute on volumes under another.
    KeyChoice {
        kind: "aws_sagemaker_data_quality_job_definition",
        key: &["data_quality_job_output_config", "kms_key_id"],
        applies: None,
        default_key: "the S3 bucket's AWS-managed key for monitoring results",
    },
    KeyChoice {
        kind: "aws_sagemaker_data_quality_job_definition",
        key: &["job_resources", "cluster_config", "volume_kms_key_id"],
        applies: None,
        default_key: "a key AWS manages for the monitoring instances' volumes",
    },
    KeyChoice {
        kind: "AWS::SageMaker::DataQualityJobDefinition",
        key: &["DataQualityJobOutputConfig", "KmsKeyId"],
        applies: None,
        default_key: "the S3 bucket's AWS-managed key for monitoring results",
    },
    KeyChoice {
        kind: "AWS::SageMaker::DataQualityJobDefinition",
        key: &["JobResources", "ClusterConfig", "VolumeKmsKeyId"],
        applies: None,
        default_key: "a key AWS manages for the monitoring instances' volumes",
    },
    KeyChoice {
        kind: "aws_sagemaker_flow_definition",
        key: &["output_config", "kms_key_id"],
        applies: None,
        default_key: "the S3 bucket's AWS-managed key for human review results",
    },
    // Comprehend keeps the trained model and the training volumes under separate keys.
    KeyChoice {
        kind: "aws_comprehend_entity_recognizer",
        key: &["model_kms_key_id"],
        applies: None,
        default_key: "a key AWS manages for the trained model",
    },
    KeyChoice {
        kind: "aws_comprehend_entity_recognizer",
        key: &["volume_kms_key_id"],
        applies: None,
        default_key: "a key AWS manages for the training volumes",
    },
    KeyChoice {
        kind: "aws_kendra_index",
        key: &["server_side_encryption_configuration", "kms_key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::Kendra::Index",
        key: &["ServerSideEncryptionConfiguration", "KmsKeyId"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_bedrockagent_agent",
        key: &["customer_encryption_key_arn"],
        applies: None,
        default_key: "a key AWS manages",
    },
    KeyChoice {
        kind: "AWS::Bedrock::Agent",
        key: &["CustomerEncryptionKeyArn"],
        applies: None,
        default_key: "a key AWS manages",
    },
];

/// Artifacts of a known type other than S3 (CodePipeline, none): not CodeBuild's to encrypt.
fn artifacts_not_in_s3(r: &Resource) -> bool {
    [["artifacts", "type"], ["Artifacts", "Type"]]
        .iter()
        .any(|path| match setting(r, path) {
            Setting::Value(t) | Setting::UnknownBlock(t) => {
                t.as_str().is_some_and(|t| !t.eq_ignore_ascii_case("S3"))
            }
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

/// CloudFormation pipelines name either one `ArtifactStore` or per-region `ArtifactStores`, each
/// with its own key: the list is not read, so such a pipeline is undecided.
fn single_artifact_store(r: &Resource) -> Truth {
    match r.get("ArtifactStores") {
        Some(stores) if !stores.is_null() => Truth::Unknown,
        _ => Truth::Yes,
    }
}

/// Image Builder: each distribution Region copies the AMI under its own key, and each EBS
/// mapping of a recipe creates a volume under its own. A distribution without
/// `kms_key_id` keeps the key of the image's snapshots in their Region and takes the target
/// Region's default EBS key elsewhere, which the configuration does not show.
pub(super) const KEYS_IN_LISTS: &[KeyChoiceInList] = &[
    KeyChoiceInList {
        kind: "aws_imagebuilder_distribution_configuration",
        list: &["distribution"],
        holds_data: &["ami_distribution_configuration"],
        key: &["kms_key_id"],
        absent: ListKeyAbsent::Undecided(DISTRIBUTED_AMI_KEY),
        applies: None,
    },
    KeyChoiceInList {
        kind: "AWS::ImageBuilder::DistributionConfiguration",
        list: &["Distributions"],
        holds_data: &["AmiDistributionConfiguration"],
        key: &["KmsKeyId"],
        absent: ListKeyAbsent::Undecided(DISTRIBUTED_AMI_KEY),
        applies: None,
    },
    KeyChoiceInList {
        kind: "aws_imagebuilder_image_recipe",
        list: &["block_device_mapping"],
        holds_data: &["ebs"],
        key: &["kms_key_id"],
        absent: ListKeyAbsent::AccountEbsDefault {
            encrypted: "encrypted",
        },
        applies: None,
    },
    KeyChoiceInList {
        kind: "AWS::ImageBuilder::ImageRecipe",
        list: &["BlockDeviceMappings"],
        holds_data: &["Ebs"],
        key: &["KmsKeyId"],
        absent: ListKeyAbsent::AccountEbsDefault {
            encrypted: "Encrypted",
        },
        applies: None,
    },
];

const DISTRIBUTED_AMI_KEY: &str = "no `kms_key_id`: the copy keeps the key of the image's snapshots or takes the Region's default EBS key";
