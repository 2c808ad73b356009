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
        // What AWS creates with a VPC, which the model stands for by its VPC: the main route
        // table, the default network ACL and the default security group (see
        // `networking::SERVICE_GROUPS`), whose rules come from the resources adopting them.
        ("aws_vpc", &["main_route_table_id"]),
        ("aws_vpc", &["default_route_table_id"]),
        ("aws_vpc", &["default_network_acl_id"]),
        ("aws_vpc", &["default_security_group_id"]),
        // An instance's primary network interface, which the model stands for by its
        // instance (see `networking::INTERFACES`).
        ("aws_instance", &["primary_network_interface_id"]),
        ("AWS::EC2::VPC", &["DefaultNetworkAcl"]),
        ("AWS::EC2::VPC", &["DefaultSecurityGroup"]),
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
    // Attributes naming another resource that a reference may read whole. A Terraform
    // attribute shaped like a reference (`..._id`) whose stem is not its kind's own noun is
    // another resource already (see `NamingCatalog::names_owner`); these are listed for their
    // names (`role`, `security_groups`) or their format (CloudFormation's `GetAtt`).
    attributes_naming_another: &[
        ("aws_iam_instance_profile", "role"),
        ("aws_lambda_function", "role"),
        ("aws_lb", "security_groups"),
        ("aws_lb", "subnets"),
        ("aws_elb", "security_groups"),
        ("aws_elb", "subnets"),
        ("aws_instance", "security_groups"),
        ("aws_launch_template", "vpc_security_group_ids"),
        ("aws_db_instance", "db_subnet_group_name"),
        ("AWS::EC2::SecurityGroup", "VpcId"),
        ("AWS::EC2::Subnet", "VpcId"),
        ("AWS::EC2::Instance", "VpcId"),
    ],
    // The key an alias targets, by ARN or id, is written once (AWS accepts either there).
    same_resource_as: &[("aws_kms_alias", "target_key_arn", "target_key_id")],
    // A resource's own identity under another name, whatever its kind.
    own_identity_attributes: &[
        "unique_id",
        "invoke_arn",
        "qualified_arn",
        "qualified_invoke_arn",
        "execution_arn",
        "arn_suffix",
        "resource_id",
        "key_id",
        "bucket_domain_name",
        "bucket_regional_domain_name",
        "dns_name",
        "domain_name",
        "repository_url",
    ],
    // A plan knows the account its `data.aws_caller_identity` read.
    caller_identity: ("aws_caller_identity", "account_id"),
};
