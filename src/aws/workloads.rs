//! How workloads run: container image repositories (scanning, tag immutability), the SSH key
//! pair an instance is launched with, instance metadata options, public IP switches, ECS task
//! and Batch job definitions (containers, host namespaces), CodeBuild's privileged mode, and
//! SageMaker notebook root access and model network isolation.

use super::exposure::{CLOUDFORMATION_NODE_REMOTE_ACCESS, TERRAFORM_NODE_REMOTE_ACCESS};
use super::{
    AuditLog, Catalog, Facet, Given, KeyChoice, LogFamily, LogFlag, LogSwitch, Path, Toggle,
    block_written,
};
use crate::graph::reachability::{
    LaunchAddress, LaunchSource, NetworkedWorkload, ServiceGroupOwner, UnlistedGroups,
};
use crate::graph::user_data::UserDataLocation;
use crate::graph::{Model, Node, Resource, ResourceId, Truth};

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

/// An ECS task definition or a Batch job definition: its container definitions (a JSON string,
/// a list, or one container's map) and the host namespaces it can share.
pub struct TaskDefinition {
    pub kind: &'static str,
    pub containers: &'static str,
    /// The network mode (`host` shares the host's network stack), where the kind has one.
    pub network_mode: Option<&'static str>,
    /// The process namespace (`host` shares the host's processes), where the kind has one.
    pub pid_mode: Option<&'static str>,
    /// The IPC namespace (`host` shares the host's shared memory and semaphores), where the kind
    /// has one.
    pub ipc_mode: Option<&'static str>,
}

pub const TASK_DEFINITIONS: &[TaskDefinition] = &[
    TaskDefinition {
        kind: "aws_ecs_task_definition",
        containers: "container_definitions",
        network_mode: Some("network_mode"),
        pid_mode: Some("pid_mode"),
        ipc_mode: Some("ipc_mode"),
    },
    TaskDefinition {
        kind: "AWS::ECS::TaskDefinition",
        containers: "ContainerDefinitions",
        network_mode: Some("NetworkMode"),
        pid_mode: Some("PidMode"),
        ipc_mode: Some("IpcMode"),
    },
    // A Batch job definition's one container, in the Batch API's JSON (Terraform) or as a
    // CloudFormation map; Batch decides its network itself.
    TaskDefinition {
        kind: "aws_batch_job_definition",
        containers: "container_properties",
        network_mode: None,
        pid_mode: None,
        ipc_mode: None,
    },
    TaskDefinition {
        kind: "AWS::Batch::JobDefinition",
        containers: "ContainerProperties",
        network_mode: None,
        pid_mode: None,
        ipc_mode: None,
    },
];

/// Batch job definitions that run on ECS through `ecs_properties` / `EcsProperties` (the Batch
/// API's JSON in Terraform, a map in CloudFormation): a list of tasks, each with its containers
/// and the host namespaces it can share.
pub const BATCH_ECS_PROPERTIES: &[(&str, &str)] = &[
    ("aws_batch_job_definition", "ecs_properties"),
    ("AWS::Batch::JobDefinition", "EcsProperties"),
];

/// Keys of the Batch API's `EcsProperties` and its `EcsTaskProperties`, in the API's camelCase
/// or CloudFormation's PascalCase.
pub const ECS_TASK_PROPERTIES: &[&str] = &["taskProperties", "TaskProperties"];
pub const ECS_TASK_CONTAINERS: &[&str] = &["containers", "Containers"];
pub const ECS_TASK_PID_MODE: &[&str] = &["pidMode", "PidMode"];
pub const ECS_TASK_IPC_MODE: &[&str] = &["ipcMode", "IpcMode"];

/// CodeBuild's privileged mode (a Docker daemon with the host's full capabilities, needed to
/// build images): off unless asked, in both formats.
pub const PRIVILEGED_BUILDS: &[Toggle] = &[
    Toggle {
        kind: "aws_codebuild_project",
        path: &["environment", "privileged_mode"],
        default: false,
    },
    Toggle {
        kind: "AWS::CodeBuild::Project",
        path: &["Environment", "PrivilegedMode"],
        default: false,
    },
];

/// Keys of one container definition: the ECS API's camelCase (Terraform passes the API's JSON)
/// or CloudFormation's PascalCase, tried in that order.
pub const CONTAINER_NAME: &[&str] = &["name", "Name"];
pub const CONTAINER_PRIVILEGED: &[&str] = &["privileged", "Privileged"];
pub const CONTAINER_USER: &[&str] = &["user", "User"];
pub const CONTAINER_READONLY_ROOT: &[&str] = &["readonlyRootFilesystem", "ReadonlyRootFilesystem"];
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
    /// The value of `tokens` that refuses IMDSv1.
    pub required: &'static str,
    /// Whether the account's default metadata options (`ACCOUNT_METADATA_DEFAULTS`) apply: they
    /// do to EC2 launches, not to instances a service runs for you.
    pub account_defaults: bool,
    /// Whether changing the options of a running resource disrupts it. EC2 changes an
    /// instance's options in place (ModifyInstanceMetadataOptions); SageMaker updates a notebook
    /// instance only while it is stopped, so the Terraform provider stops it, updates it and
    /// starts it again; every argument of a spot instance request forces a new request, and
    /// cancelling the old one terminates its instance.
    pub disrupted_by_update: bool,
}

