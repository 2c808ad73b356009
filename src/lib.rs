//! zt-lint: a pre-deploy linter for zero-trust violations in AWS infrastructure as code.

pub mod baseline;
pub mod config;
pub mod engine;
pub mod fingerprint;
pub mod graph;
pub mod guard;
pub mod load;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
