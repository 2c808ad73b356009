//! Where a value that a resource uses was written: `cidr_blocks = [local.ssh_cidr]` in `sg.tf`
//! holds a literal written in `locals.tf`, and `publicly_accessible = var.db_public` one written
//! in `terraform.tfvars` or the variable's default. Findings show that place as a related
//! location, so a change there is recognised as the cause (pre-commit, `--diff-base`).

use crate::graph::FastHashMap as HashMap;
use crate::source::Span;
use std::collections::HashSet;

/// Uses of locals and variables, keyed by the module calls that lead to the module instance
/// (outermost first; empty for the root) and the span of the use, with the span of the value
/// the use received. A value that is itself a reference is recorded at its own use, so
/// [`ValueOrigins::trace`] follows `local.a = local.b` to `b`'s literal.
#[derive(Clone, Debug, Default)]
pub struct ValueOrigins {
    origins: HashMap<(Vec<Span>, Span), Span>,
    /// How many uses (in any module instance) received the value written at each place: a fix
    /// edits a place only when the finding's use is the one use of it.
    users: HashMap<Span, u32>,
    /// Places whose value a run may replace without the files saying so: a root variable's
    /// default (`-var`, `TF_VAR_*`, a var file given in CI).
    overridable: HashSet<Span>,
}

/// References followed from a use to its literal; chains of locals are far shorter.
const MAX_HOPS: usize = 64;

impl ValueOrigins {
    pub fn record(&mut self, calls: &[Span], used_at: Span, origin: Span) {
        if used_at != origin
            && self
                .origins
                .insert((calls.to_vec(), used_at), origin)
                .is_none()
        {
            *self.users.entry(origin).or_default() += 1;
        }
    }

    /// Marks a root variable's default: the run may set the variable elsewhere.
    pub fn mark_overridable(&mut self, origin: Span) {
        self.overridable.insert(origin);
    }

    pub fn is_overridable(&self, origin: Span) -> bool {
        self.overridable.contains(&origin)
    }

    /// The place the use at `used_at` received its value from, one hop (a local's expression,
    /// a tfvars line, a default), or `None` when it was written there.
    pub fn origin_of(&self, calls: &[Span], used_at: Span) -> Option<Span> {
        self.origins.get(&(calls.to_vec(), used_at)).copied()
    }

    /// How many uses received the value written at `origin`.
    pub fn users(&self, origin: Span) -> u32 {
        self.users.get(&origin).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The place the value used at `span` was written, or `None` when it was written there.
    pub fn trace(&self, calls: &[Span], span: Span) -> Option<Span> {
        let mut key = (calls.to_vec(), span);
        let mut found = None;
        for _ in 0..MAX_HOPS {
            let Some(&origin) = self.origins.get(&key) else {
                break;
            };
            found = Some(origin);
            key.1 = origin;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn span(file: u32, start: usize) -> Span {
        Span::new(FileId(file), start, start + 1)
    }

    #[test]
    fn follows_a_chain_of_locals_to_the_literal() {
        let mut origins = ValueOrigins::default();
        // sg.tf uses local.a; local.a = local.b (in locals.tf); local.b = "0.0.0.0/0".
        origins.record(&[], span(0, 10), span(1, 5));
        origins.record(&[], span(1, 5), span(1, 40));
        assert_eq!(origins.trace(&[], span(0, 10)), Some(span(1, 40)));
        assert_eq!(origins.trace(&[], span(1, 40)), None);
        // The same line reached through a module call is another instance.
        assert_eq!(origins.trace(&[span(2, 0)], span(0, 10)), None);
    }

    #[test]
    fn counts_the_uses_of_a_place_once_each() {
        let mut origins = ValueOrigins::default();
        origins.record(&[], span(0, 10), span(1, 5));
        origins.record(&[], span(0, 10), span(1, 5));
        assert_eq!(origins.users(span(1, 5)), 1);
        origins.record(&[span(2, 0)], span(0, 10), span(1, 5));
        assert_eq!(origins.users(span(1, 5)), 2);
        assert_eq!(origins.origin_of(&[], span(0, 10)), Some(span(1, 5)));
    }

    #[test]
    fn a_cycle_ends() {
        let mut origins = ValueOrigins::default();
        origins.record(&[], span(0, 1), span(0, 2));
        origins.record(&[], span(0, 2), span(0, 1));
        assert!(origins.trace(&[], span(0, 1)).is_some());
    }
}
