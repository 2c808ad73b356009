//! Elastic Load Balancing: where listeners keep their protocol and default actions, where a
//! load balancer says its type, and the listener lists of classic load balancers.

use crate::graph::reachability::{
    ClassicListeners, ClientIpPreservation, Flavour, Forwarding, FrontDoor, GroupAttribute,
    ListedTargets, LoadBalancerCatalog, Registration, Scheme, TargetGroupShape,
};

/// Where a listener's settings live, per format.
pub struct ListenerShape {
    pub kind: &'static str,
    pub protocol: &'static str,
    pub load_balancer: &'static str,
    pub actions: &'static str,
    pub action_type: &'static str,
    pub redirect: &'static str,
    pub redirect_protocol: &'static str,
}

pub const LISTENERS: &[ListenerShape] = &[
    ListenerShape {
        kind: "aws_lb_listener",
        protocol: "protocol",
        load_balancer: "load_balancer_arn",
        actions: "default_action",
        action_type: "type",
        redirect: "redirect",
        redirect_protocol: "protocol",
    },
    ListenerShape {
        kind: "aws_alb_listener",
        protocol: "protocol",
        load_balancer: "load_balancer_arn",
        actions: "default_action",
        action_type: "type",
        redirect: "redirect",
        redirect_protocol: "protocol",
    },
    ListenerShape {
        kind: "AWS::ElasticLoadBalancingV2::Listener",
        protocol: "Protocol",
        load_balancer: "LoadBalancerArn",
        actions: "DefaultActions",
        action_type: "Type",
        redirect: "RedirectConfig",
        redirect_protocol: "Protocol",
    },
];

