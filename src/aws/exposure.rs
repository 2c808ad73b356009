//! Public exposure: the resources that take a "publicly accessible" flag, in each format, and
//! what the service does when the flag is absent.

/// What holds when the flag is not written.
pub enum WhenAbsent {
    /// Private: the provider and CloudFormation send `false` or nothing the API reads as public.
    Private,
    /// Public: the DMS API's `PubliclyAccessible` defaults to `true`, and neither the provider
    /// (optional and computed) nor CloudFormation sends a value of its own.
    Public,
    /// The RDS API decides by placement: public when the DB subnet group's VPC has an internet
    /// gateway, or, without a subnet group, in the default VPC. `cluster` names the attribute
    /// that makes an instance a member of a cluster, which places it instead.
    ByPlacement {
        cluster: &'static str,
        cluster_kinds: &'static [&'static str],
    },
}

/// A resource type with a publicly accessible flag.
pub struct PubliclyAccessible {
    pub kind: &'static str,
    pub flag: &'static str,
    pub absent: WhenAbsent,
}

pub const PUBLICLY_ACCESSIBLE: &[PubliclyAccessible] = &[
    private("aws_db_instance", "publicly_accessible"),
    private("aws_rds_cluster_instance", "publicly_accessible"),
    private("aws_rds_cluster", "publicly_accessible"),
    private("aws_redshift_cluster", "publicly_accessible"),
    private("aws_neptune_cluster_instance", "publicly_accessible"),
    PubliclyAccessible {
        kind: "aws_dms_replication_instance",
        flag: "publicly_accessible",
        absent: WhenAbsent::Public,
    },
    PubliclyAccessible {
        kind: "AWS::RDS::DBInstance",
        flag: "PubliclyAccessible",
        absent: WhenAbsent::ByPlacement {
            cluster: "DBClusterIdentifier",
            cluster_kinds: &["AWS::RDS::DBCluster"],
        },
    },
    private("AWS::RDS::DBCluster", "PubliclyAccessible"),
    private("AWS::Redshift::Cluster", "PubliclyAccessible"),
    private("AWS::Neptune::DBInstance", "PubliclyAccessible"),
    PubliclyAccessible {
        kind: "AWS::DMS::ReplicationInstance",
        flag: "PubliclyAccessible",
        absent: WhenAbsent::Public,
    },
];

/// Types whose publicly-accessible flag AWS turns off on the running database (RDS and
/// Redshift modify it with no interruption; the address then resolves to the private IP from
/// everywhere, so clients inside the VPC keep working). A DMS replication instance is
/// replaced instead.
pub const PRIVATE_IN_PLACE: &[&str] = &[
    "aws_db_instance",
    "aws_rds_cluster_instance",
    "aws_rds_cluster",
    "aws_redshift_cluster",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "AWS::Redshift::Cluster",
];

const fn private(kind: &'static str, flag: &'static str) -> PubliclyAccessible {
    PubliclyAccessible {
        kind,
        flag,
        absent: WhenAbsent::Private,
    }
}
