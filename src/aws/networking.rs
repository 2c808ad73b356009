//! Networking, content delivery and edge protection: VPC flow logs, load balancer, API Gateway,
//! CloudFront and Global Accelerator access logs, WAF and Network Firewall logging, Route 53
//! query logs, Client VPN and Site-to-Site VPN tunnel logs, Network Firewall keys.

use super::{
    AuditLog, Facet, KeyChoice, LogFamily, LogFlag, LogSwitch, Path, Setting, SplitConfig, Toggle,
    setting, written,
};
use crate::graph::network::{
    ClusterMembership, DataStoreKind, RouteCatalog, RouteNames, RouteResource, SubnetPath,
};
use crate::graph::network_acl::{AclCatalog, DeclaresEntries, EntryNames, EntryShape};
use crate::graph::reachability::{
    CreatedInterface, ExposableStore, InstancePlacement, InterfaceAttachment, InterfaceCatalog,
    InterfaceKind, LaunchInterfaces, NetworkCatalog, PublicDefault,
};
use crate::graph::security_group::{
    Declares, Direction, RuleDirection, RuleNames, RuleShape, SecurityGroupCatalog, ServiceGroup,
};
use crate::graph::vpc_endpoint::EndpointNames;
use crate::graph::{Resource, Truth};

/// Subnets give launched instances a public IPv4 address only when asked, in both formats.
pub const SUBNET_PUBLIC_IP_ON_LAUNCH: &[Toggle] = &[
    Toggle {
        kind: "aws_subnet",
        path: &["map_public_ip_on_launch"],
        default: false,
    },
    Toggle {
        kind: "AWS::EC2::Subnet",
        path: &["MapPublicIpOnLaunch"],
        default: false,
    },
];

/// Where a Network Firewall policy says what to do with packets no stateless rule matched: full
/// packets and UDP fragments each take a list holding one standard action (`aws:pass`,
/// `aws:drop`, `aws:forward_to_sfe`) and optional custom action names. Both lists are required
/// in both formats.
pub struct FirewallStatelessDefaults {
    pub kind: &'static str,
    pub full_packets: Path,
    pub fragments: Path,
}

pub const FIREWALL_STATELESS_DEFAULTS: &[FirewallStatelessDefaults] = &[
    FirewallStatelessDefaults {
        kind: "aws_networkfirewall_firewall_policy",
        full_packets: &["firewall_policy", "stateless_default_actions"],
        fragments: &["firewall_policy", "stateless_fragment_default_actions"],
    },
    FirewallStatelessDefaults {
        kind: "AWS::NetworkFirewall::FirewallPolicy",
        full_packets: &["FirewallPolicy", "StatelessDefaultActions"],
        fragments: &["FirewallPolicy", "StatelessFragmentDefaultActions"],
    },
];

/// The standard stateless action that ends all inspection and lets the packet through.
pub const FIREWALL_PASS_ACTION: &str = "aws:pass";

/// Where an EKS cluster configures its Kubernetes API endpoint: the block, the public access
/// switch (true when absent) and the CIDRs allowed to reach it (`0.0.0.0/0` when absent).
pub struct ClusterEndpoint {
    pub kind: &'static str,
    pub config: &'static str,
    pub public_access: &'static str,
    pub public_cidrs: &'static str,
}

pub const CLUSTER_ENDPOINTS: &[ClusterEndpoint] = &[
    ClusterEndpoint {
        kind: "aws_eks_cluster",
        config: "vpc_config",
        public_access: "endpoint_public_access",
        public_cidrs: "public_access_cidrs",
    },
    ClusterEndpoint {
        kind: "AWS::EKS::Cluster",
        config: "ResourcesVpcConfig",
        public_access: "EndpointPublicAccess",
        public_cidrs: "PublicAccessCidrs",
    },
];

/// Terraform's resource that takes over a VPC's default security group, and its rule lists.
/// CloudFormation cannot manage the default group's rules.
pub struct DefaultSecurityGroup {
    pub kind: &'static str,
    pub rule_lists: &'static [&'static str],
    /// The VPCs whose default group it adopts, named in `vpc_attribute`. A VPC no such
    /// resource adopts keeps the rules AWS gives every new default group: all traffic from
    /// its own members in, all traffic out (Amazon VPC User Guide, "Default security groups
    /// for your VPCs"). Adopting it removes them (provider docs, aws_default_security_group).
    pub vpc_kind: &'static str,
    pub vpc_attribute: &'static str,
}

pub const DEFAULT_SECURITY_GROUPS: &[DefaultSecurityGroup] = &[DefaultSecurityGroup {
    kind: "aws_default_security_group",
    rule_lists: &["ingress", "egress"],
    vpc_kind: "aws_vpc",
    vpc_attribute: "vpc_id",
}];

/// A VPC is watched by the flow logs that name it.
pub const FLOW_LOGS: &[SplitConfig] = &[
    SplitConfig {
        kind: "aws_vpc",
        by: &["aws_flow_log"],
        attribute: "vpc_id",
    },
    SplitConfig {
        kind: "AWS::EC2::VPC",
        by: &["AWS::EC2::FlowLog"],
        attribute: "ResourceId",
    },
];