/// Load balancers with their type setting; `application` when absent (provider and API).
pub const LOAD_BALANCERS: &[(&str, &str)] = &[
    ("aws_lb", "load_balancer_type"),
    ("aws_alb", "load_balancer_type"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Type"),
];

/// Classic load balancers: their listener lists and the front-end protocol key in each.
pub const CLASSIC_LISTENERS: &[(&str, &str, &str)] = &[
    ("aws_elb", "listener", "lb_protocol"),
    (
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "Listeners",
        "Protocol",
    ),
];

/// Where a path from the internet through a load balancer to a workload is written: the load
/// balancer's scheme, subnets and groups, what its listeners and listener rules forward to, the
/// target port, and how workloads register with target groups.
pub static INTERNET_FACING: LoadBalancerCatalog = LoadBalancerCatalog {
    load_balancers: &[
        FrontDoor {
            kind: "aws_lb",
            scheme: Scheme::InternalSwitch("internal"),
            flavour: Flavour::Typed("load_balancer_type"),
            subnets: "subnets",
            subnet_mappings: Some(("subnet_mapping", "subnet_id")),
            security_groups: "security_groups",
            ip_address_type: Some("ip_address_type"),
        },
        FrontDoor {
            kind: "aws_alb",
            scheme: Scheme::InternalSwitch("internal"),
            flavour: Flavour::Typed("load_balancer_type"),
            subnets: "subnets",
            subnet_mappings: Some(("subnet_mapping", "subnet_id")),
            security_groups: "security_groups",
            ip_address_type: Some("ip_address_type"),
        },
        // `Scheme` defaults to internet-facing (CloudFormation and the ELB API).
        FrontDoor {
            kind: "AWS::ElasticLoadBalancingV2::LoadBalancer",
            scheme: Scheme::Named("Scheme"),
            flavour: Flavour::Typed("Type"),
            subnets: "Subnets",
            subnet_mappings: Some(("SubnetMappings", "SubnetId")),
            security_groups: "SecurityGroups",
            ip_address_type: Some("IpAddressType"),
        },
        // Classic load balancers in a VPC: `internal` (Terraform) or `Scheme` (CloudFormation,
        // internet-facing when absent) as for the others; in a VPC they take IPv4 clients only.
        FrontDoor {
            kind: "aws_elb",
            scheme: Scheme::InternalSwitch("internal"),
            flavour: Flavour::Classic,
            subnets: "subnets",
            subnet_mappings: None,
            security_groups: "security_groups",
            ip_address_type: None,
        },
        FrontDoor {
            kind: "AWS::ElasticLoadBalancing::LoadBalancer",
            scheme: Scheme::Named("Scheme"),
            flavour: Flavour::Classic,
            subnets: "Subnets",
            subnet_mappings: None,
            security_groups: "SecurityGroups",
            ip_address_type: None,
        },
    ],
    listeners: &[
        TERRAFORM_LISTENER,
        Forwarding {
            kind: "aws_alb_listener",
            ..TERRAFORM_LISTENER
        },
        Forwarding {
            kind: "aws_lb_listener_rule",
            parent: "listener_arn",
            parent_is_listener: true,
            actions: "action",
            ..TERRAFORM_LISTENER
        },
        Forwarding {
            kind: "aws_alb_listener_rule",
            parent: "listener_arn",
            parent_is_listener: true,
            actions: "action",
            ..TERRAFORM_LISTENER
        },
        CLOUDFORMATION_LISTENER,
        Forwarding {
            kind: "AWS::ElasticLoadBalancingV2::ListenerRule",
            parent: "ListenerArn",
            parent_is_listener: true,
            actions: "Actions",
            ..CLOUDFORMATION_LISTENER
        },
    ],
    target_groups: &[
        TargetGroupShape {
            kind: "aws_lb_target_group",
            port: Some("port"),
            targets: None,
            client_ip: Some(TERRAFORM_CLIENT_IP),
        },
        TargetGroupShape {
            kind: "aws_alb_target_group",
            port: Some("port"),
            targets: None,
            client_ip: Some(TERRAFORM_CLIENT_IP),
        },
        TargetGroupShape {
            kind: "AWS::ElasticLoadBalancingV2::TargetGroup",
            port: Some("Port"),
            targets: Some(ListedTargets {
                list: "Targets",
                id: Some("Id"),
                port: Some("Port"),
            }),
            client_ip: Some(ClientIpPreservation {
                setting: GroupAttribute::Listed {
                    list: "TargetGroupAttributes",
                    key_field: "Key",
                    value_field: "Value",
                    key: "preserve_client_ip.enabled",
                },
                target_type: "TargetType",
                protocol: "Protocol",
            }),
        },
        // A classic load balancer is its own target group: its instances, on the port each
        // listener names.
        TargetGroupShape {
            kind: "aws_elb",
            port: None,
            targets: Some(ListedTargets {
                list: "instances",
                id: None,
                port: None,
            }),
            client_ip: None,
        },
        TargetGroupShape {
            kind: "AWS::ElasticLoadBalancing::LoadBalancer",
            port: None,
            targets: Some(ListedTargets {
                list: "Instances",
                id: None,
                port: None,
            }),
            client_ip: None,
        },
    ],
    registrations: &[
        Registration::Attachment {
            kind: "aws_lb_target_group_attachment",
            target_group: "target_group_arn",
            target: "target_id",
            port: Some("port"),
        },
        Registration::Attachment {
            kind: "aws_alb_target_group_attachment",
            target_group: "target_group_arn",
            target: "target_id",
            port: Some("port"),
        },
        Registration::Attachment {
            kind: "aws_autoscaling_attachment",
            target_group: "lb_target_group_arn",
            target: "autoscaling_group_name",
            port: None,
        },
        Registration::OnWorkload {
            kind: "aws_autoscaling_group",
            blocks: None,
            target_group: "target_group_arns",
            port: None,
        },
        Registration::Attachment {
            kind: "aws_elb_attachment",
            target_group: "elb",
            target: "instance",
            port: None,
        },
        Registration::Attachment {
            kind: "aws_autoscaling_attachment",
            target_group: "elb",
            target: "autoscaling_group_name",
            port: None,
        },
        Registration::OnWorkload {
            kind: "aws_autoscaling_group",
            blocks: None,
            target_group: "load_balancers",
            port: None,
        },
        Registration::OnWorkload {
            kind: "AWS::AutoScaling::AutoScalingGroup",
            blocks: None,
            target_group: "LoadBalancerNames",
            port: None,
        },
        Registration::OnWorkload {
            kind: "AWS::AutoScaling::AutoScalingGroup",
            blocks: None,
            target_group: "TargetGroupARNs",
            port: None,
        },
        // With awsvpc networking the target is the task's address on the container port.
        Registration::OnWorkload {
            kind: "aws_ecs_service",
            blocks: Some("load_balancer"),
            target_group: "target_group_arn",
            port: Some("container_port"),
        },
        Registration::OnWorkload {
            kind: "AWS::ECS::Service",
            blocks: Some("LoadBalancers"),
            target_group: "TargetGroupArn",
            port: Some("ContainerPort"),
        },
        Registration::OnWorkload {
            kind: "aws_ecs_task_set",
            blocks: Some("load_balancer"),
            target_group: "target_group_arn",
            port: Some("container_port"),
        },
        Registration::OnWorkload {
            kind: "AWS::ECS::TaskSet",
            blocks: Some("LoadBalancers"),
            target_group: "TargetGroupArn",
            port: Some("ContainerPort"),
        },
    ],
    classic_listeners: &[
        ClassicListeners {
            kind: "aws_elb",
            listeners: "listener",
            port: "lb_port",
            instance_port: "instance_port",
        },
        ClassicListeners {
            kind: "AWS::ElasticLoadBalancing::LoadBalancer",
            listeners: "Listeners",
            port: "LoadBalancerPort",
            instance_port: "InstancePort",
        },
    ],
};

/// The provider's `preserve_client_ip` is computed when not set: ELB's default applies.
const TERRAFORM_CLIENT_IP: ClientIpPreservation = ClientIpPreservation {
    setting: GroupAttribute::Direct("preserve_client_ip"),
    target_type: "target_type",
    protocol: "protocol",
};

const TERRAFORM_LISTENER: Forwarding = Forwarding {
    kind: "aws_lb_listener",
    parent: "load_balancer_arn",
    parent_is_listener: false,
    port: "port",
    actions: "default_action",
    action_type: "type",
    target_group: "target_group_arn",
    forward_groups: &["forward", "target_group", "arn"],
};

const CLOUDFORMATION_LISTENER: Forwarding = Forwarding {
    kind: "AWS::ElasticLoadBalancingV2::Listener",
    parent: "LoadBalancerArn",
    parent_is_listener: false,
    port: "Port",
    actions: "DefaultActions",
    action_type: "Type",
    target_group: "TargetGroupArn",
    forward_groups: &["ForwardConfig", "TargetGroups", "TargetGroupArn"],
};
