//! Identity: who may do what.

pub mod account_password_policy_weak;
pub mod cognito_identity_pool_unauthenticated;
pub mod cognito_user_pool_without_mfa;
pub mod console_user_mfa_not_required;
pub mod efs_access_point_unscoped;
pub mod graphql_api_key_authentication;
pub mod iam_admin_managed_policy_attached;
pub mod iam_policy_all_actions_scoped_resource;
pub mod iam_policy_attached_to_user;
pub mod iam_policy_full_admin;
pub mod iam_policy_service_wildcard;
pub mod iam_policy_wildcard_resource_sensitive_actions;
pub mod iam_policy_wildcard_resource_write_actions;
pub mod iam_role_cross_account_without_external_id;
pub mod iam_role_long_sessions;
pub mod iam_role_oidc_trust_without_subject;
pub mod iam_role_trust_any_principal;
pub mod iam_static_credentials;
pub mod internet_workload_reads_private_store;
pub mod iot_policy_unscoped;
pub mod lambda_permission_without_source;
pub mod rds_iam_authentication_disabled;
pub mod resource_policy_wildcard_action;
pub mod search_domain_without_fine_grained_access;
