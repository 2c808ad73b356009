//! Workload: what runs, with which identity and exposure.

pub mod container_root_filesystem_writable;
pub mod ecr_image_scan_disabled;
pub mod ecr_mutable_tags;
pub mod ecs_container_privileged;
pub mod imdsv2_not_required;
pub mod instance_ssh_key_pair;
pub mod sagemaker_model_network_isolation;
pub mod sagemaker_notebook_root_access;
pub mod user_data_aws_credentials;
pub mod user_data_secret;
pub mod workload_role_admin;