pub(super) const LOGS: &[AuditLog] = &[
    // Application, network and gateway load balancers: no access logs unless an
    // `access_logs` block says `enabled = true` (the argument defaults to false).
    load_balancer(
        "aws_lb",
        LogSwitch::Flag {
            path: &["access_logs", "enabled"],
            default: false,
        },
    ),
    load_balancer(
        "aws_alb",
        LogSwitch::Flag {
            path: &["access_logs", "enabled"],
            default: false,
        },
    ),
    load_balancer(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        LogSwitch::Attribute {
            list: &["LoadBalancerAttributes"],
            key: "access_logs.s3.enabled",
        },
    ),
    // Classic load balancers: an `access_logs` block is on unless it says otherwise
    // (`enabled` defaults to true); CloudFormation's `AccessLoggingPolicy.Enabled` is required.
    load_balancer(
        "aws_elb",
        LogSwitch::Flag {
            path: &["access_logs", "enabled"],
            default: true,
        },
    ),
    load_balancer(
        "AWS::ElasticLoadBalancing::LoadBalancer",
        LogSwitch::Flag {
            path: &["AccessLoggingPolicy", "Enabled"],
            default: false,
        },
    ),
];

/// API Gateway stages write no access log unless given a destination.
pub(super) const API_LOGS: &[AuditLog] = &[
    api_stage("aws_api_gateway_stage", &["access_log_settings"]),
    api_stage("aws_apigatewayv2_stage", &["access_log_settings"]),
    api_stage("AWS::ApiGateway::Stage", &["AccessLogSetting"]),
    api_stage("AWS::ApiGatewayV2::Stage", &["AccessLogSettings"]),
];

/// Why a CloudFormation WAF Classic web ACL's logging cannot be judged.
const CLASSIC_WAF_LOGGING: &str = "CloudFormation has no logging setting for a WAF Classic web ACL: its logging is configured outside the template";

/// A web ACL logs requests only when a logging configuration names it.
pub(super) const FIREWALL_LOGS: &[AuditLog] = &[
    // WAF Classic web ACLs (global and regional) log only with their inline
    // `logging_configuration` block. CloudFormation's WAF Classic resources have no logging
    // setting at all (logging is turned on through the WAF Classic API or console), so a
    // template cannot say whether they log: undecided.
    AuditLog {
        kind: "aws_waf_web_acl",
        family: LogFamily::Firewall,
        switch: LogSwitch::Block(&["logging_configuration"]),
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "aws_wafregional_web_acl",
        family: LogFamily::Firewall,
        switch: LogSwitch::Block(&["logging_configuration"]),
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::WAF::WebACL",
        family: LogFamily::Firewall,
        switch: LogSwitch::Outside(CLASSIC_WAF_LOGGING),
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::WAFRegional::WebACL",
        family: LogFamily::Firewall,
        switch: LogSwitch::Outside(CLASSIC_WAF_LOGGING),
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "aws_wafv2_web_acl",
        family: LogFamily::Firewall,
        switch: LogSwitch::Split,
        configured_by: Some((&["aws_wafv2_web_acl_logging_configuration"], "resource_arn")),
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::WAFv2::WebACL",
        family: LogFamily::Firewall,
        switch: LogSwitch::Split,
        configured_by: Some((&["AWS::WAFv2::LoggingConfiguration"], "ResourceArn")),
        decided_elsewhere: None,
    },
    // Network Firewall logs flows and alerts only through a logging configuration naming it.
    AuditLog {
        kind: "aws_networkfirewall_firewall",
        family: LogFamily::Firewall,
        switch: LogSwitch::Split,
        configured_by: Some((
            &["aws_networkfirewall_logging_configuration"],
            "firewall_arn",
        )),
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::NetworkFirewall::Firewall",
        family: LogFamily::Firewall,
        switch: LogSwitch::Split,
        configured_by: Some((
            &["AWS::NetworkFirewall::LoggingConfiguration"],
            "FirewallArn",
        )),
        decided_elsewhere: None,
    },
];

/// CloudFront writes standard access logs with a logging block, or through a CloudWatch Logs
/// delivery source naming the distribution (standard logging v2). Global Accelerator writes
/// flow logs only when its attributes say so (`flow_logs_enabled` defaults to false);
/// CloudFormation has no setting for them.
pub(super) const EDGE_LOGS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_cloudfront_distribution",
        family: LogFamily::Edge,
        switch: LogSwitch::Block(&["logging_config"]),
        configured_by: Some((&["aws_cloudwatch_log_delivery_source"], "resource_arn")),
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::CloudFront::Distribution",
        family: LogFamily::Edge,
        switch: LogSwitch::Block(&["DistributionConfig", "Logging"]),
        configured_by: Some((&["AWS::Logs::DeliverySource"], "ResourceArn")),
        decided_elsewhere: None,
    },
    accelerator("aws_globalaccelerator_accelerator"),
    accelerator("aws_globalaccelerator_custom_routing_accelerator"),
];

const fn accelerator(kind: &'static str) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::Edge,
        // Flow logs need their bucket: `flow_logs_enabled = true` alone does not apply.
        switch: LogSwitch::NeedsDestination(&LogSwitch::Flag {
            path: &["attributes", "flow_logs_enabled"],
            default: false,
        }),
        configured_by: None,
        decided_elsewhere: None,
    }
}

/// Client VPN endpoints record each connection attempt (who, from where, accepted or not) only
/// when connection logging is on; `connection_log_options` / `ConnectionLogOptions` and its
/// `enabled` / `Enabled` are required in both formats, and turning it on needs a log group.
pub(super) const VPN_LOGS: &[AuditLog] = &[
    client_vpn_log(
        "aws_ec2_client_vpn_endpoint",
        &LogSwitch::Flag {
            path: &["connection_log_options", "enabled"],
            default: false,
        },
    ),
    client_vpn_log(
        "AWS::EC2::ClientVpnEndpoint",
        &LogSwitch::Flag {
            path: &["ConnectionLogOptions", "Enabled"],
            default: false,
        },
    ),
];

