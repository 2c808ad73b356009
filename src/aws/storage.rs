//! Block and file storage and backups: EBS volumes, the account's default EBS encryption, EFS,
//! Backup vaults.

use super::{Absent, AtRest, KeyChoice, Switch};
use crate::graph::{Model, Node, Truth};

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
