//! How resources of either format are named and name each other: the attributes that hold a
//! resource's identity, those whose strings name another resource, and where the account
//! deployed to is read. The model indexes them once (see `graph::NamingCatalog`); whoever
//! calls the loaders passes [`NAMING`] in.

use crate::graph::NamingCatalog;

pub static NAMING: NamingCatalog = NamingCatalog {
    identity_attributes: &[
        "id",
        "arn",
        "name",
        "bucket",
        "BucketName",
        "GroupName",
        // CloudFormation launch templates: auto-scaling groups and node groups may name one by
        // `LaunchTemplateName`.
        "LaunchTemplateName",
        // Databases and clusters are named by their identifier (`aws_redshift_logging` names
        // its cluster by `cluster_identifier`, a parameter group's database by `identifier`).
        "identifier",
        "cluster_identifier",
        "ClusterIdentifier",
        "DBInstanceIdentifier",
        "DBClusterIdentifier",
    ],
    // Both formats name what they point at by id, name, ARN or identifier: `vpc_id`, `VpcId`,
    // `security_group_ids`, `KmsKeyArn`, `DBClusterIdentifier`.
    reference_suffixes: &[
        "_id",
        "_ids",
        "_name",
        "_arn",
        "Id",
        "Ids",
        "Name",
        "Arn",
        "_identifier",
        "Identifier",
    ],
    reference_attributes: &["bucket", "Bucket", "role", "Role"],
    // A plan knows the account its `data.aws_caller_identity` read.
    caller_identity: ("aws_caller_identity", "account_id"),
};
