//! Reading JSON and YAML text into values with spans. The loaders read whole files with it, and
//! the graph and the catalog read documents embedded in values (policy documents, container
//! definitions, SSM documents), so it lives here, below both.

pub mod json;
pub mod yaml;

use crate::source::Span;

/// Text that is not valid JSON or YAML (or holds more than these readers accept: nesting too
/// deep), located as precisely as the parser allows.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span,
        }
    }
}
