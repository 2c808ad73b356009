//! Network: what can reach what.

pub mod data_store_in_public_subnet;
pub mod data_store_reachable_from_internet;
pub mod data_store_reachable_from_internet_facing_instance;
pub mod database_publicly_accessible;
pub mod default_security_group_allows_traffic;
pub mod eks_public_endpoint;
pub mod emr_block_public_access_disabled;
pub mod image_or_snapshot_shared_publicly;
pub mod instance_admin_port_reachable_from_internet;
pub mod instance_public_ip;
pub mod load_balancer_http_without_redirect;
pub mod network_acl_admin_port_from_world;
pub mod network_acl_allows_all_from_world;
pub mod node_group_ssh_from_anywhere;
pub mod peering_route_to_everywhere;
pub mod s3_access_point_internet_origin;
pub mod sagemaker_notebook_direct_internet;
pub mod security_group_unrestricted_egress;
pub mod security_group_world_ingress_other_port;
pub mod security_group_world_ingress_sensitive_port;
pub mod service_endpoint_public;
pub mod subnet_auto_assigns_public_ip;
pub mod tls_policy_outdated;
pub mod unauthenticated_endpoint;
pub mod vpc_endpoint_bypassed;
pub mod vpc_endpoint_policy_allows_all;