/// A Site-to-Site VPN connection's two tunnels log IKE negotiation and tunnel state changes
/// (the only record of which peer brought a tunnel up, and when) only when each tunnel's
/// CloudWatch log option is on; both providers document `log_enabled` / `LogEnabled` as false
/// by default. CloudFormation lists the tunnels' options; a tunnel without an element in
/// `VpnTunnelOptionsSpecifications` takes the defaults.
pub(super) const SITE_TO_SITE_VPN_LOGS: &[AuditLog] = &[
    site_to_site_vpn_log(
        "aws_vpn_connection",
        &LogSwitch::AllOf(&[
            tunnel_log_flag(&[
                "tunnel1_log_options",
                "cloudwatch_log_options",
                "log_enabled",
            ]),
            tunnel_log_flag(&[
                "tunnel2_log_options",
                "cloudwatch_log_options",
                "log_enabled",
            ]),
        ]),
    ),
    site_to_site_vpn_log(
        "AWS::EC2::VPNConnection",
        &LogSwitch::EveryElement {
            list: &["VpnTunnelOptionsSpecifications"],
            flag: &["LogOptions", "CloudwatchLogOptions", "LogEnabled"],
            elements: 2,
        },
    ),
];

const fn tunnel_log_flag(path: Path) -> LogFlag {
    LogFlag {
        path,
        absent: false,
        off: &[],
        unless: None,
    }
}

const fn site_to_site_vpn_log(kind: &'static str, switch: &'static LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::Service,
        // Turning a tunnel's log on needs a log group a person chooses.
        switch: LogSwitch::NeedsDestination(switch),
        configured_by: None,
        decided_elsewhere: None,
    }
}

const fn client_vpn_log(kind: &'static str, flag: &'static LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::Service,
        switch: LogSwitch::NeedsDestination(flag),
        configured_by: None,
        decided_elsewhere: None,
    }
}

/// A public hosted zone logs DNS queries only with a query logging configuration: a separate
/// resource naming the zone in Terraform, `QueryLoggingConfig` in CloudFormation. Private
/// zones cannot have one (Route 53 Resolver query logging, configured per VPC, covers them),
/// so they are never a finding here.
pub(super) const DNS_LOGS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_route53_zone",
        family: LogFamily::Service,
        switch: LogSwitch::Split,
        configured_by: Some((&["aws_route53_query_log"], "zone_id")),
        decided_elsewhere: Some(private_zone_terraform),
    },
    AuditLog {
        kind: "AWS::Route53::HostedZone",
        family: LogFamily::Service,
        switch: LogSwitch::Block(&["QueryLoggingConfig"]),
        configured_by: None,
        decided_elsewhere: Some(private_zone_cloudformation),
    },
];

/// A zone associated with a VPC is private; one whose VPCs are not known statically might be.
fn private_zone_terraform(r: &Resource) -> bool {
    matches!(setting(r, &["vpc"]), Setting::Value(_))
}

fn private_zone_cloudformation(r: &Resource) -> bool {
    matches!(setting(r, &["VPCs"]), Setting::Value(_))
}

const fn api_stage(kind: &'static str, path: super::Path) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::ApiAccess,
        switch: LogSwitch::Block(path),
        configured_by: None,
        decided_elsewhere: None,
    }
}

const fn load_balancer(kind: &'static str, switch: LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::LoadBalancer,
        switch,
        configured_by: None,
        decided_elsewhere: None,
    }
}

/// The settings of one network ACL entry: protocol, action and the IPv4 and IPv6 CIDR blocks.
pub type AclEntryFields = [&'static str; 4];

/// Network ACLs with inline entries: the ACL types, their inbound list and its entry fields.
pub struct InlineAclEntries {
    pub kinds: &'static [&'static str],
    pub ingress: &'static str,
    pub fields: AclEntryFields,
}

pub const INLINE_ACL_ENTRIES: InlineAclEntries = InlineAclEntries {
    kinds: &["aws_network_acl", "aws_default_network_acl"],
    ingress: "ingress",
    fields: ["protocol", "action", "cidr_block", "ipv6_cidr_block"],
};

/// Network ACL entries as resources of their own: the type, its egress flag (inbound when
/// absent) and its entry fields.
pub struct AclEntryResource {
    pub kind: &'static str,
    pub egress: &'static str,
    pub fields: AclEntryFields,
}

pub const ACL_ENTRY_RESOURCES: &[AclEntryResource] = &[
    AclEntryResource {
        kind: "aws_network_acl_rule",
        egress: "egress",
        fields: ["protocol", "rule_action", "cidr_block", "ipv6_cidr_block"],
    },
    AclEntryResource {
        kind: "AWS::EC2::NetworkAclEntry",
        egress: "Egress",
        fields: ["Protocol", "RuleAction", "CidrBlock", "Ipv6CidrBlock"],
    },
];

/// Where API Gateway (REST) turns on data trace, which writes whole request and response
/// bodies to the execution log: in the method settings blocks (each with its flag, false when
/// absent) of a method settings resource, a stage, or a deployment's stage description.
pub struct MethodSettings {
    pub kind: &'static str,
    /// The settings block, or list of them.
    pub settings: Path,
    pub data_trace: &'static str,
}

pub const DATA_TRACE: &[MethodSettings] = &[
    MethodSettings {
        kind: "aws_api_gateway_method_settings",
        settings: &["settings"],
        data_trace: "data_trace_enabled",
    },
    MethodSettings {
        kind: "AWS::ApiGateway::Stage",
        settings: &["MethodSettings"],
        data_trace: "DataTraceEnabled",
    },
    MethodSettings {
        kind: "AWS::ApiGateway::Deployment",
        settings: &["StageDescription"],
        data_trace: "DataTraceEnabled",
    },
    MethodSettings {
        kind: "AWS::ApiGateway::Deployment",
        settings: &["StageDescription", "MethodSettings"],
        data_trace: "DataTraceEnabled",
    },
];