pub const METADATA_CARRIERS: &[MetadataCarrier] = &[
    MetadataCarrier {
        kind: "aws_instance",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: Some("launch_template"),
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    MetadataCarrier {
        kind: "aws_spot_instance_request",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: Some("launch_template"),
        required: "required",
        account_defaults: true,
        disrupted_by_update: true,
    },
    MetadataCarrier {
        kind: "aws_launch_template",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: None,
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    MetadataCarrier {
        kind: "aws_launch_configuration",
        tokens: &["metadata_options", "http_tokens"],
        endpoint: &["metadata_options", "http_endpoint"],
        launch_template: None,
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    MetadataCarrier {
        kind: "AWS::EC2::Instance",
        tokens: &["MetadataOptions", "HttpTokens"],
        endpoint: &["MetadataOptions", "HttpEndpoint"],
        launch_template: Some("LaunchTemplate"),
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    MetadataCarrier {
        kind: "AWS::EC2::LaunchTemplate",
        tokens: &["LaunchTemplateData", "MetadataOptions", "HttpTokens"],
        endpoint: &["LaunchTemplateData", "MetadataOptions", "HttpEndpoint"],
        launch_template: None,
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    MetadataCarrier {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        tokens: &["MetadataOptions", "HttpTokens"],
        endpoint: &["MetadataOptions", "HttpEndpoint"],
        launch_template: None,
        required: "required",
        account_defaults: true,
        disrupted_by_update: false,
    },
    // A notebook instance allows IMDSv1 unless its minimum version is "2" (SageMaker API
    // reference, InstanceMetadataServiceConfiguration); it has no switch to turn IMDS off.
    MetadataCarrier {
        kind: "aws_sagemaker_notebook_instance",
        tokens: &[
            "instance_metadata_service_configuration",
            "minimum_instance_metadata_service_version",
        ],
        endpoint: &[],
        launch_template: None,
        required: "2",
        account_defaults: false,
        disrupted_by_update: true,
    },
    MetadataCarrier {
        kind: "AWS::SageMaker::NotebookInstance",
        tokens: &[
            "InstanceMetadataServiceConfiguration",
            "MinimumInstanceMetadataServiceVersion",
        ],
        endpoint: &[],
        launch_template: None,
        required: "2",
        account_defaults: false,
        disrupted_by_update: true,
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

/// Where an instance, launch template, launch configuration or ECS service asks for a public IP
/// address: on the resource itself
/// (`interfaces: None`) or on each of its network interfaces.
pub struct PublicIpSwitch {
    pub kind: &'static str,
    pub interfaces: Option<Path>,
    pub flag: &'static str,
    /// For a string setting, the value that asks for the address (ECS `ENABLED`); `None` for
    /// a Boolean flag.
    pub on: Option<&'static str>,
}

pub const PUBLIC_IP_SWITCHES: &[PublicIpSwitch] = &[
    PublicIpSwitch {
        kind: "aws_instance",
        interfaces: None,
        flag: "associate_public_ip_address",
        on: None,
    },
    // A spot instance request takes the instance's arguments and launches one like it.
    PublicIpSwitch {
        kind: "aws_spot_instance_request",
        interfaces: None,
        flag: "associate_public_ip_address",
        on: None,
    },
    PublicIpSwitch {
        kind: "aws_launch_template",
        interfaces: Some(&["network_interfaces"]),
        flag: "associate_public_ip_address",
        on: None,
    },
    PublicIpSwitch {
        kind: "AWS::EC2::Instance",
        interfaces: Some(&["NetworkInterfaces"]),
        flag: "AssociatePublicIpAddress",
        on: None,
    },
    PublicIpSwitch {
        kind: "AWS::EC2::LaunchTemplate",
        interfaces: Some(&["LaunchTemplateData", "NetworkInterfaces"]),
        flag: "AssociatePublicIpAddress",
        on: None,
    },
    // Auto Scaling launch configurations: unset leaves it to the subnet, as for instances.
    PublicIpSwitch {
        kind: "aws_launch_configuration",
        interfaces: None,
        flag: "associate_public_ip_address",
        on: None,
    },
    PublicIpSwitch {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        interfaces: None,
        flag: "AssociatePublicIpAddress",
        on: None,
    },
    // ECS services on awsvpc networking (Fargate): the provider's `assign_public_ip` defaults
    // to false, CloudFormation's `AssignPublicIp` to `DISABLED`.
    PublicIpSwitch {
        kind: "aws_ecs_service",
        interfaces: Some(&["network_configuration"]),
        flag: "assign_public_ip",
        on: None,
    },
    PublicIpSwitch {
        kind: "AWS::ECS::Service",
        interfaces: Some(&["NetworkConfiguration", "AwsvpcConfiguration"]),
        flag: "AssignPublicIp",
        on: Some("ENABLED"),
    },
    // ECS task sets (external deployments) take the same network configuration as services,
    // with the same defaults; CloudFormation spells the block `AwsVpcConfiguration` here.
    PublicIpSwitch {
        kind: "aws_ecs_task_set",
        interfaces: Some(&["network_configuration"]),
        flag: "assign_public_ip",
        on: None,
    },
    PublicIpSwitch {
        kind: "AWS::ECS::TaskSet",
        interfaces: Some(&["NetworkConfiguration", "AwsVpcConfiguration"]),
        flag: "AssignPublicIp",
        on: Some("ENABLED"),
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

/// ECS Exec sessions travel over TLS; a cluster's exec configuration may name a KMS key that
/// also encrypts the session data between the client and the container. Only clusters that
/// configure ECS Exec are judged.
pub(super) const KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_ecs_cluster",
        key: &[
            "configuration",
            "execute_command_configuration",
            "kms_key_id",
        ],
        applies: Some(configures_exec_terraform),
        default_key: "session data is protected by TLS only",
    },
    KeyChoice {
        kind: "AWS::ECS::Cluster",
        key: &["Configuration", "ExecuteCommandConfiguration", "KmsKeyId"],
        applies: Some(configures_exec_cloudformation),
        default_key: "session data is protected by TLS only",
    },
];

/// Fargate ephemeral storage of a cluster's tasks: encrypted with a key AWS owns unless the
/// managed storage configuration names one. Judged by [`fargate_ephemeral_key`], only on
/// clusters that write that block and run Fargate tasks. Its `kmsKeyId` (ECS-managed EBS
/// volumes) is left out: a task's volume configuration and the account's EBS default also
/// decide those volumes' key.
const FARGATE_EPHEMERAL_KEYS: &[KeyChoice] = &[
    KeyChoice {
        kind: "aws_ecs_cluster",
        key: &[
            "configuration",
            "managed_storage_configuration",
            "fargate_ephemeral_storage_kms_key_id",
        ],
        applies: Some(configures_managed_storage_terraform),
        default_key: "Fargate ephemeral storage uses a key AWS owns",
    },
    KeyChoice {
        kind: "AWS::ECS::Cluster",
        key: &[
            "Configuration",
            "ManagedStorageConfiguration",
            "FargateEphemeralStorageKmsKeyId",
        ],
        applies: Some(configures_managed_storage_cloudformation),
        default_key: "Fargate ephemeral storage uses a key AWS owns",
    },
];

/// Where ECS says a cluster's tasks run on Fargate: the cluster's capacity providers (on the
/// cluster or a split resource naming it), or the launch type or capacity provider strategy of
/// a service or task set on it.
struct FargateLaunch {
    kind: &'static str,
    /// The attribute naming the cluster; `None` for the cluster itself.
    cluster: Option<&'static str>,
    launch_type: Option<&'static str>,
    /// Lists of capacity provider names.
    providers: Option<&'static str>,
    /// Lists of strategy items and the item's capacity provider field.
    strategy: (&'static str, &'static str),
}

const FARGATE_LAUNCHES: &[FargateLaunch] = &[
    FargateLaunch {
        kind: "aws_ecs_cluster",
        cluster: None,
        launch_type: None,
        // Removed from the provider in v5, still accepted by older ones.
        providers: Some("capacity_providers"),
        strategy: ("default_capacity_provider_strategy", "capacity_provider"),
    },
    FargateLaunch {
        kind: "aws_ecs_cluster_capacity_providers",
        cluster: Some("cluster_name"),
        launch_type: None,
        providers: Some("capacity_providers"),
        strategy: ("default_capacity_provider_strategy", "capacity_provider"),
    },
    FargateLaunch {
        kind: "aws_ecs_service",
        cluster: Some("cluster"),
        launch_type: Some("launch_type"),
        providers: None,
        strategy: ("capacity_provider_strategy", "capacity_provider"),
    },
    FargateLaunch {
        kind: "aws_ecs_task_set",
        cluster: Some("cluster"),
        launch_type: Some("launch_type"),
        providers: None,
        strategy: ("capacity_provider_strategy", "capacity_provider"),
    },
    FargateLaunch {
        kind: "AWS::ECS::Cluster",
        cluster: None,
        launch_type: None,
        providers: Some("CapacityProviders"),
        strategy: ("DefaultCapacityProviderStrategy", "CapacityProvider"),
    },
    FargateLaunch {
        kind: "AWS::ECS::ClusterCapacityProviderAssociations",
        cluster: Some("Cluster"),
        launch_type: None,
        providers: Some("CapacityProviders"),
        strategy: ("DefaultCapacityProviderStrategy", "CapacityProvider"),
    },
    FargateLaunch {
        kind: "AWS::ECS::Service",
        cluster: Some("Cluster"),
        launch_type: Some("LaunchType"),
        providers: None,
        strategy: ("CapacityProviderStrategy", "CapacityProvider"),
    },
    FargateLaunch {
        kind: "AWS::ECS::TaskSet",
        cluster: Some("Cluster"),
        launch_type: Some("LaunchType"),
        providers: None,
        strategy: ("CapacityProviderStrategy", "CapacityProvider"),
    },
];

/// The customer-managed key facet of a cluster's Fargate ephemeral storage: `None` unless the
/// cluster writes a managed storage configuration and runs Fargate tasks. A cluster is not
/// where its tasks' launch type is decided, so one with no visible Fargate use is not judged,
/// and one whose capacity providers or services' launch types are not known is undecided.
pub(super) fn fargate_ephemeral_key(catalog: &Catalog<'_>, r: &Resource) -> Option<Facet> {
    let entry = FARGATE_EPHEMERAL_KEYS.iter().find(|e| e.kind == r.kind)?;
    let id = catalog.model.by_address(&r.address)?;
    let (fargate, unknown_at) = runs_fargate(catalog.model, id, r);
    if fargate.is_no() {
        return None;
    }
    let facet = catalog.key_choice(r, entry)?;
    match (fargate, unknown_at) {
        (Truth::Unknown, Some(at)) if facet.state != Truth::Yes => Some(Facet::unknown(
            at.span,
            format!(
                "whether the cluster runs Fargate tasks is not known statically ({})",
                at.unknown_reason()
                    .unwrap_or("a capacity provider or launch type")
            ),
        )),
        _ => Some(facet),
    }
}

/// Does cluster `id` run Fargate tasks, by its own capacity providers and the resources that
/// name it (found through the model's referrer index, not a scan)? With `Unknown`, the first
/// value not known statically.
fn runs_fargate<'m>(
    model: &'m Model,
    id: ResourceId,
    cluster: &'m Resource,
) -> (Truth, Option<&'m Node>) {
    let mut verdict = (Truth::No, None);
    let own = FARGATE_LAUNCHES
        .iter()
        .filter(|l| l.cluster.is_none() && l.kind == cluster.kind)
        .map(|l| (l, cluster));
    let naming = model.referrers(id).flat_map(|(_, r)| {
        FARGATE_LAUNCHES.iter().filter_map(move |l| {
            let attribute = l.cluster?;
            let names_it =
                l.kind == r.kind && r.get(attribute).is_some_and(|n| model.points_to(n, id));
            names_it.then_some((l, r))
        })
    });
    for (launch, r) in own.chain(naming) {
        match launches_fargate(model, launch, r) {
            (Truth::Yes, _) => return (Truth::Yes, None),
            (Truth::Unknown, at) if verdict.0.is_no() => verdict = (Truth::Unknown, at),
            _ => {}
        }
    }
    verdict
}

/// Does this cluster, split resource, service or task set put tasks on Fargate? A capacity
/// provider named by reference to a resource of the model is one the configuration creates,
/// never FARGATE or FARGATE_SPOT, which AWS reserves.
fn launches_fargate<'m>(
    model: &Model,
    launch: &FargateLaunch,
    r: &'m Resource,
) -> (Truth, Option<&'m Node>) {
    let strategy = r.get(launch.strategy.0).into_iter().flat_map(|list| {
        if list.is_unknown() {
            vec![list]
        } else {
            list.items()
                .iter()
                .map(|item| item.get(launch.strategy.1).unwrap_or(item))
                .collect()
        }
    });
    let providers = launch
        .providers
        .and_then(|p| r.get(p))
        .into_iter()
        .flat_map(|list| {
            if list.is_unknown() {
                vec![list]
            } else {
                list.items().iter().collect()
            }
        });
    let launch_type = launch
        .launch_type
        .and_then(|k| r.get(k))
        .filter(|n| n.is_written());
    let mut verdict = (Truth::No, None);
    for name in launch_type.into_iter().chain(providers).chain(strategy) {
        if name.is_unknown() {
            if verdict.0.is_no() && model.resolve(name).is_none() {
                verdict = (Truth::Unknown, Some(name));
            }
        } else if name.as_str().is_some_and(|s| {
            matches!(
                s.trim().to_ascii_uppercase().as_str(),
                "FARGATE" | "FARGATE_SPOT"
            )
        }) {
            return (Truth::Yes, None);
        }
    }
    verdict
}

fn configures_managed_storage_terraform(r: &Resource) -> crate::graph::Truth {
    block_written(r, &["configuration", "managed_storage_configuration"])
}

fn configures_managed_storage_cloudformation(r: &Resource) -> crate::graph::Truth {
    block_written(r, &["Configuration", "ManagedStorageConfiguration"])
}

fn configures_exec_terraform(r: &Resource) -> crate::graph::Truth {
    block_written(r, &["configuration", "execute_command_configuration"])
}

fn configures_exec_cloudformation(r: &Resource) -> crate::graph::Truth {
    block_written(r, &["Configuration", "ExecuteCommandConfiguration"])
}

const fn exec_logging(path: Path) -> LogFlag {
    LogFlag {
        path,
        absent: true,
        off: &["NONE"],
        unless: None,
    }
}

/// Root access of SageMaker notebook instance users: `Enabled` unless set to `Disabled`, in
/// both formats (SageMaker API reference, CreateNotebookInstance `RootAccess`).
pub const NOTEBOOK_ROOT_ACCESS: &[Given] = &[
    Given {
        kind: "aws_sagemaker_notebook_instance",
        path: &["root_access"],
    },
    Given {
        kind: "AWS::SageMaker::NotebookInstance",
        path: &["RootAccess"],
    },
];

/// Network isolation of a SageMaker model's containers (no outbound network calls, not even
/// to AWS services): off unless asked, in both formats.
pub const MODEL_NETWORK_ISOLATION: &[Toggle] = &[
    Toggle {
        kind: "aws_sagemaker_model",
        path: &["enable_network_isolation"],
        default: false,
    },
    Toggle {
        kind: "AWS::SageMaker::Model",
        path: &["EnableNetworkIsolation"],
        default: false,
    },
];

const TF_TEMPLATE_GROUPS: &[Path] = &[
    &["vpc_security_group_ids"],
    &["network_interfaces", "security_groups"],
];
const CFN_TEMPLATE_GROUPS: &[Path] = &[
    &["LaunchTemplateData", "SecurityGroupIds"],
    &["LaunchTemplateData", "NetworkInterfaces", "Groups"],
];
const CFN_TEMPLATE_PUBLIC_ADDRESS: &[Path] = &[&[
    "LaunchTemplateData",
    "NetworkInterfaces",
    "AssociatePublicIpAddress",
]];

/// Nodes whose launch lists no security group get their cluster's security group, which the
/// model holds when the cluster is in the configuration (`aws::networking::SERVICE_GROUPS`).
const TERRAFORM_EKS_CLUSTER_GROUP: ServiceGroupOwner = ServiceGroupOwner {
    named_at: &["cluster_name"],
    kinds: &["aws_eks_cluster"],
    why: EKS_CLUSTER_GROUP,
};
const CLOUDFORMATION_EKS_CLUSTER_GROUP: ServiceGroupOwner = ServiceGroupOwner {
    named_at: &["ClusterName"],
    kinds: &["AWS::EKS::Cluster"],
    why: EKS_CLUSTER_GROUP,
};
const EKS_CLUSTER_GROUP: &str = "the nodes' launch lists no security group, so EKS gives them the security group of their cluster, which is not in the configuration";

/// A mixed instances policy names its launch template one level down, and each override may
/// name another for some instance types.
const TF_MIXED_INSTANCES: LaunchSource = LaunchSource {
    named_at: &[
        &[
            "mixed_instances_policy",
            "launch_template",
            "launch_template_specification",
            "launch_template_id",
        ],
        &[
            "mixed_instances_policy",
            "launch_template",
            "launch_template_specification",
            "launch_template_name",
        ],
    ],
    kinds: &["aws_launch_template"],
    groups: TF_TEMPLATE_GROUPS,
    public_address: &[&["network_interfaces", "associate_public_ip_address"]],
    overrides: &[(
        &["mixed_instances_policy", "launch_template", "override"],
        &[
            &["launch_template_specification", "launch_template_id"],
            &["launch_template_specification", "launch_template_name"],
        ],
    )],
};
const CFN_MIXED_INSTANCES: LaunchSource = LaunchSource {
    named_at: &[
        &[
            "MixedInstancesPolicy",
            "LaunchTemplate",
            "LaunchTemplateSpecification",
            "LaunchTemplateId",
        ],
        &[
            "MixedInstancesPolicy",
            "LaunchTemplate",
            "LaunchTemplateSpecification",
            "LaunchTemplateName",
        ],
    ],
    kinds: &["AWS::EC2::LaunchTemplate"],
    groups: CFN_TEMPLATE_GROUPS,
    public_address: CFN_TEMPLATE_PUBLIC_ADDRESS,
    overrides: &[(
        &["MixedInstancesPolicy", "LaunchTemplate", "Overrides"],
        &[
            &["LaunchTemplateSpecification", "LaunchTemplateId"],
            &["LaunchTemplateSpecification", "LaunchTemplateName"],
        ],
    )],
};

/// Workloads launched into subnets besides EC2 instances, for exposure paths: where each keeps
/// its subnets, security groups and public address.
pub const NETWORKED_WORKLOADS: &[NetworkedWorkload] = &[
    NetworkedWorkload {
        kind: "aws_autoscaling_group",
        subnets: &["vpc_zone_identifier"],
        groups: None,
        address: LaunchAddress::Launched,
        launch: &[
            LaunchSource {
                named_at: &[&["launch_template", "id"], &["launch_template", "name"]],
                kinds: &["aws_launch_template"],
                groups: TF_TEMPLATE_GROUPS,
                public_address: &[&["network_interfaces", "associate_public_ip_address"]],
                overrides: &[],
            },
            LaunchSource {
                named_at: &[&["launch_configuration"]],
                kinds: &["aws_launch_configuration"],
                groups: &[&["security_groups"]],
                public_address: &[&["associate_public_ip_address"]],
                overrides: &[],
            },
            TF_MIXED_INSTANCES,
        ],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    NetworkedWorkload {
        kind: "AWS::AutoScaling::AutoScalingGroup",
        subnets: &["VPCZoneIdentifier"],
        groups: None,
        address: LaunchAddress::Launched,
        launch: &[
            LaunchSource {
                named_at: &[
                    &["LaunchTemplate", "LaunchTemplateId"],
                    &["LaunchTemplate", "LaunchTemplateName"],
                ],
                kinds: &["AWS::EC2::LaunchTemplate"],
                groups: CFN_TEMPLATE_GROUPS,
                public_address: CFN_TEMPLATE_PUBLIC_ADDRESS,
                overrides: &[],
            },
            LaunchSource {
                named_at: &[&["LaunchConfigurationName"]],
                kinds: &["AWS::AutoScaling::LaunchConfiguration"],
                groups: &[&["SecurityGroups"]],
                public_address: &[&["AssociatePublicIpAddress"]],
                overrides: &[],
            },
            CFN_MIXED_INSTANCES,
        ],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    // EKS managed node groups: an auto-scaling group EKS runs from the launch template given,
    // or from one of its own. Nodes whose template lists no security group get the cluster
    // security group EKS creates (not in the configuration); without a template, the SSH
    // access asked for in `remote_access` is opened by a group EKS creates too. The template
    // cannot name an instance profile: the node role is the nodes' identity.
    NetworkedWorkload {
        kind: "aws_eks_node_group",
        subnets: &["subnet_ids"],
        groups: None,
        address: LaunchAddress::Launched,
        launch: &[LaunchSource {
            named_at: &[&["launch_template", "id"], &["launch_template", "name"]],
            kinds: &["aws_launch_template"],
            groups: TF_TEMPLATE_GROUPS,
            public_address: &[&["network_interfaces", "associate_public_ip_address"]],
            overrides: &[],
        }],
        unlisted_groups: UnlistedGroups::ServiceCreated(&TERRAFORM_EKS_CLUSTER_GROUP),
        remote_access: Some(&TERRAFORM_NODE_REMOTE_ACCESS),
    },
    NetworkedWorkload {
        kind: "AWS::EKS::Nodegroup",
        subnets: &["Subnets"],
        groups: None,
        address: LaunchAddress::Launched,
        launch: &[LaunchSource {
            named_at: &[&["LaunchTemplate", "Id"], &["LaunchTemplate", "Name"]],
            kinds: &["AWS::EC2::LaunchTemplate"],
            groups: CFN_TEMPLATE_GROUPS,
            public_address: CFN_TEMPLATE_PUBLIC_ADDRESS,
            overrides: &[],
        }],
        unlisted_groups: UnlistedGroups::ServiceCreated(&CLOUDFORMATION_EKS_CLUSTER_GROUP),
        remote_access: Some(&CLOUDFORMATION_NODE_REMOTE_ACCESS),
    },
    // awsvpc networking: Fargate tasks get a public address only when asked, and tasks on EC2
    // container instances never do (the ECS API rejects the setting for them).
    NetworkedWorkload {
        kind: "aws_ecs_service",
        subnets: &["network_configuration", "subnets"],
        groups: Some(&["network_configuration", "security_groups"]),
        address: LaunchAddress::Switch(&["network_configuration", "assign_public_ip"]),
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    NetworkedWorkload {
        kind: "AWS::ECS::Service",
        subnets: &["NetworkConfiguration", "AwsvpcConfiguration", "Subnets"],
        groups: Some(&[
            "NetworkConfiguration",
            "AwsvpcConfiguration",
            "SecurityGroups",
        ]),
        address: LaunchAddress::Switch(&[
            "NetworkConfiguration",
            "AwsvpcConfiguration",
            "AssignPublicIp",
        ]),
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    // Task sets (a service with an external deployment controller) launch the same awsvpc
    // tasks with the same defaults; CloudFormation spells the block `AwsVpcConfiguration` here.
    NetworkedWorkload {
        kind: "aws_ecs_task_set",
        subnets: &["network_configuration", "subnets"],
        groups: Some(&["network_configuration", "security_groups"]),
        address: LaunchAddress::Switch(&["network_configuration", "assign_public_ip"]),
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    NetworkedWorkload {
        kind: "AWS::ECS::TaskSet",
        subnets: &["NetworkConfiguration", "AwsVpcConfiguration", "Subnets"],
        groups: Some(&[
            "NetworkConfiguration",
            "AwsVpcConfiguration",
            "SecurityGroups",
        ]),
        address: LaunchAddress::Switch(&[
            "NetworkConfiguration",
            "AwsVpcConfiguration",
            "AssignPublicIp",
        ]),
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    // A function's network interfaces never get a public address, whatever the subnet says.
    NetworkedWorkload {
        kind: "aws_lambda_function",
        subnets: &["vpc_config", "subnet_ids"],
        groups: Some(&["vpc_config", "security_group_ids"]),
        address: LaunchAddress::Never,
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
    NetworkedWorkload {
        kind: "AWS::Lambda::Function",
        subnets: &["VpcConfig", "SubnetIds"],
        groups: Some(&["VpcConfig", "SecurityGroupIds"]),
        address: LaunchAddress::Never,
        launch: &[],
        unlisted_groups: UnlistedGroups::VpcDefault,
        remote_access: None,
    },
];

/// Where a workload names the IAM identity it runs with (an instance profile or a role), on
/// itself or on a resource it names (a launch template, a task definition).
pub struct WorkloadIdentity {
    pub kind: &'static str,
    pub identity: &'static [Path],
    /// `(where the workload names it, its types, where that names the identity)`.
    pub through: &'static [(Path, &'static [&'static str], &'static [Path])],
}

pub const WORKLOAD_IDENTITIES: &[WorkloadIdentity] = &[
    WorkloadIdentity {
        kind: "aws_instance",
        identity: &[&["iam_instance_profile"]],
        through: &[],
    },
    WorkloadIdentity {
        kind: "AWS::EC2::Instance",
        identity: &[&["IamInstanceProfile"]],
        through: &[],
    },
    WorkloadIdentity {
        kind: "aws_autoscaling_group",
        identity: &[],
        through: &[
            (
                &["launch_template", "id"],
                &["aws_launch_template"],
                &[
                    &["iam_instance_profile", "name"],
                    &["iam_instance_profile", "arn"],
                ],
            ),
            (
                &["launch_template", "name"],
                &["aws_launch_template"],
                &[
                    &["iam_instance_profile", "name"],
                    &["iam_instance_profile", "arn"],
                ],
            ),
            (
                &["launch_configuration"],
                &["aws_launch_configuration"],
                &[&["iam_instance_profile"]],
            ),
            (
                &[
                    "mixed_instances_policy",
                    "launch_template",
                    "launch_template_specification",
                    "launch_template_id",
                ],
                &["aws_launch_template"],
                &[
                    &["iam_instance_profile", "name"],
                    &["iam_instance_profile", "arn"],
                ],
            ),
            (
                &[
                    "mixed_instances_policy",
                    "launch_template",
                    "launch_template_specification",
                    "launch_template_name",
                ],
                &["aws_launch_template"],
                &[
                    &["iam_instance_profile", "name"],
                    &["iam_instance_profile", "arn"],
                ],
            ),
        ],
    },
    WorkloadIdentity {
        kind: "AWS::AutoScaling::AutoScalingGroup",
        identity: &[],
        through: &[
            (
                &["LaunchTemplate", "LaunchTemplateId"],
                &["AWS::EC2::LaunchTemplate"],
                &[
                    &["LaunchTemplateData", "IamInstanceProfile", "Name"],
                    &["LaunchTemplateData", "IamInstanceProfile", "Arn"],
                ],
            ),
            (
                &["LaunchTemplate", "LaunchTemplateName"],
                &["AWS::EC2::LaunchTemplate"],
                &[
                    &["LaunchTemplateData", "IamInstanceProfile", "Name"],
                    &["LaunchTemplateData", "IamInstanceProfile", "Arn"],
                ],
            ),
            (
                &["LaunchConfigurationName"],
                &["AWS::AutoScaling::LaunchConfiguration"],
                &[&["IamInstanceProfile"]],
            ),
            (
                &[
                    "MixedInstancesPolicy",
                    "LaunchTemplate",
                    "LaunchTemplateSpecification",
                    "LaunchTemplateId",
                ],
                &["AWS::EC2::LaunchTemplate"],
                &[
                    &["LaunchTemplateData", "IamInstanceProfile", "Name"],
                    &["LaunchTemplateData", "IamInstanceProfile", "Arn"],
                ],
            ),
            (
                &[
                    "MixedInstancesPolicy",
                    "LaunchTemplate",
                    "LaunchTemplateSpecification",
                    "LaunchTemplateName",
                ],
                &["AWS::EC2::LaunchTemplate"],
                &[
                    &["LaunchTemplateData", "IamInstanceProfile", "Name"],
                    &["LaunchTemplateData", "IamInstanceProfile", "Arn"],
                ],
            ),
        ],
    },
    // Managed nodes run as the node role; a launch template for them may not name an
    // instance profile.
    WorkloadIdentity {
        kind: "aws_eks_node_group",
        identity: &[&["node_role_arn"]],
        through: &[],
    },
    WorkloadIdentity {
        kind: "AWS::EKS::Nodegroup",
        identity: &[&["NodeRole"]],
        through: &[],
    },
    // The task role: what the containers' code runs as (not the execution role, which ECS uses
    // to pull images and write logs).
    WorkloadIdentity {
        kind: "aws_ecs_service",
        identity: &[],
        through: &[(
            &["task_definition"],
            &["aws_ecs_task_definition"],
            &[&["task_role_arn"]],
        )],
    },
    WorkloadIdentity {
        kind: "AWS::ECS::Service",
        identity: &[],
        through: &[(
            &["TaskDefinition"],
            &["AWS::ECS::TaskDefinition"],
            &[&["TaskRoleArn"]],
        )],
    },
    WorkloadIdentity {
        kind: "aws_ecs_task_set",
        identity: &[],
        through: &[(
            &["task_definition"],
            &["aws_ecs_task_definition"],
            &[&["task_role_arn"]],
        )],
    },
    WorkloadIdentity {
        kind: "AWS::ECS::TaskSet",
        identity: &[],
        through: &[(
            &["TaskDefinition"],
            &["AWS::ECS::TaskDefinition"],
            &[&["TaskRoleArn"]],
        )],
    },
    WorkloadIdentity {
        kind: "aws_lambda_function",
        identity: &[&["role"]],
        through: &[],
    },
    WorkloadIdentity {
        kind: "AWS::Lambda::Function",
        identity: &[&["Role"]],
        through: &[],
    },
];

/// The kinds of workload whose identity the catalog knows.
pub fn workload_identity(kind: &str) -> Option<&'static WorkloadIdentity> {
    WORKLOAD_IDENTITIES.iter().find(|w| w.kind == kind)
}

/// How a workload names its identity.
pub enum IdentityRef<'a> {
    /// The value naming its instance profile or role.
    Named(&'a Node),
    /// It names it through a launch template or task definition that is not in the
    /// configuration: which identity is not known.
    Unresolved(&'a Node),
}

/// The value naming the workload's instance profile or role, where the catalog says it is;
/// `None` when it runs without one.
pub fn identity_of<'a>(model: &'a Model, r: &'a Resource) -> Option<IdentityRef<'a>> {
    let spec = workload_identity(&r.kind)?;
    let given = |r: &'a Resource, paths: &[Path]| paths.iter().find_map(|p| super::written(r, p));
    if let Some(node) = given(r, spec.identity) {
        return Some(IdentityRef::Named(node));
    }
    for (named_at, kinds, identity) in spec.through {
        let Some(named) = super::written(r, named_at) else {
            continue;
        };
        return match model.resolve_kind(named, kinds) {
            Some((_, holder)) => given(holder, identity).map(IdentityRef::Named),
            None => Some(IdentityRef::Unresolved(named)),
        };
    }
    None
}

/// Instance profiles and the attribute naming their role: a workload with the profile runs as
/// the role.
pub const INSTANCE_PROFILE_ROLES: &[(&str, &str)] = &[
    ("aws_iam_instance_profile", "role"),
    ("AWS::IAM::InstanceProfile", "Roles"),
];

/// The role behind an instance profile of the model, when it names one in the model.
pub fn role_of_profile(model: &Model, profile: &Resource) -> Option<crate::graph::ResourceId> {
    let (_, attribute) = INSTANCE_PROFILE_ROLES
        .iter()
        .find(|(kind, _)| *kind == profile.kind)?;
    match profile.get(attribute)?.items() {
        [only] => model.resolve(only),
        _ => None,
    }
}

pub const USER_DATA: &[UserDataLocation] = &[
    UserDataLocation {
        kind: "aws_instance",
        path: &["user_data"],
        base64: false,
        may_be_hashed: true,
    },
    UserDataLocation {
        kind: "aws_instance",
        path: &["user_data_base64"],
        base64: true,
        may_be_hashed: false,
    },
    UserDataLocation {
        kind: "aws_launch_configuration",
        path: &["user_data"],
        base64: false,
        may_be_hashed: true,
    },
    UserDataLocation {
        kind: "aws_launch_configuration",
        path: &["user_data_base64"],
        base64: true,
        may_be_hashed: false,
    },
    UserDataLocation {
        kind: "aws_launch_template",
        path: &["user_data"],
        base64: true,
        may_be_hashed: false,
    },
    UserDataLocation {
        kind: "AWS::EC2::Instance",
        path: &["UserData"],
        base64: true,
        may_be_hashed: false,
    },
    UserDataLocation {
        kind: "AWS::AutoScaling::LaunchConfiguration",
        path: &["UserData"],
        base64: true,
        may_be_hashed: false,
    },
    UserDataLocation {
        kind: "AWS::EC2::LaunchTemplate",
        path: &["LaunchTemplateData", "UserData"],
        base64: true,
        may_be_hashed: false,
    },
];
