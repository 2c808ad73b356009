use std::collections::HashMap;

use crate::aws::given;
use crate::aws::store_authentication::{
    Authentication, BUILT_IN_DEFAULT_USER, NO_PASSWORD_MODE, STORE_AUTHENTICATION,
    StoreAuthentication, UserGroups,
};
use crate::graph::{Model, Node, Resource, Truth};
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
        let directory = store.user_groups.map(|groups| Directory::new(ctx, groups));
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
                    } else if let Some(directory) = &directory {
                        judge_user_groups(ctx, r, paths, directory);
                    }
                }
                Authentication::Unavailable { member_of } => {
                    if member_of
                        .is_some_and(|k| r.get(k).is_some_and(|v| v.is_given() != Truth::No))
                    {
                        continue;
                    }
                    ctx.report(
                        r,
                        r.span,
                        format!(
                            "`{}` lets any client that reaches it in without authentication (a standalone cache cluster takes neither an AUTH token nor a user group: create it as a replication group)",
                            r.address
                        ),
                    );
                }
                Authentication::AccessList {
                    path,
                    open,
                    acl_kinds,
                } => {
                    // The ACL name is required; without it the file is incomplete.
                    let (Setting::Value(acl) | Setting::UnknownBlock(acl)) = setting(r, path)
                    else {
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
fn authenticates(store: &StoreAuthentication, r: &Resource) -> bool {
    match &store.authentication {
        Authentication::AnyOf(paths) => paths.iter().any(|path| given(r, path) != Truth::No),
        Authentication::Unavailable { .. } => false,
        Authentication::AccessList { .. } => true,
    }
}

/// The user groups and users of the model, by the ids a literal names them with: built once per
/// rule run, so each store looks its groups up without a scan.
struct Directory<'a> {
    kinds: &'static UserGroups,
    groups: HashMap<&'a str, &'a Resource>,
    users: HashMap<&'a str, &'a Resource>,
}

impl<'a> Directory<'a> {
    fn new(ctx: &Context<'a>, kinds: &'static UserGroups) -> Directory<'a> {
        let by_id = |of: &[&str], id: &str| -> HashMap<&'a str, &'a Resource> {
            ctx.resources(of)
                .filter_map(|r| Some((r.get(id)?.as_str()?, r)))
                .collect()
        };
        Directory {
            kinds,
            groups: by_id(kinds.group_kinds, kinds.group_id),
            users: by_id(kinds.user_kinds, kinds.user_id),
        }
    }

    fn find(
        &self,
        model: &'a Model,
        node: &Node,
        kinds: &[&str],
        by_id: &HashMap<&'a str, &'a Resource>,
    ) -> Option<&'a Resource> {
        match node.as_str() {
            Some(id) => by_id.get(id).copied(),
            None => model.resolve_kind(node, kinds).map(|(_, r)| r),
        }
    }
}

/// Whose password a client needs: what one user of a group lets in.
enum Access {
    /// Any client, as this user (named).
    Open(String),
    Unknown,
    Closed,
}

