//! Where the value a resource reads was written, when that place is the one place to change it:
//! `publicly_accessible = var.public` in a module reads the caller's `public = true`, which may
//! itself be `var.public` of the root, set in `terraform.tfvars`. A fix edits that place, so it
//! must be read by this use alone; a place that other uses read too, or that the run may
//! override (a root variable's default), is not one to edit.

use crate::graph::module_inputs::ModuleInputs;
use crate::graph::value_origins::ValueOrigins;
use crate::source::Span;

/// References followed from a use to its literal; module nesting and chains of locals are far
/// shorter.
const MAX_HOPS: usize = 64;

/// The place a value was written, and the uses passed on the way (innermost first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenAt {
    pub span: Span,
    pub through: Vec<Span>,
}

/// Follows the value used at `span`, in the module instance reached through `calls`, to where
/// it was written: out through module call arguments (or to the module's default when the call
/// leaves it unset), then through locals and tfvars. `None` when it was written at `span`, or
/// when a place on the way is read by another use too (changing it would change that use) or
/// may be overridden by the run.
pub fn written_at(
    inputs: &ModuleInputs,
    origins: &ValueOrigins,
    calls: &[Span],
    span: Span,
) -> Option<WrittenAt> {
    let mut calls = calls.to_vec();
    let mut at = span;
    let mut through = Vec::new();
    for _ in 0..MAX_HOPS {
        let next = if let Some(source) = inputs.get(&calls, at) {
            let written = source.written_at()?;
            if inputs.users(written) != 1 {
                return None;
            }
            if !source.by_default {
                calls.pop();
            }
            written
        } else if let Some(origin) = origins.origin_of(&calls, at) {
            if origins.users(origin) != 1 || origins.is_overridable(origin) {
                return None;
            }
            origin
        } else {
            return (!through.is_empty()).then_some(WrittenAt { span: at, through });
        };
        if next == at {
            return (!through.is_empty()).then_some(WrittenAt { span: at, through });
        }
        through.push(at);
        at = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::module_inputs::InputSource;
    use crate::source::FileId;

    fn span(file: u32, start: usize) -> Span {
        Span::new(FileId(file), start, start + 1)
    }

    fn argument(at: Span) -> InputSource {
        InputSource {
            span: at,
            variable: "var.public".into(),
            by_default: false,
            default_value: None,
        }
    }

    #[test]
    fn follows_a_call_argument_to_the_root_tfvars_line() {
        let call = span(0, 1);
        let (use_in_module, argument_in_root, tfvars) = (span(1, 10), span(0, 20), span(2, 5));
        let mut inputs = ModuleInputs::default();
        let mut origins = ValueOrigins::default();
        inputs.record_use(&[call], use_in_module, argument(argument_in_root));
        origins.record(&[], argument_in_root, tfvars);
        let found = written_at(&inputs, &origins, &[call], use_in_module);
        assert_eq!(
            found,
            Some(WrittenAt {
                span: tfvars,
                through: vec![use_in_module, argument_in_root],
            })
        );
        // Written where it is used: nothing to follow.
        assert_eq!(written_at(&inputs, &origins, &[], tfvars), None);
    }

    #[test]
    fn a_place_read_twice_or_overridable_is_not_returned() {
        let call = span(0, 1);
        let argument_in_root = span(0, 20);
        let mut inputs = ModuleInputs::default();
        let origins = ValueOrigins::default();
        inputs.record_use(&[call], span(1, 10), argument(argument_in_root));
        inputs.record_use(&[call], span(1, 30), argument(argument_in_root));
        assert_eq!(written_at(&inputs, &origins, &[call], span(1, 10)), None);

        let mut origins = ValueOrigins::default();
        origins.record(&[], span(0, 50), span(0, 60));
        origins.mark_overridable(span(0, 60));
        assert_eq!(written_at(&inputs, &origins, &[], span(0, 50)), None);
    }

    #[test]
    fn a_default_in_effect_is_written_in_the_module() {
        let call = span(0, 1);
        let (use_in_module, default) = (span(1, 10), span(1, 40));
        let mut inputs = ModuleInputs::default();
        inputs.record_use(
            &[call],
            use_in_module,
            InputSource {
                span: call,
                variable: "var.public".into(),
                by_default: true,
                default_value: Some(default),
            },
        );
        let found = written_at(&inputs, &ValueOrigins::default(), &[call], use_in_module);
        assert_eq!(found.map(|w| w.span), Some(default));
    }
}
