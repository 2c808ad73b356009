//! Public exposure: the resources that take a "publicly accessible" flag, in each format, and
//! what the service does when the flag is absent, and the managed services a setting puts on the
//! internet.

use super::{Facet, Path, written};
use crate::graph::exposure::{DirectInternetSetting, PublicShare};
use crate::graph::{Resource, Truth};

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
    // Redshift Serverless: a workgroup is reachable from the internet only when public access
    // is turned on (the CreateWorkgroup API, the provider and CloudFormation leave it off).
    private("aws_redshiftserverless_workgroup", "publicly_accessible"),
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
    private("AWS::RedshiftServerless::Workgroup", "PubliclyAccessible"),
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

/// A managed service whose endpoint one setting puts on the internet (a broker, a file
/// transfer server, a Kafka cluster, an Airflow web server).
pub struct PublicEndpoint {
    pub kind: &'static str,
    pub path: Path,
    pub public: PublicWhen,
    /// Whether the endpoint is public when the setting is not written.
    pub absent_public: bool,
    /// What is public, for messages ("broker", "web server").
    pub what: &'static str,
}

/// The values of a setting that make the endpoint public.
pub enum PublicWhen {
    /// A Boolean flag that is true.
    Flag,
    /// A string setting that is one of these (case-insensitive).
    Modes(&'static [&'static str]),
}

pub const PUBLIC_ENDPOINTS: &[PublicEndpoint] = &[
    // Amazon MQ: the provider's `publicly_accessible` defaults to false; CloudFormation
    // requires `PubliclyAccessible`.
    PublicEndpoint {
        kind: "aws_mq_broker",
        path: &["publicly_accessible"],
        public: PublicWhen::Flag,
        absent_public: false,
        what: "broker",
    },
    PublicEndpoint {
        kind: "AWS::AmazonMQ::Broker",
        path: &["PubliclyAccessible"],
        public: PublicWhen::Flag,
        absent_public: false,
        what: "broker",
    },
    // Transfer Family: `endpoint_type` / `EndpointType` default to PUBLIC in the provider and
    // the CreateServer API. A VPC endpoint with Elastic IPs is internet-facing too, but
    // deliberately so and behind security groups; PUBLIC has no security group at all.
    PublicEndpoint {
        kind: "aws_transfer_server",
        path: &["endpoint_type"],
        public: PublicWhen::Modes(&["PUBLIC"]),
        absent_public: true,
        what: "file transfer endpoint",
    },
    PublicEndpoint {
        kind: "AWS::Transfer::Server",
        path: &["EndpointType"],
        public: PublicWhen::Modes(&["PUBLIC"]),
        absent_public: true,
        what: "file transfer endpoint",
    },
    // MSK: public access is `DISABLED` unless set to `SERVICE_PROVIDED_EIPS`.
    PublicEndpoint {
        kind: "aws_msk_cluster",
        path: &[
            "broker_node_group_info",
            "connectivity_info",
            "public_access",
            "type",
        ],
        public: PublicWhen::Modes(&["SERVICE_PROVIDED_EIPS"]),
        absent_public: false,
        what: "Kafka brokers",
    },
    PublicEndpoint {
        kind: "AWS::MSK::Cluster",
        path: &[
            "BrokerNodeGroupInfo",
            "ConnectivityInfo",
            "PublicAccess",
            "Type",
        ],
        public: PublicWhen::Modes(&["SERVICE_PROVIDED_EIPS"]),
        absent_public: false,
        what: "Kafka brokers",
    },
    // MWAA: the web server is `PRIVATE_ONLY` unless set otherwise.
    PublicEndpoint {
        kind: "aws_mwaa_environment",
        path: &["webserver_access_mode"],
        public: PublicWhen::Modes(&["PUBLIC_ONLY"]),
        absent_public: false,
        what: "Airflow web server",
    },
    PublicEndpoint {
        kind: "AWS::MWAA::Environment",
        path: &["WebserverAccessMode"],
        public: PublicWhen::Modes(&["PUBLIC_ONLY"]),
        absent_public: false,
        what: "Airflow web server",
    },
];

