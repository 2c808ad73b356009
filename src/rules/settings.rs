//! Reading one setting of a resource the same way for every format (the path reader itself lives
//! in the AWS catalog, which rules and views share).

use crate::aws::{Catalog, Facet, Given, LogFamily, LogSwitch, UNKNOWN_BLOCK};
pub use crate::aws::{Setting, setting};
use crate::fix::{Change, Literal};
use crate::graph::{Resource, Truth};
use crate::rules::Context;

/// Where a boolean setting lives for one resource kind (the catalog's entry type).
pub type BoolSetting = crate::aws::Toggle;

/// Reports resources whose boolean setting is not `required`: at the value when written, at
/// the resource header when the default applies. Unknown values are recorded, not reported.
pub fn require_bool(ctx: &mut Context<'_>, settings: &[BoolSetting], required: bool, what: &str) {
    for s in settings {
        for r in ctx.resources(std::slice::from_ref(&s.kind)) {
            // A plan's value that no expression sets is the provider's to compute: its default.
            let written = match setting(r, s.path) {
                Setting::Value(v) if v.is_unset() => Setting::Absent,
                other => other,
            };
            match written {
                Setting::Absent if s.default != required => {
                    let name = s.path.last().copied().unwrap_or_default();
                    ctx.report_fixable(
                        r,
                        r.span,
                        format!(
                            "`{}` {what} ({name} is not set and defaults to {})",
                            r.address, s.default
                        ),
                        vec![Change::Add {
                            resource: r.span,
                            path: s.path.to_vec(),
                            value: Literal::Bool(required),
                        }],
                    );
                }
                Setting::Absent => {}
                Setting::UnknownBlock(block) => {
                    ctx.undecided_because(r, block.span, UNKNOWN_BLOCK.to_string())
                }
                Setting::Value(v) => match v.truth() {
                    Truth::Unknown => ctx.unknown(r, v),
                    t if t.is_yes() == required => {}
                    _ => ctx.report_fixable(
                        r,
                        v.span,
                        format!("`{}` {what}", r.address),
                        vec![Change::Set {
                            span: v.span,
                            value: Literal::Bool(required),
                        }],
                    ),
                },
            }
        }
    }
}

/// [`require_bool`] for settings whose change is not a safe fix (it replaces the resource, or
/// every client must change first): the findings carry no change.
pub fn require_bool_without_fix(
    ctx: &mut Context<'_>,
    settings: &[BoolSetting],
    required: bool,
    what: &str,
) {
    let first = ctx.findings.len();
    require_bool(ctx, settings, required, what);
    for finding in ctx.findings.iter_mut().skip(first) {
        finding.changes.clear();
    }
}

/// Reports resources that do not give a setting the control needs, as "`address` <predicate>
/// (<setting> is not set)" at the resource header; unknown values are recorded, not reported.
pub fn require_given(ctx: &mut Context<'_>, settings: &[Given], predicate: &str) {
    for s in settings {
        let name = s.path.last().copied().unwrap_or_default();
        for r in ctx
            .resources(std::slice::from_ref(&s.kind))
            .collect::<Vec<_>>()
        {
            match is_set(r, s.path) {
                Truth::No => ctx.report(
                    r,
                    r.span,
                    format!("`{}` {predicate} ({name} is not set)", r.address),
                ),
                Truth::Unknown => {
                    if let Setting::Value(v) | Setting::UnknownBlock(v) = setting(r, s.path) {
                        ctx.unknown(r, v);
                    }
                }
                Truth::Yes => {}
            }
        }
    }
}

/// Reports `r` when `facet` holds, at the span that decides it, as `message` followed by the
/// facet's reason in parentheses (when it gives one); records it when unknown.
pub fn report_when_yes(
    ctx: &mut Context<'_>,
    r: &Resource,
    facet: &Facet,
    message: impl FnOnce() -> String,
) {
    match facet.state {
        Truth::Yes if facet.why.is_empty() => ctx.report(r, facet.span, message()),
        Truth::Yes => ctx.report(r, facet.span, format!("{} ({})", message(), facet.why)),
        Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        Truth::No => {}
    }
}

/// A string setting that is present and not empty.
pub fn is_set(r: &Resource, path: &[&str]) -> Truth {
    crate::aws::given(r, path)
}

/// Reports resources whose audit logging of `family` is off, as "`address` <predicate>" plus
/// what decided it; unknown states are recorded, not reported.
pub fn require_audit_logging(ctx: &mut Context<'_>, family: LogFamily, predicate: &str) {
    let catalog = Catalog::new(ctx.model);
    for r in catalog.managed_with_audit_logging(family) {
        let Some(facet) = catalog.audit_logging(r, family) else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => {
                let changes = catalog
                    .audit_log_switch(r, family)
                    .map(|switch| switch_on(r, switch))
                    .unwrap_or_default();
                ctx.report_fixable(
                    r,
                    facet.span,
                    format!("`{}` {predicate}{}", r.address, facet.why),
                    changes,
                )
            }
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}

/// The change that turns logging on when one setting does it: a flag set to true where it is
/// written false, or added when it is a top-level setting (a flag inside a block that is
/// missing is not added: the block needs a destination only a person can choose); a missing
/// list of exported log types added with the types the control needs.
fn switch_on(r: &Resource, switch: &LogSwitch) -> Vec<Change> {
    let path = match switch {
        LogSwitch::Flag { path, .. } => path,
        // A missing list of exported types is added with the types the control needs; a list
        // that lacks some is left for a human (its other types may be deliberate).
        LogSwitch::Exports {
            path,
            required,
            item_key,
        } if !required.is_empty() => {
            return match setting(r, path) {
                Setting::Absent => vec![Change::Add {
                    resource: r.span,
                    path: path.to_vec(),
                    value: Literal::List {
                        item_key: *item_key,
                        items: required,
                    },
                }],
                Setting::Value(_) | Setting::UnknownBlock(_) => Vec::new(),
            };
        }
        _ => return Vec::new(),
    };
    match setting(r, path) {
        Setting::Value(v) if v.truth().is_no() && !v.is_null() => vec![Change::Set {
            span: v.span,
            value: Literal::Bool(true),
        }],
        Setting::Absent if path.len() == 1 => vec![Change::Add {
            resource: r.span,
            path: path.to_vec(),
            value: Literal::Bool(true),
        }],
        _ => Vec::new(),
    }
}

/// Judges one facet of every Session Manager preferences document (`SSM_DOCUMENTS` of type
/// `Session`): reports `No` as "`<address>` sets Session Manager preferences that `predicate`",
/// records documents and facets that cannot be read. Documents that are not session
/// preferences (`pick` gives `None`) are not judged.
pub fn require_session_facet(
    ctx: &mut Context<'_>,
    pick: fn(&crate::aws::sessions::SessionPreferences<'_>) -> Option<crate::aws::Facet>,
    predicate: &str,
) {
    use crate::aws::sessions::{self, SessionPreferences};
    for r in ctx.resources(sessions::SSM_DOCUMENTS).collect::<Vec<_>>() {
        let preferences = sessions::session_preferences(r);
        if let SessionPreferences::Undecided(why) = &preferences {
            ctx.unknown(r, why);
            continue;
        }
        let Some(facet) = pick(&preferences) else {
            continue;
        };
        match facet.state {
            Truth::Yes => {}
            Truth::No => ctx.report(
                r,
                facet.span,
                format!(
                    "`{}` sets Session Manager preferences that {predicate}{}",
                    r.address, facet.why
                ),
            ),
            Truth::Unknown => ctx.unknown(r, &facet.as_unknown_node()),
        }
    }
}
