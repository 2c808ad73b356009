//! How workloads run: container image repositories (scanning, tag immutability), the SSH key
//! pair an instance is launched with, instance metadata options, public IP switches, and ECS
//! task definitions (containers, network mode).

use super::{AuditLog, Given, LogFamily, LogFlag, LogSwitch, Path, Toggle};

/// Scanning on push is off unless asked, in both formats.
pub const SCAN_ON_PUSH: &[Toggle] = &[
    Toggle {
        kind: "aws_ecr_repository",
        path: &["image_scanning_configuration", "scan_on_push"],
        default: false,
    },
    Toggle {
        kind: "AWS::ECR::Repository",
        path: &["ImageScanningConfiguration", "ScanOnPush"],
        default: false,
    },
];

/// A registry-wide scanning configuration: with `ENHANCED` scanning (Amazon Inspector) every
/// repository is scanned continuously, whatever its own switch says.
pub struct RegistryScanning {
    pub kind: &'static str,
    pub scan_type: &'static str,
    pub enhanced: &'static str,
}

pub const REGISTRY_SCANNING: &[RegistryScanning] = &[RegistryScanning {
    kind: "aws_ecr_registry_scanning_configuration",
    scan_type: "scan_type",
    enhanced: "ENHANCED",
}];

/// Tag mutability of a repository: MUTABLE when absent, in both formats.
pub const TAG_MUTABILITY: &[Given] = &[
    Given {
        kind: "aws_ecr_repository",
        path: &["image_tag_mutability"],
    },
    Given {
        kind: "AWS::ECR::Repository",
        path: &["ImageTagMutability"],
    },
];

/// Where an instance, launch template or launch configuration names its EC2 key pair.
pub const SSH_KEY_PAIRS: &[Given] = &[
    Given {
        kind: "aws_instance",
        path: &["key_name"],
    },
    Given {
        kind: "aws_launch_template",
        path: &["key_name"],
    },
    Given {
        kind: "aws_launch_configuration",
        path: &["key_name"],
    },
    Given {
        kind: "AWS::EC2::Instance",
        path: &["KeyName"],
    },
    Given {
        kind: "AWS::EC2::LaunchTemplate",
        path: &["LaunchTemplateData", "KeyName"],
    },
    Given {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        path: &["KeyName"],
    },
];

/// An ECS task definition: its container definitions (a JSON string or a list) and network
/// mode.
pub struct TaskDefinition {
    pub kind: &'static str,
    pub containers: &'static str,
    pub network_mode: &'static str,
}

pub const TASK_DEFINITIONS: &[TaskDefinition] = &[
    TaskDefinition {
        kind: "aws_ecs_task_definition",
        containers: "container_definitions",
        network_mode: "network_mode",
    },
    TaskDefinition {
        kind: "AWS::ECS::TaskDefinition",
        containers: "ContainerDefinitions",
        network_mode: "NetworkMode",
    },
];

/// Keys of one container definition: the ECS API's camelCase (Terraform passes the API's JSON)
/// or CloudFormation's PascalCase, tried in that order.
pub const CONTAINER_NAME: &[&str] = &["name", "Name"];
pub const CONTAINER_PRIVILEGED: &[&str] = &["privileged", "Privileged"];
pub const CONTAINER_USER: &[&str] = &["user", "User"];
/// A container's environment: a list of `{name, value}` entries.
pub const CONTAINER_ENVIRONMENT: &[&str] = &["environment", "Environment"];
pub const ENVIRONMENT_NAME: &[&str] = &["name", "Name"];
pub const ENVIRONMENT_VALUE: &[&str] = &["value", "Value"];

/// A resource kind that carries instance metadata options, and where they are.
pub struct MetadataCarrier {
    pub kind: &'static str,
    pub tokens: &'static [&'static str],
    pub endpoint: &'static [&'static str],
    /// The attribute naming a launch template whose options apply when none are given here.
    pub launch_template: Option<&'static str>,
}

pub const METADATA_CARRIERS: &[MetadataCarrier] = &[
    MetadataCarrier {
        kind: "aws_instance",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: Some("launch_template"),
    },
    MetadataCarrier {
        kind: "aws_spot_instance_request",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: Some("launch_template"),
    },
    MetadataCarrier {
        kind: "aws_launch_template",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: None,
    },
    MetadataCarrier {
        kind: "aws_launch_configuration",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: None,
    },
    MetadataCarrier {
        kind: "AWS::EC2::Instance",
        tokens: &["MetadataOptions", "HttpTokens"],
        endpoint: &["MetadataOptions", "HttpEndpoint"],
        launch_template: Some("LaunchTemplate"),
    },
    MetadataCarrier {
        kind: "AWS::EC2::LaunchTemplate",
        tokens: &["LaunchTemplateData", "MetadataOptions", "HttpTokens"],
        endpoint: &["LaunchTemplateData", "MetadataOptions", "HttpEndpoint"],
        launch_template: None,
    },
    MetadataCarrier {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        tokens: &["MetadataOptions", "HttpTokens"],
        endpoint: &["MetadataOptions", "HttpEndpoint"],
        launch_template: None,
    },
];

/// The account's default metadata options (Terraform only; CloudFormation has no resource for
/// them): what applies to an instance that sets none.
pub struct MetadataDefaults {
    pub kind: &'static str,
    pub tokens: &'static str,
}

pub const ACCOUNT_METADATA_DEFAULTS: MetadataDefaults = MetadataDefaults {
    kind: "aws_ec2_instance_metadata_defaults",
    tokens: "http_tokens",
};

/// Where an instance or launch template asks for a public IP address: on the resource itself
/// (`interfaces: None`) or on each of its network interfaces.
pub struct PublicIpSwitch {
    pub kind: &'static str,
    pub interfaces: Option<Path>,
    pub flag: &'static str,
}

pub const PUBLIC_IP_SWITCHES: &[PublicIpSwitch] = &[
    PublicIpSwitch {
        kind: "aws_instance",
        interfaces: None,
        flag: "associate_public_ip_address",
    },
    PublicIpSwitch {
        kind: "aws_launch_template",
        interfaces: Some(&["network_interfaces"]),
        flag: "associate_public_ip_address",
    },
    PublicIpSwitch {
        kind: "AWS::EC2::Instance",
        interfaces: Some(&["NetworkInterfaces"]),
        flag: "AssociatePublicIpAddress",
    },
    PublicIpSwitch {
        kind: "AWS::EC2::LaunchTemplate",
        interfaces: Some(&["LaunchTemplateData", "NetworkInterfaces"]),
        flag: "AssociatePublicIpAddress",
    },
];

/// ECS Exec sessions (a shell inside a running container) are logged unless the cluster says
/// `NONE`: absent, `DEFAULT` sends them to the task definition's `awslogs` configuration.
pub(super) const LOGS: &[AuditLog] = &[
    AuditLog {
        kind: "aws_ecs_cluster",
        family: LogFamily::Service,
        switch: LogSwitch::AllOf(&[exec_logging(&[
            "configuration",
            "execute_command_configuration",
            "logging",
        ])]),
        configured_by: None,
        decided_elsewhere: None,
    },
    AuditLog {
        kind: "AWS::ECS::Cluster",
        family: LogFamily::Service,
        switch: LogSwitch::AllOf(&[exec_logging(&[
            "Configuration",
            "ExecuteCommandConfiguration",
            "Logging",
        ])]),
        configured_by: None,
        decided_elsewhere: None,
    },
];

const fn exec_logging(path: Path) -> LogFlag {
    LogFlag {
        path,
        absent: true,
        off: &["NONE"],
        unless: None,
    }
}
