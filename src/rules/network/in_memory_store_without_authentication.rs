use crate::aws::store_authentication::{Authentication, STORE_AUTHENTICATION};
use crate::graph::Truth;
use crate::rules::settings::{Setting, setting};
use crate::rules::{ALL_INPUTS, Context, Pillar, Rule, Severity};

pub static RULE: Rule = Rule {
    id: "ZT-NET-037",
    name: "in-memory-store-without-authentication",
    pillar: Pillar::Network,
    severity: Severity::Medium,
    enabled_by_default: true,
    inputs: ALL_INPUTS,
    summary: "ElastiCache or MemoryDB store lets any client that reaches it in without authentication",
    page: rule_page!("network/in_memory_store_without_authentication.md"),
    check,
};

fn check(ctx: &mut Context<'_>) {
    let model = ctx.model;
    for store in STORE_AUTHENTICATION {
        for r in ctx
            .resources(std::slice::from_ref(&store.kind))
            .collect::<Vec<_>>()
        {
            if let Some((engine_key, authenticating)) = store.engine {
                match r.get(engine_key).filter(|v| !v.is_null()) {
                    Some(engine) => match engine.as_str() {
                        Some(name) => {
                            if !authenticating.iter().any(|e| name.eq_ignore_ascii_case(e)) {
                                continue;
                            }
                        }
                        None => {
                            // An engine we cannot read may be one with no authentication at all.
                            if !authenticates(store, r) {
                                ctx.unknown(r, engine);
                            }
                            continue;
                        }
                    },
                    // The engine is required; without it the file is incomplete.
                    None => continue,
                }
            }
            match &store.authentication {
                Authentication::AnyOf(paths) => {
                    if !authenticates(store, r) {
                        let names: Vec<&str> =
                            paths.iter().filter_map(|p| p.last().copied()).collect();
                        let missing = match names.as_slice() {
                            [one] => format!("{one} is not set"),
                            many => format!("neither {} is set", many.join(" nor ")),
                        };
                        ctx.report(
                            r,
                            r.span,
                            format!(
                                "`{}` lets any client that reaches it in without authentication ({missing})",
                                r.address
                            ),
                        );
                    }
                }
                Authentication::AccessList {
                    path,
                    open,
                    acl_kinds,
                } => {
                    // The ACL name is required; without it the file is incomplete.
                    let Setting::Value(acl) = setting(r, path) else {
                        continue;
                    };
                    match acl.as_str() {
                        Some(name) if name.eq_ignore_ascii_case(open) => ctx.report(
                            r,
                            acl.span,
                            format!(
                                "`{}` uses the `{open}` access control list: any client that reaches it is let in as the default user, without a password",
                                r.address
                            ),
                        ),
                        Some(_) => {}
                        None if acl.is_unset() => {}
                        None if model.resolve_kind(acl, acl_kinds).is_some() => {}
                        None => ctx.unknown(r, acl),
                    }
                }
            }
        }
    }
}

/// Does the store give any of its authentication settings? A computed value (a reference to a
/// secret or a user group) is given: it names a credential, whatever its value.
fn authenticates(
    store: &crate::aws::store_authentication::StoreAuthentication,
    r: &crate::graph::Resource,
) -> bool {
    match &store.authentication {
        Authentication::AnyOf(paths) => paths.iter().any(|path| match setting(r, path) {
            Setting::Absent => false,
            Setting::Value(v) => v.is_given() != Truth::No,
        }),
        Authentication::AccessList { .. } => true,
    }
}
