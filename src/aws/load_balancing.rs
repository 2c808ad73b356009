//! Elastic Load Balancing: where listeners keep their protocol and default actions, where a
//! load balancer says its type, and the listener lists of classic load balancers.

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
