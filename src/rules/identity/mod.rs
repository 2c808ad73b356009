//! Identity: who may do what.

pub mod iam_policy_full_admin;
