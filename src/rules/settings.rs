//! Reading one setting of a resource the same way for every format: Terraform nested blocks are
//! lists of one map (as in plans), CloudFormation properties are maps; a path steps through both.

use crate::graph::{Node, Resource, Truth};
use crate::rules::Context;

/// A setting as written: absent (its default applies), or a value that may be unknown.
pub enum Setting<'a> {
    Absent,
    Value(&'a Node),
}

/// Follows `path` from the resource's attributes, stepping into the single element of a
/// nested block. An unknown block on the way is returned as the value.
pub fn setting<'a>(r: &'a Resource, path: &[&str]) -> Setting<'a> {
    let Some((first, rest)) = path.split_first() else {
        return Setting::Absent;
    };
    let Some(mut node) = r.get(first) else {
        return Setting::Absent;
    };
    for key in rest {
        if node.is_unknown() {
            return Setting::Value(node);
        }
        let inner = match node.as_list() {
            Some([]) => return Setting::Absent,
            Some([only]) => only,
            Some(_) => return Setting::Value(node),
            None => node,
        };
        if inner.is_unknown() {
            return Setting::Value(inner);
        }
        match inner.get(key) {
            Some(n) => node = n,
            None => return Setting::Absent,
        }
    }
    // Plans write an unset nested block as an empty list.
    if node.is_null() || node.as_list().is_some_and(<[Node]>::is_empty) {
        return Setting::Absent;
    }
    Setting::Value(node)
}

/// Where a boolean setting lives for one resource kind.
pub struct BoolSetting {
    pub kind: &'static str,
    pub path: &'static [&'static str],
    /// What AWS (or the provider) does when the setting is absent.
    pub default: bool,
}

/// Reports resources whose boolean setting is not `required`: at the value when written, at
/// the resource header when the default applies. Unknown values are recorded, not reported.
pub fn require_bool(ctx: &mut Context<'_>, settings: &[BoolSetting], required: bool, what: &str) {
    for s in settings {
        for r in ctx.resources(std::slice::from_ref(&s.kind)) {
            match setting(r, s.path) {
                Setting::Absent if s.default != required => {
                    let name = s.path.last().copied().unwrap_or_default();
                    ctx.report(
                        r,
                        r.span,
                        format!(
                            "`{}` {what} ({name} is not set and defaults to {})",
                            r.address, s.default
                        ),
                    );
                }
                Setting::Absent => {}
                Setting::Value(v) => match v.truth() {
                    Truth::Unknown => ctx.unknown(r, v),
                    t if t.is_yes() == required => {}
                    _ => ctx.report(r, v.span, format!("`{}` {what}", r.address)),
                },
            }
        }
    }
}

/// A string setting that is present and not empty.
pub fn is_set(r: &Resource, path: &[&str]) -> Truth {
    match setting(r, path) {
        Setting::Absent => Truth::No,
        Setting::Value(v) => v.is_given(),
    }
}
