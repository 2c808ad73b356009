//! Networking and content delivery: load balancers' access logs.

use super::{AuditLog, LogFamily, LogSwitch};

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

const fn load_balancer(kind: &'static str, switch: LogSwitch) -> AuditLog {
    AuditLog {
        kind,
        family: LogFamily::LoadBalancer,
        switch,
        configured_by: None,
        decided_elsewhere: None,
    }
}
