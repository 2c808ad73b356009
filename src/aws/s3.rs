//! S3 buckets and the Terraform resources that configure a bucket from outside it (AWS provider
//! v4 and later split a bucket's settings into their own resources; CloudFormation keeps them
//! as properties of `AWS::S3::Bucket`).

use super::{Given, Path, SplitConfig};

/// An access point is reachable from the internet unless it names a VPC.
pub const ACCESS_POINT_VPC: &[Given] = &[
    Given {
        kind: "aws_s3_access_point",
        path: &["vpc_configuration"],
    },
    Given {
        kind: "AWS::S3::AccessPoint",
        path: &["VpcConfiguration"],
    },
];

/// Every bucket type, in either format.
pub const BUCKETS: &[&str] = &["aws_s3_bucket", "AWS::S3::Bucket"];

/// Where one bucket type keeps the settings zero-trust rules read inline.
pub struct Bucket {
    pub kind: &'static str,
    /// The default encryption configuration block.
    pub encryption: &'static str,
    /// The public access block, when the bucket can carry it inline.
    pub public_access_block: Option<&'static str>,
    /// The server access logging block, and the bucket it names as destination.
    pub logging: &'static str,
    pub logging_target: Path,
    /// The bucket policy, when the bucket can carry it inline.
    pub policy: Option<&'static str>,
}

const BUCKET_SETTINGS: &[Bucket] = &[
    Bucket {
        kind: "aws_s3_bucket",
        encryption: "server_side_encryption_configuration",
        public_access_block: None,
        logging: "logging",
        logging_target: &["logging", "target_bucket"],
        policy: Some("policy"),
    },
    Bucket {
        kind: "AWS::S3::Bucket",
        encryption: "BucketEncryption",
        public_access_block: Some("PublicAccessBlockConfiguration"),
        logging: "LoggingConfiguration",
        logging_target: &["LoggingConfiguration", "DestinationBucketName"],
        policy: None,
    },
];

/// The inline settings of a bucket type; `None` when `kind` is not a bucket.
pub fn bucket(kind: &str) -> Option<&'static Bucket> {
    BUCKET_SETTINGS.iter().find(|b| b.kind == kind)
}

/// Default encryption set by its own resource.
pub const ENCRYPTION_CONFIGURATIONS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_server_side_encryption_configuration"],
    attribute: "bucket",
};

/// A public access block of one bucket, as its own resource.
pub const PUBLIC_ACCESS_BLOCKS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_public_access_block"],
    attribute: "bucket",
};

/// The account-wide public access block, which covers every bucket of the account.
/// CloudFormation has no resource for it.
pub const ACCOUNT_PUBLIC_ACCESS_BLOCKS: &[&str] = &["aws_s3_account_public_access_block"];

/// Server access logging set by its own resource.
pub const LOGGING_CONFIGURATIONS: SplitConfig = SplitConfig {
    kind: "aws_s3_bucket",
    by: &["aws_s3_bucket_logging"],
    attribute: "bucket",
};

/// Where a split logging resource names the bucket that receives the logs.
pub const LOGGING_CONFIGURATION_TARGET: &str = "target_bucket";

/// The four switches of a public access block, where the block lives: the whole resource
/// (`block: None`, Terraform's split resources) or a property of the bucket.
pub struct PublicAccessBlock {
    pub kind: &'static str,
    pub block: Option<&'static str>,
    pub settings: [&'static str; 4],
}

pub const PUBLIC_ACCESS_BLOCK_SETTINGS: &[PublicAccessBlock] = &[
    PublicAccessBlock {
        kind: "aws_s3_bucket_public_access_block",
        block: None,
        settings: TERRAFORM_BLOCK_SETTINGS,
    },
    PublicAccessBlock {
        kind: "aws_s3_account_public_access_block",
        block: None,
        settings: TERRAFORM_BLOCK_SETTINGS,
    },
    PublicAccessBlock {
        kind: "AWS::S3::Bucket",
        block: Some("PublicAccessBlockConfiguration"),
        settings: [
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ],
    },
];

const TERRAFORM_BLOCK_SETTINGS: [&str; 4] = [
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
];

/// A canned ACL setting and the values of it that open the bucket to everyone (or to every
/// AWS account, `authenticated-read`).
pub struct CannedAcl {
    pub kind: &'static str,
    pub acl: &'static str,
    pub public: &'static [&'static str],
    /// The canned ACL that grants only the owner, as this format spells it.
    pub private: &'static str,
}

pub const CANNED_ACLS: &[CannedAcl] = &[
    CannedAcl {
        kind: "aws_s3_bucket",
        acl: "acl",
        public: TERRAFORM_PUBLIC_ACLS,
        private: "private",
    },
    CannedAcl {
        kind: "aws_s3_bucket_acl",
        acl: "acl",
        public: TERRAFORM_PUBLIC_ACLS,
        private: "private",
    },
    CannedAcl {
        kind: "AWS::S3::Bucket",
        acl: "AccessControl",
        public: &["PublicRead", "PublicReadWrite", "AuthenticatedRead"],
        private: "Private",
    },
];

const TERRAFORM_PUBLIC_ACLS: &[&str] = &["public-read", "public-read-write", "authenticated-read"];

/// Explicit ACL grants: the resource, and the nested blocks down to a grantee's group URI.
/// CloudFormation buckets take canned ACLs only.
pub struct AclGrants {
    pub kind: &'static str,
    pub policy: &'static str,
    pub grant: &'static str,
    pub grantee: &'static str,
    pub uri: &'static str,
}

pub const ACL_GRANTS: &[AclGrants] = &[AclGrants {
    kind: "aws_s3_bucket_acl",
    policy: "access_control_policy",
    grant: "grant",
    grantee: "grantee",
    uri: "uri",
}];

/// A bucket policy as its own resource: the type, the attribute naming the bucket and the one
/// holding the document.
pub struct BucketPolicy {
    pub kind: &'static str,
    pub bucket: &'static str,
    pub document: &'static str,
}

pub const BUCKET_POLICIES: &[BucketPolicy] = &[
    BucketPolicy {
        kind: "aws_s3_bucket_policy",
        bucket: "bucket",
        document: "policy",
    },
    BucketPolicy {
        kind: "AWS::S3::BucketPolicy",
        bucket: "Bucket",
        document: "PolicyDocument",
    },
];

/// Where a bucket's object ownership rules are written: a list of rules, each with an
/// `ObjectOwnership` setting. Terraform splits them into `aws_s3_bucket_ownership_controls`.
pub struct OwnershipRules {
    pub kind: &'static str,
    pub rules: Path,
    pub ownership: &'static str,
}

/// Without ownership rules a bucket created since April 2023 is `BucketOwnerEnforced`: ACLs
/// are disabled, so only a written rule can turn them on.
pub const OWNERSHIP_CONTROLS: &[OwnershipRules] = &[
    OwnershipRules {
        kind: "aws_s3_bucket_ownership_controls",
        rules: &["rule"],
        ownership: "object_ownership",
    },
    OwnershipRules {
        kind: "AWS::S3::Bucket",
        rules: &["OwnershipControls", "Rules"],
        ownership: "ObjectOwnership",
    },
];

/// The object ownership setting that disables ACLs.
pub const ACLS_DISABLED: &str = "BucketOwnerEnforced";
