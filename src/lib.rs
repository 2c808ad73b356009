//! zt-lint: a pre-deploy linter for zero-trust violations in AWS infrastructure as code.

// Input comes from untrusted pull requests: library code must not panic on it.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod aws;
pub mod baseline;
pub mod compliance;
pub mod config;
pub mod diff;
pub mod engine;
pub mod fingerprint;
pub mod fix;
pub mod graph;
pub mod guard;
pub mod load;
pub mod report;
pub mod rules;
pub mod scope;
pub mod source;
pub mod suppress;
