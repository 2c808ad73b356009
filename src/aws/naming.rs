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
    parts_standing_for_owner: &[
        // The security group EKS creates with the cluster, which the model stands for by its
        // cluster (see `networking::SERVICE_GROUPS`).
        (
            "aws_eks_cluster",
            &["vpc_config", "0", "cluster_security_group_id"],
        ),
        // The autoscaling group EKS creates for a managed node group: its instances are the
        // node group's (an `aws_autoscaling_attachment` registers them with a target group).
        (
            "aws_eks_node_group",
            &["resources", "0", "autoscaling_groups", "0", "name"],
        ),
    ],
    // A plan knows the account its `data.aws_caller_identity` read.
    caller_identity: ("aws_caller_identity", "account_id"),
};
