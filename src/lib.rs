//! zt-lint: a pre-deploy linter for zero-trust violations in AWS infrastructure as code.

pub mod engine;
pub mod graph;
pub mod load;
pub mod report;
pub mod rules;
pub mod source;