impl PublicEndpoint {
    /// Whether the endpoint of `r` is public (`Yes`), with the value that decides it or the
    /// resource header when the default applies.
    pub fn state(&self, r: &Resource) -> Facet {
        let Some(v) = written(r, self.path) else {
            let name = self.path.last().copied().unwrap_or_default();
            return if self.absent_public {
                Facet {
                    state: Truth::Yes,
                    span: r.span,
                    why: format!("{name} is not set, and the service default is public"),
                }
            } else {
                Facet::no(r.span, "")
            };
        };
        if v.is_unknown() {
            return Facet::of_unknown(v);
        }
        let public = match (&self.public, v.as_str()) {
            (PublicWhen::Flag, _) => v.truth(),
            (PublicWhen::Modes(modes), Some(s)) => {
                Truth::from_bool(modes.iter().any(|m| m.eq_ignore_ascii_case(s.trim())))
            }
            (PublicWhen::Modes(_), None) => Truth::Unknown,
        };
        match public {
            Truth::Yes => Facet::yes(v.span),
            Truth::No => Facet::no(v.span, ""),
            Truth::Unknown => Facet::of_unknown(v),
        }
    }
}

/// Resources whose resource policy is judged for grants to other accounts: SNS topics, whose
/// policy is the only thing between another account and publishing or subscribing.
pub const CROSS_ACCOUNT_POLICY_HOLDERS: &[&str] = &[
    "aws_sns_topic_policy",
    "aws_sns_topic",
    "AWS::SNS::TopicPolicy",
];

pub use crate::graph::reachability::{NodeRemoteAccess, RemotePort};

// EKS RemoteAccessConfig: the key pair gives SSH on port 22, or for Windows nodes the RDP
// password, with port 3389; without source security groups the port is opened to 0.0.0.0/0.
// AMI types for Windows are the `WINDOWS_*` ones; without an AMI type (remote access cannot be
// combined with a launch template) nodes run Amazon Linux.
const EKS_SSH: RemotePort = RemotePort {
    port: 22,
    protocol: "SSH",
};
const EKS_RDP: RemotePort = RemotePort {
    port: 3389,
    protocol: "RDP",
};

pub const NODE_REMOTE_ACCESS: &[NodeRemoteAccess] = &[
    TERRAFORM_NODE_REMOTE_ACCESS,
    CLOUDFORMATION_NODE_REMOTE_ACCESS,
];

pub const TERRAFORM_NODE_REMOTE_ACCESS: NodeRemoteAccess = NodeRemoteAccess {
    kind: "aws_eks_node_group",
    block: "remote_access",
    key: "ec2_ssh_key",
    sources: "source_security_group_ids",
    service: "EKS",
    ami_type: "ami_type",
    windows_prefix: "WINDOWS_",
    linux: EKS_SSH,
    windows: EKS_RDP,
    launch_template: &[&["launch_template"]],
};

pub const CLOUDFORMATION_NODE_REMOTE_ACCESS: NodeRemoteAccess = NodeRemoteAccess {
    kind: "AWS::EKS::Nodegroup",
    block: "RemoteAccess",
    key: "Ec2SshKey",
    sources: "SourceSecurityGroups",
    service: "EKS",
    ami_type: "AmiType",
    windows_prefix: "WINDOWS_",
    linux: EKS_SSH,
    windows: EKS_RDP,
    launch_template: &[&["LaunchTemplate"]],
};

