//! Encryption in transit: where each resource names its TLS security policy or minimum protocol
//! version, which of AWS's policies accept TLS older than 1.2, the SSL negotiation policies of
//! classic load balancers, CloudFront's viewer certificates and protocol policies, and the
//! switches that encrypt traffic to caches, search domains, brokers, EFS volumes, mail, file
//! transfer servers, migration endpoints and CloudFront origins.

use super::{Given, Path, Toggle};
use crate::graph::{Resource, Truth};

/// Elastic Load Balancing security policies that accept TLS older than 1.2.
pub fn outdated_elb(policy: &str) -> bool {
    matches!(
        policy,
        "ELBSecurityPolicy-2016-08"
            | "ELBSecurityPolicy-2015-05"
            | "ELBSecurityPolicy-TLS-1-0-2015-04"
            | "ELBSecurityPolicy-TLS-1-1-2017-01"
            | "ELBSecurityPolicy-FS-2018-06"
            | "ELBSecurityPolicy-FS-1-1-2019-08"
            | "ELBSecurityPolicy-TLS13-1-0-2021-06"
            | "ELBSecurityPolicy-TLS13-1-1-2021-06"
    )
}

/// CloudFront minimum protocol versions older than TLS 1.2.
pub fn outdated_cloudfront(version: &str) -> bool {
    matches!(version, "SSLv3" | "TLSv1" | "TLSv1_2016" | "TLSv1.1_2016")
}

