//! Network: what can reach what.

pub mod data_store_in_public_subnet;
pub mod database_publicly_accessible;
pub mod security_group_unrestricted_egress;
pub mod security_group_world_ingress_sensitive_port;
