//! Block and file storage and backups: EBS volumes, snapshot and AMI copies, the account's default
//! EBS encryption and key, EFS, FSx, Backup vaults.

use super::{Absent, AtRest, KeyChoice, Switch, written};
use crate::graph::{Model, Node, Resource, Truth};

pub(super) const AT_REST: &[AtRest] = &[
    // EBS: unencrypted unless asked, or unless the account's default encryption is on. A volume
    // made from a snapshot takes the snapshot's encryption.
    AtRest {
        kind: "aws_ebs_volume",
        switch: Switch::Flag(&["encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &["snapshot_id"],
        absent: Absent::AccountEbsDefault,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::EC2::Volume",
        switch: Switch::Flag(&["Encrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &["SnapshotId"],
        absent: Absent::AccountEbsDefault,
        decided_elsewhere: None,
        note: "",
    },
    // The account-wide switch itself: `enabled` defaults to true. CloudFormation has no
    // resource for it.
    AtRest {
        kind: EBS_ENCRYPTION_BY_DEFAULT,
        switch: Switch::Flag(&["enabled"]),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: " (turns off the account's default EBS encryption for new volumes)",
    },
    AtRest {
        kind: "aws_efs_file_system",
        switch: Switch::Flag(&["encrypted"]),
        keys: &[&["kms_key_id"]],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::EFS::FileSystem",
        switch: Switch::Flag(&["Encrypted"]),
        keys: &[&["KmsKeyId"]],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
];

/// Backup vaults always encrypt recovery points; without a key, with one AWS manages.
pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_backup_vault",
        key: &["kms_key_arn"],
        applies: None,
        default_key: "alias/aws/backup",
    },
    KeyChoice {
        kind: "AWS::Backup::BackupVault",
        key: &["EncryptionKeyArn"],
        applies: None,
        default_key: "alias/aws/backup",
    },
    // An encrypted EBS volume, snapshot copy or AMI copy without a key of its own takes the account's
    // default EBS key: alias/aws/ebs unless `aws_ebs_default_kms_key` names another.
    KeyChoice {
        kind: "aws_ebs_volume",
        key: &["kms_key_id"],
        applies: None,
        default_key: "the account's default EBS key, alias/aws/ebs unless changed",
    },
    KeyChoice {
        kind: "AWS::EC2::Volume",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "the account's default EBS key, alias/aws/ebs unless changed",
    },
    KeyChoice {
        kind: "aws_ebs_snapshot_copy",
        key: &["kms_key_id"],
        applies: None,
        default_key: "the account's default EBS key, alias/aws/ebs unless changed",
    },
    KeyChoice {
        kind: "aws_ami_copy",
        key: &["kms_key_id"],
        applies: None,
        default_key: "the account's default EBS key, alias/aws/ebs unless changed",
    },
    KeyChoice {
        kind: "aws_efs_file_system",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/elasticfilesystem",
    },
    KeyChoice {
        kind: "AWS::EFS::FileSystem",
        key: &["KmsKeyId"],
        applies: None,
        default_key: "alias/aws/elasticfilesystem",
    },
    // FSx always encrypts at rest, with alias/aws/fsx unless told; Lustre takes a key only for
    // persistent deployments (scratch file systems use keys FSx manages, whatever is asked).
    KeyChoice {
        kind: "aws_fsx_windows_file_system",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/fsx",
    },
    KeyChoice {
        kind: "aws_fsx_ontap_file_system",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/fsx",
    },
    KeyChoice {
        kind: "aws_fsx_openzfs_file_system",
        key: &["kms_key_id"],
        applies: None,
        default_key: "alias/aws/fsx",
    },
    KeyChoice {
        kind: "aws_fsx_lustre_file_system",
        key: &["kms_key_id"],
        applies: Some(persistent_lustre),
        default_key: "alias/aws/fsx",
    },
    KeyChoice {
        kind: "AWS::FSx::FileSystem",
        key: &["KmsKeyId"],
        applies: Some(fsx_takes_a_key),
        default_key: "alias/aws/fsx",
    },
];

const EBS_ENCRYPTION_BY_DEFAULT: &str = "aws_ebs_encryption_by_default";

/// Does the configuration turn on account-wide default EBS encryption (`enabled` defaults to
/// true)? One pass over the model.
pub(super) fn ebs_encryption_by_default(model: &Model) -> Truth {
    model
        .resources
        .iter()
        .filter(|r| r.is_managed() && r.kind == EBS_ENCRYPTION_BY_DEFAULT)
        .map(|r| r.get("enabled").map_or(Truth::Yes, Node::truth))
        .fold(Truth::No, Truth::or)
}

/// Types whose encrypted storage takes the account's default EBS key when given none.
pub(super) const TAKES_ACCOUNT_DEFAULT_EBS_KEY: &[&str] = &[
    "aws_ebs_volume",
    "AWS::EC2::Volume",
    "aws_ebs_snapshot_copy",
    "aws_ami_copy",
];

/// The key the configuration makes the account's default for EBS encryption
/// (`aws_ebs_default_kms_key`), if it declares one. One pass over the model.
pub(super) fn ebs_default_kms_key(model: &Model) -> Option<&Node> {
    model
        .resources
        .iter()
        .filter(|r| r.is_managed() && r.kind == "aws_ebs_default_kms_key")
        .find_map(|r| r.get("key_arn"))
}

/// FSx for Lustre takes a key only for persistent deployments; `SCRATCH_1` is the default in
/// both formats.
fn persistent_lustre(r: &Resource) -> Truth {
    persistent(r, &["deployment_type"])
}

/// CloudFormation's one FSx type: every file system but a scratch Lustre one takes a key.
fn fsx_takes_a_key(r: &Resource) -> Truth {
    match written(r, &["FileSystemType"]).map(|t| t.as_str()) {
        Some(Some(t)) if t.eq_ignore_ascii_case("LUSTRE") => {
            persistent(r, &["LustreConfiguration", "DeploymentType"])
        }
        Some(Some(_)) => Truth::Yes,
        Some(None) => Truth::Unknown,
        // Required by CloudFormation: a template without it does not deploy.
        None => Truth::No,
    }
}

fn persistent(r: &Resource, deployment: &[&str]) -> Truth {
    match written(r, deployment).map(|d| d.as_str()) {
        None => Truth::No,
        Some(Some(d)) => Truth::from_bool(d.to_ascii_uppercase().starts_with("PERSISTENT")),
        Some(None) => Truth::Unknown,
    }
}
