//! Encryption in transit: where each resource names its TLS security policy or minimum protocol
//! version, which of AWS's policies accept TLS older than 1.2, the SSL negotiation policies of
//! classic load balancers, and CloudFront's viewer certificates.

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
];

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