/// (resource kind, path to the policy setting, is this value outdated?)
pub type PolicySetting = (&'static str, &'static [&'static str], fn(&str) -> bool);

pub const TLS_POLICIES: &[PolicySetting] = &[
    ("aws_lb_listener", &["ssl_policy"], outdated_elb),
    ("aws_alb_listener", &["ssl_policy"], outdated_elb),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        &["SslPolicy"],
        outdated_elb,
    ),
    (
        "aws_cloudfront_distribution",
        &["viewer_certificate", "minimum_protocol_version"],
        outdated_cloudfront,
    ),
    (
        "AWS::CloudFront::Distribution",
        &[
            "DistributionConfig",
            "ViewerCertificate",
            "MinimumProtocolVersion",
        ],
        outdated_cloudfront,
    ),
    ("aws_api_gateway_domain_name", &["security_policy"], |p| {
        p == "TLS_1_0"
    }),
    ("AWS::ApiGateway::DomainName", &["SecurityPolicy"], |p| {
        p == "TLS_1_0"
    }),
    // A private API's custom domain name (SAM makes one for a PRIVATE `Domain`) takes the
    // same security policies (CloudFormation, AWS::ApiGateway::DomainNameV2).
    ("AWS::ApiGateway::DomainNameV2", &["SecurityPolicy"], |p| {
        p == "TLS_1_0"
    }),
    (
        "aws_opensearch_domain",
        &["domain_endpoint_options", "tls_security_policy"],
        |p| p.contains("TLS-1-0"),
    ),
    (
        "aws_elasticsearch_domain",
        &["domain_endpoint_options", "tls_security_policy"],
        |p| p.contains("TLS-1-0"),
    ),
    (
        "AWS::OpenSearchService::Domain",
        &["DomainEndpointOptions", "TLSSecurityPolicy"],
        |p| p.contains("TLS-1-0"),
    ),
    (
        "AWS::Elasticsearch::Domain",
        &["DomainEndpointOptions", "TLSSecurityPolicy"],
        |p| p.contains("TLS-1-0"),
    ),
    (
        "aws_cloudsearch_domain",
        &["endpoint_options", "tls_security_policy"],
        |p| p.contains("TLS-1-0"),
    ),
];

/// Policies whose omission leaves a default AWS does not document: (kind, path). The
/// OpenSearch Service API (`DomainEndpointOptions.TLSSecurityPolicy`, "Required: No"), the
/// CloudFormation reference and the Terraform provider name the valid policies, one of which
/// (`Policy-Min-TLS-1-0-2019-07`) accepts TLS 1.0, but none says which one a domain gets
/// without it: undecided, neither passed nor reported.
pub const UNDOCUMENTED_POLICY_DEFAULTS: &[(&str, Path)] = &[
    (
        "aws_opensearch_domain",
        &["domain_endpoint_options", "tls_security_policy"],
    ),
    (
        "aws_elasticsearch_domain",
        &["domain_endpoint_options", "tls_security_policy"],
    ),
    (
        "AWS::OpenSearchService::Domain",
        &["DomainEndpointOptions", "TLSSecurityPolicy"],
    ),
    (
        "AWS::Elasticsearch::Domain",
        &["DomainEndpointOptions", "TLSSecurityPolicy"],
    ),
];

/// Policies whose omission leaves AWS's own default, which accepts TLS older than 1.2:
/// (kind, path, the default). CloudSearch keeps `Policy-Min-TLS-1-0-2019-07` "for
/// compatibility with older clients" (CloudSearch API, DomainEndpointOptions).
pub const OUTDATED_POLICY_DEFAULTS: &[(&str, Path, &str)] = &[(
    "aws_cloudsearch_domain",
    &["endpoint_options", "tls_security_policy"],
    "Policy-Min-TLS-1-0-2019-07",
)];

/// A security policy that can allow deprecated algorithms other than old TLS versions.
pub struct WeakAlgorithmPolicy {
    pub kind: &'static str,
    pub path: Path,
    pub outdated: fn(&str) -> bool,
    /// The policy AWS (or the provider) attaches when none is named.
    pub default: &'static str,
    /// What an outdated policy lets clients negotiate.
    pub allows: &'static str,
}

/// Transfer Family: `TransferSecurityPolicy-2018-11` is the only server policy that still
/// offers `diffie-hellman-group14-sha1` key exchange and `hmac-sha1` MACs (Transfer Family User
/// Guide, "Security policies for AWS Transfer Family servers"); it is the provider's default and
/// the one CloudFormation attaches when none is named. Later policies drop SHA-1 key exchange
/// and MACs.
pub const WEAK_ALGORITHM_POLICIES: &[WeakAlgorithmPolicy] = &[
    WeakAlgorithmPolicy {
        kind: "aws_transfer_server",
        path: &["security_policy_name"],
        outdated: outdated_transfer,
        default: TRANSFER_DEFAULT_POLICY,
        allows: TRANSFER_WEAK_ALGORITHMS,
    },
    WeakAlgorithmPolicy {
        kind: "AWS::Transfer::Server",
        path: &["SecurityPolicyName"],
        outdated: outdated_transfer,
        default: TRANSFER_DEFAULT_POLICY,
        allows: TRANSFER_WEAK_ALGORITHMS,
    },
];

const TRANSFER_DEFAULT_POLICY: &str = "TransferSecurityPolicy-2018-11";
const TRANSFER_WEAK_ALGORITHMS: &str = "SHA-1 key exchange and SHA-1 MACs";

fn outdated_transfer(policy: &str) -> bool {
    policy == TRANSFER_DEFAULT_POLICY
}

/// Where SSL negotiation policies of classic load balancers are written.
pub struct NegotiationPolicies {
    pub kind: &'static str,
    /// The list of policies on a load balancer; `None` when the resource is one policy.
    pub list: Option<&'static str>,
    pub type_key: &'static str,
    pub attributes: &'static str,
    pub name: &'static str,
    pub value: &'static str,
}

pub const NEGOTIATION_POLICIES: &[NegotiationPolicies] = &[
    NegotiationPolicies {
        kind: "aws_load_balancer_policy",
        list: None,
        type_key: "policy_type_name",
        attributes: "policy_attribute",
        name: "name",
        value: "value",
    },
    NegotiationPolicies {
        kind: "AWS::ElasticLoadBalancing::LoadBalancer",
        list: Some("Policies"),
        type_key: "PolicyType",
        attributes: "Attributes",
        name: "Name",
        value: "Value",
    },
];

/// (kind, path to the viewer certificate, default-certificate flag, minimum version key,
/// whether a distribution without a viewer certificate uses the default one)
pub const VIEWER_CERTIFICATES: &[(&str, &[&str], &str, &str, bool)] = &[
    (
        "aws_cloudfront_distribution",
        &["viewer_certificate"],
        "cloudfront_default_certificate",
        "minimum_protocol_version",
        // The block is required by the provider.
        false,
    ),
    (
        "AWS::CloudFront::Distribution",
        &["DistributionConfig", "ViewerCertificate"],
        "CloudFrontDefaultCertificate",
        "MinimumProtocolVersion",
        true,
    ),
];

/// ElastiCache replication groups encrypt client connections only when asked.
pub const CACHE_TRANSIT_ENCRYPTION: &[Toggle] = &[
    Toggle {
        kind: "aws_elasticache_replication_group",
        path: &["transit_encryption_enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::ElastiCache::ReplicationGroup",
        path: &["TransitEncryptionEnabled"],
        default: false,
    },
];

/// A boolean switch that applies only to some resources of its kind, as `applies` decides from
/// their other settings.
pub struct ConditionalToggle {
    pub toggle: Toggle,
    pub applies: fn(&Resource) -> Truth,
}

/// Standalone Memcached clusters encrypt client connections only when asked (Memcached 1.6.12
/// and later, in a VPC). A Redis or Valkey node cannot: its transit encryption is a setting of
/// a replication group, and a Terraform cluster that joins a group takes the group's, judged
/// there. CloudFormation cache clusters never join a group.
pub const MEMCACHED_TRANSIT_ENCRYPTION: &[ConditionalToggle] = &[
    ConditionalToggle {
        toggle: Toggle {
            kind: "aws_elasticache_cluster",
            path: &["transit_encryption_enabled"],
            default: false,
        },
        applies: |r| memcached_outside_group(r, "engine", Some("replication_group_id")),
    },
    ConditionalToggle {
        toggle: Toggle {
            kind: "AWS::ElastiCache::CacheCluster",
            path: &["TransitEncryptionEnabled"],
            default: false,
        },
        applies: |r| memcached_outside_group(r, "Engine", None),
    },
];

fn memcached_outside_group(r: &Resource, engine: &str, group: Option<&str>) -> Truth {
    if group.is_some_and(|g| super::written(r, &[g]).is_some()) {
        return Truth::No;
    }
    match r.get(engine) {
        None => Truth::No,
        Some(v) => match v.as_str() {
            Some(name) => Truth::from_bool(name.trim().eq_ignore_ascii_case("memcached")),
            None if v.is_unknown() => Truth::Unknown,
            None => Truth::No,
        },
    }
}

/// OpenSearch and Elasticsearch domains encrypt traffic between nodes only when asked.
pub const NODE_TO_NODE_ENCRYPTION: &[Toggle] = &[
    Toggle {
        kind: "aws_opensearch_domain",
        path: &["node_to_node_encryption", "enabled"],
        default: false,
    },
    Toggle {
        kind: "aws_elasticsearch_domain",
        path: &["node_to_node_encryption", "enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::OpenSearchService::Domain",
        path: &["NodeToNodeEncryptionOptions", "Enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::Elasticsearch::Domain",
        path: &["NodeToNodeEncryptionOptions", "Enabled"],
        default: false,
    },
];

/// Where a search domain requires HTTPS. The provider defaults `enforce_https` to true inside
/// `domain_endpoint_options`, while a domain without the block (and CloudFormation without
/// `EnforceHTTPS`) accepts plain HTTP.
pub struct EnforceHttps {
    pub kind: &'static str,
    pub block: &'static str,
    pub key: &'static str,
    pub default_in_block: bool,
}

pub const ENFORCE_HTTPS: &[EnforceHttps] = &[
    EnforceHttps {
        kind: "aws_opensearch_domain",
        block: "domain_endpoint_options",
        key: "enforce_https",
        default_in_block: true,
    },
    EnforceHttps {
        kind: "aws_elasticsearch_domain",
        block: "domain_endpoint_options",
        key: "enforce_https",
        default_in_block: true,
    },
    EnforceHttps {
        kind: "AWS::OpenSearchService::Domain",
        block: "DomainEndpointOptions",
        key: "EnforceHTTPS",
        default_in_block: false,
    },
    EnforceHttps {
        kind: "AWS::Elasticsearch::Domain",
        block: "DomainEndpointOptions",
        key: "EnforceHTTPS",
        default_in_block: false,
    },
];

/// MemoryDB clusters use TLS unless told not to.
pub const MEMORYDB_TLS: &[Toggle] = &[
    Toggle {
        kind: "aws_memorydb_cluster",
        path: &["tls_enabled"],
        default: true,
    },
    Toggle {
        kind: "AWS::MemoryDB::Cluster",
        path: &["TLSEnabled"],
        default: true,
    },
];

/// RDS Proxy takes plaintext client connections unless told to require TLS: `RequireTLS` /
/// `require_tls` is optional in CreateDBProxy and off when omitted (Security Hub RDS.43 fails
/// such a proxy), whatever the database behind it enforces.
pub const DB_PROXY_TLS: &[Toggle] = &[
    Toggle {
        kind: "aws_db_proxy",
        path: &["require_tls"],
        default: false,
    },
    Toggle {
        kind: "AWS::RDS::DBProxy",
        path: &["RequireTLS"],
        default: false,
    },
];

/// AppSync API caches encrypt traffic only when asked.
pub const APPSYNC_CACHE_TRANSIT_ENCRYPTION: &[Toggle] = &[
    Toggle {
        kind: "aws_appsync_api_cache",
        path: &["transit_encryption_enabled"],
        default: false,
    },
    Toggle {
        kind: "AWS::AppSync::ApiCache",
        path: &["TransitEncryptionEnabled"],
        default: false,
    },
];

/// DAX endpoints are plaintext (`NONE`) unless `TLS` is chosen at creation.
pub const DAX_ENDPOINT_ENCRYPTION: &[Given] = &[
    Given {
        kind: "aws_dax_cluster",
        path: &["cluster_endpoint_encryption_type"],
    },
    Given {
        kind: "AWS::DAX::Cluster",
        path: &["ClusterEndpointEncryptionType"],
    },
];

/// MSK client-broker encryption: TLS when absent (the service default).
pub const MSK_CLIENT_BROKER: &[Given] = &[
    Given {
        kind: "aws_msk_cluster",
        path: &["encryption_info", "encryption_in_transit", "client_broker"],
    },
    Given {
        kind: "AWS::MSK::Cluster",
        path: &["EncryptionInfo", "EncryptionInTransit", "ClientBroker"],
    },
];

/// MSK encryption between brokers: on when absent.
pub const MSK_IN_CLUSTER: &[Toggle] = &[
    Toggle {
        kind: "aws_msk_cluster",
        path: &["encryption_info", "encryption_in_transit", "in_cluster"],
        default: true,
    },
    Toggle {
        kind: "AWS::MSK::Cluster",
        path: &["EncryptionInfo", "EncryptionInTransit", "InCluster"],
        default: true,
    },
];

/// EFS volumes of ECS task definitions: the volume list, the EFS configuration in a volume and
/// its transit encryption switch (`DISABLED` when absent).
pub struct EfsVolumes {
    pub kind: &'static str,
    pub volumes: &'static str,
    pub efs: &'static str,
    pub transit: &'static str,
}

pub const ECS_EFS_VOLUMES: &[EfsVolumes] = &[
    EfsVolumes {
        kind: "aws_ecs_task_definition",
        volumes: "volume",
        efs: "efs_volume_configuration",
        transit: "transit_encryption",
    },
    EfsVolumes {
        kind: "AWS::ECS::TaskDefinition",
        volumes: "Volumes",
        efs: "EFSVolumeConfiguration",
        transit: "TransitEncryption",
    },
];

/// CloudFront cache behaviours: the default one, the ordered ones, and the viewer protocol
/// policy in each.
pub struct ViewerProtocol {
    pub kind: &'static str,
    pub default_behaviour: Path,
    pub ordered_behaviours: Path,
    pub policy: &'static str,
}

/// The viewer protocol policy that sends plain-HTTP viewers to HTTPS (the same word in both
/// formats).
pub const REDIRECT_TO_HTTPS: &str = "redirect-to-https";

pub const VIEWER_PROTOCOL_POLICIES: &[ViewerProtocol] = &[
    ViewerProtocol {
        kind: "aws_cloudfront_distribution",
        default_behaviour: &["default_cache_behavior"],
        ordered_behaviours: &["ordered_cache_behavior"],
        policy: "viewer_protocol_policy",
    },
    ViewerProtocol {
        kind: "AWS::CloudFront::Distribution",
        default_behaviour: &["DistributionConfig", "DefaultCacheBehavior"],
        ordered_behaviours: &["DistributionConfig", "CacheBehaviors"],
        policy: "ViewerProtocolPolicy",
    },
];

/// CloudSearch domains accept plain HTTP unless `enforce_https` is set (the API default is
/// false; CloudFormation has no CloudSearch resource).
pub const CLOUDSEARCH_ENFORCE_HTTPS: &[Toggle] = &[Toggle {
    kind: "aws_cloudsearch_domain",
    path: &["endpoint_options", "enforce_https"],
    default: false,
}];

/// SageMaker data quality monitoring jobs encrypt traffic between their instances only when
/// asked.
pub const MONITORING_INTER_CONTAINER_ENCRYPTION: &[Toggle] = &[
    Toggle {
        kind: "aws_sagemaker_data_quality_job_definition",
        path: &[
            "network_config",
            "enable_inter_container_traffic_encryption",
        ],
        default: false,
    },
    Toggle {
        kind: "AWS::SageMaker::DataQualityJobDefinition",
        path: &["NetworkConfig", "EnableInterContainerTrafficEncryption"],
        default: false,
    },
];

/// A string setting that encrypts traffic only with one of the `secure` values.
pub struct RequiredMode {
    pub kind: &'static str,
    pub path: Path,
    pub secure: &'static [&'static str],
    /// What AWS or the provider uses when it is absent (never one of `secure`).
    pub default: &'static str,
    /// Whether the setting applies to this resource; `None` when it always does.
    pub applies: Option<fn(&Resource) -> Truth>,
}

/// A protocol setting whose listed values carry the data in plain text; any other value, and
/// a missing setting, is left alone.
pub struct PlaintextProtocol {
    pub kind: &'static str,
    pub path: Path,
    pub plain: &'static [&'static str],
    /// What travels in plain text, for messages.
    pub what: &'static str,
}

/// SNS delivers to an `http` subscription endpoint over plain HTTP (`https` endpoints get TLS;
/// the other protocols are AWS services, SMS or email). The protocol is required in both
/// formats.
pub const PLAINTEXT_PROTOCOLS: &[PlaintextProtocol] = &[
    PlaintextProtocol {
        kind: "aws_sns_topic_subscription",
        path: &["protocol"],
        plain: &["http"],
        what: "delivers messages over plain HTTP",
    },
    PlaintextProtocol {
        kind: "AWS::SNS::Subscription",
        path: &["Protocol"],
        plain: &["http"],
        what: "delivers messages over plain HTTP",
    },
];

/// SES configuration sets deliver mail in plain text when the receiving server offers no TLS,
/// unless the TLS policy is `Require` (the default is `Optional`).
pub const SES_TLS_POLICY: &[RequiredMode] = &[
    RequiredMode {
        kind: "aws_ses_configuration_set",
        path: &["delivery_options", "tls_policy"],
        secure: &["Require"],
        default: "Optional",
        applies: None,
    },
    RequiredMode {
        kind: "aws_sesv2_configuration_set",
        path: &["delivery_options", "tls_policy"],
        secure: &["REQUIRE"],
        default: "OPTIONAL",
        applies: None,
    },
    RequiredMode {
        kind: "AWS::SES::ConfigurationSet",
        path: &["DeliveryOptions", "TlsPolicy"],
        secure: &["REQUIRE"],
        default: "OPTIONAL",
        applies: None,
    },
];

/// DMS endpoints connect to a database without TLS unless `ssl_mode` asks for it (the default
/// is `none`).
pub const DMS_SSL_MODE: &[RequiredMode] = &[
    RequiredMode {
        kind: "aws_dms_endpoint",
        path: &["ssl_mode"],
        secure: &["require", "verify-ca", "verify-full"],
        default: "none",
        applies: Some(|r| dms_engine_uses_ssl_mode(r, "engine_name")),
    },
    RequiredMode {
        kind: "AWS::DMS::Endpoint",
        path: &["SslMode"],
        secure: &["require", "verify-ca", "verify-full"],
        default: "none",
        applies: Some(|r| dms_engine_uses_ssl_mode(r, "EngineName")),
    },
];

/// Database engines whose DMS connection is encrypted only through the SSL mode. Endpoints of
/// S3, DynamoDB, Kinesis, Kafka, OpenSearch and Neptune use HTTPS or their own settings, and
/// Redshift connections already use SSL (DMS User Guide, "Using SSL with AWS DMS").
const DMS_SSL_MODE_ENGINES: &[&str] = &[
    "mysql",
    "aurora",
    "mariadb",
    "postgres",
    "aurora-postgresql",
    "oracle",
    "sqlserver",
    "sybase",
    "db2",
    "db2-zos",
    "mongodb",
    "docdb",
    "azuredb",
    "azure-sql-managed-instance",
    "babelfish",
];

fn dms_engine_uses_ssl_mode(r: &Resource, engine: &str) -> Truth {
    match r.get(engine) {
        None => Truth::No,
        Some(v) => match v.as_str() {
            Some(name) => Truth::from_bool(
                DMS_SSL_MODE_ENGINES
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(name)),
            ),
            None if v.is_unknown() => Truth::Unknown,
            None => Truth::No,
        },
    }
}

/// Transfer Family servers: the list of protocols they accept (SFTP alone when absent) and
/// the one that carries credentials and files in clear text.
pub struct TransferProtocols {
    pub kind: &'static str,
    pub protocols: &'static str,
}

/// FTP sends credentials and data unencrypted; SFTP, FTPS and AS2 encrypt.
pub const PLAINTEXT_TRANSFER_PROTOCOL: &str = "FTP";

pub const TRANSFER_PROTOCOLS: &[TransferProtocols] = &[
    TransferProtocols {
        kind: "aws_transfer_server",
        protocols: "protocols",
    },
    TransferProtocols {
        kind: "AWS::Transfer::Server",
        protocols: "Protocols",
    },
];

/// CloudFront custom origins: the origin list, the custom origin settings in each origin and
/// the protocol CloudFront uses to reach it (`http-only` is plain HTTP whatever the viewer
/// uses).
pub struct OriginProtocols {
    pub kind: &'static str,
    pub origins: Path,
    pub custom: &'static str,
    pub policy: &'static str,
}

pub const ORIGIN_PROTOCOL_POLICIES: &[OriginProtocols] = &[
    OriginProtocols {
        kind: "aws_cloudfront_distribution",
        origins: &["origin"],
        custom: "custom_origin_config",
        policy: "origin_protocol_policy",
    },
    OriginProtocols {
        kind: "AWS::CloudFront::Distribution",
        origins: &["DistributionConfig", "Origins"],
        custom: "CustomOriginConfig",
        policy: "OriginProtocolPolicy",
    },
];

/// EMR security configurations: (kind, the attribute holding the JSON document). Traffic
/// between cluster nodes is encrypted only when the document's
/// `EncryptionConfiguration.EnableInTransitEncryption` is true (false when absent).
pub const EMR_IN_TRANSIT: &[(&str, &str)] = &[
    ("aws_emr_security_configuration", "configuration"),
    ("AWS::EMR::SecurityConfiguration", "SecurityConfiguration"),
];

/// Where an EMR security configuration document turns on encryption between cluster nodes.
pub const EMR_IN_TRANSIT_SWITCH: &[&str] =
    &["EncryptionConfiguration", "EnableInTransitEncryption"];

/// Databases whose server certificate is issued by an RDS certificate authority chosen by name:
/// (kind, the attribute naming the CA). Omitted, RDS picks its current default
/// (`rds-ca-rsa2048-g1` for instances created since 25 January 2024), which is not expired.
pub const DATABASE_CERTIFICATE_AUTHORITIES: &[(&str, &str)] = &[
    ("aws_db_instance", "ca_cert_identifier"),
    ("aws_rds_cluster_instance", "ca_cert_identifier"),
    // Multi-AZ DB clusters (not Aurora) name their CA on the cluster.
    ("aws_rds_cluster", "ca_certificate_identifier"),
    ("aws_docdb_cluster_instance", "ca_cert_identifier"),
    ("AWS::RDS::DBInstance", "CACertificateIdentifier"),
    ("AWS::DocDB::DBInstance", "CACertificateIdentifier"),
];

/// RDS certificate authorities that have expired (Amazon RDS User Guide, "Rotating your SSL/TLS
/// certificate"): clients that verify the server can no longer do so.
pub const EXPIRED_DATABASE_CERTIFICATE_AUTHORITIES: &[ExpiredAuthority] = &[
    ExpiredAuthority {
        name: "rds-ca-2015",
        expired: "March 2020",
        scope: ExpiryScope::Everywhere,
    },
    // Each region has its own `rds-ca-2019`: in most it expired between May and October 2024,
    // in some (and GovCloud) it is valid until 2061. Which is which follows no rule (Hong Kong
    // opened in 2019 and is valid; Cape Town and Milan opened in 2020 and expired): the lists
    // are those of the AWS News Blog, "Rotate Your SSL/TLS Certificates Now – Amazon RDS and
    // Amazon Aurora Expire in 2024", which gives every region's expiry date.
    ExpiredAuthority {
        name: "rds-ca-2019",
        expired: "2024",
        scope: ExpiryScope::Regions {
            expired_in: &[
                "us-east-1",
                "us-east-2",
                "us-west-1",
                "us-west-2",
                "af-south-1",
                "ap-south-1",
                "ap-northeast-1",
                "ap-northeast-2",
                "ap-northeast-3",
                "ap-southeast-1",
                "ap-southeast-2",
                "ca-central-1",
                "cn-north-1",
                "cn-northwest-1",
                "eu-central-1",
                "eu-north-1",
                "eu-south-1",
                "eu-west-1",
                "eu-west-2",
                "eu-west-3",
                "me-south-1",
                "sa-east-1",
            ],
            valid_in: &[
                "ap-east-1",
                "ap-south-2",
                "ap-southeast-3",
                "ap-southeast-4",
                "eu-central-2",
                "eu-south-2",
                "il-central-1",
                "me-central-1",
                "us-gov-east-1",
                "us-gov-west-1",
            ],
        },
    },
];

/// An RDS certificate authority that has expired, where and when.
pub struct ExpiredAuthority {
    pub name: &'static str,
    pub expired: &'static str,
    pub scope: ExpiryScope,
}

/// Where an authority of one name has expired.
pub enum ExpiryScope {
    Everywhere,
    /// Expired only in some regions: whether it has expired depends on the deployment region,
    /// and a region in neither list is not decided.
    Regions {
        expired_in: &'static [&'static str],
        valid_in: &'static [&'static str],
    },
}

/// Where a configuration names the region it deploys to: the `region` argument of Terraform's
/// `provider "aws"` configurations (in HCL or in a plan's `configuration`). A CloudFormation
/// template never names its region: the stack's region decides.
pub const DEPLOYMENT_REGION: ProviderArgument = ProviderArgument {
    provider: "aws",
    argument: "region",
};

/// A resource's own region, which overrides its provider configuration's (Terraform AWS
/// provider 6.0, "Enhanced Region Support": every regional resource takes a top-level `region`;
/// in a plan, the effective region once known). CloudFormation resources have none.
pub const RESOURCE_REGION: &str = "region";

/// An argument of a provider configuration.
pub struct ProviderArgument {
    /// The provider's name (the configuration's kind).
    pub provider: &'static str,
    pub argument: &'static str,
}
