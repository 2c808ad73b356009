//! Data: protection of data at rest and in transit.

pub mod database_ssl_not_enforced;
pub mod encryption_in_transit_disabled;
pub mod iam_policy_decrypts_with_any_key;
pub mod kms_key_rotation_disabled;
pub mod no_customer_managed_key;
pub mod plaintext_secret;
pub mod resource_policy_public;
pub mod s3_bucket_default_encryption_only;
pub mod s3_bucket_public_acl;
pub mod s3_bucket_website_endpoint;
pub mod s3_bucket_without_secure_transport;
pub mod s3_object_acls_enabled;
pub mod s3_public_access_block_disabled;
pub mod s3_public_access_block_missing;
pub mod secret_without_rotation;
pub mod security_configuration_missing;
pub mod session_data_without_kms_key;
pub mod storage_not_encrypted;
pub mod topic_policy_cross_account;
