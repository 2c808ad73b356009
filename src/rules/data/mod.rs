//! Data: protection of data at rest and in transit.

pub mod s3_bucket_default_encryption_only;
pub mod storage_not_encrypted;
