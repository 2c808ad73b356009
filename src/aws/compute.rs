//! Compute: the EBS volumes EC2 instances, launch templates, launch configurations and AMIs
//! create.

use super::{Absent, AtRest, BlockDevices, Path, Switch};

/// A new EBS volume is unencrypted unless its mapping says `encrypted`, names a key, or the
/// account's default EBS encryption is on; one made from a snapshot, and the root volume made
/// from the AMI, take their source's encryption (`encrypted = false` cannot decrypt it).
pub(super) const AT_REST: &[AtRest] = &[
    devices(
        "aws_instance",
        &[
            BlockDevices {
                list: &["root_block_device"],
                ebs: None,
                encrypted: "encrypted",
                key: "kms_key_id",
                snapshot: "",
                device_name: None,
                root: true,
            },
            BlockDevices {
                list: &["ebs_block_device"],
                ebs: None,
                encrypted: "encrypted",
                key: "kms_key_id",
                snapshot: "snapshot_id",
                device_name: Some("device_name"),
                root: false,
            },
        ],
    ),
    devices(
        "aws_launch_configuration",
        &[
            BlockDevices {
                list: &["root_block_device"],
                ebs: None,
                encrypted: "encrypted",
                key: "",
                snapshot: "",
                device_name: None,
                root: true,
            },
            BlockDevices {
                list: &["ebs_block_device"],
                ebs: None,
                encrypted: "encrypted",
                key: "",
                snapshot: "snapshot_id",
                device_name: Some("device_name"),
                root: false,
            },
        ],
    ),
    devices(
        "aws_launch_template",
        &[BlockDevices {
            list: &["block_device_mappings"],
            ebs: Some("ebs"),
            encrypted: "encrypted",
            key: "kms_key_id",
            snapshot: "snapshot_id",
            device_name: Some("device_name"),
            root: false,
        }],
    ),
    // An AMI registered from snapshots: each mapping is a volume every launch creates, from
    // its snapshot (whose encryption applies) or empty (encrypted only when asked).
    // CloudFormation has no resource that registers an AMI.
    devices(
        "aws_ami",
        &[BlockDevices {
            list: &["ebs_block_device"],
            ebs: None,
            encrypted: "encrypted",
            // The provider's mapping takes no key: the snapshot's, or the account's default.
            key: "",
            snapshot: "snapshot_id",
            device_name: Some("device_name"),
            root: false,
        }],
    ),
    devices("AWS::EC2::Instance", CLOUDFORMATION_MAPPINGS),
    devices(
        "AWS::EC2::LaunchTemplate",
        &[BlockDevices {
            list: &["LaunchTemplateData", "BlockDeviceMappings"],
            ebs: Some("Ebs"),
            encrypted: "Encrypted",
            key: "KmsKeyId",
            snapshot: "SnapshotId",
            device_name: Some("DeviceName"),
            root: false,
        }],
    ),
    devices(
        "AWS::AutoScaling::LaunchConfiguration",
        CLOUDFORMATION_MAPPINGS,
    ),
    // WorkSpaces encrypt the root and the user volume only when asked, each on its own.
    AtRest {
        kind: "aws_workspaces_workspace",
        switch: Switch::Flags(&[
            (&["root_volume_encryption_enabled"], " (root volume)"),
            (&["user_volume_encryption_enabled"], " (user volume)"),
        ]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    AtRest {
        kind: "AWS::WorkSpaces::Workspace",
        switch: Switch::Flags(&[
            (&["RootVolumeEncryptionEnabled"], " (root volume)"),
            (&["UserVolumeEncryptionEnabled"], " (user volume)"),
        ]),
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
    // A copied AMI keeps the source's encryption unless `encrypted` (or a key) encrypts the
    // copy: the source AMI decides, and it is rarely in the configuration.
    AtRest {
        kind: "aws_ami_copy",
        switch: Switch::Source {
            flag: Some(&["encrypted"]),
            source: "source_ami_id",
        },
        // A key without `encrypted = true` is refused by CopyImage, so it decides nothing.
        keys: &[],
        inherits: &[],
        absent: Absent::Unencrypted,
        decided_elsewhere: None,
        note: "",
    },
];

const CLOUDFORMATION_MAPPINGS: &[BlockDevices] = &[BlockDevices {
    list: &["BlockDeviceMappings"],
    ebs: Some("Ebs"),
    encrypted: "Encrypted",
    key: "KmsKeyId",
    snapshot: "SnapshotId",
    device_name: Some("DeviceName"),
    root: false,
}];

const fn devices(kind: &'static str, lists: &'static [BlockDevices]) -> AtRest {
    AtRest {
        kind,
        switch: Switch::Devices(lists),
        keys: &[],
        inherits: &[],
        absent: Absent::Encrypted,
        decided_elsewhere: None,
        note: "",
    }
}

/// Where a launch names the AMI its root volume is made from, and the launch template it may
/// take its block device mappings (and AMI) from.
pub(super) struct LaunchImage {
    pub kind: &'static str,
    pub image: Path,
    /// The block naming a launch template, and its keys naming it by id or by name.
    pub template: Option<(&'static str, &'static [&'static str])>,
}

pub(super) const LAUNCH_IMAGES: &[LaunchImage] = &[
    LaunchImage {
        kind: "aws_instance",
        image: &["ami"],
        template: Some(("launch_template", &["id", "name"])),
    },
    LaunchImage {
        kind: "aws_launch_template",
        image: &["image_id"],
        template: None,
    },
    LaunchImage {
        kind: "aws_launch_configuration",
        image: &["image_id"],
        template: None,
    },
    LaunchImage {
        kind: "AWS::EC2::Instance",
        image: &["ImageId"],
        template: Some((
            "LaunchTemplate",
            &["LaunchTemplateId", "LaunchTemplateName"],
        )),
    },
    LaunchImage {
        kind: "AWS::EC2::LaunchTemplate",
        image: &["LaunchTemplateData", "ImageId"],
        template: None,
    },
    LaunchImage {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        image: &["ImageId"],
        template: None,
    },
];

/// How an AMI the configuration creates tells whether the snapshot of its root volume is
/// encrypted. A volume made from an encrypted snapshot is always encrypted (Amazon EBS User
/// Guide, "Amazon EBS encryption").
pub(super) enum AmiRoot {
    /// A copy is encrypted when it asks (`encrypted = true`; CopyImage refuses a key without
    /// it); otherwise it keeps its source's encryption.
    Copy { encrypted: &'static str },
    /// An AMI registered from snapshots: the mapping of its root device name.
    Registered {
        root_device_name: &'static str,
        list: &'static str,
        device_name: &'static str,
        encrypted: &'static str,
    },
}

pub(super) const AMIS: &[(&str, AmiRoot)] = &[
    (
        "aws_ami_copy",
        AmiRoot::Copy {
            encrypted: "encrypted",
        },
    ),
    (
        "aws_ami",
        AmiRoot::Registered {
            root_device_name: "root_device_name",
            list: "ebs_block_device",
            device_name: "device_name",
            encrypted: "encrypted",
        },
    ),
];
