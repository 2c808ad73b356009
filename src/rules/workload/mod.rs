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
pub mod workload_role_admin;

use crate::graph::{Node, Value};
use crate::load::json::{Placement, parse_placed};

/// The containers of an ECS task or Batch job definition: a list, one container's map (Batch),
/// or either written as JSON text (`jsonencode(...)` in a plan, a heredoc).
pub(crate) fn containers(definitions: &Node) -> Vec<Node> {
    match &definitions.value {
        Value::List(items) => items.clone(),
        Value::Map(_) => vec![definitions.clone()],
        Value::String(s) => match parse_placed(s, Placement::Whole(definitions.span)) {
            Ok(n) if n.as_map().is_some() => vec![n],
            Ok(n) => n.items().to_vec(),
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The first of `keys` (one per format's spelling) a container definition sets.
pub(crate) fn field<'n>(container: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| container.get(k))
}