/// A store authenticated only by user groups lets everyone in when a group holds a user that
/// needs no password. A group or user outside the configuration is taken as asking for a
/// password: it names credentials we cannot see, and the open built-in `default` user is
/// recognised by its id wherever it is named.
fn judge_user_groups(
    ctx: &mut Context<'_>,
    r: &Resource,
    paths: &[&[&str]],
    directory: &Directory<'_>,
) {
    let kinds = directory.kinds;
    let token_given = paths
        .iter()
        .filter(|p| **p != kinds.setting)
        .any(|p| given(r, p) != Truth::No);
    let (Setting::Value(named) | Setting::UnknownBlock(named)) = setting(r, kinds.setting) else {
        return;
    };
    if token_given {
        return;
    }
    for group_node in named.items() {
        let Some(group) =
            directory.find(ctx.model, group_node, kinds.group_kinds, &directory.groups)
        else {
            continue;
        };
        let Some(users) = group.get(kinds.user_ids).filter(|v| !v.is_null()) else {
            continue;
        };
        if users.is_unknown() {
            ctx.unknown(
                r,
                &Node::unknown(
                    "the users of its user group are not known statically",
                    group_node.span,
                ),
            );
            continue;
        }
        for user in users.items() {
            match access(ctx.model, directory, user) {
                Access::Open(name) => {
                    let group_name = group
                        .get(kinds.group_id)
                        .and_then(Node::as_str)
                        .unwrap_or(group.address.as_str());
                    ctx.report(
                        r,
                        group_node.span,
                        format!(
                            "`{}` lets any client that reaches it in without a password: its user group `{group_name}` holds {name}, a user that needs no password and is switched on",
                            r.address
                        ),
                    );
                    return;
                }
                Access::Unknown => ctx.unknown(
                    r,
                    &Node::unknown(
                        "whether a user of its user group needs a password is not known statically",
                        group_node.span,
                    ),
                ),
                Access::Closed => {}
            }
        }
    }
}

fn access(model: &Model, directory: &Directory<'_>, user: &Node) -> Access {
    let kinds = directory.kinds;
    if user.as_str() == Some(BUILT_IN_DEFAULT_USER) {
        return Access::Open(format!("the built-in `{BUILT_IN_DEFAULT_USER}` user"));
    }
    let Some(u) = directory.find(model, user, kinds.user_kinds, &directory.users) else {
        return Access::Closed;
    };
    let flag = u
        .get(kinds.no_password_required)
        .map_or(Truth::No, Node::truth);
    let mode = match setting(u, kinds.authentication_type) {
        Setting::Absent => Truth::No,
        Setting::Value(v) => match v.as_str() {
            Some(t) => Truth::from_bool(t.eq_ignore_ascii_case(NO_PASSWORD_MODE)),
            None if v.is_null() || v.is_unset() => Truth::No,
            None => Truth::Unknown,
        },
        Setting::UnknownBlock(_) => Truth::Unknown,
    };
    let passwordless = match (flag, mode) {
        (Truth::Yes, _) | (_, Truth::Yes) => Truth::Yes,
        (Truth::No, Truth::No) => Truth::No,
        _ => Truth::Unknown,
    };
    let enabled = match u.get(kinds.access_string).filter(|v| !v.is_null()) {
        None => Truth::No,
        Some(v) => v.as_str().map_or(Truth::Unknown, switched_on),
    };
    let name = u
        .get(kinds.user_name)
        .and_then(Node::as_str)
        .map_or_else(|| format!("`{}`", u.address), |n| format!("`{n}`"));
    match (passwordless, enabled) {
        (Truth::Yes, Truth::Yes) => Access::Open(name),
        (Truth::No, _) | (_, Truth::No) => Access::Closed,
        _ => Access::Unknown,
    }
}

/// Is a user with this Redis ACL access string enabled? The last `on` or `off` rule decides;
/// with neither, ElastiCache assigns `off`.
fn switched_on(access_string: &str) -> Truth {
    let last = access_string
        .split_whitespace()
        .rev()
        .find(|rule| rule.eq_ignore_ascii_case("on") || rule.eq_ignore_ascii_case("off"));
    Truth::from_bool(last.is_some_and(|rule| rule.eq_ignore_ascii_case("on")))
}

#[cfg(test)]
mod tests {
    use super::switched_on;
    use crate::graph::Truth;

    #[test]
    fn the_last_on_or_off_rule_switches_a_user() {
        assert_eq!(switched_on("on ~* +@all"), Truth::Yes);
        assert_eq!(switched_on("off ~* +@all"), Truth::No);
        assert_eq!(switched_on("on ~app::* -@all off"), Truth::No);
        assert_eq!(switched_on("~* +@all"), Truth::No);
    }
}