/// Network Firewall encrypts firewalls, policies and rule groups with a key AWS owns unless an
/// encryption configuration names a customer-managed one.
pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_networkfirewall_firewall",
        key: &["encryption_configuration", "key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_networkfirewall_firewall_policy",
        key: &["encryption_configuration", "key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
    KeyChoice {
        kind: "aws_networkfirewall_rule_group",
        key: &["encryption_configuration", "key_id"],
        applies: None,
        default_key: "a key AWS owns",
    },
];

/// Where a service that other accounts connect to (a PrivateLink endpoint service, a shared
/// transit gateway) says whether it accepts their connection requests without review.
pub struct AutoAccept {
    pub kind: &'static str,
    pub path: Path,
    pub auto: AutoAcceptValue,
    /// Whether requests are accepted without review when the setting is absent; `None` where
    /// nothing documents a default (the argument is required, or the API names no default).
    pub absent_auto: Option<bool>,
    /// What is accepted, for messages.
    pub what: &'static str,
}

/// The written value that means "accepted without review".
pub enum AutoAcceptValue {
    /// A Boolean that requires acceptance when true.
    AcceptanceRequired,
    /// A string setting that auto-accepts at this value (case-insensitive).
    Mode(&'static str),
}

pub const AUTO_ACCEPT: &[AutoAccept] = &[
    // Required in the provider; the EC2 API documents no default for `AcceptanceRequired`.
    AutoAccept {
        kind: "aws_vpc_endpoint_service",
        path: &["acceptance_required"],
        auto: AutoAcceptValue::AcceptanceRequired,
        absent_auto: None,
        what: "endpoint connection requests",
    },
    AutoAccept {
        kind: "AWS::EC2::VPCEndpointService",
        path: &["AcceptanceRequired"],
        auto: AutoAcceptValue::AcceptanceRequired,
        absent_auto: None,
        what: "endpoint connection requests",
    },
    // `disable` is the default in the provider and `CreateTransitGateway`.
    AutoAccept {
        kind: "aws_ec2_transit_gateway",
        path: &["auto_accept_shared_attachments"],
        auto: AutoAcceptValue::Mode("enable"),
        absent_auto: Some(false),
        what: "attachment requests from the accounts it is shared with",
    },
    AutoAccept {
        kind: "AWS::EC2::TransitGateway",
        path: &["AutoAcceptSharedAttachments"],
        auto: AutoAcceptValue::Mode("enable"),
        absent_auto: Some(false),
        what: "attachment requests from the accounts it is shared with",
    },
];

impl AutoAccept {
    /// Whether `r` accepts requests without review (`Yes`), with the deciding value or the
    /// resource header.
    pub fn state(&self, r: &Resource) -> Facet {
        let name = self.path.last().copied().unwrap_or_default();
        let Some(v) = written(r, self.path) else {
            return match self.absent_auto {
                Some(true) => Facet {
                    state: Truth::Yes,
                    span: r.span,
                    why: format!("{name} is not set and defaults to accepting"),
                },
                Some(false) => Facet::no(r.span, ""),
                None => Facet::unknown(
                    r.span,
                    format!("{name} is not set, and no default is documented"),
                ),
            };
        };
        if v.is_unknown() {
            return Facet::of_unknown(v);
        }
        let auto = match &self.auto {
            AutoAcceptValue::AcceptanceRequired => match v.truth() {
                Truth::Yes => Truth::No,
                Truth::No => Truth::Yes,
                Truth::Unknown => Truth::Unknown,
            },
            AutoAcceptValue::Mode(mode) => match v.as_str() {
                Some(s) => Truth::from_bool(s.trim().eq_ignore_ascii_case(mode)),
                None => Truth::Unknown,
            },
        };
        match auto {
            Truth::Yes => Facet::yes(v.span),
            Truth::No => Facet::no(v.span, ""),
            Truth::Unknown => Facet::of_unknown(v),
        }
    }
}

/// Redshift routes COPY and UNLOAD traffic through the VPC only with enhanced VPC routing;
/// off by default in both formats.
pub const REDSHIFT_ENHANCED_VPC_ROUTING: &[Toggle] = &[
    Toggle {
        kind: "aws_redshift_cluster",
        path: &["enhanced_vpc_routing"],
        default: false,
    },
    Toggle {
        kind: "AWS::Redshift::Cluster",
        path: &["EnhancedVpcRouting"],
        default: false,
    },
];

/// Where reachability reads the network's settings, in both formats.
pub static REACHABILITY: NetworkCatalog = NetworkCatalog {
    subnet_cidr: &["cidr_block", "CidrBlock"],
    subnet_public_ip: &["map_public_ip_on_launch", "MapPublicIpOnLaunch"],
    elastic_ips: &[
        ("aws_eip", "instance"),
        ("aws_eip_association", "instance_id"),
        ("AWS::EC2::EIP", "InstanceId"),
        ("AWS::EC2::EIPAssociation", "InstanceId"),
    ],
    vpcs: &["aws_vpc", "AWS::EC2::VPC"],
    rule_group: &["security_group_id", "GroupId"],
    default_security_groups: &[("aws_default_security_group", "vpc_id")],
    acls: NETWORK_ACLS.acls,
    acl_subnets: NETWORK_ACLS.subnets,
    acl_inline_entries: &["ingress", "egress"],
    entry_acl: &["network_acl_id", "NetworkAclId"],
    acl_associations: NETWORK_ACLS.associations,
    network_acls: &NETWORK_ACLS,
    data_stores: DATA_STORES,
    routes: &ROUTES,
    vpc_default_acl: "default_network_acl_id",
    default_acls: &[("aws_default_network_acl", "default_network_acl_id")],
    // An inline route's gateway is the route block itself.
    route_gateway: "gateway_id",
    security_groups: SECURITY_GROUPS.groups,
    service_groups: SERVICE_GROUPS,
    instances: INSTANCES,
    instance_placement: InstancePlacement {
        subnet: &["subnet_id", "SubnetId"],
        security_groups: &[
            "vpc_security_group_ids",
            "SecurityGroupIds",
            "security_groups",
            "SecurityGroups",
        ],
        public_ip: &["associate_public_ip_address", "AssociatePublicIpAddress"],
    },
    exposable_stores: EXPOSABLE_STORES,
    interfaces: INTERFACES,
};

pub const ENDPOINTS: &[EndpointNames] = &[
    EndpointNames {
        kind: "aws_vpc_endpoint",
        endpoint_type: "vpc_endpoint_type",
        // Both formats create a gateway endpoint when no type is given.
        default_type: "Gateway",
        route_tables: "route_table_ids",
        private_dns: "private_dns_enabled",
        vpc: "vpc_id",
        route_table_associations: &["aws_vpc_endpoint_route_table_association"],
        association_endpoint: "vpc_endpoint_id",
        vpc_kind: "aws_vpc",
        dns_support: "enable_dns_support",
        dns_hostnames: "enable_dns_hostnames",
    },
    EndpointNames {
        kind: "AWS::EC2::VPCEndpoint",
        endpoint_type: "VpcEndpointType",
        default_type: "Gateway",
        route_tables: "RouteTableIds",
        private_dns: "PrivateDnsEnabled",
        vpc: "VpcId",
        route_table_associations: &[],
        association_endpoint: "",
        vpc_kind: "AWS::EC2::VPC",
        dns_support: "EnableDnsSupport",
        dns_hostnames: "EnableDnsHostnames",
    },
];

/// Attribute names of Terraform's inline blocks and `aws_security_group_rule`.
const TERRAFORM_RULE: RuleNames = RuleNames {
    protocol: "protocol",
    cidrs: ["cidr_blocks", "ipv6_cidr_blocks"],
    ports: ["from_port", "to_port"],
    own_group: Some("self"),
};

/// Attribute names of `aws_vpc_security_group_ingress_rule` / `_egress_rule`.
const TERRAFORM_VPC_RULE: RuleNames = RuleNames {
    protocol: "ip_protocol",
    cidrs: ["cidr_ipv4", "cidr_ipv6"],
    ports: ["from_port", "to_port"],
    own_group: Some("self"),
};

const CLOUDFORMATION_RULE: RuleNames = RuleNames {
    protocol: "IpProtocol",
    cidrs: ["CidrIp", "CidrIpv6"],
    ports: ["FromPort", "ToPort"],
    own_group: None,
};

/// Terraform's inline rules are exactly the group's rules (the provider removes AWS's default
/// egress rule); CloudFormation removes it only when `SecurityGroupEgress` declares a rule.
const TERRAFORM_GROUP: Declares = Declares::Blocks {
    ingress: "ingress",
    egress: "egress",
    implicit_egress: false,
};

const TERRAFORM_RULE_GROUP: &[&str] = &["security_group_id"];

/// Security groups and the resources that declare their rules, in both formats.
pub static SECURITY_GROUPS: SecurityGroupCatalog = SecurityGroupCatalog {
    groups: &[
        "aws_security_group",
        "aws_default_security_group",
        "AWS::EC2::SecurityGroup",
    ],
    shapes: &[
        RuleShape {
            kind: "aws_security_group",
            declares: TERRAFORM_GROUP,
            names: TERRAFORM_RULE,
        },
        RuleShape {
            kind: "aws_default_security_group",
            declares: TERRAFORM_GROUP,
            names: TERRAFORM_RULE,
        },
        RuleShape {
            kind: "aws_security_group_rule",
            declares: Declares::Rule {
                direction: RuleDirection::Attribute {
                    key: "type",
                    ingress: "ingress",
                    egress: "egress",
                },
                group: TERRAFORM_RULE_GROUP,
            },
            names: TERRAFORM_RULE,
        },
        RuleShape {
            kind: "aws_vpc_security_group_ingress_rule",
            declares: Declares::Rule {
                direction: RuleDirection::Fixed(Direction::Ingress),
                group: TERRAFORM_RULE_GROUP,
            },
            names: TERRAFORM_VPC_RULE,
        },
        RuleShape {
            kind: "aws_vpc_security_group_egress_rule",
            declares: Declares::Rule {
                direction: RuleDirection::Fixed(Direction::Egress),
                group: TERRAFORM_RULE_GROUP,
            },
            names: TERRAFORM_VPC_RULE,
        },
        RuleShape {
            kind: "AWS::EC2::SecurityGroup",
            declares: Declares::Blocks {
                ingress: "SecurityGroupIngress",
                egress: "SecurityGroupEgress",
                implicit_egress: true,
            },
            names: CLOUDFORMATION_RULE,
        },
        RuleShape {
            kind: "AWS::EC2::SecurityGroupIngress",
            declares: Declares::Rule {
                direction: RuleDirection::Fixed(Direction::Ingress),
                group: &["GroupId", "GroupName"],
            },
            names: CLOUDFORMATION_RULE,
        },
        RuleShape {
            kind: "AWS::EC2::SecurityGroupEgress",
            declares: Declares::Rule {
                direction: RuleDirection::Fixed(Direction::Egress),
                group: &["GroupId", "GroupName"],
            },
            names: CLOUDFORMATION_RULE,
        },
    ],
    peer_groups: &[
        "security_groups",
        "source_security_group_id",
        "referenced_security_group_id",
        "SourceSecurityGroupId",
        "DestinationSecurityGroupId",
    ],
    service_groups: SERVICE_GROUPS,
};

/// EKS creates the cluster security group with each cluster and exports its id
/// (`vpc_config[0].cluster_security_group_id`, `!GetAtt Cluster.ClusterSecurityGroupId`).
/// `vpc_config[0].security_group_ids` beside it is the list the configuration gives, which is
/// read as written, not as this group.
pub const SERVICE_GROUPS: &[ServiceGroup] = &[
    ServiceGroup {
        kind: "aws_eks_cluster",
        paths: &[&["vpc_config", "0", "cluster_security_group_id"]],
        name: "cluster security group",
    },
    ServiceGroup {
        kind: "AWS::EKS::Cluster",
        paths: &[&["ClusterSecurityGroupId"]],
        name: "cluster security group",
    },
    // The default group AWS creates with each VPC: inbound only from its own members,
    // outbound anywhere, unless `aws_default_security_group` (see `DEFAULT_SECURITY_GROUPS`)
    // or rules naming it say otherwise.
    ServiceGroup {
        kind: "aws_vpc",
        paths: &[&["default_security_group_id"]],
        name: "default security group",
    },
    ServiceGroup {
        kind: "AWS::EC2::VPC",
        paths: &[&["DefaultSecurityGroup"]],
        name: "default security group",
    },
];

/// EC2 instances, in both formats.
pub const INSTANCES: &[&str] = &["aws_instance", "AWS::EC2::Instance"];

/// Data stores the internet can reach directly once they have a public address. ElastiCache,
/// DocumentDB, OpenSearch in a VPC and EFS mount targets never get one: only workloads in the
/// VPC reach them.
pub const EXPOSABLE_STORES: &[ExposableStore] = &[
    ExposableStore {
        kind: "aws_db_instance",
        public_flag: "publicly_accessible",
        public_default: PublicDefault::Private,
        security_groups: "vpc_security_group_ids",
        port: "port",
        engine: Some("engine"),
        default_port: None,
        cluster: None,
    },
    ExposableStore {
        kind: "aws_rds_cluster_instance",
        public_flag: "publicly_accessible",
        public_default: PublicDefault::Private,
        security_groups: "vpc_security_group_ids",
        port: "port",
        engine: Some("engine"),
        default_port: None,
        cluster: Some(("cluster_identifier", &["aws_rds_cluster"])),
    },
    // Multi-AZ DB clusters (not Aurora) carry the setting on the cluster.
    ExposableStore {
        kind: "aws_rds_cluster",
        public_flag: "publicly_accessible",
        public_default: PublicDefault::Private,
        security_groups: "vpc_security_group_ids",
        port: "port",
        engine: Some("engine"),
        default_port: None,
        cluster: None,
    },
    ExposableStore {
        kind: "aws_redshift_cluster",
        public_flag: "publicly_accessible",
        public_default: PublicDefault::DependsOnProviderVersion,
        security_groups: "vpc_security_group_ids",
        port: "port",
        engine: None,
        default_port: Some(5439),
        cluster: None,
    },
    ExposableStore {
        kind: "AWS::RDS::DBInstance",
        public_flag: "PubliclyAccessible",
        public_default: PublicDefault::WhenVpcHasInternetGateway,
        security_groups: "VPCSecurityGroups",
        port: "Port",
        engine: Some("Engine"),
        default_port: None,
        cluster: Some(("DBClusterIdentifier", &["AWS::RDS::DBCluster"])),
    },
    ExposableStore {
        kind: "AWS::RDS::DBCluster",
        public_flag: "PubliclyAccessible",
        public_default: PublicDefault::Private,
        security_groups: "VpcSecurityGroupIds",
        port: "Port",
        engine: Some("Engine"),
        default_port: None,
        cluster: None,
    },
    ExposableStore {
        kind: "AWS::Redshift::Cluster",
        public_flag: "PubliclyAccessible",
        // The Redshift API's default is false, and CloudFormation passes the omission on.
        public_default: PublicDefault::Private,
        security_groups: "VpcSecurityGroupIds",
        port: "Port",
        engine: None,
        default_port: Some(5439),
        cluster: None,
    },
];

/// Terraform's inline entries (blocks, or attribute lists of maps).
const TERRAFORM_INLINE_ENTRY: EntryNames = EntryNames {
    rule_number: "rule_no",
    protocol: "protocol",
    action: "action",
    cidr: "cidr_block",
    ipv6_cidr: "ipv6_cidr_block",
    ports: ["from_port", "to_port"],
    port_range: None,
};

const TERRAFORM_ACL: DeclaresEntries = DeclaresEntries::Blocks {
    ingress: "ingress",
    egress: "egress",
};

/// Network ACLs, the resources that declare their entries, and their subnets, in both formats.
pub static NETWORK_ACLS: AclCatalog = AclCatalog {
    acls: &[
        "aws_network_acl",
        "aws_default_network_acl",
        "AWS::EC2::NetworkAcl",
    ],
    shapes: &[
        EntryShape {
            kind: "aws_network_acl",
            declares: TERRAFORM_ACL,
            names: TERRAFORM_INLINE_ENTRY,
        },
        EntryShape {
            kind: "aws_default_network_acl",
            declares: TERRAFORM_ACL,
            names: TERRAFORM_INLINE_ENTRY,
        },
        EntryShape {
            kind: "aws_network_acl_rule",
            declares: DeclaresEntries::Entry {
                egress: "egress",
                acl: "network_acl_id",
            },
            names: EntryNames {
                rule_number: "rule_number",
                action: "rule_action",
                ..TERRAFORM_INLINE_ENTRY
            },
        },
        EntryShape {
            kind: "AWS::EC2::NetworkAclEntry",
            declares: DeclaresEntries::Entry {
                egress: "Egress",
                acl: "NetworkAclId",
            },
            names: EntryNames {
                rule_number: "RuleNumber",
                protocol: "Protocol",
                action: "RuleAction",
                cidr: "CidrBlock",
                ipv6_cidr: "Ipv6CidrBlock",
                ports: ["From", "To"],
                port_range: Some("PortRange"),
            },
        },
    ],
    subnets: "subnet_ids",
    subnet_types: ROUTES.subnets,
    associations: &[
        ("aws_network_acl_association", "network_acl_id", "subnet_id"),
        (
            "AWS::EC2::SubnetNetworkAclAssociation",
            "NetworkAclId",
            "SubnetId",
        ),
    ],
};

const DB_SUBNET_GROUP: SubnetPath = SubnetPath::Group {
    attribute: "db_subnet_group_name",
    group_kinds: &["aws_db_subnet_group"],
    subnets: "subnet_ids",
};
const CFN_DB_SUBNET_GROUP: SubnetPath = SubnetPath::Group {
    attribute: "DBSubnetGroupName",
    group_kinds: &[
        "AWS::RDS::DBSubnetGroup",
        "AWS::DocDB::DBSubnetGroup",
        "AWS::Neptune::DBSubnetGroup",
    ],
    subnets: "SubnetIds",
};

/// Data stores that are placed in subnets, and how to find those subnets.
pub const DATA_STORES: &[DataStoreKind] = &[
    DataStoreKind {
        kind: "aws_db_instance",
        label: "RDS DB instance",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_rds_cluster",
        label: "RDS/Aurora cluster",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_rds_cluster_instance",
        label: "Aurora cluster instance",
        paths: &[
            DB_SUBNET_GROUP,
            SubnetPath::Cluster {
                attribute: "cluster_identifier",
                cluster_kinds: &["aws_rds_cluster"],
            },
        ],
    },
    DataStoreKind {
        kind: "aws_docdb_cluster",
        label: "DocumentDB cluster",
        paths: &[DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "aws_neptune_cluster",
        label: "Neptune cluster",
        paths: &[SubnetPath::Group {
            attribute: "neptune_subnet_group_name",
            group_kinds: &["aws_neptune_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_redshift_cluster",
        label: "Redshift cluster",
        paths: &[SubnetPath::Group {
            attribute: "cluster_subnet_group_name",
            group_kinds: &["aws_redshift_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_elasticache_cluster",
        label: "ElastiCache cluster",
        paths: &[SubnetPath::Group {
            attribute: "subnet_group_name",
            group_kinds: &["aws_elasticache_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_elasticache_replication_group",
        label: "ElastiCache replication group",
        paths: &[SubnetPath::Group {
            attribute: "subnet_group_name",
            group_kinds: &["aws_elasticache_subnet_group"],
            subnets: "subnet_ids",
        }],
    },
    DataStoreKind {
        kind: "aws_opensearch_domain",
        label: "OpenSearch domain",
        paths: &[SubnetPath::Direct(&["vpc_options", "subnet_ids"])],
    },
    DataStoreKind {
        kind: "aws_elasticsearch_domain",
        label: "Elasticsearch domain",
        paths: &[SubnetPath::Direct(&["vpc_options", "subnet_ids"])],
    },
    DataStoreKind {
        kind: "aws_msk_cluster",
        label: "MSK cluster",
        paths: &[SubnetPath::Direct(&[
            "broker_node_group_info",
            "client_subnets",
        ])],
    },
    DataStoreKind {
        kind: "aws_emr_cluster",
        label: "EMR cluster",
        paths: &[SubnetPath::Direct(&["ec2_attributes", "subnet_id"])],
    },
    DataStoreKind {
        kind: "AWS::RDS::DBInstance",
        label: "RDS DB instance",
        paths: &[
            CFN_DB_SUBNET_GROUP,
            SubnetPath::Cluster {
                attribute: "DBClusterIdentifier",
                cluster_kinds: &["AWS::RDS::DBCluster"],
            },
        ],
    },
    DataStoreKind {
        kind: "AWS::RDS::DBCluster",
        label: "RDS/Aurora cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::DocDB::DBCluster",
        label: "DocumentDB cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::Neptune::DBCluster",
        label: "Neptune cluster",
        paths: &[CFN_DB_SUBNET_GROUP],
    },
    DataStoreKind {
        kind: "AWS::Redshift::Cluster",
        label: "Redshift cluster",
        paths: &[SubnetPath::Group {
            attribute: "ClusterSubnetGroupName",
            group_kinds: &["AWS::Redshift::ClusterSubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::ElastiCache::CacheCluster",
        label: "ElastiCache cluster",
        paths: &[SubnetPath::Group {
            attribute: "CacheSubnetGroupName",
            group_kinds: &["AWS::ElastiCache::SubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::ElastiCache::ReplicationGroup",
        label: "ElastiCache replication group",
        paths: &[SubnetPath::Group {
            attribute: "CacheSubnetGroupName",
            group_kinds: &["AWS::ElastiCache::SubnetGroup"],
            subnets: "SubnetIds",
        }],
    },
    DataStoreKind {
        kind: "AWS::OpenSearchService::Domain",
        label: "OpenSearch domain",
        paths: &[SubnetPath::Direct(&["VPCOptions", "SubnetIds"])],
    },
    DataStoreKind {
        kind: "AWS::Elasticsearch::Domain",
        label: "Elasticsearch domain",
        paths: &[SubnetPath::Direct(&["VPCOptions", "SubnetIds"])],
    },
    DataStoreKind {
        kind: "AWS::MSK::Cluster",
        label: "MSK cluster",
        paths: &[SubnetPath::Direct(&[
            "BrokerNodeGroupInfo",
            "ClientSubnets",
        ])],
    },
    DataStoreKind {
        kind: "AWS::EMR::Cluster",
        label: "EMR cluster",
        paths: &[SubnetPath::Direct(&["Instances", "Ec2SubnetId"])],
    },
];

/// An RDS instance in a declared cluster is placed and judged as the cluster.
pub static CLUSTER_MEMBERSHIP: ClusterMembership = ClusterMembership {
    attributes: &["cluster_identifier", "DBClusterIdentifier"],
    clusters: &["aws_rds_cluster", "AWS::RDS::DBCluster"],
};

/// Subnets, VPCs, route tables, routes and internet gateways, in both formats. A subnet without
/// an explicit association uses its VPC's main route table, which only Terraform can name
/// (`aws_main_route_table_association`, `aws_default_route_table`, routes added to
/// `main_route_table_id`); CloudFormation's main table starts with the local route only.
pub static ROUTES: RouteCatalog = RouteCatalog {
    subnets: &["aws_subnet", "AWS::EC2::Subnet"],
    subnet_vpc: &["vpc_id", "VpcId"],
    vpcs: &["aws_vpc", "AWS::EC2::VPC"],
    route_tables: &[
        "aws_route_table",
        "aws_default_route_table",
        "AWS::EC2::RouteTable",
    ],
    internet_gateways: &["aws_internet_gateway", "AWS::EC2::InternetGateway"],
    subnet_associations: &[
        ("aws_route_table_association", "subnet_id", "route_table_id"),
        (
            "AWS::EC2::SubnetRouteTableAssociation",
            "SubnetId",
            "RouteTableId",
        ),
    ],
    main_associations: &[(
        "aws_main_route_table_association",
        "vpc_id",
        "route_table_id",
    )],
    default_route_tables: &[("aws_default_route_table", "default_route_table_id")],
    main_table_attributes: &["main_route_table_id", "default_route_table_id"],
    inline_routes: (
        "route",
        RouteNames {
            cidrs: ["cidr_block", "ipv6_cidr_block"],
            gateway: "gateway_id",
        },
    ),
    routes: &[
        RouteResource {
            kind: "aws_route",
            table: "route_table_id",
            names: RouteNames {
                cidrs: ["destination_cidr_block", "destination_ipv6_cidr_block"],
                gateway: "gateway_id",
            },
        },
        RouteResource {
            kind: "AWS::EC2::Route",
            table: "RouteTableId",
            names: RouteNames {
                cidrs: ["DestinationCidrBlock", "DestinationIpv6CidrBlock"],
                gateway: "GatewayId",
            },
        },
    ],
    gateway_attachments: &[
        ("aws_internet_gateway", "vpc_id", None),
        ("aws_internet_gateway_attachment", "vpc_id", None),
        (
            "AWS::EC2::VPCGatewayAttachment",
            "VpcId",
            Some("InternetGatewayId"),
        ),
    ],
};

/// Elastic network interfaces. Terraform launches an instance only with existing interfaces
/// (`network_interface` blocks); CloudFormation also creates them with the instance. An
/// instance launched with interfaces takes its subnet and groups from them (EC2 rejects
/// instance-level groups beside them); a primary interface created with the instance alone
/// gets a public address as an instance does, an existing or secondary one never does (the
/// EC2 API's AssociatePublicIpAddress), only from an Elastic IP.
const INTERFACES: InterfaceCatalog = InterfaceCatalog {
    launch: &[
        LaunchInterfaces {
            kind: "aws_instance",
            list: "network_interface",
            device_index: Some("device_index"),
            existing: "network_interface_id",
            created: None,
        },
        // AWS provider v6 names the primary interface in a block of its own, replacing the
        // deprecated `network_interface`; its interface is device index 0.
        LaunchInterfaces {
            kind: "aws_instance",
            list: "primary_network_interface",
            device_index: None,
            existing: "network_interface_id",
            created: None,
        },
        LaunchInterfaces {
            kind: "AWS::EC2::Instance",
            list: "NetworkInterfaces",
            device_index: Some("DeviceIndex"),
            existing: "NetworkInterfaceId",
            created: Some(CreatedInterface {
                subnet: "SubnetId",
                groups: "GroupSet",
                public_switch: "AssociatePublicIpAddress",
            }),
        },
    ],
    interfaces: &[
        InterfaceKind {
            kind: "aws_network_interface",
            subnet: "subnet_id",
            groups: "security_groups",
        },
        InterfaceKind {
            kind: "AWS::EC2::NetworkInterface",
            subnet: "SubnetId",
            groups: "GroupSet",
        },
    ],
    attachments: &[
        InterfaceAttachment {
            kind: "aws_network_interface_attachment",
            block: None,
            interface: "network_interface_id",
            instance: "instance_id",
            device_index: "device_index",
        },
        // The interface's own `attachment` blocks.
        InterfaceAttachment {
            kind: "aws_network_interface",
            block: Some("attachment"),
            interface: "",
            instance: "instance",
            device_index: "device_index",
        },
        InterfaceAttachment {
            kind: "AWS::EC2::NetworkInterfaceAttachment",
            block: None,
            interface: "NetworkInterfaceId",
            instance: "InstanceId",
            device_index: "DeviceIndex",
        },
    ],
    group_attachments: &[(
        "aws_network_interface_sg_attachment",
        "network_interface_id",
        "security_group_id",
    )],
    elastic_ips: &[
        ("aws_eip", "network_interface"),
        ("aws_eip_association", "network_interface_id"),
        ("AWS::EC2::EIPAssociation", "NetworkInterfaceId"),
    ],
};