/// Where a route sends traffic through a VPC peering connection: inline in a route table's
/// route list, or as a route resource of its own.
pub struct PeeringRoute {
    pub kind: &'static str,
    /// The route list of a route table; `None` for a route resource.
    pub routes: Option<&'static str>,
    /// IPv4 and IPv6 destination settings.
    pub destinations: [&'static str; 2],
    pub peering: &'static str,
}

pub const PEERING_ROUTES: &[PeeringRoute] = &[
    PeeringRoute {
        kind: "aws_route_table",
        routes: Some("route"),
        destinations: ["cidr_block", "ipv6_cidr_block"],
        peering: "vpc_peering_connection_id",
    },
    PeeringRoute {
        kind: "aws_default_route_table",
        routes: Some("route"),
        destinations: ["cidr_block", "ipv6_cidr_block"],
        peering: "vpc_peering_connection_id",
    },
    PeeringRoute {
        kind: "aws_route",
        routes: None,
        destinations: ["destination_cidr_block", "destination_ipv6_cidr_block"],
        peering: "vpc_peering_connection_id",
    },
    PeeringRoute {
        kind: "AWS::EC2::Route",
        routes: None,
        destinations: ["DestinationCidrBlock", "DestinationIpv6CidrBlock"],
        peering: "VpcPeeringConnectionId",
    },
];

/// Where a CloudFront distribution lists its origins, and where each origin names its
/// domain and the access control that lets only CloudFront read an S3 bucket.
pub struct DistributionOrigins {
    pub kind: &'static str,
    pub origins: Path,
    pub domain: &'static str,
    /// Origin access control (OAC): the current way.
    pub access_control: &'static str,
    /// The S3 origin block, and the legacy origin access identity (OAI) inside it.
    pub s3_config: &'static str,
    pub access_identity: &'static str,
}

pub const DISTRIBUTION_ORIGINS: &[DistributionOrigins] = &[
    DistributionOrigins {
        kind: "aws_cloudfront_distribution",
        origins: &["origin"],
        domain: "domain_name",
        access_control: "origin_access_control_id",
        s3_config: "s3_origin_config",
        access_identity: "origin_access_identity",
    },
    DistributionOrigins {
        kind: "AWS::CloudFront::Distribution",
        origins: &["DistributionConfig", "Origins"],
        domain: "DomainName",
        access_control: "OriginAccessControlId",
        s3_config: "S3OriginConfig",
        access_identity: "OriginAccessIdentity",
    },
];

/// Bucket attributes that are the bucket's REST endpoint (an S3 origin); a website endpoint
/// is a custom origin, which neither OAC nor OAI can protect.
pub const BUCKET_REST_DOMAINS: &[&str] = &[
    "bucket_regional_domain_name",
    "bucket_domain_name",
    "RegionalDomainName",
    "DomainName",
    "DualStackDomainName",
];

/// Is `domain` the REST endpoint of an S3 bucket (`acme.s3.amazonaws.com`,
/// `acme.s3.eu-west-1.amazonaws.com`, `acme.s3-eu-west-1.amazonaws.com`)?
pub fn is_s3_rest_domain(domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let in_aws = domain.ends_with(".amazonaws.com") || domain.ends_with(".amazonaws.com.cn");
    in_aws
        && !domain.contains(".s3-website")
        && (domain.contains(".s3.") || domain.contains(".s3-"))
}

/// `Enabled` unless set to `Disabled` (SageMaker `CreateNotebookInstance`).
pub const NOTEBOOK_DIRECT_INTERNET: &[DirectInternetSetting] = &[
    DirectInternetSetting {
        kind: "aws_sagemaker_notebook_instance",
        path: &["direct_internet_access"],
        subnet: "subnet_id",
    },
    DirectInternetSetting {
        kind: "AWS::SageMaker::NotebookInstance",
        path: &["DirectInternetAccess"],
        subnet: "SubnetId",
    },
];

/// The account-level EMR block public access switch (Terraform only: CloudFormation has no
/// resource for it).
pub const EMR_BLOCK_PUBLIC_ACCESS: &[(&str, &[&str])] = &[(
    "aws_emr_block_public_access_configuration",
    &["block_public_security_group_rules"],
)];

/// CloudFormation has no resource for image or snapshot permissions, nor for sharing an SSM
/// document. A Lambda layer version permission with principal `*` grants every AWS account,
/// or, with an organization id, every account of that organization (Lambda API
/// AddLayerVersionPermission; Terraform `aws_lambda_layer_version_permission`, CloudFormation
/// `AWS::Lambda::LayerVersionPermission`).
pub const PUBLIC_SHARES: &[PublicShare] = &[
    // `permissions = { type = "Share", account_ids = "All" }`: ids are comma-separated.
    PublicShare {
        kind: "aws_ssm_document",
        path: &["permissions", "account_ids"],
        what: "SSM document",
        everyone: "all",
        narrowed_by: None,
    },
    PublicShare {
        kind: "aws_ami_launch_permission",
        path: &["group"],
        what: "AMI",
        everyone: "all",
        narrowed_by: None,
    },
    PublicShare {
        kind: "aws_db_snapshot",
        path: &["shared_accounts"],
        what: "RDS snapshot",
        everyone: "all",
        narrowed_by: None,
    },
    PublicShare {
        kind: "aws_db_snapshot_copy",
        path: &["shared_accounts"],
        what: "RDS snapshot copy",
        everyone: "all",
        narrowed_by: None,
    },
    PublicShare {
        kind: "aws_db_cluster_snapshot",
        path: &["shared_accounts"],
        what: "RDS cluster snapshot",
        everyone: "all",
        narrowed_by: None,
    },
    PublicShare {
        kind: "aws_lambda_layer_version_permission",
        path: &["principal"],
        what: "Lambda layer version",
        everyone: "*",
        narrowed_by: Some("organization_id"),
    },
    PublicShare {
        kind: "AWS::Lambda::LayerVersionPermission",
        path: &["Principal"],
        what: "Lambda layer version",
        everyone: "*",
        narrowed_by: Some("OrganizationId"),
    },
];
