//! Where a value used inside a module instance was decided: by an argument of the module call
//! (`public = true`), or by the call leaving a variable at its default. A finding caused by such
//! a value belongs where the decision is written, usually in code the user owns, not inside a
//! module installed under `.terraform/modules`.

use crate::source::Span;
use std::collections::HashMap;

/// Who decided a module variable's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputSource {
    /// The caller's argument value, or the module call header when a default decided.
    pub span: Span,
    /// The variable, as the module names it (`var.public`).
    pub variable: String,
    /// The call set nothing: the module's default is in effect.
    pub by_default: bool,
    /// Where the module's default value is written, when it is in effect.
    pub default_value: Option<Span>,
}

impl InputSource {
    /// Where the value this source decided is written: the caller's argument, or the default.
    pub fn written_at(&self) -> Option<Span> {
        if self.by_default {
            self.default_value
        } else {
            Some(self.span)
        }
    }
}

/// Uses of module variables, keyed by the module calls that lead to the module instance
/// (outermost first, as [`crate::graph::Resource::module_calls`]) and the span of the use.
#[derive(Clone, Debug, Default)]
pub struct ModuleInputs {
    uses: HashMap<(Vec<Span>, Span), InputSource>,
    /// How many uses (in any module instance) read the value written at each place (an
    /// argument, a default): a fix edits a place only when the finding's use is its one use.
    users: HashMap<Span, u32>,
}

/// Hops followed outward through nested calls; module nesting is bounded far below this.
const MAX_HOPS: usize = 64;

impl ModuleInputs {
    pub fn record(&mut self, calls: &[Span], used_at: Span, source: InputSource) {
        self.uses.insert((calls.to_vec(), used_at), source);
    }

    /// Records a use of a variable in the module's code (not an element of its default), so
    /// the uses of what the caller wrote are counted.
    pub fn record_use(&mut self, calls: &[Span], used_at: Span, source: InputSource) {
        let written = source.written_at();
        if self
            .uses
            .insert((calls.to_vec(), used_at), source)
            .is_none()
            && let Some(written) = written
        {
            *self.users.entry(written).or_default() += 1;
        }
    }

    /// How many uses read the value written at `written` (see [`InputSource::written_at`]).
    pub fn users(&self, written: Span) -> u32 {
        self.users.get(&written).copied().unwrap_or(0)
    }

    pub fn get(&self, calls: &[Span], used_at: Span) -> Option<&InputSource> {
        self.uses.get(&(calls.to_vec(), used_at))
    }

    pub fn is_empty(&self) -> bool {
        self.uses.is_empty()
    }

    /// Follows a value at `span`, in the module reached through `calls`, out to where its
    /// caller wrote it: through each enclosing call whose own argument is a variable of that
    /// caller, and stopping at a default. Returns the outermost location and the locations
    /// passed on the way (innermost first, each with a note), or `None` when the value was
    /// not decided by a caller.
    pub fn trace(&self, calls: &[Span], span: Span) -> Option<(Span, Vec<(Span, String)>)> {
        let mut calls = calls.to_vec();
        let mut at = span;
        let mut related = Vec::new();
        for _ in 0..MAX_HOPS {
            let Some(source) = self.get(&calls, at) else {
                break;
            };
            let note = if source.by_default {
                // The use of the variable, or an element of its default value.
                format!(
                    "the module's default for `{}` decides this value; the module call does not set it",
                    source.variable
                )
            } else {
                format!("`{}` is used here, set by the module call", source.variable)
            };
            related.push((at, note));
            at = source.span;
            calls.pop();
            if source.by_default || calls.is_empty() {
                break;
            }
        }
        (!related.is_empty()).then_some((at, related))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn span(file: u32, start: u32) -> Span {
        Span::new(FileId(file), start as usize, start as usize + 1)
    }

    #[test]
    fn follows_arguments_out_through_nested_calls() {
        let (outer_call, inner_call) = (span(0, 10), span(1, 20));
        let mut inputs = ModuleInputs::default();
        // Inner module: `var.cidr` at 2:30 was set by the wrapper's argument at 1:25, itself
        // `var.cidr` of the wrapper, set by the root's argument at 0:15.
        inputs.record(
            &[outer_call, inner_call],
            span(2, 30),
            InputSource {
                span: span(1, 25),
                variable: "var.ssh_cidr".into(),
                by_default: false,
                default_value: None,
            },
        );
        inputs.record(
            &[outer_call],
            span(1, 25),
            InputSource {
                span: span(0, 15),
                variable: "var.cidr".into(),
                by_default: false,
                default_value: None,
            },
        );
        let (primary, related) = inputs
            .trace(&[outer_call, inner_call], span(2, 30))
            .unwrap();
        assert_eq!(primary, span(0, 15));
        let places: Vec<Span> = related.iter().map(|(s, _)| *s).collect();
        assert_eq!(places, [span(2, 30), span(1, 25)]);
        // Another call chain reaching the same line is not this one.
        assert!(
            inputs
                .trace(&[span(0, 99), inner_call], span(2, 30))
                .is_none()
        );
    }

    #[test]
    fn a_default_stops_at_the_call() {
        let call = span(0, 10);
        let mut inputs = ModuleInputs::default();
        inputs.record(
            &[call],
            span(1, 5),
            InputSource {
                span: call,
                variable: "var.public".into(),
                by_default: true,
                default_value: Some(span(1, 40)),
            },
        );
        let (primary, related) = inputs.trace(&[call], span(1, 5)).unwrap();
        assert_eq!(primary, call);
        assert!(related[0].1.contains("default"));
    }
}
